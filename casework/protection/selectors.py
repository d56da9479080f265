"""Reads about child protection. Record reads take a person the user may already see; the trays
are scoped to the user here, each list one indexed query for one page of it, and their counts
three aggregates, whatever the caseload."""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from casework.accounts.models import Role
from casework.assessments.models import Assessment
from casework.cases.models import Allocation
from casework.cases.outside_home import OUTSIDE_HOME_FIELDS, any_outside_home_risk
from casework.lib import paging
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

# A chair's lists run to hundreds of children; a page of 25 is what a person reads before
# acting, and the count in each heading says how many more there are.
TRAY_PAGE_SIZE = 25
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


def _active_plans(user: Any) -> QuerySet[ChildProtectionPlan]:
    rows = ChildProtectionPlan.objects.filter(status=ChildProtectionPlan.Status.ACTIVE)
    return _scope(rows, user)


# What puts a plan in each list, written once so that a list and its count cannot disagree.
def _review_due(day: datetime.date) -> Q:
    return Q(next_review_due__lte=day + REVIEW_HORIZON)


def _core_group_due(day: datetime.date) -> Q:
    return Q(next_core_group_due__lte=day + CORE_GROUP_HORIZON)


def _visit_overdue(day: datetime.date) -> Q:
    return Q(next_visit_due__lt=day)


def _to_finalise(user: Any) -> QuerySet[Conference]:
    rows = Conference.objects.filter(finalised_at__isnull=True)
    if getattr(user, "role", None) == Role.REVIEWING_OFFICER:
        return rows.filter(chair=user)
    return _scope(rows, user)


def _window[M: Any](rows: QuerySet[M], page: paging.Page | None) -> list[M]:
    """One page of an ordered list; the first when no page is given."""
    page = page or paging.Page(1, TRAY_PAGE_SIZE, 0)
    return list(rows[page.start : page.stop])


# Each list is ordered most overdue first, then by id: many children share a due date, and
# without a tie-break the database may give one of them on two pages and another on none.
def initial_conferences_due(user: Any, page: paging.Page | None = None) -> list[Section47]:
    """Enquiries whose initial conference has not been held, by the stricter census target."""
    rows = _scope(_awaiting_icpc(), user).select_related("person")
    return _window(rows.order_by("icpc_target", "pk"), page)


def review_conferences_due(
    user: Any, today: datetime.date | None = None, page: paging.Page | None = None
) -> list[ChildProtectionPlan]:
    """Reviews overdue or due within REVIEW_HORIZON: long enough for a chair to book a
    conference and for reports to be written, and to cover a whole first-review cycle."""
    rows = _active_plans(user).filter(_review_due(today or timezone.localdate()))
    return _window(rows.select_related("person").order_by("next_review_due", "pk"), page)


def core_groups_due(
    user: Any, today: datetime.date | None = None, page: paging.Page | None = None
) -> list[ChildProtectionPlan]:
    """Core groups overdue or due within CORE_GROUP_HORIZON (they meet about monthly)."""
    rows = _active_plans(user).filter(_core_group_due(today or timezone.localdate()))
    return _window(rows.select_related("person").order_by("next_core_group_due", "pk"), page)


def visits_overdue(
    user: Any, today: datetime.date | None = None, page: paging.Page | None = None
) -> list[ChildProtectionPlan]:
    rows = _active_plans(user).filter(_visit_overdue(today or timezone.localdate()))
    return _window(rows.select_related("person").order_by("next_visit_due", "pk"), page)


def conferences_to_finalise(user: Any, page: paging.Page | None = None) -> list[Conference]:
    """Conferences held but not finalised: a chair's own, or those about the user's children."""
    # The chair too: the API names each conference's chair, who for a team is not the user.
    rows = _to_finalise(user).select_related("person", "chair")
    return _window(rows.order_by("held_on", "pk"), page)


@dataclass(frozen=True)
class TrayCounts:
    """How many of each child protection clock are overdue today, for the cards at the top of the
    trays; and how many rows each list holds, for its heading and its pages. Three queries
    whatever the council's size: one over enquiries, one over plans, one over conferences."""

    initial_conferences: int
    review_conferences: int
    core_groups: int
    visits: int
    initial_conferences_due: int
    review_conferences_due: int
    core_groups_due: int
    conferences_to_finalise: int


def tray_counts(user: Any, today: datetime.date | None = None) -> TrayCounts:
    day = today or timezone.localdate()
    enquiries = _scope(_awaiting_icpc(), user).aggregate(
        overdue=Count("pk", filter=Q(icpc_target__lt=day)), due=Count("pk")
    )
    plans = _active_plans(user).aggregate(
        reviews=Count("pk", filter=Q(next_review_due__lt=day)),
        core_groups=Count("pk", filter=Q(next_core_group_due__lt=day)),
        visits=Count("pk", filter=_visit_overdue(day)),
        reviews_due=Count("pk", filter=_review_due(day)),
        core_groups_due=Count("pk", filter=_core_group_due(day)),
    )
    return TrayCounts(
        initial_conferences=enquiries["overdue"],
        review_conferences=plans["reviews"],
        core_groups=plans["core_groups"],
        visits=plans["visits"],
        initial_conferences_due=enquiries["due"],
        review_conferences_due=plans["reviews_due"],
        core_groups_due=plans["core_groups_due"],
        conferences_to_finalise=_to_finalise(user).count(),
    )


