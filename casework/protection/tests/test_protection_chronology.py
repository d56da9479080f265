"""Every child protection step writes itself into the child's chronology, read from the record,
in the same number of queries however long the history."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from casework.cases import chronology
from casework.protection import chronology_sources, services
from casework.protection.tests.factories import VOICE, plan_through_services
from casework.testing.personas import Personas

SOURCES = (
    chronology_sources.strategy_discussions,
    chronology_sources.section47_enquiries,
    chronology_sources.conferences,
    chronology_sources.plans,
    chronology_sources.core_groups,
    chronology_sources.visits,
    chronology_sources.family_group_conferences,
)
FEBRUARY = datetime.datetime(2027, 2, 26, 12, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _bank_holidays(db: None) -> None:
    call_command("holidays", "--from", "2026", "--to", "2027", verbosity=0)


def _protection_queries(personas: Personas) -> int:
    with CaptureQueriesContext(connection) as captured:
        for source in SOURCES:
            list(source(personas.child))
    return len(captured)


@time_machine.travel(FEBRUARY, tick=False)
def test_each_step_appears_in_the_chronology_in_date_order(personas: Personas) -> None:
    plan = plan_through_services(personas)
    services.record_core_group(
        personas.worker,
        plan,
        held_on=datetime.date(2027, 1, 29),
        attendees="Sam; DC Shah",
        progress="Dad has moved out.",
    )
    services.record_cp_visit(
        personas.worker,
        plan,
        visited_on=datetime.date(2027, 2, 1),
        observations="Home calm.",
        voice=VOICE,
        bedroom_seen=True,
    )
    services.record_family_group_conference(
        personas.worker,
        personas.child,
        offered_on=datetime.date(2027, 2, 2),
        accepted=True,
        held_on=datetime.date(2027, 2, 9),
        family_plan="Gran has Amy after school.",
    )
    entries = [entry for entry in chronology.entries_for(personas.child) if entry.source]
    mine = [(entry.occurred_on, entry.title) for entry in entries if "protection" in entry.source]
    titles = [entry.title for entry in entries]
    assert "Strategy discussion: section 47 enquiry" in titles
    assert "Section 47 enquiry started" in titles
    assert "Initial child protection conference: child protection plan (physical abuse)" in titles
    assert "Child protection plan started (physical abuse)" in titles
    assert "Core group meeting" in titles
    assert "Child protection visit" in titles
    assert "Family group conference held" in titles
    assert mine == sorted(mine, reverse=True)
    visit = next(entry for entry in entries if entry.title == "Child protection visit")
    assert visit.detail == "Child seen, alone; bedroom seen"
    assert visit.url == plan.get_absolute_url()
    page = Client()
    page.force_login(personas.worker)
    text = page.get(f"/people/{personas.child.pk}/chronology/").content.decode()
    assert "Core group meeting" in text


@time_machine.travel(FEBRUARY, tick=False)
def test_the_sources_cost_the_same_for_a_longer_history(personas: Personas) -> None:
    plan = plan_through_services(personas)
    few = _protection_queries(personas)
    for day in (1, 8, 15, 22):
        services.record_cp_visit(
            personas.worker,
            plan,
            visited_on=datetime.date(2027, 2, day),
            observations="Home calm.",
            voice=VOICE,
        )
        services.record_core_group(
            personas.worker,
            plan,
            held_on=datetime.date(2027, 2, day),
            attendees="Sam",
            progress="Steady.",
        )
    assert _protection_queries(personas) == few == len(SOURCES)
