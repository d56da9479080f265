"""Reads about child protection. Record reads take a person the user may already see; the trays
are scoped to the user here, each one indexed query whatever the caseload."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from casework.accounts.models import Role
from casework.cases.models import Allocation
from casework.people.models import Person
from casework.protection.models import (
    ChildProtectionPlan,
    Conference,
    CPVisit,
    FamilyGroupConference,
    RiskContext,
    Section47,
    StrategyDiscussion,
)

TRAY_LIMIT = 200
REVIEW_HORIZON = datetime.timedelta(weeks=13)
CORE_GROUP_HORIZON = datetime.timedelta(weeks=4)


def _scope[M: Any](queryset: QuerySet[M], user: Any) -> QuerySet[M]:
    """Reviewing officers chair for every team and see every child; a team manager sees the
    team's children; a social worker the children allocated to them."""
    role = getattr(user, "role", None)
    if role == Role.REVIEWING_OFFICER:
        return queryset
    # An IN over the open allocations (indexed by team and by worker) lets the database start
    # from the few children the user holds, rather than test every active plan in the council.
    if role == Role.TEAM_MANAGER and user.team_id is not None:
        held = Allocation.objects.filter(team_id=user.team_id, ended_on__isnull=True)
        return queryset.filter(person_id__in=held.values("person_id"))
    if role == Role.SOCIAL_WORKER:
        held = Allocation.objects.filter(worker=user, ended_on__isnull=True)
        return queryset.filter(person_id__in=held.values("person_id"))
    return queryset.none()


def _awaiting_icpc() -> QuerySet[Section47]:
    return Section47.objects.filter(awaiting_icpc=True).exclude(
        status=Section47.Status.AUTHORISED,
        outcome__in=[Section47.Outcome.NOT_SUBSTANTIATED, Section47.Outcome.NOT_AT_RISK],
    )


def initial_conferences_due(user: Any) -> list[Section47]:
    """Enquiries whose initial conference has not been held, by the stricter census target."""
    rows = _scope(_awaiting_icpc(), user).select_related("person")
    return list(rows.order_by("icpc_target")[:TRAY_LIMIT])


def _active_plans(user: Any) -> QuerySet[ChildProtectionPlan]:
    rows = ChildProtectionPlan.objects.filter(status=ChildProtectionPlan.Status.ACTIVE)
    return _scope(rows, user).select_related("person")


def review_conferences_due(
    user: Any, today: datetime.date | None = None
) -> list[ChildProtectionPlan]:
    """Reviews overdue or due within REVIEW_HORIZON: long enough for a chair to book a
    conference and for reports to be written, and to cover a whole first-review cycle."""
    day = today or timezone.localdate()
    rows = _active_plans(user).filter(next_review_due__lte=day + REVIEW_HORIZON)
    return list(rows.order_by("next_review_due")[:TRAY_LIMIT])


def core_groups_due(user: Any, today: datetime.date | None = None) -> list[ChildProtectionPlan]:
    """Core groups overdue or due within CORE_GROUP_HORIZON (they meet about monthly)."""
    day = today or timezone.localdate()
    rows = _active_plans(user).filter(next_core_group_due__lte=day + CORE_GROUP_HORIZON)
    return list(rows.order_by("next_core_group_due")[:TRAY_LIMIT])


def visits_overdue(user: Any, today: datetime.date | None = None) -> list[ChildProtectionPlan]:
    day = today or timezone.localdate()
    rows = _active_plans(user).filter(next_visit_due__lt=day)
    return list(rows.order_by("next_visit_due")[:TRAY_LIMIT])


def conferences_to_finalise(user: Any) -> list[Conference]:
    """Conferences held but not finalised: a chair's own, or those about the user's children."""
    rows = Conference.objects.filter(finalised_at__isnull=True)
    if getattr(user, "role", None) == Role.REVIEWING_OFFICER:
        rows = rows.filter(chair=user)
    else:
        rows = _scope(rows, user)
    return list(rows.select_related("person").order_by("held_on")[:TRAY_LIMIT])


