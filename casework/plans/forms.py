from typing import Any

from django import forms

from casework.cases.voice import VOICE_FIELDS, YES_NO, ChildVoiceForm
from casework.common.forms import DateField, NothingLostForm
from casework.oversight.forms import ManagementDecisionForm
from casework.plans.models import Action, PlanReview


def yes_no(value: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(value or "")


def as_yes_no(value: bool | None) -> str:
    return {True: "yes", False: "no"}.get(value, "") if value is not None else ""


class StartPlanForm(NothingLostForm):
    started_on = DateField(
        label="Plan start date",
        help_text="The day the plan was agreed with the family. For example, 27 3 2026",
        allow_future=False,
    )


class GoalForm(NothingLostForm):
    want_to_change = forms.CharField(
        label="What we want to change",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text="Write it with the family, in words they would use.",
    )
    strengths = forms.CharField(
        label="What is already working",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
        help_text="The family's strengths the plan builds on.",
    )


class ActionForm(NothingLostForm):
    what = forms.CharField(
        label="What will be done", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    owner_name = forms.CharField(label="Who will do it", max_length=200)
    owner_type = forms.ChoiceField(
        label="Who they are", choices=Action.OwnerType.choices, widget=forms.RadioSelect
    )
    due_on = DateField(label="By when", help_text="For example, 27 3 2026")
    notes = forms.CharField(
        label="Notes", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, required=False
    )


class ActionProgressForm(ActionForm):
    progress = forms.ChoiceField(
        label="Progress", choices=Action.Progress.choices, widget=forms.RadioSelect
    )


class ApprovePlanForm(ManagementDecisionForm):
    pass


class PlanReviewForm(NothingLostForm, ChildVoiceForm):
    held_on = DateField(label="Date of the review", help_text="For example, 27 3 2026")
    family_views = forms.CharField(
        label="The family's views",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20_000,
        help_text="What parents and carers said about the plan and how it is going.",
    )
    summary = forms.CharField(
        label="What the review found",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20_000,
        help_text="Progress against each goal, and what changes now.",
    )
    outcome = forms.ChoiceField(
        label="Outcome", choices=PlanReview.Outcome.choices, widget=forms.RadioSelect
    )

    field_order = ["held_on", *VOICE_FIELDS]


class VisitForm(NothingLostForm, ChildVoiceForm):
    visited_on = DateField(
        label="Date of the visit", help_text="For example, 27 3 2026", allow_future=False
    )
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
        # A visit must say whether the child was seen: that is what the visit clock counts.
        self.fields["child_seen"].required = True
        self.fields["child_seen"].error_messages["required"] = "Say whether the child was seen"
