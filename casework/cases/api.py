import datetime
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Router, Schema
from ninja.responses import Status
from pydantic import Field, field_validator

from casework.accounts.models import Role, User
from casework.audit import services as audit
from casework.cases import access, chronology, selectors, services
from casework.cases.case_summary import case_summary
from casework.cases.models import (
    Allocation,
    CaseNote,
    ClosureReason,
    Document,
    DocumentVersion,
    Episode,
)
from casework.common.errors import RuleBroken
from casework.people import access as people_access
from casework.people.models import Person

router = Router(tags=["case notes"])

NoteKind = CaseNote.Kind


class NoteOut(Schema):
    id: uuid.UUID
    kind: str
    occurred_on: datetime.date
    subject: str
    body: str
    author: str
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_author(note: CaseNote) -> str:
        return note.author.get_username()


class NoteIn(Schema):
    kind: NoteKind
    occurred_on: datetime.date
    subject: str = Field(min_length=1, max_length=200)
    body: str = Field(min_length=1, max_length=50_000)

    @field_validator("occurred_on")
    @classmethod
    def not_in_future(cls, value: datetime.date) -> datetime.date:
        if value > timezone.localdate():
            raise ValueError("The date must be today or in the past")
        return value


class NoteChange(Schema):
    version: int = Field(ge=1, description="The version you read; a newer one gives 409")
    kind: NoteKind | None = None
    occurred_on: datetime.date | None = None
    subject: str | None = Field(None, min_length=1, max_length=200)
    body: str | None = Field(None, min_length=1, max_length=50_000)


@router.get("/persons/{person_id}/notes", response=list[NoteOut], summary="A person's case notes")
def list_notes(request: HttpRequest, person_id: uuid.UUID) -> Any:
    person = people_access.person_for_view(request.user, person_id)
    audit.record_view(request.user, person.pk, person, summary="Read case notes (API)")
    return list(selectors.notes_for(person)[:200])


@router.post("/persons/{person_id}/notes", response={201: NoteOut}, summary="Add a case note")
def add_note(request: HttpRequest, person_id: uuid.UUID, payload: NoteIn) -> Any:
    person = people_access.person_for_change(request.user, person_id)
    note = services.add_case_note(request.user, person, **payload.model_dump())
    return Status(201, note)


@router.get("/persons/{person_id}/notes/{note_id}", response=NoteOut, summary="One case note")
def get_note(request: HttpRequest, person_id: uuid.UUID, note_id: uuid.UUID) -> CaseNote:
    person, note = access.note_for_view(request.user, person_id, note_id)
    audit.record_view(request.user, person.pk, note, summary="Read a case note (API)")
    return note


@router.patch(
    "/persons/{person_id}/notes/{note_id}", response=NoteOut, summary="Change a case note"
)
def change_note(
    request: HttpRequest, person_id: uuid.UUID, note_id: uuid.UUID, payload: NoteChange
) -> CaseNote:
    _, note = access.note_for_change(request.user, person_id, note_id)
    changes = payload.model_dump(exclude_unset=True, exclude={"version"})
    changes = {key: value for key, value in changes.items() if value is not None}
    return services.edit_case_note(request.user, note, expected_version=payload.version, **changes)


# The rest of the case record: where the case stands, referrals, allocation, closure, the
# chronology and documents. Reads follow the person's record; allocation and closure are the
# decisions of the manager of the team holding the case, as on the pages.
router_case = Router(tags=["case record"])


class DueOut(Schema):
    what: str
    on: datetime.date
    overdue: bool


class LastSeenOut(Schema):
    on: datetime.date
    alone: bool | None
    kind: str


class SummaryOut(Schema):
    status: str
    team: str | None
    worker: str | None
    manager: str
    referral_id: uuid.UUID | None
    referral_date: datetime.date | None
    due: list[DueOut]
    last_seen: LastSeenOut | None
    latest_decision_id: uuid.UUID | None
    latest_decision: str | None
    open_directions: list[str]


