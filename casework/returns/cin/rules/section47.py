"""Rules on Section47: section 47 enquiries and the initial child protection conferences that
follow them."""

import datetime
from collections.abc import Iterator

from casework.returns.cin.records import Child, is_false, is_true
from casework.returns.cin.validation import Context, Found, Needs, child_rule

# "Within 15 working days" of the strategy discussion as the DfE counts it: the start day is
# day 1 (practice-rules.md 5d).
ICPC_WORKING_DAYS = 15
_SATURDAY = 5


@child_rule(
    "1104",
    "The date of the initial child protection conference cannot be before the referral date",
    needs=Needs.SECTION47,
)
def conference_on_or_after_referral(child: Child, context: Context) -> Iterator[Found]:
    """1104: an initial conference recorded on a section 47 enquiry is on or after the
    episode's referral date."""
    for details in child.CINdetails:
        referred = details.CINreferralDate
        if referred is None:
            continue
        for s47 in details.Section47:
            if s47.DateOfInitialCPC is not None and s47.DateOfInitialCPC < referred:
                yield s47, ("DateOfInitialCPC", "CINreferralDate")


@child_rule(
    "2884",
    "An initial child protection conference is recorded at both the S47 and CIN Details level "
    "and it should only be recorded in one",
    needs=Needs.SECTION47,
)
def conference_recorded_once(child: Child, context: Context) -> Iterator[Found]:
    """2884: an initial conference is recorded on the section 47 enquiry or on the episode,
    not on both: no episode-level conference date is also a section 47 conference date."""
    episode_level = {d.DateOfInitialCPC for d in child.CINdetails if d.DateOfInitialCPC is not None}
    if not episode_level:
        return
    for details in child.CINdetails:
        for s47 in details.Section47:
            if s47.DateOfInitialCPC in episode_level:
                yield s47, ("DateOfInitialCPC",)


@child_rule("2889", "The S47 start date cannot be before the referral date.", needs=Needs.SECTION47)
def enquiry_on_or_after_referral(child: Child, context: Context) -> Iterator[Found]:
    """2889: a section 47 enquiry starts on or after the episode's referral date."""
    for details in child.CINdetails:
        referred = details.CINreferralDate
        if referred is None:
            continue
        for s47 in details.Section47:
            if s47.S47ActualStartDate is not None and s47.S47ActualStartDate < referred:
                yield s47, ("S47ActualStartDate", "CINreferralDate")


@child_rule(
    "8615",
    "Section 47 Enquiry Start Date must be present and cannot be later than the date of the "
    "initial Child Protection Conference",
    needs=Needs.SECTION47,
)
def enquiry_starts_before_conference(child: Child, context: Context) -> Iterator[Found]:
    """8615: an enquiry that led to an initial conference has a start date on or before it."""
    for details in child.CINdetails:
        for s47 in details.Section47:
            conference = s47.DateOfInitialCPC
            if conference is None:
                continue
            start = s47.S47ActualStartDate
            if start is None or start > conference:
                yield s47, ("S47ActualStartDate", "DateOfInitialCPC")


def _conference_cut_off(context: Context) -> datetime.date:
    return context.working_days_before(context.period_end, ICPC_WORKING_DAYS - 1)


@child_rule(
    "8675Q",
    "Please check and either amend data or provide a reason: S47 Enquiry started more than 15 "
    "working days before the end of the census year. However, there is no date of Initial "
    "Child Protection Conference.",
    needs=Needs.SECTION47,
)
def conference_within_15_days(child: Child, context: Context) -> Iterator[Found]:
    """8675Q: an enquiry that needs an initial conference but has none started no more than 15
    working days before the reference date (Working Together 2023, ch. 2: ICPC within 15
    working days of the strategy discussion)."""
    cut_off = context.once(_conference_cut_off)
    for details in child.CINdetails:
        for s47 in details.Section47:
            start = s47.S47ActualStartDate
            if (
                s47.DateOfInitialCPC is None
                and start is not None
                and start < cut_off
                and is_false(s47.ICPCnotRequired)
            ):
                yield s47, ("DateOfInitialCPC", "S47ActualStartDate", "ICPCnotRequired")


@child_rule(
    "8715",
    "Date of Initial Child Protection Conference must fall within the census year",
    needs=Needs.SECTION47,
)
def conference_in_census_year(child: Child, context: Context) -> Iterator[Found]:
    """8715: an initial conference recorded on a section 47 enquiry falls within the census
    year."""
    for details in child.CINdetails:
        for s47 in details.Section47:
            conference = s47.DateOfInitialCPC
            if conference is not None and not context.in_period(conference):
                yield s47, ("DateOfInitialCPC",)


@child_rule(
    "8740",
    "For a Section 47 Enquiry that has not held the Initial Child Protection Conference by the "
    "end of the census year, the start date must fall within the census year",
    needs=Needs.SECTION47,
)
def awaiting_conference_started_in_year(child: Child, context: Context) -> Iterator[Found]:
    """8740: an enquiry still awaiting its initial conference (none held, ICPC required)
    started within the census year.

    The DfE-rule validator reads "ICPCnotRequired is false" as the text "0" only, so it misses
    an enquiry marked "false"; we take both, as the published rule does.
    """
    for details in child.CINdetails:
        for s47 in details.Section47:
            start = s47.S47ActualStartDate
            if (
                s47.DateOfInitialCPC is None
                and start is not None
                and is_false(s47.ICPCnotRequired)
                and not context.in_period(start)
            ):
                yield s47, ("S47ActualStartDate", "DateOfInitialCPC", "ICPCnotRequired")


@child_rule(
    "8839",
    "Within one CINDetails group there are 2 or more open S47 Assessments",
    needs=Needs.SECTION47,
)
def one_open_enquiry(child: Child, context: Context) -> Iterator[Found]:
    """8839: an episode has at most one enquiry still awaiting its initial conference (no
    conference date, and ICPC not marked as not required)."""
    for details in child.CINdetails:
        if len(details.Section47) < 2:
            continue
        awaiting = [
            s
            for s in details.Section47
            if s.DateOfInitialCPC is None and not is_true(s.ICPCnotRequired)
        ]
        if len(awaiting) > 1:
            for s47 in awaiting:
                yield s47, ("DateOfInitialCPC",)


@child_rule(
    "8870Q",
    "Please check and either amend or provide a reason: The Target Date for Initial Child "
    "Protection Conference should not be a weekend",
    needs=Needs.SECTION47,
)
def conference_target_on_a_weekday(child: Child, context: Context) -> Iterator[Found]:
    """8870Q: the target date for the initial conference is not a Saturday or Sunday.

    The DfE-rule validator parses this date as day-month-year, so an ISO date (the census
    format) never parses and it never reports this rule; ours reads the date as the census
    writes it.
    """
    for details in child.CINdetails:
        for s47 in details.Section47:
            target = s47.InitialCPCtarget
            if target is not None and target.weekday() >= _SATURDAY:
                yield s47, ("InitialCPCtarget",)


@child_rule(
    "8875",
    "The Date of Initial Child Protection Conference cannot be a weekend",
    needs=Needs.SECTION47,
)
def conference_on_a_weekday(child: Child, context: Context) -> Iterator[Found]:
    """8875: an initial conference recorded on a section 47 enquiry is not held on a
    Saturday or Sunday."""
    for details in child.CINdetails:
        for s47 in details.Section47:
            conference = s47.DateOfInitialCPC
            if conference is not None and conference.weekday() >= _SATURDAY:
                yield s47, ("DateOfInitialCPC",)
