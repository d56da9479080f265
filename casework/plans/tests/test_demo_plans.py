"""The demo's plans: realistic, through the services, with something for every tray."""

import datetime
import random

from django.utils import timezone

from casework.oversight.models import CaseDirection, Supervision
from casework.plans.demo import build_plans
from casework.plans.models import CINPlan
from casework.testing.factories import AllocationFactory, PersonFactory
from casework.testing.personas import Personas


def test_the_demo_gives_sam_plans_visits_and_directions(personas: Personas) -> None:
    people = [personas.child]
    for _ in range(8):
        person = PersonFactory(date_of_birth=datetime.date(2015, 1, 1))
        AllocationFactory(person=person, team=personas.team_a, worker=personas.worker)
        people.append(person)
    today = timezone.localdate()
    made = build_plans(random.Random(3), today, people)
    assert made == 8
    plans = CINPlan.objects.all()
    assert plans.filter(status="awaiting_approval").count() == 1
    assert plans.filter(status="active").count() == 7
    assert plans.filter(next_visit_due__lt=today).exists()
    assert all(plan.goals.count() == 2 for plan in plans)
    session = Supervision.objects.get(worker=personas.worker)
    assert CaseDirection.objects.filter(supervision=session).count() == 2
