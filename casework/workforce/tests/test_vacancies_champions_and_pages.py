"""Recruitment staff keep the careers site themselves: vacancies (advertised, closed, filled),
the champions who answer questions, and the council's own pages (practice principles, why work
here). Edits from an old copy are refused with the other change shown."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from casework.testing.personas import Personas
from casework.workforce import recruitment, selectors, services
from casework.workforce.models import CareersPage, Champion, Vacancy
from casework.workforce.tests.factories import VacancyFactory

pytestmark = pytest.mark.django_db
R = "/workforce/recruitment"


def signed_in(personas: Personas) -> Client:
    client = Client()
    client.force_login(personas.recruiter)
    return client


def date_fields(name: str, day: datetime.date) -> dict[str, object]:
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


def vacancy_form(personas: Personas, **overrides: object) -> dict[str, object]:
    today = timezone.localdate()
    data: dict[str, object] = {
        "title": "Senior practitioner, child protection",
        "team": str(personas.team_a.pk),
        "grade": "Senior practitioner",
        "salary": "£44,000 to £48,000",
        "location": "Northbrook Civic Centre",
        "fte": "1",
        "description": "Hold a small caseload of complex child protection work.",
        "status": "open",
        "social_work_post": "yes",
        **date_fields("opened_on", today),
        **date_fields("closes_on", today + datetime.timedelta(days=28)),
    }
    data.update(overrides)
    return data


def test_a_vacancy_is_advertised_and_appears_on_the_careers_site(personas: Personas) -> None:
    response = signed_in(personas).post(f"{R}/vacancies/new/", vacancy_form(personas))
    assert response.status_code == 302
    vacancy = Vacancy.objects.get()
    assert vacancy.team == personas.team_a
    assert vacancy.social_work_post
    assert "Senior practitioner, child protection" in Client().get("/careers/vacancies/").text


def test_a_draft_is_not_on_the_careers_site(personas: Personas) -> None:
    signed_in(personas).post(f"{R}/vacancies/new/", vacancy_form(personas, status="draft"))
    assert "Senior practitioner" not in Client().get("/careers/vacancies/").text


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Enter job title"),
        ({"fte": "2"}, "Full-time equivalent must be 1 or less"),
        ({"closes_on_year": "2020"}, "The closing date must be on or after the advert opens"),
        ({"status": "filled"}, "Enter the date the post was filled"),
        ({"status": ""}, "Select where the vacancy is"),
    ],
)
def test_bad_vacancy_input_is_named_and_nothing_is_saved(
    personas: Personas, overrides: dict[str, object], message: str
) -> None:
    response = signed_in(personas).post(f"{R}/vacancies/new/", vacancy_form(personas, **overrides))
    assert response.status_code == 400
    assert message in response.text
    assert not Vacancy.objects.exists()


def test_a_filled_post_stops_counting_as_vacant(personas: Personas) -> None:
    vacancy = VacancyFactory(team=personas.team_a, opened_on=datetime.date(2026, 6, 1))
    today = timezone.localdate()
    assert vacancy in selectors.vacancies_open_on(today)
    form = vacancy_form(personas, status="filled", version=str(vacancy.version))
    form |= date_fields("opened_on", datetime.date(2026, 6, 1))
    form |= date_fields("ended_on", today)
    response = signed_in(personas).post(f"{R}/vacancies/{vacancy.pk}/", form)
    assert response.status_code == 302
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.FILLED
    assert vacancy not in selectors.vacancies_open_on(today)


def test_a_vacancy_changed_meanwhile_is_a_conflict(personas: Personas) -> None:
    vacancy = VacancyFactory(team=personas.team_a)
    old = vacancy.version
    details = {name: getattr(vacancy, name) for name in services.VACANCY_FIELDS}
    services.change_vacancy(
        personas.admin, vacancy, expected_version=old, **(details | {"salary": "£50,000"})
    )
    response = signed_in(personas).post(
        f"{R}/vacancies/{vacancy.pk}/",
        vacancy_form(personas, version=str(old), description="My new description."),
    )
    assert response.status_code == 409
    assert "My new description." in response.text
    vacancy.refresh_from_db()
    assert vacancy.salary == "£50,000"


def test_champions_are_added_and_stop_answering(personas: Personas) -> None:
    client = signed_in(personas)
    response = client.post(
        f"{R}/champions/",
        {"name": "Priya", "job_title": "Social worker", "user": str(personas.worker.pk)},
    )
    assert response.status_code == 302
    priya = Champion.objects.get()
    assert priya.user == personas.worker
    response = client.post(f"{R}/champions/{priya.pk}/active/", {"active": "no"})
    assert response.status_code == 302
    priya.refresh_from_db()
    assert not priya.active
    question = recruitment.ask_question("Q?")
    refused = client.post(f"{R}/questions/{question.pk}/assign/", {"champion": str(priya.pk)})
    assert refused.status_code == 400
    response = client.post(f"{R}/champions/{priya.pk}/active/", {"active": "no"})
    assert response.status_code == 400
    assert "already not answering" in response.text


def test_a_champion_needs_a_name_and_job_title(personas: Personas) -> None:
    response = signed_in(personas).post(f"{R}/champions/", {"name": "", "job_title": ""})
    assert response.status_code == 400
    assert "Enter name" in response.text
    assert not Champion.objects.exists()


def test_the_councils_pages_are_written_and_published(personas: Personas) -> None:
    client = signed_in(personas)
    response = client.post(
        f"{R}/pages/new/",
        {
            "title": "Our practice principles",
            "slug": "practice-principles",
            "summary": "How we work",
            "body": "Child-centred.\n\nFamily-minded.\n\nStrengths-based.",
            "order": "1",
            "published": "yes",
        },
    )
    assert response.status_code == 302
    page = CareersPage.objects.get()
    public = Client().get("/careers/pages/practice-principles/").text
    assert "Strengths-based." in public
    assert "Our practice principles" in Client().get("/careers/").text
    form = {
        "title": "Why work here",
        "slug": "why-work-here",
        "body": "Ofsted judged our children's services good.",
        "order": "2",
        "version": str(page.version),
    }
    assert client.post(f"{R}/pages/{page.pk}/", form).status_code == 302
    assert Client().get("/careers/pages/why-work-here/").status_code == 404  # not published


@pytest.mark.parametrize(
    ("slug", "message"),
    [("Why Work Here", "lower-case words joined by hyphens"), ("taken", "already uses")],
)
def test_a_page_address_must_be_well_formed_and_free(
    personas: Personas, slug: str, message: str
) -> None:
    recruitment.create_page(None, slug="taken", title="T", body="B")
    response = signed_in(personas).post(
        f"{R}/pages/new/", {"title": "New", "slug": slug, "body": "Text", "order": "0"}
    )
    assert response.status_code == 400
    assert message in response.text
    assert CareersPage.objects.count() == 1


def test_these_pages_are_for_recruitment_staff_only(personas: Personas) -> None:
    vacancy = VacancyFactory()
    for name in ("hana.head", "tara.manager", "sam.worker"):
        user = personas.by_name()[name]
        assert user is not None
        client = Client()
        client.force_login(user)
        for path in (f"{R}/vacancies/", f"{R}/vacancies/{vacancy.pk}/", f"{R}/champions/"):
            assert client.get(path).status_code == 404, (name, path)
