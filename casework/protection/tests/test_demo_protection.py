"""The demo's child protection: histories through the services for Sam's children, an unborn
child on a pre-birth plan, and a council-wide cohort, some late and some in time, every date from
the clock table."""

import datetime
import random

import pytest
from django.core.management import call_command
from django.db.models import Max
from django.utils import timezone

from casework.accounts.models import Role
from casework.common import clock
from casework.people.models import Person
from casework.protection.demo import build_protection
from casework.protection.models import ChildProtectionPlan, Conference, CPVisit, Section47
from casework.testing.factories import AllocationFactory, PersonFactory, UserFactory
from casework.testing.personas import Personas


@pytest.fixture(autouse=True)
def _council(db: None) -> None:
    call_command("holidays", verbosity=0)
    UserFactory(username="ian.chair", role=Role.REVIEWING_OFFICER, team=None)


def _children(personas: Personas, count: int, worker: object) -> list[Person]:
    people: list[Person] = []
    for _ in range(count):
        person: Person = PersonFactory(date_of_birth=datetime.date(2015, 1, 1))
        AllocationFactory(person=person, team=personas.team_a, worker=worker)
        people.append(person)
    return people


def test_the_demo_puts_children_on_plans_with_histories(personas: Personas) -> None:
    people = _children(personas, 8, personas.worker)
    today = timezone.localdate()
    made = build_protection(random.Random(3), today, people)
    assert made == 7
    plans = ChildProtectionPlan.objects.all()
    assert plans.count() == 7
    assert plans.filter(next_visit_due__lt=today).exists()
    assert plans.filter(next_visit_due__gte=today).exists()
    assert Section47.objects.filter(awaiting_icpc=True).count() == 1
    born = plans.filter(person__date_of_birth__isnull=False)
    assert all(plan.actions.count() == 2 for plan in born)
    unborn = plans.get(person__expected_date_of_birth__isnull=False)
    assert unborn.initial_conference.kind == Conference.Kind.PRE_BIRTH
    assert unborn.next_review_due == clock.due("first-rcpc", unborn.started_on).due


def test_the_council_cohort_has_histories_whose_dates_agree_with_the_clock(
    personas: Personas,
) -> None:
    people = _children(personas, 160, personas.colleague)
    today = timezone.localdate()
    made = build_protection(random.Random(5), today, people)
    # Eight of the 160 are on plans (one in twenty); the unborn child is Sam's.
    cohort = ChildProtectionPlan.objects.filter(person__in=people)
    assert made == cohort.count() + 1
    assert 6 <= cohort.count() <= 8
    assert Section47.objects.filter(person__in=people, awaiting_icpc=True).exists()
    for plan in cohort.select_related("initial_conference__section47"):
        enquiry = plan.initial_conference.section47
        assert enquiry is not None
        assert enquiry.icpc_due == clock.due("icpc", enquiry.started_on).due
        assert plan.started_on == plan.initial_conference.held_on >= enquiry.started_on
        assert plan.first_core_group_due == clock.due("first-core-group", plan.started_on).due
        last_seen = CPVisit.objects.filter(plan=plan, child_seen=True).aggregate(
            last=Max("visited_on")
        )["last"]
        assert plan.next_visit_due == clock.due("cp-visit", last_seen or plan.started_on).due
        last_review = plan.review_conferences.aggregate(last=Max("held_on"))["last"]
        expected_review = (
            clock.due("later-rcpc", last_review).due
            if last_review
            else clock.due("first-rcpc", plan.started_on).due
        )
        assert plan.next_review_due == expected_review
        assert plan.initial_conference.participation
        assert plan.initial_conference.finalised_at is not None
