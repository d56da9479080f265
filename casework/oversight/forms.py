"""The fields every management decision asks for. A step that needs sign-off builds its form on
this one and adds its own choice of outcome."""

from django import forms

from casework.common.forms import NothingLostForm


class ManagementDecisionForm(NothingLostForm):
    rationale = forms.CharField(
        label="Rationale",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20_000,
        help_text="Why you decided this, from what is known about the child.",
    )
    risks_identified = forms.CharField(
        label="Risks identified",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20_000,
        required=False,
    )
    next_steps = forms.CharField(
        label="Next steps",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20_000,
        required=False,
        help_text="Who does what next, and by when.",
    )
