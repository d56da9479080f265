import json
from typing import Any

from django.core.management import call_command
from django.test import Client

from casework.accounts import services as account_services
from casework.cases.models import CaseNote
from casework.testing.factories import CaseNoteFactory
from casework.testing.personas import Personas


def api(user: object) -> Client:
    token = account_services.issue_token(user)  # type: ignore[arg-type]
    return Client(headers={"Authorization": f"Bearer {token}"})


def post_json(client: Client, path: str, body: object, method: str = "POST") -> Any:
    return client.generic(method, path, json.dumps(body), content_type="application/json")


def test_a_token_identifies_its_user(personas: Personas) -> None:
    response = api(personas.worker).get("/api/v1/me")
    assert response.json() == {
        "username": "sam.worker",
        "name": personas.worker.display_name,
        "role": "social_worker",
        "team": "Team A",
    }


def test_a_wrong_token_is_401_with_a_hint(db: None) -> None:
    response = Client(headers={"Authorization": "Bearer nonsense"}).get("/api/v1/me")
    assert response.status_code == 401
    assert "casework token" in response.json()["detail"]


def test_a_social_worker_lists_only_their_teams_children(personas: Personas) -> None:
    ids = {row["id"] for row in api(personas.other_team).get("/api/v1/persons").json()}
    assert str(personas.child.pk) not in ids
    ids = {row["id"] for row in api(personas.colleague).get("/api/v1/persons").json()}
    assert ids == {str(personas.child.pk)}


def test_bad_input_lists_each_field_and_writes_nothing(personas: Personas) -> None:
    response = post_json(
        api(personas.worker),
        f"/api/v1/persons/{personas.child.pk}/notes",
        {"kind": "gossip", "occurred_on": "2026-02-30", "subject": ""},
    )
    assert response.status_code == 400
    fields = {error["field"] for error in response.json()["errors"]}
    assert {"kind", "occurred_on", "subject", "body"} <= fields
    assert not CaseNote.objects.exists()


def test_a_future_date_is_refused_by_name(personas: Personas) -> None:
    response = post_json(
        api(personas.worker),
        f"/api/v1/persons/{personas.child.pk}/notes",
        {"kind": "visit", "occurred_on": "2099-01-01", "subject": "S", "body": "B"},
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "occurred_on"


def test_a_note_added_through_the_api_reads_back(personas: Personas) -> None:
    client = api(personas.worker)
    created = post_json(
        client,
        f"/api/v1/persons/{personas.child.pk}/notes",
        {"kind": "phone_call", "occurred_on": "2026-03-02", "subject": "Call", "body": "Fine"},
    )
    assert created.status_code == 201
    note_id = created.json()["id"]
    read = client.get(f"/api/v1/persons/{personas.child.pk}/notes/{note_id}")
    assert read.json()["subject"] == "Call"
    assert read.json()["author"] == "sam.worker"


def test_a_stale_version_is_409_and_changes_nothing(personas: Personas) -> None:
    note = CaseNoteFactory(person=personas.child, author=personas.worker, subject="Visit")
    path = f"/api/v1/persons/{personas.child.pk}/notes/{note.pk}"
    ok = post_json(api(personas.colleague), path, {"version": 1, "subject": "First"}, "PATCH")
    assert ok.status_code == 200
    assert ok.json()["version"] == 2
    stale = post_json(api(personas.worker), path, {"version": 1, "subject": "Second"}, "PATCH")
    assert stale.status_code == 409
    assert stale.json()["current_version"] == 2
    note.refresh_from_db()
    assert note.subject == "First"


def test_unknown_ids_are_404_and_wrong_methods_405(personas: Personas) -> None:
    client = api(personas.worker)
    assert client.get("/api/v1/persons/00000000-0000-0000-0000-000000000000").status_code == 404
    assert client.get("/api/v1/persons/not-a-uuid").status_code in {400, 404}
    assert client.delete(f"/api/v1/persons/{personas.child.pk}").status_code == 405


def test_the_clock_endpoint_gives_the_statutory_dates(personas: Personas) -> None:
    call_command("holidays", "--from", "2026", "--to", "2027", verbosity=0)
    response = api(personas.chair).get("/api/v1/clock/icpc?start=2026-12-23")
    assert response.json()["due"] == "2027-01-18"
    assert response.json()["target"] == "2027-01-15"
    assert api(personas.chair).get("/api/v1/clock/nonsense?start=2026-12-23").status_code == 404


def test_the_openapi_schema_describes_the_endpoints(db: None) -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    assert "/api/v1/persons/{person_id}/notes" in schema["paths"]
    assert "BearerToken" in json.dumps(schema["components"]["securitySchemes"])
