from typing import Any

from django import forms

from casework.assessments.models import Assessment, AssessmentFactor
from casework.cases.models import PrimaryNeed
from casework.cases.outside_home import OUTSIDE_HOME_CHOICES
from casework.cases.voice import VOICE_FIELDS, ChildVoiceForm
from casework.common.forms import DateField, NothingLostForm
from casework.oversight.forms import ManagementDecisionForm


def _text(label: str, help_text: str = "", rows: int = 8) -> forms.CharField:
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": rows}),
        max_length=50_000,
        required=False,
        help_text=help_text,
    )


class StartAssessmentForm(NothingLostForm):
    started_on = DateField(
        label="Date the assessment started",
        help_text="On or after the referral date. For example, 27 3 2026",
        allow_future=False,
    )


# The long form, in the order a worker writes it. Each heading is a section of the page.
SECTIONS = (
    ("When", ("started_on", "child_seen_on")),
    (
        "The Assessment Framework",
        ("developmental_needs", "parenting_capacity", "family_environment"),
    ),
    ("Strengths, risks and analysis", ("strengths", "risks", "outside_home", "analysis")),
    ("The child's voice", VOICE_FIELDS),
    ("Factors and outcome", ("factors", "outcome", "late_reason")),
)


class AssessmentForm(NothingLostForm, ChildVoiceForm):
    """Every field may be left blank while the assessment is a draft; submitting it checks that
    the domains, the child's voice, the factors and the outcome are there."""

    started_on = DateField(label="Date the assessment started", allow_future=False)
    child_seen_on = DateField(
        label="Date the child was seen",
        required=False,
        allow_future=False,
        help_text="For example, 27 3 2026",
    )
    developmental_needs = _text(
        "The child's developmental needs",
        "Health, education, emotional and behavioural development, identity, relationships, "
        "self-care.",
    )
    parenting_capacity = _text(
        "Parenting capacity",
        "Basic care, safety, warmth, stimulation, guidance and boundaries, stability.",
    )
    family_environment = _text(
        "Family and environmental factors",
        "Family history and functioning, the wider family, housing, work and income, the "
        "community and its resources.",
    )
    strengths = _text("Strengths", "What is going well, and who helps.", rows=5)
    risks = _text("Risks", "What could harm the child, and how likely it is.", rows=5)
    # The same screening a strategy discussion asks. Unticked boxes are not posted, so "none
    # of these" is an empty list, which is a complete answer.
    outside_home = forms.MultipleChoiceField(
        label="Risks outside the home",
        choices=OUTSIDE_HOME_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Tick any that apply to the child. If none of them apply, leave them all "
        "unticked: none is a valid answer.",
        error_messages={"invalid_choice": "Select only the risks listed"},
    )
    analysis = _text("Analysis", "What the information means for the child, and why.")
    factors = forms.MultipleChoiceField(
        label="Factors identified",
        choices=AssessmentFactor.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="The children in need census codes. Select all that apply, or 'No factors "
        "identified' on its own.",
    )
    outcome = forms.ChoiceField(
        label="Outcome you propose",
        choices=Assessment.Outcome.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    late_reason = _text(
        "Why the assessment took longer",
        "Needed if it is submitted after its target date.",
        rows=3,
    )

    field_order = [name for _, names in SECTIONS for name in names]

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        values: dict[str, Any] = {name: data[name] for name in self.fields if name in data}
        for name in ("form_token", "version"):
            values.pop(name, None)
        values.update(self.voice_data())
        return values

    @staticmethod
    def initial_from(assessment: Assessment) -> dict[str, Any]:
        def yes_no(value: bool | None) -> str:
            return {True: "yes", False: "no"}.get(value, "")  # type: ignore[arg-type]

        initial: dict[str, Any] = {
            name: getattr(assessment, name)
            for _, names in SECTIONS
            for name in names
            if name not in ("child_seen", "seen_alone")
        }
        initial["child_seen"] = yes_no(assessment.child_seen)
        initial["seen_alone"] = yes_no(assessment.seen_alone)
        initial["version"] = assessment.version
        return initial


class SubmitAssessmentForm(NothingLostForm):
    """Nothing to fill in: the form carries the version the worker read."""


class ReviewForm(ManagementDecisionForm):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[
            ("authorise", "Authorise the assessment"),
            ("return", "Return it to the worker with comments"),
        ],
        widget=forms.RadioSelect,
    )
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=[("", "Select the outcome"), *Assessment.Outcome.choices],
        required=False,
        help_text="Needed to authorise.",
    )

    primary_need = forms.ChoiceField(
        label="The child's primary need",
        choices=[("", "Select the primary need"), *PrimaryNeed.choices],
        required=False,
        help_text="Needed when the child stays in need (a plan, a strategy discussion or care).",
    )

    field_order = [
        "decision",
        "outcome",
        "primary_need",
        "rationale",
        "risks_identified",
        "next_steps",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rationale"].label = "Rationale or comments"
        self.fields[
            "rationale"
        ].help_text = (
            "Why you decided this. If you are returning it, what the worker needs to change."
        )
        self.fields["rationale"].error_messages["required"] = "Enter your rationale or comments"
        self.fields["risks_identified"].help_text = "Needed to authorise."

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "authorise":
            if not data.get("outcome"):
                self.add_error("outcome", "Select the outcome of the assessment")
            if not str(data.get("risks_identified") or "").strip():
                self.add_error(
                    "risks_identified", "Enter the risks you identified, or say there are none"
                )
        return data
