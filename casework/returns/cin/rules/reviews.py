"""Rules on Reviews: the review conferences of a child protection plan."""

from collections.abc import Iterator

from casework.returns.cin.records import Child
from casework.returns.cin.validation import Context, Found, Needs, child_rule


@child_rule(
    "4003",
    "A CPP review date is shown as being held at the same time as an open CIN Plan.",
    needs=Needs.CIN_PLANS | Needs.CP_PLANS,
)
def no_review_during_cin_plan(child: Child, context: Context) -> Iterator[Found]:
    """4003: within an episode, no child protection review is held while a CIN plan is open
    (on or after its start and before its end, or at any time after its start if it has not
    ended), unless the review is the day the child protection plan ended.

    The DfE-rule validator tests whether the child protection plan has an end date where the
    published rule means the CIN plan, so it misses a review during a CIN plan that has not
    ended, or during the plan of a child protection plan still open; it also matches reviews to
    plans across episodes. We follow the published rule.
    """
    for details in child.CINdetails:
        if not details.CINPlanDates or not details.ChildProtectionPlans:
            continue
        for cp_plan in details.ChildProtectionPlans:
            for review in cp_plan.Reviews:
                held = review.CPPreviewDate
                if held is None or held == cp_plan.CPPendDate:
                    continue
                for plan in details.CINPlanDates:
                    starts, ends = plan.CINPlanStartDate, plan.CINPlanEndDate
                    if starts is not None and starts <= held and (ends is None or held < ends):
                        yield review, ("CPPreviewDate", "CINPlanStartDate", "CINPlanEndDate")
                        break


@child_rule(
    "8842Q",
    "Please check and either amend or provide a reason: Review Record has a missing date",
    needs=Needs.CP_PLANS,
)
def review_has_a_date(child: Child, context: Context) -> Iterator[Found]:
    """8842Q: every review recorded on a child protection plan has its date."""
    for details in child.CINdetails:
        for cp_plan in details.ChildProtectionPlans:
            for review in cp_plan.Reviews:
                if review.CPPreviewDate is None:
                    yield review, ("CPPreviewDate",)
