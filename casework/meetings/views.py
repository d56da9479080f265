import uuid
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from casework.audit import services as audit
from casework.common.formviews import NothingLostFormView
from casework.meetings import access, selectors, services
from casework.meetings.forms import (
    AttendeeForm,
    DecisionForm,
    FinaliseForm,
    MeetingActionForm,
    MeetingForm,
)
from casework.meetings.models import Attendee, Meeting
from casework.people import selectors as people_selectors
from casework.people.models import Person


def _yes_no_label(value: bool | None) -> str:
    return {True: "Yes", False: "No"}.get(value, "Not recorded") if value is not None else "-"


def describe(meeting: Meeting) -> list[tuple[str, str]]:
    """The meeting as (label, value) rows: what a colleague saved, shown beside a conflict."""
    return [
        ("Type of meeting", meeting.get_kind_display()),
        ("Date and time", f"{meeting.held_on:%-d %B %Y}, {meeting.starts_at:%H:%M}"),
        ("Where", meeting.location or "-"),
        ("Why the meeting is being held", meeting.purpose),
        ("Was the child seen?", _yes_no_label(meeting.child_seen)),
        ("Was the child seen alone?", _yes_no_label(meeting.seen_alone)),
        ("The child's views and wishes", meeting.views or meeting.views_not_gathered_reason or "-"),
        ("How the child took part", meeting.get_participation_display() or "-"),
        ("Minutes", meeting.minutes or "-"),
        (
            "Invited and attended",
            "\n".join(
                f"{attendee.name}: {'attended' if attendee.attended else 'did not attend'}"
                if attendee.attended is not None
                else f"{attendee.name}: not recorded yet"
                for attendee in meeting.attendees.all()
            )
            or "-",
        ),
        ("Decisions", "\n".join(d.decision for d in meeting.decisions.all()) or "-"),
    ]


@require_safe
def person_meetings(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    """The meetings tab of the case record: every meeting about the child, newest first."""
    person = access.person_for_view(request.user, person_id)
    audit.record_view(request.user, person.pk, person, summary="Read the meetings tab")
    return render(
        request,
        "meetings/person_meetings.html",
        {
            "person": person,
            "warnings": people_selectors.active_warnings(person),
            "active_tab": "meetings",
            "meetings": selectors.meetings_for(person)[:100],
            "can_change": access.may_change(request.user, person),
            "today": timezone.localdate(),
        },
    )


@require_safe
def meeting_detail(
    request: HttpRequest, person_id: uuid.UUID, meeting_id: uuid.UUID
) -> HttpResponse:
    loaded = access.meeting_for_view(request.user, person_id, meeting_id)
    person = loaded.person
    meeting = selectors.detailed(loaded)
    audit.record_view(request.user, person.pk, meeting, summary=f"Read a {meeting}")
    in_team = access.may_change(request.user, person)
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "person": person,
            "meeting": meeting,
            "warnings": people_selectors.active_warnings(person),
            "can_change": in_team and not meeting.is_finalised,
            # The allocated team shares the finalised minutes with the family, from the portal.
            "can_share": in_team,
            "today": timezone.localdate(),
        },
    )


class PersonFormView(NothingLostFormView):
    person: Person

    def get_context(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "warnings": people_selectors.active_warnings(self.person),
            "back_url": self.back_url(),
        }

    def back_url(self) -> str:
        return reverse("meetings:person", args=[self.person.pk])


class RecordMeeting(PersonFormView):
    form_class = MeetingForm
    title = "Record a meeting"
    submit_label = "Save meeting"
    success_message = "Meeting saved. Add who was invited, and what it decided."

    def load(self) -> None:
        self.person = access.person_for_change(self.request.user, self.kwargs["person_id"])

    def submit(self, form: MeetingForm) -> str:
        meeting = services.record_meeting(
            self.request.user, self.person, voice=form.voice_data(), **form.details()
        )
        return meeting.get_absolute_url()


