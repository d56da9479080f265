"""Rules on CINPlanDates: child in need plans, and how they sit with child protection plans."""

from collections.abc import Iterator

from casework.returns.cin.records import Child, ChildProtectionPlan, CINPlan, is_true
from casework.returns.cin.validation import Context, Found, Needs, child_rule


def _cin_plans(child: Child) -> list[CINPlan]:
    return [plan for details in child.CINdetails for plan in details.CINPlanDates]


def _cp_plans(child: Child) -> list[ChildProtectionPlan]:
    return [plan for details in child.CINdetails for plan in details.ChildProtectionPlans]


@child_rule(
    "4000", "CIN Plan details provided for a referral with no further action", needs=Needs.CIN_PLANS
)
def no_cin_plan_for_nfa(child: Child, context: Context) -> Iterator[Found]:
    """4000: an NFA referral has no CIN plan."""
    for details in child.CINdetails:
        if details.CINPlanDates and is_true(details.ReferralNFA):
            for plan in details.CINPlanDates:
                yield plan, ("ReferralNFA",)


@child_rule(
    "4001",
    "A CIN Plan cannot run concurrently with a Child Protection Plan",
    needs=Needs.CIN_PLANS | Needs.CP_PLANS,
)
def no_open_cin_plan_with_open_cp_plan(child: Child, context: Context) -> Iterator[Found]:
    """4001: an episode with an open child protection plan has no open CIN plan."""
    for details in child.CINdetails:
        if not details.CINPlanDates or not details.ChildProtectionPlans:
            continue
        if any(plan.CPPendDate is None for plan in details.ChildProtectionPlans):
            for plan in details.CINPlanDates:
                if plan.CINPlanStartDate is not None and plan.CINPlanEndDate is None:
                    yield plan, ("CINPlanEndDate", "CPPendDate")


@child_rule(
    "4004",
    "This child is showing more than one open CIN Plan, i.e. with no End Date",
    needs=Needs.CIN_PLANS,
)
def one_open_cin_plan(child: Child, context: Context) -> Iterator[Found]:
    """4004: an episode has at most one CIN plan with no end date."""
    for details in child.CINdetails:
        if len(details.CINPlanDates) < 2:
            continue
        open_plans = [plan for plan in details.CINPlanDates if plan.CINPlanEndDate is None]
        if len(open_plans) > 1:
            for plan in open_plans:
                yield plan, ("CINPlanEndDate",)


@child_rule(
    "4010", "CIN Plan start date is missing or out of data collection period", needs=Needs.CIN_PLANS
)
def cin_plan_start_given(child: Child, context: Context) -> Iterator[Found]:
    """4010: every CIN plan has a start date on or before the reference date."""
    end = context.period_end
    for details in child.CINdetails:
        for plan in details.CINPlanDates:
            if plan.CINPlanStartDate is None or plan.CINPlanStartDate > end:
                yield plan, ("CINPlanStartDate",)


@child_rule("4011", "CIN Plan End Date earlier than Start Date", needs=Needs.CIN_PLANS)
def cin_plan_ends_after_start(child: Child, context: Context) -> Iterator[Found]:
    """4011: a CIN plan does not end before it starts."""
    for details in child.CINdetails:
        for plan in details.CINPlanDates:
            start, end = plan.CINPlanStartDate, plan.CINPlanEndDate
            if start is not None and end is not None and end < start:
                yield plan, ("CINPlanEndDate", "CINPlanStartDate")


@child_rule(
    "4012Q",
    "Please check and either amend or provide a reason: CIN Plan shown as starting and ending "
    "on the same day",
    needs=Needs.CIN_PLANS,
)
def cin_plan_lasts_a_day(child: Child, context: Context) -> Iterator[Found]:
    """4012Q: a CIN plan does not end on the day it starts."""
    for details in child.CINdetails:
        for plan in details.CINPlanDates:
            if plan.CINPlanEndDate is not None and plan.CINPlanStartDate == plan.CINPlanEndDate:
                yield plan, ("CINPlanStartDate", "CINPlanEndDate")


