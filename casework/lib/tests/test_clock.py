from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casework.lib.clock import (
    RULES,
    ClockRule,
    DueDates,
    Status,
    Unit,
    UnknownRule,
    describe_amount,
    due_dates,
    get_rule,
)
from casework.lib.tests.test_workdays import HOLIDAYS_5B
from casework.lib.workdays import WorkingCalendar

ENGLAND = WorkingCalendar(HOLIDAYS_5B)

REQUIRED_CODES = {
    "contact-decision",
    "assessment",
    "icpc",
    "first-core-group",
    "core-group",
    "first-rcpc",
    "later-rcpc",
    "pre-birth-rcpc",
    "cla-first-review",
    "cla-second-review",
    "cla-later-review",
    "cla-visit-first",
    "cla-visit",
    "cp-visit",
    "cin-plan-review",
    "cin-visit",
    "initial-health-assessment",
    "care-plan",
    "placement-plan",
}


def _due(code: str, start: date, amount: int | None = None) -> DueDates:
    return due_dates(get_rule(code), start, ENGLAND, amount)


# Worked examples from practice-rules.md 5e ------------------------------------------------------


def test_referral_decision_over_easter_is_the_tuesday() -> None:
    assert _due("contact-decision", date(2026, 4, 2)) == DueDates(
        due=date(2026, 4, 7), target=date(2026, 4, 7)
    )


def test_assessment_target_is_the_day_before_the_legal_date() -> None:
    assert _due("assessment", date(2026, 4, 2)) == DueDates(
        due=date(2026, 6, 10), target=date(2026, 6, 9)
    )


def test_icpc_skips_christmas_and_new_year() -> None:
    assert _due("icpc", date(2026, 12, 23)) == DueDates(
        due=date(2027, 1, 18), target=date(2027, 1, 15)
    )


def test_first_lac_review_is_not_census_checked_so_target_equals_due() -> None:
    # 5e lists Mon 20 Apr as the inclusive count, but only assessment and ICPC use it.
    assert _due("cla-first-review", date(2026, 3, 20)) == DueDates(
        due=date(2026, 4, 21), target=date(2026, 4, 21)
    )


def test_care_plan_from_christmas_eve_is_twelfth_january() -> None:
    assert _due("care-plan", date(2026, 12, 24)) == DueDates(
        due=date(2027, 1, 12), target=date(2027, 1, 12)
    )


# Units ------------------------------------------------------------------------------------------


def test_months_clamp_to_the_end_of_a_short_month() -> None:
    assert _due("first-rcpc", date(2026, 11, 30)).due == date(2027, 2, 28)
    assert _due("cla-second-review", date(2026, 1, 31)).due == date(2026, 4, 30)
    assert _due("later-rcpc", date(2026, 8, 31)).due == date(2027, 2, 28)


def test_a_month_deadline_is_not_moved_off_a_holiday() -> None:
    # 5d: no rollover for calendar units; Christmas Day stays the deadline.
    assert _due("cla-later-review", date(2026, 6, 25)).due == date(2026, 12, 25)


def test_weeks_are_seven_calendar_days_each() -> None:
    assert _due("cla-visit-first", date(2026, 12, 24)).due == date(2026, 12, 31)
    assert _due("cla-visit", date(2026, 3, 2)).due == date(2026, 4, 13)


def test_calendar_days_ignore_weekends_and_holidays() -> None:
    rule = ClockRule(
        code="complaint",
        title="Acknowledge a complaint",
        starts="Receipt",
        completes="Acknowledgement sent",
        amount=30,
        unit=Unit.CALENDAR_DAYS,
        status=Status.STATUTE,
        source="Data Protection Act 2018 s164A",
    )
    assert due_dates(rule, date(2026, 12, 1), ENGLAND) == DueDates(
        due=date(2026, 12, 31), target=date(2026, 12, 31)
    )


def test_amount_override_replaces_the_rules_number() -> None:
    # Easter Friday and Monday are skipped in both counts.
    assert _due("cp-visit", date(2026, 4, 2)).due == date(2026, 4, 20)
    assert _due("cp-visit", date(2026, 4, 2), amount=5).due == date(2026, 4, 13)


def test_census_target_follows_an_overridden_amount() -> None:
    assert _due("icpc", date(2026, 12, 23), amount=1) == DueDates(
        due=date(2026, 12, 24), target=date(2026, 12, 23)
    )


@pytest.mark.parametrize("amount", [0, -1])
def test_a_clock_of_no_length_is_refused(amount: int) -> None:
    with pytest.raises(ValueError, match="at least one"):
        _due("cp-visit", date(2026, 4, 2), amount=amount)


# Register ---------------------------------------------------------------------------------------


def test_register_holds_every_required_rule() -> None:
    assert set(RULES) >= REQUIRED_CODES
    assert all(code == rule.code for code, rule in RULES.items())


