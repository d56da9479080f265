"""The child's voice, as structured data on every visit, assessment and meeting that decides
about a child: were they seen, seen alone (and if not, why), their views in their own words, how
they took part, who helped, or why their views could not be gathered.

Children Act 1989 s17(4A) and s47(5A): a council must ascertain and give due consideration to
the child's wishes and feelings before providing services or deciding action.
"""

from typing import Any

from django import forms
from django.db import models

from casework.common.errors import RuleBroken


class Participation(models.TextChoices):
    """How the child took part, as the CIN census and SSDA903 code it."""

    PN0 = "PN0", "Child under 4 at the time"
    PN1 = "PN1", "Attended and spoke for themselves"
    PN2 = "PN2", "Attended, with an advocate speaking for them"
    PN3 = "PN3", "Attended and conveyed their views non-verbally or symbolically"
    PN4 = "PN4", "Attended but did not contribute"
    PN5 = "PN5", "Did not attend; an advocate briefed the meeting"
    PN6 = "PN6", "Did not attend; sent their views another way"
    PN7 = "PN7", "Did not attend and their views were not conveyed"


class Helper(models.TextChoices):
    NONE = "none", "No one"
    ADVOCATE = "advocate", "An advocate"
    INTERPRETER = "interpreter", "An interpreter"
    TRUSTED_ADULT = "trusted_adult", "A trusted adult"
    COMMUNICATION_AID = "communication_aid", "A communication aid"


class ChildVoice(models.Model):
    """Fields every record that hears from a child carries."""

    child_seen = models.BooleanField("Was the child seen?", null=True)
    seen_alone = models.BooleanField("Was the child seen alone?", null=True)
    not_seen_alone_reason = models.TextField("Why the child was not seen alone", blank=True)
    views = models.TextField("The child's views and wishes, in their own words", blank=True)
    participation = models.CharField(
        "How the child took part", max_length=3, choices=Participation.choices, blank=True
    )
    helped_by = models.CharField(
        "Who helped the child give their views",
        max_length=20,
        choices=Helper.choices,
        blank=True,
    )
    views_not_gathered_reason = models.TextField(
        "Why the child's views could not be gathered", blank=True
    )

    class Meta:
        abstract = True

    @property
    def voice_recorded(self) -> bool:
        return voice_is_complete({name: getattr(self, name) for name in VOICE_FIELDS}, require=True)


VOICE_FIELDS = (
    "child_seen",
    "seen_alone",
    "not_seen_alone_reason",
    "views",
    "participation",
    "helped_by",
    "views_not_gathered_reason",
)


def voice_is_complete(data: dict[str, Any], *, require: bool) -> bool:
    try:
        check_voice(data, require=require)
    except RuleBroken:
        return False
    return True


def check_voice(data: dict[str, Any], *, require: bool) -> None:
    """Refuse an incomplete account of the child's voice, naming the field to fix.

    `require` is True where a decision is made about the child (completing an assessment,
    finalising a meeting or a plan review): then the record cannot be completed without it.
    """
    seen = data.get("child_seen")
    if seen is None:
        if require:
            raise RuleBroken("child_seen", "Say whether the child was seen")
        return
    if seen and data.get("seen_alone") is None:
        raise RuleBroken("seen_alone", "Say whether the child was seen alone")
    if (
        seen
        and data.get("seen_alone") is False
        and not str(data.get("not_seen_alone_reason") or "").strip()
    ):
        raise RuleBroken("not_seen_alone_reason", "Say why the child was not seen alone")
    has_views = bool(str(data.get("views") or "").strip())
    has_reason = bool(str(data.get("views_not_gathered_reason") or "").strip())
    if require and not (has_views or has_reason):
        raise RuleBroken(
            "views",
            "Record the child's views in their own words, or why they could not be gathered",
        )


YES_NO = [("yes", "Yes"), ("no", "No")]


def _yes_no(value: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(value or "")


class ChildVoiceForm(forms.Form):
    """Mixed into a form that records the child's voice; `voice_data()` gives model values."""

    child_seen = forms.ChoiceField(
        label="Was the child seen?", choices=YES_NO, widget=forms.RadioSelect, required=False
    )
    seen_alone = forms.ChoiceField(
        label="Was the child seen alone?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=False,
    )
    not_seen_alone_reason = forms.CharField(
        label="If not, why not",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )
    views = forms.CharField(
        label="The child's views and wishes, in their own words",
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=20000,
        help_text="Write what the child said or showed, as they put it.",
    )
    participation = forms.ChoiceField(
        label="How the child took part",
        choices=[("", "Select how the child took part"), *Participation.choices],
        required=False,
    )
    helped_by = forms.ChoiceField(
        label="Who helped the child give their views",
        choices=[("", "Select who helped"), *Helper.choices],
        required=False,
    )
    views_not_gathered_reason = forms.CharField(
        label="If the child's views could not be gathered, why not",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )

    def voice_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "child_seen": _yes_no(data.get("child_seen")),
            "seen_alone": _yes_no(data.get("seen_alone")),
            "not_seen_alone_reason": data.get("not_seen_alone_reason", ""),
            "views": data.get("views", ""),
            "participation": data.get("participation", ""),
            "helped_by": data.get("helped_by", ""),
            "views_not_gathered_reason": data.get("views_not_gathered_reason", ""),
        }
