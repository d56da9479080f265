"""The child protection journey through the services: every clock from `casework.common.clock`,
and every rule refused with a field-named message and nothing written."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core.management import call_command

from casework.common import clock
from casework.common.errors import RuleBroken
from casework.oversight.models import ManagementDecision
from casework.people.models import Person
from casework.protection import selectors, services
from casework.protection.models import (
    ChildProtectionPlan,
    Conference,
    CPVisit,
    Section47,
    StrategyDiscussion,
)
from casework.protection.tests.factories import (
    EVERY_AGENCY,
    VOICE,
    at,
    complete,
    discuss,
    icpc,
    open_episode,
    plan_through_services,
)
from casework.testing.personas import Personas

LONDON = zoneinfo.ZoneInfo("Europe/London")


@pytest.fixture(autouse=True)
def _bank_holidays(db: None) -> None:
    call_command("holidays", "--from", "2026", "--to", "2027", verbosity=0)


@time_machine.travel(datetime.datetime(2027, 1, 20, 12, tzinfo=datetime.UTC), tick=False)
def test_the_icpc_is_due_on_the_15th_working_day_across_the_bank_holidays(
    personas: Personas,
) -> None:
    discussion = discuss(personas, datetime.date(2026, 12, 23))
    enquiry = discussion.section47
    assert (enquiry.icpc_due, enquiry.icpc_target) == (
        datetime.date(2027, 1, 18),
        datetime.date(2027, 1, 15),
    )
    dates = clock.due("icpc", datetime.date(2026, 12, 23))
    assert (enquiry.icpc_due, enquiry.icpc_target) == (dates.due, dates.target)
    decision = discussion.management_decision
    assert decision is not None
    assert decision.decided_by == personas.manager
    assert ManagementDecision.objects.filter(pk=decision.pk).exists()
    assert discussion.outside_home_risks == ["Going missing"]


@time_machine.travel(datetime.datetime(2027, 1, 20, 12, tzinfo=datetime.UTC), tick=False)
def test_a_later_strategy_discussion_does_not_move_the_icpc(personas: Personas) -> None:
    first = discuss(personas, datetime.date(2026, 12, 23)).section47
    discuss(personas, datetime.date(2027, 1, 6))
    assert Section47.objects.count() == 1
    first.refresh_from_db()
    assert first.icpc_due == datetime.date(2027, 1, 18)
    assert StrategyDiscussion.objects.count() == 2


@time_machine.travel(datetime.datetime(2026, 11, 20, 12, tzinfo=datetime.UTC), tick=False)
def test_police_health_education_and_social_care_must_be_invited(personas: Personas) -> None:
    with pytest.raises(RuleBroken) as broken:
        discuss(personas, datetime.date(2026, 11, 16), participants=EVERY_AGENCY[:3])
    assert broken.value.field == "participants"
    assert "social care" in broken.value.message
    assert not StrategyDiscussion.objects.exists()
    assert not ManagementDecision.objects.exists()


@time_machine.travel(datetime.datetime(2026, 11, 20, 12, tzinfo=datetime.UTC), tick=False)
def test_only_a_manager_records_the_strategy_decision(personas: Personas) -> None:
    open_episode(personas.child, personas.team_a, datetime.date(2026, 11, 2))
    with pytest.raises(RuleBroken) as broken:
        services.hold_strategy_discussion(
            personas.worker,
            personas.child,
            held_at=at(datetime.date(2026, 11, 16)),
            participants=EVERY_AGENCY,
            information_shared="x",
            risks_identified="y",
            decision="nfa",
            rationale="z",
        )
    assert broken.value.field == "decision"
    assert not StrategyDiscussion.objects.exists()


@time_machine.travel(datetime.datetime(2027, 1, 20, 12, tzinfo=datetime.UTC), tick=False)
def test_a_conference_before_its_strategy_discussion_is_refused(personas: Personas) -> None:
    discuss(personas, datetime.date(2026, 12, 23))
    with pytest.raises(RuleBroken) as broken:
        services.record_conference(
            personas.chair, personas.child, kind="initial", held_on=datetime.date(2026, 12, 22)
        )
    assert broken.value.field == "held_on"
    assert not Conference.objects.exists()


@time_machine.travel(datetime.datetime(2027, 1, 20, 12, tzinfo=datetime.UTC), tick=False)
def test_the_chair_must_be_an_independent_reviewing_officer(personas: Personas) -> None:
    discuss(personas, datetime.date(2026, 12, 23))
    for actor in (personas.worker, personas.manager):
        with pytest.raises(RuleBroken) as broken:
            services.record_conference(
                actor, personas.child, kind="initial", held_on=datetime.date(2027, 1, 15)
            )
        assert broken.value.field == "chair"
    assert not Conference.objects.exists()


@time_machine.travel(datetime.datetime(2027, 1, 20, 12, tzinfo=datetime.UTC), tick=False)
def test_the_icpc_on_the_target_date_starts_a_plan_with_its_clocks(personas: Personas) -> None:
    enquiry = complete(
        personas,
        discuss(personas, datetime.date(2026, 12, 23)).section47,
        datetime.date(2027, 1, 8),
    )
    assert enquiry.status == Section47.Status.AUTHORISED
    conference = icpc(personas, enquiry.icpc_target)
    plan = ChildProtectionPlan.objects.get(person=personas.child)
    start = datetime.date(2027, 1, 15)
    assert plan.started_on == start == conference.held_on
    assert plan.initial_conference == conference
    assert plan.first_core_group_due == clock.due("first-core-group", start).due
    assert plan.first_core_group_due == datetime.date(2027, 1, 29)
    assert plan.next_review_due == clock.due("first-rcpc", start).due == datetime.date(2027, 4, 15)
    assert plan.next_visit_due == clock.due("cp-visit", start).due
    assert plan.visit_frequency_days == clock.rule_amount("cp-visit")
    enquiry.refresh_from_db()
    assert not enquiry.awaiting_icpc
    assert enquiry.icpc_held_on == start


@time_machine.travel(datetime.datetime(2027, 1, 20, 12, tzinfo=datetime.UTC), tick=False)
def test_a_conference_cannot_be_finalised_without_the_childs_views(personas: Personas) -> None:
    enquiry = discuss(personas, datetime.date(2026, 12, 23)).section47
    conference = services.record_conference(
        personas.chair, personas.child, kind="initial", held_on=enquiry.icpc_target
    )
    for voice, field in (
        ({"views": ""}, "views"),
        ({"participation": ""}, "participation"),
        ({"child_seen": None}, "child_seen"),
    ):
        with pytest.raises(RuleBroken) as broken:
            services.finalise_conference(
                personas.chair,
                conference,
                voice=VOICE | voice,
                parents_views="Dad denies it.",
                decision="plan",
                category="PHY",
                core_group_members="Sam",
            )
        assert broken.value.field == field
    conference.refresh_from_db()
    assert conference.finalised_at is None
    assert not ChildProtectionPlan.objects.exists()


@time_machine.travel(datetime.datetime(2027, 1, 20, 12, tzinfo=datetime.UTC), tick=False)
def test_a_category_outside_the_list_is_refused(personas: Personas) -> None:
    enquiry = discuss(personas, datetime.date(2026, 12, 23)).section47
    conference = services.record_conference(
        personas.chair, personas.child, kind="initial", held_on=enquiry.icpc_target
    )
    with pytest.raises(RuleBroken) as broken:
        services.finalise_conference(
            personas.chair,
            conference,
            voice=VOICE,
            parents_views="Dad denies it.",
            decision="plan",
            category="XYZ",
            core_group_members="Sam",
        )
    assert broken.value.field == "category"
    assert not ChildProtectionPlan.objects.exists()


def test_a_review_without_the_childs_views_is_refused(personas: Personas) -> None:
    plan = plan_through_services(personas)
    with time_machine.travel(datetime.datetime(2027, 4, 20, 12, tzinfo=datetime.UTC)):
        review = services.record_conference(
            personas.chair, personas.child, kind="review", held_on=datetime.date(2027, 4, 14)
        )
        with pytest.raises(RuleBroken) as broken:
            services.finalise_conference(
                personas.chair,
                review,
                voice={"child_seen": True, "seen_alone": True, "participation": "PN1"},
                parents_views="Things are better.",
                decision="continue",
                category="PHY",
            )
        assert broken.value.field == "views"
        plan.refresh_from_db()
        assert plan.next_review_due == datetime.date(2027, 4, 15)
        services.finalise_conference(
            personas.chair,
            review,
            voice=VOICE,
            parents_views="Things are better.",
            decision="continue",
            category="NEG",
        )
    plan.refresh_from_db()
    assert plan.next_review_due == clock.due("later-rcpc", datetime.date(2027, 4, 14)).due
    assert plan.latest_category == "NEG"
    assert plan.initial_category == "PHY"


def test_a_plan_cannot_end_before_it_started(personas: Personas) -> None:
    plan = plan_through_services(personas)
    with pytest.raises(RuleBroken) as broken:
        services.end_plan(
            personas.worker, plan, ended_on=datetime.date(2027, 1, 14), reason="Moved away."
        )
    assert broken.value.field == "ended_on"
    plan.refresh_from_db()
    assert plan.is_active
    assert plan.ended_on is None


def test_core_groups_and_visits_re_anchor_on_the_actual_meeting(personas: Personas) -> None:
    plan = plan_through_services(personas)
    with time_machine.travel(datetime.datetime(2027, 2, 10, 12, tzinfo=datetime.UTC)):
        services.record_core_group(
            personas.worker,
            plan,
            held_on=datetime.date(2027, 2, 1),
            attendees="Sam, DC Shah",
            progress="Dad has moved out.",
        )
        services.record_cp_visit(
            personas.worker,
            plan,
            visited_on=datetime.date(2027, 2, 9),
            observations="Home calm.",
            voice=VOICE,
            bedroom_seen=True,
        )
    plan.refresh_from_db()
    assert plan.next_core_group_due == clock.due("core-group", datetime.date(2027, 2, 1)).due
    assert plan.next_visit_due == clock.due("cp-visit", datetime.date(2027, 2, 9)).due
    assert CPVisit.objects.get().bedroom_seen is True


def test_a_missed_visit_shows_as_overdue_in_the_tray(personas: Personas) -> None:
    plan = plan_through_services(personas)
    due = plan.next_visit_due
    assert due is not None
    with time_machine.travel(datetime.datetime.combine(due, datetime.time(12), datetime.UTC)):
        assert selectors.visits_overdue(personas.worker) == []
    day_after = due + datetime.timedelta(days=1)
    with time_machine.travel(datetime.datetime.combine(day_after, datetime.time(12), datetime.UTC)):
        assert selectors.visits_overdue(personas.worker) == [plan]
        assert selectors.visits_overdue(personas.manager) == [plan]
        assert selectors.visits_overdue(personas.other_team) == []


@time_machine.travel(datetime.datetime(2027, 1, 20, 12, tzinfo=datetime.UTC), tick=False)
def test_the_icpc_tray_shows_the_enquiry_to_the_chair_and_the_team(personas: Personas) -> None:
    enquiry = discuss(personas, datetime.date(2026, 12, 23)).section47
    assert selectors.initial_conferences_due(personas.chair) == [enquiry]
    assert selectors.initial_conferences_due(personas.manager) == [enquiry]
    assert selectors.initial_conferences_due(personas.other_team) == []


def test_a_pre_birth_conference_needs_an_expected_date_of_birth(personas: Personas) -> None:
    with time_machine.travel(datetime.datetime(2027, 1, 20, 12, tzinfo=datetime.UTC)):
        with pytest.raises(RuleBroken) as broken:
            services.record_conference(
                personas.chair, personas.child, kind="pre_birth", held_on=datetime.date(2027, 1, 8)
            )
        assert broken.value.field == "kind"
        Person.objects.filter(pk=personas.child.pk).update(
            date_of_birth=None, expected_date_of_birth=datetime.date(2027, 4, 1)
        )
        personas.child.refresh_from_db()
        conference = services.record_conference(
            personas.chair, personas.child, kind="pre_birth", held_on=datetime.date(2027, 1, 8)
        )
        services.finalise_conference(
            personas.chair,
            conference,
            voice={
                "child_seen": False,
                "views_not_gathered_reason": "Unborn",
                "participation": "PN0",
            },
            parents_views="Mum wants support.",
            decision="plan",
            category="NEG",
            core_group_members="Sam; midwife",
        )
    assert ChildProtectionPlan.objects.get(person=personas.child).started_on == datetime.date(
        2027, 1, 8
    )


def test_risk_contexts_are_shared_between_children(personas: Personas) -> None:
    from casework.testing.factories import PersonFactory

    other = PersonFactory()
    first = services.link_risk_context(
        personas.worker, personas.child, kind="place", name="Rec park"
    )
    second = services.link_risk_context(personas.worker, other, kind="place", name="rec park")
    assert first == second
    assert set(first.children.all()) == {personas.child, other}


def test_a_family_group_conference_not_offered_needs_a_rationale(personas: Personas) -> None:
    with pytest.raises(RuleBroken) as broken:
        services.record_family_group_conference(
            personas.worker,
            personas.child,
            offered_on=datetime.date(2026, 3, 2),
            not_in_best_interests=True,
        )
    assert broken.value.field == "rationale"
    fgc = services.record_family_group_conference(
        personas.worker,
        personas.child,
        offered_on=datetime.date(2026, 3, 2),
        accepted=True,
        held_on=datetime.date(2026, 3, 9),
        family_plan="Gran has the children after school.",
    )
    assert fgc.held_on == datetime.date(2026, 3, 9)
