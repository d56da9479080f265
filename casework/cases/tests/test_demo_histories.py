"""The demo's case histories: a re-referral linked to the closed episode before it, plans that
ended with the case closed, and a hand-over, each with the manager's decisions."""

import datetime
import random

from django.utils import timezone

from casework.cases.demo import build_histories
from casework.cases.models import Allocation, Episode
from casework.oversight.models import ManagementDecision
from casework.people.models import Person
from casework.plans.models import CINPlan
from casework.testing.factories import AllocationFactory, PersonFactory
from casework.testing.personas import Personas


def test_the_demo_has_a_child_at_every_later_stage_of_a_case(personas: Personas) -> None:
    today = timezone.localdate()
    people: list[Person] = []
    for index in range(6):
        person = PersonFactory(date_of_birth=datetime.date(2015, 1, 1))
        AllocationFactory(
            person=person,
            team=personas.team_a,
            worker=personas.colleague,
            started_on=today - datetime.timedelta(days=380 - index),
        )
        people.append(person)
    assert build_histories(random.Random(5), today, people) == 4
    moved, closed, stepped_down, handed_over = people[:4]

    old, new = Episode.objects.filter(person=moved).order_by("referral_date")
    assert (old.status, old.closure_reason) == ("closed", "RC5")
    assert new.status == "open"
    assert new.previous == old
    for child in (closed, stepped_down):
        assert Episode.objects.get(person=child).closure_reason == "RC7"
        assert CINPlan.objects.get(person=child).status == "ended"
        assert not Allocation.objects.filter(person=child, ended_on__isnull=True).exists()
    assert Allocation.objects.get(person=handed_over, ended_on__isnull=True).worker == (
        personas.worker
    )
    decisions = set(ManagementDecision.objects.values_list("decision", flat=True))
    assert {"allocation", "closure", "cin-plan-approved", "cin-plan-close"} <= decisions
    assert "cin-plan-step-down" in decisions
    assert ManagementDecision.objects.filter(decision_label__startswith="Handed over").exists()
