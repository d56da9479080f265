"""What the assessment tests share: a day inside the assessment's timescale, signed-in clients
and a complete form."""

import datetime
import json
import uuid
from typing import Any

from django.test import Client

from casework.accounts import services as account_services
from casework.assessments.models import Assessment
from casework.assessments.tests.factories import assessment_for
from casework.testing.personas import Personas

# Referred on Monday 2 March 2026 (the factory's date); the target date is 7 May 2026.
IN_MARCH = datetime.datetime(2026, 3, 20, 10, 0, tzinfo=datetime.UTC)
AFTER_TARGET = datetime.datetime(2026, 5, 12, 10, 0, tzinfo=datetime.UTC)


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def api(user: object) -> Client:
    token = account_services.issue_token(user)  # type: ignore[arg-type]
    return Client(headers={"Authorization": f"Bearer {token}"})


def send_json(client: Client, method: str, path: str, body: object) -> Any:
    return client.generic(method, path, data=json.dumps(body), content_type="application/json")


def the_assessment(p: Personas, **fields: object) -> Assessment:
    return assessment_for(p.child, p.team_a, created_by=p.worker, **fields)


def complete_form(**overrides: object) -> dict[str, object]:
    """Everything the edit form asks for, filled in as a worker would."""
    data: dict[str, object] = {
        "started_on_day": "2",
        "started_on_month": "3",
        "started_on_year": "2026",
        "child_seen_on_day": "4",
        "child_seen_on_month": "3",
        "child_seen_on_year": "2026",
        "developmental_needs": "Amy is behind in reading and often hungry at school.",
        "parenting_capacity": "Mum is warm but low in mood; routines have slipped.",
        "family_environment": "Damp flat, rent arrears; grandmother nearby helps.",
        "strengths": "Close to her grandmother.",
        "risks": "Neglect if mum's mood worsens.",
        "analysis": "A child in need plan would meet her needs.",
        "child_seen": "yes",
        "seen_alone": "yes",
        "views": "I like it when Nan picks me up.",
        "participation": "PN1",
        "helped_by": "none",
        "factors": ["4B", "16A"],
        "outcome": "cin_plan",
        "version": "1",
        "form_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


COMPLETE = {
    "child_seen_on": datetime.date(2026, 3, 4),
    "developmental_needs": "Amy is behind in reading.",
    "parenting_capacity": "Mum is warm but low in mood.",
    "family_environment": "Damp flat; grandmother nearby.",
    "child_seen": True,
    "seen_alone": True,
    "views": "I like it when Nan picks me up.",
    "participation": "PN1",
    "factors": ["16A"],
    "outcome": "cin_plan",
}
