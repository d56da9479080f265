"""Who and what the census takes from the record: every child with a child in need episode
open at some time in the year, and what was true of their records on 31 March."""

import datetime

import pytest

from casework.people.models import Person
from casework.protection.models import PreProceedings, Section47
from casework.returns.cin import from_record
from casework.returns.cin.years import census_year
from casework.returns.tests import builders as b
from casework.returns.tests.builders import D

pytestmark = pytest.mark.django_db

YEAR = census_year(2026)  # 1 April 2025 to 31 March 2026


def census(year: int = 2026) -> list:
    return list(from_record.children(census_year(year)))


def test_a_child_whose_case_closed_before_the_year_is_not_in_it() -> None:
    b.referral(b.child(), D(2024, 6, 3), closed=D(2025, 3, 31))

    assert census() == []


def test_a_referral_with_no_further_action_in_the_year_is_in_it() -> None:
    person = b.child()
    b.referral(person, D(2025, 9, 1), closed=D(2025, 9, 1), need="")

    details = b.only(census()).CINdetails

    assert len(details) == 1
    assert details[0].ReferralNFA == "true"
    assert details[0].PrimaryNeedCode == ""
    assert details[0].CINclosureDate == D(2025, 9, 1)


def test_a_referral_that_led_to_an_assessment_is_not_a_no_further_action_one() -> None:
    episode = b.referral(b.child(), D(2025, 9, 1), closed=D(2025, 10, 1), reason="RC8")
    b.assessment(episode, D(2025, 9, 2), authorised=D(2025, 10, 1), factors=["21"])

    details = b.only(census()).CINdetails[0]

    assert details.ReferralNFA == "false"
    assert details.PrimaryNeedCode == "N4"


def test_a_case_open_all_year_is_in_it_with_no_closure() -> None:
    b.referral(b.child(), D(2024, 11, 4))

    details = b.only(census()).CINdetails[0]

    assert details.CINreferralDate == D(2024, 11, 4)
    assert details.CINclosureDate is None
    assert details.ReasonForClosure == ""


def test_a_case_closed_after_the_year_was_open_on_the_reference_date() -> None:
    b.referral(b.child(), D(2025, 12, 1), closed=D(2026, 5, 6), reason="RC7")

    details = b.only(census()).CINdetails[0]

    assert details.CINclosureDate is None
    assert details.ReasonForClosure == ""
    assert details.ReferralNFA == "false"


def test_a_referral_made_after_the_year_is_not_in_it() -> None:
    b.referral(b.child(), D(2026, 4, 1))

    assert census() == []
    assert len(census(2027)) == 1


def test_a_re_referred_child_has_each_episode_of_the_year() -> None:
    person = b.child()
    b.referral(person, D(2024, 1, 8), closed=D(2024, 6, 1))  # before the year: not in it
    b.referral(person, D(2025, 5, 1), closed=D(2025, 8, 1))
    b.referral(person, D(2026, 1, 12))

    details = b.only(census()).CINdetails

    assert [d.CINreferralDate for d in details] == [D(2025, 5, 1), D(2026, 1, 12)]


def test_an_assessment_completed_before_the_year_was_in_last_years_census() -> None:
    episode = b.referral(b.child(), D(2025, 2, 3))
    b.assessment(episode, D(2025, 2, 4), authorised=D(2025, 3, 20))

    assert b.only(census()).CINdetails[0].Assessments == []
    assert len(b.only(census(2025)).CINdetails[0].Assessments) == 1


def test_an_assessment_authorised_after_the_year_is_open_on_the_reference_date() -> None:
    episode = b.referral(b.child(), D(2026, 3, 2))
    b.assessment(episode, D(2026, 3, 3), authorised=D(2026, 4, 20), factors=["3B", "16A"])

    assessment = b.only(census()).CINdetails[0].Assessments[0]

    assert assessment.AssessmentActualStartDate == D(2026, 3, 3)
    assert assessment.AssessmentAuthorisationDate is None
    # Factors are carried only for a completed assessment (rule 8614).
    assert assessment.AssessmentFactors == []


