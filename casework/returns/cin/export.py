"""Make the CIN census file from the live record: read, check against the DfE's rules, write,
and check the written file against the year's schema, without holding the census in memory.

Each child is read from the database once (`from_record`), checked by our validation rules
and written in the same pass. The file is written beside the output under a temporary name and
only moved into place once the schema accepts it, so a file that fails is never left where it
could be sent.
"""

import contextlib
import datetime
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone

from casework.common.clock import working_calendar
from casework.returns.cin import from_record, schema, writer
from casework.returns.cin.records import Child, Header
from casework.returns.cin.schema import SchemaError
from casework.returns.cin.validation import Failure, Validator
from casework.returns.cin.years import CensusYear

SOFTWARE_CODE = "Casework"
PROGRESS_EVERY = 500

Progress = Callable[[int], None]


def release() -> str:
    try:
        return metadata.version("casework")
    except metadata.PackageNotFoundError:
        return "0"


def header_for(year: CensusYear, serial: int, now: datetime.datetime | None = None) -> Header:
    made_at = (now or timezone.now()).astimezone(datetime.UTC).replace(microsecond=0)
    return Header(
        Collection="CIN",
        Year=str(year.year),
        ReferenceDate=year.reference_date,
        SourceLevel="L",
        LEA=settings.COUNCIL_LA_CODE,
        SoftwareCode=SOFTWARE_CODE,
        Release=release(),
        # The schema wants at least three digits.
        SerialNo=f"{serial:03d}",
        DateTime=made_at.isoformat().replace("+00:00", "Z"),
    )


@dataclass
class Counts:
    """What is in a census, as the DfE's characteristics statistics count it."""

    children: int = 0
    cindetails: int = 0
    referrals: int = 0  # CINdetails referred in the year
    assessments: int = 0  # completed in the year
    section47s: int = 0  # started in the year
    cp_plans: int = 0  # started in the year

    def add(self, child: Child, year: CensusYear) -> None:
        start = year.start
        self.children += 1
        for details in child.CINdetails:
            self.cindetails += 1
            if details.CINreferralDate and details.CINreferralDate >= start:
                self.referrals += 1
            self.assessments += sum(
                1 for a in details.Assessments if a.AssessmentAuthorisationDate is not None
            )
            self.section47s += sum(
                1
                for s in details.Section47
                if s.S47ActualStartDate and s.S47ActualStartDate >= start
            )
            self.cp_plans += sum(
                1
                for p in details.ChildProtectionPlans
                if p.CPPstartDate and p.CPPstartDate >= start
            )

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


@dataclass
class CensusExport:
    year: CensusYear
    header: Header
    counts: Counts
    schema_errors: list[SchemaError]
    failures: Counter[str] = field(default_factory=Counter)  # by rule code
    errors: int = 0  # failures of rules that are errors
    queries: int = 0  # failures of rules that are DfE queries
    sha256: str = ""
    size: int = 0
    sql_queries: int = 0
    seconds: float = 0.0
    # CPU time of this process: on a shared machine it moves much less with the load than the
    # wall time does.
    cpu_seconds: float = 0.0
    # Where the time went: reading the record, our rules, writing XML, the schema check.
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return not self.schema_errors

    def summary(self) -> str:
        return (
            f"{self.year.label} CIN census: {self.counts.children:,} children, "
            f"{self.counts.cindetails:,} CINdetails, {self.errors:,} rule errors, "
            f"{self.queries:,} queries, {len(self.schema_errors):,} schema errors, "
            f"{self.seconds:.2f} seconds"
        )


class _QueryCounter:
    """Counts the statements the export runs; what a progress report writes is not the
    export's and is left out, so the count stays fixed whatever the number of children."""

    def __init__(self) -> None:
        self.count = 0
        self.counting = True

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        if self.counting:
            self.count += 1
        return execute(sql, params, many, context)

    def report(self, progress: Progress | None, done: int) -> None:
        if progress is None:
            return
        self.counting = False
        try:
            progress(done)
        finally:
            self.counting = True


def export_census(
    year: CensusYear,
    output: Path,
    *,
    serial: int = 1,
    progress: Progress | None = None,
    on_failure: Callable[[Failure], None] | None = None,
) -> CensusExport:
    """Write `year`'s census to `output` if it matches the schema; otherwise leave `output`
    alone and return the schema errors. `progress` is told how many children are done every
    few hundred; `on_failure` sees every failure of our rules."""
    started, cpu_started = time.perf_counter(), time.process_time()
    header = header_for(year, serial)
    counter = _QueryCounter()
    result = CensusExport(year=year, header=header, counts=Counts(), schema_errors=[])
    partial = output.with_name(f".{output.name}.partial")
    timings = {"read_seconds": 0.0, "rules_seconds": 0.0}
    # The calendar is read (or taken from its cache) before counting starts, so the count is
    # the census's own reads and the same every time.
    calendar = working_calendar()
    with connection.execute_wrapper(counter):
        validator = Validator(header, year, calendar)

        def tally(failure: Failure) -> None:
            result.failures[failure.code] += 1
            if failure.query:
                result.queries += 1
            else:
                result.errors += 1
            if on_failure is not None:
                on_failure(failure)

        for failure in validator.header_failures():
            tally(failure)

        def checked_children() -> Iterator[Child]:
            source = from_record.children(year)
            while True:
                tick = time.perf_counter()
                child = next(source, None)
                tock = time.perf_counter()
                timings["read_seconds"] += tock - tick
                if child is None:
                    return
                for failure in validator.check(child):
                    tally(failure)
                timings["rules_seconds"] += time.perf_counter() - tock
                result.counts.add(child, year)
                if result.counts.children % PROGRESS_EVERY == 0:
                    counter.report(progress, result.counts.children)
                yield child

        try:
            write_started = time.perf_counter()
            with partial.open("wb") as stream:
                writer.write(stream, header, checked_children(), year)
            timings["write_seconds"] = (
                time.perf_counter()
                - write_started
                - timings["read_seconds"]
                - timings["rules_seconds"]
            )
            tick = time.perf_counter()
            for failure in validator.finish():
                tally(failure)
            timings["rules_seconds"] += time.perf_counter() - tick
            tick = time.perf_counter()
            checked = schema.check(partial, year)
            timings["schema_seconds"] = time.perf_counter() - tick
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                partial.unlink()
            raise
    result.schema_errors = checked.errors
    result.sha256, result.size = checked.sha256, checked.size
    if checked.valid:
        os.replace(partial, output)
    else:
        partial.unlink()
    counter.report(progress, result.counts.children)
    result.sql_queries = counter.count
    result.timings = {name: round(value, 3) for name, value in timings.items()}
    result.seconds = time.perf_counter() - started
    result.cpu_seconds = time.process_time() - cpu_started
    return result


def count_census(year: CensusYear) -> Counts:
    """What `year`'s census would hold, counted from the record without writing a file."""
    counts = Counts()
    for child in from_record.children(year):
        counts.add(child, year)
    return counts
