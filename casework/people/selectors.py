"""Reads about people, always scoped to what the asking user may see."""

from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from casework.accounts.models import Role
from casework.cases.models import Allocation
from casework.people.models import Person

# Roles that work across the whole council's records: the front door must find anyone, the
# reviewing officers chair for every team, and analysts and heads of service read for oversight.
COUNCIL_WIDE_ROLES = frozenset(
    {Role.FRONT_DOOR, Role.REVIEWING_OFFICER, Role.ANALYST, Role.HEAD_OF_SERVICE}
)
TEAM_ROLES = frozenset({Role.SOCIAL_WORKER, Role.TEAM_MANAGER})


def visible_to(user: Any) -> QuerySet[Person]:
    """Every person `user` may open. Derived from role and the open allocations of their team;
    nothing is stored per person."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Person.objects.none()
    if user.role in COUNCIL_WIDE_ROLES:
        return Person.objects.all()
    if user.role in TEAM_ROLES and user.team_id is not None:
        allocated = Allocation.objects.filter(
            person=OuterRef("pk"), team_id=user.team_id, ended_on__isnull=True
        )
        return Person.objects.filter(Exists(allocated))
    return Person.objects.none()
