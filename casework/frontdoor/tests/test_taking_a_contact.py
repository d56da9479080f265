"""Taking a contact: the service's rules, the decision clock, the re-referral flag, and the page."""

import datetime
import uuid
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client

from casework.audit.models import AuditEvent
from casework.cases import services as case_services
from casework.common.errors import RuleBroken
from casework.common.models import SubmissionReceipt
from casework.frontdoor import services
from casework.frontdoor.models import Contact, ContactSubject
from casework.testing.factories import PersonFactory
from casework.testing.personas import Personas

LONDON = datetime.timezone(datetime.timedelta(hours=1))  # British Summer Time, April 2026


def at(year: int, month: int, day: int, hour: int, minute: int) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=datetime.UTC)


def take(actor: Any, children: list[Any], **overrides: Any) -> Contact:
    fields: dict[str, Any] = {
        "received_at": at(2026, 3, 2, 10, 0),
        "source": "2A",
        "concern": "She said her mum's boyfriend pushed her.",
        "consent": Contact.Consent.GIVEN,
        "people": [(person, ContactSubject.Role.CHILD) for person in children],
    }
    fields.update(overrides)
    return services.record_contact(actor, **fields)


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


# The service ---------------------------------------------------------------------------------


def test_a_contact_is_recorded_with_its_child_and_audited(personas: Personas) -> None:
    contact = take(personas.frontdoor, [personas.child], referrer_name="Ms Patel")
    assert contact.status == Contact.Status.AWAITING_CHECKS
    assert contact.recorded_by == personas.frontdoor
    assert contact.method == Contact.Method.PHONE
    subject = contact.subjects.get()
    assert subject.person == personas.child
    assert subject.role == ContactSubject.Role.CHILD
    event = AuditEvent.objects.get(person_id=personas.child.pk, object_id=str(contact.pk))
    assert event.action == "create"
    assert event.after["referrer_name"] == "Ms Patel"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"received_at": at(2099, 1, 1, 9, 0)}, "received_at"),
        ({"concern": "   "}, "concern"),
        ({"consent": Contact.Consent.NOT_GIVEN}, "consent_reason"),
        ({"consent": "maybe"}, "consent"),
        ({"source": "99"}, "source"),
        ({"method": "carrier pigeon"}, "method"),
        ({"people": []}, "people"),
    ],
)
def test_bad_input_names_its_field_and_writes_nothing(
    personas: Personas, overrides: dict[str, Any], field: str
) -> None:
    with pytest.raises(RuleBroken) as broken:
        take(personas.frontdoor, [personas.child], **overrides)
    assert broken.value.field == field
    assert not Contact.objects.exists()
    assert not ContactSubject.objects.exists()
    assert not AuditEvent.objects.filter(object_type="frontdoor.contact").exists()


def test_a_contact_received_after_it_was_recorded_is_refused(personas: Personas) -> None:
    with (
        time_machine.travel(at(2026, 3, 2, 10, 0), tick=False),
        pytest.raises(RuleBroken) as broken,
    ):
        take(personas.frontdoor, [personas.child], received_at=at(2026, 3, 2, 10, 1))
    assert broken.value.field == "received_at"
    assert "after recording" in broken.value.message
    assert not Contact.objects.exists()


def test_a_contact_about_only_adults_is_refused(personas: Personas) -> None:
    mother = PersonFactory(is_child=False, date_of_birth=datetime.date(1990, 1, 1))
    with pytest.raises(RuleBroken) as broken:
        take(personas.frontdoor, [], people=[(mother, ContactSubject.Role.PARENT)])
    assert broken.value.field == "people"


def test_consent_overridden_with_a_reason_is_kept(personas: Personas) -> None:
    contact = take(
        personas.frontdoor,
        [personas.child],
        consent=Contact.Consent.NOT_GIVEN,
        consent_reason="Asking would alert the alleged abuser.",
    )
    assert contact.consent_reason == "Asking would alert the alleged abuser."


def test_the_decision_is_due_one_working_day_after_receipt_skipping_easter(
    personas: Personas,
) -> None:
    # practice-rules.md 5e: received Thu 2 Apr 2026, Good Friday and Easter Monday skipped.
    call_command("holidays", "--from", "2026", "--to", "2026", verbosity=0)
    with time_machine.travel(at(2026, 4, 2, 15, 0), tick=False):
        contact = take(
            personas.frontdoor,
            [personas.child],
            received_at=datetime.datetime(2026, 4, 2, 9, 30, tzinfo=LONDON),
        )
    assert contact.decision_due == datetime.date(2026, 4, 7)


