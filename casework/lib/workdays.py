"""Working-day and calendar-month arithmetic for statutory timescales.

Kept free of Django so the counting rules can be tested exhaustively on their own, and so that
anything else (an import script, a report) can reuse them with any list of holidays.

Two counts exist because the law and the DfE census validator disagree by one day: the guidance
reading of "within N working days of X" treats X as day 0, while the validator's pandas-based
count treats X as day 1. See practice-rules.md section 5d.
"""

import calendar
from bisect import bisect_right
from collections.abc import Iterable
from datetime import date, timedelta

_ONE_DAY = timedelta(days=1)
_SATURDAY = 5


def _is_weekend(d: date) -> bool:
    return d.weekday() >= _SATURDAY


def _weekdays_after_up_to(a: date, b: date) -> int:
    """Mondays to Fridays in the half-open range (a, b], for a <= b."""
    days = (b - a).days
    full_weeks, spare = divmod(days, 7)
    count = full_weeks * 5
    # The spare days sit at the end of the range; at most six, so walking them is cheap.
    d = a + timedelta(days=full_weeks * 7)
    for _ in range(spare):
        d += _ONE_DAY
        if not _is_weekend(d):
            count += 1
    return count


class WorkingCalendar:
    """Mondays to Fridays, less the bank holidays it was given."""

    __slots__ = ("_holidays", "_weekday_holidays")

    def __init__(self, holidays: Iterable[date] = ()) -> None:
        self._holidays: frozenset[date] = frozenset(holidays)
        # Only holidays that fall on a weekday change a count, and a sorted tuple lets
        # working_days_between count them with two binary searches instead of a scan.
        self._weekday_holidays: tuple[date, ...] = tuple(
            sorted(d for d in self._holidays if not _is_weekend(d))
        )

    def __repr__(self) -> str:
        return f"WorkingCalendar(<{len(self._holidays)} holidays>)"

    @property
    def holidays(self) -> frozenset[date]:
        return self._holidays

    def is_working_day(self, d: date) -> bool:
        return not _is_weekend(d) and d not in self._holidays

    def next_working_day(self, d: date) -> date:
        """`d` itself when it is a working day, otherwise the first working day after it."""
        while not self.is_working_day(d):
            d += _ONE_DAY
        return d

    def add_working_days(self, start: date, n: int) -> date:
        """The nth working day after `start`, where `start` is day 0 whatever day it is.

        This is the reading of "within n working days of X" that statute and Working Together
        use, so it gives the legal latest date.
        """
        if n < 0:
            raise ValueError(f"Cannot count a negative number of working days ({n}).")
        d = start
        remaining = n
        while remaining:
            d += _ONE_DAY
            if self.is_working_day(d):
                remaining -= 1
        return d

    def add_working_days_inclusive(self, start: date, n: int) -> date:
        """The nth working day counting `start` (or the first working day from it) as day 1.

        This mirrors the DfE CIN census validator, which applies pandas CustomBusinessDay(n - 1).
        Because that validator queries anything past this date, it is the date to warn against
        even though the law allows one more working day.
        """
        if n < 1:
            # With the start as day 1 there is no day 0 to return.
            raise ValueError(f"An inclusive count needs at least one working day, not {n}.")
        return self.add_working_days(self.next_working_day(start), n - 1)

    def working_days_between(self, a: date, b: date) -> int:
        """Working days after `a` up to and including `b`; negative when `b` is before `a`.

        Defined so that working_days_between(x, add_working_days(x, n)) == n.
        """
        if b < a:
            return -self.working_days_between(b, a)
        holidays = self._weekday_holidays
        weekday_holidays = bisect_right(holidays, b) - bisect_right(holidays, a)
        return _weekdays_after_up_to(a, b) - weekday_holidays


def add_months(d: date, n: int) -> date:
    """`d` moved by `n` calendar months, clamped to the end of a shorter month.

    Clamping rather than rolling over is what section 5d asks for: 31 January plus one month
    must stay in February, or a three-monthly review would silently slip into March.
    """
    month_index = d.year * 12 + (d.month - 1) + n
    year, month0 = divmod(month_index, 12)
    month = month0 + 1
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(d.day, last_day))
