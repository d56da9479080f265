"""The tabs of a child's case record: each its own page, audited as a read of the child's
record, closed (404) to anyone who may not see the child, and a fixed number of queries
whatever the size of the case."""

import datetime
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from casework.assessments.tests.factories import AssessmentFactory, EpisodeFactory
from casework.audit.models import AuditEvent
from casework.cases import services as case_services
from casework.cases.models import Episode, SignificantEvent
from casework.cases.tabs import TABS
from casework.meetings.models import Meeting
from casework.meetings.tests.factories import (
    VOICE,
    AttendeeFactory,
    DecisionFactory,
    MeetingActionFactory,
    MeetingFactory,
)
from casework.oversight import services as oversight
from casework.oversight.models import CaseDirection, Supervision
from casework.people import services as people_services
from casework.people.models import Address, PersonWarning
from casework.plans.models import CINPlan
from casework.plans.tests.factories import ActionFactory, CINPlanFactory, GoalFactory, VisitFactory
from casework.testing.factories import CaseNoteFactory, PersonFactory
from casework.testing.personas import Personas

NOW = datetime.datetime(2026, 3, 20, 12, 0, tzinfo=datetime.UTC)
# The most queries each tab may run, at any size of case. Session, user, person, audit insert,
# warnings and the session save are in every count.
BUDGET = {
    # Two of these find the latest assessment and strategy discussion that flagged a risk
    # outside the home, however many there are.
    "summary": 10,
    "assessments": 11,
    "plans": 10,
    "visits": 11,
    "meetings": 10,
    "notes": 9,
    # One or two per source, whatever the number of entries; seven of the sources are child
    # protection's (discussions, enquiries, conferences, plans, core groups, visits, FGCs).
    "chronology": 25,
    "documents": 10,
    "people": 12,
}


@pytest.fixture(autouse=True)
def _in_march(settings: Any, tmp_path: Path) -> Iterator[None]:
    settings.MEDIA_ROOT = tmp_path
    with time_machine.travel(NOW, tick=False):
        yield


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def tab_url(person_id: object, key: str) -> str:
    suffix = {"summary": ""}.get(key, f"{key}/")
    return f"/people/{person_id}/{suffix}"


def grow_the_case(p: Personas, times: int) -> None:
    """Add `times` of everything a case record gathers over the years."""
    child = p.child
    supervision = Supervision.objects.create(
        worker=p.worker,
        supervisor=p.manager,
        held_on=datetime.date(2026, 3, 2),
        discussion="Talked through Amy's plan.",
        next_due=datetime.date(2026, 4, 2),
    )
    for index in range(times):
        day = datetime.date(2025, 1, 1) + datetime.timedelta(days=index * 20)
        CaseNoteFactory(person=child, author=p.worker)
        relative = PersonFactory(given_name=f"Relative{index}")
        people_services.relate(p.worker, relative, child, kind="grandparent")
        Address.objects.create(
            person=child, line_1=f"{index} Oak Road", postcode="LS1 1AA", started_on=day
        )
        people_services.add_warning(p.worker, child, kind="other", detail=f"Warning {index}")
        episode = EpisodeFactory(
            person=child,
            team=p.team_a,
            referral_date=day,
            status=Episode.Status.CLOSED,
            closed_on=day + datetime.timedelta(days=10),
            closure_reason="RC8",
        )
        AssessmentFactory(episode=episode, created_by=p.worker)
        plan = CINPlanFactory(
            person=child,
            episode=episode,
            status=CINPlan.Status.ENDED,
            started_on=day,
            ended_on=day + datetime.timedelta(days=5),
            created_by=p.worker,
        )
        ActionFactory(goal=GoalFactory(plan=plan))
        VisitFactory(person=child, visited_by=p.worker, visited_on=day)
        meeting = MeetingFactory(
            person=child,
            created_by=p.worker,
            held_on=day,
            status=Meeting.Status.FINALISED,
            minutes="Agreed.",
            finalised_at=timezone.now(),
            finalised_by=p.worker,
            **VOICE,
        )
        AttendeeFactory(meeting=meeting)
        DecisionFactory(meeting=meeting)
        MeetingActionFactory(meeting=meeting, due_on=day)
        SignificantEvent.objects.create(
            person=child, occurred_on=day, title=f"Event {index}", added_by=p.worker
        )
        document = case_services.upload_document(
            p.worker,
            child,
            title=f"Report {index}",
            kind="report",
            upload=SimpleUploadedFile(f"r{index}.pdf", b"%PDF-1.7 report", "application/pdf"),
        )
        case_services.add_document_version(
            p.worker,
            document,
            upload=SimpleUploadedFile(f"r{index}b.pdf", b"%PDF-1.7 again", "application/pdf"),
            note="Corrected",
        )
        oversight.record_decision(
            p.manager, child, plan, decision="note", decision_label="Noted", rationale="Seen."
        )
        CaseDirection.objects.create(
            supervision=supervision,
            person=child,
            direction=f"Direction {index}",
            due_on=datetime.date(2026, 3, 16),
        )


