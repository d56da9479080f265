from typing import Any

from django import forms

from casework.accounts.models import Role, User
from casework.cases.models import CaseNote, ClosureReason, Document, LetterTemplate
from casework.common.forms import DateField, NothingLostForm


class CaseNoteForm(NothingLostForm):
    kind = forms.ChoiceField(
        label="Type of note", choices=CaseNote.Kind.choices, widget=forms.RadioSelect
    )
    occurred_on = DateField(label="Date", help_text="For example, 27 3 2026", allow_future=False)
    subject = forms.CharField(label="Subject", max_length=200)
    body = forms.CharField(
        label="Note",
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=50_000,
        help_text="Write what happened and what it means for the child.",
    )


class ManagerDecisionFields(forms.Form):
    rationale = forms.CharField(
        label="Rationale", widget=forms.Textarea(attrs={"rows": 5}), max_length=20_000
    )
    risks_identified = forms.CharField(
        label="Risks identified and how each is managed",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20_000,
        required=False,
    )
    next_steps = forms.CharField(
        label="Next steps, with who and by when",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20_000,
        required=False,
    )


class AllocateForm(NothingLostForm, ManagerDecisionFields):
    worker = forms.ModelChoiceField(
        label="Worker", queryset=User.objects.none(), empty_label="Select a worker"
    )
    field_order = ["worker", "rationale", "risks_identified", "next_steps"]

    def __init__(self, *args: Any, team: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        worker_field: Any = self.fields["worker"]
        worker_field.queryset = User.objects.filter(
            team=team, role=Role.SOCIAL_WORKER, is_active=True
        ).order_by("first_name", "last_name")


class CloseEpisodeForm(NothingLostForm, ManagerDecisionFields):
    closed_on = DateField(label="Date closed", allow_future=False)
    reason = forms.ChoiceField(
        label="Reason for closure", choices=ClosureReason.choices, widget=forms.RadioSelect
    )
    field_order = ["closed_on", "reason", "rationale", "next_steps"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["risks_identified"]


class SignificantEventForm(NothingLostForm):
    occurred_on = DateField(label="Date", allow_future=False)
    title = forms.CharField(label="What happened", max_length=200)
    analysis = forms.CharField(
        label="What it means for the child",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20_000,
        required=False,
        help_text="Your analysis: why this matters, and what has changed because of it.",
    )


class UploadDocumentForm(NothingLostForm):
    title = forms.CharField(label="Title", max_length=200)
    kind = forms.ChoiceField(label="Type of document", choices=Document.Kind.choices)
    file = forms.FileField(
        label="File",
        help_text="PDF, Word (.docx), OpenDocument (.odt), JPEG, PNG or text, up to 20 MB",
    )


class NewVersionForm(NothingLostForm):
    file = forms.FileField(
        label="File",
        help_text="The new version replaces nothing: earlier versions stay on the record",
    )
    note = forms.CharField(label="What changed", max_length=300)


class LetterForm(NothingLostForm):
    template = forms.ModelChoiceField(
        label="Letter",
        queryset=LetterTemplate.objects.filter(active=True),
        empty_label="Select a letter",
    )
