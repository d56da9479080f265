"""The top of a child's case page: where the case stands, when the child was last seen (and
seen alone), the latest management decision and the supervision directions still open.

It reads across the areas that hold those facts, a fixed handful of queries whatever the size
of the case."""

import datetime
from dataclasses import dataclass
from typing import Any

from casework.cases.models import Episode
from casework.people.models import Person


@dataclass(frozen=True)
class LastSeen:
    on: datetime.date
    alone: bool | None
    kind: str


@dataclass(frozen=True)
class CaseSummary:
    status: str
    last_seen: LastSeen | None
    latest_decision: Any
    open_directions: list[Any]


def _last_seen(person: Person) -> LastSeen | None:
    from casework.plans.models import Visit
    from casework.protection.models import CPVisit

    seen: list[LastSeen] = []
    visit = Visit.objects.filter(person=person, child_seen=True).order_by("-visited_on").first()
    if visit is not None:
        seen.append(LastSeen(visit.visited_on, visit.seen_alone, "child in need visit"))
    cp_visit = (
        CPVisit.objects.filter(person=person, child_seen=True).order_by("-visited_on").first()
    )
    if cp_visit is not None:
        seen.append(LastSeen(cp_visit.visited_on, cp_visit.seen_alone, "child protection visit"))
    return max(seen, key=lambda s: s.on) if seen else None


def _status(person: Person) -> str:
    from casework.plans.models import CINPlan
    from casework.protection.models import ChildProtectionPlan

    if ChildProtectionPlan.objects.filter(
        person=person, status=ChildProtectionPlan.Status.ACTIVE
    ).exists():
        return "Child protection plan"
    if CINPlan.objects.filter(person=person, status=CINPlan.Status.ACTIVE).exists():
        return "Child in need plan"
    if Episode.objects.filter(person=person, status=Episode.Status.OPEN).exists():
        return "Open referral"
    return "No open case"


def case_summary(person: Person) -> CaseSummary:
    from casework.oversight import selectors as oversight

    return CaseSummary(
        status=_status(person),
        last_seen=_last_seen(person),
        latest_decision=oversight.latest_for_person(person),
        open_directions=list(oversight.open_directions_for_person(person)[:5]),
    )
