import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casework.lib.workdays import WorkingCalendar, add_months

# England and Wales bank holidays as listed in practice-rules.md 5b (the gov.uk feed), which is
# what the worked examples in 5e were computed with.
HOLIDAYS_5B = frozenset(
    {
        date(2025, 1, 1),
        date(2025, 4, 18),
        date(2025, 4, 21),
        date(2025, 5, 5),
        date(2025, 5, 26),
        date(2025, 8, 25),
        date(2025, 12, 25),
        date(2025, 12, 26),
        date(2026, 1, 1),
        date(2026, 4, 3),
        date(2026, 4, 6),
        date(2026, 5, 4),
        date(2026, 5, 25),
        date(2026, 8, 31),
        date(2026, 12, 25),
        date(2026, 12, 28),
        date(2027, 1, 1),
        date(2027, 3, 26),
        date(2027, 3, 29),
        date(2027, 5, 3),
        date(2027, 5, 31),
        date(2027, 8, 30),
        date(2027, 12, 27),
        date(2027, 12, 28),
    }
)

# practice-rules.md 5e: (start, working days, legal latest date, inclusive-count date).
WORKED_EXAMPLES = [
    pytest.param(date(2026, 4, 2), 45, date(2026, 6, 10), date(2026, 6, 9), id="assessment"),
    pytest.param(date(2026, 12, 23), 15, date(2027, 1, 18), date(2027, 1, 15), id="icpc"),
    pytest.param(date(2026, 3, 20), 20, date(2026, 4, 21), date(2026, 4, 20), id="first-lac"),
    pytest.param(date(2026, 12, 24), 10, date(2027, 1, 12), date(2027, 1, 11), id="care-plan"),
]

ENGLAND = WorkingCalendar(HOLIDAYS_5B)


# Worked examples --------------------------------------------------------------------------------


def test_referral_decision_skips_good_friday_and_easter_monday() -> None:
    assert ENGLAND.add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)


def test_icpc_skips_christmas_and_new_year() -> None:
    assert ENGLAND.add_working_days(date(2026, 12, 23), 15) == date(2027, 1, 18)
    assert ENGLAND.add_working_days_inclusive(date(2026, 12, 23), 15) == date(2027, 1, 15)


@pytest.mark.parametrize(("start", "n", "legal", "inclusive"), WORKED_EXAMPLES)
def test_worked_examples_match_practice_rules(
    start: date, n: int, legal: date, inclusive: date
) -> None:
    assert ENGLAND.add_working_days(start, n) == legal
    assert ENGLAND.add_working_days_inclusive(start, n) == inclusive


@pytest.mark.parametrize(("start", "n", "legal", "inclusive"), WORKED_EXAMPLES)
def test_worked_examples_count_back_to_n(start: date, n: int, legal: date, inclusive: date) -> None:
    assert ENGLAND.working_days_between(start, legal) == n
    assert ENGLAND.working_days_between(start, inclusive) == n - 1


def test_without_holidays_the_icpc_would_fall_three_working_days_sooner() -> None:
    # Guards against the holiday list being ignored: 25 Dec, 28 Dec and 1 Jan are all weekdays.
    assert WorkingCalendar().add_working_days(date(2026, 12, 23), 15) == date(2027, 1, 13)


# Working days -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 4, 2), True),  # Thursday
        (date(2026, 4, 3), False),  # Good Friday
        (date(2026, 4, 4), False),  # Saturday
        (date(2026, 4, 5), False),  # Sunday
        (date(2026, 4, 6), False),  # Easter Monday
        (date(2026, 12, 24), True),  # Christmas Eve is not a bank holiday
        (date(2026, 12, 28), False),  # substitute for Saturday 26 December
        (date(2027, 12, 29), True),
    ],
)
def test_working_days_exclude_weekends_and_bank_holidays(day: date, working: bool) -> None:
    assert ENGLAND.is_working_day(day) is working


