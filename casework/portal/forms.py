from typing import Any

from django import forms

from casework.cases.models import Document
from casework.common.forms import DateField, GovukForm, NothingLostForm
from casework.lib import uploads
from casework.people.models import Person
from casework.portal.documents import Passage
from casework.portal.models import FamilyMember
from casework.portal.upcoming import DateCandidate


class InviteForm(NothingLostForm):
    person = forms.ModelChoiceField(
        label="Who to invite",
        queryset=Person.objects.none(),
        widget=forms.RadioSelect,
        help_text="People related to the child on the record, and the child if old enough.",
    )
    email = forms.EmailField(
        label="Their email address",
        max_length=254,
        error_messages={"invalid": "Enter an email address in the correct format"},
    )

    def __init__(self, *args: Any, people: list[Person] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["person"]
        field.queryset = Person.objects.filter(pk__in=[p.pk for p in people or []])
        field.label_from_instance = lambda p: p.full_name


class ShareForm(NothingLostForm):
    family_member = forms.ModelChoiceField(
        label="Who to share it with",
        queryset=FamilyMember.objects.none(),
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label="Message to them (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    third_party_removed = forms.BooleanField(
        label="I have removed information about other people (third-party information)",
        widget=forms.CheckboxInput(attrs={"class": "govuk-checkboxes__input"}),
        error_messages={
            "required": "Confirm you have removed third-party information, or add a redacted "
            "version first"
        },
    )

    def __init__(self, *args: Any, members: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["family_member"]
        field.queryset = members if members is not None else FamilyMember.objects.none()
        field.label_from_instance = lambda m: (
            m.person.full_name + (" (the young person)" if m.is_self else "")
        )


class ApproveShareForm(NothingLostForm):
    rationale = forms.CharField(
        label="Why it is right to share this", max_length=5000, widget=forms.Textarea
    )


class ConfirmForm(NothingLostForm):
    """A button press with nothing to type: withdraw, remove, accept."""


# The portal ------------------------------------------------------------------------------------


class DateOfBirthForm(GovukForm):
    date_of_birth = DateField(label="Date of birth", help_text="For example, 27 3 1985")


class SignInForm(GovukForm):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={"invalid": "Enter an email address in the correct format"},
    )
    date_of_birth = DateField(label="Date of birth", help_text="For example, 27 3 1985")


class CodeForm(GovukForm):
    code = forms.CharField(
        label="Code from the email",
        max_length=10,
        help_text="6 numbers",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class ViewsForm(GovukForm):
    text = forms.CharField(
        label="Your views",
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Say what you think. Your social worker will read this before it goes on "
        "the record.",
    )


class FamilyUploadForm(GovukForm):
    title = forms.CharField(label="What is the document", max_length=200)
    file = forms.FileField(
        label="The file",
        help_text=f"{uploads.ACCEPTED_NAMES}, smaller than {uploads.MAX_BYTES // (1024 * 1024)} MB",
    )
    text = forms.CharField(
        label="Anything you want to tell us about it (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RedactForm(NothingLostForm):
    """One box per passage of the document, holding what it says now. What the worker changes
    goes into the redacted version; what they leave stays as it is."""

    note = forms.CharField(
        label="What you removed, for the record (optional)",
        required=False,
        max_length=300,
        help_text="For example: the neighbour's name and what she told us",
    )

    def __init__(self, *args: Any, passages: list[Passage] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.passages = passages or []
        boxes: dict[str, forms.Field] = {}
        for number, passage in enumerate(self.passages, start=1):
            rows = min(12, max(2, len(passage.text) // 70 + 1))
            boxes[f"passage_{number}"] = forms.CharField(
                label=passage.label,
                required=False,
                max_length=20_000,
                initial=passage.text,
                widget=forms.Textarea(attrs={"rows": rows}),
            )
        # The passages first, in reading order, then the note.
        self.fields = {**boxes, **{k: v for k, v in self.fields.items() if k not in boxes}}
        for name in boxes:
            self.fields[name].error_messages["max_length"] = "A passage must be shorter"

    def texts(self) -> list[str]:
        return [
            self.cleaned_data.get(f"passage_{number}", "") or ""
            for number in range(1, len(self.passages) + 1)
        ]


class ShowDateForm(NothingLostForm):
    which = forms.ChoiceField(label="Which date", widget=forms.RadioSelect)
    on = DateField(
        label="Date it will happen (optional)",
        required=False,
        help_text="Leave it empty to show the due date. For example, 27 3 2026",
    )
    at = forms.TimeField(
        label="Time (optional)",
        required=False,
        input_formats=["%H:%M", "%H.%M", "%I:%M%p", "%I.%M%p", "%I%p", "%H%M"],
        help_text="For example, 10:30 or 2pm",
        error_messages={"invalid": "Enter a time like 10:30 or 2pm"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )
    place = forms.CharField(label="Where (optional)", required=False, max_length=200)
    members = forms.ModelMultipleChoiceField(
        label="Who in the family sees it",
        queryset=FamilyMember.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label="Message to them (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self,
        *args: Any,
        candidates: list[DateCandidate] | None = None,
        members: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.candidates = {c.key: c for c in candidates or []}
        which: Any = self.fields["which"]
        which.choices = [(c.key, c.label) for c in candidates or []]
        field: Any = self.fields["members"]
        field.queryset = members if members is not None else FamilyMember.objects.none()
        field.label_from_instance = lambda m: (
            m.person.full_name + (" (the young person)" if m.is_self else "")
        )
        self.fields["members"].error_messages["required"] = (
            "Select who in the family should see this date"
        )

    def candidate(self) -> DateCandidate:
        return self.candidates[self.cleaned_data["which"]]


class DateViewsForm(GovukForm):
    text = forms.CharField(
        label="Your views",
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="What you want the meeting to know: what is going well, what worries you, "
        "what you would like to happen. Your social worker reads this first.",
    )


class ShowMeetingForm(NothingLostForm):
    members = forms.ModelMultipleChoiceField(
        label="Who in the family sees it",
        queryset=FamilyMember.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select who in the family should see this meeting"},
    )
    purpose = forms.CharField(
        label="What the meeting is for, in words the family will understand",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="This starts as the purpose on the meeting's record. Take out anything about "
        "other people, and any words the family would not use.",
        error_messages={"required": "Enter what the meeting is for, in words the family use"},
    )
    note = forms.CharField(
        label="Message to them (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, members: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["members"]
        field.queryset = members if members is not None else FamilyMember.objects.none()
        field.label_from_instance = lambda m: (
            m.person.full_name + (" (the young person)" if m.is_self else "")
        )


class ApprovalRulesForm(NothingLostForm):
    kinds = forms.MultipleChoiceField(
        label="Types of document a team manager must approve before a family sees them",
        choices=Document.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply. A type left unticked is shared as soon as the worker "
        "confirms that information about other people is out of it.",
    )
    # The types that needed approval when the page was opened, so a change someone else made
    # in the meantime is shown rather than overwritten.
    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def seen_kinds(self) -> set[str]:
        return {kind for kind in (self.cleaned_data.get("seen") or "").split(",") if kind}
