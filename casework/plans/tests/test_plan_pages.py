"""The plan and visit pages: forms that lose nothing, and the child's page section."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from casework.plans import services
from casework.plans.models import Action, CINPlan, Visit
from casework.plans.tests.factories import (
    ActionFactory,
    EpisodeFactory,
    GoalFactory,
    VisitFactory,
    plan_for,
)
from casework.testing.personas import Personas

NOW = datetime.datetime(2026, 3, 20, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _in_march() -> object:
    with time_machine.travel(NOW, tick=False):
        yield


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_a_worker_starts_a_plan_adds_a_goal_and_an_action(personas: Personas) -> None:
    EpisodeFactory(person=personas.child, team=personas.team_a)
    client = signed_in(personas.worker)
    base = f"/people/{personas.child.pk}/plans"
    response = client.post(
        f"{base}/new/", {"started_on_day": "2", "started_on_month": "3", "started_on_year": "2026"}
    )
    assert response.status_code == 302
    plan = CINPlan.objects.get(person=personas.child)
    response = client.post(
        f"{base}/{plan.pk}/goals/new/",
        {"want_to_change": "Amy feels safe at home.", "strengths": "Gran is close by."},
    )
    assert response.status_code == 302
    goal = plan.goals.get()
    response = client.post(
        f"{base}/{plan.pk}/goals/{goal.pk}/actions/new/",
        {
            "what": "Gran collects Amy on Tuesdays.",
            "owner_name": "Gran",
            "owner_type": "family_member",
            "due_on_day": "1",
            "due_on_month": "4",
            "due_on_year": "2026",
        },
    )
    assert response.status_code == 302
    page = client.get(f"{base}/{plan.pk}/").content.decode()
    assert "Amy feels safe at home." in page
    assert "Gran collects Amy on Tuesdays." in page
    assert "Awaiting approval" in page


def test_an_invalid_visit_comes_back_with_every_field_named(personas: Personas) -> None:
    response = signed_in(personas.worker).post(
        f"/people/{personas.child.pk}/visits/new/", {"visited_on_day": "1"}
    )
    assert response.status_code == 400
    summary = [message for _, message in response.context["form"].error_summary()]
    assert "Say whether the child was seen" in summary
    assert "Enter what you saw and heard" in summary
    assert not Visit.objects.exists()


def test_a_manager_approves_from_the_page(personas: Personas) -> None:
    plan = plan_for(personas.child, personas.team_a, personas.worker)
    client = signed_in(personas.manager)
    url = f"/people/{personas.child.pk}/plans/{plan.pk}/approve/"
    page = client.get(url)
    assert page.status_code == 200
    goal = plan.goals.get()
    assert f"Goal 1: {goal.want_to_change}" in page.content.decode()  # she reads what she approves
    response = client.post(url, {"version": plan.version, "rationale": "Goals are clear."})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == CINPlan.Status.ACTIVE


def test_approving_a_plan_changed_meanwhile_shows_the_change(personas: Personas) -> None:
    plan = plan_for(personas.child, personas.team_a, personas.worker)
    seen = plan.version
    signed_in(personas.worker).post(
        f"/people/{personas.child.pk}/plans/{plan.pk}/goals/new/",
        {"want_to_change": "Dad attends the parenting course."},
    )
    response = signed_in(personas.manager).post(
        f"/people/{personas.child.pk}/plans/{plan.pk}/approve/",
        {"version": seen, "rationale": "Goals are clear."},
    )
    assert response.status_code == 409
    assert "The plan changed while you were reading it" in response.content.decode()
    assert "Dad attends the parenting course." in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == CINPlan.Status.AWAITING_APPROVAL


def test_two_people_updating_one_action_do_not_overwrite_each_other(
    personas: Personas,
) -> None:
    plan = plan_for(personas.child, personas.team_a, personas.worker)
    action = Action.objects.get(goal__plan=plan)
    url = f"/people/{personas.child.pk}/plans/{plan.pk}/actions/{action.pk}/edit/"
    form = {
        "what": action.what,
        "owner_name": "Mum",
        "owner_type": "family_member",
        "due_on_day": "2",
        "due_on_month": "3",
        "due_on_year": "2026",
        "version": action.version,
    }
    first = signed_in(personas.worker).post(url, form | {"progress": "in_progress"})
    assert first.status_code == 302
    second = signed_in(personas.colleague).post(url, form | {"progress": "done"})
    assert second.status_code == 409
    action.refresh_from_db()
    assert action.progress == "in_progress"


def test_the_plans_and_visits_tabs_show_the_plan_and_an_overdue_visit(
    personas: Personas,
) -> None:
    plan = plan_for(personas.child, personas.team_a, personas.worker)
    services.approve_plan(personas.manager, plan, expected_version=None, rationale="Agreed.")
    VisitFactory(
        person=personas.child, visited_by=personas.worker, visited_on=datetime.date(2026, 1, 30)
    )
    client = signed_in(personas.worker)
    plans = client.get(f"/people/{personas.child.pk}/plans/").content.decode()
    assert "Child in need plan from 2 February 2026" in plans
    assert "Overdue" in plans
    visits = client.get(f"/people/{personas.child.pk}/visits/").content.decode()
    assert "30 January 2026" in visits
    assert "Overdue" in visits  # the next visit
    assert "Record a visit" in visits
    summary = client.get(f"/people/{personas.child.pk}/").content.decode()
    assert "Child in need visit" in summary[summary.index("Due and overdue") :]


def test_read_only_roles_see_the_visits_without_links_to_change(personas: Personas) -> None:
    VisitFactory(person=personas.child, visited_by=personas.worker)
    page = signed_in(personas.analyst).get(f"/people/{personas.child.pk}/visits/").content.decode()
    assert "10 February 2026" in page
    assert "Record a visit" not in page


def test_a_half_written_visit_survives_a_time_out(personas: Personas) -> None:
    url = f"/people/{personas.child.pk}/visits/new/"
    client = signed_in(personas.worker)
    saved = client.post(
        url,
        {"observations": "Amy showed me her drawings of the family."},
        headers={"X-Casework-Autosave": "1"},
    )
    assert saved.status_code == 200
    # Signed out by the time-out, back the next morning in a new session.
    page = signed_in(personas.worker).get(url).content.decode()
    assert "We restored the draft" in page
    assert "Amy showed me her drawings of the family." in page


def test_a_visit_submitted_twice_is_recorded_once(personas: Personas) -> None:
    form = {
        "form_token": "5b0f3c1e-8a53-4f55-9a3e-2f1f4c1d9a10",
        "visited_on_day": "18",
        "visited_on_month": "3",
        "visited_on_year": "2026",
        "child_seen": "yes",
        "seen_alone": "yes",
        "views": "Fine.",
        "observations": "Home calm.",
    }
    client = signed_in(personas.worker)
    url = f"/people/{personas.child.pk}/visits/new/"
    first, second = client.post(url, form), client.post(url, form)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Visit.objects.count() == 1


def test_the_plan_page_costs_the_same_for_a_bigger_plan(personas: Personas) -> None:
    plan = plan_for(personas.child, personas.team_a, personas.worker)
    client = signed_in(personas.worker)
    url = f"/people/{personas.child.pk}/plans/{plan.pk}/"

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    small = queries()
    for _ in range(4):
        ActionFactory(goal=GoalFactory(plan=plan))
    assert queries() == small
