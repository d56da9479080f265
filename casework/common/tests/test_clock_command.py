from datetime import date
from io import StringIO

import pytest
from django.contrib.admin.sites import AdminSite
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory

from casework.common.admin import BankHolidayAdmin, ClockSettingForm
from casework.common.clock import due, rule_amount, seed_bank_holidays, working_calendar
from casework.common.models import BankHoliday, ClockSetting
from casework.lib.clock import RULES, DueDates

pytestmark = pytest.mark.usefixtures("db")

# practice-rules.md 5b: the weekday bank holidays gov.uk lists for these years.
GOV_UK_2026_2027 = {
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


def _run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def england(db: None) -> None:
    seed_bank_holidays(2025, 2028)


# Seeding ----------------------------------------------------------------------------------------


def test_seeded_2026_and_2027_match_the_gov_uk_list() -> None:
    assert seed_bank_holidays(2026, 2027) == 16
    assert set(BankHoliday.objects.values_list("date", flat=True)) == GOV_UK_2026_2027


def test_seeding_uses_gov_uk_wording_for_substitute_days() -> None:
    seed_bank_holidays(2026, 2026)
    assert BankHoliday.objects.get(date=date(2026, 12, 28)).name == "Boxing Day (substitute day)"
    assert not BankHoliday.objects.get(date=date(2026, 12, 28)).added_by_hand


def test_seeding_2022_and_2023_includes_the_one_off_days() -> None:
    seed_bank_holidays(2022, 2023)
    dates = set(BankHoliday.objects.values_list("date", flat=True))
    assert {date(2022, 6, 2), date(2022, 6, 3), date(2022, 9, 19), date(2023, 5, 8)} <= dates
    # The late-May holiday moved to 2 June that year.
    assert date(2022, 5, 30) not in dates
    # New Year's Day 2022 was a Saturday; only its Monday substitute is listed.
    assert date(2022, 1, 3) in dates
    assert date(2022, 1, 1) not in dates


def test_seeding_twice_adds_nothing_the_second_time() -> None:
    assert seed_bank_holidays(2026, 2027) == 16
    assert seed_bank_holidays(2026, 2027) == 0
    assert BankHoliday.objects.count() == 16


def test_seeding_keeps_rows_added_by_hand() -> None:
    BankHoliday.objects.create(
        date=date(2026, 12, 25), name="Council: Christmas", added_by_hand=True
    )
    BankHoliday.objects.create(date=date(2026, 12, 24), name="Council closure", added_by_hand=True)
    assert seed_bank_holidays(2026, 2026) == 7
    christmas = BankHoliday.objects.get(date=date(2026, 12, 25))
    assert (christmas.name, christmas.added_by_hand) == ("Council: Christmas", True)
    assert BankHoliday.objects.filter(date=date(2026, 12, 24)).exists()


def test_seeding_a_backwards_range_is_refused() -> None:
    with pytest.raises(ValueError, match="after the last"):
        seed_bank_holidays(2027, 2026)


def test_holidays_command_reports_how_many_it_added() -> None:
    assert _run("holidays", "--from", "2026", "--to", "2027")[0] == (
        "Added 16 bank holidays for 2026 to 2027.\n"
    )
    assert _run("holidays", "--from", "2026", "--to", "2027")[0] == (
        "Added 0 bank holidays for 2026 to 2027.\n"
    )


@pytest.mark.parametrize(
    "args", [("--from", "2027", "--to", "2026"), ("--from", "20235"), ("--to", "1066")]
)
def test_holidays_command_refuses_bad_years(args: tuple[str, ...]) -> None:
    with pytest.raises(CommandError):
        _run("holidays", *args)


# Due dates --------------------------------------------------------------------------------------


@pytest.mark.usefixtures("england")
def test_icpc_skips_christmas_and_new_year() -> None:
    assert due("icpc", date(2026, 12, 23)) == DueDates(
        due=date(2027, 1, 18), target=date(2027, 1, 15)
    )


@pytest.mark.usefixtures("england")
def test_assessment_from_before_easter_matches_the_worked_example() -> None:
    assert due("assessment", date(2026, 4, 2)) == DueDates(
        due=date(2026, 6, 10), target=date(2026, 6, 9)
    )


@pytest.mark.usefixtures("england")
def test_a_local_setting_changes_cp_visits() -> None:
    assert due("cp-visit", date(2026, 4, 2)).due == date(2026, 4, 20)
    ClockSetting.objects.create(rule_code="cp-visit", amount=5)
    assert rule_amount("cp-visit") == 5
    assert due("cp-visit", date(2026, 4, 2)).due == date(2026, 4, 13)


@pytest.mark.usefixtures("england")
def test_a_setting_on_a_statutory_rule_is_ignored() -> None:
    ClockSetting.objects.create(rule_code="icpc", amount=30)
    ClockSetting.objects.create(rule_code="cla-first-review", amount=40)
    assert rule_amount("icpc") == 15
    assert due("icpc", date(2026, 12, 23)).due == date(2027, 1, 18)
    assert due("cla-first-review", date(2026, 3, 20)).due == date(2026, 4, 21)


def test_a_zero_setting_falls_back_to_the_national_amount() -> None:
    ClockSetting.objects.create(rule_code="cin-visit", amount=0)
    assert rule_amount("cin-visit") == 20


@pytest.mark.usefixtures("england")
def test_adding_a_bank_holiday_moves_due_dates_at_once() -> None:
    # Christmas Eve 2026 + 1 working day is Tuesday 29 Dec (25 and 28 Dec are holidays).
    assert due("contact-decision", date(2026, 12, 24)).due == date(2026, 12, 29)
    closure = BankHoliday.objects.create(date=date(2026, 12, 29), name="One-off holiday")
    assert due("contact-decision", date(2026, 12, 24)).due == date(2026, 12, 30)
    closure.delete()
    assert due("contact-decision", date(2026, 12, 24)).due == date(2026, 12, 29)


def test_seeding_moves_due_dates_at_once() -> None:
    # bulk_create sends no signals, so seeding must clear the cache itself.
    assert due("icpc", date(2026, 12, 23)).due == date(2027, 1, 13)
    seed_bank_holidays(2026, 2027)
    assert due("icpc", date(2026, 12, 23)).due == date(2027, 1, 18)


def test_working_calendar_reads_the_table() -> None:
    BankHoliday.objects.create(date=date(2026, 12, 29), name="One-off holiday")
    assert not working_calendar().is_working_day(date(2026, 12, 29))


# clock command ----------------------------------------------------------------------------------


@pytest.mark.usefixtures("england")
def test_clock_command_prints_the_icpc_date_and_dfe_target() -> None:
    out, err = _run("clock", "icpc", "2026-12-23")
    assert out == (
        "icpc from Wed 23 Dec 2026: due Mon 18 Jan 2027 (15 working days); "
        "DfE target Fri 15 Jan 2027\n"
    )
    assert err == ""


@pytest.mark.usefixtures("england")
def test_clock_command_has_no_dfe_target_for_other_rules() -> None:
    out, _ = _run("clock", "contact-decision", "2026-04-02")
    assert out == "contact-decision from Thu 2 Apr 2026: due Tue 7 Apr 2026 (1 working day)\n"


@pytest.mark.usefixtures("england")
def test_clock_command_warns_when_a_month_deadline_is_a_holiday() -> None:
    out, _ = _run("clock", "cla-later-review", "2026-06-25")
    assert "due Fri 25 Dec 2026 (6 months)" in out
    assert "not a working day" in out


@pytest.mark.usefixtures("england")
def test_clock_command_shows_a_local_setting() -> None:
    ClockSetting.objects.create(rule_code="cp-visit", amount=5)
    out, _ = _run("clock", "cp-visit", "2026-04-02")
    assert "due Mon 13 Apr 2026 (5 working days, local setting; national default 10)" in out


def test_clock_command_warns_when_no_holidays_are_loaded() -> None:
    out, err = _run("clock", "icpc", "2026-12-23")
    assert "due Wed 13 Jan 2027" in out
    assert "No bank holidays are loaded for 2026, 2027" in err


def test_clock_list_shows_every_rule() -> None:
    out, _ = _run("clock", "--list")
    lines = out.splitlines()
    heads = {line.split()[0] for line in lines if not line.startswith(" ")}
    assert heads == set(RULES)
    assert "Care Planning, Placement and Case Review (England) Regulations 2010" in out
    icpc_line = next(line for line in lines if line.startswith("icpc "))
    assert "15 working days" in icpc_line
    assert icpc_line.endswith("DfE census target")


def test_clock_list_marks_overridden_local_rules() -> None:
    ClockSetting.objects.create(rule_code="cp-visit", amount=15)
    out, _ = _run("clock", "--list")
    cp_line = next(line for line in out.splitlines() if line.startswith("cp-visit "))
    assert "10 working days" in cp_line
    assert cp_line.endswith("local: 15")
    cin_line = next(line for line in out.splitlines() if line.startswith("cin-visit "))
    assert cin_line.endswith("local")


def test_clock_command_names_valid_codes_for_an_unknown_rule() -> None:
    with pytest.raises(CommandError, match="Unknown clock rule 'icpcc'") as caught:
        _run("clock", "icpcc", "2026-12-23")
    assert "Valid codes: " in str(caught.value)
    assert "cla-first-review" in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("text", ["23/12/2026", "2026-02-30", "20261223", "2026-12-23x", "soon"])
def test_clock_command_refuses_a_date_not_in_iso_form(text: str) -> None:
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        _run("clock", "icpc", text)


def test_clock_command_needs_a_rule_and_a_date() -> None:
    with pytest.raises(CommandError, match="--list"):
        _run("clock", "icpc")


# Admin ------------------------------------------------------------------------------------------


def test_saving_a_bank_holiday_in_the_admin_marks_it_as_added_by_hand() -> None:
    seed_bank_holidays(2026, 2026)
    holiday = BankHoliday.objects.get(date=date(2026, 12, 28))
    holiday.name = "Boxing Day (moved)"
    model_admin = BankHolidayAdmin(BankHoliday, AdminSite())
    model_admin.save_model(RequestFactory().post("/"), holiday, form=None, change=True)  # type: ignore[arg-type]
    holiday.refresh_from_db()
    assert holiday.added_by_hand


def test_clock_setting_form_accepts_a_local_rule() -> None:
    form = ClockSettingForm(data={"rule_code": "cp-visit", "amount": 15})
    assert form.is_valid(), form.errors


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"rule_code": "icpc", "amount": 20}, "rule_code"),
        ({"rule_code": "not-a-rule", "amount": 20}, "rule_code"),
        ({"rule_code": "cp-visit", "amount": 0}, "amount"),
    ],
)
def test_clock_setting_form_refuses_statutory_rules_and_zero(data: dict, field: str) -> None:
    form = ClockSettingForm(data=data)
    assert not form.is_valid()
    assert field in form.errors