@pytest.mark.parametrize("tab", [tab.key for tab in TABS])
def test_each_tab_costs_the_same_for_a_small_case_and_a_big_one(
    personas: Personas, django_assert_max_num_queries: Any, tab: str
) -> None:
    # An open referral, a current plan and a planned meeting, so the summary has everything
    # to show, then the history grows around them.
    episode = EpisodeFactory(person=personas.child, team=personas.team_a)
    CINPlanFactory(person=personas.child, episode=episode, created_by=personas.worker)
    MeetingFactory(
        person=personas.child, created_by=personas.worker, held_on=datetime.date(2026, 4, 1)
    )
    client = signed_in(personas.worker)
    url = tab_url(personas.child.pk, tab)
    counts = []
    for times in (1, 8):
        grow_the_case(personas, times)
        with django_assert_max_num_queries(BUDGET[tab]) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], f"{tab}: {counts}"


@pytest.mark.parametrize("tab", [tab.key for tab in TABS])
def test_each_tab_is_audited_and_closed_to_another_team(personas: Personas, tab: str) -> None:
    url = tab_url(personas.child.pk, tab)
    page = signed_in(personas.worker).get(url)
    assert page.status_code == 200
    assert 'aria-current="page"' in page.content.decode()
    assert AuditEvent.objects.filter(
        actor=personas.worker, action="view", person_id=personas.child.pk
    ).exists()
    assert signed_in(personas.other_team).get(url).status_code == 404
    assert not AuditEvent.objects.filter(actor=personas.other_team).exists()


def test_an_adults_record_has_only_the_tabs_that_apply_to_them(personas: Personas) -> None:
    mother = PersonFactory(given_name="Jo", is_child=False, date_of_birth=datetime.date(1990, 1, 1))
    people_services.relate(personas.worker, mother, personas.child, kind="parent")
    page = signed_in(personas.worker).get(f"/people/{mother.pk}/").content.decode()
    assert f'href="/people/{mother.pk}/people/"' in page
    assert f'href="/people/{mother.pk}/meetings/"' not in page
    assert "The case now" not in page


def test_the_summary_shows_what_is_due_and_overdue(personas: Personas) -> None:
    EpisodeFactory(
        person=personas.child,
        team=personas.team_a,
        referral_date=datetime.date(2026, 1, 5),
        assessment_due=datetime.date(2026, 3, 10),
        assessment_target=datetime.date(2026, 3, 9),
    )
    MeetingFactory(
        person=personas.child,
        created_by=personas.worker,
        held_on=datetime.date(2026, 3, 25),
        kind=Meeting.Kind.NETWORK,
    )
    page = signed_in(personas.worker).get(f"/people/{personas.child.pk}/").content.decode()
    due = page[page.index("Due and overdue") : page.index("Who they are")]
    assert due.index("Assessment") < due.index("Network meeting")  # soonest first
    assert "9 March 2026 <strong" in due  # past its target: overdue
    assert "25 March 2026</td>" in due  # still to come


def test_the_summary_shows_the_newest_decision_on_its_london_date(personas: Personas) -> None:
    note = CaseNoteFactory(person=personas.child, author=personas.worker)
    with time_machine.travel("2025-06-01 10:00Z", tick=False):
        oversight.record_decision(
            personas.manager,
            personas.child,
            note,
            decision="note",
            decision_label="First",
            rationale="Seen.",
        )
    # Half past midnight in London in summer time: the day after, by the clock in UTC.
    with time_machine.travel("2025-07-01 23:30Z", tick=False):
        oversight.record_decision(
            personas.manager,
            personas.child,
            note,
            decision="note",
            decision_label="Second",
            rationale="Seen.",
        )
    page = signed_in(personas.worker).get(f"/people/{personas.child.pk}/").content.decode()
    summary = page[page.index("The case now") : page.index("Who they are")]
    assert f"Second: {personas.manager.display_name}, 2 July 2025." in summary
    assert "First" not in summary


def test_the_summary_shows_each_active_warning_and_every_other_name(personas: Personas) -> None:
    child = personas.child
    for detail in ("Dog at the door", "Do not visit alone"):
        people_services.add_warning(personas.worker, child, kind="other", detail=detail)
    ended = people_services.add_warning(personas.worker, child, kind="other", detail="Moved out")
    PersonWarning.objects.filter(pk=ended.pk).update(ended_on=datetime.date(2026, 3, 1))
    people_services.add_other_name(
        personas.worker, child, kind="previous", given_name="Alex", family_name="Green"
    )
    people_services.add_other_name(
        personas.worker, child, kind="alias", given_name="Lexi", family_name=""
    )
    page = signed_in(personas.worker).get(f"/people/{child.pk}/").content.decode()
    assert "Other: Dog at the door" in page
    assert "Other: Do not visit alone" in page
    assert "Moved out" not in page
    assert "Alex Green (previous name)" in page
    assert "Lexi (also known as)" in page