@child_rule("4013", "CIN Plan end date must fall within the census year", needs=Needs.CIN_PLANS)
def cin_plan_ends_in_census_year(child: Child, context: Context) -> Iterator[Found]:
    """4013: a CIN plan's end date, where given, falls within the census year."""
    for details in child.CINdetails:
        for plan in details.CINPlanDates:
            if plan.CINPlanEndDate is not None and not context.in_period(plan.CINPlanEndDate):
                yield plan, ("CINPlanEndDate",)


@child_rule("4014", "CIN Plan data contains overlapping dates", needs=Needs.CIN_PLANS)
def cin_plans_do_not_overlap(child: Child, context: Context) -> Iterator[Found]:
    """4014: no CIN plan starts on or after another's start and on or before the day that
    one ended (or before the reference date, if that one is still open)."""
    plans = [plan for plan in _cin_plans(child) if plan.CINPlanStartDate is not None]
    if len(plans) < 2:
        return
    end = context.period_end
    for later in plans:
        starts = later.CINPlanStartDate
        assert starts is not None
        for other in plans:
            if other is later or starts < other.CINPlanStartDate:  # type: ignore[operator]
                continue
            ended = other.CINPlanEndDate
            if (ended is not None and starts <= ended) or (ended is None and starts <= end):
                yield later, ("CINPlanStartDate", "CINPlanEndDate")
                break


@child_rule(
    "4015", "The CIN Plan start date cannot be before the referral date", needs=Needs.CIN_PLANS
)
def cin_plan_starts_on_or_after_referral(child: Child, context: Context) -> Iterator[Found]:
    """4015: a CIN plan starts on or after the episode's referral date."""
    for details in child.CINdetails:
        referred = details.CINreferralDate
        if referred is None:
            continue
        for plan in details.CINPlanDates:
            if plan.CINPlanStartDate is not None and plan.CINPlanStartDate < referred:
                yield plan, ("CINPlanStartDate", "CINreferralDate")


@child_rule(
    "4016",
    "A CIN Plan has been reported as open at the same time as a Child Protection Plan.",
    needs=Needs.CIN_PLANS | Needs.CP_PLANS,
)
def cin_plan_not_started_during_cp_plan(child: Child, context: Context) -> Iterator[Found]:
    """4016: no CIN plan starts while a child protection plan is running: on or after its
    start and before its end (on or before the reference date, if it has none). A CIN plan may
    start on the day the child protection plan ends."""
    cp_plans = [p for p in _cp_plans(child) if p.CPPstartDate is not None]
    if not cp_plans:
        return
    end = context.period_end
    for plan in _cin_plans(child):
        starts = plan.CINPlanStartDate
        if starts is None:
            continue
        for cp_plan in cp_plans:
            ended = cp_plan.CPPendDate
            if starts >= cp_plan.CPPstartDate and (  # type: ignore[operator]
                (ended is not None and starts < ended) or (ended is None and starts <= end)
            ):
                yield plan, ("CINPlanStartDate", "CPPstartDate", "CPPendDate")
                break


@child_rule(
    "4017",
    "A CIN Plan has been reported as open at the same time as a Child Protection Plan.",
    needs=Needs.CIN_PLANS | Needs.CP_PLANS,
)
def cp_plan_not_started_during_cin_plan(child: Child, context: Context) -> Iterator[Found]:
    """4017: no child protection plan starts while a CIN plan is running: on or after its
    start and before its end (on or before the reference date, if it has none). A child
    protection plan may start on the day the CIN plan ends."""
    cin_plans = [p for p in _cin_plans(child) if p.CINPlanStartDate is not None]
    if not cin_plans:
        return
    end = context.period_end
    for cp_plan in _cp_plans(child):
        starts = cp_plan.CPPstartDate
        if starts is None:
            continue
        for plan in cin_plans:
            ended = plan.CINPlanEndDate
            if starts >= plan.CINPlanStartDate and (  # type: ignore[operator]
                (ended is not None and starts < ended) or (ended is None and starts <= end)
            ):
                yield cp_plan, ("CPPstartDate", "CINPlanStartDate", "CINPlanEndDate")
                break
