"""The meetings API: the same services and access as the pages."""

import datetime
import json
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.test import Client

from casework.accounts import services as account_services
from casework.meetings.models import Meeting
from casework.meetings.tests.factories import MeetingFactory
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


def test_a_meeting_is_recorded_written_up_and_finalised_through_the_api(
    personas: Personas,
) -> None:
    client = api(personas.worker)
    base = f"/api/v1/persons/{personas.child.pk}/meetings"
    made = send(
        client,
        "POST",
        base,
        {
            "kind": "professionals",
            "held_on": "2026-03-16",
            "starts_at": "14:00",
            "purpose": "Share what school and health have seen.",
        },
    )
    assert made.status_code == 201, made.content
    meeting = made.json()
    url = f"{base}/{meeting['id']}"
    attendee = send(
        client, "POST", f"{url}/attendees", {"name": "Ms Patel", "group": "agency"}
    ).json()
    assert attendee["attended"] is None
    came = send(client, "PATCH", f"{url}/attendees/{attendee['id']}", {"attended": True})
    assert came.status_code == 200
    assert came.json()["attended"] is True
    decided = send(client, "POST", f"{url}/decisions", {"decision": "Refer to CAMHS."})
    assert decided.status_code == 201
    action = {"what": "Refer", "owner_name": "GP", "owner_type": "agency", "due_on": "2026-03-30"}
    assert send(client, "POST", f"{url}/actions", action).status_code == 201
    version = client.get(url).json()["version"]
    refused = send(client, "POST", f"{url}/finalise", {"version": version})
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["field"] == "child_seen"
    written = send(
        client,
        "PATCH",
        f"{url}",
        {
            "version": version,
            "minutes": "School and health agree Amy is anxious.",
            "child_seen": False,
            "views_not_gathered_reason": "Amy was at school; Sam sees her on Friday.",
        },
    )
    assert written.status_code == 200, written.content
    finalised = send(client, "POST", f"{url}/finalise", {"version": written.json()["version"]})
    assert finalised.status_code == 200, finalised.content
    body = finalised.json()
    assert body["status"] == "finalised"
    assert body["finalised_by"] == "sam.worker"
    assert [d["decision"] for d in body["decisions"]] == ["Refer to CAMHS."]


def test_an_api_edit_from_an_old_version_is_a_conflict(personas: Personas) -> None:
    meeting = MeetingFactory(person=personas.child, created_by=personas.worker, version=3)
    path = f"/api/v1/persons/{personas.child.pk}/meetings/{meeting.pk}"
    response = send(api(personas.worker), "PATCH", path, {"version": 2, "minutes": "Hello"})
    assert response.status_code == 409
    assert response.json()["current_version"] == 3


def test_bad_input_is_a_400_that_lists_each_field(personas: Personas) -> None:
    path = f"/api/v1/persons/{personas.child.pk}/meetings"
    response = send(api(personas.worker), "POST", path, {"kind": "party", "starts_at": "soon"})
    assert response.status_code == 400
    fields = {error["field"] for error in response.json()["errors"]}
    assert {"kind", "held_on", "starts_at", "purpose"} <= fields
    assert not Meeting.objects.exists()


def test_another_team_gets_404_and_read_only_roles_403(personas: Personas) -> None:
    meeting = MeetingFactory(person=personas.child, created_by=personas.worker)
    path = f"/api/v1/persons/{personas.child.pk}/meetings/{meeting.pk}"
    assert api(personas.other_team).get(path).status_code == 404
    assert api(personas.analyst).get(path).status_code == 200
    refused = send(api(personas.analyst), "PATCH", path, {"version": 1, "minutes": "x"})
    assert refused.status_code == 403
