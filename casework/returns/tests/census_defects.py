# The builders do arithmetic on dates the scenario they start from has just set; the records
# type every date as optional, so mypy cannot see that these are present.
# mypy: disable-error-code="operator, assignment, arg-type"
"""One defect per DfE CIN rule: a valid child from `census_factories` with exactly that rule
broken, for the tests that check our rules and the DfE-rule validator flag it.

A defect is named by its rule code (with a suffix where a rule has more than one way to
break). `also` lists rules that cannot help breaking with it: two open CIN episodes are
always overlapping episodes too, for instance, and saying so keeps "nothing else new" a test
that can fail. `peer_blind` gives the reason when the DfE-rule validator cannot see the
defect because of a fault of its own.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from casework.returns.cin.records import Assessment, Child, CINPlan, Header, Review, Section47
from casework.returns.cin.years import census_year
from casework.returns.tests import census_factories as f
from casework.returns.tests.census_factories import DAY, Dates

# A review date that no real plan has: the tests write it, then blank it in the XML, because
# our writer leaves an empty date out and an empty review date is the defect of rule 8842Q.
BLANK_REVIEW_SENTINEL = datetime.date(1901, 1, 1)


@dataclass(frozen=True)
class Defect:
    key: str
    build: Callable[[Dates, str], list[Child]]
    also: frozenset[str] = field(default_factory=frozenset)
    peer_blind: str | None = None
    # The defect makes the DfE-rule validator raise on its rule, which it then counts as
    # passed for every child: it goes in a file of its own so it hides no other defect.
    crashes_peer: bool = False

    @property
    def code(self) -> str:
        return self.key.split(":")[0]

    @property
    def la_child_id(self) -> str:
        """The id the defect's child is given (a few defects change it: that is the defect)."""
        return "D" + self.key.replace(":", "").replace("-", "")


DEFECTS: dict[str, Defect] = {}


def defect(
    key: str,
    *,
    also: tuple[str, ...] = (),
    peer_blind: str | None = None,
    crashes_peer: bool = False,
) -> Callable[[Callable[[Dates, str], Child | list[Child]]], None]:
    def register(build: Callable[[Dates, str], Child | list[Child]]) -> None:
        def as_list(d: Dates, la_id: str) -> list[Child]:
            built = build(d, la_id)
            return built if isinstance(built, list) else [built]

        assert key not in DEFECTS, key
        DEFECTS[key] = Defect(key, as_list, frozenset(also), peer_blind, crashes_peer)

    return register


def only(child: Child) -> tuple:
    """The child's one episode, its first assessment, CIN plan, enquiry and CP plan (or None)."""
    (details,) = child.CINdetails
    first = lambda items: items[0] if items else None  # noqa: E731
    return (
        details,
        first(details.Assessments),
        first(details.CINPlanDates),
        first(details.Section47),
        first(details.ChildProtectionPlans),
    )


def working_before(d: Dates, day: datetime.date) -> datetime.date:
    day -= DAY
    while not d.calendar.is_working_day(day):
        day -= DAY
    return day


def saturday_after(day: datetime.date) -> datetime.date:
    return day + datetime.timedelta(days=(5 - day.weekday()) % 7 or 7)


# --- ChildIdentifiers ----------------------------------------------------------------------


@defect("1510")
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cin_plan(d, la_id)
    letters = "ABCDEFGHJKLMNPQRTUVWXYZ"
    c.UPN = letters[(letters.index(c.UPN[0]) + 1) % 23] + c.UPN[1:]
    return c


@defect("1520")
def _(d: Dates, la_id: str) -> list[Child]:
    first, second = f.open_cin_plan(d, la_id), f.open_cin_plan(d, la_id + "B")
    second.UPN = first.UPN
    return [first, second]


@defect("1530")
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cin_plan(d, la_id)
    c.UPN = f.upn_with_check_letter("999" + c.UPN[4:])
    return c


@defect("1540")
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cin_plan(d, la_id)
    c.UPN = "A2011234567AB"
    return c


@defect("1550")
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cin_plan(d, la_id)
    c.UPN = "A20112345678I"
    return c


@defect("1560Q")
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cin_plan(d, la_id)
    c.FormerUPN = "12345"
    return c


@defect("1570")
def _(d: Dates, la_id: str) -> Child:
    return f.nfa_referral(d, la_id + "X" * (21 - len(la_id)))


@defect("1580")
def _(d: Dates, la_id: str) -> Child:
    return f.nfa_referral(d, la_id + "-1")


@defect("4008")
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cin_plan(d, la_id)
    _, _, plan, _, _ = only(c)
    c.PersonDeathDate = plan.CINPlanStartDate - 10 * DAY
    return c