def test_the_clock_starts_on_the_london_day_the_contact_arrived(personas: Personas) -> None:
    # 23:30 UTC on Tuesday 7 April is 00:30 on Wednesday in London, so the clock starts then.
    with time_machine.travel(at(2026, 4, 8, 9, 0), tick=False):
        contact = take(personas.frontdoor, [personas.child], received_at=at(2026, 4, 7, 23, 30))
    assert contact.decision_due == datetime.date(2026, 4, 9)


# Re-referral ---------------------------------------------------------------------------------


def _referred(personas: Personas, on: datetime.date) -> None:
    case_services.open_referral(
        personas.manager, personas.child, referral_date=on, source="6", team=personas.team_a
    )


def test_a_child_referred_within_the_last_12_months_is_flagged(personas: Personas) -> None:
    _referred(personas, datetime.date(2025, 3, 3))
    contact = take(personas.frontdoor, [personas.child])
    assert contact.subjects.get().re_referral_within_12_months


def test_a_referral_more_than_12_months_ago_is_not_a_re_referral(personas: Personas) -> None:
    _referred(personas, datetime.date(2025, 3, 1))
    contact = take(personas.frontdoor, [personas.child])
    assert not contact.subjects.get().re_referral_within_12_months


def test_a_child_never_referred_is_not_flagged(personas: Personas) -> None:
    contact = take(personas.frontdoor, [personas.child])
    assert not contact.subjects.get().re_referral_within_12_months


def test_the_re_referral_is_shown_on_the_contact_and_the_tray(personas: Personas) -> None:
    _referred(personas, datetime.date(2025, 9, 1))
    contact = take(personas.frontdoor, [personas.child])
    client = signed_in(personas.frontdoor)
    assert "Re-referral within 12 months" in client.get(contact.get_absolute_url()).content.decode()
    assert "Re-referral" in client.get("/front-door/").content.decode()


# Adding people -------------------------------------------------------------------------------


def test_a_parent_added_later_joins_the_contact_and_changes_its_version(
    personas: Personas,
) -> None:
    contact = take(personas.frontdoor, [personas.child])
    mother = PersonFactory(is_child=False, date_of_birth=datetime.date(1990, 1, 1))
    services.add_subject(personas.frontdoor, contact, mother, role=ContactSubject.Role.PARENT)
    contact.refresh_from_db()
    assert contact.version == 2
    assert {s.role for s in contact.subjects.all()} == {"child", "parent"}


def test_the_same_person_cannot_be_added_twice(personas: Personas) -> None:
    contact = take(personas.frontdoor, [personas.child])
    with pytest.raises(RuleBroken) as broken:
        services.add_subject(personas.frontdoor, contact, personas.child, role="child")
    assert broken.value.field == "person"
    assert contact.subjects.count() == 1


# The page ------------------------------------------------------------------------------------


def contact_form(person_ids: list[str], **overrides: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "people": person_ids,
        "received_at_day": "2",
        "received_at_month": "3",
        "received_at_year": "2026",
        "received_time": "10:05",
        "method": "phone",
        "source": "2A",
        "referrer_name": "Ms Patel",
        "concern": "Bruise on her cheek; does not want to go home.",
        "consent": "given",
        "flags": ["immediate_risk"],
        "form_token": str(uuid.uuid4()),
        "action": "save",
    }
    for person_id in person_ids:
        data[f"role_{person_id}"] = "child"
    data.update(overrides)
    return data


def test_the_form_starts_with_now_and_a_phone_call(personas: Personas) -> None:
    with time_machine.travel(at(2026, 3, 2, 14, 7), tick=False):
        response = signed_in(personas.frontdoor).get("/front-door/contacts/new/")
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["received_at"] == datetime.date(2026, 3, 2)
    assert form.initial["received_time"] == "14:07"
    assert form.initial["method"] == "phone"


def test_a_person_chosen_from_search_results_is_ticked(personas: Personas) -> None:
    url = f"/front-door/contacts/new/?person={personas.child.pk}"
    page = signed_in(personas.frontdoor).get(url).content.decode()
    assert "Amy Jones" in page
    assert f'value="{personas.child.pk}" checked' in page


