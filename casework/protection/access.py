"""Who may read and change the child protection record, and the loaders views and endpoints use.

Reading follows the child's record (people.visible_to; reviewing officers see every child).
Changing it is for the social workers and team manager of the child's allocated team; strategy
decisions and section 47 authorisation are the team manager's; conferences are recorded and
finalised by an independent reviewing officer. Anyone else who can see the child gets 403, and
anyone who cannot see the child gets 404, so the record's existence is not leaked.
"""

import uuid
from typing import Any

import rules
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db.models import Model
from django.http import Http404

from casework.accounts.models import Role
from casework.cases.models import Allocation
from casework.oversight.services import may_decide
from casework.people import access as people_access
from casework.people.access import READ_ONLY_ROLES
from casework.people.models import Person
from casework.protection.models import (
    ChildProtectionPlan,
    Conference,
    CoreGroupMeeting,
    CPVisit,
    Section47,
    StrategyDiscussion,
)

TEAM_ROLES = frozenset({Role.SOCIAL_WORKER, Role.TEAM_MANAGER})
TRAY_ROLES = frozenset({Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.REVIEWING_OFFICER})


def in_allocated_team(user: Any, person: Person) -> bool:
    if getattr(user, "role", None) not in TEAM_ROLES or user.team_id is None:
        return False
    return Allocation.objects.filter(
        person=person, team_id=user.team_id, ended_on__isnull=True
    ).exists()


def is_chair(user: Any) -> bool:
    return getattr(user, "role", None) == Role.REVIEWING_OFFICER


@rules.predicate
def can_change_protection(user: Any, person: Person) -> bool:
    return people_access.can_view_person(user, person) and in_allocated_team(user, person)


@rules.predicate
def can_decide_protection(user: Any, person: Person) -> bool:
    return may_decide(user) and can_change_protection(user, person)


@rules.predicate
def can_chair(user: Any, person: Person) -> bool:
    return is_chair(user) and people_access.can_view_person(user, person)


rules.add_perm("protection.change", can_change_protection)
rules.add_perm("protection.decide", can_decide_protection)
rules.add_perm("protection.chair", can_chair)


def trays_for(user: Any) -> None:
    """The child protection trays are for workers, managers and chairs: 403 for read-only roles,
    404 for everyone else."""
    role = getattr(user, "role", None)
    if role in TRAY_ROLES:
        return
    if role in READ_ONLY_ROLES:
        raise PermissionDenied("Your role reads records but has no child protection trays")
    raise Http404("No such page")


def person_for_view(user: Any, person_id: uuid.UUID | str) -> Person:
    return people_access.person_for_view(user, person_id)


def person_for_change(user: Any, person_id: uuid.UUID | str) -> Person:
    person = people_access.person_for_view(user, person_id)
    if not in_allocated_team(user, person):
        raise PermissionDenied("Only the child's team changes the child protection record")
    return person


def person_for_decision(user: Any, person_id: uuid.UUID | str) -> Person:
    person = people_access.person_for_view(user, person_id)
    if not (may_decide(user) and in_allocated_team(user, person)):
        raise PermissionDenied("Only the team manager of the child's team decides this")
    return person


def person_for_chair(user: Any, person_id: uuid.UUID | str) -> Person:
    person = people_access.person_for_view(user, person_id)
    if not is_chair(user):
        raise PermissionDenied("Only an independent reviewing officer chairs a conference")
    return person


def _get[M: Model](model: type[M], person: Person, record_id: uuid.UUID | str) -> M:
    try:
        return model._default_manager.get(pk=record_id, person=person)
    except (ObjectDoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404("No such record") from None


def discussion_for_view(user: Any, person_id: Any, record_id: Any) -> StrategyDiscussion:
    return _get(StrategyDiscussion, person_for_view(user, person_id), record_id)


def discussion_for_decision(user: Any, person_id: Any, record_id: Any) -> StrategyDiscussion:
    person = people_access.person_for_view(user, person_id)
    discussion = _get(StrategyDiscussion, person, record_id)
    if not (may_decide(user) and in_allocated_team(user, person)):
        raise PermissionDenied("Only the team manager of the child's team changes the discussion")
    return discussion


def section47_for_view(user: Any, person_id: Any, record_id: Any) -> Section47:
    return _get(Section47, person_for_view(user, person_id), record_id)


def section47_for_change(user: Any, person_id: Any, record_id: Any) -> Section47:
    person = people_access.person_for_view(user, person_id)
    enquiry = _get(Section47, person, record_id)
    if not in_allocated_team(user, person):
        raise PermissionDenied("Only the child's team records the enquiry")
    return enquiry


def section47_for_decision(user: Any, person_id: Any, record_id: Any) -> Section47:
    person = people_access.person_for_view(user, person_id)
    enquiry = _get(Section47, person, record_id)
    if not (may_decide(user) and in_allocated_team(user, person)):
        raise PermissionDenied("Only the team manager of the child's team authorises it")
    return enquiry


def conference_for_view(user: Any, person_id: Any, record_id: Any) -> Conference:
    return _get(Conference, person_for_view(user, person_id), record_id)


def conference_for_chair(user: Any, person_id: Any, record_id: Any) -> Conference:
    person = people_access.person_for_view(user, person_id)
    conference = _get(Conference, person, record_id)
    if not is_chair(user):
        raise PermissionDenied("Only the conference's chair finalises it")
    return conference


def plan_for_view(user: Any, person_id: Any, record_id: Any) -> ChildProtectionPlan:
    return _get(ChildProtectionPlan, person_for_view(user, person_id), record_id)


def plan_for_change(user: Any, person_id: Any, record_id: Any) -> ChildProtectionPlan:
    person = people_access.person_for_view(user, person_id)
    plan = _get(ChildProtectionPlan, person, record_id)
    if not in_allocated_team(user, person):
        raise PermissionDenied("Only the child's team changes the plan")
    return plan


def _plan_record[M: Model](
    model: type[M], user: Any, person_id: Any, plan_id: Any, record_id: Any
) -> M:
    plan = plan_for_change(user, person_id, plan_id)
    try:
        return model._default_manager.select_related("plan__person").get(pk=record_id, plan=plan)
    except (ObjectDoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404("No such record") from None


def core_group_for_change(
    user: Any, person_id: Any, plan_id: Any, record_id: Any
) -> CoreGroupMeeting:
    return _plan_record(CoreGroupMeeting, user, person_id, plan_id, record_id)


def visit_for_change(user: Any, person_id: Any, plan_id: Any, record_id: Any) -> CPVisit:
    return _plan_record(CPVisit, user, person_id, plan_id, record_id)
