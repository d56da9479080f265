"""Rules on Assessments."""

from collections.abc import Iterator

from casework.returns.cin.records import Child
from casework.returns.cin.validation import Context, Found, child_rule


@child_rule(
    "1103",
    "The assessment start date cannot be before the referral date",
)
def assessment_starts_on_or_after_referral(child: Child, context: Context) -> Iterator[Found]:
    """An assessment starts on or after the referral it follows (rule 1103)."""
    for details in child.CINdetails:
        referral = details.CINreferralDate
        for assessment in details.Assessments:
            start = assessment.AssessmentActualStartDate
            if referral is not None and start is not None and start < referral:
                yield assessment, ("AssessmentActualStartDate",)
