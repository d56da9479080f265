"""The assessment through the JSON API: the same services and access rules as the pages."""

from collections.abc import Iterator

import pytest
import time_machine

from casework.assessments.models import Assessment
from casework.assessments.tests.factories import referral_for
from casework.assessments.tests.helpers import IN_MARCH, api, send_json
from casework.testing.personas import Personas


@pytest.fixture(autouse=True)
def _in_march() -> Iterator[None]:
    with time_machine.travel(IN_MARCH, tick=False):
        yield


def test_an_assessment_goes_from_start_to_authorisation_through_the_api(
    personas: Personas,
) -> None:
    referral_for(personas.child, personas.team_a)
    sam, tara = api(personas.worker), api(personas.manager)
    started = send_json(
        sam,
        "POST",
        f"/api/v1/persons/{personas.child.pk}/assessments",
        {"started_on": "2026-03-03"},
    )
    assert started.status_code == 201
    body = started.json()
    assert (body["status"], body["version"], body["target_on"]) == ("draft", 1, "2026-05-07")
    url = f"/api/v1/assessments/{body['id']}"
    changed = send_json(
        sam,
        "PATCH",
        url,
        {
            "version": 1,
            "developmental_needs": "Behind in reading.",
            "parenting_capacity": "Warm, low in mood.",
            "family_environment": "Damp flat.",
            "child_seen": True,
            "seen_alone": True,
            "child_seen_on": "2026-03-04",
            "views": "I like school.",
            "participation": "PN1",
            "factors": ["21"],
            "outcome": "nfa",
        },
    )
    assert changed.status_code == 200
    assert changed.json()["factors"] == ["21"]
    stale = send_json(sam, "PATCH", url, {"version": 1, "strengths": "Old version"})
    assert stale.status_code == 409
    assert stale.json()["current_version"] == 2
    assert send_json(sam, "POST", f"{url}/submit", {"version": 2}).status_code == 200
    assert (
        send_json(tara, "POST", f"{url}/return", {"comments": "More on school."}).json()["status"]
        == "returned"
    )
    assert send_json(sam, "POST", f"{url}/submit", {"version": 4}).status_code == 200
    authorised = send_json(
        tara,
        "POST",
        f"{url}/authorise",
        {
            "outcome": "cin_plan",
            "rationale": "Plan needed.",
            "risks_identified": "Neglect.",
            "primary_need": "N1",
        },
    )
    assert authorised.status_code == 200
    result = authorised.json()
    assert result["status"] == "authorised"
    assert [d["decision"] for d in result["decisions"]] in (
        ["authorised", "returned"],
        ["returned", "authorised"],
    )
    listed = sam.get(f"/api/v1/persons/{personas.child.pk}/assessments").json()
    assert [item["id"] for item in listed] == [body["id"]]


def test_bad_api_input_names_each_field_and_writes_nothing(personas: Personas) -> None:
    referral_for(personas.child, personas.team_a)
    response = send_json(
        api(personas.worker),
        "POST",
        f"/api/v1/persons/{personas.child.pk}/assessments",
        {"started_on": "soon"},
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "started_on"
    assert not Assessment.objects.exists()


def test_starting_without_an_open_referral_is_refused_by_name(personas: Personas) -> None:
    response = send_json(
        api(personas.worker),
        "POST",
        f"/api/v1/persons/{personas.child.pk}/assessments",
        {"started_on": "2026-03-03"},
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "episode"
    assert not Assessment.objects.exists()
