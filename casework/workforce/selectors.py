"""Reads for the workforce pages, the API and the census. Caseloads are counted here from open
allocations every time; nothing stores them.

Team managers see their own team; heads of service see every team. Recruitment staff
(recruitment officers and administrators) are the only people who see applicants, enquirers,
trainees and the careers site's drafts; heads of service see the recruitment dashboard's figures,
which name nobody.
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
    Champion,
    Council,
    Event,
    OrgRole,
    PooledQuestion,
    PooledStory,
    Question,
    StaffRecord,
    Story,
    Trainee,
    TrainingSession,
    Vacancy,
)

WORKFORCE_ROLES = frozenset({Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE})
ALL_TEAMS_ROLES = frozenset({Role.HEAD_OF_SERVICE})
# Recruitment staff see and change applicants, bookings, questions, stories and the academy.
# Nobody else sees applicants' or enquirers' personal data.
RECRUITMENT_ROLES = frozenset({Role.RECRUITER, Role.ADMIN})
# The recruitment dashboard holds only counts, so heads of service read it too.
DASHBOARD_ROLES = RECRUITMENT_ROLES | {Role.HEAD_OF_SERVICE}
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
    statuses = weighting.statuses_on(allocations, today)
    children: dict[Any, set[Any]] = defaultdict(set)
    for allocation in allocations:
        weight = weighting.weight_of(allocation, weights, statuses)
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


# The charts are SVG drawn on the server (the CSP allows no inline script or style): each bar
# is a row ROW_HEIGHT tall, its label in the first LABEL_WIDTH units and the bar after it.
ROW_HEIGHT = 32
LABEL_WIDTH = 260
BAR_SPACE = 300


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal | int
    share: int  # the bar's length, as a percentage of the longest
    index: int = 0

    @property
    def y(self) -> int:
        return self.index * ROW_HEIGHT

    @property
    def text_y(self) -> int:
        return self.y + 17

    @property
    def length(self) -> int:
        return self.share * BAR_SPACE // 100

    @property
    def bar_x(self) -> int:
        return LABEL_WIDTH

    @property
    def value_x(self) -> int:
        return LABEL_WIDTH + self.length + 6


def bars(rows: Iterable[tuple[str, Decimal | int]]) -> list[Bar]:
    rows = list(rows)
    top = max((value for _, value in rows), default=0) or 1
    return [
        Bar(label, value, int(Decimal(value) * 100 / Decimal(top)), index)
        for index, (label, value) in enumerate(rows)
    ]


@dataclass(frozen=True)
class Hire:
    vacancy: str
    team: str
    opened_on: datetime.date
    agreed_on: datetime.date

    @property
    def days(self) -> int:
        return (self.agreed_on - self.opened_on).days


def _median(values: list[int]) -> int | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) // 2


def funnel(since: datetime.datetime | None = None) -> list[tuple[str, int]]:
    """People who booked a place at an event, came, then applied for a vacancy after booking,
    then agreed a start date: matched by email address, the only thing the public gives both
    times. Cancelled places do not count."""
    bookings = Booking.objects.filter(cancelled_at__isnull=True)
    if since is not None:
        bookings = bookings.filter(created_at__gte=since)
    first_booked: dict[str, datetime.datetime] = {}
    attended: set[str] = set()
    for email, created_at, came in bookings.values_list("email", "created_at", "attended"):
        if email not in first_booked or created_at < first_booked[email]:
            first_booked[email] = created_at
        if came:
            attended.add(email)
    applied: set[str] = set()
    started: set[str] = set()
    rows = Application.objects.filter(email__in=bookings.values("email")).values_list(
        "email", "created_at", "start_agreed_at"
    )
    for email, created_at, agreed in rows:
        booked_at = first_booked.get(email)
        if booked_at is None or created_at < booked_at:
            continue
        applied.add(email)
        if agreed is not None:
            started.add(email)
    return [
        ("Booked a place at an event", len(first_booked)),
        ("Came to the event", len(attended)),
        ("Then applied", len(applied)),
        ("Then agreed a start date", len(started)),
    ]


def dashboard(today: datetime.date) -> dict[str, Any]:
    """The figures on the recruitment dashboard, each a short list a chart and a table share.
    A fixed number of queries, however many vacancies, bookings and applications there are."""
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
    hired = (
        Application.objects.filter(start_agreed_at__isnull=False)
        .select_related("vacancy__team")
        .order_by("start_agreed_at")
    )
    hires = [
        Hire(
            vacancy=row.vacancy.title,
            team=row.vacancy.team.name if row.vacancy.team else "No team",
            opened_on=row.vacancy.opened_on,
            agreed_on=timezone.localdate(row.start_agreed_at),
        )
        for row in hired
        if row.start_agreed_at is not None
    ]
    recent_hires = hires[-12:]
    cohorts = AcademyCohort.objects.annotate(
        total=Count("trainees"),
        completed=Count("trainees", filter=Q(trainees__completed_on__isnull=False)),
    ).order_by("starts_on")
    academy = [(cohort.name, cohort.total, cohort.completed) for cohort in cohorts]
    academy_bars = bars(
        (name, int(completed * 100 / total) if total else 0) for name, total, completed in academy
    )
    steps = funnel()
    return {
        "vacancies_by_team": vacancies_by_team,
        "time_to_hire_days": _median([hire.days for hire in hires]),
        "hires": len(hires),
        "recent_hires": recent_hires,
        "hire_bars": bars((hire.vacancy, hire.days) for hire in recent_hires),
        "funnel": bars(steps),
        "academy": academy,
        "academy_bars": academy_bars,
    }


def forecast_bars(
    summaries: Iterable[TeamCaseload], starters: int
) -> tuple[list[tuple[TeamCaseload, caseload.Forecast]], list[Bar]]:
    """Each team's forecast with `starters` new full-time starters, and a bar of its average
    now for the chart beside the table."""
    rows = [(summary, summary.forecast(starters=starters)) for summary in summaries]
    chart = bars((summary.team.name, result.average_now or Decimal(0)) for summary, result in rows)
    return rows, chart


# Staff pages for recruitment -------------------------------------------------------------------


def questions_by_status() -> list[tuple[str, str, list[Question]]]:
    """Every question not yet deleted, grouped by where it is in moderation, newest first."""
    groups: dict[str, list[Question]] = {status: [] for status in Question.Status.values}
    for question in Question.objects.select_related("champion").order_by("-created_at"):
        groups[question.status].append(question)
    labels = dict(Question.Status.choices)
    order = ("received", "assigned", "answered", "published", "rejected")
    return [(status, str(labels[status]), groups[status]) for status in order]


def active_champions() -> QuerySet[Champion]:
    return Champion.objects.filter(active=True).order_by("name")


def events_for_staff() -> QuerySet[Event]:
    return Event.objects.annotate(
        booked=Count("bookings", filter=Q(bookings__cancelled_at__isnull=True)),
        came=Count("bookings", filter=Q(bookings__attended=True)),
    ).order_by("-starts_at")


@dataclass(frozen=True)
class FollowUp:
    booking: Booking
    applications: list[Application]


def event_follow_up(event: Event) -> list[FollowUp]:
    """Everyone with a place at `event`, and what each has applied for since booking: two
    queries, however many people booked."""
    bookings = list(event.bookings.filter(cancelled_at__isnull=True).order_by("name", "email"))
    emails = [booking.email for booking in bookings]
    applied: dict[str, list[Application]] = defaultdict(list)
    if emails:
        for application in (
            Application.objects.filter(email__in=emails)
            .select_related("vacancy")
            .order_by("created_at")
        ):
            applied[application.email].append(application)
    return [
        FollowUp(
            booking,
            [a for a in applied.get(booking.email, []) if a.created_at >= booking.created_at],
        )
        for booking in bookings
    ]


def cohorts_for_staff() -> QuerySet[AcademyCohort]:
    return AcademyCohort.objects.annotate(
        total=Count("trainees", distinct=True),
        completed=Count("trainees", filter=Q(trainees__completed_on__isnull=False), distinct=True),
        session_count=Count("sessions", distinct=True),
    ).order_by("-starts_on")


@dataclass(frozen=True)
class CohortDetail:
    cohort: AcademyCohort
    trainees: list[Trainee]
    sessions: list[TrainingSession]
    # (trainee, sessions attended, one flag per session in `sessions`' order)
    attendance: list[tuple[Trainee, int, list[bool]]]


def cohort_detail(cohort: AcademyCohort) -> CohortDetail:
    trainees = list(cohort.trainees.select_related("mentor").order_by("name"))
    sessions = list(cohort.sessions.prefetch_related("attended_by").order_by("held_on", "title"))
    present = {session.pk: {t.pk for t in session.attended_by.all()} for session in sessions}
    attendance = []
    for trainee in trainees:
        flags = [trainee.pk in present[session.pk] for session in sessions]
        attendance.append((trainee, sum(flags), flags))
    return CohortDetail(cohort, trainees, sessions, attendance)


def mentors() -> QuerySet[User]:
    """Who may mentor a trainee: social workers and team managers in post."""
    return User.objects.filter(
        is_active=True, role__in=[Role.SOCIAL_WORKER, Role.TEAM_MANAGER]
    ).order_by("first_name", "last_name", "username")


# The careers site: our own content and the region's pool ---------------------------------------


def home_council() -> Council | None:
    return Council.objects.filter(home=True).select_related("region").first()


def own_published_stories() -> QuerySet[Story]:
    return Story.objects.filter(approved_at__isnull=False, consent_given_on__isnull=False)


def pooled_stories() -> QuerySet[PooledStory]:
    """Other councils' shared stories, for the councils in our region only."""
    home = home_council()
    if home is None:
        return PooledStory.objects.none()
    return PooledStory.objects.filter(council__region_id=home.region_id).exclude(council_id=home.pk)


