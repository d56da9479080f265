from typing import Any

from django import forms

from casework.cases.voice import VOICE_FIELDS, YES_NO, ChildVoiceForm
from casework.common.forms import DateField, NothingLostForm
from casework.meetings.models import Attendee, Meeting, MeetingAction


def yes_no(value: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(value or "")


def as_yes_no(value: bool | None) -> str:
    return {True: "yes", False: "no"}.get(value, "") if value is not None else ""


class MeetingForm(NothingLostForm, ChildVoiceForm):
    """The meeting's write-up: the long form, which saves drafts as people type."""

    kind = forms.ChoiceField(
        label="Type of meeting", choices=Meeting.Kind.choices, widget=forms.RadioSelect
    )
    held_on = DateField(label="Date of the meeting", help_text="For example, 27 3 2026")
    starts_at = forms.TimeField(
        label="Start time",
        help_text="Use the 24-hour clock, for example 10:30 or 14:00",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "inputmode": "numeric"}),
        input_formats=["%H:%M", "%H.%M", "%H:%M:%S"],
        error_messages={
            "required": "Enter the start time, like 10:30 or 14:00",
            "invalid": "Enter the start time as hours and minutes, like 10:30 or 14:00",
        },
    )
    location = forms.CharField(label="Where", max_length=200, required=False)
    purpose = forms.CharField(
        label="Why the meeting is being held",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )
    minutes = forms.CharField(
        label="Minutes: what was discussed",
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=100_000,
        required=False,
        help_text="Needed before the minutes are finalised. Include what each person said.",
    )

    field_order = [
        "kind",
        "held_on",
        "starts_at",
        "location",
        "purpose",
        *VOICE_FIELDS,
        "minutes",
    ]

    def details(self) -> dict[str, Any]:
        """The meeting's own values for the service; the child's voice is `voice_data()`."""
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "held_on": data["held_on"],
            "starts_at": data["starts_at"],
            "location": data["location"],
            "purpose": data["purpose"],
            "minutes": data["minutes"],
        }

    def changes(self) -> dict[str, Any]:
        return self.details() | self.voice_data()

    @staticmethod
    def initial_from(meeting: Meeting) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "kind": meeting.kind,
            "held_on": meeting.held_on,
            "starts_at": meeting.starts_at.strftime("%H:%M"),
            "location": meeting.location,
            "purpose": meeting.purpose,
            "minutes": meeting.minutes,
            "version": meeting.version,
        }
        for name in VOICE_FIELDS:
            value = getattr(meeting, name)
            initial[name] = as_yes_no(value) if name in ("child_seen", "seen_alone") else value
        return initial


class AttendeeForm(NothingLostForm):
    name = forms.CharField(label="Name", max_length=200)
    group = forms.ChoiceField(
        label="Who they are", choices=Attendee.Group.choices, widget=forms.RadioSelect
    )
    role = forms.CharField(
        label="Role or relationship to the child",
        max_length=200,
        required=False,
        help_text="For example, Mum, Designated safeguarding lead, Health visitor",
    )
    organisation = forms.CharField(label="Organisation", max_length=200, required=False)
    invited = forms.ChoiceField(
        label="Were they invited?", choices=YES_NO, widget=forms.RadioSelect
    )
    attended = forms.ChoiceField(
        label="Did they attend?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=False,
        help_text="Leave this until after the meeting if it has not happened yet.",
    )

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "group": data["group"],
            "role": data["role"],
            "organisation": data["organisation"],
            "invited": yes_no(data["invited"]) is True,
            "attended": yes_no(data["attended"]),
        }

    @staticmethod
    def initial_from(attendee: Attendee) -> dict[str, Any]:
        return {
            "name": attendee.name,
            "group": attendee.group,
            "role": attendee.role,
            "organisation": attendee.organisation,
            "invited": as_yes_no(attendee.invited),
            "attended": as_yes_no(attendee.attended),
        }


class DecisionForm(NothingLostForm):
    decision = forms.CharField(
        label="What was decided",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text="One decision at a time, in words the family would understand.",
    )


class MeetingActionForm(NothingLostForm):
    what = forms.CharField(
        label="What will be done", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    owner_name = forms.CharField(label="Who will do it", max_length=200)
    owner_type = forms.ChoiceField(
        label="Who they are", choices=MeetingAction.OwnerType.choices, widget=forms.RadioSelect
    )
    due_on = DateField(label="By when", help_text="For example, 27 3 2026")


class FinaliseForm(NothingLostForm):
    """Nothing to type: the version carries what the person read before finalising."""
