"""Rules on Assessments: child and family assessments within an episode, and the factors they
identified."""

import datetime
from collections.abc import Iterator

from casework.returns.cin.records import Child
from casework.returns.cin.rules.cin_details import CLOSED_AFTER_ASSESSMENT
from casework.returns.cin.validation import Context, Found, Needs, child_rule

# Factors identified at assessment (CIN census code set). 18A and 19A are still on the list but
# queried from 2024-25 (rules 8945Q and 8950Q): the B and C codes replace them.
# fmt: off
ASSESSMENT_FACTORS = frozenset(
    {
        "1A", "1B", "1C", "2A", "2B", "2C", "3A", "3B", "3C", "4A", "4B", "4C", "5A", "5B",
        "5C", "6A", "6B", "6C", "7A", "8B", "8C", "8D", "8E", "8F", "9A", "10A", "11A", "12A",
        "13A", "14A", "15A", "16A", "17A", "18A", "18B", "18C", "19A", "19B", "19C", "20", "21",
        "22A", "23A", "24A",
    }
)
# fmt: on
NO_FACTORS = "21"
# "Within 45 working days" as the DfE counts it: the start day is day 1 (practice-rules.md 5d),
# so an assessment is queried once 45 working days up to the reference date have passed.
ASSESSMENT_WORKING_DAYS = 45


@child_rule(
    "1103", "The assessment start date cannot be before the referral date", needs=Needs.ASSESSMENTS
)
def assessment_starts_on_or_after_referral(child: Child, context: Context) -> Iterator[Found]:
    """1103: an assessment starts on or after the referral it follows."""
    for details in child.CINdetails:
        referral = details.CINreferralDate
        if referral is None:
            continue
        for assessment in details.Assessments:
            start = assessment.AssessmentActualStartDate
            if start is not None and start < referral:
                yield assessment, ("AssessmentActualStartDate",)


@child_rule(
    "8608", "Assessment Start Date cannot be later than its End Date", needs=Needs.ASSESSMENTS
)
def assessment_starts_before_authorised(child: Child, context: Context) -> Iterator[Found]:
    """8608: an assessment is not authorised before it started."""
    for details in child.CINdetails:
        for assessment in details.Assessments:
            start = assessment.AssessmentActualStartDate
            authorised = assessment.AssessmentAuthorisationDate
            if start is not None and authorised is not None and start > authorised:
                yield assessment, ("AssessmentActualStartDate", "AssessmentAuthorisationDate")


@child_rule(
    "8614",
    "Parental or child factors at assessment should only be present for a completed assessment.",
    needs=Needs.ASSESSMENTS,
)
def factors_only_when_complete(child: Child, context: Context) -> Iterator[Found]:
    """8614: factors are recorded only on an assessment that has been authorised.

    The DfE-rule validator keys each failure by the assessment's list of factors, and grouping
    on a list raises TypeError, so it counts this rule as passed whenever it finds one.
    """
    for details in child.CINdetails:
        for assessment in details.Assessments:
            if assessment.AssessmentAuthorisationDate is None and assessment.AssessmentFactors:
                yield assessment, ("AssessmentFactors", "AssessmentAuthorisationDate")


def _assessment_cut_off(context: Context) -> datetime.date:
    return context.working_days_before(context.period_end, ASSESSMENT_WORKING_DAYS - 1)


@child_rule(
    "8670Q",
    "Please check and either amend data or provide a reason: Assessment started more than 45 "
    "working days before the end of the census year. However, there is no Assessment end date.",
    needs=Needs.ASSESSMENTS,
)
def open_assessment_within_45_days(child: Child, context: Context) -> Iterator[Found]:
    """8670Q: an assessment still open at the reference date started no more than 45 working
    days before it (Working Together 2023, ch. 1: assessment within 45 working days)."""
    cut_off = context.once(_assessment_cut_off)
    for details in child.CINdetails:
        for assessment in details.Assessments:
            start = assessment.AssessmentActualStartDate
            if (
                assessment.AssessmentAuthorisationDate is None
                and start is not None
                and start < cut_off
            ):
                yield assessment, ("AssessmentAuthorisationDate", "AssessmentActualStartDate")


