"""The data-quality page: every census problem now, by team and worker, each linking to the page
and field that fixes it; managers see their own team, analysts and heads the whole council, and
social workers their own children's problems in their tray."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from casework.assessments.models import Assessment
from casework.audit.models import Action, AuditEvent
from casework.cases.models import Allocation
from casework.people.models import Person
from casework.returns import quality
from casework.returns.tests import builders as b
from casework.returns.tests.builders import D
from casework.testing.factories import AllocationFactory
from casework.testing.personas import Personas

pytestmark = pytest.mark.django_db

YEAR = quality.current_year()


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def assessment_before_its_referral(person: Person) -> Assessment:
    """An assessment dated before the referral it follows (DfE rule 1103): put in by hand, as
    the assessment form refuses it."""
    referred = max(YEAR.start, D(YEAR.year - 1, 5, 4))
    episode = b.referral(person, referred)
    assessment = b.assessment(episode, referred)
    Assessment.objects.filter(pk=assessment.pk).update(started_on=D(YEAR.year - 1, 4, 20))
    return assessment


def test_an_injected_error_is_listed_with_a_link_to_the_field_that_fixes_it(
    personas: Personas,
) -> None:
    assessment = assessment_before_its_referral(personas.child)

    page = signed_in(personas.analyst).get("/returns/data-quality/").content.decode()

    assert "1103" in page
    assert "Amy Jones" in page
    assert "Team A" in page
    assert personas.worker.display_name in page
    link = f"/assessments/{assessment.pk}/edit/#id_started_on_0"
    assert f'href="{link}"' in page


def test_the_link_opens_the_field_on_the_page(personas: Personas) -> None:
    assessment = assessment_before_its_referral(personas.child)
    report = quality.report_for(personas.analyst, YEAR)
    problem = next(p for p in report.problems if p.code == "1103")
    url, anchor = (problem.fix.url or "").split("#")

    page = signed_in(personas.manager).get(url)

    assert page.status_code == 200
    assert f'id="{anchor}"' in page.content.decode()
    assert str(assessment.pk) in url


def test_counts_by_rule_and_a_rule_on_its_own(personas: Personas) -> None:
    assessment_before_its_referral(personas.child)
    other = b.child()
    AllocationFactory(person=other, team=personas.team_b)
    assessment_before_its_referral(other)
    client = signed_in(personas.analyst)

    everything = client.get("/returns/data-quality/").content.decode()
    one_rule = client.get("/returns/data-quality/?rule=1103").content.decode()

    rules = everything[everything.index("casework-quality-rules") :]
    assert re.search(r">1103</a>.*?>2</td>", rules, re.S)
    assert "for rule 1103" in one_rule


def test_a_manager_sees_only_their_own_teams_children(personas: Personas) -> None:
    assessment_before_its_referral(personas.child)
    elsewhere = b.child(given_name="Zed", family_name="Other")
    AllocationFactory(person=elsewhere, team=personas.team_b)
    assessment_before_its_referral(elsewhere)

    managers = signed_in(personas.manager).get("/returns/data-quality/").content.decode()
    analysts = signed_in(personas.analyst).get("/returns/data-quality/").content.decode()

    assert "Amy Jones" in managers
    assert "Zed Other" not in managers
    assert "Zed Other" in analysts
    assert "Team B" in analysts


def test_children_no_longer_allocated_are_grouped_as_not_allocated(personas: Personas) -> None:
    assessment_before_its_referral(personas.child)
    Allocation.objects.filter(person=personas.child).delete()

    page = signed_in(personas.head).get("/returns/data-quality/").content.decode()

    assert "Not allocated" in page


def test_a_fixed_problem_is_gone_the_next_time_the_page_is_opened(personas: Personas) -> None:
    assessment = assessment_before_its_referral(personas.child)
    client = signed_in(personas.analyst)
    assert "1103" in client.get("/returns/data-quality/").content.decode()

    Assessment.objects.filter(pk=assessment.pk).update(started_on=D(YEAR.year - 1, 5, 5))

    assert "1103" not in client.get("/returns/data-quality/").content.decode()


def test_opening_the_page_is_audited(personas: Personas) -> None:
    assessment_before_its_referral(personas.child)

    signed_in(personas.manager).get("/returns/data-quality/")

    # The bad date breaks 1103, and the same record draws queries too (8670Q, 8770Q); the event
    # counts everything the manager was shown.
    report = quality.report_for(personas.manager, YEAR)
    shown = len(report.problems) + len(report.council_wide)
    assert "1103" in {problem.code for problem in report.problems}
    event = AuditEvent.objects.get(action=Action.VIEW, actor=personas.manager)
    assert event.summary == f"Opened the {YEAR.label} census data-quality page ({shown} problems)"


def test_another_year_can_be_chosen(personas: Personas) -> None:
    page = signed_in(personas.analyst).get("/returns/data-quality/?year=2025").content.decode()

    assert "Children in need census 2024-25" in page


def test_the_page_costs_the_same_queries_for_more_problems(personas: Personas) -> None:
    client = signed_in(personas.analyst)
    assessment_before_its_referral(personas.child)
    with CaptureQueriesContext(connection) as few:
        client.get("/returns/data-quality/")
    for _ in range(5):
        person = b.child()
        AllocationFactory(person=person, team=personas.team_a, worker=personas.colleague)
        assessment_before_its_referral(person)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/returns/data-quality/")

    assert response.content.decode().count("#id_started_on_0") == 6
    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_social_worker_sees_their_own_childrens_problems_in_their_tray(
    personas: Personas,
) -> None:
    assessment = assessment_before_its_referral(personas.child)

    own = signed_in(personas.worker).get("/").content.decode()
    colleagues = signed_in(personas.colleague).get("/").content.decode()

    tray = own[own.index('id="census-problems"') :]
    assert "Amy Jones" in tray
    assert f"/assessments/{assessment.pk}/edit/#id_started_on_0" in tray
    assert "None: your children's records meet the census rules" in colleagues


def test_social_workers_and_others_do_not_reach_the_page(personas: Personas) -> None:
    for user in (personas.worker, personas.frontdoor, personas.chair, personas.admin):
        assert signed_in(user).get("/returns/data-quality/").status_code == 404
