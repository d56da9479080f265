"""Visits: the child's voice on every visit, and the next visit re-anchored on the actual one."""

import datetime

import pytest
import time_machine

from casework.cases import chronology
from casework.common import clock
from casework.common.errors import RuleBroken, StaleVersion
from casework.plans import services
from casework.plans.models import CINPlan
from casework.plans.tests.factories import plan_for
from casework.testing.personas import Personas

NOW = datetime.datetime(2026, 3, 20, 12, 0, tzinfo=datetime.UTC)
SEEN = {"child_seen": True, "seen_alone": True, "views": "School is OK now."}


@pytest.fixture(autouse=True)
def _in_march() -> object:
    with time_machine.travel(NOW, tick=False):
        yield


def active_plan(personas: Personas) -> CINPlan:
    plan = plan_for(personas.child, personas.team_a, personas.worker)
    return services.approve_plan(
        personas.manager, plan, expected_version=None, rationale="Agreed with the family."
    )


def visit(personas: Personas, on: datetime.date, voice: dict[str, object] = SEEN) -> object:
    return services.record_visit(
        personas.worker,
        personas.child,
        visited_on=on,
        observations="Home calm; Amy showed me her drawings.",
        voice=dict(voice),
        bedroom_seen=True,
    )


def test_a_late_visit_moves_the_next_visit_from_the_actual_date(personas: Personas) -> None:
    plan = active_plan(personas)
    planned = plan.next_visit_due
    late = datetime.date(2026, 3, 18)
    assert planned is not None
    assert late > planned
    recorded = visit(personas, late)
    plan.refresh_from_db()
    assert recorded.plan_id == plan.pk  # type: ignore[attr-defined]
    assert plan.next_visit_due == clock.due("cin-visit", late).due


def test_a_visit_where_the_child_was_not_seen_does_not_stop_the_clock(
    personas: Personas,
) -> None:
    plan = active_plan(personas)
    before = plan.next_visit_due
    visit(
        personas,
        datetime.date(2026, 3, 18),
        {"child_seen": False, "views_not_gathered_reason": "Nobody was home."},
    )
    plan.refresh_from_db()
    assert plan.next_visit_due == before


def test_recording_an_older_visit_later_does_not_move_the_date_back(personas: Personas) -> None:
    plan = active_plan(personas)
    visit(personas, datetime.date(2026, 3, 18))
    visit(personas, datetime.date(2026, 3, 2))
    plan.refresh_from_db()
    assert plan.next_visit_due == clock.due("cin-visit", datetime.date(2026, 3, 18)).due


def test_a_visit_must_say_whether_the_child_was_seen_and_if_alone(personas: Personas) -> None:
    with pytest.raises(RuleBroken) as broken:
        visit(personas, datetime.date(2026, 3, 18), {"views": "Hi"})
    assert broken.value.field == "child_seen"
    with pytest.raises(RuleBroken) as broken:
        visit(personas, datetime.date(2026, 3, 18), {"child_seen": True, "seen_alone": False})
    assert broken.value.field == "not_seen_alone_reason"


def test_a_visit_in_the_future_is_refused(personas: Personas) -> None:
    with pytest.raises(RuleBroken, match="today or in the past"):
        visit(personas, datetime.date(2026, 3, 21))


def test_correcting_a_visit_date_reworks_the_next_visit(personas: Personas) -> None:
    plan = active_plan(personas)
    recorded = visit(personas, datetime.date(2026, 3, 18))
    services.edit_visit(
        personas.worker,
        recorded,  # type: ignore[arg-type]
        expected_version=1,
        visited_on=datetime.date(2026, 3, 17),
    )
    plan.refresh_from_db()
    assert plan.next_visit_due == clock.due("cin-visit", datetime.date(2026, 3, 17)).due
    with pytest.raises(StaleVersion):
        services.edit_visit(
            personas.colleague,
            recorded,  # type: ignore[arg-type]
            expected_version=1,
            observations="Changed",
        )


def test_visits_and_plans_appear_in_the_chronology(personas: Personas) -> None:
    active_plan(personas)
    visit(personas, datetime.date(2026, 3, 18))
    titles = [entry.title for entry in chronology.entries_for(personas.child)]
    assert "Visit" in titles
    assert "Child in need plan started" in titles
