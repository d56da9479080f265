"""Property: whatever the services accept, in whatever order and with whatever dates, exports to
a census the year's schema accepts.

Each example makes one child's history through the services the pages use, with choices drawn
from the lists the forms offer. A step the services refuse (a date before the referral, a plan
on a closed case) is simply not taken, as a person would be sent back to the form. Then each
year's census is written and checked against that year's schema.
"""

import datetime
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casework.assessments import services as assessments
from casework.assessments.models import Assessment, AssessmentFactor
from casework.cases import services as cases
from casework.cases.models import ClosureReason, Episode, PrimaryNeed, ReferralSource
from casework.common.errors import RuleBroken
from casework.people import services as people
from casework.people.models import Disability, Ethnicity, Sex
from casework.plans import services as plans
from casework.protection import services as protection
from casework.protection.models import ChildProtectionPlan, PreProceedings
from casework.protection.tests.factories import EVERY_AGENCY, VOICE
from casework.returns.cin import from_record, schema, writer
from casework.returns.cin.export import header_for
from casework.returns.cin.years import FIRST_YEAR, LAST_YEAR, CensusYear
from casework.testing.personas import Personas

pytestmark = pytest.mark.django_db

FIRST_DAY = datetime.date(2024, 1, 1)
TODAY = datetime.date(2026, 11, 30)  # no later than the machine's today: services refuse the future
days = st.integers(min_value=0, max_value=(TODAY - FIRST_DAY).days).map(
    lambda n: FIRST_DAY + datetime.timedelta(days=n)
)
gaps = st.integers(min_value=0, max_value=200).map(lambda n: datetime.timedelta(days=n))
factor_sets = st.one_of(
    st.just(["21"]),
    st.lists(
        st.sampled_from([c for c in AssessmentFactor.values if c != "21"]),
        min_size=1,
        max_size=4,
        unique=True,
    ),
)
disability_sets: st.SearchStrategy[list[str]] = st.one_of(
    st.just([]),
    st.just(["NONE"]),
    st.lists(
        st.sampled_from([c for c in Disability.values if c != "NONE"]),
        min_size=1,
        max_size=3,
        unique=True,
    ),
)
ASSESSMENT_CONTENT = {
    "developmental_needs": "Needs.",
    "parenting_capacity": "Capacity.",
    "family_environment": "Environment.",
    "strengths": "Strengths.",
    "risks": "Risks.",
    "analysis": "Analysis.",
    "child_seen": True,
    "seen_alone": True,
    "views": "Views.",
    "participation": "PN1",
    "helped_by": "none",
    "outcome": Assessment.Outcome.CIN_PLAN,
    "late_reason": "Took longer.",
}


def attempt(step: Any, *args: Any, **kwargs: Any) -> Any:
    """Take the step, or not, as a person sent back by the form would not."""
    try:
        with transaction.atomic():
            return step(*args, **kwargs)
    except RuleBroken:
        return None


@st.composite
def histories(draw: st.DrawFn) -> dict[str, Any]:
    born = draw(st.one_of(st.none(), days.map(lambda d: d - datetime.timedelta(days=4000))))
    return {
        "person": {
            "given_name": "Amy",
            "family_name": "Census",
            "date_of_birth": born,
            "expected_date_of_birth": None if born else draw(days),
            "sex": draw(st.sampled_from(Sex.values)),
            "ethnicity": draw(st.sampled_from(Ethnicity.values)),
            "disabilities": draw(disability_sets),
            "upn": draw(st.sampled_from(["", "A123456789012", "B12345678901C"])),
        },
        "referred": draw(days),
        "source": draw(st.sampled_from(ReferralSource.values)),
        "assessment": draw(st.one_of(st.none(), st.tuples(gaps, factor_sets))),
        "need": draw(st.sampled_from(PrimaryNeed.values)),
        "cin_plan": draw(st.one_of(st.none(), st.tuples(gaps, st.booleans()))),
        "enquiry": draw(
            st.one_of(
                st.none(),
                st.tuples(gaps, gaps, st.booleans(), gaps, st.sampled_from(["NEG", "PHY", "MUL"])),
            )
        ),
        "cp_end": draw(st.one_of(st.none(), gaps)),
        "pre_proceedings": draw(st.one_of(st.none(), st.tuples(gaps, gaps, st.booleans()))),
        "closure": draw(
            st.one_of(st.none(), st.tuples(gaps, st.sampled_from(ClosureReason.values)))
        ),
    }


