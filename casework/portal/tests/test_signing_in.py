"""Family accounts: invited by a worker, one-time links, date of birth and a one-time code,
rate limits, and portal sessions that are separate from staff sessions and shorter."""

import datetime
import re
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import timezone

from casework.audit.models import AuditEvent
from casework.cases.models import Allocation
from casework.common.errors import RuleBroken
from casework.people.models import Person
from casework.portal import access, services
from casework.portal.models import FamilyMember, Invitation, PortalSession, SignInCode
from casework.portal.tests.factories import MOTHER_BORN, Families, portal_client, relative
from casework.testing.personas import Personas


def dob(day: datetime.date) -> dict[str, str]:
    return {
        "date_of_birth_day": str(day.day),
        "date_of_birth_month": str(day.month),
        "date_of_birth_year": str(day.year),
    }


def invite_mother(personas: Personas, capture: Any) -> tuple[FamilyMember, str]:
    mother = relative(personas.child, given_name="Jade")
    with capture(execute=True):
        member = services.invite(
            personas.worker,
            personas.child,
            person=mother,
            email="Jade@Example.org",
            base_url="http://testserver/",
        )
    link = re.search(r"http://testserver(/family/invitation/\S+/)", str(mail.outbox[-1].body))
    assert link is not None
    return member, link.group(1)


def code_from_last_email() -> str:
    found = re.search(r"Your code is (\d{6})", str(mail.outbox[-1].body))
    assert found is not None
    return found.group(1)


def accept_invitation(client: Client, link: str, capture: Any) -> str:
    with capture(execute=True):
        response = client.post(link, dob(MOTHER_BORN))
    assert response.status_code == 302
    return str(response["Location"])


