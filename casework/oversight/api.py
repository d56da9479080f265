import datetime
import uuid
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from casework.audit import services as audit
from casework.oversight import access, selectors
from casework.oversight.models import ManagementDecision

router = Router(tags=["management decisions"])


class DecisionOut(Schema):
    id: uuid.UUID
    person_id: uuid.UUID
    subject_type: str
    subject_id: str
    decision: str
    decision_label: str
    decided_by: str
    decided_at: datetime.datetime
    rationale: str
    risks_identified: str
    next_steps: str

    @staticmethod
    def resolve_subject_type(decision: ManagementDecision) -> str:
        return f"{decision.content_type.app_label}.{decision.content_type.model}"

    @staticmethod
    def resolve_subject_id(decision: ManagementDecision) -> str:
        return decision.object_id

    @staticmethod
    def resolve_decided_by(decision: ManagementDecision) -> str:
        return decision.decided_by.get_username()


@router.get(
    "/persons/{person_id}/decisions",
    response=list[DecisionOut],
    summary="Management decisions on a person's record",
)
def list_person_decisions(request: HttpRequest, person_id: uuid.UUID) -> Any:
    person = access.person_for_decisions(request.user, person_id)
    audit.record_view(request.user, person.pk, person, summary="Read management decisions (API)")
    return list(selectors.decisions_for_person(person)[:200])
