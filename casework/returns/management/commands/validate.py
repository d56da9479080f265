"""`casework validate cin-census FILE --year YYYY`: check a CIN census file against the DfE's
rules for that year, as the DfE's own validator would, before it is submitted.

Each failure is one tab-separated line: the child's LAchildID, the rule's code, the DfE's
message, the census element(s) to fix, and the line of the file it is on. A JSON summary comes
last: children read, failures, errors and queries, counts by rule, seconds taken.

Exit status: 0 when there are no errors (queries may remain), 1 when there are errors, 2 when
the file cannot be read as a census (not XML, namespaced, a DTD or entities, a date that does
not parse, empty). A file that cannot be read gets one line saying why and where, and no
report at all: a report on part of a file must never look like a report on all of it.

It needs only the file and the bank holidays table (or, failing that, the `holidays`
package), never the council's records.
"""

import argparse
import json
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from casework.common.errors import RuleBroken
from casework.returns.cin import reader
from casework.returns.cin.bank_holidays import census_calendar
from casework.returns.cin.records import Child
from casework.returns.cin.validation import Failure, validate
from casework.returns.cin.years import census_year

UNREADABLE = 2
HAS_ERRORS = 1


class Unreadable(Exception):
    """The file cannot be checked; the message says why (and where)."""


@dataclass(frozen=True)
class Validator:
    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[dict[str, Any]], tuple[list[str], dict[str, Any]]]


def _census_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="The CIN census XML file")
    parser.add_argument(
        "--year",
        required=True,
        help="The year the collection ends: 2026 is the 2025-26 census",
    )


def _location(failure: Failure) -> str:
    line = getattr(failure.record, "line", None)
    if line is None and failure.child is not None:
        line = failure.child.line
    return str(line) if line else "-"


def _row(failure: Failure) -> str:
    who = "(return)" if failure.child is None else failure.la_child_id or "(no LAchildID)"
    elements = ",".join(failure.fields) or "-"
    return "\t".join((who, failure.code, failure.message, elements, _location(failure)))


def _check_cin_census(options: dict[str, Any]) -> tuple[list[str], dict[str, Any]]:
    path: Path = options["file"]
    try:
        year = census_year(options["year"])
    except RuleBroken as broken:
        raise Unreadable(f"--year: {broken.message}") from None
    started = time.perf_counter()
    read = 0

    def counted(children: Iterator[Child]) -> Iterator[Child]:
        nonlocal read
        for child in children:
            read += 1
            yield child

    try:
        with path.open("rb") as stream:
            census = reader.read(stream)
            # Every failure is held until the whole file has been read, so that a file which
            # turns out to be unreadable half way gives no report at all.
            failures = list(
                validate(census.header, counted(census.children), year, census_calendar(year))
            )
    except reader.UnreadableCensus as unreadable:
        raise Unreadable(f"{path}: {unreadable}") from None
    except OSError as error:
        raise Unreadable(f"{path}: cannot be read ({error.strerror})") from None
    seconds = time.perf_counter() - started
    by_rule = Counter(failure.code for failure in failures)
    queries = sum(1 for failure in failures if failure.query)
    summary = {
        "file": str(path),
        "year": year.year,
        "collection": year.label,
        "ruleset": year.ruleset,
        "complete": True,
        "children": read,
        "failures": len(failures),
        "errors": len(failures) - queries,
        "queries": queries,
        "by_rule": dict(sorted(by_rule.items())),
        "seconds": round(seconds, 3),
    }
    return [_row(failure) for failure in failures], summary


VALIDATORS = (
    Validator(
        "cin-census",
        "A children in need census file, against the DfE's validation rules for its year",
        _census_arguments,
        _check_cin_census,
    ),
)


class Command(BaseCommand):
    help = "Check a statutory return file against the DfE's validation rules"

    def add_arguments(self, parser: CommandParser) -> None:
        returns = parser.add_subparsers(dest="return_name", required=True, title="returns")
        for validator in VALIDATORS:
            sub = returns.add_parser(validator.name, help=validator.help)
            validator.add_arguments(sub)

    def handle(self, *args: Any, **options: Any) -> None:
        validator = next(v for v in VALIDATORS if v.name == options["return_name"])
        try:
            rows, summary = validator.run(options)
        except Unreadable as unreadable:
            # One line, no traceback: the person needs to know what to fix and where.
            self.stderr.write(str(unreadable))
            raise SystemExit(UNREADABLE) from None
        for row in rows:
            self.stdout.write(row)
        self.stdout.write(json.dumps(summary))
        if summary["errors"]:
            raise SystemExit(HAS_ERRORS)
