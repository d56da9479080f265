"""The case record through the API: where the case stands, referrals and allocations,
allocation and closure as manager decisions, the chronology and the documents."""

import datetime
import json
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.test import Client

from casework.accounts import services as account_services
from casework.assessments.tests.factories import referral_for
from casework.oversight.models import ManagementDecision
from casework.testing.personas import Personas

NOW = datetime.datetime(2026, 3, 20, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _in_march() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def api(user: object) -> Client:
    token = account_services.issue_token(user)  # type: ignore[arg-type]
    return Client(headers={"Authorization": f"Bearer {token}"})


def send(client: Client, method: str, path: str, body: object) -> Any:
    return client.generic(method, path, data=json.dumps(body), content_type="application/json")


def test_the_summary_says_where_the_case_stands(personas: Personas) -> None:
    referral_for(personas.child, personas.team_a)
    body = api(personas.worker).get(f"/api/v1/persons/{personas.child.pk}/summary").json()
    assert body["status"] == "Open referral"
    assert body["worker"] == "sam.worker"
    assert body["manager"] == personas.manager.display_name
    assert body["due"] == [{"what": "Assessment", "on": "2026-05-07", "overdue": False}]
    assert body["last_seen"] is None


def test_a_manager_hands_the_case_over_and_closes_it_with_decisions(personas: Personas) -> None:
    episode = referral_for(personas.child, personas.team_a)
    tara = api(personas.manager)
    person = f"/api/v1/persons/{personas.child.pk}"
    handed = send(
        tara,
        "POST",
        f"{person}/allocation",
        {"worker_id": personas.colleague.pk, "rationale": "Sam is on leave for a month."},
    )
    assert handed.status_code == 201, handed.content
    assert handed.json()["worker"] == "tess.colleague"
    history = tara.get(f"{person}/allocations").json()
    assert [row["worker"] for row in history] == ["tess.colleague", "sam.worker"]
    closed = send(
        tara,
        "POST",
        f"{person}/episodes/{episode.pk}/closure",
        {"closed_on": "2026-03-20", "reason": "RC8", "rationale": "No role for social care."},
    )
    assert closed.status_code == 200, closed.content
    assert closed.json()["closure_reason"] == "RC8"
    labels = set(ManagementDecision.objects.values_list("decision", flat=True))
    assert {"allocation", "closure"} <= labels


def test_a_closure_without_a_rationale_or_with_a_bad_reason_names_the_fields(
    personas: Personas,
) -> None:
    episode = referral_for(personas.child, personas.team_a)
    path = f"/api/v1/persons/{personas.child.pk}/episodes/{episode.pk}/closure"
    response = send(api(personas.manager), "POST", path, {"closed_on": "2026-03-19", "reason": "X"})
    assert response.status_code == 400
    fields = {error["field"] for error in response.json()["errors"]}
    assert fields == {"reason", "rationale"}
    episode.refresh_from_db()
    assert episode.status == "open"


def test_a_worker_cannot_allocate(personas: Personas) -> None:
    path = f"/api/v1/persons/{personas.child.pk}/allocation"
    body = {"worker_id": personas.colleague.pk, "rationale": "Swap"}
    assert send(api(personas.worker), "POST", path, body).status_code == 403


def test_a_significant_event_joins_the_chronology(personas: Personas) -> None:
    client = api(personas.worker)
    path = f"/api/v1/persons/{personas.child.pk}/chronology"
    event = {"occurred_on": "2026-03-02", "title": "Moved school", "analysis": "Settled well."}
    assert send(client, "POST", path, event).status_code == 201
    entries = client.get(path).json()
    assert entries[0]["title"] == "Moved school"
    assert entries[0]["analysis"] == "Settled well."
    assert client.get(f"/api/v1/persons/{personas.child.pk}/documents").json() == []