@child_rule("8696", "Assessment end date must fall within the census year", needs=Needs.ASSESSMENTS)
def authorised_in_census_year(child: Child, context: Context) -> Iterator[Found]:
    """8696: an authorisation date, where given, falls within the census year."""
    for details in child.CINdetails:
        for assessment in details.Assessments:
            authorised = assessment.AssessmentAuthorisationDate
            if authorised is not None and not context.in_period(authorised):
                yield assessment, ("AssessmentAuthorisationDate",)


@child_rule(
    "8736",
    "For an Assessment that has not been completed, the start date must fall within the census "
    "year",
    needs=Needs.ASSESSMENTS,
)
def open_assessment_started_in_year(child: Child, context: Context) -> Iterator[Found]:
    """8736: an assessment not yet authorised has a start date within the census year."""
    for details in child.CINdetails:
        for assessment in details.Assessments:
            if assessment.AssessmentAuthorisationDate is not None:
                continue
            start = assessment.AssessmentActualStartDate
            if start is None or not context.in_period(start):
                yield assessment, ("AssessmentActualStartDate", "AssessmentAuthorisationDate")


@child_rule(
    "8863Q",
    "An Assessment is shown as starting when there is another Assessment ongoing.",
    needs=Needs.ASSESSMENTS,
)
def one_assessment_at_a_time(child: Child, context: Context) -> Iterator[Found]:
    """8863Q: within an episode, no assessment starts on or after another's start and on or
    before that one was authorised (or while that one is still open). An exact repeat is left
    to other rules."""
    end = context.period_end
    for details in child.CINdetails:
        started = [a for a in details.Assessments if a.AssessmentActualStartDate is not None]
        if len(started) < 2:
            continue
        for later in started:
            starts = later.AssessmentActualStartDate
            assert starts is not None
            for other in started:
                if (
                    starts == other.AssessmentActualStartDate
                    and later.AssessmentAuthorisationDate == other.AssessmentAuthorisationDate
                ):
                    continue  # the assessment itself, or an exact repeat of it
                if starts < other.AssessmentActualStartDate:  # type: ignore[operator]
                    continue
                authorised = other.AssessmentAuthorisationDate
                if (authorised is not None and starts <= authorised) or (
                    authorised is None and starts <= end
                ):
                    yield later, ("AssessmentActualStartDate",)
                    break


@child_rule(
    "8869",
    "The assessment factors code “21” cannot be used in conjunction with any other assessment "
    "factors.",
    needs=Needs.ASSESSMENTS,
)
def no_factors_stands_alone(child: Child, context: Context) -> Iterator[Found]:
    """8869: factor 21 (no factors identified) is not recorded with any other factor.

    The DfE-rule validator compares the whole list of an assessment's factors with "21", so it
    never reports this rule on an XML file; ours checks each factor.
    """
    for details in child.CINdetails:
        for assessment in details.Assessments:
            factors = assessment.AssessmentFactors
            if (
                len(factors) > 1
                and NO_FACTORS in factors
                and any(factor != NO_FACTORS for factor in factors)
            ):
                yield assessment, ("AssessmentFactors",)


@child_rule(
    "8873Q",
    "Please check and either amend data or provide a reason: When there is only one assessment "
    "on the episode and the factors code “21 No factors identified” has been used for the "
    "completed assessment, the reason for closure ‘RC8’ or 'RC9' should be used.",
    needs=Needs.ASSESSMENTS,
)
def no_factors_means_closed_after_assessment(child: Child, context: Context) -> Iterator[Found]:
    """8873Q: an episode whose only assessment found no factors (21) is closed as RC8 or RC9
    (closed after assessment). As the DfE-rule validator reads it, this applies to an episode
    not yet closed, too."""
    for details in child.CINdetails:
        if len(details.Assessments) != 1 or details.ReasonForClosure in CLOSED_AFTER_ASSESSMENT:
            continue
        (assessment,) = details.Assessments
        # Any factor containing 21, as the DfE-rule validator matches it; joined with a
        # separator so that two factors cannot make a 21 between them.
        if NO_FACTORS in "|".join(assessment.AssessmentFactors):
            yield details, ("ReasonForClosure", "AssessmentFactors")


