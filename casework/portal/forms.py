from typing import Any

from django import forms

from casework.common.forms import DateField, GovukForm, NothingLostForm
from casework.lib import uploads
from casework.people.models import Person
from casework.portal.models import FamilyMember


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
