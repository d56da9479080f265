"""Rules on ChildProtectionPlans: child protection plans, their categories of abuse, their
reviews' relation to the plan, and (grouped here by the DfE) activity after an episode closed."""

from collections.abc import Iterator

from casework.returns.cin.records import Child, ChildProtectionPlan, is_true
from casework.returns.cin.validation import Context, Found, Needs, child_rule

ABUSE_CATEGORIES = frozenset({"NEG", "PHY", "SAB", "EMO", "MUL"})


@child_rule(
    "1105",
    "The child protection plan start date cannot be before the referral date",
    needs=Needs.CP_PLANS,
)
def plan_starts_on_or_after_referral(child: Child, context: Context) -> Iterator[Found]:
    """1105: a child protection plan starts on or after the episode's referral date."""
    for details in child.CINdetails:
        referred = details.CINreferralDate
        if referred is None:
            continue
        for plan in details.ChildProtectionPlans:
            if plan.CPPstartDate is not None and plan.CPPstartDate < referred:
                yield plan, ("CPPstartDate", "CINreferralDate")


@child_rule(
    "2885",
    "Child protection plan shown as starting a different day to the initial child protection "
    "conference.",
    needs=Needs.CP_PLANS,
)
def plan_starts_at_conference(child: Child, context: Context) -> Iterator[Found]:
    """2885: a plan starting in the census year starts on the day of an initial conference:
    one recorded on a section 47 enquiry of its episode, or, where the episode has no
    enquiry that needed a conference, the one recorded on the episode itself.

    The DfE-rule validator sets aside only enquiries whose ICPCnotRequired is the text "1";
    we set aside "true" as well, as the published rule (ICPC not required) means both.
    """
    for details in child.CINdetails:
        if not details.ChildProtectionPlans:
            continue
        enquiries = [s for s in details.Section47 if not is_true(s.ICPCnotRequired)]
        conferences = (
            {s.DateOfInitialCPC for s in enquiries} if enquiries else {details.DateOfInitialCPC}
        )
        for plan in details.ChildProtectionPlans:
            start = plan.CPPstartDate
            if start is not None and context.in_period(start) and start not in conferences:
                yield plan, ("CPPstartDate", "DateOfInitialCPC")


@child_rule("8565", "Activity shown after a case has been closed", needs=Needs.CLOSURE)
def nothing_after_closure(child: Child, context: Context) -> Iterator[Found]:
    """8565: nothing in a closed episode is dated after its closure: no assessment start or
    authorisation, section 47 start, initial conference, child protection plan end, or CIN
    plan start or end.

    DfE-rule validator bugs (dfe-validators.md section 9): its check of plan end dates runs on
    a placeholder table left in from its own tests, so it never sees a real one; and when a CIN
    plan and a section 47 enquiry do not fail together it raises ValueError and counts the rule
    as passed. It reliably reports only an assessment or an episode-level conference after
    closure. We follow the published rule, every date in the list.
    """
    for details in child.CINdetails:
        closed = details.CINclosureDate
        if closed is None:
            continue
        if details.DateOfInitialCPC is not None and details.DateOfInitialCPC > closed:
            yield details, ("CINclosureDate", "DateOfInitialCPC")
        for assessment in details.Assessments:
            if _after(closed, assessment.AssessmentActualStartDate) or _after(
                closed, assessment.AssessmentAuthorisationDate
            ):
                yield (
                    assessment,
                    ("CINclosureDate", "AssessmentActualStartDate", "AssessmentAuthorisationDate"),
                )
        for s47 in details.Section47:
            if _after(closed, s47.S47ActualStartDate) or _after(closed, s47.DateOfInitialCPC):
                yield s47, ("CINclosureDate", "S47ActualStartDate", "DateOfInitialCPC")
        for plan in details.ChildProtectionPlans:
            if _after(closed, plan.CPPendDate):
                yield plan, ("CINclosureDate", "CPPendDate")
        for cin_plan in details.CINPlanDates:
            if _after(closed, cin_plan.CINPlanStartDate) or _after(closed, cin_plan.CINPlanEndDate):
                yield cin_plan, ("CINclosureDate", "CINPlanStartDate", "CINPlanEndDate")