@dataclass(frozen=True)
class Tray[M]:
    """One page of a tray list, with where it sits in the whole list."""

    rows: list[M]
    page: paging.Page


@dataclass(frozen=True)
class Trays:
    counts: TrayCounts
    initial: Tray[Section47]
    finalise: Tray[Conference]
    reviews: Tray[ChildProtectionPlan]
    core_groups: Tray[ChildProtectionPlan]
    visits: Tray[ChildProtectionPlan]


def trays(
    user: Any,
    today: datetime.date | None = None,
    pages: Mapping[str, object] | None = None,
    *,
    size: int = TRAY_PAGE_SIZE,
    past_end: bool = False,
) -> Trays:
    """Every tray list at the page asked for in `pages` (keyed by the names of the Trays
    fields; page 1 when not asked), each with its count: eight queries however many children
    the user sees. See `paging.page_of` for what a page number that is not a page gives."""
    day = today or timezone.localdate()
    asked = pages or {}
    counts = tray_counts(user, day)

    def page(name: str, count: int) -> paging.Page:
        return paging.page_of(asked.get(name, 1), count, size, past_end=past_end)

    initial = page("initial", counts.initial_conferences_due)
    finalise = page("finalise", counts.conferences_to_finalise)
    reviews = page("reviews", counts.review_conferences_due)
    core_groups = page("core_groups", counts.core_groups_due)
    # The visits list is exactly the visits overdue, so the card's count is the list's.
    visits = page("visits", counts.visits)
    return Trays(
        counts=counts,
        initial=Tray(initial_conferences_due(user, initial), initial),
        finalise=Tray(conferences_to_finalise(user, finalise), finalise),
        reviews=Tray(review_conferences_due(user, day, reviews), reviews),
        core_groups=Tray(core_groups_due(user, day, core_groups), core_groups),
        visits=Tray(visits_overdue(user, day, visits), visits),
    )


@dataclass(frozen=True)
class ScreeningFinding:
    """Risks outside the home one record's screening found, and where they were recorded."""

    risks: list[str]
    source: str
    on: datetime.date
    url: str


def screening_findings(person: Person) -> list[ScreeningFinding]:
    """The latest authorised assessment and the latest strategy discussion whose screening found
    a risk outside the home: two indexed queries, however long the child's history.

    A draft assessment is left out: until a manager authorises it, it is the worker's working
    view, not the record's.
    """
    columns = ("pk", "person_id", *OUTSIDE_HOME_FIELDS)
    found = []
    assessment = (
        Assessment.objects.filter(person=person, status=Assessment.Status.AUTHORISED)
        .filter(any_outside_home_risk())
        .only(*columns, "authorised_at")
        .order_by("-authorised_at")
        .first()
    )
    if assessment is not None and assessment.authorised_at is not None:
        found.append(
            ScreeningFinding(
                assessment.outside_home_risks,
                "assessment authorised",
                timezone.localdate(assessment.authorised_at),
                assessment.get_absolute_url(),
            )
        )
    discussion = (
        StrategyDiscussion.objects.filter(person=person)
        .filter(any_outside_home_risk())
        .only(*columns, "held_at")
        .order_by("-held_at")
        .first()
    )
    if discussion is not None:
        found.append(
            ScreeningFinding(
                discussion.outside_home_risks,
                "strategy discussion",
                discussion.held_on,
                discussion.get_absolute_url(),
            )
        )
    return found


@dataclass
class PersonProtection:
    """What the child's page shows about child protection; truthy so a template can guard on it."""

    plan: ChildProtectionPlan | None
    section47: Section47 | None
    can_change: bool
    can_decide: bool
    can_chair: bool
    outside_home: list[ScreeningFinding] = field(default_factory=list)
    today: datetime.date = field(default_factory=timezone.localdate)

    def __bool__(self) -> bool:
        return True


def summary_for(user: Any, person: Person) -> PersonProtection:
    from casework.protection import access

    return protection_summary(
        user,
        person,
        plan=ChildProtectionPlan.objects.filter(
            person=person, status=ChildProtectionPlan.Status.ACTIVE
        ).first(),
        section47=Section47.objects.filter(person=person, awaiting_icpc=True).first(),
        in_allocated_team=access.in_allocated_team(user, person),
    )


def protection_summary(
    user: Any,
    person: Person,
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
        outside_home=screening_findings(person),
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
