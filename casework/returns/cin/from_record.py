"""The CIN census built from the live record, one child at a time.

Who is in it (DfE CIN census guide, as data-standards.md section 2 summarises it): every child
with a child in need episode open at any time in the year, which takes in every referral made in
the year, those that led to no further action too. Each episode is a CINdetails, with what
happened in it during the year:

- an assessment started on or before 31 March and not completed before 1 April (one completed
  earlier was in last year's return; rule 8696 wants completion dates in the year);
- a CIN plan, section 47 enquiry or CP plan running at some time in the year;
- the review conferences of each CP plan held in the year, one `Reviews` each;
- an initial conference held in the year without a section 47 enquiry (a transfer-in or
  pre-birth conference) as the CINdetails' own DateOfInitialCPC. One held after an enquiry is on
  the Section47, and never on both (rule 2884).

Anything dated after 31 March is left out, so the census says what was true on the reference
date however late it is made: a case closed in May is open in the March census, an assessment
authorised in April is still open, an enquiry whose conference came after 31 March has no date
of conference.

How it is read: one query per kind of record (people, episodes, assessments, CIN plans, section
47 enquiries, conferences, CP plans, and pre-proceedings from 2026-27), each ordered by child and
read in chunks, merged child by child. The number of queries does not grow with the number of
children, and only one child's records are in memory at a time.
"""

import datetime
import functools
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from casework.assessments.models import Assessment as AssessmentModel
from casework.cases.models import Episode
from casework.people.models import Person
from casework.plans.models import CINPlan as CINPlanModel
from casework.protection.models import ChildProtectionPlan as CPPlanModel
from casework.protection.models import Conference, PreProceedings, StrategyDiscussion
from casework.protection.models import Section47 as Section47Model
from casework.returns.cin.records import (
    Assessment,
    Child,
    ChildProtectionPlan,
    CINDetails,
    CINPlan,
    Review,
    Section47,
    Source,
    yes_no,
)
from casework.returns.cin.records import PreProceedings as PreProceedingsRecord
from casework.returns.cin.years import CensusYear

CHUNK_SIZE = 2000

# Written for a child with no disability recorded: the census asks for NONE rather than
# nothing (rule 8540), and an empty list in Casework means nobody has recorded one.
NO_DISABILITY = "NONE"
# Written for an ethnicity that was never recorded: "Information not yet obtained" is the
# census's code for exactly that, and Ethnicity is mandatory in the schema.
ETHNICITY_NOT_OBTAINED = "NOBT"
# Written for an episode that went on to further action but has no primary need recorded yet
# (the need is recorded when the assessment is authorised): the census's "not stated".
NEED_NOT_STATED = "N0"
# UPNunknown reasons Casework can tell from the record itself. Any other reason for a missing
# UPN (educated outside England, never at a maintained school...) is not recorded in Casework,
# so a school-age child without a UPN is left without one and rule 8770Q asks about them.
UPN_NOT_SCHOOL_AGE = "UN1"
UPN_REFERRAL_NFA = "UN7"
# An unborn child's sex is U in the census (rule 8750), whatever was expected.
UNBORN_SEX = "U"

NOT_NEEDING_ICPC = (
    Section47Model.Outcome.NOT_SUBSTANTIATED,
    Section47Model.Outcome.NOT_AT_RISK,
)


def _source(label: str, pk: object) -> Source:
    return Source(label, str(pk))


def _before_or_on(day: datetime.date | None, end: datetime.date) -> datetime.date | None:
    """`day` when it happened by the reference date; otherwise, for the census, it has not."""
    return day if day is not None and day <= end else None


def _start_of(day: datetime.date) -> datetime.datetime:
    """Midnight in London at the start of `day`, for comparing stored instants with a date."""
    return datetime.datetime.combine(day, datetime.time(), tzinfo=timezone.get_current_timezone())


def episodes_in(year: CensusYear) -> QuerySet[Episode]:
    """Every episode open at some time in the census year."""
    return Episode.objects.filter(referral_date__lte=year.end).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gte=year.start)
    )


def _episodes_of(year: CensusYear, people: QuerySet[Person] | None) -> QuerySet[Episode]:
    episodes = episodes_in(year)
    if people is not None:
        episodes = episodes.filter(person_id__in=people.values("pk"))
    return episodes


