"""`casework export <return> ...`: write one of the council's statutory returns to a file.

Each return is an `Exporter` with its own sub-command name, arguments and writer. Later returns
(SSDA903) add a line to `EXPORTERS`; the command itself does not change. The command lives with
the returns; each return's builder lives with the records it reads (the workforce census in
casework.workforce, the CIN census in casework.returns.cin).
"""

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from casework.common.errors import RuleBroken
from casework.returns.cin.export import export_census
from casework.returns.cin.years import census_year
from casework.returns.selectors import next_serial
from casework.workforce import census


@dataclass(frozen=True)
class Exporter:
    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[dict[str, Any]], str]


def _census_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--year", type=int, required=True, help="The census year, named by its 30 September"
    )
    parser.add_argument("--output", type=Path, required=True, help="Where to write the XML")
    parser.add_argument(
        "--lea",
        default=getattr(settings, "COUNCIL_LA_CODE", "") or "000",
        help="The council's three-digit local authority code",
    )


def _write_workforce_census(options: dict[str, Any]) -> str:
    document = census.build(options["year"], options["lea"])
    errors = census.validation_errors(document)
    if errors:
        raise CommandError(
            "The census does not match the DfE schema, so nothing was written:\n"
            + "\n".join(errors)
        )
    output: Path = options["output"]
    output.write_bytes(census.to_bytes(document))
    workers = len(document.findall("CSWWWorker"))
    return f"Wrote the {options['year']} workforce census ({workers} workers) to {output}"


def _cin_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--year",
        required=True,
        help="The census year, named by the year its collection ends: 2026 is 2025-26",
    )
    parser.add_argument("--output", type=Path, required=True, help="Where to write the XML")


def _write_cin_census(options: dict[str, Any]) -> str:
    year = census_year(options["year"])
    output: Path = options["output"]
    result = export_census(year, output, serial=next_serial(year))
    if not result.valid:
        raise CommandError(
            f"The census does not match the {year.label} schema, so nothing was written:\n"
            + "\n".join(str(error) for error in result.schema_errors)
        )
    return f"Wrote {output}. {result.summary()}"


EXPORTERS = (
    Exporter(
        "workforce-census",
        "The children's social work workforce census (CSWW) as XML, checked against the schema",
        _census_arguments,
        _write_workforce_census,
    ),
    Exporter(
        "cin-census",
        "The children in need census as XML, from the live record, checked against the "
        "year's schema and the DfE's rules",
        _cin_arguments,
        _write_cin_census,
    ),
)


class Command(BaseCommand):
    help = "Write a statutory return to a file"

    def add_arguments(self, parser: CommandParser) -> None:
        returns = parser.add_subparsers(dest="return_name", required=True, title="returns")
        for exporter in EXPORTERS:
            sub = returns.add_parser(exporter.name, help=exporter.help)
            exporter.add_arguments(sub)

    def handle(self, *args: Any, **options: Any) -> None:
        exporter = next(e for e in EXPORTERS if e.name == options["return_name"])
        try:
            summary = exporter.run(options)
        except RuleBroken as broken:
            raise CommandError(f"{broken.field}: {broken.message}") from None
        except OSError as error:
            raise CommandError(f"Cannot write {options.get('output')}: {error.strerror}") from None
        self.stdout.write(summary)