@defect("4009Q")
def _(d: Dates, la_id: str) -> Child:
    c = f.closed_after_cin_plan(d, la_id)
    _, _, plan, _, _ = only(c)
    c.PersonDeathDate = plan.CINPlanEndDate - 5 * DAY
    return c


@defect("4180")
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cin_plan(d, la_id)
    c.Sex = ""
    return c


@defect("8500")
def _(d: Dates, la_id: str) -> Child:
    return f.nfa_referral(d, "")


@defect("8510")
def _(d: Dates, la_id: str) -> list[Child]:
    return [f.nfa_referral(d, la_id), f.nfa_referral(d, la_id)]


@defect("8520")
def _(d: Dates, la_id: str) -> Child:
    c = f.unborn(d, la_id)
    c.PersonBirthDate, c.ExpectedPersonBirthDate = d.end + 10 * DAY, None
    c.Sex, c.Disabilities = "F", ["NONE"]
    return c


@defect("8525Q")
def _(d: Dates, la_id: str) -> Child:
    c = f.nfa_referral(d, la_id)
    c.PersonBirthDate = None
    return c


@defect("8530Q")
def _(d: Dates, la_id: str) -> Child:
    c = f.unborn(d, la_id)
    c.ExpectedPersonBirthDate = d.end - 35 * DAY
    return c


@defect("8535Q")
def _(d: Dates, la_id: str) -> Child:
    c = f.died(d, la_id)
    c.PersonBirthDate = c.PersonDeathDate + DAY
    return c


@defect("8545Q")
def _(d: Dates, la_id: str) -> Child:
    c = f.carried_over(d, la_id)
    c.PersonDeathDate = d.start - 10 * DAY
    return c


@defect("8590")
def _(d: Dates, la_id: str) -> Child:
    c = f.nfa_referral(d, la_id)
    c.CINdetails, c.UPNunknown = [], "UN4"
    return c


@defect("8750")
def _(d: Dates, la_id: str) -> Child:
    c = f.unborn(d, la_id)
    c.Sex = "F"
    return c


@defect("8770Q")
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cin_plan(d, la_id)
    c.UPN, c.UPNunknown = "", "UN1"
    return c


@defect("8772")
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cin_plan(d, la_id)
    c.UPN, c.UPNunknown = "", "UN7"
    return c


@defect("8775Q")
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cin_plan(d, la_id)
    c.PersonBirthDate = d.end.replace(year=d.end.year - 26)
    return c


# --- ChildCharacteristics and Disabilities -------------------------------------------------


@defect("4220")
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cin_plan(d, la_id)
    c.Ethnicity = "XXXX"
    return c


_8540_BLIND = (
    "It names a column ROW_ID_x where its report expects ROW_ID, and the bare except "
    "around the report drops every location of the rule"
)


@defect("8540", peer_blind=_8540_BLIND)
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cin_plan(d, la_id)
    c.Disabilities = []
    return c


@defect("8540:invalid", peer_blind=_8540_BLIND)
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cin_plan(d, la_id)
    c.Disabilities = ["MOB", "WHEEL"]
    return c


@defect("8790")
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cin_plan(d, la_id)
    c.Disabilities = ["NONE", "MOB"]
    return c


@defect("8794")
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cin_plan(d, la_id)
    c.Disabilities = ["MOB", "MOB"]
    return c


# --- CINdetails ----------------------------------------------------------------------------


@defect("2990")
def _(d: Dates, la_id: str) -> Child:
    c = f.closed_after_assessment(d, la_id)
    details, assessment, _, _, _ = only(c)
    details.CINPlanDates = [
        CINPlan(
            CINPlanStartDate=assessment.AssessmentAuthorisationDate,
            CINPlanEndDate=details.CINclosureDate,
        )
    ]
    return c


@defect("2991Q")
def _(d: Dates, la_id: str) -> Child:
    c = f.conference_not_required(d, la_id)
    c.CINdetails[0].Assessments = []
    return c


@defect("8555Q")
def _(d: Dates, la_id: str) -> Child:
    c = f.nfa_referral(d, la_id)
    c.PersonDeathDate = c.CINdetails[0].CINreferralDate - 3 * DAY
    return c


@defect("8568")
def _(d: Dates, la_id: str) -> Child:
    # UN7 would be wrong too once the referral is not clearly NFA (rule 8772).
    c = f.nfa_referral(d, la_id)
    c.UPNunknown = "UN4"
    c.CINdetails[0].ReferralNFA = "yes"
    return c


@defect("8569Q")
def _(d: Dates, la_id: str) -> Child:
    c = f.nfa_referral(d, la_id)
    c.CINdetails[0].CINreferralDate = d.calendar.next_working_day(d.start - 30 * DAY)
    return c


