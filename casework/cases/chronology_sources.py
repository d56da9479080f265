"""What the case record contributes to the chronology (registered in CasesConfig.ready)."""

from collections.abc import Iterable

from django.urls import reverse
from django.utils import timezone

from casework.cases.chronology import Entry
from casework.cases.models import Allocation, ClosureReason, Episode, SignificantEvent
from casework.people.models import Person


def referrals(person: Person) -> Iterable[Entry]:
    for episode in Episode.objects.filter(person=person).select_related("team", "created_by"):
        yield Entry(
            episode.referral_date,
            "Referral to children's social care",
            f"{episode.get_referral_source_display()}; to {episode.team.name}",
            by=episode.created_by.display_name,
        )
        if episode.closed_on:
            yield Entry(
                episode.closed_on, "Case closed", ClosureReason(episode.closure_reason).label
            )


def allocations(person: Person) -> Iterable[Entry]:
    for allocation in Allocation.objects.filter(person=person, worker__isnull=False).select_related(
        "team", "worker"
    ):
        assert allocation.worker is not None
        yield Entry(
            allocation.started_on,
            f"Allocated to {allocation.worker.display_name}",
            allocation.team.name,
        )


def significant_events(person: Person) -> Iterable[Entry]:
    for event in SignificantEvent.objects.filter(person=person).select_related("added_by"):
        yield Entry(
            event.occurred_on,
            event.title,
            analysis=event.analysis,
            by=event.added_by.display_name,
            source="significant event",
        )


def management_decisions(person: Person) -> Iterable[Entry]:
    from casework.oversight.models import ManagementDecision

    for decision in ManagementDecision.objects.filter(person=person).select_related("decided_by"):
        yield Entry(
            timezone.localtime(decision.decided_at).date(),
            f"Management decision: {decision.decision_label}",
            decision.rationale,
            by=decision.decided_by.display_name,
            url=reverse("oversight:person_decisions", args=[person.pk]),
        )
