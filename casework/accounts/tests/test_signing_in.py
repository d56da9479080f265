import datetime
from typing import Any

from django.conf import settings
from django.test import Client
from django.utils import timezone

from casework.accounts.models import User
from casework.audit.models import Action, AuditEvent
from casework.testing.personas import Personas


def sign_in(client: Client, username: str, password: str, **extra: str) -> Any:
    return client.post("/sign-in/", {"username": username, "password": password, **extra})


def test_a_member_of_staff_signs_in_and_lands_on_their_home_page(personas: Personas) -> None:
    client = Client()
    response = sign_in(client, "sam.worker", settings.DEMO_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/"
    home = client.get("/")
    assert "My children" in home.content.decode()
    assert "Amy Jones" in home.content.decode()
    assert AuditEvent.objects.filter(actor=personas.worker, action=Action.LOGIN).exists()


def test_empty_sign_in_names_both_fields(db: None) -> None:
    response = Client().post("/sign-in/", {})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter username" in page
    assert "Enter password" in page
    assert 'href="#id_username"' in page


def test_a_wrong_password_is_refused_and_counted(personas: Personas) -> None:
    response = sign_in(Client(), "sam.worker", "not the password")
    assert response.status_code == 400
    assert "Enter a correct username and password" in response.content.decode()
    personas.worker.refresh_from_db()
    assert personas.worker.failed_login_count == 1


def test_repeated_wrong_passwords_lock_the_account_even_for_the_right_one(
    personas: Personas,
) -> None:
    client = Client()
    for _ in range(settings.LOCKOUT_THRESHOLD):
        sign_in(client, "sam.worker", "guess")
    response = sign_in(client, "sam.worker", settings.DEMO_PASSWORD)
    assert response.status_code == 400
    assert "locked" in response.content.decode()
    assert AuditEvent.objects.filter(action=Action.LOCKED_OUT).count() == 1
    assert client.get("/").status_code == 302


def test_the_lock_lifts_after_the_lockout_period(personas: Personas) -> None:
    User.objects.filter(pk=personas.worker.pk).update(
        locked_until=timezone.now() - datetime.timedelta(minutes=1)
    )
    response = sign_in(Client(), "sam.worker", settings.DEMO_PASSWORD)
    assert response.status_code == 302


def test_next_goes_back_to_the_page_asked_for_but_never_off_site(personas: Personas) -> None:
    asked = sign_in(Client(), "sam.worker", settings.DEMO_PASSWORD, next="/people/")
    assert asked["Location"] == "/people/"
    off_site = sign_in(Client(), "sam.worker", settings.DEMO_PASSWORD, next="https://evil.example/")
    assert off_site["Location"] == "/"


def test_signing_out_ends_the_session_and_is_audited(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.worker)
    response = client.post("/sign-out/")
    assert response.status_code == 302
    assert client.get("/").status_code == 302
    assert AuditEvent.objects.filter(actor=personas.worker, action=Action.LOGOUT).exists()


def test_the_idle_time_out_is_thirty_minutes_renewed_by_each_request() -> None:
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_pages_tell_the_browser_when_the_session_will_time_out(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.worker)
    page = client.get("/").content.decode()
    assert 'data-session-seconds="1800"' in page
    assert "You will be signed out soon" in page


def test_pages_carry_a_strict_content_security_policy(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.worker)
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "<script>" not in response.content.decode()
