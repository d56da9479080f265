"""The workforce census export: valid against the DfE's XSD, with starters, leavers, agency
workers, vacancies as FTE, cases held on 30 September and sickness absence."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from lxml import etree

from casework.testing.factories import AllocationFactory, UserFactory
from casework.workforce import census
from casework.workforce.models import StaffRecord, Vacancy
from casework.workforce.tests.factories import StaffRecordFactory, VacancyFactory

pytestmark = pytest.mark.django_db
REFERENCE = datetime.date(2026, 9, 30)


def worker_element(document, swe: str):
    for worker in document.findall("CSWWWorker"):
        if worker.findtext("SWENo") == swe:
            return worker
    raise AssertionError(f"{swe} is not in the census")


def export(tmp_path: Path, year: int = 2026) -> etree._Element:
    output = tmp_path / "census.xml"
    call_command("export", "workforce-census", "--year", str(year), "--output", str(output))
    return etree.parse(str(output)).getroot()


def test_the_copied_schema_is_the_published_one() -> None:
    published = Path("/work/shared/domain/standards/social_work_workforce_2022.xsd")
    if not published.exists():
        pytest.skip("the shared standards folder is not present")
    assert census.SCHEMA_PATH.read_bytes() == published.read_bytes()


def test_the_export_validates_against_the_xsd(tmp_path: Path) -> None:
    StaffRecordFactory(
        swe_number="SW0000000001",
        gender="2",
        ethnicity="WBRI",
        date_of_birth=datetime.date(1990, 5, 1),
    )
    StaffRecordFactory(swe_number="SW0000000002", contract=StaffRecord.Contract.AGENCY)
    StaffRecordFactory(
        swe_number="SW0000000003",
        left_on=datetime.date(2026, 3, 31),
        reason_left="1",
        asye=StaffRecord.Asye.IN_PROGRESS,
        started_on=datetime.date(2025, 10, 6),
        start_origin="1",
        absence_reason="",
    )
    StaffRecordFactory(
        swe_number="SW0000000004", absence_reason="SIC", working_days_lost=Decimal("12.5")
    )
    document = export(tmp_path)
    assert census.validation_errors(document) == []
    schema = census.schema()
    assert schema.validate(etree.ElementTree(document))
    assert document.findtext("Header/CollectionDetails/ReferenceDate") == "2026-09-30"


def test_leavers_carry_their_end_date_and_reason_and_no_cases(tmp_path: Path) -> None:
    StaffRecordFactory(
        swe_number="SW0000000003", left_on=datetime.date(2026, 3, 31), reason_left="5"
    )
    worker = worker_element(export(tmp_path), "SW0000000003")
    assert worker.findtext("RoleEndDate") == "2026-03-31"
    assert worker.findtext("ReasonLeave") == "5"
    assert worker.find("Cases30") is None
    assert worker.find("FTE30") is None


def test_starters_in_the_year_carry_their_origin_and_others_do_not(tmp_path: Path) -> None:
    StaffRecordFactory(
        swe_number="SW0000000005", started_on=datetime.date(2026, 1, 5), start_origin="2"
    )
    StaffRecordFactory(
        swe_number="SW0000000006", started_on=datetime.date(2019, 1, 5), start_origin="2"
    )
    document = export(tmp_path)
    assert worker_element(document, "SW0000000005").findtext("StartOrigin") == "2"
    assert worker_element(document, "SW0000000006").find("StartOrigin") is None


def test_cases_held_on_30_september_come_from_allocations_open_that_day(tmp_path: Path) -> None:
    user = UserFactory()
    StaffRecordFactory(user=user, swe_number="SW0000000007")
    AllocationFactory(worker=user, team=user.team, started_on=datetime.date(2026, 1, 5))
    AllocationFactory(
        worker=user,
        team=user.team,
        started_on=datetime.date(2026, 1, 5),
        ended_on=datetime.date(2026, 10, 15),
    )
    AllocationFactory(
        worker=user,
        team=user.team,
        started_on=datetime.date(2026, 1, 5),
        ended_on=datetime.date(2026, 9, 1),
    )
    AllocationFactory(worker=user, team=user.team, started_on=datetime.date(2026, 10, 1))
    worker = worker_element(export(tmp_path), "SW0000000007")
    assert worker.findtext("Cases30") == "2"
    assert worker.findtext("FTE30") == "1.000000"


def test_agency_workers_and_vacancies_are_counted_as_fte(tmp_path: Path) -> None:
    StaffRecordFactory(
        swe_number="SW0000000008", contract=StaffRecord.Contract.AGENCY, fte=Decimal("0.5")
    )
    StaffRecordFactory(swe_number="SW0000000009", contract=StaffRecord.Contract.AGENCY)
    StaffRecordFactory(swe_number="SW0000000010")
    VacancyFactory(fte=Decimal("1"), opened_on=datetime.date(2026, 6, 1))
    VacancyFactory(
        fte=Decimal("0.5"), opened_on=datetime.date(2026, 6, 1), status=Vacancy.Status.CLOSED
    )
    # Filled before the reference date, a draft, and one advertised after it: none count.
    VacancyFactory(
        opened_on=datetime.date(2026, 6, 1),
        ended_on=datetime.date(2026, 9, 1),
        status=Vacancy.Status.FILLED,
    )
    VacancyFactory(opened_on=datetime.date(2026, 6, 1), status=Vacancy.Status.DRAFT)
    VacancyFactory(opened_on=datetime.date(2026, 10, 2))
    document = export(tmp_path)
    assert document.findtext("LALevelVacancies/NumberOfVacancies") == "1.50"
    assert document.findtext("LALevelVacancies/NoAgencyFTE") == "1.50"
    assert document.findtext("LALevelVacancies/NoAgencyHeadcount") == "2"
    assert worker_element(document, "SW0000000008").findtext("AgencyWorker") == "1"
    assert worker_element(document, "SW0000000010").findtext("AgencyWorker") == "0"


def test_absence_is_reported_as_the_census_asks(tmp_path: Path) -> None:
    StaffRecordFactory(
        swe_number="SW0000000011", absence_reason="MAT", working_days_lost=Decimal("3")
    )
    StaffRecordFactory(swe_number="SW0000000012")
    document = export(tmp_path)
    absent = worker_element(document, "SW0000000011")
    assert absent.findtext("Absat30Sept") == "1"
    assert absent.findtext("ReasonAbsence") == "MAT"
    assert absent.findtext("WorkingDaysLost") == "3.00"
    assert worker_element(document, "SW0000000012").findtext("Absat30Sept") == "0"


def test_staff_outside_the_year_or_unregistered_are_left_out(tmp_path: Path) -> None:
    StaffRecordFactory(swe_number="SW0000000013")
    StaffRecordFactory(swe_number="")  # an administrator, not a social worker
    StaffRecordFactory(
        swe_number="SW0000000014",
        started_on=datetime.date(2020, 1, 1),
        left_on=datetime.date(2025, 9, 30),
        reason_left="1",
    )
    StaffRecordFactory(swe_number="SW0000000015", started_on=datetime.date(2026, 10, 1))
    numbers = [w.findtext("SWENo") for w in export(tmp_path).findall("CSWWWorker")]
    assert numbers == ["SW0000000013"]


def test_the_command_refuses_a_year_with_nobody_to_report(tmp_path: Path) -> None:
    output = tmp_path / "census.xml"
    with pytest.raises(CommandError, match="nothing to report"):
        call_command("export", "workforce-census", "--year", "2026", "--output", str(output))
    assert not output.exists()


def test_the_command_refuses_a_bad_la_code(tmp_path: Path) -> None:
    StaffRecordFactory()
    with pytest.raises(CommandError, match="three digits"):
        call_command(
            "export",
            "workforce-census",
            "--year",
            "2026",
            "--output",
            str(tmp_path / "x.xml"),
            "--lea",
            "12",
        )


def test_the_command_needs_a_return_name() -> None:
    with pytest.raises(CommandError):
        call_command("export")


def test_an_unwritable_output_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    StaffRecordFactory()
    with pytest.raises(CommandError, match="Cannot write"):
        call_command(
            "export",
            "workforce-census",
            "--year",
            "2026",
            "--output",
            str(tmp_path / "missing" / "census.xml"),
        )


def test_the_census_year_runs_from_1_october_to_30_september() -> None:
    assert census.census_year(2026) == (datetime.date(2025, 10, 1), REFERENCE)


def test_schema_validation_catches_a_broken_document() -> None:
    StaffRecordFactory(swe_number="SW0000000016")
    document = census.build(2026, "201")
    document.find("CSWWWorker/SWENo").text = "not a number"
    errors = census.validation_errors(document)
    assert errors
    assert "SWENo" in errors[0]