def _after(closed: object, day: object) -> bool:
    return day is not None and day > closed  # type: ignore[operator]


@child_rule(
    "8720",
    "Child Protection Plan Start Date missing or out of data collection period",
    needs=Needs.CP_PLANS,
)
def plan_start_given(child: Child, context: Context) -> Iterator[Found]:
    """8720: every child protection plan has a start date on or before the reference date."""
    end = context.period_end
    for details in child.CINdetails:
        for plan in details.ChildProtectionPlans:
            if plan.CPPstartDate is None or plan.CPPstartDate > end:
                yield plan, ("CPPstartDate",)


@child_rule("8730", "Total Number of previous Child Protection Plans missing", needs=Needs.CP_PLANS)
def previous_plans_given(child: Child, context: Context) -> Iterator[Found]:
    """8730: every plan says how many child protection plans the child had before it, as a
    whole number of zero or more."""
    for details in child.CINdetails:
        for plan in details.ChildProtectionPlans:
            count = plan.NumberOfPreviousCPP.strip()
            if not count.isascii() or not count.isdigit():
                yield plan, ("NumberOfPreviousCPP",)


@child_rule(
    "8832",
    "Child Protection details provided for a referral with no further action.",
    needs=Needs.CP_PLANS,
)
def no_plan_for_nfa(child: Child, context: Context) -> Iterator[Found]:
    """8832: an NFA referral has no child protection plan.

    The DfE-rule validator's merge labels the episode's row number as the plan's, so it
    reports whatever plan sits at that row of its plans table (another child's, or none).
    """
    for details in child.CINdetails:
        if details.ChildProtectionPlans and is_true(details.ReferralNFA):
            for plan in details.ChildProtectionPlans:
                yield plan, ("ReferralNFA",)


@child_rule(
    "8840", "Child Protection Plan cannot start and end on the same day", needs=Needs.CP_PLANS
)
def plan_lasts_a_day(child: Child, context: Context) -> Iterator[Found]:
    """8840: a child protection plan does not end on the day it starts."""
    for details in child.CINdetails:
        for plan in details.ChildProtectionPlans:
            if plan.CPPendDate is not None and plan.CPPstartDate == plan.CPPendDate:
                yield plan, ("CPPstartDate", "CPPendDate")


@child_rule(
    "8841",
    "The review date cannot be on the same day or before the Child protection Plan start date.",
    needs=Needs.CP_PLANS,
)
def reviews_after_plan_start(child: Child, context: Context) -> Iterator[Found]:
    """8841: every review of a plan is after the day the plan started.

    The DfE-rule validator reads only the first review date in each Reviews element
    (dfe-validators.md section 3); we check every date, and our export writes each date in a
    Reviews of its own so the validator sees them all.
    """
    for details in child.CINdetails:
        for plan in details.ChildProtectionPlans:
            start = plan.CPPstartDate
            if start is None:
                continue
            for review in plan.Reviews:
                if review.CPPreviewDate is not None and review.CPPreviewDate <= start:
                    yield review, ("CPPreviewDate", "CPPstartDate")


@child_rule(
    "8905",
    "Initial Category of Abuse code missing or invalid (see Category of Abuse table in CIN "
    "Census code set)",
    needs=Needs.CP_PLANS,
)
def initial_category_is_valid(child: Child, context: Context) -> Iterator[Found]:
    """8905: every plan has an initial category of abuse from the list."""
    for details in child.CINdetails:
        for plan in details.ChildProtectionPlans:
            if plan.InitialCategoryOfAbuse not in ABUSE_CATEGORIES:
                yield plan, ("InitialCategoryOfAbuse",)


@child_rule(
    "8910",
    "Latest Category of Abuse code missing or invalid (see Category of Abuse table in CIN "
    "Census code set)",
    needs=Needs.CP_PLANS,
)
def latest_category_is_valid(child: Child, context: Context) -> Iterator[Found]:
    """8910: every plan has a latest category of abuse from the list."""
    for details in child.CINdetails:
        for plan in details.ChildProtectionPlans:
            if plan.LatestCategoryOfAbuse not in ABUSE_CATEGORIES:
                yield plan, ("LatestCategoryOfAbuse",)