class MeetingFormView(PersonFormView):
    meeting: Meeting

    def load(self) -> None:
        self.meeting = access.meeting_for_change(
            self.request.user, self.kwargs["person_id"], self.kwargs["meeting_id"]
        )
        self.person = self.meeting.person

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.load()
        if self.meeting.is_finalised:
            messages.info(request, services.FINALISED)
            return HttpResponseRedirect(self.meeting.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def back_url(self) -> str:
        return self.meeting.get_absolute_url()

    def describe_conflict(self, current: Any) -> list[tuple[str, str]]:
        return describe(current)


class EditMeeting(MeetingFormView):
    form_class = MeetingForm
    title = "Write up the meeting"
    submit_label = "Save"
    success_message = "Meeting saved"

    def get_initial(self) -> dict[str, Any]:
        return MeetingForm.initial_from(self.meeting)

    def submit(self, form: MeetingForm) -> str:
        services.edit_meeting(
            self.request.user,
            self.meeting,
            expected_version=form.cleaned_data["version"],
            **form.changes(),
        )
        return self.meeting.get_absolute_url()


class AddAttendee(MeetingFormView):
    form_class = AttendeeForm
    title = "Add someone to the meeting"
    submit_label = "Save"
    success_message = "Added to the meeting"

    def get_initial(self) -> dict[str, Any]:
        return {"invited": "yes"}

    def submit(self, form: AttendeeForm) -> str:
        services.add_attendee(self.request.user, self.meeting, **form.values())
        return self.meeting.get_absolute_url()


class ChangeAttendee(MeetingFormView):
    form_class = AttendeeForm
    title = "Change who came"
    submit_label = "Save"
    success_message = "Meeting list changed"
    attendee: Attendee

    def load(self) -> None:
        self.attendee = access.attendee_for_change(
            self.request.user,
            self.kwargs["person_id"],
            self.kwargs["meeting_id"],
            self.kwargs["attendee_id"],
        )
        self.meeting = self.attendee.meeting
        self.person = self.meeting.person

    def get_initial(self) -> dict[str, Any]:
        return AttendeeForm.initial_from(self.attendee)

    def submit(self, form: AttendeeForm) -> str:
        services.change_attendee(self.request.user, self.attendee, **form.values())
        return self.meeting.get_absolute_url()


class AddDecision(MeetingFormView):
    form_class = DecisionForm
    title = "Add a decision"
    submit_label = "Save decision"
    success_message = "Decision added"

    def submit(self, form: DecisionForm) -> str:
        services.add_decision(
            self.request.user, self.meeting, decision=form.cleaned_data["decision"]
        )
        return self.meeting.get_absolute_url()


class AddAction(MeetingFormView):
    form_class = MeetingActionForm
    title = "Add an action"
    submit_label = "Save action"
    success_message = "Action added"

    def submit(self, form: MeetingActionForm) -> str:
        data = form.cleaned_data
        services.add_action(
            self.request.user,
            self.meeting,
            what=data["what"],
            owner_name=data["owner_name"],
            owner_type=data["owner_type"],
            due_on=data["due_on"],
        )
        return self.meeting.get_absolute_url()


class FinaliseMeeting(MeetingFormView):
    form_class = FinaliseForm
    template_name = "meetings/finalise.html"
    title = "Finalise the minutes"
    submit_label = "Finalise the minutes"
    success_message = "Minutes finalised: the meeting's decisions are on the child's record"
    autosave = False

    def get_initial(self) -> dict[str, Any]:
        return {"version": self.meeting.version}

    def get_context(self) -> dict[str, Any]:
        meeting = selectors.detailed(self.meeting)
        missing = [
            (self._fix_it_at(meeting, field), message)
            for field, message in services.missing_for_finalising(meeting, timezone.localdate())
        ]
        return super().get_context() | {"meeting": meeting, "missing": missing}

    def _fix_it_at(self, meeting: Meeting, field: str) -> str:
        """Where to go to put right what stops the meeting being finalised."""
        if field in ("attendees", "decisions"):
            return f"{meeting.get_absolute_url()}#{field}"
        edit_url = reverse("meetings:edit", args=[self.person.pk, meeting.pk])
        # Dates and yes/no questions are groups of inputs; link to the first.
        first = "_0" if field in ("child_seen", "seen_alone", "held_on") else ""
        return f"{edit_url}#id_{field}{first}"

    def submit(self, form: FinaliseForm) -> str:
        services.finalise_meeting(
            self.request.user, self.meeting, expected_version=form.cleaned_data["version"]
        )
        return self.meeting.get_absolute_url()
