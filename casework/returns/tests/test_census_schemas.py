"""Each year's schema says what that year's census may hold, and a file that breaks it is
reported error by error with the line each is on."""

import datetime
import hashlib
import io
from pathlib import Path

import pytest
import xmlschema

from casework.returns.cin import schema, writer
from casework.returns.cin.records import (
    Child,
    ChildProtectionPlan,
    CINDetails,
    Header,
    PreProceedings,
    Review,
)
from casework.returns.cin.years import census_year

D = datetime.date
YEARS = (2025, 2026, 2027)


def _child(**details: object) -> Child:
    return Child(
        LAchildID="C1",
        PersonBirthDate=D(2015, 1, 1),
        Sex="F",
        Ethnicity="WBRI",
        Disabilities=["NONE"],
        CINdetails=[
            CINDetails(
                CINreferralDate=D(2025, 5, 1),
                ReferralSource="2A",
                PrimaryNeedCode="N1",
                ReferralNFA="false",
                **details,  # type: ignore[arg-type]
            )
        ],
    )


def _written(year: int, *children: Child) -> bytes:
    census = census_year(year)
    header = Header(Year=str(year), ReferenceDate=census.reference_date, LEA="001")
    out = io.BytesIO()
    writer.write(out, header, children or (_child(),), census)
    return out.getvalue()


def _check(tmp_path: Path, year: int, content: bytes) -> schema.Checked:
    path = tmp_path / "census.xml"
    path.write_bytes(content)
    return schema.check(path, census_year(year))


@pytest.mark.parametrize("year", YEARS)
def test_each_years_schema_takes_sex_not_gender_current(tmp_path: Path, year: int) -> None:
    assert _check(tmp_path, year, _written(year)).valid

    old_layout = _written(year).replace(b"<Sex>F</Sex>", b"<GenderCurrent>2</GenderCurrent>")
    refused = _check(tmp_path, year, old_layout)

    assert not refused.valid
    assert "GenderCurrent" in refused.errors[0].message


@pytest.mark.parametrize("year", YEARS)
def test_a_first_plan_with_no_previous_plans_and_many_reviews_is_valid(
    tmp_path: Path, year: int
) -> None:
    plan = ChildProtectionPlan(
        CPPstartDate=D(2025, 5, 20),
        InitialCategoryOfAbuse="NEG",
        LatestCategoryOfAbuse="NEG",
        NumberOfPreviousCPP="0",
        Reviews=[Review(D(2025, 8, 19)), Review(D(2026, 2, 17))],
    )
    content = _written(year, _child(ChildProtectionPlans=[plan]))

    assert content.count(b"<Reviews>") == 2
    assert _check(tmp_path, year, content).valid
    assert not _check(tmp_path, year, content.replace(b">0<", b">-1<")).valid


def test_only_the_2026_27_census_has_the_pre_proceedings_block(tmp_path: Path) -> None:
    block = PreProceedings(
        PPStartDate=D(2026, 5, 4),
        LBPSentDate=D(2026, 5, 6),
        FGDMMeetingOffer="1",
        FGDMMeetingFac="0",
        ReviewMeetingsCount="1",
    )
    for_2027 = _written(2027, _child(PreProceedingsandFGDM=[block]))

    assert b"<PreProceedingsandFGDM>" in for_2027
    assert _check(tmp_path, 2027, for_2027).valid
    refused = _check(tmp_path, 2026, for_2027)
    assert not refused.valid
    assert "PreProceedingsandFGDM" in refused.errors[0].message


def test_every_schema_error_is_reported_with_its_line(tmp_path: Path) -> None:
    second = _child()
    second.LAchildID = "C2"
    content = _written(2026, _child(), second)
    content = content.replace(
        b"<ReferralSource>2A</ReferralSource>", b"<ReferralSource>ZZ</ReferralSource>"
    )
    lines = content.decode().splitlines()

    refused = _check(tmp_path, 2026, content)

    expected = [number for number, line in enumerate(lines, 1) if "ZZ" in line]
    assert [error.line for error in refused.errors] == expected
    assert all("ReferralSource" in error.message for error in refused.errors)
    assert str(refused.errors[0]).startswith(f"Line {expected[0]}: ")


def test_the_check_hashes_the_whole_file(tmp_path: Path) -> None:
    content = _written(2026)

    checked = _check(tmp_path, 2026, content)

    assert checked.sha256 == hashlib.sha256(content).hexdigest()
    assert checked.size == len(content)


def test_a_file_that_is_not_xml_is_reported_not_raised(tmp_path: Path) -> None:
    refused = _check(tmp_path, 2026, b"<Message><Children>")

    assert not refused.valid


@pytest.mark.parametrize("year", YEARS)
def test_a_second_validator_agrees_with_the_schemas(year: int) -> None:
    # xmlschema is an independent implementation: the schemas do not lean on libxml2's quirks.
    assert xmlschema.XMLSchema(str(schema.schema_path(census_year(year)))).is_valid(
        io.BytesIO(_written(year))
    )
