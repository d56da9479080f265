"""Reads about people, always scoped to what the asking user may see."""

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from casework.accounts.models import Role
from casework.cases.models import Allocation
from casework.people.models import Person, PersonWarning, Relationship

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
        team_children = Allocation.objects.filter(
            team_id=user.team_id, ended_on__isnull=True
        ).values("person_id")
        allocated = Allocation.objects.filter(
            person=OuterRef("pk"), team_id=user.team_id, ended_on__isnull=True
        )
        # The family around an allocated child: parents, siblings, carers.
        related = Relationship.objects.filter(
            Q(from_person=OuterRef("pk"), to_person__in=team_children)
            | Q(to_person=OuterRef("pk"), from_person__in=team_children)
        )
        return Person.objects.filter(Exists(allocated) | Exists(related))
    return Person.objects.none()


def active_warnings(person: Person) -> QuerySet[PersonWarning]:
    """The warnings every tab of the record shows above the name: kind and detail only."""
    return PersonWarning.objects.filter(person=person, ended_on__isnull=True)


def relationships_of(person: Person) -> list[tuple[Person, str, Relationship]]:
    """(other person, what they are to `person`, the row), parents first."""
    rows = Relationship.objects.filter(Q(from_person=person) | Q(to_person=person)).select_related(
        "from_person", "to_person"
    )
    result = []
    for row in rows:
        other, label = row.label_from(person)
        result.append((other, label, row))
    return sorted(result, key=lambda item: (item[2].kind != "parent", item[1], item[0].given_name))
