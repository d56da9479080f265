"""Who may read and record supervision, and complete case directions.

Supervision is between a worker and their manager: a social worker reads their own sessions, a
team manager reads and records those of their team, and a head of service reads every session
(and records none: 403). Anyone else gets 404. A case direction is part of a child's record: it
is completed by the social workers or manager of the child's team, as plans are.
"""

import uuid
from typing import Any

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404

from casework.accounts.models import Role
from casework.oversight.models import CaseDirection, Supervision
from casework.oversight.services import may_decide
from casework.people import access as people_access
from casework.plans.access import in_allocated_team

SUPERVISION_READERS = frozenset({Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE})


def _role(user: Any) -> str | None:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    role: str = user.role
    return role


def supervisions_visible_to(user: Any) -> QuerySet[Supervision]:
    role = _role(user)
    sessions = Supervision.objects.select_related("worker", "supervisor")
    if role == Role.HEAD_OF_SERVICE:
        return sessions
    if role == Role.TEAM_MANAGER and user.team_id is not None:
        return sessions.filter(Q(worker__team_id=user.team_id) | Q(supervisor=user))
    if role == Role.SOCIAL_WORKER:
        return sessions.filter(worker=user)
    return sessions.none()


@rules.predicate
def can_read_supervision(user: Any) -> bool:
    return _role(user) in SUPERVISION_READERS


@rules.predicate
def can_record_supervision(user: Any) -> bool:
    return may_decide(user) and getattr(user, "team_id", None) is not None


rules.add_perm("oversight.read_supervision", can_read_supervision)
rules.add_perm("oversight.record_supervision", can_record_supervision)


def check_may_read(user: Any) -> None:
    if not can_read_supervision(user):
        raise Http404("No such page")


def check_may_record(user: Any) -> None:
    check_may_read(user)
    if not can_record_supervision(user):
        raise PermissionDenied("Only a team manager records supervision")


def supervision_for_view(user: Any, supervision_id: uuid.UUID | str) -> Supervision:
    try:
        return supervisions_visible_to(user).get(pk=supervision_id)
    except (Supervision.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404("No supervision with that id") from None


def direction_for_change(
    user: Any, person_id: uuid.UUID | str, direction_id: uuid.UUID | str
) -> CaseDirection:
    person = people_access.person_for_view(user, person_id)
    try:
        direction = CaseDirection.objects.select_related("supervision", "person").get(
            pk=direction_id, person=person
        )
    except (CaseDirection.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404("No direction with that id") from None
    if not in_allocated_team(user, person):
        raise PermissionDenied("Only the child's team completes a direction")
    return direction


def directions_person_for_view(user: Any, person_id: uuid.UUID | str) -> Any:
    return people_access.person_for_view(user, person_id)
