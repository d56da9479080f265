"""The rules of an assessment, each refused with a message naming its field and nothing
written, through the pages and the API."""

from collections.abc import Iterator

import pytest
import time_machine

from casework.assessments.models import Assessment
from casework.assessments.tests.factories import referral_for
from casework.assessments.tests.helpers import (
    AFTER_TARGET,
    COMPLETE,
    IN_MARCH,
    api,
    complete_form,
    send_json,
    signed_in,
    the_assessment,
)
from casework.testing.personas import Personas


@pytest.fixture(autouse=True)
def _in_march() -> Iterator[None]:
    with time_machine.travel(IN_MARCH, tick=False):
        yield


def start_form(day: str, month: str = "3") -> dict[str, str]:
    return {"started_on_day": day, "started_on_month": month, "started_on_year": "2026"}


def test_a_worker_starts_the_assessment_with_the_referrals_clock_dates(
    personas: Personas,
) -> None:
    episode = referral_for(personas.child, personas.team_a)
    response = signed_in(personas.worker).post(
        f"/people/{personas.child.pk}/assessments/new/", start_form("3")
    )
    assert response.status_code == 302
    assessment = Assessment.objects.get()
    assert response["Location"] == f"/assessments/{assessment.pk}/edit/"
    assert assessment.status == "draft"
    assert (assessment.due_on, assessment.target_on) == (
        episode.assessment_due,
        episode.assessment_target,
    )


def test_an_assessment_cannot_start_before_the_referral(personas: Personas) -> None:
    referral_for(personas.child, personas.team_a)
    response = signed_in(personas.worker).post(
        f"/people/{personas.child.pk}/assessments/new/", start_form("27", "2")
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "must start on or after the referral date, 2 March 2026" in page
    assert 'href="#id_started_on_0"' in page
    assert not Assessment.objects.exists()


def test_a_referral_has_one_open_assessment_at_a_time(personas: Personas) -> None:
    the_assessment(personas)
    response = send_json(
        api(personas.worker),
        "POST",
        f"/api/v1/persons/{personas.child.pk}/assessments",
        {"started_on": "2026-03-03"},
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "episode", "message": "An assessment is already open for this referral"}
    ]
    assert Assessment.objects.count() == 1


