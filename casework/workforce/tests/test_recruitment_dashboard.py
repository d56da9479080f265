"""The recruitment dashboard: each chart has a table of the same figures, for recruitment
staff only."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from casework.testing.personas import Personas
from casework.workforce import selectors, services
from casework.workforce.models import AcademyCohort, Application, Booking, Event, Trainee
from casework.workforce.tests.factories import VacancyFactory
from casework.workforce.tests.test_careers_and_applying import apply


def test_the_dashboard_shows_each_figure_as_a_chart_and_a_table(personas: Personas) -> None:
    VacancyFactory(team=personas.team_a, fte=Decimal("0.5"))
    VacancyFactory(team=personas.team_a, fte=Decimal(1))
    cohort = AcademyCohort.objects.create(
        name="Cohort 1", starts_on=datetime.date(2026, 1, 5), ends_on=datetime.date(2026, 4, 30)
    )
    Trainee.objects.create(
        cohort=cohort, name="A", email="a@example.org", completed_on=datetime.date(2026, 4, 30)
    )
    Trainee.objects.create(cohort=cohort, name="B", email="b@example.org")
    client = Client()
    client.force_login(personas.head)
    response = client.get("/workforce/dashboard/")
    assert response.status_code == 200
    for table in ("vacancies-table", "funnel-table", "academy-table", "forecast-table"):
        assert f'id="{table}"' in response.text
    assert response.text.count("<svg") == 3
    assert "1.50" in response.text


@pytest.mark.django_db
def test_the_funnel_follows_event_bookers_to_applications_and_starts(personas: Personas) -> None:
    start = timezone.now() + datetime.timedelta(days=3)
    event = Event.objects.create(
        title="Evening",
        description="D",
        format=Event.Format.ONLINE,
        location="Online",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
        capacity=10,
        published=True,
    )
    for email in ("a@example.org", "b@example.org", "c@example.org"):
        Booking.objects.create(event=event, name="X", email=email)
    apply(Client(), VacancyFactory(), email="a@example.org")
    apply(Client(), VacancyFactory(), email="b@example.org")
    application = Application.objects.get(email="a@example.org")
    services.move_application(personas.head, application, Application.Stage.CHECKS)
    services.move_application(
        personas.head,
        application,
        Application.Stage.STARTING,
        start_date=datetime.date(2026, 12, 1),
    )
    figures = selectors.dashboard(timezone.localdate())
    assert [bar.value for bar in figures["funnel"]] == [3, 2, 1]
    assert figures["hires"] == 1


@pytest.mark.parametrize("name", ["tara.manager", "sam.worker", "pat.analyst"])
def test_the_dashboard_is_for_recruitment_staff(personas: Personas, name: str) -> None:
    user = personas.by_name()[name]
    assert user is not None
    client = Client()
    client.force_login(user)
    assert client.get("/workforce/dashboard/").status_code == 404
