"""The summary at the top of a child's case record: where the case stands (open referral, child
in need plan, child protection plan), who holds it, what is due and overdue, when the child was
last seen (and seen alone), the latest management decision and the supervision directions still
open.

It reads across the apps that hold those facts in a fixed number of small indexed queries
whatever the size of the case: one per record the facts come from (the current plan, the child
protection plan, the section 47 enquiry, the open referral, the last visit of each kind and the
next meeting), one each for the holder of the case, their manager, the latest decision and the
open directions. Due dates are the ones the clock stored when each step started; nothing here
computes a deadline.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse

from casework.accounts.models import Role, User
from casework.cases.models import Allocation, Episode, ReferralSource
from casework.people.models import Person


@dataclass(frozen=True)
class LastSeen:
    on: datetime.date
    alone: bool | None
    kind: str


@dataclass(frozen=True)
class Due:
    what: str
    on: datetime.date
    url: str

    def is_overdue(self, today: datetime.date) -> bool:
        return self.on < today


@dataclass(frozen=True)
class OpenReferral:
    id: Any
    referral_date: datetime.date
    source: str
    assessment_target: datetime.date


@dataclass(frozen=True)
class CaseSummary:
    status: str
    status_url: str
    allocation: Allocation | None
    manager_name: str
    referral: OpenReferral | None
    due: list[Due]
    last_seen: LastSeen | None
    latest_decision: Any
    open_directions: list[Any]
    today: datetime.date
    overdue: list[Due] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "overdue", [d for d in self.due if d.is_overdue(self.today)])


def _newest(prefix: str, queryset: QuerySet[Any], *names: str) -> dict[str, Any]:
    """The named values of the first row as `prefix_name` keys; None for each when no row."""
    row = queryset.values_list(*names).first()
    values = row or (None,) * len(names)
    return {f"{prefix}_{name}": value for name, value in zip(names, values, strict=True)}


def _facts(person: Person, today: datetime.date) -> dict[str, Any]:
    """Every scalar fact the summary needs: one small indexed query per record it comes from.

    Several plain reads rather than one query of correlated subqueries: the database answers
    either in well under a millisecond, but Django takes far longer to compile twenty
    subqueries than seven plain reads, and that was most of the page's time."""
    from casework.assessments.models import Assessment
    from casework.meetings.models import Meeting
    from casework.plans.models import CINPlan, Visit
    from casework.protection.models import ChildProtectionPlan, CPVisit, Section47

    newest_first = ("-visited_on", "-created_at")
    authorised = Assessment.objects.filter(
        episode=OuterRef("pk"), status=Assessment.Status.AUTHORISED
    )
    return {
        **_newest(
            "cin",
            CINPlan.objects.filter(person=person).exclude(status=CINPlan.Status.ENDED).order_by(),
            "pk",
            "status",
            "next_review_due",
            "next_visit_due",
        ),
        **_newest(
            "cp",
            ChildProtectionPlan.objects.filter(
                person=person, status=ChildProtectionPlan.Status.ACTIVE
            ).order_by("-started_on"),
            "pk",
            "next_review_due",
            "next_core_group_due",
            "next_visit_due",
        ),
        **_newest(
            "s47",
            Section47.objects.filter(person=person, awaiting_icpc=True).order_by("icpc_target"),
            "pk",
            "icpc_target",
        ),
        **_newest(
            "episode",
            Episode.objects.filter(person=person, status=Episode.Status.OPEN)
            .order_by()
            .annotate(assessment_authorised=Exists(authorised)),
            "pk",
            "referral_date",
            "referral_source",
            "assessment_target",
            "assessment_authorised",
        ),
        **_newest(
            "seen",
            Visit.objects.filter(person=person, child_seen=True).order_by(*newest_first),
            "visited_on",
            "seen_alone",
        ),
        **_newest(
            "cp_seen",
            CPVisit.objects.filter(person=person, child_seen=True).order_by(*newest_first),
            "visited_on",
            "seen_alone",
        ),
        **_newest(
            "meeting",
            Meeting.objects.filter(
                person=person, status=Meeting.Status.DRAFT, held_on__gte=today
            ).order_by("held_on", "starts_at"),
            "pk",
            "held_on",
            "kind",
        ),
    }


