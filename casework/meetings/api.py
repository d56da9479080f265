import datetime
import uuid
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.responses import Status
from pydantic import Field

from casework.audit import services as audit
from casework.cases.voice import Helper, Participation
from casework.meetings import access, selectors, services
from casework.meetings.models import Attendee, Decision, FamilyView, Meeting, MeetingAction
from casework.plans.api import VoiceIn, VoiceOut

router = Router(tags=["meetings"])

Kind = Meeting.Kind
Group = Attendee.Group
OwnerType = MeetingAction.OwnerType


class AttendeeOut(Schema):
    id: uuid.UUID
    name: str
    group: str
    role: str
    organisation: str
    invited: bool
    attended: bool | None


class DecisionOut(Schema):
    id: uuid.UUID
    decision: str
    created_by: str

    @staticmethod
    def resolve_created_by(decision: Decision) -> str:
        return decision.created_by.get_username()


class FamilyViewOut(Schema):
    id: uuid.UUID
    given_by: str
    relationship: str
    text: str
    sent_on: datetime.date
    added_by: str

    @staticmethod
    def resolve_added_by(view: FamilyView) -> str:
        return view.added_by.get_username()


class ActionOut(Schema):
    id: uuid.UUID
    what: str
    owner_name: str
    owner_type: str
    due_on: datetime.date


class MeetingSummaryOut(VoiceOut):
    id: uuid.UUID
    person_id: uuid.UUID
    episode_id: uuid.UUID | None
    kind: str
    held_on: datetime.date
    starts_at: datetime.time
    location: str
    purpose: str
    status: str
    finalised_at: datetime.datetime | None
    version: int


class MeetingOut(MeetingSummaryOut):
    minutes: str
    finalised_by: str | None
    attendees: list[AttendeeOut]
    decisions: list[DecisionOut]
    actions: list[ActionOut]
    family_views: list[FamilyViewOut]

    @staticmethod
    def resolve_finalised_by(meeting: Meeting) -> str | None:
        return meeting.finalised_by.get_username() if meeting.finalised_by else None

    @staticmethod
    def resolve_attendees(meeting: Meeting) -> list[Attendee]:
        return list(meeting.attendees.all())

    @staticmethod
    def resolve_decisions(meeting: Meeting) -> list[Decision]:
        return list(meeting.decisions.all())

    @staticmethod
    def resolve_actions(meeting: Meeting) -> list[MeetingAction]:
        return list(meeting.actions.all())

    @staticmethod
    def resolve_family_views(meeting: Meeting) -> list[FamilyView]:
        return list(meeting.family_views.all())


class MeetingIn(VoiceIn):
    kind: Kind
    held_on: datetime.date
    starts_at: datetime.time
    location: str = Field("", max_length=200)
    purpose: str = Field(min_length=1, max_length=5000)
    minutes: str = Field("", max_length=100_000)


class MeetingChange(Schema):
    version: int = Field(ge=1, description="The version you read; a newer one gives 409")
    kind: Kind | None = None
    held_on: datetime.date | None = None
    starts_at: datetime.time | None = None
    location: str | None = Field(None, max_length=200)
    purpose: str | None = Field(None, min_length=1, max_length=5000)
    minutes: str | None = Field(None, max_length=100_000)
    child_seen: bool | None = None
    seen_alone: bool | None = None
    not_seen_alone_reason: str | None = Field(None, max_length=5000)
    views: str | None = Field(None, max_length=20_000)
    participation: Participation | None = None
    helped_by: Helper | None = None
    views_not_gathered_reason: str | None = Field(None, max_length=5000)


class AttendeeIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    group: Group
    role: str = Field("", max_length=200)
    organisation: str = Field("", max_length=200)
    invited: bool = True
    attended: bool | None = None


class AttendeeChange(Schema):
    name: str | None = Field(None, min_length=1, max_length=200)
    group: Group | None = None
    role: str | None = Field(None, max_length=200)
    organisation: str | None = Field(None, max_length=200)
    invited: bool | None = None
    attended: bool | None = None


class DecisionIn(Schema):
    decision: str = Field(min_length=1, max_length=5000)


class ActionIn(Schema):
    what: str = Field(min_length=1, max_length=5000)
    owner_name: str = Field(min_length=1, max_length=200)
    owner_type: OwnerType
    due_on: datetime.date


class FinaliseIn(Schema):
    version: int = Field(ge=1, description="The version you read; a newer one gives 409")


# Fields a PATCH may set to "nothing": the rest are left alone when sent as null.
NULLABLE_IN_PATCH = {"child_seen", "seen_alone"}
BLANK_WHEN_NULL = {"participation", "helped_by"}


def _patch(payload: Schema, exclude: set[str]) -> dict[str, Any]:
    changes = payload.model_dump(exclude_unset=True, exclude=exclude)
    for name in list(changes):
        if changes[name] is not None or name in NULLABLE_IN_PATCH:
            continue
        if name in BLANK_WHEN_NULL:
            changes[name] = ""
        else:
            del changes[name]
    return changes


