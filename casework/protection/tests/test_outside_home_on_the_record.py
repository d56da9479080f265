"""When an authorised assessment or a strategy discussion finds a risk outside the home, the
child's case page and protection record say so, with a way to link the place, peer group or
online space, at the same cost however many such records there are."""

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from casework.assessments import services as assessments
from casework.assessments.models import Assessment
from casework.assessments.tests.factories import AssessmentFactory, referral_for
from casework.assessments.tests.helpers import COMPLETE, IN_MARCH, signed_in, the_assessment
from casework.protection.tests.factories import discuss
from casework.testing.personas import Personas


@pytest.fixture(autouse=True)
def _in_march() -> Iterator[None]:
    with time_machine.travel(IN_MARCH, tick=False):
        yield


def authorised(personas: Personas, **screening: bool) -> Assessment:
    """A complete assessment on the child's referral, authorised by the manager; each call
    adds another (authorised assessments may share a referral)."""
    episode = referral_for(personas.child, personas.team_a)
    assessment = AssessmentFactory(
        episode=episode, created_by=personas.worker, **COMPLETE, **screening
    )
    assessments.submit_assessment(personas.worker, assessment, None)
    return assessments.authorise_assessment(
        personas.manager,
        assessment,
        outcome="cin_plan",
        rationale="Needs will not be met without services.",
        risks_identified="Older boys pay her to carry parcels.",
        primary_need="N4",
    )


def test_an_authorised_assessment_that_found_exploitation_shows_on_the_case_page(
    personas: Personas,
) -> None:
    assessment = authorised(personas, criminal_exploitation=True)
    page = signed_in(personas.worker).get(f"/people/{personas.child.pk}/").content.decode()
    assert "Risks outside the home" in page
    assert "Criminal exploitation (" in page
    assert "assessment authorised 20 March 2026" in page
    assert f'href="{assessment.get_absolute_url()}"' in page
    assert f'href="{reverse("protection:new_context", args=[personas.child.pk])}"' in page


def test_a_draft_assessment_does_not_put_its_screening_on_the_record(
    personas: Personas,
) -> None:
    the_assessment(personas, **COMPLETE, criminal_exploitation=True)
    page = signed_in(personas.worker).get(f"/people/{personas.child.pk}/").content.decode()
    assert "Criminal exploitation" not in page


def test_an_assessment_that_found_nothing_adds_no_line(personas: Personas) -> None:
    authorised(personas)
    page = signed_in(personas.worker).get(f"/people/{personas.child.pk}/").content.decode()
    assert "Risks outside the home" not in page


def test_a_strategy_discussion_that_found_a_risk_shows_on_the_protection_record(
    personas: Personas,
) -> None:
    referral_for(personas.child, personas.team_a)
    discussion = discuss(
        personas, datetime.date(2026, 3, 10), "further_assessment", outside_home=["online_harm"]
    )
    url = reverse("protection:person", args=[personas.child.pk])
    page = signed_in(personas.worker).get(url).content.decode()
    assert "Online harm (" in page
    assert "strategy discussion 10 March 2026" in page
    assert f'href="{discussion.get_absolute_url()}"' in page
    assert "Add or link a place, peer group or online space" in page


def test_someone_who_may_only_read_sees_the_risks_but_no_link(personas: Personas) -> None:
    authorised(personas, going_missing=True)
    page = signed_in(personas.chair).get(f"/people/{personas.child.pk}/").content.decode()
    assert "Going missing (" in page
    assert "Add or link a place, peer group or online space" not in page


def test_the_case_page_costs_the_same_however_many_records_found_risks(
    personas: Personas, django_assert_max_num_queries: Any
) -> None:
    client = signed_in(personas.worker)
    url = f"/people/{personas.child.pk}/"
    authorised(personas, sexual_exploitation=True)
    with django_assert_max_num_queries(40) as first:
        client.get(url)
    for times in range(3):
        # Another assessment on the same referral, authorised on a later day.
        with time_machine.travel(IN_MARCH + datetime.timedelta(days=times + 1), tick=False):
            authorised(personas, serious_youth_violence=True)
        assert Assessment.objects.filter(person=personas.child).count() == times + 2
    with django_assert_max_num_queries(len(first.captured_queries)):
        page = client.get(url).content.decode()
    assert "Serious youth violence (" in page
