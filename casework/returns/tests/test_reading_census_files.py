"""An uploaded census file is read back into the same records we write, and a file that is not
a census, or is unsafe, is refused with a message saying where and why."""

import datetime
import io

import pytest

from casework.returns.cin import reader, writer
from casework.returns.cin.records import (
    Assessment,
    Child,
    ChildProtectionPlan,
    CINDetails,
    Header,
    Review,
    Section47,
)
from casework.returns.cin.years import census_year

YEAR = census_year(2026)


def _child(la_id: str = "C1") -> Child:
    return Child(
        LAchildID=la_id,
        PersonBirthDate=datetime.date(2015, 1, 1),
        Sex="F",
        Ethnicity="WBRI",
        Disabilities=["NONE"],
        CINdetails=[
            CINDetails(
                CINreferralDate=datetime.date(2025, 5, 1),
                ReferralSource="2A",
                PrimaryNeedCode="N1",
                ReferralNFA="false",
                Assessments=[
                    Assessment(
                        AssessmentActualStartDate=datetime.date(2025, 5, 2),
                        AssessmentAuthorisationDate=datetime.date(2025, 6, 2),
                        AssessmentFactors=["3A", "16A"],
                    )
                ],
                Section47=[
                    Section47(
                        S47ActualStartDate=datetime.date(2025, 5, 3),
                        InitialCPCtarget=datetime.date(2025, 5, 23),
                        DateOfInitialCPC=datetime.date(2025, 5, 22),
                        ICPCnotRequired="false",
                    )
                ],
                ChildProtectionPlans=[
                    ChildProtectionPlan(
                        CPPstartDate=datetime.date(2025, 5, 22),
                        InitialCategoryOfAbuse="NEG",
                        LatestCategoryOfAbuse="EMO",
                        NumberOfPreviousCPP="0",
                        Reviews=[
                            Review(datetime.date(2025, 8, 20)),
                            Review(datetime.date(2026, 2, 18)),
                        ],
                    )
                ],
            )
        ],
    )


def _file(*children: Child) -> bytes:
    header = Header(Year="2026", ReferenceDate=YEAR.reference_date, LEA="999")
    out = io.BytesIO()
    writer.write(out, header, children, YEAR)
    return out.getvalue()


def _strip_lines(child: Child) -> Child:
    child.line = None
    for details in child.CINdetails:
        details.line = None
        for group in (
            details.Assessments,
            details.CINPlanDates,
            details.Section47,
            details.ChildProtectionPlans,
        ):
            for record in group:
                record.line = None
        for plan in details.ChildProtectionPlans:
            for review in plan.Reviews:
                review.line = None
    return child


def test_a_written_census_reads_back_as_the_same_children() -> None:
    written = [_child("C1"), _child("C2")]
    census = reader.read(io.BytesIO(_file(*written)))

    read_back = [_strip_lines(child) for child in census.children]

    assert read_back == written
    assert census.header.ReferenceDate == datetime.date(2026, 3, 31)


def test_each_review_date_is_written_in_a_reviews_of_its_own() -> None:
    # The DfE-rule validator reads only the first date in each Reviews.
    xml = _file(_child()).decode()

    assert xml.count("<Reviews>") == 2


def test_children_remember_the_line_they_were_on() -> None:
    census = reader.read(io.BytesIO(_file(_child("C1"), _child("C2"))))

    lines = [child.line for child in census.children]

    assert None not in lines
    assert lines[1] > lines[0]  # type: ignore[operator]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "The file is empty"),
        (b"name,dob\nAmy,2015-01-01\n", "not well-formed XML"),
        (b'<Message xmlns="http://www.example.org/cin"><Children/></Message>', "namespace"),
        (b"<CLA><Children/></CLA>", "root element is CLA"),
        (
            b'<?xml version="1.0"?><!DOCTYPE Message [<!ENTITY lol "lol">'
            b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><Message><Children/></Message>',
            "declares a DTD or entities",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE Message SYSTEM "file:///etc/passwd">'
            b"<Message><Children/></Message>",
            "declares a DTD or entities",
        ),
    ],
)
def test_a_file_that_is_not_a_safe_census_is_refused_with_the_reason(
    content: bytes, expected: str
) -> None:
    def read_all() -> None:
        list(reader.read(io.BytesIO(content)).children)

    with pytest.raises(reader.UnreadableCensus, match=expected):
        read_all()


def test_a_date_that_does_not_parse_stops_the_read_at_its_line() -> None:
    xml = _file(_child("C1"), _child("C2")).replace(b"2025-08-20", b"20/08/2025", 2)
    census = reader.read(io.BytesIO(xml))

    with pytest.raises(reader.UnreadableCensus) as refused:
        list(census.children)

    assert "CPPreviewDate" in refused.value.message
    assert "20/08/2025" in refused.value.message
    assert refused.value.line is not None
    assert str(refused.value).startswith(f"Line {refused.value.line}:")
