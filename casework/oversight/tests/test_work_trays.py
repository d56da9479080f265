"""Work trays: the worker's tray and the manager's team view read stored due dates, one query
each, so their cost does not grow with the caseload."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from casework.oversight import selectors, supervision
from casework.people.models import Person
from casework.plans import services as plan_services
from casework.plans.models import CINPlan
from casework.plans.tests.factories import plan_for
from casework.testing.factories import AllocationFactory, PersonFactory
from casework.testing.personas import Personas

MONDAY = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def an_active_plan(personas: Personas, person: Person | None = None) -> CINPlan:
    if person is None:
        person = PersonFactory()
        AllocationFactory(person=person, team=personas.team_a, worker=personas.worker)
    plan = plan_for(person, personas.team_a, personas.worker)
    return plan_services.approve_plan(
        personas.manager, plan, expected_version=None, rationale="Agreed."
    )


def queries_for(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@time_machine.travel(MONDAY, tick=False)
def test_a_visit_shows_as_due_then_overdue_when_time_moves_on(personas: Personas) -> None:
    plan = an_active_plan(personas, personas.child)
    assert plan.next_visit_due == datetime.date(2026, 3, 2)  # 20 working days after 2 Feb
    client = signed_in(personas.worker)
    home = client.get("/")
    # The plan's referral has no authorised assessment, and its target date is this week too.
    assert [item.what for item in home.context["due_this_week"]] == ["Visit", "Assessment"]
    assert home.context["overdue"] == []
    with time_machine.travel(datetime.datetime(2026, 3, 4, 9, 0, tzinfo=datetime.UTC)):
        # Two days on, the session has timed out: sign in again, as the worker would.
        later = signed_in(personas.worker).get("/")
        overdue = later.context["overdue"]
        assert [(item.person, item.what) for item in overdue] == [(personas.child, "Visit")]
        page = later.content.decode()
        tray = page[page.index('id="overdue"') : page.index('id="due-this-week"')]
        assert "Amy Jones: visit" in tray
        assert "govuk-tag--red" in tray


@time_machine.travel(MONDAY, tick=False)
def test_the_workers_tray_costs_the_same_for_more_children(personas: Personas) -> None:
    client = signed_in(personas.worker)
    an_active_plan(personas)
    few = queries_for(client, "/")
    for _ in range(6):
        an_active_plan(personas)
    assert queries_for(client, "/") == few
    due = client.get("/").context["due_this_week"]
    assert [item.what for item in due].count("Visit") == 7


@time_machine.travel(MONDAY, tick=False)
def test_the_team_view_costs_the_same_for_more_children(personas: Personas) -> None:
    client = signed_in(personas.manager)
    an_active_plan(personas)
    plan_for(PersonFactory(), personas.team_a, personas.worker)
    few = queries_for(client, "/")
    for _ in range(5):
        an_active_plan(personas)
        person = PersonFactory()
        AllocationFactory(person=person, team=personas.team_a, worker=None)
        plan_for(person, personas.team_a, personas.worker)
    assert queries_for(client, "/") == few


@time_machine.travel(datetime.datetime(2026, 3, 10, 9, 0, tzinfo=datetime.UTC), tick=False)
def test_the_team_view_counts_caseloads_overdue_work_and_plans_to_approve(
    personas: Personas,
) -> None:
    an_active_plan(personas, personas.child)  # visit due 2 March: overdue
    an_active_plan(personas)  # also overdue
    AllocationFactory(team=personas.team_a, worker=personas.worker)  # no plan
    waiting = plan_for(PersonFactory(), personas.team_a, personas.colleague)
    AllocationFactory(person=waiting.person, team=personas.team_a, worker=personas.colleague)
    response = signed_in(personas.manager).get("/")
    workers = {worker.username: worker for worker in response.context["team_workers"]}
    assert (workers["sam.worker"].caseload, workers["sam.worker"].overdue) == (3, 2)
    assert (workers["tess.colleague"].caseload, workers["tess.colleague"].overdue) == (1, 0)
    assert "ola.otherteam" not in workers
    assert list(response.context["plans_awaiting_approval"]) == [waiting]
    assert f"/plans/{waiting.pk}/approve/" in response.content.decode()


@pytest.mark.django_db
def test_each_tray_read_is_one_query(personas: Personas) -> None:
    today = datetime.date(2026, 3, 2)
    with CaptureQueriesContext(connection) as captured:
        selectors.worker_tray(personas.worker, today)  # plans, assessments, meetings
        list(selectors.directions_for_worker(personas.worker))
        list(selectors.team_workers(personas.team_a.pk, today))
        list(selectors.plans_awaiting_approval(personas.team_a.pk))
        selectors.next_supervision_due(personas.worker)
    assert len(captured) == 7


@time_machine.travel(datetime.datetime(2026, 5, 1, 9, 0, tzinfo=datetime.UTC), tick=False)
def test_the_team_view_shows_when_supervision_is_overdue(personas: Personas) -> None:
    supervision.record_supervision(
        personas.manager,
        personas.worker,
        held_on=datetime.date(2026, 3, 2),
        discussion="Caseload and wellbeing.",
    )
    response = signed_in(personas.manager).get("/")
    workers = {worker.username: worker for worker in response.context["team_workers"]}
    assert workers["sam.worker"].next_supervision_due == datetime.date(2026, 4, 2)
    assert workers["tess.colleague"].next_supervision_due is None
    assert signed_in(personas.worker).get("/").context["next_supervision_due"] == (
        datetime.date(2026, 4, 2)
    )


@time_machine.travel(MONDAY, tick=False)
def test_the_tray_shows_assessments_to_their_target_and_meetings_to_finalise(
    personas: Personas,
) -> None:
    from casework.assessments.tests.factories import AssessmentFactory, EpisodeFactory
    from casework.meetings.tests.factories import MeetingFactory

    episode = EpisodeFactory(
        person=personas.child,
        team=personas.team_a,
        referral_date=datetime.date(2026, 1, 5),
        assessment_due=datetime.date(2026, 3, 6),
        assessment_target=datetime.date(2026, 3, 5),
    )
    AssessmentFactory(episode=episode, created_by=personas.worker)
    held = MeetingFactory(
        person=personas.child, created_by=personas.worker, held_on=datetime.date(2026, 2, 26)
    )
    MeetingFactory(
        person=personas.child, created_by=personas.worker, held_on=datetime.date(2026, 4, 1)
    )  # not this week
    due, overdue = selectors.worker_tray(personas.worker, datetime.date(2026, 3, 2))
    assert [(item.what, item.due) for item in due] == [("Assessment", datetime.date(2026, 3, 5))]
    assert [(item.what, item.url) for item in overdue] == [
        ("Child in need meeting: finalise the minutes", held.get_absolute_url())
    ]
    assert selectors.worker_tray(personas.colleague, datetime.date(2026, 3, 2)) == ([], [])
