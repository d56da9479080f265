"""Agency checks on a contact: who checked what, when, and what they found."""

import datetime
import uuid
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from casework.audit.models import AuditEvent
from casework.cases import services as case_services
from casework.common.errors import RuleBroken
from casework.frontdoor import services
from casework.frontdoor.models import Check, Contact
from casework.frontdoor.tests.factories import contact_about
from casework.testing.factories import CaseNoteFactory
from casework.testing.personas import Personas


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_a_check_records_who_when_and_what_was_found(personas: Personas) -> None:
    contact = contact_about(personas.child)
    check = services.record_check(
        personas.frontdoor, contact, agency=Check.Agency.POLICE, result="Two call-outs in 2025."
    )
    assert check.checked_by == personas.frontdoor
    assert timezone.now() - check.checked_at < datetime.timedelta(minutes=1)
    contact.refresh_from_db()
    assert contact.status == Contact.Status.AWAITING_CHECKS
    assert contact.version == 2  # a manager deciding from before the check is told
    assert AuditEvent.objects.filter(person_id=personas.child.pk, object_id=str(check.pk)).exists()


def test_the_last_check_sends_the_contact_for_a_decision(personas: Personas) -> None:
    contact = contact_about(personas.child)
    services.record_check(
        personas.frontdoor, contact, agency="education", result="Fine", checks_complete=True
    )
    contact.refresh_from_db()
    assert contact.status == Contact.Status.AWAITING_DECISION


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"result": "  "}, "result"),
        ({"agency": "astrologer"}, "agency"),
        ({"checked_at": datetime.datetime(2099, 1, 1, tzinfo=datetime.UTC)}, "checked_at"),
        ({"checked_at": datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC)}, "checked_at"),
    ],
)
def test_a_bad_check_names_its_field_and_writes_nothing(
    personas: Personas, overrides: dict[str, Any], field: str
) -> None:
    contact = contact_about(personas.child)  # received 2 March 2026
    fields: dict[str, Any] = {"agency": "police", "result": "Nothing known"} | overrides
    with pytest.raises(RuleBroken) as broken:
        services.record_check(personas.frontdoor, contact, **fields)
    assert broken.value.field == field
    assert not Check.objects.exists()
    contact.refresh_from_db()
    assert contact.version == 1


def test_casework_fills_in_its_own_previous_involvement(personas: Personas) -> None:
    case_services.open_referral(
        personas.manager,
        personas.child,
        referral_date=datetime.date(2025, 6, 2),
        source="2A",
        team=personas.team_a,
    )
    CaseNoteFactory(person=personas.child, author=personas.worker)
    CaseNoteFactory(person=personas.child, author=personas.worker)
    contact = contact_about(personas.child)
    page = signed_in(personas.frontdoor).get(
        f"/front-door/contacts/{contact.pk}/checks/new/?agency=casework"
    )
    form = page.context["form"]
    assert form.initial["agency"] == "casework"
    assert form.initial["result"] == (
        "Amy Jones: 1 previous referral; latest on 2 June 2025 to Team A, open; 2 case notes."
    )


def test_someone_with_no_history_is_said_to_have_none(personas: Personas) -> None:
    contact = contact_about(personas.child)
    page = signed_in(personas.frontdoor).get(
        f"/front-door/contacts/{contact.pk}/checks/new/?agency=casework"
    )
    assert "no previous involvement found" in page.context["form"].initial["result"]


def test_a_check_is_recorded_from_the_page_and_shown_on_the_contact(personas: Personas) -> None:
    contact = contact_about(personas.child)
    client = signed_in(personas.frontdoor)
    response = client.post(
        f"/front-door/contacts/{contact.pk}/checks/new/",
        {
            "agency": "police",
            "result": "Known to police: domestic incident in January.",
            "complete": "yes",
            "form_token": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 302
    page = client.get(contact.get_absolute_url()).content.decode()
    assert "Known to police: domestic incident in January." in page
    assert "Awaiting decision" in page


def test_an_empty_check_names_its_fields(personas: Personas) -> None:
    contact = contact_about(personas.child)
    response = signed_in(personas.frontdoor).post(
        f"/front-door/contacts/{contact.pk}/checks/new/", {}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Select agency checked" in page
    assert "Enter what the check found" in page
    assert not Check.objects.exists()
