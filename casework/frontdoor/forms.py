import datetime
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils import timezone

from casework.cases.models import ReferralSource
from casework.common.forms import DateField, NothingLostForm
from casework.frontdoor import selectors
from casework.frontdoor.models import Check, Contact, ContactSubject
from casework.oversight.forms import ManagementDecisionForm
from casework.people import selectors as people_selectors
from casework.people.models import Person

TIME = re.compile(r"^(?P<hour>\d{1,2})[:.]?(?P<minute>\d{2})$")


@dataclass(frozen=True)
class Found:
    """A person offered by the search, with why they matched."""

    person: Person
    reasons: Sequence[str] = ()


@dataclass(frozen=True)
class PersonRow:
    option: Any
    person: Person
    reasons: Sequence[str]
    role_name: str
    role_value: str


def default_role(person: Person) -> str:
    return ContactSubject.Role.CHILD if person.is_child else ContactSubject.Role.PARENT


def _uuids(values: Sequence[str]) -> list[uuid.UUID]:
    result = []
    for value in values:
        try:
            result.append(uuid.UUID(str(value)))
        except ValueError:
            continue
    return result


class PeoplePickerForm(NothingLostForm):
    """Choose people for a contact from a search, keyboard only and without JavaScript: the
    Find button sends the whole form back with the matches added, keeping everything typed."""

    q = forms.CharField(
        label="Find a person",
        required=False,
        max_length=100,
        help_text="Name, date of birth, postcode or NHS number",
    )
    people = forms.MultipleChoiceField(
        label="Who the contact is about",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick each person and say how they are involved.",
    )

    def __init__(
        self,
        *args: Any,
        user: Any,
        found: Sequence[Found] = (),
        preset: Sequence[str] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        posted = self.data.getlist("people") if hasattr(self.data, "getlist") else []
        chosen_ids = _uuids(posted if self.is_bound else list(preset))
        by_id = people_selectors.visible_to(user).in_bulk(chosen_ids)
        chosen = [Found(by_id[pk]) for pk in dict.fromkeys(chosen_ids) if pk in by_id]
        chosen_pks = {entry.person.pk for entry in chosen}
        self.candidates = chosen + [entry for entry in found if entry.person.pk not in chosen_pks]
        people_field: Any = self.fields["people"]
        people_field.choices = [
            (str(entry.person.pk), entry.person.full_name) for entry in self.candidates
        ]
        if not self.is_bound:
            self.initial["people"] = [str(entry.person.pk) for entry in chosen]
        for entry in self.candidates:
            self.fields[f"role_{entry.person.pk}"] = forms.ChoiceField(
                label=f"How {entry.person.full_name} is involved",
                choices=ContactSubject.Role.choices,
                required=False,
                initial=default_role(entry.person),
            )

    @property
    def person_rows(self) -> list[PersonRow]:
        options = list(self["people"])
        rows = []
        for option, entry in zip(options, self.candidates, strict=True):
            name = f"role_{entry.person.pk}"
            value = (self.data.get(name) if self.is_bound else None) or default_role(entry.person)
            rows.append(PersonRow(option, entry.person, entry.reasons, name, str(value)))
        return rows

    @property
    def role_choices(self) -> list[tuple[str, str]]:
        return list(ContactSubject.Role.choices)

    def picker_fields(self) -> set[str]:
        return {"q", "people", *(f"role_{entry.person.pk}" for entry in self.candidates)}

    def chosen(self) -> list[tuple[Person, str]]:
        """The ticked people, each with their role, in the order shown."""
        ticked = set(self.cleaned_data.get("people") or [])
        result = []
        for entry in self.candidates:
            if str(entry.person.pk) in ticked:
                role = self.cleaned_data.get(f"role_{entry.person.pk}") or default_role(
                    entry.person
                )
                result.append((entry.person, role))
        return result

    def error_summary(self) -> list[tuple[str, str]]:
        # With nobody found yet there is no checkbox to jump to, so point at the search box.
        items = super().error_summary()
        if not self.candidates:
            items = [
                (self["q"].auto_id if anchor == f"{self['people'].auto_id}_0" else anchor, text)
                for anchor, text in items
            ]
        return items


class ContactForm(PeoplePickerForm):
    received_at = DateField(label="Date received", allow_future=False)
    received_time = forms.CharField(
        label="Time received",
        max_length=5,
        help_text="24-hour clock, for example 14:05",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "autocomplete": "off"}),
    )
    method = forms.ChoiceField(
        label="How the contact came in", choices=Contact.Method.choices, widget=forms.RadioSelect
    )
    source = forms.ChoiceField(
        label="Who is contacting",
        choices=[("", "Select who is contacting"), *ReferralSource.choices],
        help_text="The referral source, as the children in need census records it",
    )
    referrer_name = forms.CharField(label="Referrer's name", max_length=200, required=False)
    referrer_organisation = forms.CharField(
        label="Referrer's organisation", max_length=200, required=False
    )
    referrer_phone = forms.CharField(
        label="Referrer's phone",
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "type": "tel"}),
    )
    concern = forms.CharField(
        label="The concern, in the referrer's words",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=50_000,
    )
    consent = forms.ChoiceField(
        label="Consent to the contact",
        choices=Contact.Consent.choices,
        widget=forms.RadioSelect,
        help_text="Did the family agree to the referrer contacting us?",
    )
    consent_reason = forms.CharField(
        label="Why consent was overridden",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5_000,
        required=False,
        help_text="Needed when consent was not given.",
    )
    flags = forms.MultipleChoiceField(
        label="Urgency",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[
            ("immediate_risk", "There is an immediate risk of significant harm"),
            ("out_of_hours", "Received out of hours"),
        ],
        help_text="Select all that apply.",
    )

    def clean_received_time(self) -> datetime.time:
        text = self.cleaned_data["received_time"].strip()
        match = TIME.match(text)
        message = "Enter the time received as hours and minutes, for example 14:05"
        if match is None:
            raise forms.ValidationError(message)
        hour, minute = int(match["hour"]), int(match["minute"])
        if hour > 23 or minute > 59:
            raise forms.ValidationError(message)
        return datetime.time(hour, minute)

    def received(self) -> datetime.datetime:
        """The date and time received, in London time, as an aware instant."""
        return datetime.datetime.combine(
            self.cleaned_data["received_at"],
            self.cleaned_data["received_time"],
            tzinfo=timezone.get_current_timezone(),
        )

    @classmethod
    def defaults(cls) -> dict[str, Any]:
        now = timezone.localtime()
        return {
            "received_at": now.date(),
            "received_time": f"{now:%H:%M}",
            "method": Contact.Method.PHONE,
        }


