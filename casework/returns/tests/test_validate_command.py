"""`casework validate cin-census FILE --year YYYY`: one line per failure and a JSON summary
last; a file that cannot be read gets one line saying why and where, exit status 2, and no
report at all."""

import datetime
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from casework.common.models import BankHoliday
from casework.returns.cin.bank_holidays import census_calendar
from casework.returns.cin.years import census_year
from casework.returns.tests import census_factories as f
from casework.returns.tests.census_defects import DEFECTS
from casework.returns.tests.census_files import census_xml, write

pytestmark = pytest.mark.django_db

YEAR = census_year(2026)


def _validate(path: Path, year: str = "2026") -> tuple[int, list[str], str]:
    """Run the command; returns its exit status, its output lines and what it wrote to stderr."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("validate", "cin-census", str(path), "--year", year, stdout=out, stderr=err)
        status = 0
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    return status, out.getvalue().splitlines(), err.getvalue()


def _census(tmp_path: Path, *extra: str) -> Path:
    d = f.Dates(YEAR)
    children = [*f.valid_children(YEAR)]
    for key in extra:
        children += DEFECTS[key].build(d, DEFECTS[key].la_child_id)
    return write(tmp_path / "census.xml", census_xml(f.header(YEAR), children, YEAR))


def test_a_valid_census_gives_an_empty_report_and_exit_status_0(tmp_path: Path) -> None:
    status, lines, err = _validate(_census(tmp_path))

    summary = json.loads(lines[-1])
    assert status == 0
    assert lines[:-1] == []
    assert err == ""
    assert summary["complete"] is True
    assert summary["children"] == len(f.valid_children(YEAR))
    assert (summary["failures"], summary["errors"], summary["queries"]) == (0, 0, 0)
    assert summary["ruleset"] == "cin2025_26"


def test_each_failure_is_a_line_naming_child_rule_message_element_and_line(tmp_path: Path) -> None:
    path = _census(tmp_path, "8610", "8841")

    status, lines, _ = _validate(path)

    rows = [line.split("\t") for line in lines[:-1]]
    assert status == 1
    assert [(row[0], row[1]) for row in rows] == [("D8610", "8610"), ("D8841", "8841")]
    _, _, message, elements, line = rows[0]
    assert message == "Primary Need code is missing for a referral which led to further action."
    assert elements == "PrimaryNeedCode"
    # The line is that of the CINdetails holding the missing code.
    text = path.read_text().splitlines()
    assert text[int(line) - 1].strip() == "<CINdetails>"
    assert rows[1][3] == "CPPreviewDate,CPPstartDate"


def test_the_summary_counts_failures_by_rule_and_errors_apart_from_queries(
    tmp_path: Path,
) -> None:
    status, lines, _ = _validate(_census(tmp_path, "8815", "8545Q", "1520"))

    summary = json.loads(lines[-1])
    codes = [line.split("\t")[1] for line in lines[:-1]]
    assert status == 1
    assert summary["by_rule"] == {code: codes.count(code) for code in set(codes)}
    assert summary["by_rule"]["1520"] == 2  # both children sharing the UPN
    assert summary["queries"] == codes.count("8545Q") == 1
    assert summary["errors"] == len(codes) - 1
    assert summary["children"] == len(f.valid_children(YEAR)) + 4


def test_queries_alone_leave_the_exit_status_0(tmp_path: Path) -> None:
    status, lines, _ = _validate(_census(tmp_path, "8545Q"))

    assert status == 0
    assert json.loads(lines[-1])["queries"] == 1


def test_a_council_level_failure_is_a_line_for_the_return(tmp_path: Path) -> None:
    wrong = f.header(YEAR)
    wrong.Year = "2025"
    path = write(tmp_path / "census.xml", census_xml(wrong, f.valid_children(YEAR), YEAR))

    status, lines, _ = _validate(path)

    assert status == 1
    assert lines[0].split("\t")[:2] == ["(return)", "100"]


def test_a_file_checked_as_the_wrong_year_fails_rule_100(tmp_path: Path) -> None:
    status, lines, _ = _validate(_census(tmp_path), year="2027")

    assert status == 1
    assert lines[0].split("\t")[1] == "100"


_VALID_START = b'<?xml version="1.0" encoding="utf-8"?>\n<Message>'


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        pytest.param(b"LAchildID,UPN\nC1,A123\n", "not well-formed XML", id="not-xml"),
        pytest.param(b"", "The file is empty", id="empty"),
        pytest.param(
            b'<Message xmlns="http://www.example.org/CIN"><Header/><Children/></Message>',
            "namespace",
            id="namespaced",
        ),
        pytest.param(
            b'<?xml version="1.0"?>\n<!DOCTYPE Message [\n<!ENTITY a "aaaaaaaaaa">\n'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n'
            b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">\n'
            b"]>\n<Message><Header/><Children><Child><ChildIdentifiers><LAchildID>&c;"
            b"</LAchildID></ChildIdentifiers></Child></Children></Message>",
            "declares a DTD or entities",
            id="billion-laughs",
        ),
        pytest.param(
            b'<?xml version="1.0"?>\n<!DOCTYPE Message [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b"\n<Message><Header/><Children><Child><ChildIdentifiers><LAchildID>&x;"
            b"</LAchildID></ChildIdentifiers></Child></Children></Message>",
            "declares a DTD or entities",
            id="external-entity",
        ),
        pytest.param(
            b'<?xml version="1.0"?>\n<!DOCTYPE Message SYSTEM "http://example.org/cin.dtd">\n'
            b"<Message><Header/><Children/></Message>",
            "declares a DTD or entities",
            id="external-dtd",
        ),
        pytest.param(
            _VALID_START + b"<Header/><Children><Child>", "not well-formed XML", id="truncated"
        ),
    ],
)
def test_a_file_that_cannot_be_read_gets_one_line_and_exit_status_2(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = write(tmp_path / "upload.xml", content)

    status, lines, err = _validate(path)

    assert status == 2
    assert lines == []  # no report, not even a summary
    assert len(err.strip().splitlines()) == 1
    assert expected in err
    assert str(path) in err
    if content:
        assert "Line " in err


def test_a_date_that_does_not_parse_late_in_the_file_gives_no_partial_report(
    tmp_path: Path,
) -> None:
    # Children with failures come first, so a report would already have lines in it when the
    # bad date is reached.
    d = f.Dates(YEAR)
    children = DEFECTS["8610"].build(d, "D8610") + f.valid_children(YEAR)
    xml = census_xml(f.header(YEAR), children, YEAR)
    last_review = xml.rfind(b"<CPPreviewDate>") + len(b"<CPPreviewDate>")
    bad = xml[:last_review] + b"20/08/2025" + xml[last_review + 10 :]
    path = write(tmp_path / "census.xml", bad)

    status, lines, err = _validate(path)

    assert status == 2
    assert lines == []
    line = bad[:last_review].count(b"\n") + 1
    assert f"Line {line}: CPPreviewDate is “20/08/2025”" in err


def test_a_missing_file_or_a_year_we_do_not_produce_is_refused_plainly(tmp_path: Path) -> None:
    missing = _validate(tmp_path / "nowhere.xml")
    wrong_year = _validate(_census(tmp_path), year="2019")

    assert missing[0] == wrong_year[0] == 2
    assert "cannot be read" in missing[2]
    assert "2025 to 2027" in wrong_year[2]


def _command_line(path: Path, database: Path) -> subprocess.CompletedProcess[str]:
    # A database that has never been migrated: the command needs only the file, and takes the
    # bank holidays from the `holidays` package when it has no table to read.
    return subprocess.run(
        [sys.executable, "-m", "django", "validate", "cin-census", str(path), "--year", "2026"],
        capture_output=True,
        text=True,
        check=False,
        cwd=settings.BASE_DIR,
        env={
            "DJANGO_SETTINGS_MODULE": "casework.settings",
            "DATABASE_URL": f"sqlite:///{database}",
            "PATH": "/usr/bin:/bin",
        },
        timeout=120,
    )


def test_the_command_line_checks_a_file_without_a_migrated_database(tmp_path: Path) -> None:
    done = _command_line(_census(tmp_path, "8610"), tmp_path / "empty.sqlite3")

    assert done.returncode == 1
    assert done.stdout.splitlines()[0].split("\t")[:2] == ["D8610", "8610"]
    assert json.loads(done.stdout.splitlines()[-1])["children"] == len(f.valid_children(YEAR)) + 1


def test_the_command_line_prints_no_traceback_for_an_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path / "upload.xml", b"<Message><Children><Child></Message>")

    done = _command_line(path, tmp_path / "empty.sqlite3")

    assert done.returncode == 2
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().startswith(f"{path}: Line 1: The file is not well-formed XML")
    assert len(done.stderr.strip().splitlines()) == 1


def test_working_days_come_from_the_bank_holidays_table_when_it_has_them() -> None:
    # A one-off holiday an administrator added (as for a coronation) counts.
    one_off = datetime.date(2025, 11, 14)
    BankHoliday.objects.create(date=one_off, name="One-off", added_by_hand=True)

    assert not census_calendar(YEAR).is_working_day(one_off)


def test_working_days_fall_back_to_the_holidays_package_when_the_table_is_empty() -> None:
    BankHoliday.objects.all().delete()

    calendar = census_calendar(YEAR)

    assert not calendar.is_working_day(datetime.date(2025, 12, 25))
    assert not calendar.is_working_day(datetime.date(2026, 4, 3))  # Good Friday 2026
    assert calendar.is_working_day(datetime.date(2025, 11, 14))