def people_in(year: CensusYear, people: QuerySet[Person] | None = None) -> QuerySet[Person]:
    """The children in the census (optionally only those among `people`)."""
    return Person.objects.filter(pk__in=_episodes_of(year, people).values("person_id"))


class _Stream:
    """Rows of one query, ordered by child, handed out one child at a time."""

    __slots__ = ("_head", "_rows")

    def __init__(self, rows: Iterable[tuple[Any, ...]]) -> None:
        self._rows = iter(rows)
        self._head: tuple[Any, ...] | None = next(self._rows, None)

    def take(self, person_id: Any) -> list[tuple[Any, ...]]:
        """The rows of `person_id`. Every stream holds only rows of children in the people
        stream, in the same order, so a row of another child means this child has no more."""
        taken = []
        head = self._head
        while head is not None and head[0] == person_id:
            taken.append(head)
            head = next(self._rows, None)
        if head is not None and head[0] < person_id:
            # A database that sorted one query differently from another would otherwise lose
            # records silently.
            raise RuntimeError("Census queries returned children in different orders")
        self._head = head
        return taken


# How a column's raw database value becomes what the census records want. Django's own
# converters would do this, but for every value of every row they cost more than the rest of
# the export put together; these do only what each backend needs.
DATE, INSTANT, JSON = "date", "instant", "json"


def _instant(value: Any) -> Any:
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value)
    if value is not None and value.tzinfo is None:
        # SQLite keeps instants as UTC without saying so.
        value = value.replace(tzinfo=datetime.UTC)
    return value


@functools.lru_cache(maxsize=4096)
def _decoded(text: str) -> Any:
    return json.loads(text)


def _json(value: Any) -> Any:
    # Disabilities and factors repeat a few hundred combinations across a whole council, so
    # each text is decoded once. The lists are shared: _child copies them before use.
    return _decoded(value) if isinstance(value, str) else value


def _converter(kind: str | None, vendor: str) -> Callable[[Any], Any] | None:
    if kind == JSON:
        return _json
    if vendor != "sqlite" or kind == DATE:
        # psycopg hands back dates, aware datetimes and UUIDs already, and SQLite's driver
        # turns every column declared as a date into one (these are all columns, never
        # expressions, whose values would be text).
        return None
    return {INSTANT: _instant}.get(kind or "")


def _rows(
    queryset: QuerySet[Any], *columns: str | tuple[str, str], chunk_size: int | None
) -> Iterator[tuple[Any, ...]]:
    """The rows of `queryset` as tuples of `columns` (a name, or (name, kind) for a value that
    needs converting), read in chunks of `chunk_size` through one query, or all at once when
    it is None. Ids stay as the database returns them (a UUID on PostgreSQL, its hex text on
    SQLite): they are only compared and carried."""
    names = [column if isinstance(column, str) else column[0] for column in columns]
    connection = connections[queryset.db]
    vendor = connection.vendor
    converters = [
        (index, converter)
        for index, column in enumerate(columns)
        if not isinstance(column, str) and (converter := _converter(column[1], vendor)) is not None
    ]
    try:
        sql, params = queryset.values_list(*names).query.sql_with_params()
    except EmptyResultSet:
        # Django writes no SQL for a lookup in an empty list (a worker with no children).
        return
    # Server-side cursors (PostgreSQL) keep memory flat however many rows there are.
    cursor = connection.chunked_cursor() if chunk_size else connection.cursor()
    try:
        cursor.execute(sql, params)
        while rows := (cursor.fetchmany(chunk_size) if chunk_size else cursor.fetchall()):
            if not converters:
                yield from rows
                continue
            for row in rows:
                values = list(row)
                for index, converter in converters:
                    values[index] = converter(values[index])
                yield tuple(values)
    finally:
        cursor.close()