@defect("8585Q")
def _(d: Dates, la_id: str) -> Child:
    c = f.closed_after_cin_plan(d, la_id)
    c.CINdetails[0].ReasonForClosure = "RC2"
    return c


@defect("8600")
def _(d: Dates, la_id: str) -> Child:
    c = f.nfa_referral(d, la_id)
    c.CINdetails[0].CINreferralDate = d.end + 5 * DAY
    return c


@defect("8600:missing")
def _(d: Dates, la_id: str) -> Child:
    c = f.nfa_referral(d, la_id)
    c.CINdetails[0].CINreferralDate = None
    return c


@defect("8606")
def _(d: Dates, la_id: str) -> Child:
    c = f.unborn(d, la_id)
    details = c.CINdetails[0]
    details.CINreferralDate = c.ExpectedPersonBirthDate - 300 * DAY
    details.ReferralNFA, details.PrimaryNeedCode, details.Assessments = "true", "", []
    return c


@defect("8610")
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cin_plan(d, la_id)
    c.CINdetails[0].PrimaryNeedCode = ""
    return c


@defect("8620")
def _(d: Dates, la_id: str) -> Child:
    c = f.closed_after_cin_plan(d, la_id)
    c.CINdetails[0].CINclosureDate = d.end + 10 * DAY
    return c


@defect("8630")
def _(d: Dates, la_id: str) -> Child:
    c = f.nfa_referral(d, la_id)
    details = c.CINdetails[0]
    details.CINclosureDate, details.ReasonForClosure = details.CINreferralDate - 5 * DAY, "RC7"
    return c


@defect("8640")
def _(d: Dates, la_id: str) -> Child:
    c = f.closed_after_cin_plan(d, la_id)
    c.CINdetails[0].ReasonForClosure = "RC10"
    return c


@defect("8650")
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cin_plan(d, la_id)
    c.CINdetails[0].PrimaryNeedCode = "N10"
    return c


@defect("8805")
def _(d: Dates, la_id: str) -> Child:
    c = f.closed_after_cin_plan(d, la_id)
    c.CINdetails[0].ReasonForClosure = ""
    return c


@defect("8810")
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cin_plan(d, la_id)
    c.CINdetails[0].ReasonForClosure = "RC7"
    return c


@defect("8815", also=("8816", "8820"))
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cin_plan(d, la_id)
    later = f.episode(d.after(c.CINdetails[0].CINreferralDate, 40))
    c.CINdetails.append(later)
    return c


@defect("8816")
def _(d: Dates, la_id: str) -> Child:
    # The later referral is an NFA on the reference date itself, so the episodes do not
    # overlap by rule 8820's reckoning and only the ordering is wrong.
    c = f.open_cin_plan(d, la_id)
    c.CINdetails.append(
        f.episode(d.end, ReferralNFA="true", PrimaryNeedCode="", CINclosureDate=None)
    )
    return c


@defect("8820")
def _(d: Dates, la_id: str) -> Child:
    c = f.two_episodes(d, la_id)
    first, second = c.CINdetails
    second.CINreferralDate = first.CINclosureDate - 3 * DAY
    return c


@defect("8825Q")
def _(d: Dates, la_id: str) -> Child:
    c = f.closed_after_assessment(d, la_id)
    c.CINdetails[0].Assessments = []
    return c


@defect("8831")
def _(d: Dates, la_id: str) -> Child:
    c = f.nfa_referral(d, la_id)
    details = c.CINdetails[0]
    started = d.after(details.CINreferralDate, 1)
    details.Assessments = [f.assessment(started, d.after(started, 10), ["3A"])]
    return c


@defect("8866")
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cin_plan(d, la_id)
    c.CINdetails[0].ReferralSource = "11"
    return c


@defect("8867")
def _(d: Dates, la_id: str) -> Child:
    referred = d.before_end(20)
    return f.child(
        la_id,
        f.episode(
            referred,
            CINclosureDate=d.before_end(2),
            ReasonForClosure="RC7",
            Assessments=[f.assessment(d.after(referred, 1), None)],
        ),
    )


@defect("8868")
def _(d: Dates, la_id: str) -> Child:
    c = f.conference_not_required(d, la_id)
    s47 = c.CINdetails[0].Section47[0]
    s47.DateOfInitialCPC = d.after(s47.S47ActualStartDate, 5)
    return c


@defect("8890")
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cp_plan(d, la_id)
    details, _, _, first, _ = only(c)
    second = f.enquiry_with_conference(d, d.after(first.S47ActualStartDate, 2))
    second.DateOfInitialCPC = first.DateOfInitialCPC
    details.Section47.append(second)
    return c


