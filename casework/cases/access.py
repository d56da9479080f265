import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404

from casework.accounts.models import Role
from casework.cases.models import Allocation, CaseNote
from casework.people import access as people_access
from casework.people.models import Person
from casework.people.selectors import TEAM_ROLES


def note_for_view(user: Any, person_id: uuid.UUID, note_id: uuid.UUID) -> tuple[Person, CaseNote]:
    person = people_access.person_for_view(user, person_id)
    return person, _note(person, note_id)


def note_for_change(user: Any, person_id: uuid.UUID, note_id: uuid.UUID) -> tuple[Person, CaseNote]:
    person = people_access.person_for_change(user, person_id)
    return person, _note(person, note_id)


def _note(person: Person, note_id: uuid.UUID) -> CaseNote:
    try:
        return CaseNote.objects.select_related("author", "updated_by").get(
            pk=note_id, person=person
        )
    except (CaseNote.DoesNotExist, ValidationError):
        raise Http404("No case note with that id") from None


def may_allocate(user: Any, allocation: Allocation | None) -> bool:
    """Allocation, hand-over and closure are for the manager of the team holding the case."""
    if getattr(user, "role", None) != Role.TEAM_MANAGER:
        return False
    return allocation is None or allocation.team_id == user.team_id


def in_holding_team(user: Any, allocation: Allocation | None) -> bool:
    """For the child's open allocation, already read: is `user` a worker or manager in the team
    holding the case? The apps' `in_allocated_team` answer the same with a query."""
    return (
        allocation is not None
        and getattr(user, "role", None) in TEAM_ROLES
        and allocation.team_id == user.team_id
    )