def make_history(personas: Personas, history: dict[str, Any]) -> None:
    manager, chair = personas.manager, personas.chair
    person = attempt(people.create_person, manager, **history["person"])
    if person is None:
        return
    referred = history["referred"]
    episode = attempt(
        cases.open_referral,
        manager,
        person,
        referral_date=referred,
        source=history["source"],
        team=personas.team_a,
    )
    if episode is None:
        return
    if history["assessment"]:
        start, factors = history["assessment"]
        assessment = attempt(assessments.start_assessment, manager, episode, referred + start)
        if assessment is not None:
            content = {**ASSESSMENT_CONTENT, "factors": factors, "child_seen_on": referred + start}
            assessment = attempt(
                assessments.update_assessment, manager, assessment, None, **content
            )
            assessment = assessment and attempt(
                assessments.submit_assessment, manager, assessment, None
            )
            if assessment is not None:
                attempt(
                    assessments.authorise_assessment,
                    manager,
                    assessment,
                    outcome=Assessment.Outcome.CIN_PLAN,
                    rationale="Agreed.",
                    risks_identified="None.",
                    primary_need=history["need"],
                )
    if history["enquiry"]:
        start, to_outcome, at_risk, to_conference, category = history["enquiry"]
        held = referred + start
        discussion = attempt(
            protection.hold_strategy_discussion,
            manager,
            person,
            held_at=datetime.datetime.combine(held, datetime.time(10), tzinfo=datetime.UTC),
            participants=EVERY_AGENCY,
            information_shared="Shared.",
            risks_identified="Harm.",
            decision="section_47",
            rationale="Reasonable cause.",
        )
        enquiry = discussion and discussion.section47
        if enquiry is not None:
            enquiry = attempt(
                protection.record_section47_outcome,
                manager,
                enquiry,
                child_seen_on=None,
                findings="Found.",
                outcome="substantiated_at_risk" if at_risk else "not_substantiated",
                completed_on=held + to_outcome,
            )
            enquiry = enquiry and attempt(
                protection.authorise_section47, manager, enquiry, rationale="Agreed."
            )
            conference = attempt(
                protection.record_conference,
                chair,
                person,
                kind="initial",
                held_on=held + to_outcome + to_conference,
            )
            if conference is not None:
                attempt(
                    protection.finalise_conference,
                    chair,
                    conference,
                    voice=VOICE,
                    parents_views="Agree.",
                    decision="plan",
                    category=category,
                    core_group_members="Sam",
                )
    plan = ChildProtectionPlan.objects.filter(person=person, status="active").first()
    if plan is not None and history["cp_end"] is not None:
        review = attempt(
            protection.record_conference,
            chair,
            person,
            kind="review",
            held_on=plan.started_on + history["cp_end"],
        )
        if review is not None:
            attempt(
                protection.finalise_conference,
                chair,
                review,
                voice=VOICE,
                parents_views="Better.",
                decision="end",
                category=plan.latest_category,
            )
        attempt(
            protection.end_plan,
            manager,
            plan,
            ended_on=plan.started_on + history["cp_end"],
            reason="Safer.",
        )
    if history["cin_plan"]:
        start, approve = history["cin_plan"]
        cin_plan = attempt(plans.start_plan, manager, person, started_on=referred + start)
        if cin_plan is not None and approve:
            attempt(plans.add_goal, manager, cin_plan, want_to_change="Amy is safe at home.")
            attempt(plans.approve_plan, manager, cin_plan, expected_version=None, rationale="Ok.")
    if history["pre_proceedings"]:
        start, to_decision, proceedings = history["pre_proceedings"]
        record = attempt(
            protection.start_pre_proceedings,
            manager,
            person,
            started_on=referred + start,
            letter_sent_on=referred + start,
        )
        if record is not None:
            attempt(
                protection.update_pre_proceedings,
                manager,
                record,
                expected_version=None,
                decided_on=referred + start + to_decision,
                outcome=PreProceedings.Outcome.PROCEEDINGS
                if proceedings
                else PreProceedings.Outcome.STEPPED_DOWN,
            )
    if history["closure"]:
        after, reason = history["closure"]
        current = Episode.objects.get(pk=episode.pk)
        attempt(
            cases.close_episode,
            manager,
            current,
            closed_on=referred + after,
            reason=reason,
            rationale="Done.",
        )


def census_errors(year: CensusYear, tmp: Any) -> list[str]:
    children = list(from_record.children(year))
    if not children:
        return []
    path = tmp / f"census-{year.year}.xml"
    with path.open("wb") as stream:
        writer.write(stream, header_for(year, serial=1), children, year)
    return [str(error) for error in schema.check(path, year).errors]


@settings(
    max_examples=25,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(history=histories())
def test_any_history_the_services_accept_exports_to_schema_valid_xml(
    personas: Personas, tmp_path: Any, history: dict[str, Any]
) -> None:
    with transaction.atomic():
        make_history(personas, history)
        errors = {
            year: census_errors(CensusYear(year), tmp_path)
            for year in range(FIRST_YEAR, LAST_YEAR + 1)
        }
        transaction.set_rollback(True)

    assert errors == {year: [] for year in range(FIRST_YEAR, LAST_YEAR + 1)}, history


def test_the_strategies_can_make_a_full_history(personas: Personas, tmp_path: Any) -> None:
    # A fixed history that takes every step, so the property test is known to reach them all.
    make_history(
        personas,
        {
            "person": {
                "given_name": "Amy",
                "family_name": "Full",
                "date_of_birth": datetime.date(2015, 1, 1),
                "sex": "F",
                "ethnicity": "WBRI",
                "disabilities": ["NONE"],
                "upn": "",
            },
            "referred": datetime.date(2025, 5, 1),
            "source": "2A",
            "assessment": (datetime.timedelta(1), ["3B"]),
            "need": "N1",
            "enquiry": (
                datetime.timedelta(1),
                datetime.timedelta(5),
                True,
                datetime.timedelta(7),
                "NEG",
            ),
            "cp_end": datetime.timedelta(120),
            "cin_plan": (datetime.timedelta(200), True),
            "pre_proceedings": (datetime.timedelta(210), datetime.timedelta(30), True),
            "closure": (datetime.timedelta(400), "RC7"),
        },
    )
    child = next(from_record.children(CensusYear(2026)))
    details = child.CINdetails[0]

    assert details.Assessments
    assert details.Section47
    assert details.ChildProtectionPlans
    assert details.CINPlanDates
    assert census_errors(CensusYear(2026), tmp_path) == []
    assert census_errors(CensusYear(2027), tmp_path) == []