# --- Assessments ---------------------------------------------------------------------------


@defect("1103")
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cin_plan(d, la_id)
    details, assessment, _, _, _ = only(c)
    assessment.AssessmentActualStartDate = details.CINreferralDate - 3 * DAY
    return c


@defect("8608")
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cin_plan(d, la_id)
    _, assessment, _, _, _ = only(c)
    assessment.AssessmentAuthorisationDate = assessment.AssessmentActualStartDate - DAY
    return c


_LIST_BLIND = (
    "It compares the whole list of an assessment's factors with one code, so a factor is "
    "never matched"
)
_ERROR_ID_BLIND = (
    "It keys each failure by the assessment's list of factors, and grouping on a list raises "
    "TypeError, so the rule is counted as passed"
)


@defect("8614", peer_blind=_ERROR_ID_BLIND)
def _(d: Dates, la_id: str) -> Child:
    c = f.unborn(d, la_id)
    c.CINdetails[0].Assessments[0].AssessmentFactors = ["3A"]
    return c


@defect("8670Q")
def _(d: Dates, la_id: str) -> Child:
    # One working day earlier than the cut-off child in the valid council.
    c = f.assessment_at_cut_off(d, la_id)
    details, assessment, _, _, _ = only(c)
    details.CINreferralDate = assessment.AssessmentActualStartDate = d.before_end(45)
    return c


@defect("8696")
def _(d: Dates, la_id: str) -> Child:
    # Assessed last year: the assessment belongs to last year's census, not this one.
    c = f.carried_over(d, la_id)
    details = c.CINdetails[0]
    started = d.after(details.CINreferralDate, 1)
    details.Assessments = [f.assessment(started, d.after(started, 10))]
    return c


@defect("8736")
def _(d: Dates, la_id: str) -> Child:
    c = f.unborn(d, la_id)
    c.CINdetails[0].Assessments[0].AssessmentActualStartDate = None
    return c


@defect("8863Q")
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cin_plan(d, la_id)
    details, first, _, _, _ = only(c)
    started = first.AssessmentActualStartDate + 3 * DAY
    details.Assessments.append(f.assessment(started, d.after(started, 25), ["5B"]))
    return c


@defect("8869", peer_blind=_LIST_BLIND)
def _(d: Dates, la_id: str) -> Child:
    c = f.closed_after_assessment(d, la_id)
    c.CINdetails[0].Assessments[0].AssessmentFactors = ["21", "3A"]
    return c


@defect("8873Q")
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cin_plan(d, la_id)
    c.CINdetails[0].Assessments[0].AssessmentFactors = ["21"]
    return c


@defect("8896")
def _(d: Dates, la_id: str) -> Child:
    # Two open assessments on the same day: rule 8863Q leaves an exact repeat alone.
    c = f.unborn(d, la_id)
    details = c.CINdetails[0]
    first = details.Assessments[0]
    details.Assessments.append(
        Assessment(AssessmentActualStartDate=first.AssessmentActualStartDate)
    )
    return c


@defect("8897Q")
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cin_plan(d, la_id)
    c.CINdetails[0].Assessments[0].AssessmentFactors = []
    return c


@defect("8897Q:invalid", peer_blind=_ERROR_ID_BLIND, crashes_peer=True)
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cin_plan(d, la_id)
    c.CINdetails[0].Assessments[0].AssessmentFactors = ["3A", "25Z"]
    return c


@defect(
    "8898",
    peer_blind="On a repeated factor it drops duplicate rows from a table holding lists, "
    "raises TypeError and counts the rule as passed (dfe-validators.md section 9)",
)
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cin_plan(d, la_id)
    c.CINdetails[0].Assessments[0].AssessmentFactors = ["3A", "3A"]
    return c


@defect("8945Q", peer_blind=_LIST_BLIND)
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cin_plan(d, la_id)
    c.CINdetails[0].Assessments[0].AssessmentFactors = ["18A"]
    return c


@defect("8950Q", peer_blind=_LIST_BLIND)
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cin_plan(d, la_id)
    c.CINdetails[0].Assessments[0].AssessmentFactors = ["19A"]
    return c


# --- Section47 -----------------------------------------------------------------------------


def _enquiry_only(d: Dates, la_id: str) -> Child:
    """A section 47 enquiry whose conference decided against a plan, with nothing after it."""
    c = f.conference_without_plan(d, la_id)
    c.CINdetails[0].CINPlanDates = []
    return c


