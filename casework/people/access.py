"""Who may see and change a person's record, and the loaders views and endpoints use.

No access: 404, so a record's existence is not leaked. Access to read but not to change: 403.
"""

import uuid
from typing import Any

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from casework.accounts.models import Role
from casework.people import selectors
from casework.people.models import Person

READ_ONLY_ROLES = frozenset({Role.ANALYST, Role.HEAD_OF_SERVICE})


@rules.predicate
def can_view_person(user: Any, person: Person) -> bool:
    return selectors.visible_to(user).filter(pk=person.pk).exists()


@rules.predicate
def can_change_record(user: Any, person: Person) -> bool:
    return user.role not in READ_ONLY_ROLES and can_view_person(user, person)


rules.add_perm("people.view_person", can_view_person)
rules.add_perm("people.change_record", can_change_record)


MERGERS = frozenset({Role.FRONT_DOOR, Role.TEAM_MANAGER})


def may_create_unrelated_person(user: Any) -> bool:
    """New children arrive through the front door; everyone else adds family members from a
    child's record, so the new person is visible to them through that relationship."""
    return getattr(user, "role", None) == Role.FRONT_DOOR


def may_merge(user: Any) -> bool:
    return getattr(user, "role", None) in MERGERS


def may_change(user: Any) -> bool:
    """For a person already loaded through `visible_to`: may this user change the record?"""
    return user.role not in READ_ONLY_ROLES


def _load(user: Any, person_id: uuid.UUID | str) -> Person:
    try:
        return selectors.visible_to(user).get(pk=person_id)
    except (Person.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404("No person with that id") from None


def person_for_view(user: Any, person_id: uuid.UUID | str) -> Person:
    return _load(user, person_id)


def person_for_change(user: Any, person_id: uuid.UUID | str) -> Person:
    person = _load(user, person_id)
    if not may_change(user):
        raise PermissionDenied("Your role can read this record but not change it")
    return person