class EpisodeOut(Schema):
    id: uuid.UUID
    referral_date: datetime.date
    referral_source: str
    team: str
    status: str
    primary_need: str
    previous_id: uuid.UUID | None
    assessment_due: datetime.date
    assessment_target: datetime.date
    closed_on: datetime.date | None
    closure_reason: str

    @staticmethod
    def resolve_team(episode: Episode) -> str:
        return episode.team.name


class AllocationOut(Schema):
    id: uuid.UUID
    team: str
    worker: str | None
    started_on: datetime.date
    ended_on: datetime.date | None

    @staticmethod
    def resolve_team(allocation: Allocation) -> str:
        return allocation.team.name

    @staticmethod
    def resolve_worker(allocation: Allocation) -> str | None:
        return allocation.worker.get_username() if allocation.worker else None


class AllocationIn(Schema):
    worker_id: int
    rationale: str = Field(min_length=1, max_length=20_000)
    risks_identified: str = Field("", max_length=20_000)
    next_steps: str = Field("", max_length=20_000)


class ClosureIn(Schema):
    closed_on: datetime.date
    reason: ClosureReason
    rationale: str = Field(min_length=1, max_length=20_000)
    next_steps: str = Field("", max_length=20_000)


class EntryOut(Schema):
    occurred_on: datetime.date
    title: str
    detail: str
    analysis: str
    by: str
    url: str
    source: str


class EventIn(Schema):
    occurred_on: datetime.date
    title: str = Field(min_length=1, max_length=200)
    analysis: str = Field("", max_length=20_000)


class EventOut(Schema):
    id: uuid.UUID
    occurred_on: datetime.date
    title: str
    analysis: str


class VersionOut(Schema):
    number: int
    original_name: str
    content_type: str
    size: int
    note: str
    uploaded_by: str
    uploaded_at: datetime.datetime
    download_url: str

    @staticmethod
    def resolve_uploaded_by(version: DocumentVersion) -> str:
        return version.uploaded_by.get_username()

    @staticmethod
    def resolve_download_url(version: DocumentVersion) -> str:
        document = version.document
        return reverse("cases:download", args=[document.person_id, document.pk, version.number])


class DocumentOut(Schema):
    id: uuid.UUID
    title: str
    kind: str
    created_at: datetime.datetime
    versions: list[VersionOut]

    @staticmethod
    def resolve_versions(document: Document) -> list[DocumentVersion]:
        versions = list(document.versions.all())
        for version in versions:
            version.document = document
        return versions


@router_case.get(
    "/persons/{person_id}/summary",
    response=SummaryOut,
    summary="Where a child's case stands: status, holder, what is due, last seen, oversight",
)
def get_summary(request: HttpRequest, person_id: uuid.UUID) -> dict[str, Any]:
    person = people_access.person_for_view(request.user, person_id)
    audit.record_view(request.user, person.pk, person, summary="Read the case summary (API)")
    today = timezone.localdate()
    summary = case_summary(request.user, person, today)
    allocation = summary.allocation
    decision = summary.latest_decision
    return {
        "status": summary.status,
        "team": allocation.team.name if allocation else None,
        "worker": allocation.worker.get_username() if allocation and allocation.worker else None,
        "manager": summary.manager_name,
        "referral_id": summary.referral.id if summary.referral else None,
        "referral_date": summary.referral.referral_date if summary.referral else None,
        "due": [
            {"what": item.what, "on": item.on, "overdue": item.is_overdue(today)}
            for item in summary.due
        ],
        "last_seen": summary.last_seen.__dict__ if summary.last_seen else None,
        "latest_decision_id": decision.pk if decision else None,
        "latest_decision": decision.decision_label if decision else None,
        "open_directions": [direction.direction for direction in summary.open_directions],
    }