def test_holidays_are_kept_as_a_frozenset_without_duplicates() -> None:
    cal = WorkingCalendar([date(2026, 1, 1), date(2026, 1, 1), date(2026, 4, 3)])
    assert cal.holidays == frozenset({date(2026, 1, 1), date(2026, 4, 3)})
    assert isinstance(cal.holidays, frozenset)


def test_calendar_accepts_a_generator_once() -> None:
    cal = WorkingCalendar(d for d in [date(2026, 1, 1)])
    assert not cal.is_working_day(date(2026, 1, 1))


def test_zero_working_days_is_the_start_even_on_a_holiday() -> None:
    assert ENGLAND.add_working_days(date(2026, 12, 25), 0) == date(2026, 12, 25)


def test_start_on_a_holiday_is_still_day_zero() -> None:
    # Good Friday start: Easter Monday is skipped, so day 1 is Tuesday 7 April.
    assert ENGLAND.add_working_days(date(2026, 4, 3), 1) == date(2026, 4, 7)


def test_friday_plus_one_working_day_is_monday() -> None:
    assert ENGLAND.add_working_days(date(2026, 3, 20), 1) == date(2026, 3, 23)


def test_negative_working_days_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        ENGLAND.add_working_days(date(2026, 4, 2), -1)


def test_inclusive_count_from_a_weekend_makes_the_next_working_day_day_one() -> None:
    # Easter Saturday: Monday is a holiday, so Tuesday 7 April is day 1.
    assert ENGLAND.add_working_days_inclusive(date(2026, 4, 4), 1) == date(2026, 4, 7)
    assert ENGLAND.add_working_days_inclusive(date(2026, 4, 4), 2) == date(2026, 4, 8)


def test_inclusive_count_of_one_from_a_working_day_is_that_day() -> None:
    assert ENGLAND.add_working_days_inclusive(date(2026, 4, 2), 1) == date(2026, 4, 2)


@pytest.mark.parametrize("n", [0, -3])
def test_inclusive_count_needs_at_least_one_day(n: int) -> None:
    with pytest.raises(ValueError, match="at least one"):
        ENGLAND.add_working_days_inclusive(date(2026, 4, 2), n)


def test_next_working_day_rolls_over_christmas() -> None:
    assert ENGLAND.next_working_day(date(2026, 12, 25)) == date(2026, 12, 29)
    assert ENGLAND.next_working_day(date(2026, 12, 29)) == date(2026, 12, 29)


def test_working_days_between_is_zero_for_the_same_day() -> None:
    assert ENGLAND.working_days_between(date(2026, 4, 3), date(2026, 4, 3)) == 0


def test_working_days_between_counts_back_as_a_negative() -> None:
    assert ENGLAND.working_days_between(date(2026, 4, 7), date(2026, 4, 2)) == -1
    assert ENGLAND.working_days_between(date(2027, 1, 18), date(2026, 12, 23)) == -15


def test_working_days_between_over_a_whole_year() -> None:
    # 2026 has 261 weekdays after 31 Dec 2025, and all eight of its bank holidays fall on weekdays.
    assert ENGLAND.working_days_between(date(2025, 12, 31), date(2026, 12, 31)) == 261 - 8


def test_a_weekend_holiday_does_not_cost_a_second_day() -> None:
    # Saturday 26 Dec 2026 is in the list here on purpose; only the substitute Monday counts.
    cal = WorkingCalendar([*HOLIDAYS_5B, date(2026, 12, 26)])
    assert cal.working_days_between(date(2026, 12, 23), date(2027, 1, 18)) == 15
    assert cal.add_working_days(date(2026, 12, 23), 15) == date(2027, 1, 18)


# Months -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
        (date(2026, 1, 31), 3, date(2026, 4, 30)),
        (date(2026, 1, 15), 3, date(2026, 4, 15)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),  # over the year end
        (date(2026, 12, 23), 6, date(2027, 6, 23)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 1, 31), 0, date(2026, 1, 31)),
        (date(2026, 1, 10), -13, date(2024, 12, 10)),
    ],
)
def test_add_months_clamps_to_the_end_of_a_short_month(start: date, n: int, expected: date) -> None:
    assert add_months(start, n) == expected


