"""Rules on CINdetails: each child in need episode, from referral to closure, and how its
episodes sit together."""

import datetime
from collections.abc import Iterator

from casework.returns.cin.records import YES_NO_VALUES, Child, is_false, is_true
from casework.returns.cin.validation import Context, Found, Needs, child_rule

# fmt: off
REFERRAL_SOURCES = frozenset(
    {
        "1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E", "3F", "4", "5A", "5B",
        "5C", "5D", "6", "7", "8", "9", "10",
    }
)
# fmt: on
PRIMARY_NEED_CODES = frozenset(f"N{n}" for n in range(10))
CLOSURE_REASONS = frozenset(f"RC{n}" for n in range(1, 10))
# RC8: case closed after assessment, no further action; RC9: closed after assessment, referred
# to early help.
CLOSED_AFTER_ASSESSMENT = frozenset({"RC8", "RC9"})
# Referral sources are checked only from the 2013-14 census, when the current list began.
_SOURCES_CHECKED_FROM = datetime.date(2013, 4, 1)
_FORTY_WEEKS = datetime.timedelta(days=280)


@child_rule(
    "2990",
    "Activity is recorded against a case marked as ‘Case closed after assessment, no further "
    "action’ or 'case closed after assessment, referred to early help'.",
)
def nothing_after_closed_after_assessment(child: Child, context: Context) -> Iterator[Found]:
    """2990: an episode closed after assessment (RC8 or RC9) has no initial conference,
    section 47 enquiry, CIN plan or child protection plan. The reason is what counts, so an
    episode with the reason and no closure date (rule 8810) is checked too."""
    for details in child.CINdetails:
        if details.ReasonForClosure in CLOSED_AFTER_ASSESSMENT and (
            details.DateOfInitialCPC is not None
            or details.Section47
            or details.CINPlanDates
            or details.ChildProtectionPlans
        ):
            yield details, ("ReasonForClosure",)


@child_rule(
    "2991Q",
    "Please check and either amend data or provide a reason: A Section 47 module is recorded "
    "and there is no assessment on the episode",
    needs=Needs.SECTION47,
)
def section47_has_an_assessment(child: Child, context: Context) -> Iterator[Found]:
    """2991Q: an episode with a section 47 enquiry also has an assessment."""
    for details in child.CINdetails:
        if details.Section47 and not details.Assessments:
            yield details, ("Assessments",)


@child_rule("8555Q", "Child cannot be referred after its recorded date of death", needs=Needs.DEATH)
def referred_by_death(child: Child, context: Context) -> Iterator[Found]:
    """8555Q: no referral is dated after the child's date of death."""
    died = child.PersonDeathDate
    if died is None:
        return
    for details in child.CINdetails:
        if details.CINreferralDate is not None and details.CINreferralDate > died:
            yield details, ("CINreferralDate", "PersonDeathDate")


@child_rule("8568", "RNFA flag is missing or invalid")
def nfa_flag_is_valid(child: Child, context: Context) -> Iterator[Found]:
    """8568: every episode says whether the referral was NFA: true, false, 1 or 0."""
    for details in child.CINdetails:
        if details.ReferralNFA.strip().lower() not in YES_NO_VALUES:
            yield details, ("ReferralNFA",)


def _working_day_before_period(context: Context) -> datetime.date:
    return context.working_days_before(context.period_start, 1)


@child_rule(
    "8569Q",
    "A case with referral date before one working day prior to the collection start date must "
    "not be flagged as a no further action case",
)
def nfa_only_for_recent_referrals(child: Child, context: Context) -> Iterator[Found]:
    """8569Q: a referral made before the working day before the census year began is not
    marked NFA (such a referral was decided, and so returned, last year).

    DfE-rule validator bug (dfe-validators.md section 9): it subtracts a zero-length business
    day offset, which takes the cut-off forward to the next working day when the year starts on
    a bank holiday, and takes it as 1 April itself otherwise. We follow the published rule: the
    cut-off is the working day before 1 April, so an NFA referral dated on that working day,
    or on a bank-holiday 1 April, is not queried.
    """
    cut_off = context.once(_working_day_before_period)
    for details in child.CINdetails:
        referred = details.CINreferralDate
        if referred is not None and referred < cut_off and is_true(details.ReferralNFA):
            yield details, ("ReferralNFA", "CINreferralDate")


