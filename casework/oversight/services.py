"""Recording management decisions. Other apps call `record_decision` inside their own
transaction, so the decision and the step it authorises are written together or not at all."""

from typing import Any

from django.db import models, transaction
from django.utils import timezone

from casework.accounts.models import Role
from casework.audit import services as audit
from casework.audit.models import Action
from casework.common.errors import RuleBroken
from casework.oversight.models import ManagementDecision
from casework.people.models import Person

DECISION_FIELDS = (
    "decision",
    "decision_label",
    "decided_by",
    "decided_at",
    "rationale",
    "risks_identified",
    "next_steps",
)


def may_decide(user: Any) -> bool:
    """Working Together 2023 asks for decisions on referrals, assessments and plans to be made
    or approved by a manager; in Casework that is the team manager role."""
    return getattr(user, "role", None) == Role.TEAM_MANAGER


def record_decision(
    actor: Any,
    person: Person,
    subject: models.Model,
    *,
    decision: str,
    decision_label: str,
    rationale: str,
    risks_identified: str = "",
    next_steps: str = "",
) -> ManagementDecision:
    """Record that `actor` decided `decision` about `subject` for `person`, with their reasons."""
    if not may_decide(actor):
        raise RuleBroken("decided_by", "Only a team manager can record a management decision")
    if not rationale.strip():
        raise RuleBroken("rationale", "Enter the rationale for the decision")
    if not decision.strip():
        raise RuleBroken("decision", "Select a decision")
    if subject.pk is None:
        raise ValueError("Save the record being decided before recording a decision on it")
    with transaction.atomic():
        made = ManagementDecision.objects.create(
            person=person,
            subject=subject,
            decided_by=actor,
            decided_at=timezone.now(),
            decision=decision,
            decision_label=decision_label.strip() or decision,
            rationale=rationale.strip(),
            risks_identified=risks_identified.strip(),
            next_steps=next_steps.strip(),
        )
        audit.record(
            actor,
            Action.CREATE,
            person_id=person.pk,
            obj=made,
            summary=f"Management decision: {made.decision_label}",
            after=audit.snapshot(made, DECISION_FIELDS),
        )
    return made
