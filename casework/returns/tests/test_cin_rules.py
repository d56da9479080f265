"""Our DfE CIN rules: the valid council passes every one of them, and each defect injected
into an otherwise valid child is reported as exactly its rule, on that child, and nothing else.

The same defects go to the DfE-rule validator in test_cin_rules_against_the_peer.py."""

import datetime

import pytest

from casework.returns.cin.validation import all_rules
from casework.returns.cin.years import FIRST_YEAR, LAST_YEAR, census_year
from casework.returns.tests import census_factories as f
from casework.returns.tests.census_defects import COUNCIL_DEFECTS, DEFECTS, defect_children
from casework.returns.tests.census_files import OurReport, census_xml, validate_xml

YEARS = list(range(FIRST_YEAR, LAST_YEAR + 1))


@pytest.fixture(scope="module")
def defect_reports() -> dict[int, OurReport]:
    """Our report on each year's valid council plus one child per defect, read back from the
    XML file it makes."""
    reports = {}
    for year in YEARS:
        census = census_year(year)
        children = [c for _, built in defect_children(year) for c in built]
        xml = census_xml(f.header(census), [*f.valid_children(census), *children], census)
        reports[year] = validate_xml(xml, census)
    return reports


@pytest.mark.parametrize("year", YEARS)
def test_every_rule_of_the_year_has_a_defect_to_find(year: int) -> None:
    codes = {rule.code for rule in all_rules(census_year(year))}
    defected = {d.code for d in DEFECTS.values()} | set(COUNCIL_DEFECTS)

    assert codes - defected == set()
    assert defected - codes == set()


@pytest.mark.parametrize("year", YEARS)
def test_the_valid_council_passes_every_rule(year: int) -> None:
    census = census_year(year)

    report = validate_xml(census_xml(f.header(census), f.valid_children(census), census), census)

    assert [(x.la_child_id, x.code) for x in report.failures] == []


@pytest.mark.parametrize("year", YEARS)
def test_defects_leave_the_valid_children_and_the_return_alone(
    defect_reports: dict[int, OurReport], year: int
) -> None:
    report = defect_reports[year]
    valid_ids = {c.LAchildID for c in f.valid_children(year)}

    assert {k: v for k, v in report.by_child.items() if k in valid_ids} == {}
    assert report.council_level == set()


@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize("key", list(DEFECTS))
def test_the_injected_defect_is_reported_on_its_child_and_nothing_else(
    defect_reports: dict[int, OurReport], key: str, year: int
) -> None:
    item = DEFECTS[key]
    target = item.build(f.Dates(census_year(year)), item.la_child_id)[0].LAchildID

    assert defect_reports[year].codes_for(target) == {item.code} | item.also


@pytest.mark.parametrize("code", list(COUNCIL_DEFECTS))
def test_a_council_level_defect_is_reported_on_the_return(code: str) -> None:
    item = COUNCIL_DEFECTS[code]
    census = census_year(2026)
    header, children = item.build(2026)

    report = validate_xml(census_xml(header, children, census), census)

    assert report.council_level == {code}
    child_level = set().union(*(v for k, v in report.by_child.items() if k is not None))
    assert child_level == item.child_level


def test_a_council_level_failure_names_no_child() -> None:
    header, children = COUNCIL_DEFECTS["2886Q"].build(2026)
    census = census_year(2026)

    report = validate_xml(census_xml(header, children, census), census)

    (failure,) = [x for x in report.failures if x.code == "2886Q"]
    assert failure.child is None
    assert failure.query
    assert failure.la_child_id == ""


def test_each_failure_points_at_the_record_and_fields_to_fix() -> None:
    census = census_year(2026)
    child = DEFECTS["8841"].build(f.Dates(census), "D8841")[0]
    review = child.CINdetails[0].ChildProtectionPlans[0].Reviews[0]

    report = validate_xml(census_xml(f.header(census), [child], census), census)

    (failure,) = [x for x in report.failures if x.code == "8841"]
    assert failure.fields == ("CPPreviewDate", "CPPstartDate")
    assert failure.record.CPPreviewDate == review.CPPreviewDate  # type: ignore[union-attr]
    assert failure.record.line is not None  # type: ignore[union-attr]
    assert failure.message.startswith("The review date cannot be")


def test_a_shared_upn_is_reported_on_both_children() -> None:
    census = census_year(2026)
    first, second = DEFECTS["1520"].build(f.Dates(census), "D1520")

    report = validate_xml(census_xml(f.header(census), [first, second], census), census)

    assert report.codes_for("D1520") == {"1520"}
    assert report.codes_for("D1520B") == {"1520"}


def test_working_day_cut_offs_count_the_start_day_as_day_one() -> None:
    # 2026-27 ends just after Easter: Good Friday 26 and Easter Monday 29 March 2027 are not
    # working days. Counting 26 January 2027 as day 1, 31 March is working day 45 (4 days in
    # January, 20 in February, 21 in March), so an assessment still open that started on 26
    # January is on time and one that started on Monday 25 January is queried.
    census = census_year(2027)
    d = f.Dates(census)
    on_time = f.assessment_at_cut_off(d, "A1")
    late = f.assessment_at_cut_off(d, "A2")
    for c, started in ((on_time, datetime.date(2027, 1, 26)), (late, datetime.date(2027, 1, 25))):
        c.CINdetails[0].CINreferralDate = started
        c.CINdetails[0].Assessments[0].AssessmentActualStartDate = started

    report = validate_xml(census_xml(f.header(census), [on_time, late], census), census)

    assert report.codes_for("A1") == set()
    assert report.codes_for("A2") == {"8670Q"}


def test_the_nfa_cut_off_is_the_working_day_before_the_year_began() -> None:
    # The 2024-25 census began on Easter Monday, 1 April 2024; the working day before it was
    # Thursday 28 March (Good Friday 29 March). An NFA referral on 28 March is not queried, one
    # on 27 March is. (The DfE-rule validator queries both, and 1 April too: its offset rolls
    # the cut-off forward to 2 April.)
    census = census_year(2025)
    d = f.Dates(census)
    on_time, late = f.nfa_referral(d, "N1"), f.nfa_referral(d, "N2")
    on_time.CINdetails[0].CINreferralDate = datetime.date(2024, 3, 28)
    late.CINdetails[0].CINreferralDate = datetime.date(2024, 3, 27)

    report = validate_xml(census_xml(f.header(census), [on_time, late], census), census)

    assert report.codes_for("N1") == set()
    assert report.codes_for("N2") == {"8569Q"}
