"""Every link to a fix opens a page that has the field it points at."""

import pytest
from django.test import Client

from casework.returns.cin.records import (
    Assessment,
    Child,
    ChildProtectionPlan,
    CINDetails,
    CINPlan,
    Header,
    Source,
)
from casework.returns.cin.validation import Failure
from casework.returns.links import ASSESSMENT_FIELDS, PERSON_FIELDS, fix_link
from casework.returns.tests import builders as b
from casework.returns.tests.builders import D
from casework.testing.personas import Personas

pytestmark = pytest.mark.django_db


def failure(child: Child, record: object, *fields: str) -> Failure:
    return Failure("0000", "A rule", False, child, record, fields)


def opened(user: object, url: str) -> str:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    path, _, anchor = url.partition("#")
    response = client.get(path)
    assert response.status_code == 200, path
    page = response.content.decode()
    assert not anchor or f'id="{anchor}"' in page, f"{anchor} not on {path}"
    return page


def child_of(personas: Personas) -> Child:
    return Child(
        LAchildID=personas.child.la_id, source=Source("people.Person", str(personas.child.pk))
    )


@pytest.mark.parametrize("element", sorted(PERSON_FIELDS))
def test_a_childs_details_link_to_their_field(personas: Personas, element: str) -> None:
    child = child_of(personas)

    link = fix_link(failure(child, child, element))

    assert link.url is not None
    assert link.url.startswith(f"/people/{personas.child.pk}/details/#")
    opened(personas.worker, link.url)


@pytest.mark.parametrize("element", sorted(ASSESSMENT_FIELDS))
def test_an_assessment_links_to_its_form(personas: Personas, element: str) -> None:
    episode = b.referral(personas.child, D(2026, 5, 4), team=personas.team_a)
    assessment = b.assessment(episode, D(2026, 5, 5))
    record = Assessment(source=Source("assessments.Assessment", assessment.pk.hex))

    link = fix_link(failure(child_of(personas), record, element))

    assert link.url is not None
    opened(personas.worker, link.url)


def test_an_open_episodes_closure_links_to_closing_it(personas: Personas) -> None:
    episode = b.referral(personas.child, D(2026, 5, 4), team=personas.team_a)
    record = CINDetails(source=Source("cases.Episode", str(episode.pk)))

    link = fix_link(failure(child_of(personas), record, "ReasonForClosure"), open_episode=True)
    closed = fix_link(failure(child_of(personas), record, "ReasonForClosure"), open_episode=False)

    assert link.url == f"/people/{personas.child.pk}/episodes/{episode.pk}/close/#id_reason_0"
    opened(personas.manager, link.url)
    assert closed.url == f"/people/{personas.child.pk}/"


def test_a_protection_plans_end_links_to_ending_it(personas: Personas) -> None:
    b.referral(personas.child, D(2026, 5, 4), team=personas.team_a)
    plan = b.cp_plan(personas.child, D(2026, 5, 20))
    record = ChildProtectionPlan(source=Source("protection.ChildProtectionPlan", str(plan.pk)))

    link = fix_link(failure(child_of(personas), record, "CPPendDate"))

    assert link.url is not None
    assert link.url.endswith("/end/#id_ended_on_0")
    opened(personas.worker, link.url)


def test_a_record_with_no_form_for_the_field_links_to_its_page(personas: Personas) -> None:
    episode = b.referral(personas.child, D(2026, 5, 4), team=personas.team_a)
    plan = b.cin_plan(episode, D(2026, 6, 1))
    record = CINPlan(source=Source("plans.CINPlan", str(plan.pk)))

    link = fix_link(failure(child_of(personas), record, "CINPlanStartDate"))

    assert link.url == f"/people/{personas.child.pk}/plans/{plan.pk}/"
    assert link.text == "Child in need plan: plan start date"
    opened(personas.worker, link.url)


def test_a_failure_of_the_census_as_a_whole_has_no_link() -> None:
    link = fix_link(Failure("100", "Reference Date is incorrect", False, None, Header(), ()))

    assert link.url is None
    assert link.record == "The census as a whole"
