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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from casework.lib.workdays import WorkingCalendar
from casework.returns.cin.records import Child, Header
from casework.returns.cin.years import FIRST_YEAR, LAST_YEAR, CensusYear

Found = tuple[object, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class Context:
    year: CensusYear
    header: Header
    calendar: WorkingCalendar

    @property
    def period_start(self) -> datetime.date:
        """Rules take the census period from the header's reference date (as the DfE-rule
        validator does), falling back to the year asked for when the header has none."""
        reference = self.header.ReferenceDate or self.year.reference_date
        return _year_before(reference) + datetime.timedelta(days=1)

    @property
    def period_end(self) -> datetime.date:
        return self.header.ReferenceDate or self.year.reference_date


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


@dataclass(frozen=True)
class ChildRule(RuleInfo):
    check: Callable[[Child, Context], Iterable[Found]] = field(default=lambda c, x: ())


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
    code: str, message: str, *, first_year: int = FIRST_YEAR, last_year: int = LAST_YEAR
) -> Callable[[Callable[[Child, Context], Iterable[Found]]], Callable[..., Iterable[Found]]]:
    def register(
        check: Callable[[Child, Context], Iterable[Found]],
    ) -> Callable[..., Iterable[Found]]:
        CHILD_RULES.append(ChildRule(code, message, first_year, last_year, check))
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

    def header_failures(self) -> Iterator[Failure]:
        for check in self._header_checks:
            for record, fields in check.check(self.context):
                yield Failure(check.code, check.message, check.query, None, record, fields)

    def check(self, child: Child) -> list[Failure]:
        """The failures of the rules about one child; the rules across children take note of
        it for `finish`."""
        context = self.context
        found = [
            Failure(check.code, check.message, check.query, child, record, fields)
            for check in self._child_checks
            for record, fields in check.check(child, context)
        ]
        for file_check in self._file_checks:
            file_check.observe(child, context)
        return found

    def finish(self) -> Iterator[Failure]:
        for file_check in self._file_checks:
            info = file_check.info
            for child_or_none, record, fields in file_check.finish(self.context):
                yield Failure(info.code, info.message, info.query, child_or_none, record, fields)
