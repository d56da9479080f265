"""The demo council has assessments in every state the pages show."""

import datetime
import random

import time_machine
from django.utils import timezone

from casework.assessments.demo import build_assessments, screening_for
from casework.assessments.models import Assessment
from casework.demo.council import build_council
from casework.oversight.models import ManagementDecision
from casework.testing.personas import Personas

WEDNESDAY = datetime.datetime(2026, 3, 4, 14, 0, tzinfo=datetime.UTC)


@time_machine.travel(WEDNESDAY, tick=False)
def test_the_demo_has_assessments_in_every_state(db: None) -> None:
    made = build_council(children=40, seed=3)["assessments"]
    today = timezone.localdate()
    # The rest of the council's children have census histories of their own (returns.demo).
    sams = Assessment.objects.filter(created_by__username="sam.worker")
    assert made == sams.count() == 5
    statuses = set(sams.values_list("status", flat=True))
    assert statuses == set(Assessment.Status.values)
    assert any(assessment.is_overdue(today) for assessment in sams)
    authorised = sams.get(status="authorised")
    assert authorised.authorisation is not None
    assert ManagementDecision.objects.filter(object_id=str(authorised.pk)).count() == 2
    # Sam's authorised assessment flags a risk outside the home, so the child's page shows it.
    assert authorised.outside_home == ["criminal_exploitation"]
    assert sams.exclude(pk=authorised.pk).filter(criminal_exploitation=True).count() == 0


def test_bulk_made_demo_assessments_flag_the_risks_their_factors_name() -> None:
    assert screening_for(["24A", "16A", "10A"]) == {
        "criminal_exploitation": True,
        "going_missing": True,
    }
    assert screening_for(["16A"]) == {}


def test_the_demo_makes_fewer_assessments_when_there_are_few_children(
    personas: Personas,
) -> None:
    assert build_assessments(random.Random(1), timezone.localdate(), [personas.child]) == 1