def test_a_completed_assessment_carries_its_factors() -> None:
    episode = b.referral(b.child(), D(2025, 6, 2))
    b.assessment(episode, D(2025, 6, 3), authorised=D(2025, 7, 14), factors=["3B", "16A"])

    assessment = b.only(census()).CINdetails[0].Assessments[0]

    assert assessment.AssessmentAuthorisationDate == D(2025, 7, 14)
    assert assessment.AssessmentFactors == ["3B", "16A"]


def test_plans_are_trimmed_to_the_year() -> None:
    episode = b.referral(b.child(), D(2024, 9, 2))
    b.cin_plan(episode, D(2024, 10, 1), ended=D(2025, 2, 1))  # ended before the year
    b.cin_plan(episode, D(2025, 3, 1), ended=D(2026, 6, 1))  # ends after it

    plans = b.only(census()).CINdetails[0].CINPlanDates

    assert [(p.CINPlanStartDate, p.CINPlanEndDate) for p in plans] == [(D(2025, 3, 1), None)]


def test_an_initial_conference_after_an_enquiry_is_recorded_on_the_enquiry_only() -> None:
    person = b.child()
    episode = b.referral(person, D(2025, 10, 6))
    s47 = b.enquiry(episode, D(2025, 10, 7), icpc=D(2025, 10, 28), completed=D(2025, 10, 20))
    b.cp_plan(person, D(2025, 10, 28), section47=s47)

    details = b.only(census()).CINdetails[0]

    # Rule 2884: the date of the initial conference at one level, never both.
    assert details.DateOfInitialCPC is None
    assert details.Section47[0].DateOfInitialCPC == D(2025, 10, 28)
    assert details.Section47[0].ICPCnotRequired == "false"
    assert details.ChildProtectionPlans[0].CPPstartDate == D(2025, 10, 28)


def test_an_initial_conference_with_no_enquiry_is_recorded_on_the_episode() -> None:
    person = b.child()
    b.referral(person, D(2025, 10, 6))
    b.cp_plan(person, D(2025, 11, 3))  # a transfer-in conference, no enquiry here

    details = b.only(census()).CINdetails[0]

    assert details.DateOfInitialCPC == D(2025, 11, 3)
    assert details.Section47 == []
    assert len(details.ChildProtectionPlans) == 1


def test_an_enquiry_that_needed_no_conference_says_so() -> None:
    episode = b.referral(b.child(), D(2025, 10, 6))
    b.enquiry(
        episode,
        D(2025, 10, 7),
        outcome=Section47.Outcome.NOT_SUBSTANTIATED,
        completed=D(2025, 10, 15),
    )

    s47 = b.only(census()).CINdetails[0].Section47[0]

    assert s47.ICPCnotRequired == "true"
    assert s47.DateOfInitialCPC is None
    assert s47.InitialCPCtarget == D(2025, 10, 27)


def test_an_enquiry_whose_conference_came_after_the_year_had_none_on_the_reference_date() -> None:
    person = b.child()
    episode = b.referral(person, D(2026, 3, 16))
    s47 = b.enquiry(episode, D(2026, 3, 17), icpc=D(2026, 4, 7), completed=D(2026, 3, 30))
    b.cp_plan(person, D(2026, 4, 7), section47=s47)

    details = b.only(census()).CINdetails[0]

    assert details.Section47[0].DateOfInitialCPC is None
    assert details.Section47[0].ICPCnotRequired == "false"
    assert details.ChildProtectionPlans == []


def test_each_review_in_the_year_is_a_review_of_its_own() -> None:
    person = b.child()
    b.referral(person, D(2024, 12, 2))
    b.cp_plan(
        person,
        D(2024, 12, 16),
        reviews=[D(2025, 3, 14), D(2025, 9, 12), D(2026, 3, 13), D(2026, 9, 11)],
    )

    plan = b.only(census()).CINdetails[0].ChildProtectionPlans[0]

    assert [r.CPPreviewDate for r in plan.Reviews] == [D(2025, 9, 12), D(2026, 3, 13)]


