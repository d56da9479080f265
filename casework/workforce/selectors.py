"""Reads for the workforce pages, the API and the census. Caseloads are counted here from open
allocations every time; nothing stores them.

Team managers see their own team; heads of service see every team. Recruitment staff (heads of
service and administrators) are the only people who see applicants.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from casework.accounts.models import Role, Team, User
from casework.cases.models import Allocation
from casework.lib import caseload
from casework.workforce import weighting
from casework.workforce.models import (
    AcademyCohort,
    Application,
    Booking,
    CaseloadThreshold,
    OrgRole,
    StaffRecord,
    Vacancy,
)

WORKFORCE_ROLES = frozenset({Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE})
ALL_TEAMS_ROLES = frozenset({Role.HEAD_OF_SERVICE})
# Recruitment staff: there is no recruitment role yet, so heads of service and administrators
# do the work. Nobody else sees applicants' personal data.
RECRUITMENT_ROLES = frozenset({Role.HEAD_OF_SERVICE, Role.ADMIN})
# Census roles whose holders carry cases and so count towards a team's capacity.
CASE_HOLDING = frozenset({OrgRole.SENIOR_PRACTITIONER, OrgRole.CASE_HOLDER})


def _role(user: Any) -> str | None:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    role: str = user.role
    return role


def teams_visible_to(user: Any) -> QuerySet[Team]:
    role = _role(user)
    if role in ALL_TEAMS_ROLES:
        return Team.objects.filter(is_front_door=False).order_by("name")
    if role == Role.TEAM_MANAGER and user.team_id is not None:
        return Team.objects.filter(pk=user.team_id)
    return Team.objects.none()


def applications_visible_to(user: Any) -> QuerySet[Application]:
    if _role(user) in RECRUITMENT_ROLES:
        return Application.objects.all()
    return Application.objects.none()


def published_vacancies(today: datetime.date) -> QuerySet[Vacancy]:
    """Vacancies the public may see: open, and not past their closing date."""
    return (
        Vacancy.objects.filter(
            status=Vacancy.Status.OPEN, opened_on__lte=today, closes_on__gte=today
        )
        .select_related("team")
        .order_by("closes_on", "title")
    )


def in_post_on(day: datetime.date) -> Q:
    return Q(started_on__lte=day) & (Q(left_on__isnull=True) | Q(left_on__gt=day))


# Caseloads -------------------------------------------------------------------------------------


@dataclass
class WorkerCaseload:
    user: User
    record: StaffRecord | None
    children: int = 0
    weighted: Decimal = Decimal(0)
    capacity: Decimal = Decimal(1)
    holds_cases: bool = True
    target: Decimal = CaseloadThreshold.DEFAULT_TARGET
    alert: Decimal = CaseloadThreshold.DEFAULT_ALERT

    @property
    def per_fte(self) -> Decimal | None:
        return caseload.per_fte(self.weighted, self.capacity)

    @property
    def level(self) -> str:
        """ "alert" above the alert threshold, "above_target" above the target, else "ok"."""
        value = self.per_fte
        if value is None:
            return "alert" if self.weighted > 0 else "ok"
        if value > self.alert:
            return "alert"
        if value > self.target:
            return "above_target"
        return "ok"


@dataclass
class TeamCaseload:
    team: Team
    target: Decimal
    alert: Decimal
    workers: list[WorkerCaseload] = field(default_factory=list)
    children: int = 0
    load: Decimal = Decimal(0)
    unallocated_to_worker: int = 0

    @property
    def capacity(self) -> Decimal:
        return sum((w.capacity for w in self.workers if w.holds_cases), Decimal(0))

    @property
    def average(self) -> Decimal | None:
        return caseload.per_fte(self.load, self.capacity)

    @property
    def alerts(self) -> list[WorkerCaseload]:
        return [worker for worker in self.workers if worker.level == "alert"]

    @property
    def level(self) -> str:
        value = self.average
        if value is None:
            return "alert" if self.load > 0 else "ok"
        if value > self.alert:
            return "alert"
        if value > self.target:
            return "above_target"
        return "ok"

    def forecast(self, starters: int = 0, target: Decimal | None = None) -> caseload.Forecast:
        return caseload.forecast(self.load, self.capacity, target or self.target, starters)


def thresholds_for(teams: Iterable[Team]) -> dict[Any, tuple[Decimal, Decimal]]:
    """(target, alert) per team id: the team's own, else the council's, else the defaults."""
    rows = {row.team_id: row for row in CaseloadThreshold.objects.all()}
    council = rows.get(None)
    default = (
        (council.target, council.alert)
        if council
        else (CaseloadThreshold.DEFAULT_TARGET, CaseloadThreshold.DEFAULT_ALERT)
    )
    result = {}
    for team in teams:
        own = rows.get(team.pk)
        result[team.pk] = (own.target, own.alert) if own else default
    return result


def team_caseloads(teams: Iterable[Team], today: datetime.date) -> list[TeamCaseload]:
    """Caseloads for each team and each of its workers, in a fixed number of queries however
    many teams, workers and children there are."""
    teams = list(teams)
    team_ids = [team.pk for team in teams]
    weights = weighting.current_weights()
    thresholds = thresholds_for(teams)
    summaries = {team.pk: TeamCaseload(team, *thresholds[team.pk]) for team in teams}
    members = (
        User.objects.filter(team_id__in=team_ids, is_active=True)
        .filter(role__in=[Role.SOCIAL_WORKER, Role.TEAM_MANAGER])
        .select_related("staff_record")
        .order_by("first_name", "last_name", "username")
    )
    by_user: dict[Any, WorkerCaseload] = {}
    for user in members:
        record: StaffRecord | None = getattr(user, "staff_record", None)
        if record is not None and not record.in_post_on(today):
            continue
        team_id: Any = user.team_id
        target, alert = thresholds[team_id]
        holds = (
            record.org_role in CASE_HOLDING
            if record is not None
            else user.role == Role.SOCIAL_WORKER
        )
        row = WorkerCaseload(
            user=user,
            record=record,
            capacity=weighting.capacity_of(record, weights),
            holds_cases=holds,
            target=target,
            alert=alert,
        )
        by_user[user.pk] = row
        summaries[team_id].workers.append(row)
    open_allocations = Allocation.objects.filter(ended_on__isnull=True, started_on__lte=today)
    allocations = open_allocations.filter(
        Q(team_id__in=team_ids) | Q(worker_id__in=list(by_user))
    ).only("pk", "team_id", "worker_id", "person_id")
    children: dict[Any, set[Any]] = defaultdict(set)
    for allocation in allocations:
        weight = weighting.weight_of(allocation, weights)
        worker = by_user.get(allocation.worker_id)
        if worker is not None:
            worker.children += 1
            worker.weighted += weight
        summary = summaries.get(allocation.team_id)
        if summary is not None:
            children[allocation.team_id].add(allocation.person_id)
            summary.load += weight
            if allocation.worker_id is None:
                summary.unallocated_to_worker += 1
    for team_id, people in children.items():
        summaries[team_id].children = len(people)
    return [summaries[team.pk] for team in teams]


def team_caseload(team: Team, today: datetime.date) -> TeamCaseload:
    return team_caseloads([team], today)[0]


# Census ----------------------------------------------------------------------------------------


def census_staff(start: datetime.date, end: datetime.date) -> QuerySet[StaffRecord]:
    """Registered social workers in post at any time from `start` to `end` (the census year)."""
    return (
        StaffRecord.objects.exclude(swe_number="")
        .filter(started_on__lte=end)
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=start))
        .select_related("user")
        .order_by("swe_number", "pk")
    )


def cases_held_on(day: datetime.date, users: Iterable[Any]) -> dict[Any, int]:
    """How many children each worker held on `day`, from the allocations open that day."""
    counts: dict[Any, set[Any]] = defaultdict(set)
    rows = (
        Allocation.objects.filter(worker_id__in=list(users), started_on__lte=day)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day))
        .values_list("worker_id", "person_id")
    )
    for worker_id, person_id in rows:
        counts[worker_id].add(person_id)
    return {worker_id: len(people) for worker_id, people in counts.items()}


def vacancies_open_on(day: datetime.date) -> QuerySet[Vacancy]:
    """Social work posts vacant on `day`: advertised by then, not yet filled or withdrawn."""
    return (
        Vacancy.objects.filter(social_work_post=True, opened_on__lte=day)
        .exclude(status=Vacancy.Status.DRAFT)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day))
    )


# Recruitment dashboard -------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal | int
    share: int  # the bar's length, as a percentage of the longest


def bars(rows: Iterable[tuple[str, Decimal | int]]) -> list[Bar]:
    rows = list(rows)
    top = max((value for _, value in rows), default=0) or 1
    return [Bar(label, value, int(Decimal(value) * 100 / Decimal(top))) for label, value in rows]


def dashboard(today: datetime.date) -> dict[str, Any]:
    """The figures on the recruitment dashboard, each a short list a chart and a table share."""
    vacant = (
        vacancies_open_on(today)
        .values("team__name")
        .annotate(fte=Sum("fte"), posts=Count("pk"))
        .order_by("team__name")
    )
    vacancies_by_team = bars(
        (row["team__name"] or "No team", Decimal(row["fte"] or 0).quantize(Decimal("0.01")))
        for row in vacant
    )
    hired = Application.objects.filter(stage=Application.Stage.STARTING).select_related("vacancy")
    days = sorted(
        (timezone.localdate(row.updated_at) - row.vacancy.opened_on).days for row in hired
    )
    median_days = days[len(days) // 2] if days else None
    booked_emails = set(
        Booking.objects.filter(cancelled_at__isnull=True).values_list("email", flat=True)
    )
    applied = Application.objects.filter(email__in=booked_emails)
    funnel = bars(
        [
            ("Booked an event", len(booked_emails)),
            ("Then applied", applied.values("email").distinct().count()),
            (
                "Then started",
                applied.filter(stage=Application.Stage.STARTING).values("email").distinct().count(),
            ),
        ]
    )
    cohorts = AcademyCohort.objects.annotate(
        total=Count("trainees"),
        completed=Count("trainees", filter=Q(trainees__completed_on__isnull=False)),
    ).order_by("starts_on")
    academy = [(cohort.name, cohort.total, cohort.completed) for cohort in cohorts]
    academy_bars = bars(
        (name, int(completed * 100 / total) if total else 0) for name, total, completed in academy
    )
    return {
        "vacancies_by_team": vacancies_by_team,
        "time_to_hire_days": median_days,
        "hires": len(days),
        "funnel": funnel,
        "academy": academy,
        "academy_bars": academy_bars,
    }
