"""The DfE's CIN census validation rules, run over census records.

A rule is a function over one child (most rules) or over the whole file (the few that compare
children, such as unique LAchildIDs, or count across the council). Rules are registered with
`@child_rule` or as a `FileRule`, each under its DfE code and message, and run in one pass:
`validate` takes the children as an iterator, so the database export and an uploaded file are
checked the same way, with memory flat in the number of children.

A rule yields what it found wrong as (record, fields): the record the failure is on (the Child,
one of its CINdetails, an Assessment...) and the census element names that need fixing. The
engine turns that into a `Failure` carrying the rule's code and message.
"""

import datetime
import enum
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from casework.lib.workdays import WorkingCalendar
from casework.returns.cin.records import Child, Header
from casework.returns.cin.years import FIRST_YEAR, LAST_YEAR, CensusYear

Found = tuple[object, tuple[str, ...]]
T = TypeVar("T")


class Context:
    """What every rule may need besides the child: the census year, the file's header, the
    working-day calendar, and the census period.

    The period is taken from the header's reference date, as the DfE-rule validator does, and
    from the year asked for when the header has none (rule 100 reports the header). It is
    worked out once here rather than in every rule, since rules read it for every child.
    """

    __slots__ = ("_memo", "calendar", "header", "period_end", "period_start", "year")

    def __init__(self, year: CensusYear, header: Header, calendar: WorkingCalendar) -> None:
        self.year = year
        self.header = header
        self.calendar = calendar
        self.period_end: datetime.date = header.ReferenceDate or year.reference_date
        self.period_start: datetime.date = _year_before(self.period_end) + _ONE_DAY
        self._memo: dict[Callable[[Context], object], object] = {}

    def once(self, compute: Callable[["Context"], T]) -> T:
        """`compute(context)`, worked out on the first call for this census and remembered:
        for the cut-off dates a rule derives from the period (a working-day count, say)."""
        memo = self._memo
        if compute in memo:
            return memo[compute]  # type: ignore[return-value]
        value = memo[compute] = compute(self)
        return value

    def working_days_before(self, day: datetime.date, n: int) -> datetime.date:
        """The nth working day before `day` (not counting `day` itself)."""
        remaining = n
        while remaining > 0:
            day -= _ONE_DAY
            if self.calendar.is_working_day(day):
                remaining -= 1
        return day

    def in_period(self, day: datetime.date) -> bool:
        return self.period_start <= day <= self.period_end


_ONE_DAY = datetime.timedelta(days=1)