def _status(facts: dict[str, Any], person: Person) -> tuple[str, str]:
    # Looked-after children are not recorded in Casework yet; when they are, that status comes
    # first, as it does in the CIN census.
    if facts["cp_pk"]:
        return "Child protection plan", reverse("protection:person", args=[person.pk])
    if facts["cin_pk"]:
        url = reverse("plans:plan", args=[person.pk, facts["cin_pk"]])
        if facts["cin_status"] == "awaiting_approval":
            return "Child in need plan, awaiting a manager's approval", url
        return "Child in need plan", url
    if facts["episode_pk"]:
        return "Open referral", reverse("assessments:person", args=[person.pk])
    return "No open case", ""


def _due(facts: dict[str, Any], person: Person) -> list[Due]:
    """The statutory steps and planned meetings still to come, soonest first. Supervision
    directions have their own row on the summary."""
    from casework.meetings.models import Meeting

    due: list[Due] = []

    def add(what: str, on: datetime.date | None, url: str) -> None:
        if on is not None:
            due.append(Due(what, on, url))

    if facts["episode_pk"] and not facts["episode_assessment_authorised"]:
        add(
            "Assessment",
            facts["episode_assessment_target"],
            reverse("assessments:person", args=[person.pk]),
        )
    if facts["cin_pk"]:
        plan_url = reverse("plans:plan", args=[person.pk, facts["cin_pk"]])
        add("Child in need plan review", facts["cin_next_review_due"], plan_url)
        add("Child in need visit", facts["cin_next_visit_due"], plan_url)
    if facts["cp_pk"]:
        cp_url = reverse("protection:plan", args=[person.pk, facts["cp_pk"]])
        add("Review child protection conference", facts["cp_next_review_due"], cp_url)
        add("Core group meeting", facts["cp_next_core_group_due"], cp_url)
        add("Child protection visit", facts["cp_next_visit_due"], cp_url)
    if facts["s47_pk"]:
        add(
            "Initial child protection conference",
            facts["s47_icpc_target"],
            reverse("protection:s47", args=[person.pk, facts["s47_pk"]]),
        )
    if facts["meeting_pk"]:
        add(
            Meeting.Kind(facts["meeting_kind"]).label,
            facts["meeting_held_on"],
            reverse("meetings:meeting", args=[person.pk, facts["meeting_pk"]]),
        )
    return sorted(due, key=lambda item: item.on)


def _last_seen(facts: dict[str, Any]) -> LastSeen | None:
    seen = []
    if facts["seen_visited_on"]:
        seen.append(
            LastSeen(facts["seen_visited_on"], facts["seen_seen_alone"], "child in need visit")
        )
    if facts["cp_seen_visited_on"]:
        seen.append(
            LastSeen(
                facts["cp_seen_visited_on"], facts["cp_seen_seen_alone"], "child protection visit"
            )
        )
    return max(seen, key=lambda s: s.on) if seen else None


def current_allocation(person: Person) -> Allocation | None:
    """The open allocation, with its team and worker."""
    allocation: Allocation | None = (
        Allocation.objects.filter(person=person, ended_on__isnull=True)
        .select_related("team", "worker")
        .first()
    )
    return allocation


def _manager_name(allocation: Allocation | None) -> str:
    """The name of the manager of the team holding the case, as `User.display_name` puts it."""
    if allocation is None:
        return ""
    manager = (
        User.objects.filter(team_id=allocation.team_id, role=Role.TEAM_MANAGER, is_active=True)
        .order_by("last_name", "first_name")
        .only("first_name", "last_name", "username")
        .first()
    )
    return manager.display_name if manager else ""


def case_summary(person: Person, today: datetime.date) -> CaseSummary:
    from casework.oversight import selectors as oversight

    facts = _facts(person, today)
    allocation = current_allocation(person)
    status, status_url = _status(facts, person)
    referral = None
    if facts["episode_pk"]:
        referral = OpenReferral(
            id=facts["episode_pk"],
            referral_date=facts["episode_referral_date"],
            source=ReferralSource(facts["episode_referral_source"]).label,
            assessment_target=facts["episode_assessment_target"],
        )
    return CaseSummary(
        status=status,
        status_url=status_url,
        allocation=allocation,
        manager_name=_manager_name(allocation),
        referral=referral,
        due=_due(facts, person),
        last_seen=_last_seen(facts),
        latest_decision=oversight.latest_for_person(person),
        open_directions=list(oversight.open_directions_for_person(person)[:5]),
        today=today,
    )