@dataclass(frozen=True)
class TrayCounts:
    """How many of each child protection clock are overdue today, for the cards at the top of the
    trays: two queries, one over enquiries and one over plans."""

    initial_conferences: int
    review_conferences: int
    core_groups: int
    visits: int


def overdue_counts(user: Any, today: datetime.date | None = None) -> TrayCounts:
    day = today or timezone.localdate()
    initial = (
        _scope(_awaiting_icpc(), user).filter(icpc_target__lt=day).aggregate(n=Count("pk"))["n"]
    )
    plans = _scope(
        ChildProtectionPlan.objects.filter(status=ChildProtectionPlan.Status.ACTIVE), user
    ).aggregate(
        reviews=Count("pk", filter=Q(next_review_due__lt=day)),
        core_groups=Count("pk", filter=Q(next_core_group_due__lt=day)),
        visits=Count("pk", filter=Q(next_visit_due__lt=day)),
    )
    return TrayCounts(initial, plans["reviews"], plans["core_groups"], plans["visits"])


@dataclass
class PersonProtection:
    """What the child's page shows about child protection; truthy so a template can guard on it."""

    plan: ChildProtectionPlan | None
    section47: Section47 | None
    can_change: bool
    can_decide: bool
    can_chair: bool
    today: datetime.date = field(default_factory=timezone.localdate)

    def __bool__(self) -> bool:
        return True


def summary_for(user: Any, person: Person) -> PersonProtection:
    from casework.protection import access

    return protection_summary(
        user,
        plan=ChildProtectionPlan.objects.filter(
            person=person, status=ChildProtectionPlan.Status.ACTIVE
        ).first(),
        section47=Section47.objects.filter(person=person, awaiting_icpc=True).first(),
        in_allocated_team=access.in_allocated_team(user, person),
    )


def protection_summary(
    user: Any,
    *,
    plan: ChildProtectionPlan | None,
    section47: Section47 | None,
    in_allocated_team: bool,
) -> PersonProtection:
    """The summary from the child's active plan and enquiry awaiting conference, for a caller
    that has read them already (the case summary reads them in its one statement of facts)."""
    from casework.oversight.services import may_decide
    from casework.protection import access

    return PersonProtection(
        plan=plan,
        section47=section47,
        can_change=in_allocated_team,
        can_decide=in_allocated_team and may_decide(user),
        can_chair=access.is_chair(user),
    )


def discussions_for(person: Person) -> QuerySet[StrategyDiscussion]:
    return StrategyDiscussion.objects.filter(person=person).prefetch_related("participants")


def enquiries_for(person: Person) -> QuerySet[Section47]:
    return Section47.objects.filter(person=person).select_related("strategy_discussion")


def conferences_for(person: Person) -> QuerySet[Conference]:
    return Conference.objects.filter(person=person).select_related("chair")


def plans_for(person: Person) -> QuerySet[ChildProtectionPlan]:
    return ChildProtectionPlan.objects.filter(person=person)


def plan_with_details(plan: ChildProtectionPlan) -> ChildProtectionPlan:
    return (
        ChildProtectionPlan.objects.filter(pk=plan.pk)
        .select_related("person", "initial_conference")
        .prefetch_related(
            "actions",
            "core_groups",
            Prefetch("visits", queryset=CPVisit.objects.select_related("visited_by")),
            Prefetch("review_conferences", queryset=Conference.objects.select_related("chair")),
        )
        .get()
    )


def family_group_conferences_for(person: Person) -> QuerySet[FamilyGroupConference]:
    return FamilyGroupConference.objects.filter(person=person)


def risk_contexts_for(person: Person) -> QuerySet[RiskContext]:
    return RiskContext.objects.filter(children=person)
