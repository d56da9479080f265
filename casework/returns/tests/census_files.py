"""Writing test censuses to XML and reading them back through our own reader, so that our
rules and the DfE-rule validator judge the same bytes."""

import io
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from casework.returns.cin import reader, writer
from casework.returns.cin.records import Child, Header
from casework.returns.cin.validation import Failure, validate
from casework.returns.cin.years import CensusYear
from casework.returns.tests.census_defects import blank_review_dates
from casework.returns.tests.census_factories import england_calendar

CALENDAR = england_calendar()


def census_xml(header: Header, children: Iterable[Child], year: CensusYear) -> bytes:
    out = io.BytesIO()
    writer.write(out, header, children, year)
    return blank_review_dates(out.getvalue())


@dataclass
class OurReport:
    """Our failures on a census, by child (LA-level ones under None)."""

    failures: list[Failure]
    by_child: dict[str | None, set[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, failures: list[Failure]) -> "OurReport":
        by_child: dict[str | None, set[str]] = defaultdict(set)
        for failure in failures:
            key = failure.la_child_id if failure.child is not None else None
            by_child[key].add(failure.code)
        return cls(failures, dict(by_child))

    def codes_for(self, la_child_id: str) -> set[str]:
        return self.by_child.get(la_child_id, set())

    @property
    def council_level(self) -> set[str]:
        return self.by_child.get(None, set())


def validate_xml(xml: bytes, year: CensusYear) -> OurReport:
    census = reader.read(io.BytesIO(xml))
    return OurReport.of(list(validate(census.header, census.children, year, CALENDAR)))


def write(path: Path, xml: bytes) -> Path:
    path.write_bytes(xml)
    return path
