"""The demo's child protection: histories through the services, some late and some in time."""

import datetime
import random

import pytest
from django.core.management import call_command
from django.utils import timezone

from casework.accounts.models import Role
from casework.people.models import Person
from casework.protection.demo import build_protection
from casework.protection.models import ChildProtectionPlan, Section47
from casework.testing.factories import AllocationFactory, PersonFactory, UserFactory
from casework.testing.personas import Personas


@pytest.mark.usefixtures("db")
def test_the_demo_puts_children_on_plans_with_histories(personas: Personas) -> None:
    call_command("holidays", verbosity=0)
    UserFactory(username="ian.chair", role=Role.REVIEWING_OFFICER, team=None)
    people: list[Person] = []
    for _ in range(8):
        person: Person = PersonFactory(date_of_birth=datetime.date(2015, 1, 1))
        AllocationFactory(person=person, team=personas.team_a, worker=personas.worker)
        people.append(person)
    today = timezone.localdate()
    made = build_protection(random.Random(3), today, people)
    assert made == 6
    plans = ChildProtectionPlan.objects.all()
    assert plans.count() == 6
    assert plans.filter(next_visit_due__lt=today).exists()
    assert plans.filter(next_visit_due__gte=today).exists()
    assert Section47.objects.filter(awaiting_icpc=True).count() == 1
    assert all(plan.actions.count() == 2 for plan in plans)
