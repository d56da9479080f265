"""Who may read, write and sign off assessments, and the loaders views and endpoints use.

Reading follows the child's record: whoever may open the child (people.selectors.visible_to) may
read their assessments. Writing is for the social workers and the team manager of the team the
child is allocated to; authorising or returning one is for that team's manager alone. Someone who
may read but not do the thing asked gets 403; someone who may not read gets 404, so a record's
existence is not leaked.
"""

import uuid
from typing import Any

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from casework.accounts.models import Role
from casework.assessments import selectors
from casework.assessments.models import Assessment
from casework.cases.models import Episode
from casework.oversight.services import may_decide
from casework.people import access as people_access
from casework.people.models import Person

WRITING_ROLES = frozenset({Role.SOCIAL_WORKER, Role.TEAM_MANAGER})


def _in_allocated_team(user: Any, person: Person) -> bool:
    if getattr(user, "role", None) not in WRITING_ROLES or user.team_id is None:
        return False
    return bool(user.team_id == selectors.allocated_team_id(person))


@rules.predicate
def can_view_assessment(user: Any, assessment: Assessment) -> bool:
    return selectors.visible_to(user).filter(pk=assessment.pk).exists()


@rules.predicate
def can_write_assessment(user: Any, assessment: Assessment) -> bool:
    return _in_allocated_team(user, assessment.person)


@rules.predicate
def can_decide_assessment(user: Any, assessment: Assessment) -> bool:
    return may_decide(user) and _in_allocated_team(user, assessment.person)


rules.add_perm("assessments.view_assessment", can_view_assessment)
rules.add_perm("assessments.change_assessment", can_view_assessment & can_write_assessment)
rules.add_perm("assessments.decide_assessment", can_view_assessment & can_decide_assessment)


def may_write(user: Any, person: Person) -> bool:
    """For a person already loaded through `visible_to`."""
    return _in_allocated_team(user, person)


def may_decide_for(user: Any, person: Person) -> bool:
    """For a person already loaded through `visible_to`."""
    return may_decide(user) and _in_allocated_team(user, person)


def _load(user: Any, assessment_id: uuid.UUID | str) -> Assessment:
    try:
        return selectors.with_details(selectors.visible_to(user)).get(pk=assessment_id)
    except (Assessment.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404("No assessment with that id") from None


def assessment_for_view(user: Any, assessment_id: uuid.UUID | str) -> Assessment:
    return _load(user, assessment_id)


def assessment_for_change(user: Any, assessment_id: uuid.UUID | str) -> Assessment:
    assessment = _load(user, assessment_id)
    if not may_write(user, assessment.person):
        raise PermissionDenied("Only the child's allocated team can change this assessment")
    return assessment


def assessment_for_decision(user: Any, assessment_id: uuid.UUID | str) -> Assessment:
    assessment = _load(user, assessment_id)
    if not may_decide_for(user, assessment.person):
        raise PermissionDenied("Only the manager of the child's team can authorise or return it")
    return assessment


def episode_for_start(user: Any, person_id: uuid.UUID | str) -> tuple[Person, Episode | None]:
    """The child, and their open referral (None when there is none), for starting an
    assessment: 404 when the child is not visible, 403 outside the allocated team."""
    person = people_access.person_for_view(user, person_id)
    if not may_write(user, person):
        raise PermissionDenied("Only the child's allocated team can start an assessment")
    return person, selectors.open_episode(person)
