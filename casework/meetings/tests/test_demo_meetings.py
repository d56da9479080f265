"""The demo's meetings: finalised ones with the child's voice, planned ones, and one to write up."""

import datetime
import random

from django.utils import timezone

from casework.meetings.demo import build_meetings
from casework.meetings.models import Meeting
from casework.plans.demo import build_plans
from casework.testing.factories import AllocationFactory, PersonFactory
from casework.testing.personas import Personas


def test_the_demo_gives_sams_children_on_plans_their_meetings(personas: Personas) -> None:
    people = [personas.child]
    for _ in range(8):
        person = PersonFactory(date_of_birth=datetime.date(2015, 1, 1))
        AllocationFactory(person=person, team=personas.team_a, worker=personas.worker)
        people.append(person)
    today = timezone.localdate()
    build_plans(random.Random(3), today, people)
    made = build_meetings(random.Random(3), today, people)
    meetings = Meeting.objects.all()
    assert made == meetings.count() == 7 + 2 + 1  # 7 active plans, 2 planned, 1 to write up
    finalised = meetings.filter(status=Meeting.Status.FINALISED)
    assert finalised.count() == 7
    assert all(meeting.voice_recorded for meeting in finalised)
    assert all(meeting.decisions.count() == 2 for meeting in finalised)
    assert meetings.filter(status=Meeting.Status.DRAFT, held_on__gt=today).count() == 2
    assert meetings.filter(status=Meeting.Status.DRAFT, held_on__lt=today).count() == 1