def _queries(
    year: CensusYear, people: QuerySet[Person] | None, chunk_size: int | None
) -> tuple[Iterator[tuple[Any, ...]], list[_Stream]]:
    start, end = year.start, year.end
    # Every query is narrowed by the same subquery, the episodes in the year, so that each
    # holds only the census's children and the database can plan it as one semi-join.
    in_year = _episodes_of(year, people)
    child_ids: Any = in_year.values("person_id")
    episode_ids: Any = in_year.values("pk")
    if people is not None:
        # A few children: find them and their episodes once, so that the eight queries below
        # each look up a short list instead of planning the same two subqueries again, and
        # read each at once (a server-side cursor per query costs more than the rows).
        chunk_size = None
        found = list(in_year.values_list("pk", "person_id"))
        episode_ids = [pk for pk, _ in found]
        child_ids = sorted({person_id for _, person_id in found})
        in_year = Episode.objects.filter(pk__in=episode_ids)
    children = Person.objects.filter(pk__in=child_ids)
    people_rows = _rows(
        children.order_by("pk"),
        "pk",
        "la_id",
        "upn",
        ("date_of_birth", DATE),
        ("expected_date_of_birth", DATE),
        "sex",
        ("date_of_death", DATE),
        "ethnicity",
        ("disabilities", JSON),
        chunk_size=chunk_size,
    )
    episodes = in_year
    episode_rows = _rows(
        episodes.annotate(
            further_action=Exists(AssessmentModel.objects.filter(episode=OuterRef("pk")))
            | Exists(StrategyDiscussion.objects.filter(episode=OuterRef("pk")))
            | Exists(CINPlanModel.objects.filter(episode=OuterRef("pk")))
            | Exists(PreProceedings.objects.filter(episode=OuterRef("pk")))
        ).order_by("person_id", "referral_date", "created_at"),
        "person_id",
        "pk",
        ("referral_date", DATE),
        "referral_source",
        "primary_need",
        ("closed_on", DATE),
        "closure_reason",
        "further_action",
        chunk_size=chunk_size,
    )
    assessment_rows = _rows(
        AssessmentModel.objects.filter(episode_id__in=episode_ids, started_on__lte=end)
        .exclude(authorised_at__lt=_start_of(start))
        .order_by("person_id", "started_on", "created_at"),
        "person_id",
        "pk",
        "episode_id",
        ("started_on", DATE),
        ("authorised_at", INSTANT),
        ("factors", JSON),
        chunk_size=chunk_size,
    )
    plan_rows = _rows(
        CINPlanModel.objects.filter(
            episode_id__in=episode_ids,
            status__in=(CINPlanModel.Status.ACTIVE, CINPlanModel.Status.ENDED),
            started_on__lte=end,
        )
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))
        .order_by("person_id", "started_on", "created_at"),
        "person_id",
        "pk",
        "episode_id",
        ("started_on", DATE),
        ("ended_on", DATE),
        chunk_size=chunk_size,
    )
    # An enquiry is over when its initial conference is held or, when none is needed, when it
    # completes. One over before the year began was in last year's return.
    s47_rows = _rows(
        Section47Model.objects.filter(episode_id__in=episode_ids, started_on__lte=end)
        .filter(
            Q(icpc_held_on__gte=start)
            | Q(icpc_held_on__isnull=True)
            & (
                Q(completed_on__isnull=True)
                | Q(completed_on__gte=start)
                | ~Q(outcome__in=NOT_NEEDING_ICPC)
            )
        )
        .order_by("person_id", "started_on", "created_at"),
        "person_id",
        "pk",
        "episode_id",
        ("started_on", DATE),
        ("icpc_target", DATE),
        ("icpc_held_on", DATE),
        "outcome",
        ("completed_on", DATE),
        chunk_size=chunk_size,
    )
    conference_rows = _rows(
        Conference.objects.filter(person_id__in=child_ids, held_on__gte=start, held_on__lte=end)
        .filter(
            Q(kind=Conference.Kind.REVIEW, plan__isnull=False)
            | Q(
                kind__in=(Conference.Kind.INITIAL, Conference.Kind.PRE_BIRTH),
                section47__isnull=True,
            )
        )
        .order_by("person_id", "held_on", "created_at"),
        "person_id",
        "pk",
        "kind",
        "plan_id",
        ("held_on", DATE),
        chunk_size=chunk_size,
    )
    earlier_plans = (
        CPPlanModel.objects.filter(
            person_id=OuterRef("person_id"), started_on__lt=OuterRef("started_on")
        )
        .order_by()
        .values("person_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    cp_rows = _rows(
        CPPlanModel.objects.filter(person_id__in=child_ids, started_on__lte=end)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))
        .annotate(
            previous=Coalesce(Subquery(earlier_plans), 0),
            episode_id=F("initial_conference__section47__episode_id"),
        )
        .order_by("person_id", "started_on", "created_at"),
        "person_id",
        "pk",
        "episode_id",
        ("started_on", DATE),
        ("ended_on", DATE),
        "initial_category",
        "latest_category",
        "previous",
        chunk_size=chunk_size,
    )
    streams = [
        _Stream(episode_rows),
        _Stream(assessment_rows),
        _Stream(plan_rows),
        _Stream(s47_rows),
        _Stream(conference_rows),
        _Stream(cp_rows),
    ]
    if year.has_pre_proceedings:
        pre_rows = _rows(
            PreProceedings.objects.filter(episode_id__in=episode_ids, started_on__lte=end)
            .filter(Q(decided_on__isnull=True) | Q(decided_on__gte=start))
            .order_by("person_id", "started_on", "created_at"),
            "person_id",
            "pk",
            "episode_id",
            ("started_on", DATE),
            ("letter_sent_on", DATE),
            ("family_group_conference__offered_on", DATE),
            ("family_group_conference__held_on", DATE),
            ("initial_meeting_on", DATE),
            "review_meetings",
            ("decided_on", DATE),
            "outcome",
            ("court_application_on", DATE),
            chunk_size=chunk_size,
        )
        streams.append(_Stream(pre_rows))
    return people_rows, streams