@child_rule(
    "8585Q",
    "Please check and either amend or provide a reason: CIN episode shows Died as the Closure "
    "Reason, however child has no recorded Date of Death",
)
def died_has_death_date(child: Child, context: Context) -> Iterator[Found]:
    """8585Q: an episode closed because the child died (RC2) goes with a date of death."""
    if child.PersonDeathDate is not None:
        return
    for details in child.CINdetails:
        if details.ReasonForClosure == "RC2":
            yield details, ("ReasonForClosure", "PersonDeathDate")


@child_rule("8600", "Child referral date missing or after data collection period")
def referral_date_given(child: Child, context: Context) -> Iterator[Found]:
    """8600: every episode has a referral date, on or before the reference date."""
    end = context.period_end
    for details in child.CINdetails:
        if details.CINreferralDate is None or details.CINreferralDate > end:
            yield details, ("CINreferralDate",)


@child_rule("8606", "Child referral date is more than 40 weeks before DOB or expected DOB")
def referral_not_long_before_birth(child: Child, context: Context) -> Iterator[Found]:
    """8606: no referral is more than 280 days before the child's date of birth or expected
    date of birth."""
    born, expected = child.PersonBirthDate, child.ExpectedPersonBirthDate
    # Too early for either date is too early for the later of the two.
    if born is None:
        if expected is None:
            return
        latest = expected
    else:
        latest = born if expected is None or born > expected else expected
    earliest_allowed = latest - _FORTY_WEEKS
    for details in child.CINdetails:
        referred = details.CINreferralDate
        if referred is not None and referred < earliest_allowed:
            yield details, ("CINreferralDate", "PersonBirthDate", "ExpectedPersonBirthDate")


@child_rule("8610", "Primary Need code is missing for a referral which led to further action.")
def primary_need_for_further_action(child: Child, context: Context) -> Iterator[Found]:
    """8610: a referral that led to further action (ReferralNFA false) has a primary need."""
    for details in child.CINdetails:
        if is_false(details.ReferralNFA) and not details.PrimaryNeedCode:
            yield details, ("PrimaryNeedCode",)


@child_rule(
    "8620", "CIN Closure Date present and does not fall within the Census year", needs=Needs.CLOSURE
)
def closed_in_census_year(child: Child, context: Context) -> Iterator[Found]:
    """8620: a closure date, where given, falls within the census year."""
    for details in child.CINdetails:
        closed = details.CINclosureDate
        if closed is not None and not context.in_period(closed):
            yield details, ("CINclosureDate",)


@child_rule(
    "8630",
    "CIN Closure Date is before CIN Referral Date for the same CIN episode",
    needs=Needs.CLOSURE,
)
def closed_after_referral(child: Child, context: Context) -> Iterator[Found]:
    """8630: an episode does not close before its referral date."""
    for details in child.CINdetails:
        closed, referred = details.CINclosureDate, details.CINreferralDate
        if closed is not None and referred is not None and closed < referred:
            yield details, ("CINclosureDate", "CINreferralDate")


@child_rule(
    "8640",
    "CIN Reason for closure code invalid (see Reason for Closure table in CIN Census code set)",
)
def closure_reason_is_valid(child: Child, context: Context) -> Iterator[Found]:
    """8640: a reason for closure, where given, is RC1 to RC9."""
    for details in child.CINdetails:
        reason = details.ReasonForClosure
        if reason and reason not in CLOSURE_REASONS:
            yield details, ("ReasonForClosure",)


@child_rule("8650", "Primary Need Code invalid (see Primary Need table in CIN census code set)")
def primary_need_is_valid(child: Child, context: Context) -> Iterator[Found]:
    """8650: a primary need code, where given, is N0 to N9."""
    for details in child.CINdetails:
        need = details.PrimaryNeedCode
        if need and need not in PRIMARY_NEED_CODES:
            yield details, ("PrimaryNeedCode",)


