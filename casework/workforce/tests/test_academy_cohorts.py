"""The Social Care Academy on recruitment staff's pages: cohorts, trainees with a one-to-one
mentor, free training sessions and who came, and completion, which guarantees a graduate an
interview when they apply."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from casework.common.errors import RuleBroken
from casework.testing.personas import Personas
from casework.workforce import academy
from casework.workforce.models import AcademyCohort, Application, Trainee, TrainingSession
from casework.workforce.tests.factories import VacancyFactory
from casework.workforce.tests.test_careers_and_applying import apply

pytestmark = pytest.mark.django_db
R = "/workforce/recruitment/academy"


def signed_in(personas: Personas) -> Client:
    client = Client()
    client.force_login(personas.recruiter)
    return client


def date_fields(name: str, day: datetime.date) -> dict[str, object]:
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


def cohort(starts: datetime.date | None = None) -> AcademyCohort:
    starts = starts or timezone.localdate() - datetime.timedelta(days=60)
    return academy.create_cohort(
        None, name="Cohort 3", starts_on=starts, ends_on=starts + datetime.timedelta(days=90)
    )


def test_a_cohort_is_started_and_a_trainee_added_with_a_mentor(personas: Personas) -> None:
    client = signed_in(personas)
    start = timezone.localdate()
    response = client.post(
        f"{R}/new/",
        {"name": "Cohort 3"}
        | date_fields("starts_on", start)
        | date_fields("ends_on", start + datetime.timedelta(days=90)),
    )
    assert response.status_code == 302
    made = AcademyCohort.objects.get()
    response = client.post(
        f"{R}/{made.pk}/trainees/new/",
        {"name": "Amara Okafor", "email": "Amara@Example.org", "mentor": str(personas.worker.pk)},
    )
    assert response.status_code == 302
    trainee = Trainee.objects.get()
    assert trainee.email == "amara@example.org"
    assert trainee.mentor == personas.worker
    page = client.get(f"{R}/{made.pk}/").text
    assert "Amara Okafor" in page
    assert personas.worker.display_name in page


def test_a_cohort_must_end_after_it_starts(personas: Personas) -> None:
    start = timezone.localdate()
    response = signed_in(personas).post(
        f"{R}/new/",
        {"name": "Backwards"}
        | date_fields("starts_on", start)
        | date_fields("ends_on", start - datetime.timedelta(days=1)),
    )
    assert response.status_code == 400
    assert "The cohort must end on or after the day it starts" in response.text
    assert not AcademyCohort.objects.exists()


def test_only_a_social_worker_or_manager_can_mentor(personas: Personas) -> None:
    made = cohort()
    with pytest.raises(RuleBroken) as broken:
        academy.add_trainee(None, made, name="A", email="a@example.org", mentor=personas.analyst)
    assert broken.value.field == "mentor"
    response = signed_in(personas).post(
        f"{R}/{made.pk}/trainees/new/",
        {"name": "A", "email": "a@example.org", "mentor": str(personas.analyst.pk)},
    )
    assert response.status_code == 400
    assert "Choose a mentor from the list" in response.text


def test_the_same_trainee_cannot_join_a_cohort_twice(personas: Personas) -> None:
    made = cohort()
    academy.add_trainee(None, made, name="A", email="a@example.org")
    with pytest.raises(RuleBroken, match="already in the cohort"):
        academy.add_trainee(None, made, name="A again", email="A@example.org")


def test_completion_makes_a_graduate_who_cannot_be_rejected_before_interview(
    personas: Personas,
) -> None:
    made = cohort()
    trainee = academy.add_trainee(None, made, name="Ben Hughes", email="ben@example.org")
    client = signed_in(personas)
    response = client.post(
        f"{R}/{made.pk}/trainees/{trainee.pk}/",
        {"mentor": str(personas.colleague.pk)} | date_fields("completed_on", timezone.localdate()),
    )
    assert response.status_code == 302
    trainee.refresh_from_db()
    assert trainee.is_graduate
    apply(Client(), VacancyFactory(), email="ben@example.org")
    application = Application.objects.get()
    assert application.academy_graduate == trainee
    refused = client.post(application.get_absolute_url(), {"stage": "rejected"})
    assert refused.status_code == 400
    assert "guaranteed an interview" in refused.text


@pytest.mark.parametrize(
    ("days", "message"),
    [(1, "must be today or in the past"), (-400, "on or after the cohort started")],
)
def test_completion_cannot_be_in_the_future_or_before_the_cohort(
    personas: Personas, days: int, message: str
) -> None:
    made = cohort()
    trainee = academy.add_trainee(None, made, name="A", email="a@example.org")
    when = timezone.localdate() + datetime.timedelta(days=days)
    with pytest.raises(RuleBroken, match=message):
        academy.change_trainee(None, trainee, mentor=None, completed_on=when)


def test_session_attendance_is_recorded_once_the_session_is_held(personas: Personas) -> None:
    made = cohort()
    amara = academy.add_trainee(None, made, name="Amara", email="amara@example.org")
    academy.add_trainee(None, made, name="Ben", email="ben@example.org")
    client = signed_in(personas)
    held = timezone.localdate() - datetime.timedelta(days=7)
    response = client.post(
        f"{R}/{made.pk}/sessions/new/",
        {"title": "Direct work with children"} | date_fields("held_on", held),
    )
    assert response.status_code == 302
    session = TrainingSession.objects.get()
    response = client.post(
        f"{R}/{made.pk}/sessions/{session.pk}/", {"attended_by": [str(amara.pk)]}
    )
    assert response.status_code == 302
    assert list(session.attended_by.all()) == [amara]
    assert "1 of 2" in client.get(f"{R}/{made.pk}/").text


def test_attendance_refuses_a_session_not_yet_held_and_strangers(personas: Personas) -> None:
    made = cohort()
    other = academy.create_cohort(
        None,
        name="Other",
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    stranger = academy.add_trainee(None, other, name="S", email="s@example.org")
    later = academy.add_session(
        None, made, title="Later", held_on=timezone.localdate() + datetime.timedelta(days=3)
    )
    with pytest.raises(RuleBroken, match="once the session has been held"):
        academy.record_session_attendance(None, later, [])
    done = academy.add_session(None, made, title="Done", held_on=made.starts_on)
    with pytest.raises(RuleBroken, match="only trainees in this cohort"):
        academy.record_session_attendance(None, done, [stranger])
    response = signed_in(personas).post(
        f"{R}/{made.pk}/sessions/{done.pk}/", {"attended_by": [str(stranger.pk)]}
    )
    assert response.status_code == 400
    assert not done.attended_by.exists()


def test_a_trainee_is_found_only_through_their_own_cohort(personas: Personas) -> None:
    made = cohort()
    other = academy.create_cohort(
        None,
        name="Other",
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    trainee = academy.add_trainee(None, other, name="S", email="s@example.org")
    assert signed_in(personas).get(f"{R}/{made.pk}/trainees/{trainee.pk}/").status_code == 404


def test_academy_pages_are_for_recruitment_staff_only(personas: Personas) -> None:
    made = cohort()
    for name in ("sam.worker", "tara.manager", "hana.head", "ian.chair"):
        user = personas.by_name()[name]
        assert user is not None
        client = Client()
        client.force_login(user)
        assert client.get(f"{R}/").status_code == 404, name
        assert client.get(f"{R}/{made.pk}/").status_code == 404, name


def test_the_cohort_page_keeps_a_fixed_number_of_queries(
    personas: Personas, django_assert_max_num_queries
) -> None:
    made = cohort()
    trainees = [
        academy.add_trainee(
            None, made, name=f"T{n}", email=f"t{n}@example.org", mentor=personas.worker
        )
        for n in range(10)
    ]
    for week in range(4):
        session = academy.add_session(
            None,
            made,
            title=f"Week {week}",
            held_on=made.starts_on + datetime.timedelta(weeks=week),
        )
        academy.record_session_attendance(None, session, trainees[week:])
    client = signed_in(personas)
    client.get(f"{R}/{made.pk}/")
    with django_assert_max_num_queries(10):
        assert client.get(f"{R}/{made.pk}/").status_code == 200
