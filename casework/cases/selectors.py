from typing import Any

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from casework.cases.models import Allocation, CaseNote, Document, DocumentVersion, Episode
from casework.people.models import Person


def notes_for(person: Person) -> QuerySet[CaseNote]:
    return CaseNote.objects.filter(person=person).select_related("author", "updated_by")


def current_allocation(person: Person) -> Allocation | None:
    return (
        Allocation.objects.filter(person=person, ended_on__isnull=True)
        .select_related("team", "worker")
        .first()
    )


def allocation_history(person: Person) -> QuerySet[Allocation]:
    return (
        Allocation.objects.filter(person=person)
        .select_related("team", "worker")
        .order_by("-started_on", "ended_on")
    )


def allocations_for_worker(user: Any) -> QuerySet[Allocation]:
    return Allocation.objects.filter(worker=user, ended_on__isnull=True).select_related("person")


def allocations_for_team(team_id: Any) -> QuerySet[Allocation]:
    return Allocation.objects.filter(team_id=team_id, ended_on__isnull=True).select_related(
        "person", "worker"
    )


def unallocated_for_team(team_id: Any) -> QuerySet[Allocation]:
    """The team's children waiting for a worker, oldest referral first, each with the referral
    date and the assessment target stored when the referral opened."""
    open_episode = Episode.objects.filter(
        person=OuterRef("person_id"), status=Episode.Status.OPEN
    ).order_by("-referral_date")
    return (
        Allocation.objects.filter(team_id=team_id, worker__isnull=True, ended_on__isnull=True)
        .select_related("person")
        .annotate(
            referral_date=Subquery(open_episode.values("referral_date")[:1]),
            assessment_target=Subquery(open_episode.values("assessment_target")[:1]),
            assessment_due=Subquery(open_episode.values("assessment_due")[:1]),
        )
        .order_by("referral_date", "started_on")
    )


def documents_for(person: Person) -> QuerySet[Document]:
    return (
        Document.objects.filter(person=person)
        .select_related("created_by")
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=DocumentVersion.objects.select_related("uploaded_by").order_by("-number"),
            )
        )
    )