@defect("1104", also=("2889",))
def _(d: Dates, la_id: str) -> Child:
    # A conference before the referral means the enquiry started before it too (or after the
    # conference, rule 8615).
    c = _enquiry_only(d, la_id)
    details, _, _, s47, _ = only(c)
    s47.DateOfInitialCPC = details.CINreferralDate - 2 * DAY
    while s47.DateOfInitialCPC.weekday() >= 5:
        s47.DateOfInitialCPC -= DAY
    s47.S47ActualStartDate = s47.DateOfInitialCPC - 3 * DAY
    return c


@defect("2884")
def _(d: Dates, la_id: str) -> Child:
    c = f.conference_on_episode(d, la_id)
    details = c.CINdetails[0]
    conference = details.DateOfInitialCPC
    started = working_before(d, conference)
    details.Section47 = [
        Section47(
            S47ActualStartDate=started,
            InitialCPCtarget=d.conference_target(started),
            DateOfInitialCPC=conference,
            ICPCnotRequired="false",
        )
    ]
    return c


@defect("2889")
def _(d: Dates, la_id: str) -> Child:
    c = _enquiry_only(d, la_id)
    details, _, _, s47, _ = only(c)
    s47.S47ActualStartDate = details.CINreferralDate - 2 * DAY
    return c


@defect("8615")
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cp_plan(d, la_id)
    _, _, _, s47, _ = only(c)
    s47.S47ActualStartDate = s47.DateOfInitialCPC + DAY
    return c


@defect("8615:missing")
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cp_plan(d, la_id)
    _, _, _, s47, _ = only(c)
    s47.S47ActualStartDate = None
    return c


@defect("8675Q")
def _(d: Dates, la_id: str) -> Child:
    # One working day earlier than the cut-off child in the valid council.
    c = f.enquiry_at_cut_off(d, la_id)
    c.CINdetails[0].Section47[0].S47ActualStartDate = d.before_end(15)
    return c


@defect("8715")
def _(d: Dates, la_id: str) -> Child:
    c = f.enquiry_at_cut_off(d, la_id)
    s47 = c.CINdetails[0].Section47[0]
    s47.DateOfInitialCPC = d.calendar.next_working_day(d.end + 3 * DAY)
    return c


@defect("8740", also=("8675Q",))
def _(d: Dates, la_id: str) -> Child:
    # "0" rather than "false", so that the DfE-rule validator (which reads only "0") sees it;
    # an enquiry from last year still awaiting a conference is long past 15 working days.
    c = f.carried_over(d, la_id)
    details = c.CINdetails[0]
    started = d.calendar.next_working_day(details.CINreferralDate + 7 * DAY)
    details.Section47 = [
        Section47(
            S47ActualStartDate=started,
            InitialCPCtarget=d.conference_target(started),
            ICPCnotRequired="0",
        )
    ]
    assessed = d.working(3)
    details.Assessments = [f.assessment(assessed, d.after(assessed, 10), ["2A"])]
    return c


@defect("8839")
def _(d: Dates, la_id: str) -> Child:
    # An exact repeat of the enquiry, so that rule 8890 (overlapping enquiries) stays quiet.
    c = f.enquiry_at_cut_off(d, la_id)
    details = c.CINdetails[0]
    first = details.Section47[0]
    details.Section47.append(
        Section47(
            S47ActualStartDate=first.S47ActualStartDate,
            InitialCPCtarget=first.InitialCPCtarget,
            ICPCnotRequired="false",
        )
    )
    return c


@defect(
    "8870Q",
    peer_blind="It parses InitialCPCtarget as day-month-year, so a census (ISO) date never "
    "parses and is never checked",
)
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cp_plan(d, la_id)
    _, _, _, s47, _ = only(c)
    s47.InitialCPCtarget = saturday_after(s47.DateOfInitialCPC)
    return c


@defect("8875")
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cp_plan(d, la_id)
    _, _, _, s47, plan = only(c)
    s47.DateOfInitialCPC = plan.CPPstartDate = saturday_after(s47.DateOfInitialCPC - 7 * DAY)
    return c


# --- ChildProtectionPlans ------------------------------------------------------------------


@defect("1105")
def _(d: Dates, la_id: str) -> Child:
    c = f.conference_on_episode(d, la_id)
    details, _, _, _, plan = only(c)
    details.DateOfInitialCPC = plan.CPPstartDate = working_before(d, details.CINreferralDate)
    return c


@defect("2885")
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cp_plan(d, la_id)
    _, _, _, s47, plan = only(c)
    plan.CPPstartDate = d.after(s47.DateOfInitialCPC, 1)
    return c


@defect("2885:episode")
def _(d: Dates, la_id: str) -> Child:
    c = f.conference_on_episode(d, la_id)
    details, _, _, _, plan = only(c)
    plan.CPPstartDate = d.after(details.DateOfInitialCPC, 1)
    return c


