"""The applications pipeline: forwards only, closed is closed, a start date to start, and an
academy graduate's guaranteed interview."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.test import Client

from casework.common.errors import RuleBroken
from casework.testing.personas import Personas
from casework.workforce import services
from casework.workforce.models import AcademyCohort, Application, Trainee
from casework.workforce.tests.factories import VacancyFactory
from casework.workforce.tests.test_careers_and_applying import apply

pytestmark = pytest.mark.django_db
Stage = Application.Stage


def graduate(email: str = "grad@example.org", completed: bool = True) -> Trainee:
    cohort, _ = AcademyCohort.objects.get_or_create(
        name="Spring 2026",
        defaults={"starts_on": datetime.date(2026, 1, 5), "ends_on": datetime.date(2026, 4, 30)},
    )
    return Trainee.objects.create(
        cohort=cohort,
        name="Grad",
        email=email,
        completed_on=datetime.date(2026, 4, 30) if completed else None,
    )


def application_from(email: str = "jo@example.org") -> Application:
    apply(Client(), VacancyFactory(), email=email)
    return Application.objects.get(email=email.lower())


def test_an_academy_graduate_is_recognised_when_they_apply() -> None:
    trainee = graduate()
    application = application_from("GRAD@example.org")
    assert application.academy_graduate == trainee


def test_a_trainee_who_has_not_completed_is_not_a_graduate() -> None:
    graduate(completed=False)
    assert application_from("grad@example.org").academy_graduate is None


def test_an_academy_graduate_cannot_be_rejected_before_interview(personas: Personas) -> None:
    graduate()
    application = application_from("grad@example.org")
    services.move_application(personas.recruiter, application, Stage.SCREENED)
    with pytest.raises(RuleBroken, match="guaranteed an interview"):
        services.move_application(personas.recruiter, application, Stage.REJECTED)
    application.refresh_from_db()
    assert application.stage == Stage.SCREENED


def test_an_academy_graduate_can_be_rejected_after_interview(personas: Personas) -> None:
    graduate()
    application = application_from("grad@example.org")
    services.move_application(personas.recruiter, application, Stage.INTERVIEW)
    services.move_application(personas.recruiter, application, Stage.REJECTED)
    assert application.stage == Stage.REJECTED


def test_the_database_also_refuses_rejecting_an_uninterviewed_graduate() -> None:
    graduate()
    application = application_from("grad@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.filter(pk=application.pk).update(stage=Stage.REJECTED)


def test_other_applicants_can_be_rejected_at_screening(personas: Personas) -> None:
    application = application_from()
    services.move_application(personas.recruiter, application, Stage.REJECTED)
    assert application.stage == Stage.REJECTED


def test_applications_only_move_forwards(personas: Personas) -> None:
    application = application_from()
    services.move_application(personas.recruiter, application, Stage.INTERVIEW)
    with pytest.raises(RuleBroken, match="only move forwards"):
        services.move_application(personas.recruiter, application, Stage.SCREENED)


def test_a_closed_application_cannot_move(personas: Personas) -> None:
    application = application_from()
    services.move_application(personas.recruiter, application, Stage.WITHDRAWN)
    with pytest.raises(RuleBroken, match="closed"):
        services.move_application(personas.recruiter, application, Stage.OFFER)


def test_starting_needs_a_start_date(personas: Personas) -> None:
    application = application_from()
    services.move_application(personas.recruiter, application, Stage.CHECKS)
    with pytest.raises(RuleBroken) as broken:
        services.move_application(personas.recruiter, application, Stage.STARTING)
    assert broken.value.field == "start_date"
    services.move_application(
        personas.recruiter, application, Stage.STARTING, start_date=datetime.date(2026, 12, 1)
    )
    assert application.start_date == datetime.date(2026, 12, 1)


def test_the_page_refuses_rejecting_a_graduate_by_name(personas: Personas) -> None:
    graduate()
    application = application_from("grad@example.org")
    client = Client()
    client.force_login(personas.recruiter)
    response = client.post(application.get_absolute_url(), {"stage": Stage.REJECTED})
    assert response.status_code == 400
    assert "guaranteed an interview" in response.text
    assert "There is a problem" in response.text
    board = client.get("/workforce/recruitment/")
    assert "Academy graduate: interview guaranteed" in board.text


def test_the_page_moves_an_application(personas: Personas) -> None:
    application = application_from()
    client = Client()
    client.force_login(personas.admin)
    response = client.post(application.get_absolute_url(), {"stage": Stage.SCREENED})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.stage == Stage.SCREENED


@pytest.mark.parametrize("name", ["tara.manager", "sam.worker", "pat.analyst", "hana.head"])
def test_only_recruitment_staff_see_an_application(personas: Personas, name: str) -> None:
    application = application_from()
    user = personas.by_name()[name]
    assert user is not None
    client = Client()
    client.force_login(user)
    assert client.get(application.get_absolute_url()).status_code == 404
    assert client.get("/workforce/recruitment/").status_code == 404


def test_a_new_starter_becomes_a_staff_record_and_joins_the_caseload(personas: Personas) -> None:
    from django.utils import timezone

    from casework.accounts.models import Role
    from casework.testing.factories import AllocationFactory, UserFactory
    from casework.workforce import selectors

    graduate()
    application = application_from("grad@example.org")
    services.move_application(personas.recruiter, application, Stage.INTERVIEW)
    services.move_application(personas.recruiter, application, Stage.CHECKS)
    services.move_application(
        personas.recruiter, application, Stage.STARTING, start_date=datetime.date(2026, 1, 5)
    )
    for _ in range(5):
        AllocationFactory(team=personas.team_a, worker=personas.worker)
    before = selectors.team_caseload(personas.team_a, timezone.localdate()).average
    user = UserFactory(username="new.starter", role=Role.SOCIAL_WORKER, team=personas.team_a)
    record = services.take_on_starter(personas.admin, application, user)
    assert record.swe_number == "SW1234567890"
    assert record.is_newly_qualified
    assert record.start_origin == "1"
    summary = selectors.team_caseload(personas.team_a, timezone.localdate())
    # Six children over two workers, then three: the ASYE starter counts at 0.8.
    assert before == Decimal("3.00")
    assert summary.average == Decimal("2.14")


def test_only_an_agreed_start_makes_a_staff_record(personas: Personas) -> None:
    from casework.testing.factories import UserFactory

    application = application_from()
    with pytest.raises(RuleBroken, match="agreed start date"):
        services.take_on_starter(personas.admin, application, UserFactory())