@router_case.get(
    "/persons/{person_id}/episodes",
    response=list[EpisodeOut],
    summary="A child's referrals (child in need episodes), newest first",
)
def list_episodes(request: HttpRequest, person_id: uuid.UUID) -> Any:
    person = people_access.person_for_view(request.user, person_id)
    audit.record_view(request.user, person.pk, person, summary="Read referrals (API)")
    return list(Episode.objects.filter(person=person).select_related("team")[:100])


@router_case.get(
    "/persons/{person_id}/allocations",
    response=list[AllocationOut],
    summary="Who has held a child's case, newest first",
)
def list_allocations(request: HttpRequest, person_id: uuid.UUID) -> Any:
    person = people_access.person_for_view(request.user, person_id)
    audit.record_view(request.user, person.pk, person, summary="Read allocations (API)")
    return list(selectors.allocation_history(person)[:100])


def _for_manager(request: HttpRequest, person_id: uuid.UUID) -> Person:
    person = people_access.person_for_change(request.user, person_id)
    if not access.may_allocate(request.user, selectors.current_allocation(person)):
        raise PermissionDenied("Only the manager of the team holding the case can do this")
    return person


@router_case.post(
    "/persons/{person_id}/allocation",
    response={201: AllocationOut},
    summary="Allocate a worker or hand the case over (team manager, with the decision)",
)
def allocate_worker(request: HttpRequest, person_id: uuid.UUID, payload: AllocationIn) -> Any:
    person = _for_manager(request, person_id)
    user: Any = request.user
    worker = User.objects.filter(
        pk=payload.worker_id, team_id=user.team_id, role=Role.SOCIAL_WORKER, is_active=True
    ).first()
    if worker is None:
        raise RuleBroken("worker_id", "Choose a social worker in your team")
    allocation = services.allocate_worker(
        user,
        person,
        worker=worker,
        rationale=payload.rationale,
        risks_identified=payload.risks_identified,
        next_steps=payload.next_steps,
    )
    return Status(201, allocation)


@router_case.post(
    "/persons/{person_id}/episodes/{episode_id}/closure",
    response=EpisodeOut,
    summary="Close a child in need episode (team manager, with the closing decision)",
)
def close_episode(
    request: HttpRequest, person_id: uuid.UUID, episode_id: uuid.UUID, payload: ClosureIn
) -> Episode:
    person = _for_manager(request, person_id)
    episode = Episode.objects.filter(pk=episode_id, person=person).first()
    if episode is None:
        raise Http404("No referral with that id")
    closed = services.close_episode(
        request.user,
        episode,
        closed_on=payload.closed_on,
        reason=payload.reason,
        rationale=payload.rationale,
        next_steps=payload.next_steps,
    )
    return Episode.objects.select_related("team").get(pk=closed.pk)


@router_case.get(
    "/persons/{person_id}/chronology",
    response=list[EntryOut],
    summary="A child's chronology, newest first, gathered from the record",
)
def get_chronology(request: HttpRequest, person_id: uuid.UUID) -> Any:
    person = people_access.person_for_view(request.user, person_id)
    audit.record_view(request.user, person.pk, person, summary="Read the chronology (API)")
    return chronology.entries_for(person)


@router_case.post(
    "/persons/{person_id}/chronology",
    response={201: EventOut},
    summary="Add a significant event, with its analysis, to the chronology",
)
def add_event(request: HttpRequest, person_id: uuid.UUID, payload: EventIn) -> Any:
    person = people_access.person_for_change(request.user, person_id)
    event = services.add_significant_event(request.user, person, **payload.model_dump())
    return Status(201, event)


@router_case.get(
    "/persons/{person_id}/documents",
    response=list[DocumentOut],
    summary="A child's documents and their versions (download through the pages)",
)
def list_documents(request: HttpRequest, person_id: uuid.UUID) -> Any:
    person = people_access.person_for_view(request.user, person_id)
    audit.record_view(request.user, person.pk, person, summary="Read the documents (API)")
    return list(selectors.documents_for(person)[:200])
