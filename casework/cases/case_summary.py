"""The summary at the top of a child's case record: where the case stands (open referral, child
in need plan, child protection plan), who holds it, what is due and overdue, when the child was
last seen (and seen alone), the latest management decision and the supervision directions still
open.

It reads across the apps that hold those facts in a fixed number of queries whatever the size of
the case: one query of indexed subqueries for the scalar facts (each reads a stored due date or
the newest row of one table), one for the holder of the case and their manager, one for the
latest decision and one for the open directions. Due dates are the ones the clock stored when
each step started; nothing here computes a deadline.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet, Subquery
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


def _first(queryset: QuerySet[Any], name: str) -> Subquery:
    return Subquery(queryset.values(name)[:1])


def _facts(person: Person, today: datetime.date) -> dict[str, Any]:
    """Every scalar fact the summary needs, in one statement of indexed subqueries."""
    from casework.assessments.models import Assessment
    from casework.meetings.models import Meeting
    from casework.plans.models import CINPlan, Visit
    from casework.protection.models import ChildProtectionPlan, CPVisit, Section47

    child = OuterRef("pk")
    cin = CINPlan.objects.filter(person=child).exclude(status=CINPlan.Status.ENDED)
    cp = ChildProtectionPlan.objects.filter(
        person=child, status=ChildProtectionPlan.Status.ACTIVE
    ).order_by("-started_on")
    s47 = Section47.objects.filter(person=child, awaiting_icpc=True).order_by("icpc_target")
    episode = Episode.objects.filter(person=child, status=Episode.Status.OPEN)
    seen = Visit.objects.filter(person=child, child_seen=True).order_by(
        "-visited_on", "-created_at"
    )
    cp_seen = CPVisit.objects.filter(person=child, child_seen=True).order_by(
        "-visited_on", "-created_at"
    )
    meeting = Meeting.objects.filter(
        person=child, status=Meeting.Status.DRAFT, held_on__gte=today
    ).order_by("held_on", "starts_at")
    row = (
        Person.objects.filter(pk=person.pk)
        .annotate(
            cin_id=_first(cin, "pk"),
            cin_status=_first(cin, "status"),
            cin_review_due=_first(cin, "next_review_due"),
            cin_visit_due=_first(cin, "next_visit_due"),
            cp_id=_first(cp, "pk"),
            cp_review_due=_first(cp, "next_review_due"),
            cp_core_group_due=_first(cp, "next_core_group_due"),
            cp_visit_due=_first(cp, "next_visit_due"),
            s47_id=_first(s47, "pk"),
            s47_icpc_target=_first(s47, "icpc_target"),
            episode_id=_first(episode, "pk"),
            referral_date=_first(episode, "referral_date"),
            referral_source=_first(episode, "referral_source"),
            assessment_target=_first(episode, "assessment_target"),
            assessment_authorised=Exists(
                Assessment.objects.filter(
                    episode__person=child,
                    episode__status=Episode.Status.OPEN,
                    status=Assessment.Status.AUTHORISED,
                )
            ),
            seen_on=_first(seen, "visited_on"),
            seen_alone=_first(seen, "seen_alone"),
            cp_seen_on=_first(cp_seen, "visited_on"),
            cp_seen_alone=_first(cp_seen, "seen_alone"),
            meeting_id=_first(meeting, "pk"),
            meeting_on=_first(meeting, "held_on"),
            meeting_kind=_first(meeting, "kind"),
        )
        .values(
            "cin_id",
            "cin_status",
            "cin_review_due",
            "cin_visit_due",
            "cp_id",
            "cp_review_due",
            "cp_core_group_due",
            "cp_visit_due",
            "s47_id",
            "s47_icpc_target",
            "episode_id",
            "referral_date",
            "referral_source",
            "assessment_target",
            "assessment_authorised",
            "seen_on",
            "seen_alone",
            "cp_seen_on",
            "cp_seen_alone",
            "meeting_id",
            "meeting_on",
            "meeting_kind",
        )
        .get()
    )
    return dict(row)


def _status(facts: dict[str, Any], person: Person) -> tuple[str, str]:
    # Looked-after children are not recorded in Casework yet; when they are, that status comes
    # first, as it does in the CIN census.
    if facts["cp_id"]:
        return "Child protection plan", reverse("protection:person", args=[person.pk])
    if facts["cin_id"]:
        url = reverse("plans:plan", args=[person.pk, facts["cin_id"]])
        if facts["cin_status"] == "awaiting_approval":
            return "Child in need plan, awaiting a manager's approval", url
        return "Child in need plan", url
    if facts["episode_id"]:
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

    if facts["episode_id"] and not facts["assessment_authorised"]:
        add(
            "Assessment",
            facts["assessment_target"],
            reverse("assessments:person", args=[person.pk]),
        )
    if facts["cin_id"]:
        plan_url = reverse("plans:plan", args=[person.pk, facts["cin_id"]])
        add("Child in need plan review", facts["cin_review_due"], plan_url)
        add("Child in need visit", facts["cin_visit_due"], plan_url)
    if facts["cp_id"]:
        cp_url = reverse("protection:plan", args=[person.pk, facts["cp_id"]])
        add("Review child protection conference", facts["cp_review_due"], cp_url)
        add("Core group meeting", facts["cp_core_group_due"], cp_url)
        add("Child protection visit", facts["cp_visit_due"], cp_url)
    if facts["s47_id"]:
        add(
            "Initial child protection conference",
            facts["s47_icpc_target"],
            reverse("protection:s47", args=[person.pk, facts["s47_id"]]),
        )
    if facts["meeting_id"]:
        add(
            Meeting.Kind(facts["meeting_kind"]).label,
            facts["meeting_on"],
            reverse("meetings:meeting", args=[person.pk, facts["meeting_id"]]),
        )
    return sorted(due, key=lambda item: item.on)


def _last_seen(facts: dict[str, Any]) -> LastSeen | None:
    seen = []
    if facts["seen_on"]:
        seen.append(LastSeen(facts["seen_on"], facts["seen_alone"], "child in need visit"))
    if facts["cp_seen_on"]:
        seen.append(LastSeen(facts["cp_seen_on"], facts["cp_seen_alone"], "child protection visit"))
    return max(seen, key=lambda s: s.on) if seen else None


def current_allocation(person: Person) -> Allocation | None:
    """The open allocation with its team and worker, and the name of the team's manager
    (`manager_name`), in one query."""
    manager = User.objects.filter(
        team=OuterRef("team_id"), role=Role.TEAM_MANAGER, is_active=True
    ).order_by("last_name", "first_name")
    allocation: Allocation | None = (
        Allocation.objects.filter(person=person, ended_on__isnull=True)
        .select_related("team", "worker")
        .annotate(
            manager_first=_first(manager, "first_name"),
            manager_last=_first(manager, "last_name"),
            manager_username=_first(manager, "username"),
        )
        .first()
    )
    return allocation


def _manager_name(allocation: Allocation | None) -> str:
    """As `User.display_name` would put it."""
    if allocation is None:
        return ""
    values = [getattr(allocation, name, None) or "" for name in ("manager_first", "manager_last")]
    return " ".join(values).strip() or getattr(allocation, "manager_username", None) or ""


def case_summary(person: Person, today: datetime.date) -> CaseSummary:
    from casework.oversight import selectors as oversight

    facts = _facts(person, today)
    allocation = current_allocation(person)
    status, status_url = _status(facts, person)
    referral = None
    if facts["episode_id"]:
        referral = OpenReferral(
            id=facts["episode_id"],
            referral_date=facts["referral_date"],
            source=ReferralSource(facts["referral_source"]).label,
            assessment_target=facts["assessment_target"],
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