@defect("8565")
def _(d: Dates, la_id: str) -> Child:
    c = f.closed_after_assessment(d, la_id)
    details, assessment, _, _, _ = only(c)
    details.CINclosureDate = working_before(d, assessment.AssessmentAuthorisationDate)
    return c


@defect(
    "8565:cin-plan",
    peer_blind="When a CIN plan is dated after closure and no enquiry is, it builds a column "
    "from the wrong table, raises ValueError and counts the rule as passed (section 9)",
    crashes_peer=True,
)
def _(d: Dates, la_id: str) -> Child:
    c = f.closed_after_cin_plan(d, la_id)
    details, _, plan, _, _ = only(c)
    plan.CINPlanEndDate = d.after(details.CINclosureDate, 3)
    return c


@defect(
    "8565:cp-plan",
    peer_blind="It checks plan end dates against a placeholder table left in from its own "
    "tests, so it never sees a real child protection plan ending after closure",
)
def _(d: Dates, la_id: str) -> Child:
    c = f.cp_plan_then_cin_plan(d, la_id)
    details, _, _, _, plan = only(c)
    details.CINPlanDates = []
    details.CINclosureDate, details.ReasonForClosure = plan.CPPendDate, "RC7"
    plan.CPPendDate = d.after(plan.CPPendDate, 2)
    return c


@defect("8720")
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cp_plan(d, la_id)
    c.CINdetails[0].ChildProtectionPlans[0].CPPstartDate = None
    return c


@defect("8730")
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cp_plan(d, la_id)
    c.CINdetails[0].ChildProtectionPlans[0].NumberOfPreviousCPP = ""
    return c


@defect(
    "8832",
    also=("8831",),
    peer_blind="Its merge labels the episode's row number as the plan's, so it reports the plan "
    "at that row of the plans table (another child's, or none)",
)
def _(d: Dates, la_id: str) -> Child:
    # A plan needs a conference, and a conference on an NFA referral is itself activity.
    c = f.nfa_referral(d, la_id)
    details = c.CINdetails[0]
    details.DateOfInitialCPC = d.after(details.CINreferralDate, 5)
    details.ChildProtectionPlans = [f.cp_plan(d, details.DateOfInitialCPC)]
    return c


@defect("8840")
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cp_plan(d, la_id)
    plan = c.CINdetails[0].ChildProtectionPlans[0]
    plan.CPPendDate = plan.CPPstartDate
    return c


@defect("8841")
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cp_plan(d, la_id)
    plan = c.CINdetails[0].ChildProtectionPlans[0]
    plan.Reviews[0].CPPreviewDate = plan.CPPstartDate
    return c


@defect("8905")
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cp_plan(d, la_id)
    c.CINdetails[0].ChildProtectionPlans[0].InitialCategoryOfAbuse = "XXX"
    return c


@defect("8910")
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cp_plan(d, la_id)
    c.CINdetails[0].ChildProtectionPlans[0].LatestCategoryOfAbuse = ""
    return c


@defect("8915")
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cp_plan(d, la_id)
    c.PersonDeathDate = c.CINdetails[0].ChildProtectionPlans[0].CPPstartDate - 2 * DAY
    return c


@defect("8920")
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cp_plan(d, la_id)
    plan = c.CINdetails[0].ChildProtectionPlans[0]
    plan.CPPendDate = d.after(plan.CPPstartDate, 80)
    plan.Reviews = [r for r in plan.Reviews if r.CPPreviewDate <= plan.CPPendDate]
    c.PersonDeathDate = plan.CPPendDate - 3 * DAY
    return c


@defect("8925")
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cp_plan(d, la_id)
    plan = c.CINdetails[0].ChildProtectionPlans[0]
    plan.CPPendDate = plan.CPPstartDate - DAY
    return c


@defect("8930")
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cp_plan(d, la_id)
    c.CINdetails[0].ChildProtectionPlans[0].CPPendDate = d.end + 10 * DAY
    return c


@defect("8935", also=("8940",))
def _(d: Dates, la_id: str) -> Child:
    # An open plan in each of two episodes (the first closed): two open plans always overlap.
    # Each is the first plan of its episode, the only way the DfE-rule validator sees them.
    first = f.open_cp_plan(d, la_id).CINdetails[0]
    first.CINclosureDate, first.ReasonForClosure = (
        d.after(first.ChildProtectionPlans[0].CPPstartDate, 20),
        "RC7",
    )
    first.ChildProtectionPlans[0].Reviews = []
    referred = d.after(first.CINclosureDate, 10)
    s47 = f.enquiry_with_conference(d, d.after(referred, 2))
    started = d.after(referred, 1)
    second = f.episode(
        referred,
        Assessments=[f.assessment(started, d.after(started, 15), ["16A"])],
        Section47=[s47],
        ChildProtectionPlans=[f.cp_plan(d, s47.DateOfInitialCPC, reviews=(30,))],
    )
    return f.child(la_id, first, second)


