import datetime
from typing import Any

from django import forms
from django.utils import timezone

from casework.cases.outside_home import OUTSIDE_HOME_CHOICES
from casework.cases.voice import VOICE_FIELDS, YES_NO, ChildVoiceForm
from casework.common.forms import DateField, NothingLostForm
from casework.oversight.forms import ManagementDecisionForm
from casework.protection.models import (
    REQUIRED_AGENCIES,
    Agency,
    Category,
    Conference,
    RiskContext,
    Section47,
    StrategyDiscussion,
)
from casework.protection.services import ParticipantIn

TIME_CHOICES = [
    (f"{hour:02d}:{minute:02d}", f"{hour:02d}:{minute:02d}")
    for hour in range(24)
    for minute in (0, 15, 30, 45)
]


def yes_no(value: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(value or "")


def as_yes_no(value: bool | None) -> str:
    return {True: "yes", False: "no"}.get(value, "") if value is not None else ""


def voice_initial(record: Any) -> dict[str, Any]:
    """A saved record's voice fields as the voice form's initial values."""
    return {
        name: as_yes_no(getattr(record, name))
        if name in ("child_seen", "seen_alone")
        else getattr(record, name)
        for name in VOICE_FIELDS
    }


class DiscussionFieldsMixin(forms.Form):
    """When the discussion was held, who took part (one row of names per agency: police, health,
    education and social care must at least be invited; 'other' is optional), and the
    screening for risks outside the home."""

    held_on = DateField(label="Date of the discussion", allow_future=False)
    held_time = forms.ChoiceField(label="Time it started", choices=TIME_CHOICES, initial="09:00")
    information_shared = forms.CharField(
        label="Information shared", widget=forms.Textarea(attrs={"rows": 5}), max_length=20_000
    )
    outside_home = forms.MultipleChoiceField(
        label="Risks outside the home (screening)",
        choices=OUTSIDE_HOME_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def add_agency_fields(self) -> list[str]:
        for agency in Agency:
            self.fields[f"{agency.value}_name"] = forms.CharField(
                label=f"{agency.label}: who took part", max_length=200, required=False
            )
            self.fields[f"{agency.value}_attended"] = forms.ChoiceField(
                label=f"{agency.label}: did they attend?",
                choices=YES_NO,
                widget=forms.RadioSelect,
                required=False,
            )
        return [f"{agency.value}_{part}" for agency in Agency for part in ("name", "attended")]

    def held_at(self) -> datetime.datetime:
        hour, minute = (int(part) for part in self.cleaned_data["held_time"].split(":"))
        day = self.cleaned_data["held_on"]
        return datetime.datetime(
            day.year, day.month, day.day, hour, minute, tzinfo=timezone.get_current_timezone()
        )

    def participants(self) -> list[ParticipantIn]:
        rows = []
        for agency in Agency:
            name = self.cleaned_data.get(f"{agency.value}_name", "").strip()
            if name:
                attended = self.cleaned_data.get(f"{agency.value}_attended") == "yes"
                rows.append(ParticipantIn(agency.value, name, invited=True, attended=attended))
        return rows


def discussion_initial(discussion: StrategyDiscussion) -> dict[str, Any]:
    local = timezone.localtime(discussion.held_at)
    # The form offers quarter hours; a time typed through the API keeps its nearest one.
    time = f"{local.hour:02d}:{local.minute // 15 * 15:02d}"
    values: dict[str, Any] = {
        "held_on": local.date(),
        "held_time": time,
        "information_shared": discussion.information_shared,
        "risks_identified": discussion.risks_identified,
        "outside_home": discussion.outside_home,
        "version": discussion.version,
    }
    for participant in discussion.participants.all():
        values[f"{participant.agency}_name"] = participant.name
        values[f"{participant.agency}_attended"] = as_yes_no(participant.attended)
    return values


class StrategyDiscussionForm(DiscussionFieldsMixin, ManagementDecisionForm):
    decision = forms.ChoiceField(
        label="Decision", choices=StrategyDiscussion.Decision.choices, widget=forms.RadioSelect
    )
    # The front-door contact this discussion follows, when it came from one.
    contact = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["risks_identified"].required = True
        self.fields["risks_identified"].error_messages["required"] = "Enter the risks identified"
        agencies = self.add_agency_fields()
        later = ["information_shared", "risks_identified", "outside_home", "decision", "rationale"]
        self.order_fields(["held_on", "held_time", *agencies, *later, "next_steps"])


class StrategyDiscussionEditForm(DiscussionFieldsMixin, NothingLostForm):
    risks_identified = forms.CharField(
        label="Risks identified", widget=forms.Textarea(attrs={"rows": 4}), max_length=20_000
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agencies = self.add_agency_fields()
        later = ["information_shared", "risks_identified", "outside_home"]
        self.order_fields(["held_on", "held_time", *agencies, *later])


REQUIRED_AGENCY_NAMES = ", ".join(Agency(agency).label.lower() for agency in REQUIRED_AGENCIES)


class Section47Form(NothingLostForm):
    """The enquiry's write-up. Findings can be saved as they are gathered; choosing an outcome
    (with the date it was completed) sends it to the manager to authorise."""

    child_seen_on = DateField(label="Date the child was seen", required=False, allow_future=False)
    findings = forms.CharField(
        label="What the enquiry found",
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=50_000,
        required=False,
    )
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=Section47.Outcome.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text="Leave it unselected to save the findings so far.",
    )
    completed_on = DateField(
        label="Date the enquiry was completed", required=False, allow_future=False
    )


class AuthoriseForm(NothingLostForm):
    rationale = forms.CharField(
        label="Rationale", widget=forms.Textarea(attrs={"rows": 5}), max_length=20_000
    )


class ConferenceForm(NothingLostForm):
    kind = forms.ChoiceField(
        label="Kind of conference", choices=Conference.Kind.choices, widget=forms.RadioSelect
    )
    held_on = DateField(label="Date of the conference", allow_future=False)
    agencies_invited = forms.MultipleChoiceField(
        label="Agencies invited",
        choices=Agency.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    agencies_attended = forms.MultipleChoiceField(
        label="Agencies that attended",
        choices=Agency.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    family_invited = forms.CharField(
        label="Family members invited", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    family_attended = forms.CharField(
        label="Family members who attended",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    reports_received = forms.CharField(
        label="Reports received before the conference",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class ConferenceEditForm(ConferenceForm):
    """The same record without its kind, which decides what the conference belongs to."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["kind"]


class FinaliseConferenceForm(NothingLostForm, ChildVoiceForm):
    parents_views = forms.CharField(
        label="Parents' views", widget=forms.Textarea(attrs={"rows": 5}), max_length=20_000
    )
    decision = forms.ChoiceField(
        label="Decision", choices=Conference.Decision.choices, widget=forms.RadioSelect
    )
    category = forms.ChoiceField(
        label="Category of abuse",
        choices=[("", "Select a category"), *Category.choices],
        required=False,
    )
    core_group_members = forms.CharField(
        label="Core group members",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Name and agency of each member, one a line.",
    )
    outline = forms.CharField(
        label="Outline plan", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    field_order = [*VOICE_FIELDS]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Finalising decides about the child: the census asks how the child took part.
        self.fields["participation"].required = True
        self.fields["participation"].error_messages["required"] = "Select how the child took part"


class PlanActionForm(NothingLostForm):
    what = forms.CharField(
        label="What will be done", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    owner = forms.CharField(label="Who will do it", max_length=200)
    due_on = DateField(label="By when", required=False)


class CoreGroupForm(NothingLostForm):
    held_on = DateField(label="Date of the meeting", allow_future=False)
    attendees = forms.CharField(
        label="Who attended", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    progress = forms.CharField(
        label="Progress against the plan",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=50_000,
    )


class CPVisitForm(NothingLostForm, ChildVoiceForm):
    visited_on = DateField(label="Date of the visit", allow_future=False)
    bedroom_seen = forms.ChoiceField(
        label="Was the child's bedroom seen?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=False,
    )
    observations = forms.CharField(
        label="What you saw and heard",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=50_000,
    )

    field_order = ["visited_on", "child_seen", "seen_alone", "not_seen_alone_reason"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["child_seen"].required = True
        self.fields["child_seen"].error_messages["required"] = "Say whether the child was seen"


class PlanEditForm(NothingLostForm):
    outline = forms.CharField(
        label="Outline plan",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20_000,
        required=False,
    )
    visit_frequency_days = forms.IntegerField(
        label="Visit the child at least every (working days)",
        min_value=1,
        max_value=60,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        error_messages={
            "required": "Enter how often the child is visited, in working days",
            "min_value": "Visits must be at least every 1 working day",
            "max_value": "Visits must be at most every 60 working days",
            "invalid": "Enter the number of working days between visits",
        },
    )


class BirthForm(NothingLostForm):
    born_on = DateField(label="Date of birth", allow_future=False)


class EndPlanForm(NothingLostForm):
    ended_on = DateField(label="Date the plan ended", allow_future=False)
    end_reason = forms.CharField(
        label="Why the plan ended", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )


class FamilyGroupConferenceForm(NothingLostForm):
    offered_on = DateField(label="Date offered", allow_future=False)
    accepted = forms.ChoiceField(
        label="Was the offer accepted?", choices=YES_NO, widget=forms.RadioSelect, required=False
    )
    held_on = DateField(label="Date held", required=False, allow_future=False)
    family_plan = forms.CharField(
        label="The family's plan", widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    not_in_best_interests = forms.BooleanField(
        label="A meeting is not in the child's best interests", required=False
    )
    rationale = forms.CharField(
        label="Why a meeting is not in the child's best interests",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class RiskContextForm(NothingLostForm):
    kind = forms.ChoiceField(
        label="What kind of context", choices=RiskContext.Kind.choices, widget=forms.RadioSelect
    )
    name = forms.CharField(label="Name of the place, group or online space", max_length=200)
    description = forms.CharField(
        label="What is known about it", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