def children(
    year: CensusYear,
    *,
    people: QuerySet[Person] | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[Child]:
    """The census's children in a stable order (by Casework's id), each with every record of
    theirs the census carries. `people` narrows it (the data-quality page shows a team only its
    own children). The whole council is streamed `chunk_size` rows at a time; a narrowed set
    is read at once."""
    people_rows, streams = _queries(year, people, chunk_size)
    local = timezone.get_current_timezone()
    for row in people_rows:
        person_id = row[0]
        yield _child(year, row, [stream.take(person_id) for stream in streams], local)


def _child(
    year: CensusYear,
    person: Sequence[Any],
    rows: list[list[tuple[Any, ...]]],
    local: datetime.tzinfo,
) -> Child:
    end = year.end
    (pk, la_id, upn, born, expected, sex, died, ethnicity, disabilities) = person
    episodes, assessments, plans, s47s, conferences, cp_plans = rows[:6]
    pre_proceedings = rows[6] if len(rows) > 6 else []

    # A child born after the reference date was unborn on it.
    if born is not None and born > end:
        born, expected = None, born
    unborn = born is None and expected is not None
    child = Child(
        LAchildID=la_id,
        UPN=upn,
        PersonBirthDate=born,
        ExpectedPersonBirthDate=expected if unborn else None,
        Sex=UNBORN_SEX if unborn else sex,
        PersonDeathDate=_before_or_on(died, end),
        Ethnicity=ethnicity or ETHNICITY_NOT_OBTAINED,
        Disabilities=list(disabilities) or [NO_DISABILITY],
        source=_source("people.Person", pk),
    )

    details: dict[Any, CINDetails] = {}
    further_action: dict[Any, bool] = {}
    for _, episode_id, referred, source, need, closed_on, reason, acted in episodes:
        closed = _before_or_on(closed_on, end)
        record = CINDetails(
            CINreferralDate=referred,
            ReferralSource=source,
            PrimaryNeedCode=need,
            CINclosureDate=closed,
            ReasonForClosure=reason if closed else "",
            source=_source("cases.Episode", episode_id),
        )
        details[episode_id] = record
        further_action[episode_id] = acted
        child.CINdetails.append(record)

    for _, assessment_id, episode_id, started, authorised_at, factors in assessments:
        authorised = authorised_at.astimezone(local).date() if authorised_at else None
        authorised = _before_or_on(authorised, end)
        details[episode_id].Assessments.append(
            Assessment(
                AssessmentActualStartDate=started,
                AssessmentAuthorisationDate=authorised,
                # The census carries factors only for completed assessments (rule 8614); until
                # the manager authorises it, what the worker has ticked is a draft.
                AssessmentFactors=list(factors) if authorised else [],
                source=_source("assessments.Assessment", assessment_id),
            )
        )

    for _, plan_id, episode_id, started, ended in plans:
        details[episode_id].CINPlanDates.append(
            CINPlan(
                CINPlanStartDate=started,
                CINPlanEndDate=_before_or_on(ended, end),
                source=_source("plans.CINPlan", plan_id),
            )
        )

    for _, s47_id, episode_id, started, target, held, outcome, completed in s47s:
        icpc = _before_or_on(held, end)
        not_required = (
            icpc is None
            and outcome in NOT_NEEDING_ICPC
            and _before_or_on(completed, end) is not None
        )
        details[episode_id].Section47.append(
            Section47(
                S47ActualStartDate=started,
                InitialCPCtarget=target,
                DateOfInitialCPC=icpc,
                ICPCnotRequired=yes_no(not_required),
                source=_source("protection.Section47", s47_id),
            )
        )

    reviews: dict[Any, list[Review]] = {}
    for _, conference_id, kind, plan_id, held in conferences:
        if kind == Conference.Kind.REVIEW:
            reviews.setdefault(plan_id, []).append(
                Review(CPPreviewDate=held, source=_source("protection.Conference", conference_id))
            )
            continue
        episode_id = _episode_on(episodes, held)
        further_action[episode_id] = True
        if details[episode_id].DateOfInitialCPC is None:
            details[episode_id].DateOfInitialCPC = held

    for row in cp_plans:
        _, plan_id, episode_id, started, ended, initial, latest, previous = row
        if episode_id not in details:
            episode_id = _episode_on(episodes, started)
        further_action[episode_id] = True
        details[episode_id].ChildProtectionPlans.append(
            ChildProtectionPlan(
                CPPstartDate=started,
                CPPendDate=_before_or_on(ended, end),
                InitialCategoryOfAbuse=initial,
                LatestCategoryOfAbuse=latest,
                NumberOfPreviousCPP=str(previous),
                Reviews=reviews.get(plan_id, []),
                source=_source("protection.ChildProtectionPlan", plan_id),
            )
        )

    for row in pre_proceedings:
        (_, record_id, episode_id, started, letter, offered, facilitated) = row[:7]
        (initial_meeting, reviews_held, decided, outcome, court) = row[7:]
        offered = _before_or_on(offered, end)
        details[episode_id].PreProceedingsandFGDM.append(
            PreProceedingsRecord(
                PPStartDate=started,
                LBPSentDate=_before_or_on(letter, end),
                FGDMMeetingOffer="1" if offered else "0",
                FGDMMeetingFac="1" if _before_or_on(facilitated, end) else "0",
                InitialPPMeetingDate=_before_or_on(initial_meeting, end),
                ReviewMeetingsCount=str(reviews_held),
                StepDecisionDate=_before_or_on(decided, end),
                PPOutcome=outcome if _before_or_on(decided, end) else "",
                CourtAppDate=_before_or_on(court, end),
                source=_source("protection.PreProceedings", record_id),
            )
        )

    # Dropping a conference's date when the episode has an enquiry keeps the rule that an
    # initial conference is recorded at one level only (2884).
    for episode_id, record in details.items():
        if record.Section47:
            record.DateOfInitialCPC = None
        nfa = record.CINclosureDate is not None and not further_action[episode_id]
        record.ReferralNFA = yes_no(nfa)
        if not nfa and not record.PrimaryNeedCode:
            record.PrimaryNeedCode = NEED_NOT_STATED

    if not child.UPN:
        if all(record.nfa for record in child.CINdetails):
            child.UPNunknown = UPN_REFERRAL_NFA
        elif not _of_school_age(child, end):
            child.UPNunknown = UPN_NOT_SCHOOL_AGE
    return child


def _episode_on(episodes: Sequence[tuple[Any, ...]], day: datetime.date) -> Any:
    """The episode a record dated `day` belongs to when the record does not say: the latest
    one open that day, else the latest referred by then, else the first."""
    open_that_day = latest = None
    for _, episode_id, referred, _code, _need, closed_on, _reason, _acted in episodes:
        if referred > day:
            continue
        latest = episode_id
        if closed_on is None or closed_on >= day:
            open_that_day = episode_id
    return open_that_day or latest or episodes[0][1]


def _of_school_age(child: Child, reference_date: datetime.date) -> bool:
    """Of compulsory school age on the reference date, 31 March: a child is from the 1 January
    after their fifth birthday (Education Act 1996, s8, and its prescribed days), so one who
    was five by the 31 December before it."""
    born = child.PersonBirthDate
    if born is None:
        return False
    return born <= datetime.date(reference_date.year - 6, 12, 31)