@child_rule(
    "8805",
    "A CIN case cannot have a CIN closure date without a Reason for Closure",
    needs=Needs.CLOSURE,
)
def closure_date_has_reason(child: Child, context: Context) -> Iterator[Found]:
    """8805: an episode with a closure date has a reason for closure."""
    for details in child.CINdetails:
        if details.CINclosureDate is not None and not details.ReasonForClosure:
            yield details, ("ReasonForClosure",)


@child_rule("8810", "A CIN case cannot have a Reason for Closure without a CIN Closure Date")
def closure_reason_has_date(child: Child, context: Context) -> Iterator[Found]:
    """8810: an episode with a reason for closure has a closure date."""
    for details in child.CINdetails:
        if details.ReasonForClosure and details.CINclosureDate is None:
            yield details, ("CINclosureDate",)


@child_rule(
    "8815",
    "More than one open CIN Details episode (a module with no CIN Closure Date) has been "
    "provided for this child and case is not a referral with no further action.",
    needs=Needs.SEVERAL_EPISODES,
)
def one_open_episode(child: Child, context: Context) -> Iterator[Found]:
    """8815: a child has at most one open episode (no closure date) that is not an NFA
    referral."""
    if len(child.CINdetails) < 2:
        return
    open_episodes = [
        d for d in child.CINdetails if d.CINclosureDate is None and is_false(d.ReferralNFA)
    ]
    if len(open_episodes) > 1:
        for details in open_episodes:
            yield details, ("CINclosureDate",)


@child_rule(
    "8816",
    "An open CIN episode is shown and case is not a referral with no further action, but it "
    "is not the latest episode.",
    needs=Needs.SEVERAL_EPISODES,
)
def open_episode_is_latest(child: Child, context: Context) -> Iterator[Found]:
    """8816: an open episode that is not an NFA referral is the child's latest referral (the
    first of them, if two share the latest date)."""
    if len(child.CINdetails) < 2:
        return
    latest = None
    latest_date = None
    for details in child.CINdetails:
        referred = details.CINreferralDate
        if referred is not None and (latest_date is None or referred > latest_date):
            latest, latest_date = details, referred
    for details in child.CINdetails:
        if (
            details is not latest
            and details.CINreferralDate is not None
            and details.CINclosureDate is None
            and is_false(details.ReferralNFA)
        ):
            yield details, ("CINreferralDate", "CINclosureDate")


@child_rule(
    "8820", "The dates on the CIN episodes for this child overlap", needs=Needs.SEVERAL_EPISODES
)
def episodes_do_not_overlap(child: Child, context: Context) -> Iterator[Found]:
    """8820: no episode starts on or after another's referral and before that one closed (or
    while that one is still open and not an NFA referral)."""
    episodes = [d for d in child.CINdetails if d.CINreferralDate is not None]
    if len(episodes) < 2:
        return
    end = context.period_end
    for later in episodes:
        starts = later.CINreferralDate
        assert starts is not None
        for other in episodes:
            if other is later or starts < other.CINreferralDate:  # type: ignore[operator]
                continue
            closed = other.CINclosureDate
            if (closed is not None and starts < closed) or (
                closed is None and starts < end and is_false(other.ReferralNFA)
            ):
                yield later, ("CINreferralDate", "CINclosureDate")
                break


@child_rule(
    "8825Q",
    "Please check and either amend data or provide a reason: Reason for Closure code RC8 (case "
    "closed after assessment) or RC9 (case closed after assessment, referred to early help) "
    "has been returned but there is no assessment present for the episode.",
)
def closed_after_assessment_has_one(child: Child, context: Context) -> Iterator[Found]:
    """8825Q: an episode closed after assessment (RC8 or RC9) has an assessment."""
    for details in child.CINdetails:
        if details.ReasonForClosure in CLOSED_AFTER_ASSESSMENT and not details.Assessments:
            yield details, ("ReasonForClosure",)


