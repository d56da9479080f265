"""The front door through the JSON API: the same services and access rules as the pages."""

import json
from typing import Any

from django.test import Client

from casework.accounts import services as account_services
from casework.audit.models import AuditEvent
from casework.cases.models import Episode
from casework.frontdoor.models import Contact
from casework.frontdoor.tests.factories import ServiceFactory, contact_about
from casework.oversight.models import ManagementDecision
from casework.testing.factories import PersonFactory
from casework.testing.personas import Personas


def api(user: object) -> Client:
    token = account_services.issue_token(user)  # type: ignore[arg-type]
    return Client(headers={"Authorization": f"Bearer {token}"})


def post_json(client: Client, path: str, body: object) -> Any:
    return client.post(path, json.dumps(body), content_type="application/json")


def new_contact(person_id: object, **overrides: object) -> dict[str, object]:
    body: dict[str, object] = {
        "received_at": "2026-03-02T10:00:00",
        "method": "email",
        "source": "3B",
        "concern": "Baby's weight has dropped two centiles.",
        "consent": "given",
        "people": [{"person_id": str(person_id), "role": "child"}],
    }
    body.update(overrides)
    return body


def test_a_contact_recorded_through_the_api_reads_back(personas: Personas) -> None:
    client = api(personas.frontdoor)
    created = post_json(client, "/api/v1/contacts", new_contact(personas.child.pk))
    assert created.status_code == 201
    body = created.json()
    assert body["status"] == "awaiting_checks"
    assert body["received_at"].startswith("2026-03-02T10:00:00")  # London time, GMT in March
    assert body["people"][0]["name"] == "Amy Jones"
    assert body["recorded_by"] == "fran.frontdoor"
    read = client.get(f"/api/v1/contacts/{body['id']}")
    assert read.json()["concern"] == "Baby's weight has dropped two centiles."
    assert AuditEvent.objects.filter(
        person_id=personas.child.pk, action="view", object_id=body["id"]
    ).exists()


def test_bad_contact_input_lists_each_field_and_writes_nothing(personas: Personas) -> None:
    response = post_json(
        api(personas.frontdoor),
        "/api/v1/contacts",
        {"received_at": "yesterday", "source": "ZZ", "concern": "", "consent": "perhaps"},
    )
    assert response.status_code == 400
    fields = {error["field"] for error in response.json()["errors"]}
    assert {"received_at", "source", "concern", "consent", "people"} <= fields
    assert not Contact.objects.exists()


def test_a_missing_consent_reason_is_refused_by_name(personas: Personas) -> None:
    response = post_json(
        api(personas.frontdoor),
        "/api/v1/contacts",
        new_contact(personas.child.pk, consent="not_given"),
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "consent_reason", "message": "Enter why consent was overridden"}
    ]
    assert not Contact.objects.exists()


def test_a_person_the_caller_cannot_see_is_refused(personas: Personas) -> None:
    stranger = PersonFactory()
    response = post_json(api(personas.manager), "/api/v1/contacts", new_contact(stranger.pk))
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "people"


def test_checks_and_a_referral_decision_through_the_api(personas: Personas) -> None:
    child = PersonFactory()
    contact = contact_about(child)
    check = post_json(
        api(personas.frontdoor),
        f"/api/v1/contacts/{contact.pk}/checks",
        {"agency": "police", "result": "Known to police.", "checks_complete": True},
    )
    assert check.status_code == 201
    assert check.json()["checked_by"] == "fran.frontdoor"
    manager = api(personas.manager)
    current = manager.get(f"/api/v1/contacts/{contact.pk}").json()
    assert current["status"] == "awaiting_decision"
    decided = post_json(
        manager,
        f"/api/v1/contacts/{contact.pk}/decision",
        {
            "version": current["version"],
            "outcome": "referral",
            "rationale": "Needs assessment.",
            "risks_identified": "Unexplained injury.",
            "team": str(personas.team_a.pk),
        },
    )
    assert decided.status_code == 200
    body = decided.json()
    assert body["status"] == "decided"
    assert body["decision"]["decided_by"] == "tara.manager"
    assert body["referred_to_team"] == "Team A"
    assert body["people"][0]["episode_id"] == str(Episode.objects.get(person=child).pk)


def test_a_decision_from_an_old_version_is_409_and_changes_nothing(personas: Personas) -> None:
    contact = contact_about(personas.child)
    response = post_json(
        api(personas.manager),
        f"/api/v1/contacts/{contact.pk}/decision",
        {"version": 7, "outcome": "nfa", "rationale": "No role."},
    )
    assert response.status_code == 409
    assert response.json()["current_version"] == 1
    assert not ManagementDecision.objects.exists()


def test_a_decision_without_rationale_is_refused_by_name(personas: Personas) -> None:
    contact = contact_about(personas.child)
    response = post_json(
        api(personas.manager),
        f"/api/v1/contacts/{contact.pk}/decision",
        {"version": 1, "outcome": "nfa", "rationale": "   "},
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "rationale"


def test_signposting_names_the_services_by_id(personas: Personas) -> None:
    dads = ServiceFactory(name="Dads Matter")
    contact = contact_about(personas.child)
    response = post_json(
        api(personas.manager),
        f"/api/v1/contacts/{contact.pk}/decision",
        {
            "version": 1,
            "outcome": "advice",
            "rationale": "Universal services.",
            "services": [str(dads.pk)],
        },
    )
    assert response.status_code == 200
    assert response.json()["signposted_to"] == ["Dads Matter"]


def test_the_list_is_scoped_like_the_tray(personas: Personas) -> None:
    contact_about(personas.child)
    contact_about(PersonFactory())
    assert len(api(personas.frontdoor).get("/api/v1/contacts").json()) == 2
    assert len(api(personas.colleague).get("/api/v1/contacts").json()) == 1
    assert api(personas.other_team).get("/api/v1/contacts").json() == []