class AddPeopleForm(PeoplePickerForm):
    pass


class CheckForm(NothingLostForm):
    agency = forms.ChoiceField(
        label="Agency checked", choices=Check.Agency.choices, widget=forms.RadioSelect
    )
    result = forms.CharField(
        label="What the check found",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20_000,
    )
    complete = forms.ChoiceField(
        label="Are the checks complete?",
        choices=[
            ("no", "No, there are more checks to make"),
            ("yes", "Yes, send the contact to a manager for a decision"),
        ],
        widget=forms.RadioSelect,
        initial="no",
    )


class DecisionForm(ManagementDecisionForm):
    outcome = forms.ChoiceField(
        label="Decision", choices=Contact.Outcome.choices, widget=forms.RadioSelect
    )
    services = forms.ModelMultipleChoiceField(
        label="Services signposted to",
        queryset=selectors.active_services(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="For advice or signposting: select one or more.",
    )
    team = forms.ModelChoiceField(
        label="Team the referral goes to",
        queryset=selectors.referral_teams(),
        required=False,
        empty_label="Select a team",
        help_text="For a referral or strategy discussion.",
    )

    field_order = ["outcome", "services", "team", "rationale", "risks_identified", "next_steps"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["risks_identified"].help_text = "Needed for a referral or strategy discussion."