@dataclass(frozen=True)
class StoryCard:
    title: str
    told_by: str
    teller: str
    has_video: bool
    url: str
    council: str  # blank for our own
    published_at: datetime.datetime


def stories_for_public(limit: int = 50) -> list[StoryCard]:
    """Our published stories and the region's pooled ones, newest first, each pooled story
    attributed to its council. Two queries."""
    cards = [
        StoryCard(
            story.title,
            story.told_by,
            story.get_teller_display(),
            bool(story.video_url),
            story.get_absolute_url(),
            "",
            story.approved_at,
        )
        for story in own_published_stories().order_by("-approved_at")[:limit]
        if story.approved_at is not None
    ]
    cards += [
        StoryCard(
            story.title,
            story.told_by,
            story.get_teller_display(),
            bool(story.video_url),
            story.get_absolute_url(),
            story.council.name,
            story.published_at,
        )
        for story in pooled_stories().select_related("council").order_by("-published_at")[:limit]
    ]
    return sorted(cards, key=lambda card: card.published_at, reverse=True)[:limit]


@dataclass(frozen=True)
class AnsweredQuestion:
    text: str
    asked_by: str
    answer: str
    champion_name: str
    champion_job_title: str
    council: str  # blank for our own
    published_at: datetime.datetime


def questions_for_public(limit: int = 100) -> list[AnsweredQuestion]:
    """Our published questions and the region's pooled ones, newest first. Two queries."""
    own = (
        Question.objects.filter(status=Question.Status.PUBLISHED)
        .select_related("champion")
        .order_by("-published_at")[:limit]
    )
    rows = [
        AnsweredQuestion(
            q.text,
            q.asked_by,
            q.answer,
            q.champion.name if q.champion else "",
            q.champion.job_title if q.champion else "",
            "",
            q.published_at,
        )
        for q in own
        if q.published_at is not None
    ]
    home = home_council()
    if home is not None:
        pooled = (
            PooledQuestion.objects.filter(council__region_id=home.region_id)
            .exclude(council_id=home.pk)
            .select_related("council")
            .order_by("-published_at")[:limit]
        )
        rows += [
            AnsweredQuestion(
                q.text,
                q.asked_by,
                q.answer,
                q.champion_name,
                q.champion_job_title,
                q.council.name,
                q.published_at,
            )
            for q in pooled
        ]
    return sorted(rows, key=lambda row: row.published_at, reverse=True)[:limit]


def public_events(now: datetime.datetime) -> QuerySet[Event]:
    return Event.objects.filter(
        published=True, cancelled_at__isnull=True, ends_at__gte=now
    ).order_by("starts_at")
