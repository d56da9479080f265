"""Starting, approving and reviewing a child in need plan: the rules the services enforce."""

import datetime

import pytest
import time_machine
from django.db import IntegrityError, transaction

from casework.audit.models import AuditEvent
from casework.common import clock
from casework.common.errors import RuleBroken, StaleVersion
from casework.oversight.models import ManagementDecision
from casework.plans import services
from casework.plans.models import Action, CINPlan
from casework.plans.tests.factories import EpisodeFactory, plan_for
from casework.testing.personas import Personas

NOW = datetime.datetime(2026, 3, 4, 12, 0, tzinfo=datetime.UTC)
VOICE = {"child_seen": True, "seen_alone": True, "views": "I want Mum to stop shouting."}

pytestmark = pytest.mark.usefixtures("_on_a_wednesday")


@pytest.fixture
def _on_a_wednesday() -> object:
    with time_machine.travel(NOW, tick=False):
        yield


def approved(personas: Personas) -> CINPlan:
    plan = plan_for(personas.child, personas.team_a, personas.worker)
    return services.approve_plan(
        personas.manager, plan, expected_version=plan.version, rationale="Needs are clear."
    )


def test_a_plan_needs_an_open_referral(personas: Personas) -> None:
    with pytest.raises(RuleBroken) as broken:
        services.start_plan(personas.worker, personas.child, started_on=datetime.date(2026, 3, 2))
    assert broken.value.field == "started_on"
    assert "no open referral" in broken.value.message


def test_a_started_plan_waits_for_approval_with_the_councils_intervals(
    personas: Personas,
) -> None:
    EpisodeFactory(person=personas.child, team=personas.team_a)
    plan = services.start_plan(
        personas.worker, personas.child, started_on=datetime.date(2026, 2, 2)
    )
    assert plan.status == CINPlan.Status.AWAITING_APPROVAL
    assert (plan.visit_frequency_days, plan.review_interval_months) == (20, 3)
    assert plan.next_review_due is None
    assert AuditEvent.objects.filter(object_id=str(plan.pk), action="create").exists()


def test_only_one_current_plan_per_child(personas: Personas) -> None:
    plan_for(personas.child, personas.team_a, personas.worker)
    with pytest.raises(RuleBroken, match="already has a plan"):
        services.start_plan(personas.worker, personas.child, started_on=datetime.date(2026, 3, 2))


def test_approval_is_a_management_decision_that_starts_the_clocks(personas: Personas) -> None:
    plan = approved(personas)
    assert plan.status == CINPlan.Status.ACTIVE
    decision = plan.approval
    assert decision is not None
    assert decision.decided_by == personas.manager
    assert decision.decision == "cin-plan-approved"
    assert plan.next_review_due == clock.due("cin-plan-review", plan.started_on).due
    assert plan.next_review_due == datetime.date(2026, 5, 2)
    assert plan.next_visit_due == clock.due("cin-visit", plan.started_on).due


def test_a_social_worker_cannot_approve_a_plan(personas: Personas) -> None:
    plan = plan_for(personas.child, personas.team_a, personas.worker)
    with pytest.raises(RuleBroken, match="team manager"):
        services.approve_plan(personas.worker, plan, expected_version=None, rationale="Fine.")
    plan.refresh_from_db()
    assert plan.status == CINPlan.Status.AWAITING_APPROVAL
    assert not ManagementDecision.objects.exists()


def test_a_plan_without_goals_cannot_be_approved(personas: Personas) -> None:
    EpisodeFactory(person=personas.child, team=personas.team_a)
    plan = services.start_plan(
        personas.worker, personas.child, started_on=datetime.date(2026, 2, 2)
    )
    with pytest.raises(RuleBroken, match="no goals"):
        services.approve_plan(personas.manager, plan, expected_version=None, rationale="Fine.")


def test_the_database_refuses_an_active_plan_without_approval(personas: Personas) -> None:
    plan = plan_for(personas.child, personas.team_a, personas.worker)
    with pytest.raises(IntegrityError), transaction.atomic():
        CINPlan.objects.filter(pk=plan.pk).update(status=CINPlan.Status.ACTIVE)


def test_approving_an_older_version_of_the_plan_is_refused(personas: Personas) -> None:
    plan = plan_for(personas.child, personas.team_a, personas.worker)
    seen = plan.version
    services.add_goal(personas.worker, plan, want_to_change="Mum gets support for her mood.")
    with pytest.raises(StaleVersion):
        services.approve_plan(personas.manager, plan, expected_version=seen, rationale="Fine.")


def test_a_review_cannot_be_recorded_without_the_childs_voice(personas: Personas) -> None:
    plan = approved(personas)
    with pytest.raises(RuleBroken) as broken:
        services.record_plan_review(
            personas.worker,
            plan,
            held_on=datetime.date(2026, 3, 3),
            outcome="continue",
            family_views="Mum feels things are better.",
            summary="Attendance up to 92%.",
            voice={"child_seen": True, "seen_alone": True, "views": ""},
        )
    assert broken.value.field == "views"
    assert not plan.reviews.exists()


def test_continuing_re_anchors_the_next_review_on_the_day_it_was_held(
    personas: Personas,
) -> None:
    plan = approved(personas)
    services.record_plan_review(
        personas.worker,
        plan,
        held_on=datetime.date(2026, 3, 3),
        outcome="continue",
        family_views="Mum feels things are better.",
        summary="Attendance up to 92%.",
        voice=VOICE,
    )
    plan.refresh_from_db()
    assert plan.next_review_due == clock.due("cin-plan-review", datetime.date(2026, 3, 3)).due
    assert plan.status == CINPlan.Status.ACTIVE


def test_stepping_down_ends_the_plan_and_needs_a_manager(personas: Personas) -> None:
    plan = approved(personas)
    review = {
        "held_on": datetime.date(2026, 3, 3),
        "outcome": "step_down",
        "family_views": "We are ready to manage with early help.",
        "summary": "All goals met.",
        "voice": VOICE,
    }
    with pytest.raises(RuleBroken, match="team manager"):
        services.record_plan_review(personas.worker, plan, **review)  # type: ignore[arg-type]
    services.record_plan_review(personas.manager, plan, **review)  # type: ignore[arg-type]
    plan.refresh_from_db()
    assert plan.status == CINPlan.Status.ENDED
    assert plan.ended_on == datetime.date(2026, 3, 3)
    assert plan.next_visit_due is None
    assert ManagementDecision.objects.filter(decision="cin-plan-step-down").count() == 1


def test_action_progress_is_version_checked(personas: Personas) -> None:
    plan = plan_for(personas.child, personas.team_a, personas.worker)
    action = Action.objects.get(goal__plan=plan)
    services.update_action(
        personas.worker, action, expected_version=action.version, progress="in_progress"
    )
    with pytest.raises(StaleVersion):
        services.update_action(
            personas.colleague, action, expected_version=action.version, progress="done"
        )
    action.refresh_from_db()
    assert action.progress == "in_progress"
