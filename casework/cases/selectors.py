from typing import Any

from django.db.models import QuerySet

from casework.cases.models import Allocation, CaseNote
from casework.people.models import Person


def notes_for(person: Person) -> QuerySet[CaseNote]:
    return CaseNote.objects.filter(person=person).select_related("author", "updated_by")


def current_allocation(person: Person) -> Allocation | None:
    return (
        Allocation.objects.filter(person=person, ended_on__isnull=True)
        .select_related("team", "worker")
        .first()
    )


def allocations_for_worker(user: Any) -> QuerySet[Allocation]:
    return Allocation.objects.filter(worker=user, ended_on__isnull=True).select_related("person")


def allocations_for_team(team_id: Any) -> QuerySet[Allocation]:
    return Allocation.objects.filter(team_id=team_id, ended_on__isnull=True).select_related(
        "person", "worker"
    )