def test_finding_a_child_keeps_what_was_typed_and_saves_nothing(personas: Personas) -> None:
    client = signed_in(personas.frontdoor)
    data = contact_form([], q="Aimee Jones 17/05/2016", action="find", concern="Half typed")
    response = client.post("/front-door/contacts/new/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert f'value="{personas.child.pk}"' in page
    assert "date of birth exact" in page  # the reason for the match
    assert "Half typed" in page
    assert "There is a problem" not in page
    assert not Contact.objects.exists()


def test_a_practitioner_takes_a_contact_from_the_page(personas: Personas) -> None:
    client = signed_in(personas.frontdoor)
    response = client.post("/front-door/contacts/new/", contact_form([str(personas.child.pk)]))
    assert response.status_code == 302
    contact = Contact.objects.get()
    assert response["Location"] == contact.get_absolute_url()
    assert contact.immediate_risk
    assert not contact.out_of_hours
    assert contact.received_at == at(2026, 3, 2, 10, 5)  # GMT in March
    assert contact.subjects.get().person == personas.child
    page = client.get(response["Location"]).content.decode()
    assert "Contact saved" in page
    assert "Bruise on her cheek" in page


def test_an_empty_contact_names_every_missing_field(personas: Personas) -> None:
    response = signed_in(personas.frontdoor).post("/front-door/contacts/new/", {"action": "save"})
    assert response.status_code == 400
    page = response.content.decode()
    for message in (
        "Enter date received",
        "Enter time received",
        "Select how the contact came in",
        "Select who is contacting",
        "Enter the concern, in the referrer&#x27;s words",
        "Select consent to the contact",
    ):
        assert message in page
    assert not Contact.objects.exists()


def test_a_contact_with_no_child_ticked_says_so_against_the_search(personas: Personas) -> None:
    response = signed_in(personas.frontdoor).post("/front-door/contacts/new/", contact_form([]))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose the child the contact is about" in page
    assert 'href="#id_q"' in page
    assert not Contact.objects.exists()


def test_a_missing_consent_reason_is_named_on_the_page(personas: Personas) -> None:
    data = contact_form([str(personas.child.pk)], consent="not_given")
    response = signed_in(personas.frontdoor).post("/front-door/contacts/new/", data)
    assert response.status_code == 400
    assert 'href="#id_consent_reason"' in response.content.decode()
    assert not Contact.objects.exists()


def test_a_time_received_in_the_future_is_refused_on_the_page(personas: Personas) -> None:
    with time_machine.travel(at(2026, 3, 2, 9, 0), tick=False):
        data = contact_form([str(personas.child.pk)], received_time="11:00")
        response = signed_in(personas.frontdoor).post("/front-door/contacts/new/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "The time received must be now or in the past" in page
    assert 'href="#id_received_at_0"' in page
    assert 'id="id_received_at_0"' in page


def test_a_nonsense_time_is_refused(personas: Personas) -> None:
    data = contact_form([str(personas.child.pk)], received_time="25:99")
    response = signed_in(personas.frontdoor).post("/front-door/contacts/new/", data)
    assert response.status_code == 400
    assert "for example 14:05" in response.content.decode()


def test_submitting_the_same_contact_twice_records_it_once(personas: Personas) -> None:
    client = signed_in(personas.frontdoor)
    data = contact_form([str(personas.child.pk)])
    first = client.post("/front-door/contacts/new/", data)
    second = client.post("/front-door/contacts/new/", data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Contact.objects.count() == 1
    assert SubmissionReceipt.objects.count() == 1


def test_a_child_the_practitioner_cannot_see_cannot_be_ticked(personas: Personas) -> None:
    # A team manager sees only their team's children, so a stranger's id is refused.
    stranger = PersonFactory()
    data = contact_form([str(stranger.pk)])
    response = signed_in(personas.manager).post("/front-door/contacts/new/", data)
    assert response.status_code == 400
    assert not Contact.objects.exists()


def test_a_half_written_contact_comes_back_as_a_draft(personas: Personas) -> None:
    client = signed_in(personas.frontdoor)
    client.post(
        "/front-door/contacts/new/",
        {"people": [str(personas.child.pk)], "concern": "Mum rang to say"},
        headers={"X-Casework-Autosave": "1"},
    )
    page = client.get("/front-door/contacts/new/").content.decode()
    assert "We restored the draft" in page
    assert "Mum rang to say" in page
    assert f'value="{personas.child.pk}" checked' in page


def test_people_are_added_to_a_contact_from_its_page(personas: Personas) -> None:
    contact = take(personas.frontdoor, [personas.child])
    mother = PersonFactory(given_name="Jo", is_child=False, date_of_birth=datetime.date(1990, 1, 1))
    client = signed_in(personas.frontdoor)
    url = f"/front-door/contacts/{contact.pk}/people/new/?person={mother.pk}"
    assert "Jo " in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "people": [str(mother.pk)],
            f"role_{mother.pk}": "parent",
            "form_token": str(uuid.uuid4()),
            "action": "save",
        },
    )
    assert response.status_code == 302
    assert contact.subjects.get(person=mother).role == "parent"
