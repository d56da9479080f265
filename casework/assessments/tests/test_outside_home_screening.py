"""The assessment screens for risks outside the home, as a strategy discussion does: the worker
ticks what applies, it is kept through drafts and sign-off, shown on the assessment, and read and
written through the API."""

from collections.abc import Iterator

import pytest
import time_machine
from django.test import Client

from casework.assessments import services
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
from casework.cases.outside_home import OUTSIDE_HOME_FIELDS
from casework.common.errors import RuleBroken
from casework.common.models import Draft
from casework.testing.personas import Personas


@pytest.fixture(autouse=True)
def _in_march() -> Iterator[None]:
    with time_machine.travel(IN_MARCH, tick=False):
        yield


def _checked(page: str, value: str) -> bool:
    return f'name="outside_home" type="checkbox" value="{value}" checked' in page


def test_a_ticked_risk_is_kept_through_submission_and_authorisation(
    personas: Personas,
) -> None:
    assessment = the_assessment(personas)
    url = f"/assessments/{assessment.pk}"
    sam, tara = signed_in(personas.worker), signed_in(personas.manager)
    form = sam.get(f"{url}/edit/").content.decode()
    assert "Risks outside the home" in form
    assert "none is a valid answer" in form

    saved = sam.post(f"{url}/edit/", complete_form(outside_home=["criminal_exploitation"]))
    assert saved.status_code == 302
    assessment.refresh_from_db()
    assert assessment.criminal_exploitation
    assert not assessment.going_missing
    assert _checked(sam.get(f"{url}/edit/").content.decode(), "criminal_exploitation")

    assert sam.post(f"{url}/submit/", {"version": str(assessment.version)}).status_code == 302
    authorised = tara.post(
        f"{url}/review/",
        {
            "decision": "authorise",
            "outcome": "cin_plan",
            "primary_need": "N4",
            "rationale": "Needs will not be met without services.",
            "risks_identified": "Older boys pay her to carry parcels.",
        },
    )
    assert authorised.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == "authorised"
    assert assessment.outside_home_risks == ["Criminal exploitation"]
    page = sam.get(f"{url}/").content.decode()
    assert "Risks outside the home" in page
    assert "Criminal exploitation" in page


def test_saving_with_nothing_ticked_records_that_none_apply(personas: Personas) -> None:
    assessment = the_assessment(personas, going_missing=True)
    url = f"/assessments/{assessment.pk}"
    client = signed_in(personas.worker)
    assert _checked(client.get(f"{url}/edit/").content.decode(), "going_missing")
    assert client.post(f"{url}/edit/", complete_form()).status_code == 302
    assessment.refresh_from_db()
    assert assessment.outside_home == []
    assert "None identified" in client.get(f"{url}/").content.decode()


def test_a_ticked_risk_survives_in_the_autosaved_draft(personas: Personas) -> None:
    assessment = the_assessment(personas)
    url = f"/assessments/{assessment.pk}/edit/"
    client = signed_in(personas.worker)
    autosaved = client.post(
        url,
        {"outside_home": ["sexual_exploitation", "online_harm"], "version": "1"},
        headers={"X-Casework-Autosave": "1"},
    )
    assert autosaved.status_code == 200
    page = client.get(url).content.decode()
    assert "We restored the draft" in page
    assert _checked(page, "sexual_exploitation")
    assert _checked(page, "online_harm")
    assessment.refresh_from_db()
    assert assessment.outside_home == []  # a draft is not a save
    saved = client.post(url, complete_form(outside_home=["sexual_exploitation", "online_harm"]))
    assert saved.status_code == 302
    assessment.refresh_from_db()
    assert assessment.outside_home == ["sexual_exploitation", "online_harm"]
    assert not Draft.objects.exists()


def test_an_unknown_risk_on_the_form_names_the_field_and_writes_nothing(
    personas: Personas,
) -> None:
    assessment = the_assessment(personas)
    url = f"/assessments/{assessment.pk}/edit/"
    response = signed_in(personas.worker).post(
        url, complete_form(outside_home=["criminal_exploitation", "astrology"])
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'href="#id_outside_home' in page  # the error summary links to the question
    assert "Select only the risks listed" in page
    assessment.refresh_from_db()
    assert assessment.version == 1
    assert not assessment.criminal_exploitation
    assert assessment.developmental_needs == ""


def test_the_service_refuses_an_unknown_risk_by_field(personas: Personas) -> None:
    assessment = the_assessment(personas)
    with pytest.raises(RuleBroken) as refused:
        services.update_assessment(
            personas.worker, assessment, 1, outside_home=["going_missing", "bad_luck"]
        )
    assert refused.value.field == "outside_home"
    assessment.refresh_from_db()
    assert (assessment.version, assessment.going_missing) == (1, False)


def test_a_change_to_the_screening_is_audited(personas: Personas) -> None:
    assessment = the_assessment(personas)
    services.update_assessment(
        personas.worker, assessment, 1, outside_home=["serious_youth_violence"]
    )
    event = AuditEvent.objects.get(object_id=str(assessment.pk), summary="Changed the assessment")
    assert event.after == {"serious_youth_violence": True}
    assert event.before == {"serious_youth_violence": False}


def test_an_old_version_cannot_overwrite_the_screening(personas: Personas) -> None:
    assessment = the_assessment(personas)
    services.update_assessment(personas.worker, assessment, 1, outside_home=["going_missing"])
    response = signed_in(personas.colleague).post(
        f"/assessments/{assessment.pk}/edit/", complete_form(outside_home=[])
    )
    assert response.status_code == 409
    assessment.refresh_from_db()
    assert assessment.going_missing


def test_the_api_returns_and_accepts_the_screening(personas: Personas) -> None:
    assessment = the_assessment(personas, **COMPLETE)
    sam = api(personas.worker)
    url = f"/api/v1/assessments/{assessment.pk}"
    assert sam.get(url).json()["outside_home"] == []
    changed = send_json(
        sam, "PATCH", url, {"version": 1, "outside_home": ["online_harm", "going_missing"]}
    )
    assert changed.status_code == 200
    # Returned in the form's order, whatever order they were sent in.
    assert changed.json()["outside_home"] == ["going_missing", "online_harm"]
    assessment.refresh_from_db()
    assert (assessment.going_missing, assessment.online_harm) == (True, True)
    # Leaving it out of a change keeps it; an empty list says none apply.
    kept = send_json(sam, "PATCH", url, {"version": 2, "strengths": "Loves football."})
    assert kept.json()["outside_home"] == ["going_missing", "online_harm"]
    cleared = send_json(sam, "PATCH", url, {"version": 3, "outside_home": []})
    assert cleared.json()["outside_home"] == []


def test_an_unknown_risk_through_the_api_names_the_field_and_writes_nothing(
    personas: Personas,
) -> None:
    assessment = the_assessment(personas)
    response = send_json(
        api(personas.worker),
        "PATCH",
        f"/api/v1/assessments/{assessment.pk}",
        {"version": 1, "outside_home": ["criminal_exploitation", "astrology"]},
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"].startswith("outside_home")
    assessment.refresh_from_db()
    assert assessment.version == 1
    assert not assessment.criminal_exploitation


def test_the_openapi_schema_lists_the_risks_a_change_may_give(db: None) -> None:
    schemas = Client().get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert schemas["OutsideHomeRisk"]["enum"] == list(OUTSIDE_HOME_FIELDS)
