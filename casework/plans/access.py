"""Who may read and change plans, reviews and visits, and the loaders views and endpoints use.

Reading follows the child's record: whoever may open it may read its plans and visits. Changing
them is for the social workers and team manager of the team the child is allocated to. Anyone
else who can see the child (the front door, reviewing officers, read-only roles) gets 403; anyone
who cannot see the child gets 404, so the record's existence is not leaked. Approving a plan is a
management decision: the team manager of the allocated team.
"""

import uuid
from typing import Any

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from casework.accounts.models import Role
from casework.cases.models import Allocation
from casework.oversight.services import may_decide
from casework.people import access as people_access
from casework.people.models import Person
from casework.plans.models import Action, CINPlan, Goal, Visit

PLANNING_ROLES = frozenset({Role.SOCIAL_WORKER, Role.TEAM_MANAGER})


def in_allocated_team(user: Any, person: Person) -> bool:
    if getattr(user, "role", None) not in PLANNING_ROLES or user.team_id is None:
        return False
    return Allocation.objects.filter(
        person=person, team_id=user.team_id, ended_on__isnull=True
    ).exists()


@rules.predicate
def can_change_plans(user: Any, person: Person) -> bool:
    return people_access.can_view_person(user, person) and in_allocated_team(user, person)


@rules.predicate
def can_approve_plans(user: Any, person: Person) -> bool:
    return may_decide(user) and can_change_plans(user, person)


rules.add_perm("plans.change_plans", can_change_plans)
rules.add_perm("plans.approve_plan", can_approve_plans)


def person_for_view(user: Any, person_id: uuid.UUID | str) -> Person:
    return people_access.person_for_view(user, person_id)


def person_for_change(user: Any, person_id: uuid.UUID | str) -> Person:
    person = people_access.person_for_view(user, person_id)
    if not in_allocated_team(user, person):
        raise PermissionDenied(
            "Only the social workers and manager of the child's team change plans and visits"
        )
    return person


def _plan(person: Person, plan_id: uuid.UUID | str) -> CINPlan:
    try:
        return CINPlan.objects.select_related("person", "approval__decided_by").get(
            pk=plan_id, person=person
        )
    except (CINPlan.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404("No plan with that id") from None


def plan_for_view(user: Any, person_id: uuid.UUID | str, plan_id: uuid.UUID | str) -> CINPlan:
    return _plan(person_for_view(user, person_id), plan_id)


def plan_for_change(user: Any, person_id: uuid.UUID | str, plan_id: uuid.UUID | str) -> CINPlan:
    person = people_access.person_for_view(user, person_id)
    plan = _plan(person, plan_id)
    if not in_allocated_team(user, person):
        raise PermissionDenied("Only the child's team changes the plan")
    return plan


def plan_for_approval(user: Any, person_id: uuid.UUID | str, plan_id: uuid.UUID | str) -> CINPlan:
    person = people_access.person_for_view(user, person_id)
    plan = _plan(person, plan_id)
    if not (may_decide(user) and in_allocated_team(user, person)):
        raise PermissionDenied("Only the team manager of the child's team approves the plan")
    return plan


def goal_for_change(
    user: Any, person_id: uuid.UUID | str, plan_id: uuid.UUID | str, goal_id: uuid.UUID | str
) -> Goal:
    plan = plan_for_change(user, person_id, plan_id)
    try:
        goal = Goal.objects.get(pk=goal_id, plan=plan)
    except (Goal.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404("No goal with that id") from None
    goal.plan = plan
    return goal


def action_for_change(
    user: Any, person_id: uuid.UUID | str, plan_id: uuid.UUID | str, action_id: uuid.UUID | str
) -> Action:
    plan = plan_for_change(user, person_id, plan_id)
    try:
        action = Action.objects.select_related("goal").get(pk=action_id, goal__plan=plan)
    except (Action.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404("No action with that id") from None
    action.goal.plan = plan
    return action


def _visit(person: Person, visit_id: uuid.UUID | str) -> Visit:
    try:
        return Visit.objects.select_related("visited_by", "updated_by", "person").get(
            pk=visit_id, person=person
        )
    except (Visit.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404("No visit with that id") from None


def visit_for_view(user: Any, person_id: uuid.UUID | str, visit_id: uuid.UUID | str) -> Visit:
    return _visit(person_for_view(user, person_id), visit_id)


def visit_for_change(user: Any, person_id: uuid.UUID | str, visit_id: uuid.UUID | str) -> Visit:
    person = people_access.person_for_view(user, person_id)
    visit = _visit(person, visit_id)
    if not in_allocated_team(user, person):
        raise PermissionDenied("Only the child's team changes a visit")
    return visit
