"""The forecast arithmetic in casework.lib.caseload: averages, FTE needed, new starters."""

from decimal import Decimal

import pytest

from casework.lib import caseload

D = Decimal


def test_average_is_load_per_fte_to_two_places() -> None:
    assert caseload.per_fte(D(50), D(3)) == D("16.67")


def test_a_team_with_no_capacity_has_no_average() -> None:
    assert caseload.per_fte(D(10), D(0)) is None


def test_negative_load_or_fte_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        caseload.per_fte(D(-1), D(1))
    with pytest.raises(ValueError, match="negative"):
        caseload.fte_needed(D(10), D(-1), D(18))


def test_fte_needed_brings_the_average_to_the_target() -> None:
    # 100 weighted cases among 4 FTE is 25 each; 20 each needs 5 FTE, so 1 more.
    assert caseload.fte_needed(D(100), D(4), D(20)) == D("1.00")


def test_fte_needed_rounds_up_so_the_target_is_met() -> None:
    needed = caseload.fte_needed(D(100), D(4), D(18))
    assert needed == D("1.56")  # 100 / 18 = 5.555...; 5.56 - 4
    assert D(100) / (D(4) + needed) <= D(18)


def test_no_more_fte_are_needed_at_or_under_the_target() -> None:
    assert caseload.fte_needed(D(72), D(4), D(18)) == D("0.00")
    assert caseload.fte_needed(D(0), D(0), D(18)) == D("0.00")


def test_a_team_with_no_one_needs_all_of_its_load_covered() -> None:
    assert caseload.fte_needed(D(36), D(0), D(18)) == D("2.00")


def test_a_target_of_zero_or_less_is_refused() -> None:
    with pytest.raises(ValueError, match="more than zero"):
        caseload.fte_needed(D(10), D(1), D(0))


def test_new_starters_share_the_same_load() -> None:
    result = caseload.forecast(D(100), D(4), D(18), starters=1)
    assert result.average_now == D("25.00")
    assert result.average_with_starters == D("20.00")
    assert result.reaches_target is False
    assert caseload.forecast(D(100), D(4), D(18), starters=2).reaches_target is True


def test_part_time_starters_add_their_fte() -> None:
    result = caseload.forecast(D(60), D(2), D(18), starters=2, starter_fte=D("0.5"))
    assert result.average_with_starters == D("20.00")


def test_no_starters_leaves_the_average_as_it_is() -> None:
    result = caseload.forecast(D(54), D(3), D(18), starters=0)
    assert result.average_with_starters == result.average_now == D("18.00")
    assert result.reaches_target is True


def test_an_empty_team_with_no_cases_meets_its_target() -> None:
    result = caseload.forecast(D(0), D(0), D(18), starters=0)
    assert result.average_now is None
    assert result.reaches_target is True


def test_negative_starters_or_impossible_starter_fte_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        caseload.forecast(D(10), D(1), D(18), starters=-1)
    with pytest.raises(ValueError, match="at most 1"):
        caseload.forecast(D(10), D(1), D(18), starters=1, starter_fte=D("1.5"))
    with pytest.raises(ValueError, match="at most 1"):
        caseload.forecast(D(10), D(1), D(18), starters=1, starter_fte=D(0))