def test_a_worker_invites_a_parent_by_email(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    member, link = invite_mother(personas, django_capture_on_commit_callbacks)
    message = mail.outbox[0]
    assert message.to == ["jade@example.org"]
    assert settings.COUNCIL_NAME in message.subject
    assert member.status == FamilyMember.Status.INVITED
    # Only a hash of the link is stored.
    raw = link.rsplit("/", 2)[-2]
    assert not Invitation.objects.filter(token_hash=raw).exists()
    assert AuditEvent.objects.filter(person_id=personas.child.pk, object_id=str(member.pk)).exists()


def test_the_invitation_link_date_of_birth_and_code_sign_the_parent_in(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    member, link = invite_mother(personas, django_capture_on_commit_callbacks)
    client = Client()
    assert client.get(link).status_code == 200
    code_page = accept_invitation(client, link, django_capture_on_commit_callbacks)
    code = code_from_last_email()
    stored = SignInCode.objects.get(family_member=member)
    assert code not in stored.code_hash
    response = client.post(code_page, {"code": code})
    assert response.status_code == 302
    assert response["Location"] == "/family/"
    assert access.COOKIE_NAME in response.cookies
    assert client.get("/family/").status_code == 200
    member.refresh_from_db()
    assert member.status == FamilyMember.Status.ACTIVE


def test_an_invitation_link_cannot_be_used_twice(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    _, link = invite_mother(personas, django_capture_on_commit_callbacks)
    client = Client()
    code_page = accept_invitation(client, link, django_capture_on_commit_callbacks)
    client.post(code_page, {"code": code_from_last_email()})
    again = Client()
    assert again.get(link).status_code == 404
    assert again.post(link, dob(MOTHER_BORN)).status_code == 404


def test_an_invitation_link_expires(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    _, link = invite_mother(personas, django_capture_on_commit_callbacks)
    later = timezone.now() + datetime.timedelta(hours=73)
    with time_machine.travel(later, tick=False):
        assert Client().get(link).status_code == 404


def test_a_code_expires_after_ten_minutes(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    _, link = invite_mother(personas, django_capture_on_commit_callbacks)
    client = Client()
    code_page = accept_invitation(client, link, django_capture_on_commit_callbacks)
    code = code_from_last_email()
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=11), tick=False):
        response = client.post(code_page, {"code": code})
    assert response.status_code == 400
    assert b"expired" in response.content
    assert not PortalSession.objects.exists()


def test_a_code_works_once(personas: Personas, django_capture_on_commit_callbacks: Any) -> None:
    _, link = invite_mother(personas, django_capture_on_commit_callbacks)
    client = Client()
    code_page = accept_invitation(client, link, django_capture_on_commit_callbacks)
    code = code_from_last_email()
    assert client.post(code_page, {"code": code}).status_code == 302
    assert Client().post(code_page, {"code": code}).status_code == 400
    assert PortalSession.objects.count() == 1


def test_five_wrong_codes_lock_the_account(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    member, link = invite_mother(personas, django_capture_on_commit_callbacks)
    client = Client()
    code_page = accept_invitation(client, link, django_capture_on_commit_callbacks)
    code = code_from_last_email()
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for _ in range(4):
        response = client.post(code_page, {"code": wrong})
        assert response.status_code == 400
        assert b"not right" in response.content
    response = client.post(code_page, {"code": wrong})
    assert b"too many times" in response.content
    # Locked: even the right code no longer works.
    response = client.post(code_page, {"code": code})
    assert response.status_code == 400
    assert not PortalSession.objects.exists()
    member.refresh_from_db()
    assert member.locked_until is not None


def test_wrong_dates_of_birth_count_towards_the_lock(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    member, link = invite_mother(personas, django_capture_on_commit_callbacks)
    client = Client()
    for _ in range(5):
        response = client.post(link, dob(datetime.date(1970, 1, 1)))
        assert response.status_code == 400
    assert b"too many times" in response.content
    response = client.post(link, dob(MOTHER_BORN))
    assert response.status_code == 400
    assert not SignInCode.objects.filter(family_member=member).exists()


def test_a_bad_date_names_the_field_and_writes_nothing(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    member, link = invite_mother(personas, django_capture_on_commit_callbacks)
    response = Client().post(link, {"date_of_birth_day": "31", "date_of_birth_month": "2"})
    assert response.status_code == 400
    assert b'href="#id_date_of_birth_0"' in response.content
    assert not SignInCode.objects.exists()
    member.refresh_from_db()
    assert member.failed_attempts == 0


def test_there_is_no_self_registration(personas: Personas) -> None:
    response = Client().post(
        "/family/sign-in/", {"email": "stranger@example.org", **dob(MOTHER_BORN)}
    )
    # The same answer as for a real account, and nothing written or sent.
    assert response.status_code == 302
    assert response["Location"].startswith("/family/sign-in/")
    assert not FamilyMember.objects.exists()
    assert not SignInCode.objects.exists()
    assert not mail.outbox


def test_a_returning_parent_signs_in_with_email_date_of_birth_and_code(
    families: Families, django_capture_on_commit_callbacks: Any
) -> None:
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/family/sign-in/", {"email": families.mother.email, **dob(MOTHER_BORN)}
        )
    assert mail.outbox[-1].to == [families.mother.email]
    response = client.post(response["Location"], {"code": code_from_last_email()})
    assert response.status_code == 302
    assert client.get("/family/").status_code == 200


def test_portal_sessions_are_not_staff_sessions(families: Families) -> None:
    client = portal_client(families.mother)
    response = client.get("/family/")
    assert response.status_code == 200
    assert response.wsgi_request.user.is_anonymous
    assert settings.SESSION_COOKIE_NAME not in client.cookies
    # A portal browser is refused every staff page, the staff sign-in page included.
    assert client.get("/sign-in/").status_code == 404
    assert client.get("/").status_code == 404


def test_portal_sessions_time_out_sooner_than_staff_sessions(families: Families) -> None:
    assert settings.CASEWORK_PORTAL_IDLE_MINUTES * 60 < settings.SESSION_COOKIE_AGE
    client = portal_client(families.mother)
    assert client.get("/family/").status_code == 200
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=14), tick=False):
        assert client.get("/family/").status_code == 200
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=30), tick=False):
        response = client.get("/family/")
    assert response.status_code == 302
    assert response["Location"] == "/family/sign-in/"


def test_signing_out_ends_the_portal_session(families: Families) -> None:
    client = portal_client(families.mother)
    cookie = client.cookies[access.COOKIE_NAME].value
    client.post("/family/sign-out/")
    replay = Client()
    replay.cookies[access.COOKIE_NAME] = cookie
    assert replay.get("/family/").status_code == 302


def test_access_ends_when_the_childs_case_closes(personas: Personas, families: Families) -> None:
    client = portal_client(families.mother)
    assert client.get("/family/").status_code == 200
    Allocation.objects.filter(person=personas.child).update(ended_on=timezone.localdate())
    assert client.get("/family/").status_code == 302


def test_only_people_related_to_the_child_can_be_invited(personas: Personas) -> None:
    stranger = Person.objects.create(
        la_id="X1", given_name="Sue", family_name="Ward", date_of_birth=MOTHER_BORN
    )
    with pytest.raises(RuleBroken) as refused:
        services.invite(
            personas.worker, personas.child, person=stranger, email="s@example.org", base_url="/"
        )
    assert refused.value.field == "person"
    assert not FamilyMember.objects.exists()


def test_a_young_person_can_be_invited_from_thirteen(personas: Personas) -> None:
    child = personas.child
    today = timezone.localdate()
    child.date_of_birth = today.replace(year=today.year - 12)
    child.save()
    assert child not in services.eligible_people(child)
    with pytest.raises(RuleBroken):
        services.invite(personas.worker, child, person=child, email="a@example.org", base_url="/")
    child.date_of_birth = today.replace(year=today.year - 15)
    child.save()
    member = services.invite(
        personas.worker, child, person=child, email="amy@example.org", base_url="/"
    )
    assert member.is_self