def test_previous_plans_are_counted_from_the_childs_earlier_plans() -> None:
    person = b.child()
    b.referral(person, D(2021, 1, 4))
    b.cp_plan(person, D(2021, 2, 1), ended=D(2021, 11, 1))
    b.cp_plan(person, D(2023, 5, 2), ended=D(2024, 1, 10))
    b.cp_plan(person, D(2025, 6, 2))

    plans = b.only(census()).CINdetails[0].ChildProtectionPlans

    assert [p.NumberOfPreviousCPP for p in plans] == ["2"]


def test_a_first_plan_has_no_previous_plans() -> None:
    person = b.child()
    b.referral(person, D(2025, 6, 2))
    b.cp_plan(person, D(2025, 6, 20))

    plan = b.only(census()).CINdetails[0].ChildProtectionPlans[0]

    assert plan.NumberOfPreviousCPP == "0"


def test_an_unborn_child_is_recorded_by_expected_date_with_sex_u() -> None:
    person = b.child(date_of_birth=None, expected_date_of_birth=D(2026, 6, 1), sex="F")
    b.referral(person, D(2026, 1, 5))

    record = b.only(census())

    assert record.PersonBirthDate is None
    assert record.ExpectedPersonBirthDate == D(2026, 6, 1)
    assert record.Sex == "U"


def test_a_child_born_after_the_reference_date_was_unborn_on_it() -> None:
    person = b.child(date_of_birth=D(2026, 5, 2), sex="M")
    b.referral(person, D(2026, 1, 5))

    record = b.only(census())

    assert (record.PersonBirthDate, record.ExpectedPersonBirthDate) == (None, D(2026, 5, 2))
    assert record.Sex == "U"
    assert b.only(census(2027)).Sex == "M"


def test_a_child_with_nothing_recorded_gets_the_census_codes_for_nothing_recorded() -> None:
    person = b.child(disabilities=[], ethnicity="", sex="M")
    b.referral(person, D(2025, 5, 1))

    record = b.only(census())

    assert record.Disabilities == ["NONE"]
    assert record.Ethnicity == "NOBT"
    assert record.Sex == "M"


def test_a_child_not_yet_of_school_age_is_un1_and_an_older_one_is_asked_about() -> None:
    young = b.child(date_of_birth=D(2021, 3, 1))
    school_age = b.child(date_of_birth=D(2015, 3, 1))
    with_upn = b.child(date_of_birth=D(2015, 3, 1), upn="A123456789012")
    for person in (young, school_age, with_upn):
        b.referral(person, D(2025, 5, 1))

    by_id = {c.LAchildID: c for c in census()}

    assert by_id[young.la_id].UPNunknown == "UN1"
    assert by_id[school_age.la_id].UPNunknown == ""
    assert by_id[with_upn.la_id].UPN == "A123456789012"
    assert by_id[with_upn.la_id].UPNunknown == ""


def test_a_child_whose_only_referral_led_to_nothing_is_un7() -> None:
    person = b.child(date_of_birth=D(2014, 1, 1))
    b.referral(person, D(2025, 5, 1), closed=D(2025, 5, 1), need="")

    assert b.only(census()).UPNunknown == "UN7"


def test_a_death_after_the_reference_date_is_not_reported() -> None:
    person = b.child(date_of_death=D(2026, 7, 1))
    b.referral(person, D(2025, 5, 1))

    assert b.only(census()).PersonDeathDate is None


def test_every_record_knows_where_it_came_from() -> None:
    person = b.child()
    episode = b.referral(person, D(2025, 6, 2))
    assessment = b.assessment(episode, D(2025, 6, 3), authorised=D(2025, 7, 1))
    plan = b.cin_plan(episode, D(2025, 7, 2))

    record = b.only(census())
    details = record.CINdetails[0]

    assert record.source is not None
    assert record.source.model == "people.Person"
    assert details.source is not None
    assert (details.source.model, _uuid(details.source.pk)) == ("cases.Episode", episode.pk)
    assert details.Assessments[0].source is not None
    assert _uuid(details.Assessments[0].source.pk) == assessment.pk
    assert details.CINPlanDates[0].source is not None
    assert _uuid(details.CINPlanDates[0].source.pk) == plan.pk