@child_rule(
    "8896",
    "Within one CINDetails group there are 2 or more open Assessments groups",
    needs=Needs.ASSESSMENTS,
)
def one_open_assessment(child: Child, context: Context) -> Iterator[Found]:
    """8896: an episode has at most one assessment not yet authorised."""
    for details in child.CINdetails:
        if len(details.Assessments) < 2:
            continue
        still_open = [a for a in details.Assessments if a.AssessmentAuthorisationDate is None]
        if len(still_open) > 1:
            for assessment in still_open:
                yield assessment, ("AssessmentAuthorisationDate",)


@child_rule(
    "8897Q",
    "Parental or child factors at assessment information is missing from a completed assessment",
    needs=Needs.ASSESSMENTS,
)
def complete_assessment_has_factors(child: Child, context: Context) -> Iterator[Found]:
    """8897Q: an assessment authorised in the census year records its factors, each from the
    DfE's list (21 if none were found).

    The DfE-rule validator finds a missing list, but on a code off the list it keys the
    failure by the list of factors, raises TypeError and counts the rule as passed for the
    whole file.
    """
    start = context.period_start
    for details in child.CINdetails:
        for assessment in details.Assessments:
            authorised = assessment.AssessmentAuthorisationDate
            if authorised is None or authorised < start:
                continue
            factors = assessment.AssessmentFactors
            if not factors or any(factor not in ASSESSMENT_FACTORS for factor in factors):
                yield assessment, ("AssessmentFactors",)


@child_rule(
    "8898",
    " The assessment has more than one parental or child factors with the same code",
    needs=Needs.ASSESSMENTS,
)
def factors_not_repeated(child: Child, context: Context) -> Iterator[Found]:
    """8898: no factor is recorded twice on one assessment.

    DfE-rule validator bug (dfe-validators.md section 9): once it finds a repeat, it drops
    duplicate rows from a table holding lists and raises TypeError, so it never reports this
    rule. We follow the published rule.
    """
    for details in child.CINdetails:
        for assessment in details.Assessments:
            factors = assessment.AssessmentFactors
            if len(factors) > 1 and len(set(factors)) < len(factors):
                yield assessment, ("AssessmentFactors",)


def _factor_used(child: Child, code: str) -> Iterator[Found]:
    for details in child.CINdetails:
        for assessment in details.Assessments:
            factors = assessment.AssessmentFactors
            if factors and (code in factors or code in map(str.upper, factors)):
                yield assessment, ("AssessmentFactors",)


@child_rule(
    "8945Q",
    "Please check and either amend data or provide a reason: the assessment factors code '18A' "
    "should not be used ('18B' or '18C' should be used instead)",
    needs=Needs.ASSESSMENTS,
)
def factor_18a_not_used(child: Child, context: Context) -> Iterator[Found]:
    """8945Q: factor 18A (physical abuse) is no longer used: 18B (by a child) or 18C (by an
    adult) says who. The DfE-rule validator compares the whole list of factors with "18A" and
    so never reports it on an XML file."""
    return _factor_used(child, "18A")


@child_rule(
    "8950Q",
    "Please check and either amend data or provide a reason: the assessment factors code '19A' "
    "should not be used ('19B' or '19C' should be used instead)",
    needs=Needs.ASSESSMENTS,
)
def factor_19a_not_used(child: Child, context: Context) -> Iterator[Found]:
    """8950Q: factor 19A (sexual abuse) is no longer used: 19B (by a child) or 19C (by an
    adult) says who. The DfE-rule validator compares the whole list of factors with "19A" and
    so never reports it on an XML file."""
    return _factor_used(child, "19A")
