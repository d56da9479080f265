"""Management decisions: a team manager's recorded decision, linked to whatever it decides."""

from typing import Any

import pytest
import time_machine
from django.test import Client

from casework.accounts import services as account_services
from casework.audit.models import AuditEvent
from casework.common.errors import RuleBroken
from casework.oversight import selectors, services
from casework.oversight.models import ManagementDecision
from casework.testing.factories import CaseNoteFactory
from casework.testing.personas import Personas


def record(actor: Any, personas: Personas, subject: Any, **overrides: Any) -> ManagementDecision:
    fields: dict[str, Any] = {
        "decision": "approve",
        "decision_label": "Plan approved",
        "rationale": "The plan addresses the risks the assessment found.",
        "risks_identified": "",
        "next_steps": "Review in four weeks.",
    }
    fields.update(overrides)
    return services.record_decision(actor, personas.child, subject, **fields)


def test_a_manager_records_a_decision_on_any_record_and_it_is_audited(
    personas: Personas,
) -> None:
    note = CaseNoteFactory(person=personas.child, author=personas.worker)
    decision = record(personas.manager, personas, note)
    assert decision.subject == note
    assert decision.decided_by == personas.manager
    assert list(selectors.decisions_for(note)) == [decision]
    event = AuditEvent.objects.get(object_id=str(decision.pk))
    assert event.person_id == personas.child.pk
    assert event.after["rationale"] == decision.rationale


@pytest.mark.parametrize("who", ["frontdoor", "worker", "analyst", "head", "chair"])
def test_only_a_team_manager_may_decide(personas: Personas, who: str) -> None:
    note = CaseNoteFactory(person=personas.child, author=personas.worker)
    with pytest.raises(RuleBroken) as broken:
        record(getattr(personas, who), personas, note)
    assert broken.value.field == "decided_by"
    assert not ManagementDecision.objects.exists()


def test_a_decision_needs_a_rationale(personas: Personas) -> None:
    note = CaseNoteFactory(person=personas.child, author=personas.worker)
    with pytest.raises(RuleBroken) as broken:
        record(personas.manager, personas, note, rationale=" \n ")
    assert broken.value.field == "rationale"
    assert not ManagementDecision.objects.exists()
    assert not AuditEvent.objects.filter(object_type="oversight.managementdecision").exists()


def test_the_latest_decision_for_a_person_is_the_newest(personas: Personas) -> None:
    note = CaseNoteFactory(person=personas.child, author=personas.worker)
    with time_machine.travel("2026-03-02 10:00Z", tick=False):
        record(personas.manager, personas, note, decision_label="First")
    with time_machine.travel("2026-03-03 10:00Z", tick=False):
        second = record(personas.manager, personas, note, decision_label="Second")
    assert selectors.latest_for_person(personas.child) == second


def test_decisions_are_listed_on_the_childs_record(personas: Personas) -> None:
    note = CaseNoteFactory(person=personas.child, author=personas.worker)
    record(personas.manager, personas, note, risks_identified="Neglect")
    client = Client()
    client.force_login(personas.worker)
    page = client.get(f"/people/{personas.child.pk}/decisions/").content.decode()
    assert "Plan approved" in page
    assert "Neglect" in page
    token = account_services.issue_token(personas.worker)
    rows = Client(headers={"Authorization": f"Bearer {token}"}).get(
        f"/api/v1/persons/{personas.child.pk}/decisions"
    )
    assert rows.json()[0]["subject_type"] == "cases.casenote"
    assert rows.json()[0]["decided_by"] == "tara.manager"