def _uuid(value: str) -> object:
    import uuid

    return uuid.UUID(value)


def test_pre_proceedings_are_carried_from_2026_27_with_the_family_group_conference() -> None:
    episode = b.referral(b.child(), D(2026, 4, 6))
    b.pre_proceedings(
        episode,
        D(2026, 5, 4),
        letter_sent_on=D(2026, 5, 6),
        fgc_offered=D(2026, 5, 6),
        fgc_held=D(2026, 5, 20),
        initial_meeting_on=D(2026, 5, 21),
        review_meetings=2,
        decided_on=D(2026, 8, 3),
        outcome=PreProceedings.Outcome.PROCEEDINGS,
        court_application_on=D(2026, 8, 10),
    )

    block = b.only(census(2027)).CINdetails[0].PreProceedingsandFGDM[0]

    assert block.PPStartDate == D(2026, 5, 4)
    assert block.LBPSentDate == D(2026, 5, 6)
    assert (block.FGDMMeetingOffer, block.FGDMMeetingFac) == ("1", "1")
    assert block.ReviewMeetingsCount == "2"
    assert block.PPOutcome == "proceedings"
    assert block.CourtAppDate == D(2026, 8, 10)


def test_pre_proceedings_are_not_in_a_census_before_2026_27() -> None:
    episode = b.referral(b.child(), D(2025, 4, 7))
    b.pre_proceedings(episode, D(2025, 5, 5))

    assert b.only(census(2026)).CINdetails[0].PreProceedingsandFGDM == []


def test_the_census_can_be_narrowed_to_some_children() -> None:
    first, second = b.child(), b.child()
    for person in (first, second):
        b.referral(person, D(2025, 5, 1))

    narrowed = list(from_record.children(YEAR, people=Person.objects.filter(pk=second.pk)))

    assert [c.LAchildID for c in narrowed] == [second.la_id]


def test_a_narrowed_census_carries_the_same_records_as_the_whole_councils() -> None:
    # A worker's tray reads their children on its own path (the lists of ids found first);
    # what it finds about each child must be what the return itself will say.
    for index in range(3):
        _rich_child(index)
    b.referral(b.child(), D(2024, 6, 3), closed=D(2025, 3, 31))  # not in this year's census
    whole = {child.LAchildID: child for child in census()}
    some = Person.objects.filter(la_id__in=sorted(whole)[:4])

    narrowed = list(from_record.children(YEAR, people=some))

    assert len(narrowed) == 4
    assert all(child == whole[child.LAchildID] for child in narrowed)


def test_a_narrowed_census_of_children_not_in_it_is_empty() -> None:
    b.referral(b.child(), D(2024, 6, 3), closed=D(2025, 3, 31))

    assert list(from_record.children(YEAR, people=Person.objects.all())) == []
    assert list(from_record.children(YEAR, people=Person.objects.none())) == []


def _rich_child(index: int) -> None:
    person = b.child()
    episode = b.referral(person, D(2025, 5, 1) + datetime.timedelta(days=index))
    b.assessment(episode, D(2025, 5, 2), authorised=D(2025, 6, 2))
    s47 = b.enquiry(episode, D(2025, 5, 3), icpc=D(2025, 5, 23), completed=D(2025, 5, 20))
    b.cp_plan(person, D(2025, 5, 23), section47=s47, reviews=[D(2025, 8, 20)])
    b.cin_plan(b.referral(b.child(), D(2025, 9, 1)), D(2025, 10, 1))


@pytest.mark.parametrize("children", [1, 12])
def test_reading_the_census_takes_the_same_queries_however_many_children(
    children: int, django_assert_num_queries: object
) -> None:
    for index in range(children):
        _rich_child(index)

    with django_assert_num_queries(7):  # type: ignore[operator]
        read = census()

    assert len(read) == children * 2
