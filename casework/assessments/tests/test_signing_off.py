"""A manager returns an assessment with comments, then authorises it: each a management
decision on the child's record, and no authorisation without one."""

from collections.abc import Iterator

import pytest
import time_machine
from django.db import IntegrityError, transaction

from casework.assessments.models import Assessment
from casework.assessments.tests.helpers import (
    COMPLETE,
    IN_MARCH,
    api,
    complete_form,
    send_json,
    signed_in,
    the_assessment,
)
from casework.audit.models import AuditEvent
from casework.common.errors import RuleBroken
from casework.oversight.models import ManagementDecision
from casework.testing.personas import Personas


@pytest.fixture(autouse=True)
def _in_march() -> Iterator[None]:
    with time_machine.travel(IN_MARCH, tick=False):
        yield


def authorise_form(**overrides: str) -> dict[str, str]:
    data = {
        "decision": "authorise",
        "outcome": "cin_plan",
        "primary_need": "N4",
        "rationale": "Needs will not be met without services.",
        "risks_identified": "Neglect if mum's mood worsens.",
        "next_steps": "First CIN meeting within 10 working days.",
    }
    data.update(overrides)
    return data


def test_the_manager_returns_it_once_then_authorises_a_cin_plan(personas: Personas) -> None:
    assessment = the_assessment(personas, **COMPLETE)
    sam, tara = signed_in(personas.worker), signed_in(personas.manager)
    url = f"/assessments/{assessment.pk}"
    assert sam.post(f"{url}/submit/", {"version": "1"}).status_code == 302

    returned = tara.post(
        f"{url}/review/",
        {"decision": "return", "rationale": "Say more about dad's part in Amy's life."},
    )
    assert returned.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == "returned"
    assert assessment.manager_comments == "Say more about dad's part in Amy's life."
    page = sam.get(f"{url}/edit/").content.decode()
    assert "Say more about dad&#x27;s part" in page  # the worker reads the comments

    version = str(assessment.version)
    edited = sam.post(
        f"{url}/edit/",
        complete_form(version=version, analysis="Dad has not been in touch for two years."),
    )
    assert edited.status_code == 302
    assessment.refresh_from_db()
    assert sam.post(f"{url}/submit/", {"version": str(assessment.version)}).status_code == 302

    authorised = tara.post(f"{url}/review/", authorise_form())
    assert authorised.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == "authorised"
    assert assessment.outcome == "cin_plan"
    assert assessment.authorised_by == personas.manager
    decisions = {
        d.decision: d for d in ManagementDecision.objects.filter(object_id=str(assessment.pk))
    }
    assert set(decisions) == {"returned", "authorised"}
    assert decisions["returned"].rationale == "Say more about dad's part in Amy's life."
    assert decisions["returned"].decided_by == personas.manager
    assert assessment.authorisation == decisions["authorised"]
    assert assessment.authorised_at == decisions["authorised"].decided_at
    detail = sam.get(f"{url}/").content.decode()
    assert "Assessment authorised: Child in need plan" in detail
    assert "Assessment returned to the worker" in detail


def test_the_worker_cannot_authorise_their_own_assessment(personas: Personas) -> None:
    assessment = the_assessment(personas, **COMPLETE, status="submitted")
    assert (
        signed_in(personas.worker).get(f"/assessments/{assessment.pk}/review/").status_code == 403
    )
    response = send_json(
        api(personas.colleague),
        "POST",
        f"/api/v1/assessments/{assessment.pk}/authorise",
        {"outcome": "nfa", "rationale": "Fine.", "risks_identified": "None."},
    )
    assert response.status_code == 403
    assessment.refresh_from_db()
    assert assessment.status == "submitted"
    assert not ManagementDecision.objects.exists()


def test_authorising_needs_an_outcome_and_the_risks(personas: Personas) -> None:
    assessment = the_assessment(personas, **COMPLETE, status="submitted")
    tara = signed_in(personas.manager)
    response = tara.post(
        f"/assessments/{assessment.pk}/review/", authorise_form(outcome="", risks_identified="")
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'href="#id_outcome"' in page
    assert 'href="#id_risks_identified"' in page
    assessment.refresh_from_db()
    assert assessment.status == "submitted"
    assert not ManagementDecision.objects.exists()


def test_returning_needs_comments(personas: Personas) -> None:
    assessment = the_assessment(personas, **COMPLETE, status="submitted")
    response = send_json(
        api(personas.manager),
        "POST",
        f"/api/v1/assessments/{assessment.pk}/return",
        {"comments": "   "},
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "comments"
    assert not ManagementDecision.objects.exists()


def test_only_a_submitted_assessment_is_authorised(personas: Personas) -> None:
    assessment = the_assessment(personas, **COMPLETE)
    response = send_json(
        api(personas.manager),
        "POST",
        f"/api/v1/assessments/{assessment.pk}/authorise",
        {
            "outcome": "cin_plan",
            "rationale": "Plan.",
            "risks_identified": "Neglect.",
            "primary_need": "N1",
        },
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "status"
    assert not ManagementDecision.objects.exists()


def test_the_database_refuses_an_authorisation_without_a_decision(personas: Personas) -> None:
    assessment = the_assessment(personas, **COMPLETE, status="submitted")
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.filter(pk=assessment.pk).update(status="authorised")


def test_every_step_is_audited_against_the_child(personas: Personas) -> None:
    assessment = the_assessment(personas, **COMPLETE)
    send_json(
        api(personas.worker),
        "POST",
        f"/api/v1/assessments/{assessment.pk}/submit",
        {"version": 1},
    )
    send_json(
        api(personas.manager),
        "POST",
        f"/api/v1/assessments/{assessment.pk}/authorise",
        {"outcome": "nfa", "rationale": "Universal services.", "risks_identified": "None."},
    )
    summaries = set(
        AuditEvent.objects.filter(person_id=personas.child.pk).values_list("summary", flat=True)
    )
    assert "Submitted the assessment for authorisation" in summaries
    assert "Authorised the assessment: No further action" in summaries
    assert "Management decision: Assessment authorised: No further action" in summaries


def test_a_child_kept_in_need_must_have_a_primary_need_and_it_reaches_the_episode(
    personas: Personas,
) -> None:
    from casework.assessments import services

    assessment = the_assessment(personas, **COMPLETE)
    assessment = services.submit_assessment(personas.worker, assessment, assessment.version)
    with pytest.raises(RuleBroken) as broken:
        services.authorise_assessment(
            personas.manager, assessment, outcome="cin_plan", rationale="r", risks_identified="x"
        )
    assert broken.value.field == "primary_need"
    services.authorise_assessment(
        personas.manager,
        assessment,
        outcome="cin_plan",
        rationale="r",
        risks_identified="x",
        primary_need="N4",
    )
    assessment.episode.refresh_from_db()
    assert assessment.episode.primary_need == "N4"
