"""Reads about census runs, and the comparison of a census with last year's."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Max, QuerySet

from casework.returns.cin.years import CensusYear
from casework.returns.models import CensusRun

COMPARED = (
    ("children", "Children in the census"),
    ("referrals", "Referrals in the year"),
    ("assessments", "Assessments completed"),
    ("section47s", "Section 47 enquiries started"),
    ("cp_plans", "Child protection plans started"),
)


def runs() -> QuerySet[CensusRun]:
    return CensusRun.objects.select_related("requested_by").order_by("-requested_at")


def next_serial(year: CensusYear) -> int:
    """The next SerialNo for `year`: one more than the last run's."""
    highest = CensusRun.objects.filter(year=year.year).aggregate(Max("serial"))["serial__max"]
    return (highest or 0) + 1


def last_year_submission(run: CensusRun) -> CensusRun | None:
    """The latest census made in Casework for the year before `run`'s that matched the schema."""
    return (
        CensusRun.objects.filter(year=run.year - 1, status=CensusRun.Status.DONE)
        .order_by("-requested_at")
        .first()
    )


@dataclass(frozen=True)
class Compared:
    label: str
    this_year: Any
    last_year: Any

    @property
    def change(self) -> int | None:
        if isinstance(self.this_year, int) and isinstance(self.last_year, int):
            return self.this_year - self.last_year
        return None


@dataclass(frozen=True)
class Comparison:
    rows: list[Compared]
    last_year_label: str
    # The run last year's figures come from, or None when they were counted from the record
    # as it stood when this census was made.
    last_year_run: CensusRun | None


def comparison(run: CensusRun) -> Comparison | None:
    if not run.counts:
        return None
    previous = last_year_submission(run)
    last_counts = previous.counts if previous is not None else run.previous_counts
    rows = [
        Compared(label, run.counts.get(name), last_counts.get(name)) for name, label in COMPARED
    ]
    return Comparison(rows, CensusYear(run.year - 1).label, previous)
