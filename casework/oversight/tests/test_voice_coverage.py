import datetime
from typing import Any

from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from casework.oversight import voice_coverage
from casework.plans.models import Visit
from casework.testing.factories import AllocationFactory
from casework.testing.personas import Personas


def visit(personas: Personas, person: Any, days_ago: int, alone: bool) -> None:
    Visit.objects.create(
        person=person,
        visited_on=timezone.localdate() - datetime.timedelta(days=days_ago),
        visited_by=personas.worker,
        updated_by=personas.worker,
        child_seen=True,
        seen_alone=alone,
        not_seen_alone_reason="" if alone else "Mum stayed in the room",
        views="Fine",
        observations="All well",
    )


def test_the_manager_sees_how_many_children_were_seen_alone_recently(personas: Personas) -> None:
    call_command("holidays", verbosity=0)
    other = AllocationFactory(team=personas.team_a, worker=personas.worker).person
    far_back = AllocationFactory(team=personas.team_a, worker=personas.worker).person
    AllocationFactory(team=personas.team_a, worker=personas.worker)  # never visited
    visit(personas, personas.child, 3, alone=True)
    visit(personas, other, 5, alone=False)
    visit(personas, far_back, 200, alone=True)
    coverage = voice_coverage.for_team(personas.team_a.pk, timezone.localdate())
    assert (coverage.seen_alone, coverage.children) == (1, 4)
    assert coverage.seen_alone_percent == 25
    client = Client()
    client.force_login(personas.manager)
    page = client.get("/").content.decode()
    assert "Hearing the children in Team A" in page
    assert "25%" in page


def test_finalised_meetings_count_among_the_decisions_made_with_the_childs_views(
    personas: Personas,
) -> None:
    from casework.meetings.models import Meeting
    from casework.meetings.tests.factories import VOICE, MeetingFactory

    today = timezone.localdate()
    finalised = {
        "status": Meeting.Status.FINALISED,
        "minutes": "Agreed the plan.",
        "finalised_at": timezone.now(),
        "finalised_by": personas.worker,
        **VOICE,
    }
    MeetingFactory(person=personas.child, held_on=today, **finalised)
    MeetingFactory(person=personas.child, held_on=today)  # a draft decides nothing yet
    MeetingFactory(person=personas.child, held_on=today - datetime.timedelta(days=400), **finalised)
    elsewhere = AllocationFactory(team=personas.team_b).person
    MeetingFactory(person=elsewhere, held_on=today, **finalised)
    coverage = voice_coverage.for_team(personas.team_a.pk, today)
    assert (coverage.decisions_with_views, coverage.decisions) == (1, 1)
    client = Client()
    client.force_login(personas.manager)
    page = client.get("/").content.decode()
    assert "1 of 1 assessments, plan reviews, conferences and meetings" in page