# Properties -------------------------------------------------------------------------------------

START_DATES = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))


@st.composite
def calendars_and_starts(draw: st.DrawFn) -> tuple[WorkingCalendar, date]:
    """A start date and a random holiday set clustered around it, so that holidays actually
    land inside the ranges being counted (a sparse set over decades would rarely matter)."""
    start = draw(START_DATES)
    offsets = draw(st.lists(st.integers(min_value=-20, max_value=500), max_size=80))
    return WorkingCalendar(start + timedelta(days=o) for o in offsets), start


WORKING_DAY_COUNTS = st.integers(min_value=0, max_value=400)


def _naive_between(cal: WorkingCalendar, a: date, b: date) -> int:
    sign = 1
    if b < a:
        a, b, sign = b, a, -1
    days = (a + timedelta(days=i) for i in range(1, (b - a).days + 1))
    return sign * sum(1 for d in days if cal.is_working_day(d))


@given(calendars_and_starts(), st.integers(min_value=1, max_value=400))
def test_a_working_day_due_date_is_never_a_weekend_or_holiday(
    cal_start: tuple[WorkingCalendar, date], n: int
) -> None:
    cal, start = cal_start
    due = cal.add_working_days(start, n)
    assert due.weekday() < 5
    assert due not in cal.holidays
    assert due > start


@given(calendars_and_starts(), WORKING_DAY_COUNTS, WORKING_DAY_COUNTS)
def test_adding_more_working_days_never_gives_an_earlier_date(
    cal_start: tuple[WorkingCalendar, date], n: int, m: int
) -> None:
    cal, start = cal_start
    low, high = sorted((n, m))
    assert cal.add_working_days(start, low) <= cal.add_working_days(start, high)
    if low < high:
        assert cal.add_working_days(start, low) < cal.add_working_days(start, high)


@given(calendars_and_starts(), st.integers(min_value=1, max_value=400))
def test_inclusive_target_is_never_later_than_the_legal_due_date(
    cal_start: tuple[WorkingCalendar, date], n: int
) -> None:
    cal, start = cal_start
    legal = cal.add_working_days(start, n)
    target = cal.add_working_days_inclusive(start, n)
    assert target <= legal
    if cal.is_working_day(start):
        assert cal.working_days_between(target, legal) == 1
        assert target == cal.add_working_days(start, n - 1)
    else:
        # From a non-working day both counts begin on the same first working day.
        assert target == legal


@given(calendars_and_starts(), WORKING_DAY_COUNTS)
def test_working_days_between_undoes_add_working_days(
    cal_start: tuple[WorkingCalendar, date], n: int
) -> None:
    cal, start = cal_start
    assert cal.working_days_between(start, cal.add_working_days(start, n)) == n


@given(calendars_and_starts(), st.integers(min_value=-400, max_value=400))
def test_working_days_between_agrees_with_counting_day_by_day(
    cal_start: tuple[WorkingCalendar, date], offset: int
) -> None:
    cal, start = cal_start
    end = start + timedelta(days=offset)
    assert cal.working_days_between(start, end) == _naive_between(cal, start, end)
    assert cal.working_days_between(end, start) == -cal.working_days_between(start, end)


@given(START_DATES, st.integers(min_value=-240, max_value=240))
def test_add_months_keeps_the_day_when_it_exists_and_clamps_otherwise(d: date, n: int) -> None:
    result = add_months(d, n)
    assert (result.year * 12 + result.month) - (d.year * 12 + d.month) == n
    last_day = calendar.monthrange(result.year, result.month)[1]
    assert result.day == min(d.day, last_day)


@given(START_DATES)
def test_add_months_never_moves_by_more_than_the_month_length(d: date) -> None:
    following = add_months(d, 1)
    moved = (following - d).days
    days_in_month = calendar.monthrange(d.year, d.month)[1]
    assert 28 <= moved <= days_in_month
    # Exactly a month's length when the day exists next month; less only when it was clamped.
    assert (moved == days_in_month) is (following.day == d.day)
    assert 28 <= (d - add_months(d, -1)).days <= 31
