"""Our rules never break on a record, whatever an uploaded file holds: missing dates, codes off
the list, text where a number should be. And the engine's shortcut (a rule is not run on a
child without the records it checks) never hides a failure the rule would have found."""

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from casework.returns.cin.records import (
    Assessment,
    Child,
    ChildProtectionPlan,
    CINDetails,
    CINPlan,
    Review,
    Section47,
)
from casework.returns.cin.validation import (
    CHILD_RULES,
    Context,
    all_rules,
    validate,
)
from casework.returns.cin.years import census_year
from casework.returns.tests import census_factories as f

YEAR = census_year(2026)
CALENDAR = f.england_calendar()

# Dates around the census year, on both sides of its edges, and sometimes none at all.
dates = st.one_of(
    st.none(),
    st.dates(min_value=datetime.date(1995, 1, 1), max_value=datetime.date(2027, 12, 31)),
    st.dates(min_value=datetime.date(2025, 3, 1), max_value=datetime.date(2026, 4, 30)),
)
flags = st.sampled_from(["", "true", "false", "1", "0", "TRUE", "yes", " false "])


def codes(*valid: str) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(["", *valid]), st.text(max_size=6))


factors = st.lists(codes("21", "3A", "18A", "19A", "1B", "25Z"), max_size=4)
reviews = st.lists(st.builds(Review, CPPreviewDate=dates), max_size=3)
assessments = st.lists(
    st.builds(
        Assessment,
        AssessmentActualStartDate=dates,
        AssessmentAuthorisationDate=dates,
        AssessmentFactors=factors,
    ),
    max_size=3,
)
section47s = st.lists(
    st.builds(
        Section47,
        S47ActualStartDate=dates,
        InitialCPCtarget=dates,
        DateOfInitialCPC=dates,
        ICPCnotRequired=flags,
    ),
    max_size=3,
)
cp_plans = st.lists(
    st.builds(
        ChildProtectionPlan,
        CPPstartDate=dates,
        CPPendDate=dates,
        InitialCategoryOfAbuse=codes("NEG", "MUL"),
        LatestCategoryOfAbuse=codes("EMO"),
        NumberOfPreviousCPP=codes("0", "2", "-1", "two"),
        Reviews=reviews,
    ),
    max_size=3,
)
episodes = st.lists(
    st.builds(
        CINDetails,
        CINreferralDate=dates,
        ReferralSource=codes("2A", "10"),
        PrimaryNeedCode=codes("N1", "N0"),
        CINclosureDate=dates,
        ReasonForClosure=codes("RC2", "RC8", "RC9"),
        DateOfInitialCPC=dates,
        ReferralNFA=flags,
        Assessments=assessments,
        CINPlanDates=st.lists(
            st.builds(CINPlan, CINPlanStartDate=dates, CINPlanEndDate=dates), max_size=3
        ),
        Section47=section47s,
        ChildProtectionPlans=cp_plans,
    ),
    max_size=3,
)
children = st.builds(
    Child,
    LAchildID=codes("C1", "C1", "C-2", "X" * 21),
    UPN=codes(f.next_upn(), "A20112345678I", "A2011234567AB"),
    FormerUPN=codes("B201000000001"),
    UPNunknown=codes("UN1", "UN7"),
    PersonBirthDate=dates,
    ExpectedPersonBirthDate=dates,
    Sex=codes("M", "F", "U"),
    PersonDeathDate=dates,
    Ethnicity=codes("WBRI"),
    Disabilities=st.lists(codes("NONE", "MOB", "AUT"), max_size=3),
    CINdetails=episodes,
)


@settings(max_examples=100)
@given(st.lists(children, max_size=4))
def test_any_record_gets_failures_never_an_exception(records: list[Child]) -> None:
    failures = list(validate(f.header(YEAR), records, YEAR, CALENDAR))

    known = {rule.code for rule in all_rules(YEAR)}
    assert {failure.code for failure in failures} <= known
    for failure in failures:
        assert failure.fields
        assert failure.query == failure.code.endswith("Q")


@settings(max_examples=100)
@given(children)
def test_skipping_rules_a_child_has_nothing_for_hides_no_failure(child: Child) -> None:
    context = Context(YEAR, f.header(YEAR), CALENDAR)
    every_rule = sorted(
        (rule.code, id(record)) for rule in CHILD_RULES for record, _ in rule.check(child, context)
    )

    engine = sorted(
        (failure.code, id(failure.record))
        for failure in validate(f.header(YEAR), [child], YEAR, CALENDAR)
        if failure.child is not None and failure.code not in {"1520", "8510"}
    )

    assert engine == every_rule