@child_rule(
    "8831", "Activity is recorded against a case marked as a referral with no further action"
)
def nothing_after_nfa(child: Child, context: Context) -> Iterator[Found]:
    """8831: an NFA referral has no assessment, section 47 enquiry or initial conference."""
    for details in child.CINdetails:
        if not is_true(details.ReferralNFA):
            continue
        if details.DateOfInitialCPC is not None:
            yield details, ("ReferralNFA", "DateOfInitialCPC")
        for s47 in details.Section47:
            if s47.S47ActualStartDate is not None:
                yield s47, ("ReferralNFA", "S47ActualStartDate")
        for assessment in details.Assessments:
            if (
                assessment.AssessmentActualStartDate is not None
                or assessment.AssessmentAuthorisationDate is not None
            ):
                yield assessment, ("ReferralNFA", "AssessmentActualStartDate")


@child_rule("8866", "Source of Referral is missing or an invalid code")
def referral_source_is_valid(child: Child, context: Context) -> Iterator[Found]:
    """8866: a referral from 1 April 2013 on has a source from the DfE's list."""
    for details in child.CINdetails:
        referred = details.CINreferralDate
        if (
            referred is not None
            and referred >= _SOURCES_CHECKED_FROM
            and details.ReferralSource not in REFERRAL_SOURCES
        ):
            yield details, ("ReferralSource",)


@child_rule(
    "8867",
    "CIN episode is shown as closed, however Assessment is not shown as completed",
    needs=Needs.CLOSURE | Needs.ASSESSMENTS,
)
def closed_episode_assessments_complete(child: Child, context: Context) -> Iterator[Found]:
    """8867: every assessment on a closed episode is authorised."""
    for details in child.CINdetails:
        if details.CINclosureDate is None:
            continue
        for assessment in details.Assessments:
            if assessment.AssessmentAuthorisationDate is None:
                yield assessment, ("AssessmentAuthorisationDate", "CINclosureDate")


@child_rule(
    "8868",
    "CIN episode is shown as closed, however Section 47 enquiry is not shown as completed by "
    "ICPC date or ICPC not required flag",
    needs=Needs.CLOSURE | Needs.SECTION47,
)
def closed_episode_enquiries_complete(child: Child, context: Context) -> Iterator[Found]:
    """8868: every section 47 enquiry on a closed episode ended either in an initial
    conference or with ICPC not required, and not both."""
    for details in child.CINdetails:
        if details.CINclosureDate is None:
            continue
        for s47 in details.Section47:
            not_required = is_true(s47.ICPCnotRequired)
            if (s47.DateOfInitialCPC is None) != not_required:
                yield s47, ("DateOfInitialCPC", "ICPCnotRequired", "CINclosureDate")


@child_rule(
    "8890",
    "A Section 47 enquiry is shown as starting when there is another Section 47 Enquiry ongoing",
    needs=Needs.SECTION47,
)
def one_enquiry_at_a_time(child: Child, context: Context) -> Iterator[Found]:
    """8890: within an episode, no section 47 enquiry starts on or after another's start and
    on or before that one's initial conference (or while that one is still awaiting a
    conference). An exact repeat of an enquiry is left to other rules."""
    end = context.period_end
    for details in child.CINdetails:
        enquiries = [s for s in details.Section47 if s.S47ActualStartDate is not None]
        if len(enquiries) < 2:
            continue
        for later in enquiries:
            starts = later.S47ActualStartDate
            assert starts is not None
            for other in enquiries:
                if (
                    starts == other.S47ActualStartDate
                    and later.DateOfInitialCPC == other.DateOfInitialCPC
                ):
                    continue  # the enquiry itself, or an exact repeat of it
                if starts < other.S47ActualStartDate:  # type: ignore[operator]
                    continue
                conference = other.DateOfInitialCPC
                if (conference is not None and starts <= conference) or (
                    conference is None and starts <= end and not is_true(other.ICPCnotRequired)
                ):
                    yield later, ("S47ActualStartDate",)
                    break