@defect("8940")
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cp_plan(d, la_id)
    details, _, _, first_s47, first_plan = only(c)
    conference = first_s47.DateOfInitialCPC
    second_s47 = f.enquiry_with_conference(d, d.after(conference, 30))
    first_plan.CPPendDate = d.after(conference, 70)
    first_plan.Reviews = []
    details.Section47.append(second_s47)
    details.ChildProtectionPlans.append(f.cp_plan(d, second_s47.DateOfInitialCPC, reviews=()))
    return c


# --- CINPlanDates --------------------------------------------------------------------------


@defect("4000")
def _(d: Dates, la_id: str) -> Child:
    c = f.nfa_referral(d, la_id)
    details = c.CINdetails[0]
    details.CINPlanDates = [CINPlan(CINPlanStartDate=d.after(details.CINreferralDate, 5))]
    return c


@defect("4001", also=("4016",))
def _(d: Dates, la_id: str) -> Child:
    # Two plans open at once: whichever started second started while the other was running.
    c = f.open_cp_plan(d, la_id)
    details, _, _, _, plan = only(c)
    details.CINPlanDates = [CINPlan(CINPlanStartDate=plan.Reviews[-1].CPPreviewDate + 7 * DAY)]
    return c


@defect("4004", also=("4014",))
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cin_plan(d, la_id)
    details = c.CINdetails[0]
    details.CINPlanDates.append(CINPlan(CINPlanStartDate=details.CINPlanDates[0].CINPlanStartDate))
    return c


@defect("4010")
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cin_plan(d, la_id)
    c.CINdetails[0].CINPlanDates[0].CINPlanStartDate = None
    return c


@defect("4011")
def _(d: Dates, la_id: str) -> Child:
    c = f.closed_after_cin_plan(d, la_id)
    plan = c.CINdetails[0].CINPlanDates[0]
    plan.CINPlanEndDate = plan.CINPlanStartDate - DAY
    return c


@defect("4012Q")
def _(d: Dates, la_id: str) -> Child:
    c = f.closed_after_cin_plan(d, la_id)
    plan = c.CINdetails[0].CINPlanDates[0]
    plan.CINPlanEndDate = plan.CINPlanStartDate
    return c


@defect("4013")
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cin_plan(d, la_id)
    c.CINdetails[0].CINPlanDates[0].CINPlanEndDate = d.end + 5 * DAY
    return c


@defect("4014")
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cin_plan(d, la_id)
    details = c.CINdetails[0]
    first = details.CINPlanDates[0]
    first.CINPlanEndDate = first.CINPlanStartDate + 60 * DAY
    details.CINPlanDates.append(CINPlan(CINPlanStartDate=first.CINPlanStartDate + 30 * DAY))
    return c


@defect("4015")
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cin_plan(d, la_id)
    details = c.CINdetails[0]
    details.CINPlanDates[0].CINPlanStartDate = details.CINreferralDate - 4 * DAY
    return c


@defect("4016")
def _(d: Dates, la_id: str) -> Child:
    c = f.cp_plan_then_cin_plan(d, la_id)
    _, _, cin_plan, _, plan = only(c)
    cin_plan.CINPlanStartDate = plan.CPPendDate - 5 * DAY
    return c


@defect("4017")
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cin_plan(d, la_id)
    details, _, cin_plan, _, _ = only(c)
    cin_plan.CINPlanEndDate = cin_plan.CINPlanStartDate + 100 * DAY
    s47 = f.enquiry_with_conference(d, d.after(cin_plan.CINPlanStartDate, 30))
    details.Section47 = [s47]
    plan = f.cp_plan(d, s47.DateOfInitialCPC, reviews=())
    # Its review falls after the CIN plan ended, so that rule 4003 stays quiet.
    plan.Reviews = [Review(d.calendar.next_working_day(cin_plan.CINPlanEndDate + 10 * DAY))]
    details.ChildProtectionPlans = [plan]
    return c


# --- Reviews -------------------------------------------------------------------------------


@defect("4003")
def _(d: Dates, la_id: str) -> Child:
    # The review is after the child protection plan ended and during the CIN plan that
    # followed it; the CIN plan has ended, the only case the DfE-rule validator checks.
    c = f.cp_plan_then_cin_plan(d, la_id)
    _, _, cin_plan, _, plan = only(c)
    cin_plan.CINPlanEndDate = cin_plan.CINPlanStartDate + 50 * DAY
    plan.Reviews.append(Review(d.calendar.next_working_day(plan.CPPendDate + 10 * DAY)))
    return c