@child_rule(
    "8915",
    "Child Protection Plan shown as starting after the child’s Date of Death",
    needs=Needs.CP_PLANS | Needs.DEATH,
)
def plan_starts_by_death(child: Child, context: Context) -> Iterator[Found]:
    """8915: no child protection plan starts after the child's date of death."""
    died = child.PersonDeathDate
    if died is None:
        return
    for details in child.CINdetails:
        for plan in details.ChildProtectionPlans:
            if plan.CPPstartDate is not None and plan.CPPstartDate > died:
                yield plan, ("CPPstartDate", "PersonDeathDate")


@child_rule(
    "8920",
    "Child Protection Plan cannot end after the child’s Date of Death",
    needs=Needs.CP_PLANS | Needs.DEATH,
)
def plan_ends_by_death(child: Child, context: Context) -> Iterator[Found]:
    """8920: no child protection plan ends after the child's date of death."""
    died = child.PersonDeathDate
    if died is None:
        return
    for details in child.CINdetails:
        for plan in details.ChildProtectionPlans:
            if plan.CPPendDate is not None and plan.CPPendDate > died:
                yield plan, ("CPPendDate", "PersonDeathDate")


@child_rule("8925", "Child Protection Plan End Date earlier than Start Date", needs=Needs.CP_PLANS)
def plan_ends_after_start(child: Child, context: Context) -> Iterator[Found]:
    """8925: a child protection plan does not end before it starts."""
    for details in child.CINdetails:
        for plan in details.ChildProtectionPlans:
            start, end = plan.CPPstartDate, plan.CPPendDate
            if start is not None and end is not None and end < start:
                yield plan, ("CPPendDate", "CPPstartDate")


@child_rule(
    "8930", "Child Protection Plan End Date must fall within the census year", needs=Needs.CP_PLANS
)
def plan_ends_in_census_year(child: Child, context: Context) -> Iterator[Found]:
    """8930: a plan's end date, where given, falls within the census year."""
    for details in child.CINdetails:
        for plan in details.ChildProtectionPlans:
            if plan.CPPendDate is not None and not context.in_period(plan.CPPendDate):
                yield plan, ("CPPendDate",)


def _plans(child: Child) -> list[ChildProtectionPlan]:
    return [plan for details in child.CINdetails for plan in details.ChildProtectionPlans]


@child_rule(
    "8935",
    "This child is showing more than one open Child Protection plan, i.e. with no End Date",
    needs=Needs.CP_PLANS,
)
def one_open_plan(child: Child, context: Context) -> Iterator[Found]:
    """8935: a child has at most one child protection plan with no end date.

    The DfE-rule validator counts open plans by their position within each episode, so it sees
    two open plans only when each is the same-numbered plan of a different episode; we count
    every open plan of the child, as the published rule does.
    """
    open_plans = [plan for plan in _plans(child) if plan.CPPendDate is None]
    if len(open_plans) > 1:
        for plan in open_plans:
            yield plan, ("CPPendDate",)


@child_rule("8940", "Child Protection Plan data contains overlapping dates", needs=Needs.CP_PLANS)
def plans_do_not_overlap(child: Child, context: Context) -> Iterator[Found]:
    """8940: no child protection plan starts on or after another's start and on or before
    that one ended (or before the reference date, if that one is still open).

    The DfE-rule validator tells plans apart by their position within each episode, so it does
    not compare the first plan of one episode with the first plan of another; we compare every
    pair of the child's plans, as the published rule does.
    """
    plans = [plan for plan in _plans(child) if plan.CPPstartDate is not None]
    if len(plans) < 2:
        return
    end = context.period_end
    for later in plans:
        starts = later.CPPstartDate
        assert starts is not None
        for other in plans:
            if other is later or starts < other.CPPstartDate:  # type: ignore[operator]
                continue
            ended = other.CPPendDate
            if (ended is not None and starts <= ended) or (ended is None and starts <= end):
                yield later, ("CPPstartDate", "CPPendDate")
                break