def _year_before(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


@dataclass(frozen=True, slots=True)
class Failure:
    code: str
    message: str
    query: bool  # a DfE "query" (codes ending in Q): to be looked at, not always wrong
    child: Child | None  # None for a failure of the header or of the council as a whole
    record: object | None
    fields: tuple[str, ...]

    @property
    def la_child_id(self) -> str:
        return self.child.LAchildID if self.child is not None else ""


@dataclass(frozen=True)
class RuleInfo:
    code: str
    message: str
    first_year: int = FIRST_YEAR
    last_year: int = LAST_YEAR

    @property
    def query(self) -> bool:
        return self.code.endswith("Q")

    def applies_to(self, year: CensusYear) -> bool:
        return self.first_year <= year.year <= self.last_year


class Needs(enum.IntFlag):
    """What a child must have for a rule to have anything to check. A rule that needs plans
    cannot fail on a child with none, so the engine does not call it: on a large council most
    children have no child protection plan, and most rules are about one part of the census."""

    NOTHING = 0
    ASSESSMENTS = enum.auto()
    SECTION47 = enum.auto()
    CP_PLANS = enum.auto()
    CIN_PLANS = enum.auto()
    CLOSURE = enum.auto()  # an episode with a closure date
    SEVERAL_EPISODES = enum.auto()
    DEATH = enum.auto()
    UPN = enum.auto()
    FORMER_UPN = enum.auto()


def what_child_has(child: Child) -> Needs:
    """The parts of the census this child's record has, in one walk over its episodes."""
    has = Needs.NOTHING
    if child.UPN:
        has |= Needs.UPN
    if child.FormerUPN:
        has |= Needs.FORMER_UPN
    if child.PersonDeathDate is not None:
        has |= Needs.DEATH
    episodes = child.CINdetails
    if len(episodes) > 1:
        has |= Needs.SEVERAL_EPISODES
    for details in episodes:
        if details.Assessments:
            has |= Needs.ASSESSMENTS
        if details.Section47:
            has |= Needs.SECTION47
        if details.ChildProtectionPlans:
            has |= Needs.CP_PLANS
        if details.CINPlanDates:
            has |= Needs.CIN_PLANS
        if details.CINclosureDate is not None:
            has |= Needs.CLOSURE
    return has


@dataclass(frozen=True)
class ChildRule(RuleInfo):
    check: Callable[[Child, Context], Iterable[Found]] = field(default=lambda c, x: ())
    needs: Needs = Needs.NOTHING


@dataclass(frozen=True)
class HeaderRule(RuleInfo):
    check: Callable[[Context], Iterable[Found]] = field(default=lambda x: ())


class FileRule:
    """A rule that needs every child before it can say anything: it sees each child in turn
    and reports at the end. Subclasses keep only what they need (a count, a set of ids)."""

    info: RuleInfo

    def observe(self, child: Child, context: Context) -> None:
        raise NotImplementedError

    def finish(self, context: Context) -> Iterable[tuple[Child | None, object, tuple[str, ...]]]:
        raise NotImplementedError


CHILD_RULES: list[ChildRule] = []
HEADER_RULES: list[HeaderRule] = []
FILE_RULES: list[Callable[[], FileRule]] = []


def child_rule(
    code: str,
    message: str,
    *,
    needs: Needs = Needs.NOTHING,
    first_year: int = FIRST_YEAR,
    last_year: int = LAST_YEAR,
) -> Callable[[Callable[[Child, Context], Iterable[Found]]], Callable[..., Iterable[Found]]]:
    """Register a rule over one child. `needs` names what a child must have (all of it) for
    the rule to be able to fail; children without it are not checked by this rule."""

    def register(
        check: Callable[[Child, Context], Iterable[Found]],
    ) -> Callable[..., Iterable[Found]]:
        CHILD_RULES.append(ChildRule(code, message, first_year, last_year, check, needs))
        return check

    return register


def header_rule(
    code: str, message: str, *, first_year: int = FIRST_YEAR, last_year: int = LAST_YEAR
) -> Callable[[Callable[[Context], Iterable[Found]]], Callable[..., Iterable[Found]]]:
    def register(check: Callable[[Context], Iterable[Found]]) -> Callable[..., Iterable[Found]]:
        HEADER_RULES.append(HeaderRule(code, message, first_year, last_year, check))
        return check

    return register


def file_rule(factory: Callable[[], FileRule]) -> Callable[[], FileRule]:
    FILE_RULES.append(factory)
    return factory


def all_rules(year: CensusYear) -> list[RuleInfo]:
    """Every rule that applies to `year`, in code order."""
    _load_rules()
    infos: list[RuleInfo] = [*HEADER_RULES, *CHILD_RULES, *(make().info for make in FILE_RULES)]
    return sorted((r for r in infos if r.applies_to(year)), key=lambda r: r.code)


def _load_rules() -> None:
    # The rule modules register themselves on import; importing here keeps this module free of
    # a cycle (they import the decorators above).
    from casework.returns.cin import rules  # noqa: F401


def validate(
    header: Header,
    children: Iterable[Child],
    year: CensusYear,
    calendar: WorkingCalendar,
    codes: Iterable[str] | None = None,
) -> Iterator[Failure]:
    """Every failure in the census, header first, then child by child, then the rules that
    look across children. `codes` limits the run to those rules."""
    validator = Validator(header, year, calendar, codes)
    yield from validator.header_failures()
    for child in children:
        yield from validator.check(child)
    yield from validator.finish()


CheckTuple = tuple[Callable[[Child, Context], Iterable[Found]], str, str, bool]


class Validator:
    """The same run as `validate`, one step at a time, for a caller that hands each child to
    something else as well (the export writes each child and checks it in the same pass, so
    the census is read from the database once)."""

    def __init__(
        self,
        header: Header,
        year: CensusYear,
        calendar: WorkingCalendar,
        codes: Iterable[str] | None = None,
    ) -> None:
        _load_rules()
        wanted = set(codes) if codes is not None else None

        def chosen(info: RuleInfo) -> bool:
            return info.applies_to(year) and (wanted is None or info.code in wanted)

        self.context = Context(year=year, header=header, calendar=calendar)
        self._header_checks = [r for r in HEADER_RULES if chosen(r)]
        self._child_checks = [r for r in CHILD_RULES if chosen(r)]
        self._file_checks = [rule for rule in (make() for make in FILE_RULES) if chosen(rule.info)]
        self._observers = [rule.observe for rule in self._file_checks]
        # The rules a child can fail depend only on which parts of the census it has, and there
        # are few such combinations, so each combination's list is made once. The lists hold
        # plain tuples: `check` runs once per rule per child, millions of times on a large
        # council.
        self._by_kind: dict[Needs, list[CheckTuple]] = {}

    def header_failures(self) -> Iterator[Failure]:
        for check in self._header_checks:
            for record, fields in check.check(self.context):
                yield Failure(check.code, check.message, check.query, None, record, fields)

    def check(self, child: Child) -> list[Failure]:
        """The failures of the rules about one child; the rules across children take note of
        it for `finish`."""
        context = self.context
        has = what_child_has(child)
        checks = self._by_kind.get(has)
        if checks is None:
            checks = self._by_kind[has] = [
                (r.check, r.code, r.message, r.query)
                for r in self._child_checks
                if r.needs & ~has == 0
            ]
        found = [
            Failure(code, message, query, child, record, fields)
            for check, code, message, query in checks
            for record, fields in check(child, context)
        ]
        for observe in self._observers:
            observe(child, context)
        return found

    def finish(self) -> Iterator[Failure]:
        for file_check in self._file_checks:
            info = file_check.info
            for child_or_none, record, fields in file_check.finish(self.context):
                yield Failure(info.code, info.message, info.query, child_or_none, record, fields)