@defect("8842Q")
def _(d: Dates, la_id: str) -> Child:
    c = f.open_cp_plan(d, la_id)
    c.CINdetails[0].ChildProtectionPlans[0].Reviews.append(Review(BLANK_REVIEW_SENTINEL))
    return c


def blank_review_dates(xml: bytes) -> bytes:
    """Turn the 8842Q defect's sentinel review date into an empty CPPreviewDate."""
    sentinel = f"<CPPreviewDate>{BLANK_REVIEW_SENTINEL.isoformat()}</CPPreviewDate>".encode()
    return xml.replace(sentinel, b"<CPPreviewDate></CPPreviewDate>")


def defect_children(year: int) -> list[tuple[Defect, list[Child]]]:
    d = Dates(f.census_year(year))
    return [(item, item.build(d, item.la_child_id)) for item in DEFECTS.values()]


# --- The header and the return as a whole --------------------------------------------------


@dataclass(frozen=True)
class CouncilDefect:
    """A defect of the whole return: `build` gives the header and children, and
    `child_level` the rules that the children it adds break as well."""

    code: str
    build: Callable[[int], tuple[Header, list[Child]]]
    child_level: frozenset[str] = field(default_factory=frozenset)


COUNCIL_DEFECTS: dict[str, CouncilDefect] = {}


def council_defect(
    code: str, *, child_level: tuple[str, ...] = ()
) -> Callable[[Callable[[int], tuple[Header, list[Child]]]], None]:
    def register(build: Callable[[int], tuple[Header, list[Child]]]) -> None:
        COUNCIL_DEFECTS[code] = CouncilDefect(code, build, frozenset(child_level))

    return register


def _plan_without_conference(d: Dates, la_id: str) -> Child:
    c = f.conference_on_episode(d, la_id)
    c.CINdetails[0].DateOfInitialCPC = None
    return c


@council_defect("100")
def _(year: int) -> tuple[Header, list[Child]]:
    # A 2025-26 file whose header still says the year before.
    census = census_year(year)
    wrong = f.header(census)
    wrong.Year = str(year - 1)
    return wrong, f.valid_children(census)


@council_defect("2883", child_level=("2885",))
def _(year: int) -> tuple[Header, list[Child]]:
    # The valid council has one conference more than plans; two plans with no conference tip
    # it over, and each is a plan not starting at a conference (2885).
    census = census_year(year)
    d = Dates(census)
    extra = [_plan_without_conference(d, f"P{n}") for n in (1, 2)]
    return f.header(census), f.valid_children(census) + extra


@council_defect("2886Q", child_level=("4180",))
def _(year: int) -> tuple[Header, list[Child]]:
    census = census_year(year)
    unrecorded = f.open_cin_plan(Dates(census), "S1")
    unrecorded.Sex = ""
    return f.header(census), [*f.valid_children(census), unrecorded]


@council_defect("2887Q")
def _(year: int) -> tuple[Header, list[Child]]:
    census = census_year(year)
    children = f.valid_children(census)
    for n, c in enumerate(children):
        if c.Disabilities and c.Disabilities != ["NONE"]:
            c.Disabilities = ["MOB", "HAND"] if n % 2 else ["PC"]
    return f.header(census), children


@council_defect("2888Q")
def _(year: int) -> tuple[Header, list[Child]]:
    census = census_year(year)
    children = f.valid_children(census)
    for c in children:
        c.Disabilities = c.Disabilities[:1]
    return f.header(census), children


def every_council_defect(year: int) -> tuple[Header, list[Child]]:
    """One return with every council-level defect at once, for the DfE-rule validator, which
    costs seconds a run: a header for the wrong year, a child with no sex recorded, plans with
    no conference, fewer than eight children recorded as NONE (the validator's reading of
    2887Q) and no child with two disabilities."""
    census = census_year(year)
    d = Dates(census)
    wrong = f.header(census)
    wrong.Year = str(year - 1)
    children = f.valid_children(census, fillers=0)
    for n, c in enumerate(children):
        if c.Disabilities and c.Disabilities != ["NONE"]:
            c.Disabilities = [("MOB", "HAND", "PC")[n % 3]]
    unrecorded = f.open_cin_plan(d, "S1")
    unrecorded.Sex, unrecorded.Disabilities = "", ["MOB"]
    extra = [_plan_without_conference(d, f"P{n}") for n in (1, 2)]
    return wrong, [*children, unrecorded, *extra]
