"""The register of statutory and local-practice clocks, and how to turn one into due dates.

Framework-free on purpose: the rules are facts about English children's social care, not about
this application, and the Django side (casework.common.clock) only adds holidays from the
database and a council's local settings. Every rule is sourced from
/work/shared/domain/practice-rules.md, sections 1 and 5.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from casework.lib.workdays import WorkingCalendar, add_months


class Unit(StrEnum):
    WORKING_DAYS = "working days"
    CALENDAR_DAYS = "calendar days"
    WEEKS = "weeks"
    MONTHS = "months"


_SINGULAR = {
    Unit.WORKING_DAYS: "working day",
    Unit.CALENDAR_DAYS: "calendar day",
    Unit.WEEKS: "week",
    Unit.MONTHS: "month",
}


def describe_amount(amount: int, unit: Unit) -> str:
    """ "1 working day", "15 working days": for messages people read."""
    return f"{amount} {_SINGULAR[unit] if amount == 1 else unit.value}"


class Status(StrEnum):
    """How binding a rule's number is (practice-rules.md "Status key").

    A rule carries the status of its *number*: CP visits must be set in the plan (SG) but the
    frequency is local (LP), so they are LP. The DfE census check is shown by
    ClockRule.census_target rather than by a second status.
    """

    STATUTE = "S"
    STATUTORY_GUIDANCE = "SG"
    LEGACY = "Legacy"
    LOCAL_PRACTICE = "LP"
    DATA_QUALITY = "DQ"


@dataclass(frozen=True)
class ClockRule:
    code: str
    title: str
    starts: str
    completes: str
    amount: int
    unit: Unit
    status: Status
    source: str
    local: bool = False
    census_target: bool = False

    def __post_init__(self) -> None:
        if self.amount < 1:
            raise ValueError(f"{self.code}: a clock must run for at least one {self.unit}.")
        if self.census_target and self.unit is not Unit.WORKING_DAYS:
            raise ValueError(f"{self.code}: the census validator only counts working days.")
        if self.census_target and self.local:
            # The validator applies the national number whatever a council sets, so letting a
            # council change it would produce targets the census still queries.
            raise ValueError(f"{self.code}: a census-checked clock cannot be changed locally.")


_WT23 = "Working Together to Safeguard Children 2023"
_CPR = "Care Planning, Placement and Case Review (England) Regulations 2010 (SI 2010/959)"
_CINV = "DfE CIN census validator"

_RULE_LIST = (
    ClockRule(
        code="contact-decision",
        title="Decision on a contact or referral",
        starts="Receipt of the contact or referral",
        completes="Decision on the type of response, and the referrer acknowledged",
        amount=1,
        unit=Unit.WORKING_DAYS,
        status=Status.STATUTORY_GUIDANCE,
        source=f"{_WT23} (decision and acknowledgement within one working day of a referral)",
    ),
    ClockRule(
        code="assessment",
        title="Child and family assessment",
        starts="Referral date (not the date the referral was accepted)",
        completes="Assessment concluded and authorised",
        amount=45,
        unit=Unit.WORKING_DAYS,
        status=Status.STATUTORY_GUIDANCE,
        source=(
            f"{_WT23} (assessment within 45 working days of the referral; reasons recorded if "
            f"longer); {_CINV} check 8670Q"
        ),
        census_target=True,
    ),
    ClockRule(
        code="icpc",
        title="Initial child protection conference",
        starts="The strategy discussion at which the section 47 enquiry was started",
        completes="Initial child protection conference held",
        amount=15,
        unit=Unit.WORKING_DAYS,
        status=Status.STATUTORY_GUIDANCE,
        source=(
            f"{_WT23} (ICPC within 15 working days of the strategy discussion that started the "
            f"section 47 enquiry); {_CINV} check 8675Q"
        ),
        census_target=True,
    ),
    ClockRule(
        code="first-core-group",
        title="First core group meeting",
        starts="Initial child protection conference",
        completes="First core group meeting held",
        amount=10,
        unit=Unit.WORKING_DAYS,
        status=Status.LEGACY,
        source=(
            "Earlier editions of Working Together, kept in local child protection procedures "
            "(first core group within 10 working days of the ICPC); not found in the 2023 text"
        ),
        local=True,
    ),
    ClockRule(
        code="core-group",
        title="Later core group meeting",
        starts="Previous core group meeting",
        completes="Next core group meeting held",
        amount=1,
        unit=Unit.MONTHS,
        status=Status.LOCAL_PRACTICE,
        source=(
            "Local practice (at least monthly in Liverpool and Newcastle; no more than 6 weeks "
            "apart in Tees)"
        ),
        local=True,
    ),
    ClockRule(
        code="cp-visit",
        title="Child protection visit",
        starts="Child protection plan start, or the previous visit",
        completes="Child seen (alone where appropriate) at a home visit",
        amount=10,
        unit=Unit.WORKING_DAYS,
        status=Status.LOCAL_PRACTICE,
        source=(
            f"{_WT23} (frequency set in the child protection plan); the number is local practice "
            "(every 10 working days in Central Bedfordshire and Liverpool)"
        ),
        local=True,
    ),
    ClockRule(
        code="first-rcpc",
        title="First review child protection conference",
        starts="Initial child protection conference",
        completes="First review conference held",
        amount=3,
        unit=Unit.MONTHS,
        status=Status.STATUTORY_GUIDANCE,
        source=(
            "Working Together as carried into local child protection conference procedures "
            "(first review within 3 months of the ICPC); 2023 wording not re-verified"
        ),
    ),
    ClockRule(
        code="pre-birth-rcpc",
        title="First review conference after the birth of a child on a pre-birth plan",
        starts="Birth of a child whose plan was made at a pre-birth conference",
        completes="First review conference held",
        amount=10,
        unit=Unit.WORKING_DAYS,
        status=Status.LOCAL_PRACTICE,
        source=(
            "Local practice, Tees child protection procedures (first review of an unborn "
            "child's plan within 10 working days of the birth or 3 months of the ICPC, "
            "whichever is sooner; the 3 months is the first-rcpc rule)"
        ),
        local=True,
    ),
    ClockRule(
        code="later-rcpc",
        title="Later review child protection conference",
        starts="Previous review conference",
        completes="Next review conference held",
        amount=6,
        unit=Unit.MONTHS,
        status=Status.STATUTORY_GUIDANCE,
        source=(
            "Working Together as carried into local child protection conference procedures "
            "(later reviews no more than 6 months apart); 2023 wording not re-verified"
        ),
    ),
    ClockRule(
        code="cin-plan-review",
        title="Child in need plan review",
        starts="First child in need meeting, or the previous review",
        completes="Child in need plan reviewed",
        amount=3,
        unit=Unit.MONTHS,
        status=Status.LOCAL_PRACTICE,
        source="Local practice (no national timescale; about 3-monthly is common)",
        local=True,
    ),
    ClockRule(
        code="cin-visit",
        title="Child in need visit",
        starts="Child in need plan start, or the previous visit",
        completes="Child seen at a visit",
        amount=20,
        unit=Unit.WORKING_DAYS,
        status=Status.LOCAL_PRACTICE,
        source="Local practice (for example at least every 20 working days)",
        local=True,
    ),
    ClockRule(
        code="supervision",
        title="Supervision of a social worker",
        starts="The previous supervision session",
        completes="Next supervision session held",
        amount=1,
        unit=Unit.MONTHS,
        status=Status.LOCAL_PRACTICE,
        source=(
            "Local practice; e.g. Liverpool: CP cases reviewed at least every 2 months "
            "(monthly supervision is the common default)"
        ),
        local=True,
    ),
    ClockRule(
        code="care-plan",
        title="Care plan",
        starts="First placement",
        completes="Care plan prepared",
        amount=10,
        unit=Unit.WORKING_DAYS,
        status=Status.STATUTE,
        source=(
            f"{_CPR}, reg 4(2) (before the placement or, if not practicable, within 10 working "
            "days of its start)"
        ),
    ),
    ClockRule(
        code="placement-plan",
        title="Placement plan",
        starts="Start of the placement",
        completes="Placement plan agreed",
        amount=5,
        unit=Unit.WORKING_DAYS,
        status=Status.STATUTE,
        source=(
            f"{_CPR}, reg 9 (before placement or within 5 working days; figure from a fostering "
            "handbook, not re-read in the regulation)"
        ),
    ),
    ClockRule(
        code="initial-health-assessment",
        title="Initial health assessment",
        starts="Becoming looked after",
        completes="Health assessment by a registered medical practitioner",
        amount=20,
        unit=Unit.WORKING_DAYS,
        status=Status.STATUTE,
        source=(
            f"{_CPR}, reg 7 (before the first placement or, if not practicable, before the first "
            "review)"
        ),
    ),
    ClockRule(
        code="cla-first-review",
        title="First looked-after review",
        starts="Becoming looked after",
        completes="First review held",
        amount=20,
        unit=Unit.WORKING_DAYS,
        status=Status.STATUTE,
        source=f"{_CPR}, reg 33 (first review within 20 working days of becoming looked after)",
    ),
    ClockRule(
        code="cla-second-review",
        title="Second looked-after review",
        starts="First review",
        completes="Second review held",
        amount=3,
        unit=Unit.MONTHS,
        status=Status.STATUTE,
        source=f"{_CPR}, reg 33 (second review no more than 3 months after the first)",
    ),
    ClockRule(
        code="cla-later-review",
        title="Later looked-after review",
        starts="Previous review",
        completes="Next review held",
        amount=6,
        unit=Unit.MONTHS,
        status=Status.STATUTE,
        source=f"{_CPR}, reg 33 (later reviews no more than 6 months apart)",
    ),
    ClockRule(
        code="cla-visit-first",
        title="First visit in a placement",
        starts="Start of any placement (each move restarts it)",
        completes="Social worker visit, child seen",
        amount=1,
        unit=Unit.WEEKS,
        status=Status.STATUTE,
        source=f"{_CPR}, reg 28(2) (visit within one week of the start of a placement)",
    ),
    ClockRule(
        code="cla-visit",
        title="Looked-after visit",
        starts="Previous visit",
        completes="Social worker visit, child seen",
        amount=6,
        unit=Unit.WEEKS,
        status=Status.STATUTE,
        source=f"{_CPR}, reg 28(2) (then at intervals of no more than 6 weeks in the first year)",
    ),
)

RULES: dict[str, ClockRule] = {rule.code: rule for rule in _RULE_LIST}


class UnknownRule(KeyError):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code

    def __str__(self) -> str:
        # KeyError's own __str__ would print the repr of the code and nothing more.
        return f"Unknown clock rule {self.code!r}. Valid codes: {', '.join(sorted(RULES))}."


def get_rule(code: str) -> ClockRule:
    try:
        return RULES[code]
    except KeyError:
        raise UnknownRule(code) from None


@dataclass(frozen=True)
class DueDates:
    """`due` is the legal latest date. `target` is what warnings should use: for the two
    census-checked clocks it is the validator's stricter date, one working day earlier, so
    nothing the census will query is ever shown as on time."""

    due: date
    target: date


def due_dates(
    rule: ClockRule, start: date, calendar: WorkingCalendar, amount: int | None = None
) -> DueDates:
    """Due dates for `rule` started on `start`; `amount` replaces the rule's own number (a
    council's local setting)."""
    n = rule.amount if amount is None else amount
    if n < 1:
        raise ValueError(f"{rule.code}: a clock must run for at least one {rule.unit}, not {n}.")
    match rule.unit:
        case Unit.WORKING_DAYS:
            due = calendar.add_working_days(start, n)
        case Unit.CALENDAR_DAYS:
            due = start + timedelta(days=n)
        case Unit.WEEKS:
            due = start + timedelta(weeks=n)
        case Unit.MONTHS:
            due = add_months(start, n)
    if rule.census_target:
        return DueDates(due=due, target=calendar.add_working_days_inclusive(start, n))
    return DueDates(due=due, target=due)
