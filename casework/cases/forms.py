from django import forms

from casework.cases.models import CaseNote
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
