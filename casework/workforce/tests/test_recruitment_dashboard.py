"""The recruitment dashboard: vacancies by team, time to hire, events to applications to starts,
academy completion and the caseload forecast, each chart with a table of the same figures; for
recruitment staff and heads of service, in a fixed number of queries."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from casework.testing.factories import AllocationFactory
from casework.testing.personas import Personas
from casework.workforce import selectors, services
from casework.workforce.models import AcademyCohort, Application, Booking, Event, Trainee
from casework.workforce.tests.factories import StaffRecordFactory, VacancyFactory
from casework.workforce.tests.test_careers_and_applying import apply

pytestmark = pytest.mark.django_db
TABLES = ("vacancies-table", "funnel-table", "academy-table", "forecast-table")


def make_event(days_from_now: float = 3) -> Event:
    start = timezone.now() + datetime.timedelta(days=days_from_now)
    return Event.objects.create(
        title="Evening",
        description="D",
        format=Event.Format.ONLINE,
        location="Online",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
        capacity=10,
        published=True,
    )


def hire(personas: Personas, email: str, start: datetime.date) -> Application:
    application = Application.objects.get(email=email)
    services.move_application(personas.recruiter, application, Application.Stage.CHECKS)
    return services.move_application(
        personas.recruiter, application, Application.Stage.STARTING, start_date=start
    )


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
    client.force_login(personas.recruiter)
    response = client.get("/workforce/dashboard/")
    assert response.status_code == 200
    for table in TABLES:
        assert f'id="{table}"' in response.text
    # Vacancies, the funnel, the academy and the forecast; no hires yet, so no hires chart.
    assert response.text.count("<svg") == 4
    assert 'id="hires-table"' not in response.text
    assert "1.50" in response.text
    assert "No hires yet." in response.text


def test_time_to_hire_is_the_median_from_advert_to_agreed_start(personas: Personas) -> None:
    opened = timezone.localdate() - datetime.timedelta(days=30)
    apply(Client(), VacancyFactory(opened_on=opened, title="Post one"), email="a@example.org")
    apply(Client(), VacancyFactory(opened_on=opened, title="Post two"), email="b@example.org")
    hire(personas, "a@example.org", timezone.localdate())
    figures = selectors.dashboard(timezone.localdate())
    assert figures["time_to_hire_days"] == 30
    assert figures["hires"] == 1
    client = Client()
    client.force_login(personas.recruiter)
    page = client.get("/workforce/dashboard/").text
    assert 'id="hires-table"' in page
    assert "Post one" in page
    assert "Median 30 days" in page


def test_the_funnel_follows_event_bookers_to_applications_and_starts(personas: Personas) -> None:
    event = make_event()
    for email in ("a@example.org", "b@example.org", "c@example.org"):
        Booking.objects.create(event=event, name="X", email=email)
    Booking.objects.filter(email="a@example.org").update(attended=True)
    Booking.objects.create(
        event=event, name="Gone", email="gone@example.org", cancelled_at=timezone.now()
    )
    apply(Client(), VacancyFactory(), email="a@example.org")
    apply(Client(), VacancyFactory(), email="b@example.org")
    apply(Client(), VacancyFactory(), email="gone@example.org")
    hire(personas, "a@example.org", datetime.date(2026, 12, 1))
    steps = [bar.value for bar in selectors.dashboard(timezone.localdate())["funnel"]]
    assert steps == [3, 1, 2, 1]


def test_an_application_made_before_booking_is_not_counted_as_following_it() -> None:
    apply(Client(), VacancyFactory(), email="early@example.org")
    Booking.objects.create(event=make_event(), name="Early", email="early@example.org")
    steps = [value for _, value in selectors.funnel()]
    assert steps == [1, 0, 0, 0]


def test_the_forecast_says_what_new_starters_would_do(personas: Personas) -> None:
    StaffRecordFactory(user=personas.worker)
    for _ in range(39):
        AllocationFactory(team=personas.team_a, worker=personas.worker)
    client = Client()
    client.force_login(personas.head)
    response = client.get("/workforce/dashboard/?starters=3")
    assert response.status_code == 200
    row = response.text.split('id="forecast-team-a"')[1].split("</tr>")[0]
    # 40 children over Tess and Sam (2 FTE): 20.00 each; reaching 18 needs 0.23 FTE more;
    # with three starters the 40 are shared by five: 8.00.
    assert "20.00" in row
    assert "0.23" in row
    assert "8.00" in row


def test_a_bad_starters_question_is_named(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.recruiter)
    response = client.get("/workforce/dashboard/?starters=many")
    assert response.status_code == 400
    assert "New starters must be a whole number" in response.text


def test_the_dashboard_keeps_a_fixed_number_of_queries(
    personas: Personas, django_assert_max_num_queries
) -> None:
    client = Client()
    client.force_login(personas.recruiter)
    client.get("/workforce/dashboard/")
    event = make_event()
    for n in range(20):
        VacancyFactory(team=personas.team_a if n % 2 else personas.team_b)
        Booking.objects.create(event=event, name="X", email=f"p{n}@example.org")
        AllocationFactory(team=personas.team_a, worker=personas.colleague)
    for n in range(8):
        apply(Client(REMOTE_ADDR=f"10.0.0.{n}"), VacancyFactory(), email=f"p{n}@example.org")
        hire(personas, f"p{n}@example.org", datetime.date(2026, 12, 1))
    with django_assert_max_num_queries(20):
        assert client.get("/workforce/dashboard/").status_code == 200


@pytest.mark.parametrize("name", ["tara.manager", "sam.worker", "pat.analyst"])
def test_the_dashboard_is_for_recruitment_staff_and_heads_of_service(
    personas: Personas, name: str
) -> None:
    user = personas.by_name()[name]
    assert user is not None
    client = Client()
    client.force_login(user)
    assert client.get("/workforce/dashboard/").status_code == 404


def test_a_head_of_service_reads_the_dashboard_without_the_recruitment_links(
    personas: Personas,
) -> None:
    client = Client()
    client.force_login(personas.head)
    response = client.get("/workforce/dashboard/")
    assert response.status_code == 200
    assert 'aria-label="Recruitment"' not in response.text
    client.force_login(personas.recruiter)
    assert 'aria-label="Recruitment"' in client.get("/workforce/dashboard/").text