@router.get(
    "/persons/{person_id}/meetings",
    response=list[MeetingSummaryOut],
    summary="Meetings about a child",
)
def list_meetings(request: HttpRequest, person_id: uuid.UUID) -> Any:
    person = access.person_for_view(request.user, person_id)
    audit.record_view(request.user, person.pk, person, summary="Read meetings (API)")
    return list(selectors.meetings_for(person)[:200])


@router.post(
    "/persons/{person_id}/meetings", response={201: MeetingOut}, summary="Record a meeting"
)
def record_meeting(request: HttpRequest, person_id: uuid.UUID, payload: MeetingIn) -> Any:
    person = access.person_for_change(request.user, person_id)
    details = payload.model_dump(exclude=set(VoiceIn.model_fields))
    meeting = services.record_meeting(request.user, person, voice=payload.voice(), **details)
    return Status(201, selectors.detailed(meeting))


@router.get(
    "/persons/{person_id}/meetings/{meeting_id}",
    response=MeetingOut,
    summary="One meeting with who came, its decisions and actions",
)
def get_meeting(request: HttpRequest, person_id: uuid.UUID, meeting_id: uuid.UUID) -> Meeting:
    meeting = access.meeting_for_view(request.user, person_id, meeting_id)
    audit.record_view(request.user, meeting.person_id, meeting, summary="Read a meeting (API)")
    return selectors.detailed(meeting)


@router.patch(
    "/persons/{person_id}/meetings/{meeting_id}",
    response=MeetingOut,
    summary="Write up or correct a meeting that is not finalised",
)
def change_meeting(
    request: HttpRequest, person_id: uuid.UUID, meeting_id: uuid.UUID, payload: MeetingChange
) -> Meeting:
    meeting = access.meeting_for_change(request.user, person_id, meeting_id)
    changes = _patch(payload, {"version"})
    updated = services.edit_meeting(
        request.user, meeting, expected_version=payload.version, **changes
    )
    return selectors.detailed(updated)


@router.post(
    "/persons/{person_id}/meetings/{meeting_id}/attendees",
    response={201: AttendeeOut},
    summary="Add someone invited to, or at, the meeting",
)
def add_attendee(
    request: HttpRequest, person_id: uuid.UUID, meeting_id: uuid.UUID, payload: AttendeeIn
) -> Any:
    meeting = access.meeting_for_change(request.user, person_id, meeting_id)
    return Status(201, services.add_attendee(request.user, meeting, **payload.model_dump()))


@router.patch(
    "/persons/{person_id}/meetings/{meeting_id}/attendees/{attendee_id}",
    response=AttendeeOut,
    summary="Record whether someone attended, or correct their details",
)
def change_attendee(
    request: HttpRequest,
    person_id: uuid.UUID,
    meeting_id: uuid.UUID,
    attendee_id: uuid.UUID,
    payload: AttendeeChange,
) -> Attendee:
    attendee = access.attendee_for_change(request.user, person_id, meeting_id, attendee_id)
    changes = payload.model_dump(exclude_unset=True)
    changes = {k: v for k, v in changes.items() if v is not None or k == "attended"}
    return services.change_attendee(request.user, attendee, **changes)


@router.post(
    "/persons/{person_id}/meetings/{meeting_id}/decisions",
    response={201: DecisionOut},
    summary="Add a decision the meeting made",
)
def add_decision(
    request: HttpRequest, person_id: uuid.UUID, meeting_id: uuid.UUID, payload: DecisionIn
) -> Any:
    meeting = access.meeting_for_change(request.user, person_id, meeting_id)
    return Status(201, services.add_decision(request.user, meeting, decision=payload.decision))


@router.post(
    "/persons/{person_id}/meetings/{meeting_id}/actions",
    response={201: ActionOut},
    summary="Add an action the meeting agreed",
)
def add_meeting_action(
    request: HttpRequest, person_id: uuid.UUID, meeting_id: uuid.UUID, payload: ActionIn
) -> Any:
    meeting = access.meeting_for_change(request.user, person_id, meeting_id)
    return Status(201, services.add_action(request.user, meeting, **payload.model_dump()))


@router.post(
    "/persons/{person_id}/meetings/{meeting_id}/finalise",
    response=MeetingOut,
    summary="Finalise the minutes (needs the child's voice, minutes, attendance and a decision)",
)
def finalise_meeting(
    request: HttpRequest, person_id: uuid.UUID, meeting_id: uuid.UUID, payload: FinaliseIn
) -> Meeting:
    meeting = access.meeting_for_change(request.user, person_id, meeting_id)
    finalised = services.finalise_meeting(request.user, meeting, expected_version=payload.version)
    return selectors.detailed(finalised)