@pytest.mark.parametrize(
    ("code", "amount", "unit"),
    [
        ("contact-decision", 1, Unit.WORKING_DAYS),
        ("assessment", 45, Unit.WORKING_DAYS),
        ("icpc", 15, Unit.WORKING_DAYS),
        ("first-core-group", 10, Unit.WORKING_DAYS),
        ("core-group", 1, Unit.MONTHS),
        ("first-rcpc", 3, Unit.MONTHS),
        ("later-rcpc", 6, Unit.MONTHS),
        ("pre-birth-rcpc", 10, Unit.WORKING_DAYS),
        ("cla-first-review", 20, Unit.WORKING_DAYS),
        ("cla-second-review", 3, Unit.MONTHS),
        ("cla-later-review", 6, Unit.MONTHS),
        ("cla-visit-first", 1, Unit.WEEKS),
        ("cla-visit", 6, Unit.WEEKS),
        ("cp-visit", 10, Unit.WORKING_DAYS),
        ("cin-plan-review", 3, Unit.MONTHS),
        ("cin-visit", 20, Unit.WORKING_DAYS),
        ("supervision", 1, Unit.MONTHS),
        ("initial-health-assessment", 20, Unit.WORKING_DAYS),
        ("care-plan", 10, Unit.WORKING_DAYS),
        ("placement-plan", 5, Unit.WORKING_DAYS),
    ],
)
def test_rule_amounts_match_practice_rules(code: str, amount: int, unit: Unit) -> None:
    rule = get_rule(code)
    assert (rule.amount, rule.unit) == (amount, unit)


def test_only_assessment_and_icpc_use_the_census_count() -> None:
    assert {code for code, rule in RULES.items() if rule.census_target} == {"assessment", "icpc"}


def test_local_rules_are_the_ones_councils_set_themselves() -> None:
    local = {code for code, rule in RULES.items() if rule.local}
    assert local == {
        "first-core-group",
        "core-group",
        "cp-visit",
        "pre-birth-rcpc",
        "cin-plan-review",
        "cin-visit",
        "supervision",
    }
    assert all(RULES[code].status in {Status.LEGACY, Status.LOCAL_PRACTICE} for code in local)


def test_statutory_rules_cite_their_regulation() -> None:
    for code in ("cla-first-review", "cla-second-review", "cla-later-review"):
        assert "reg 33" in RULES[code].source
        assert RULES[code].status is Status.STATUTE
    for code in ("cla-visit-first", "cla-visit"):
        assert "reg 28(2)" in RULES[code].source
    assert "reg 4(2)" in RULES["care-plan"].source
    assert "reg 7" in RULES["initial-health-assessment"].source
    for code in ("contact-decision", "assessment", "icpc"):
        assert "Working Together to Safeguard Children 2023" in RULES[code].source
    assert "8670Q" in RULES["assessment"].source
    assert "8675Q" in RULES["icpc"].source


def test_every_rule_is_described_and_sourced() -> None:
    for rule in RULES.values():
        assert rule.title
        assert rule.starts
        assert rule.completes
        assert rule.source
        assert rule.amount >= 1


def test_status_values_are_the_practice_rules_keys() -> None:
    assert {s.value for s in Status} == {"S", "SG", "Legacy", "LP", "DQ"}


def test_unknown_rule_lists_the_valid_codes() -> None:
    with pytest.raises(UnknownRule) as caught:
        get_rule("icpc-typo")
    message = str(caught.value)
    assert "icpc-typo" in message
    assert "cla-first-review" in message
    assert "placement-plan" in message
    assert isinstance(caught.value, KeyError)


def test_census_target_is_only_allowed_on_national_working_day_rules() -> None:
    base = {
        "code": "x",
        "title": "x",
        "starts": "x",
        "completes": "x",
        "amount": 3,
        "status": Status.STATUTORY_GUIDANCE,
        "source": "x",
        "census_target": True,
    }
    with pytest.raises(ValueError, match="working days"):
        ClockRule(unit=Unit.MONTHS, **base)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="locally"):
        ClockRule(unit=Unit.WORKING_DAYS, local=True, **base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("amount", "unit", "expected"),
    [
        (1, Unit.WORKING_DAYS, "1 working day"),
        (15, Unit.WORKING_DAYS, "15 working days"),
        (1, Unit.WEEKS, "1 week"),
        (6, Unit.MONTHS, "6 months"),
        (30, Unit.CALENDAR_DAYS, "30 calendar days"),
    ],
)
def test_amounts_read_naturally(amount: int, unit: Unit, expected: str) -> None:
    assert describe_amount(amount, unit) == expected


# Properties -------------------------------------------------------------------------------------

STARTS = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))


@st.composite
def calendars(draw: st.DrawFn, around: date) -> WorkingCalendar:
    offsets = draw(st.lists(st.integers(min_value=-5, max_value=120), max_size=40))
    return WorkingCalendar(around + timedelta(days=o) for o in offsets)


@given(st.sampled_from(sorted(RULES)), STARTS, st.data())
def test_target_is_never_after_due_and_due_is_after_start(
    code: str, start: date, data: st.DataObject
) -> None:
    rule = RULES[code]
    cal = data.draw(calendars(start))
    dates = due_dates(rule, start, cal)
    assert start < dates.due
    assert dates.target <= dates.due
    if rule.unit is Unit.WORKING_DAYS:
        assert cal.is_working_day(dates.due)
        assert cal.working_days_between(start, dates.due) == rule.amount
    if not rule.census_target:
        assert dates.target == dates.due
    elif cal.is_working_day(start):
        assert cal.working_days_between(dates.target, dates.due) == 1


@given(st.sampled_from(sorted(c for c, r in RULES.items() if r.local)), STARTS, st.data())
def test_a_longer_local_setting_never_brings_a_due_date_forward(
    code: str, start: date, data: st.DataObject
) -> None:
    rule = RULES[code]
    shorter = data.draw(st.integers(min_value=1, max_value=60))
    longer = data.draw(st.integers(min_value=shorter, max_value=61))
    cal = data.draw(calendars(start))
    assert due_dates(rule, start, cal, shorter).due <= due_dates(rule, start, cal, longer).due
