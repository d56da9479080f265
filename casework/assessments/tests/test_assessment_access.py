"""Who reaches an assessment, and the assessment page's fixed number of queries."""

from collections.abc import Iterator

import pytest
import time_machine
from django.test import Client

from casework.assessments.tests.factories import referral_for
from casework.assessments.tests.helpers import (
    COMPLETE,
    IN_MARCH,
    api,
    send_json,
    signed_in,
    the_assessment,
)
from casework.audit.models import AuditEvent
from casework.oversight import services as oversight
from casework.testing.personas import Personas


@pytest.fixture(autouse=True)
def _in_march() -> Iterator[None]:
    with time_machine.travel(IN_MARCH, tick=False):
        yield


def test_another_team_gets_not_found_for_every_page_and_api_call(personas: Personas) -> None:
    assessment = the_assessment(personas, **COMPLETE, status="submitted")
    child, pk = personas.child.pk, assessment.pk
    pages = signed_in(personas.other_team)
    for path in (
        f"/people/{child}/assessments/new/",
        f"/assessments/{pk}/",
        f"/assessments/{pk}/edit/",
        f"/assessments/{pk}/submit/",
        f"/assessments/{pk}/review/",
    ):
        assert pages.get(path).status_code == 404, path
    for path in (
        f"/people/{child}/assessments/new/",
        f"/assessments/{pk}/edit/",
        f"/assessments/{pk}/submit/",
        f"/assessments/{pk}/review/",
    ):
        assert pages.post(path, {"version": "1"}).status_code == 404, path
    client = api(personas.other_team)
    calls = (
        ("GET", f"/api/v1/persons/{child}/assessments", None),
        ("POST", f"/api/v1/persons/{child}/assessments", {"started_on": "2026-03-03"}),
        ("GET", f"/api/v1/assessments/{pk}", None),
        ("PATCH", f"/api/v1/assessments/{pk}", {"version": 1, "strengths": "x"}),
        ("POST", f"/api/v1/assessments/{pk}/submit", {"version": 1}),
        ("POST", f"/api/v1/assessments/{pk}/return", {"comments": "x"}),
        (
            "POST",
            f"/api/v1/assessments/{pk}/authorise",
            {"outcome": "nfa", "rationale": "x", "risks_identified": "x"},
        ),
    )
    for method, path, body in calls:
        if body is None:
            response = client.generic(method, path)
        else:
            response = send_json(client, method, path, body)
        assert response.status_code == 404, (method, path)
        assert response.json() == {"detail": "Not found"}
    assessment.refresh_from_db()
    assert assessment.status == "submitted"
    assert not AuditEvent.objects.filter(actor=personas.other_team, person_id=child).exists()


def test_the_front_door_and_the_chair_read_but_do_not_write(personas: Personas) -> None:
    assessment = the_assessment(personas)
    for user in (personas.frontdoor, personas.chair, personas.analyst):
        client = signed_in(user)
        assert client.get(f"/assessments/{assessment.pk}/").status_code == 200
        assert client.get(f"/assessments/{assessment.pk}/edit/").status_code == 403


def test_reading_the_assessment_is_audited(personas: Personas) -> None:
    assessment = the_assessment(personas)
    signed_in(personas.chair).get(f"/assessments/{assessment.pk}/")
    assert AuditEvent.objects.filter(
        actor=personas.chair, action="view", object_id=str(assessment.pk)
    ).exists()


def test_the_assessments_tab_links_to_start_then_to_open_the_assessment(
    personas: Personas,
) -> None:
    referral_for(personas.child, personas.team_a)
    person_url = f"/people/{personas.child.pk}/assessments/"
    page = signed_in(personas.worker).get(person_url).content.decode()
    assert f'href="/people/{personas.child.pk}/assessments/new/"' in page
    assert "Start the assessment" in page
    chair_page = signed_in(personas.chair).get(person_url).content.decode()
    assert "Start the assessment" not in chair_page
    assessment = the_assessment(personas)
    page = signed_in(personas.worker).get(person_url).content.decode()
    assert f'href="/assessments/{assessment.pk}/">Open the assessment' in page
    assert "Start the assessment" not in page


def test_the_assessment_page_takes_the_same_queries_with_one_decision_or_six(
    personas: Personas, django_assert_max_num_queries: object
) -> None:
    assessment = the_assessment(personas, **COMPLETE, status="submitted")
    client: Client = signed_in(personas.worker)
    url = f"/assessments/{assessment.pk}/"

    def decide(times: int) -> None:
        for turn in range(times):
            oversight.record_decision(
                personas.manager,
                personas.child,
                assessment,
                decision="returned",
                decision_label="Assessment returned to the worker",
                rationale=f"Comments, round {turn}.",
            )

    decide(1)
    with django_assert_max_num_queries(20) as few:  # type: ignore[operator]
        client.get(url)
    decide(5)
    with django_assert_max_num_queries(len(few.captured_queries)):  # type: ignore[operator]
        response = client.get(url)
    assert response.content.decode().count("Comments, round") == 6
