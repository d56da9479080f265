from django import forms

from casework.common.forms import DateField, GovukForm, NothingLostForm
from casework.people.models import (
    Disability,
    Ethnicity,
    PersonName,
    PersonWarning,
    Professional,
    RelationshipKind,
    Sex,
)


class PersonForm(NothingLostForm):
    given_name = forms.CharField(label="First name", max_length=100)
    family_name = forms.CharField(label="Last name", max_length=100)
    preferred_name = forms.CharField(
        label="Preferred name (optional)", max_length=100, required=False
    )
    date_of_birth = DateField(
        label="Date of birth", required=False, help_text="For example, 27 3 2015"
    )
    expected_date_of_birth = DateField(
        label="Expected date of birth (unborn children only)", required=False
    )
    sex = forms.ChoiceField(label="Sex", choices=Sex.choices, widget=forms.RadioSelect)
    gender_identity = forms.CharField(
        label="Gender identity (optional)",
        max_length=60,
        required=False,
        help_text="In the person's own words, if different from their sex",
    )
    ethnicity = forms.ChoiceField(
        label="Ethnicity", choices=Ethnicity.choices, initial=Ethnicity.NOBT
    )
    first_language = forms.CharField(
        label="First language (optional)", max_length=60, required=False
    )
    disabilities = forms.MultipleChoiceField(
        label="Disabilities (optional)",
        choices=Disability.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    nhs_number = forms.CharField(
        label="NHS number (optional)",
        max_length=12,
        required=False,
        help_text="10 digits, for example 943 476 5919",
    )
    upn = forms.CharField(label="Unique pupil number (optional)", max_length=13, required=False)
    unique_child_id = forms.CharField(
        label="Single unique child identifier (optional)", max_length=40, required=False
    )


class NewPersonForm(PersonForm):
    confirm_new = forms.BooleanField(
        label="I have checked these records and this is a different person", required=False
    )
    relationship = forms.ChoiceField(
        label="How is this person related to the child?",
        choices=[("", "Not related"), *RelationshipKind.choices],
        required=False,
    )
    parental_responsibility = forms.BooleanField(
        label="Has parental responsibility for the child", required=False
    )


class AddressForm(NothingLostForm):
    line_1 = forms.CharField(label="Address line 1", max_length=200)
    line_2 = forms.CharField(label="Address line 2 (optional)", max_length=200, required=False)
    town = forms.CharField(label="Town or city", max_length=100, required=False)
    postcode = forms.CharField(label="Postcode", max_length=10)
    started_on = DateField(label="Lived here from", allow_future=False)
    ended_on = DateField(label="Lived here until (optional)", required=False)


class OtherNameForm(NothingLostForm):
    kind = forms.ChoiceField(
        label="Type of name", choices=PersonName.Kind.choices, widget=forms.RadioSelect
    )
    given_name = forms.CharField(label="First name", max_length=100, required=False)
    family_name = forms.CharField(label="Last name", max_length=100, required=False)


class RelationshipForm(NothingLostForm):
    other_la_id = forms.CharField(
        label="Council ID of the other person",
        max_length=20,
        help_text="Find them under People first; the council ID is on their record",
    )
    kind = forms.ChoiceField(
        label="The other person is this person's", choices=RelationshipKind.choices
    )
    parental_responsibility = forms.BooleanField(
        label="They have parental responsibility for this person", required=False
    )


class ProfessionalForm(NothingLostForm):
    role = forms.ChoiceField(label="Role", choices=Professional.Role.choices)
    organisation = forms.CharField(label="Organisation", max_length=200)
    name = forms.CharField(label="Name (optional)", max_length=120, required=False)
    phone = forms.CharField(label="Phone (optional)", max_length=40, required=False)
    email = forms.EmailField(label="Email (optional)", required=False)


class WarningForm(NothingLostForm):
    kind = forms.ChoiceField(
        label="Type of warning", choices=PersonWarning.Kind.choices, widget=forms.RadioSelect
    )
    detail = forms.CharField(
        label="What colleagues need to know", widget=forms.Textarea, max_length=2000
    )


class MergeForm(NothingLostForm):
    duplicate_la_id = forms.CharField(
        label="Council ID of the duplicate record",
        max_length=20,
        help_text="Everything on that record moves to this one. You can undo a merge.",
    )
    reason = forms.CharField(
        label="Why these are the same person", widget=forms.Textarea, max_length=2000
    )


class SearchForm(GovukForm):
    q = forms.CharField(label="Search", max_length=200, required=False)
