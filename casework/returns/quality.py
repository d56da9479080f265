"""The census's problems as they stand now, for the people who can fix them.

Computed on request from the live record, through the same reading and rules as the census
itself: whatever a worker fixes is gone from the page the next time it is opened, and nothing
has to be kept in step. Each problem is put with the team and worker the child is allocated to
now, and links to the page and field that fix it.
"""

import datetime
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from casework.accounts.models import Role
from casework.cases.models import Allocation, Episode
from casework.common.clock import working_calendar
from casework.people.models import Person
from casework.protection.models import ChildProtectionPlan
from casework.returns import access
from casework.returns.cin import from_record
from casework.returns.cin.export import header_for
from casework.returns.cin.validation import Failure, Validator
from casework.returns.cin.years import FIRST_YEAR, LAST_YEAR, CensusYear
from casework.returns.links import FixLink, fix_link

NOT_ALLOCATED = "Not allocated"
NO_WORKER = "No worker"


def current_year(today: datetime.date | None = None) -> CensusYear:
    """The collection under way: 2027 from 1 April 2026."""
    day = today or timezone.localdate()
    year = day.year + 1 if day.month >= 4 else day.year
    return CensusYear(min(max(year, FIRST_YEAR), LAST_YEAR))


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    query: bool
    child_name: str
    la_child_id: str
    child_url: str | None
    team: str
    worker: str
    fix: FixLink


@dataclass
class WorkerGroup:
    worker: str
    problems: list[Problem] = field(default_factory=list)


@dataclass
class TeamGroup:
    team: str
    workers: list[WorkerGroup] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(w.problems) for w in self.workers)


@dataclass(frozen=True)
class RuleCount:
    code: str
    message: str
    query: bool
    count: int


@dataclass
class QualityReport:
    year: CensusYear
    problems: list[Problem]
    council_wide: list[Problem]
    children: int
    seconds: float

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems + self.council_wide if not p.query)

    @property
    def queries(self) -> int:
        return sum(1 for p in self.problems + self.council_wide if p.query)

    def by_rule(self) -> list[RuleCount]:
        counts: Counter[tuple[str, str, bool]] = Counter(
            (p.code, p.message, p.query) for p in self.problems + self.council_wide
        )
        return [
            RuleCount(code, message, query, count)
            for (code, message, query), count in sorted(counts.items())
        ]

    def by_team(self) -> list[TeamGroup]:
        teams: dict[str, dict[str, WorkerGroup]] = {}
        for problem in self.problems:
            workers = teams.setdefault(problem.team, {})
            workers.setdefault(problem.worker, WorkerGroup(problem.worker)).problems.append(problem)
        ordered = sorted(teams.items(), key=lambda item: (item[0] == NOT_ALLOCATED, item[0]))
        return [
            TeamGroup(team, [workers[name] for name in sorted(workers, key=_worker_order)])
            for team, workers in ordered
        ]


def _worker_order(name: str) -> tuple[bool, str]:
    return (name in (NO_WORKER, ""), name)


def people_for(user: Any) -> QuerySet[Person] | None:
    """Whose census records `user` sees problems in: None for the whole council."""
    if access.sees_whole_council(user):
        return None
    open_allocations = {"allocations__ended_on__isnull": True}
    if user.role == Role.TEAM_MANAGER and user.team_id:
        return Person.objects.filter(allocations__team_id=user.team_id, **open_allocations)
    if user.role == Role.SOCIAL_WORKER:
        return Person.objects.filter(allocations__worker=user, **open_allocations)
    return Person.objects.none()


def report_for(user: Any, year: CensusYear, *, rule: str | None = None) -> QualityReport:
    """Every problem in `year`'s census that `user` may see, now."""
    started = time.perf_counter()
    people = people_for(user)
    whole_council = people is None
    validator = Validator(header_for(year, serial=1), year, working_calendar())
    failures: list[Failure] = []
    if whole_council:
        failures += validator.header_failures()
    children = 0
    for child in from_record.children(year, people=people):
        children += 1
        failures += validator.check(child)
    failures += validator.finish()
    if rule:
        failures = [f for f in failures if f.code == rule]
    problems, council_wide = _problems(failures, whole_council)
    return QualityReport(
        year=year,
        problems=problems,
        council_wide=council_wide,
        children=children,
        seconds=time.perf_counter() - started,
    )


def _ids(failures: list[Failure], model: str) -> set[uuid.UUID]:
    found = set()
    for failure in failures:
        source = getattr(failure.record, "source", None)
        if source is not None and source.model == model:
            found.add(uuid.UUID(source.pk))
    return found


def _problems(failures: list[Failure], whole_council: bool) -> tuple[list[Problem], list[Problem]]:
    child_failures = [f for f in failures if f.child is not None and f.child.source is not None]
    person_ids = {uuid.UUID(f.child.source.pk) for f in child_failures}  # type: ignore[union-attr]
    names = {
        pk: f"{given} {family}".strip()
        for pk, given, family in Person.objects.filter(pk__in=person_ids).values_list(
            "pk", "given_name", "family_name"
        )
    }
    allocated: dict[uuid.UUID, tuple[str, str]] = {}
    for person_id, team, first, last, username in Allocation.objects.filter(
        person_id__in=person_ids, ended_on__isnull=True
    ).values_list(
        "person_id", "team__name", "worker__first_name", "worker__last_name", "worker__username"
    ):
        worker = f"{first or ''} {last or ''}".strip() or (username or NO_WORKER)
        allocated[person_id] = (team, worker)
    open_episodes = set(
        Episode.objects.filter(
            pk__in=_ids(child_failures, "cases.Episode"), status=Episode.Status.OPEN
        ).values_list("pk", flat=True)
    )
    active_plans = set(
        ChildProtectionPlan.objects.filter(
            pk__in=_ids(child_failures, "protection.ChildProtectionPlan"),
            status=ChildProtectionPlan.Status.ACTIVE,
        ).values_list("pk", flat=True)
    )
    problems = []
    for failure in child_failures:
        child = failure.child
        assert child is not None
        assert child.source is not None
        person_id = uuid.UUID(child.source.pk)
        source = getattr(failure.record, "source", None)
        record_id = uuid.UUID(source.pk) if source is not None else None
        team, worker = allocated.get(person_id, (NOT_ALLOCATED, ""))
        problems.append(
            Problem(
                code=failure.code,
                message=failure.message,
                query=failure.query,
                child_name=names.get(person_id, child.LAchildID),
                la_child_id=child.LAchildID,
                child_url=reverse("people:detail", args=[person_id]),
                team=team,
                worker=worker,
                fix=fix_link(
                    failure,
                    open_episode=record_id in open_episodes,
                    active_plan=record_id in active_plans,
                ),
            )
        )
    council_wide = []
    if whole_council:
        for failure in failures:
            if failure.child is None:
                council_wide.append(
                    Problem(
                        code=failure.code,
                        message=failure.message,
                        query=failure.query,
                        child_name="",
                        la_child_id="",
                        child_url=None,
                        team="",
                        worker="",
                        fix=fix_link(failure),
                    )
                )
    return problems, council_wide
