"""The public careers pages: vacancies anyone can read, and applying for one with CSRF, a
honeypot, a rate limit, CV limits, consent and equality monitoring kept apart."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from casework.testing.personas import Personas
from casework.workforce import services
from casework.workforce.models import CV_MAX_BYTES, Application, EqualityResponse, Vacancy
from casework.workforce.tests.factories import VacancyFactory

pytestmark = pytest.mark.django_db


def cv(name: str = "cv.pdf", size: int = 2000) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 " + b"x" * (size - 9), "application/pdf")


def form(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "Jo Bloggs",
        "email": "Jo@example.org",
        "phone": "07700 900000",
        "swe_number": "SW1234567890",
        "statement": "I have five years in child protection.",
        "cv": cv(),
        "consent": "on",
        "ethnicity": "WBRI",
        "gender": "female",
        "disabled": "no",
        "age_band": "25-34",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def apply(client: Client, vacancy: Vacancy, **overrides: object):
    return client.post(f"/careers/vacancies/{vacancy.pk}/apply/", form(**overrides))


def test_anyone_can_read_the_open_vacancies() -> None:
    vacancy = VacancyFactory(title="Social worker, Team A")
    VacancyFactory(title="Draft post", status=Vacancy.Status.DRAFT)
    VacancyFactory(title="Expired post", closes_on=datetime.date(2026, 1, 31))
    client = Client()
    listing = client.get("/careers/vacancies/")
    assert listing.status_code == 200
    assert "Social worker, Team A" in listing.text
    assert "Draft post" not in listing.text
    assert "Expired post" not in listing.text
    assert client.get(vacancy.get_absolute_url()).status_code == 200
    assert client.get("/careers/").status_code == 200


def test_a_draft_or_closed_vacancy_is_not_found() -> None:
    client = Client()
    draft = VacancyFactory(status=Vacancy.Status.DRAFT)
    expired = VacancyFactory(closes_on=datetime.date(2026, 1, 31))
    for vacancy in (draft, expired):
        assert client.get(vacancy.get_absolute_url()).status_code == 404
        assert apply(client, vacancy).status_code == 404
    assert not Application.objects.exists()


def test_an_application_is_saved_with_equality_answers_kept_apart() -> None:
    vacancy = VacancyFactory()
    response = apply(Client(), vacancy)
    assert response.status_code == 302
    assert response.url == f"/careers/vacancies/{vacancy.pk}/applied/"
    application = Application.objects.get()
    assert application.email == "jo@example.org"
    assert str(application.cv.name).endswith(".pdf")
    assert application.consent_given_at is not None
    response = EqualityResponse.objects.get()
    assert response.ethnicity == "WBRI"
    # Nothing links the answers to the applicant.
    fields = {f.name for f in EqualityResponse._meta.get_fields()}
    assert not fields & {"application", "name", "email"}


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": ""}, "Enter full name"),
        ({"email": "not-an-email"}, "Enter an email address in the right format"),
        ({"statement": ""}, "Enter supporting statement"),
        ({"cv": None}, "Choose your CV to upload"),
        ({"consent": None}, "Confirm that we may use your details"),
        ({"swe_number": "SW12"}, "two letters then ten digits"),
        ({"cv": cv("cv.exe")}, "The CV must be a PDF, Word"),
        ({"cv": cv(size=CV_MAX_BYTES + 1)}, "The CV must be smaller than 5MB"),
    ],
)
def test_bad_input_is_named_and_nothing_is_written(overrides: dict, message: str) -> None:
    vacancy = VacancyFactory()
    response = apply(Client(), vacancy, **overrides)
    assert response.status_code == 400
    assert message in response.text
    assert "There is a problem" in response.text
    assert not Application.objects.exists()
    assert not EqualityResponse.objects.exists()


def test_applying_twice_with_the_same_email_is_refused() -> None:
    vacancy = VacancyFactory()
    client = Client()
    assert apply(client, vacancy).status_code == 302
    response = apply(client, vacancy, email="jo@EXAMPLE.org")
    assert response.status_code == 400
    assert "already been made" in response.text
    assert Application.objects.count() == 1


def test_the_honeypot_turns_robots_away_without_writing() -> None:
    vacancy = VacancyFactory()
    response = apply(Client(), vacancy, website="http://spam.example")
    assert response.status_code == 400
    assert not Application.objects.exists()


def test_an_address_is_limited_to_a_few_applications_an_hour() -> None:
    client = Client()
    for n in range(5):
        assert apply(client, VacancyFactory(), email=f"p{n}@example.org").status_code == 302
    response = apply(client, VacancyFactory(), email="p6@example.org")
    assert response.status_code == 429
    assert "Wait an hour" in response.text
    assert Application.objects.count() == 5


def test_mistakes_do_not_use_up_the_rate_limit() -> None:
    client = Client()
    vacancy = VacancyFactory()
    for _ in range(6):
        assert apply(client, vacancy, name="").status_code == 400
    assert apply(client, vacancy).status_code == 302


def test_the_apply_form_needs_a_csrf_token() -> None:
    client = Client(enforce_csrf_checks=True)
    vacancy = VacancyFactory()
    assert apply(client, vacancy).status_code == 403
    assert not Application.objects.exists()


def test_the_service_refuses_a_closed_vacancy() -> None:
    vacancy = VacancyFactory(closes_on=datetime.date(2026, 2, 1))
    with pytest.raises(services.RuleBroken) as broken:
        services.apply_for_vacancy(
            vacancy,
            name="Jo",
            email="jo@example.org",
            statement="Yes",
            cv=cv(),
            consent=True,
            today=datetime.date(2026, 2, 2),
        )
    assert broken.value.field == "vacancy"


def test_applicants_are_seen_only_by_recruitment_staff(personas: Personas) -> None:
    apply(Client(), VacancyFactory())
    for name, user in personas.by_name().items():
        client = Client()
        if user is not None:
            client.force_login(user)
        response = client.get("/workforce/applications/")
        expected = 200 if name in ("rita.recruiter", "adam.admin") else 302 if user is None else 404
        assert response.status_code == expected, name
        if expected == 200:
            assert "Jo Bloggs" in response.text
