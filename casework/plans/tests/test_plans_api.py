"""The plans and visits API: the same services and access rules as the pages."""

import datetime

import pytest
import time_machine
from django.test import Client

from casework.accounts import services as account_services
from casework.plans.models import CINPlan
from casework.plans.tests.factories import EpisodeFactory
from casework.testing.personas import Personas

NOW = datetime.datetime(2026, 3, 20, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _in_march() -> object:
    with time_machine.travel(NOW, tick=False):
        yield


def api(user: object) -> Client:
    return Client(headers={"Authorization": f"Bearer {account_services.issue_token(user)}"})  # type: ignore[arg-type]


def test_a_plan_made_approved_reviewed_and_visited_through_the_api(personas: Personas) -> None:
    EpisodeFactory(person=personas.child, team=personas.team_a)
    worker, manager = api(personas.worker), api(personas.manager)
    base = f"/api/v1/persons/{personas.child.pk}"
    made = worker.post(
        f"{base}/plans", {"started_on": "2026-02-02"}, content_type="application/json"
    )
    assert made.status_code == 201, made.content
    plan = made.json()
    goal = worker.post(
        f"{base}/plans/{plan['id']}/goals",
        {"want_to_change": "Amy sleeps in her own bed."},
        content_type="application/json",
    ).json()
    action = worker.post(
        f"{base}/plans/{plan['id']}/goals/{goal['id']}/actions",
        {
            "what": "Buy a bed",
            "owner_name": "Housing",
            "owner_type": "agency",
            "due_on": "2026-04-01",
        },
        content_type="application/json",
    )
    assert action.status_code == 201
    refused = worker.post(
        f"{base}/plans/{plan['id']}/approval",
        {"version": 3, "rationale": "Fine"},
        content_type="application/json",
    )
    assert refused.status_code == 403
    approved = manager.post(
        f"{base}/plans/{plan['id']}/approval",
        {"version": 3, "rationale": "Goals agreed with Mum."},
        content_type="application/json",
    )
    assert approved.status_code == 200, approved.content
    assert approved.json()["status"] == "active"
    assert approved.json()["next_review_due"] == "2026-05-02"
    no_voice = worker.post(
        f"{base}/plans/{plan['id']}/reviews",
        {
            "held_on": "2026-03-19",
            "outcome": "continue",
            "family_views": "Going well",
            "summary": "On track",
        },
        content_type="application/json",
    )
    assert no_voice.status_code == 400
    assert no_voice.json()["errors"][0]["field"] == "child_seen"
    visit = worker.post(
        f"{base}/visits",
        {
            "visited_on": "2026-03-19",
            "child_seen": True,
            "seen_alone": True,
            "views": "My bed is comfy.",
            "observations": "New bed in place.",
            "bedroom_seen": True,
        },
        content_type="application/json",
    )
    assert visit.status_code == 201, visit.content
    assert visit.json()["plan_id"] == plan["id"]
    detail = worker.get(f"{base}/plans/{plan['id']}").json()
    assert detail["goals"][0]["actions"][0]["owner_type"] == "agency"
    assert CINPlan.objects.get().next_visit_due is not None


def test_another_team_gets_404_for_the_childs_plans(personas: Personas) -> None:
    response = api(personas.other_team).get(f"/api/v1/persons/{personas.child.pk}/plans")
    assert response.status_code == 404