def test_no_factors_must_be_chosen_alone(personas: Personas) -> None:
    assessment = the_assessment(personas)
    response = signed_in(personas.worker).post(
        f"/assessments/{assessment.pk}/edit/", complete_form(factors=["21", "16A"])
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "not both" in page
    assert 'href="#id_factors_0"' in page
    assessment.refresh_from_db()
    assert assessment.version == 1
    assert assessment.factors == []


def test_a_factor_is_not_chosen_twice(personas: Personas) -> None:
    assessment = the_assessment(personas)
    response = send_json(
        api(personas.worker),
        "PATCH",
        f"/api/v1/assessments/{assessment.pk}",
        {"version": 1, "factors": ["16A", "16A"]},
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [{"field": "factors", "message": "Select each factor once"}]
    assessment.refresh_from_db()
    assert assessment.factors == []


def test_codes_the_census_no_longer_takes_are_refused(personas: Personas) -> None:
    assessment = the_assessment(personas)
    for code in ("18A", "19A", "25A"):
        response = send_json(
            api(personas.worker),
            "PATCH",
            f"/api/v1/assessments/{assessment.pk}",
            {"version": 1, "factors": [code]},
        )
        assert response.status_code == 400
        assert response.json()["errors"][0]["field"].startswith("factors")
    assessment.refresh_from_db()
    assert assessment.version == 1


def test_a_child_not_seen_alone_needs_the_reason(personas: Personas) -> None:
    assessment = the_assessment(personas)
    response = signed_in(personas.worker).post(
        f"/assessments/{assessment.pk}/edit/", complete_form(seen_alone="no")
    )
    assert response.status_code == 400
    assert 'href="#id_not_seen_alone_reason"' in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.version == 1


def test_the_edit_form_saves_every_field(personas: Personas) -> None:
    assessment = the_assessment(personas)
    response = signed_in(personas.worker).post(
        f"/assessments/{assessment.pk}/edit/", complete_form()
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.version == 2
    assert assessment.factors == ["4B", "16A"]
    assert assessment.child_seen is True
    assert assessment.views == "I like it when Nan picks me up."
    assert assessment.updated_by == personas.worker


def test_submitting_an_empty_assessment_names_each_domain(personas: Personas) -> None:
    assessment = the_assessment(personas)
    client = signed_in(personas.worker)
    page = client.get(f"/assessments/{assessment.pk}/submit/").content.decode()
    for message in (
        "Enter the child&#x27;s developmental needs",
        "Enter what you found about parenting capacity",
        "Enter the family and environmental factors",
        "Say whether the child was seen",
        "Select the factors identified",
        "Select the outcome you propose",
    ):
        assert message in page
    assert f'href="/assessments/{assessment.pk}/edit/#id_parenting_capacity"' in page
    response = client.post(f"/assessments/{assessment.pk}/submit/", {"version": "1"})
    assert response.status_code == 400
    assessment.refresh_from_db()
    assert assessment.status == "draft"


def test_an_assessment_cannot_be_submitted_without_the_childs_views(
    personas: Personas,
) -> None:
    assessment = the_assessment(personas, **(COMPLETE | {"views": ""}))
    response = send_json(
        api(personas.worker),
        "POST",
        f"/api/v1/assessments/{assessment.pk}/submit",
        {"version": 1},
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "views"
    assessment.refresh_from_db()
    assert assessment.status == "draft"
    page = signed_in(personas.worker).get(f"/assessments/{assessment.pk}/submit/")
    assert "Record the child&#x27;s views in their own words" in page.content.decode()


def test_why_the_views_could_not_be_gathered_is_enough_to_submit(personas: Personas) -> None:
    assessment = the_assessment(
        personas,
        **(COMPLETE | {"views": "", "views_not_gathered_reason": "Amy is 8 months old."}),
    )
    response = send_json(
        api(personas.worker),
        "POST",
        f"/api/v1/assessments/{assessment.pk}/submit",
        {"version": 1},
    )
    assert response.status_code == 200
    assert response.json()["status"] == "submitted"


def test_a_late_assessment_needs_the_reason_it_took_longer(personas: Personas) -> None:
    assessment = the_assessment(personas, **COMPLETE)
    url = f"/assessments/{assessment.pk}/submit/"
    with time_machine.travel(AFTER_TARGET, tick=False):
        client = signed_in(personas.worker)
        response = client.post(url, {"version": "1"})
        assert response.status_code == 400
        assert "past its target date of 7 May 2026" in response.content.decode()
        assessment.refresh_from_db()
        assert assessment.status == "draft"
        detail = client.get(f"/assessments/{assessment.pk}/").content.decode()
        assert "govuk-tag--red" in detail
        client.post(
            f"/assessments/{assessment.pk}/edit/",
            complete_form(late_reason="Mum was in hospital for three weeks."),
        )
        assert client.post(url, {"version": "2"}).status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == "submitted"
    assert assessment.late_reason == "Mum was in hospital for three weeks."


def test_a_submitted_assessment_cannot_be_changed(personas: Personas) -> None:
    assessment = the_assessment(personas, **COMPLETE, status="submitted")
    response = send_json(
        api(personas.worker),
        "PATCH",
        f"/api/v1/assessments/{assessment.pk}",
        {"version": 1, "strengths": "Changed after submission"},
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "status"
    page = signed_in(personas.worker).get(f"/assessments/{assessment.pk}/edit/")
    assert page.status_code == 302
    assessment.refresh_from_db()
    assert assessment.strengths == ""


def test_a_child_without_an_open_referral_has_no_assessment_to_start(
    personas: Personas,
) -> None:
    url = f"/people/{personas.child.pk}/assessments/new/"
    client = signed_in(personas.worker)
    assert client.get(url)["Location"] == f"/people/{personas.child.pk}/"
    response = client.post(url, start_form("3"))
    assert response.status_code == 400
    assert "There is no open referral for this child to assess" in response.content.decode()
    assert not Assessment.objects.exists()
