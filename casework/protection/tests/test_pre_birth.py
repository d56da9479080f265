"""Unborn children: a pre-birth conference and plan on a person with an expected date of birth,
and the first review due within 10 working days of the birth or 3 months of the conference,
whichever is sooner (practice-rules.md 1b), worked out when the birth is recorded."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client

from casework.accounts import services as account_services
from casework.common import clock
from casework.common.errors import RuleBroken
from casework.people.models import Person
from casework.protection import services
from casework.protection.models import ChildProtectionPlan, Conference
from casework.protection.tests.factories import VOICE, plan_through_services
from casework.testing.personas import Personas

CONFERENCE_DAY = datetime.date(2027, 1, 8)
UNBORN_VOICE = {
    "child_seen": False,
    "views_not_gathered_reason": "Not yet born",
    "participation": "PN0",
}


@pytest.fixture(autouse=True)
def _bank_holidays(db: None) -> None:
    call_command("holidays", "--from", "2026", "--to", "2027", verbosity=0)


def unborn_plan(personas: Personas) -> ChildProtectionPlan:
    Person.objects.filter(pk=personas.child.pk).update(
        date_of_birth=None, expected_date_of_birth=datetime.date(2027, 3, 1)
    )
    personas.child.refresh_from_db()
    with time_machine.travel(datetime.datetime(2027, 1, 8, 15, tzinfo=datetime.UTC)):
        conference = services.record_conference(
            personas.chair, personas.child, kind="pre_birth", held_on=CONFERENCE_DAY
        )
        services.finalise_conference(
            personas.chair,
            conference,
            voice=UNBORN_VOICE,
            parents_views="Mum wants support.",
            decision="plan",
            category="NEG",
            core_group_members="Sam; midwife",
        )
    return ChildProtectionPlan.objects.get(person=personas.child)


def test_a_pre_birth_plan_first_review_is_due_three_months_after_the_conference(
    personas: Personas,
) -> None:
    plan = unborn_plan(personas)
    assert plan.started_on == CONFERENCE_DAY
    assert plan.next_review_due == clock.due("first-rcpc", CONFERENCE_DAY).due
    assert plan.next_review_due == datetime.date(2027, 4, 8)


def test_an_early_birth_brings_the_first_review_forward(personas: Personas) -> None:
    plan = unborn_plan(personas)
    born = datetime.date(2027, 2, 1)
    with time_machine.travel(datetime.datetime(2027, 2, 3, 12, tzinfo=datetime.UTC)):
        updated = services.record_birth(
            personas.worker, plan, born_on=born, expected_version=personas.child.version
        )
    assert updated.next_review_due == clock.due("pre-birth-rcpc", born).due
    assert updated.next_review_due == datetime.date(2027, 2, 15)
    child = Person.objects.get(pk=personas.child.pk)
    assert (child.date_of_birth, child.expected_date_of_birth) == (born, None)


def test_a_late_birth_leaves_the_three_month_date(personas: Personas) -> None:
    plan = unborn_plan(personas)
    born = datetime.date(2027, 3, 30)
    # Ten working days from 30 March 2027 cross Easter and end on 13 April, after 8 April.
    assert clock.due("pre-birth-rcpc", born).due == datetime.date(2027, 4, 13)
    with time_machine.travel(datetime.datetime(2027, 3, 31, 12, tzinfo=datetime.UTC)):
        updated = services.record_birth(personas.worker, plan, born_on=born, expected_version=None)
    assert updated.next_review_due == datetime.date(2027, 4, 8)


def test_once_a_review_is_held_the_birth_does_not_move_the_next_one(personas: Personas) -> None:
    plan = unborn_plan(personas)
    with time_machine.travel(datetime.datetime(2027, 2, 3, 12, tzinfo=datetime.UTC)):
        review = services.record_conference(
            personas.chair, personas.child, kind="review", held_on=datetime.date(2027, 2, 2)
        )
        services.finalise_conference(
            personas.chair,
            review,
            voice=UNBORN_VOICE,
            parents_views="Going well.",
            decision="continue",
            category="NEG",
        )
        plan.refresh_from_db()
        services.record_birth(
            personas.worker, plan, born_on=datetime.date(2027, 2, 3), expected_version=None
        )
    plan.refresh_from_db()
    assert plan.next_review_due == clock.due("later-rcpc", datetime.date(2027, 2, 2)).due


def test_a_birth_that_cannot_be_right_is_refused_and_nothing_is_written(
    personas: Personas,
) -> None:
    plan = unborn_plan(personas)
    with time_machine.travel(datetime.datetime(2027, 2, 3, 12, tzinfo=datetime.UTC)):
        for born, words in (
            (datetime.date(2027, 1, 7), "on or after the pre-birth conference"),
            (datetime.date(2027, 2, 4), "today or in the past"),
        ):
            with pytest.raises(RuleBroken) as broken:
                services.record_birth(personas.worker, plan, born_on=born, expected_version=None)
            assert broken.value.field == "born_on"
            assert words in broken.value.message
    child = Person.objects.get(pk=personas.child.pk)
    assert child.date_of_birth is None
    plan.refresh_from_db()
    assert plan.next_review_due == datetime.date(2027, 4, 8)


def test_a_birth_is_only_recorded_on_a_pre_birth_plan(personas: Personas) -> None:
    plan = plan_through_services(personas)
    with pytest.raises(RuleBroken) as broken:
        services.record_birth(
            personas.worker, plan, born_on=datetime.date(2027, 1, 16), expected_version=None
        )
    assert broken.value.field == "born_on"
    assert plan.initial_conference.kind == Conference.Kind.INITIAL


def test_the_birth_page_and_endpoint_move_the_review_shown_on_the_plan(
    personas: Personas,
) -> None:
    plan = unborn_plan(personas)
    client = Client()
    url = f"/people/{personas.child.pk}/protection/plans/{plan.pk}/"
    with time_machine.travel(datetime.datetime(2027, 2, 3, 12, tzinfo=datetime.UTC)):
        client.force_login(personas.worker)
        page = client.get(url).content.decode()
        assert "Record the birth" in page
        assert "8 April 2027" in page
        bad = client.post(
            f"{url}birth/",
            {"born_on_day": "7", "born_on_month": "1", "born_on_year": "2027", "version": "1"},
        )
        assert bad.status_code == 400
        assert "pre-birth conference" in bad.content.decode()
        good = client.post(
            f"{url}birth/",
            {"born_on_day": "1", "born_on_month": "2", "born_on_year": "2027", "version": "1"},
        )
        assert good.status_code == 302
        page = client.get(url).content.decode()
        token = account_services.issue_token(personas.worker)
        api = Client(headers={"Authorization": f"Bearer {token}"})
        again = api.post(
            f"/api/v1/persons/{personas.child.pk}/protection/plans/{plan.pk}/birth",
            {"born_on": "2027-02-01", "person_version": 2},
            content_type="application/json",
        )
    assert "15 February 2027" in page
    assert "Record the birth" not in page
    assert again.status_code == 400
    assert again.json()["errors"] == [
        {"field": "born_on", "message": "Amy Jones's birth is already recorded"}
    ]


def test_a_pre_birth_conference_still_needs_how_the_child_took_part(personas: Personas) -> None:
    Person.objects.filter(pk=personas.child.pk).update(
        date_of_birth=None, expected_date_of_birth=datetime.date(2027, 3, 1)
    )
    personas.child.refresh_from_db()
    with time_machine.travel(datetime.datetime(2027, 1, 8, 15, tzinfo=datetime.UTC)):
        conference = services.record_conference(
            personas.chair, personas.child, kind="pre_birth", held_on=CONFERENCE_DAY
        )
        with pytest.raises(RuleBroken) as broken:
            services.finalise_conference(
                personas.chair,
                conference,
                voice=UNBORN_VOICE | {"participation": ""},
                parents_views="Mum wants support.",
                decision="plan",
                category="NEG",
                core_group_members="Sam; midwife",
            )
    assert broken.value.field == "participation"
    assert not ChildProtectionPlan.objects.exists()
    assert VOICE["participation"] == "PN6"
