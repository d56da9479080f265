"""Rules on ChildIdentifiers: the child's ids, UPN, dates of birth and death, and sex.

The rules that compare the child's identifiers with the rest of the record (a CIN plan after the
child's death, a UPN missing for a child of school age) sit here too, because the DfE groups
them under ChildIdentifiers.
"""

import datetime
import operator
from collections.abc import Iterable, Iterator

from casework.lib.workdays import add_months
from casework.returns.cin.records import Child, is_false, is_true
from casework.returns.cin.validation import (
    Context,
    FileRule,
    Found,
    Needs,
    RuleInfo,
    child_rule,
    file_rule,
)

# The UPN check letter for a remainder of 0 to 22 (DfE, "Unique pupil numbers", 2019).
_CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"
# Character 13 of a permanent UPN is a digit; of a temporary one, a letter other than I, O, S.
_LAST_CHARACTERS = frozenset("0123456789" + _CHECK_LETTERS)
# Weights 2 to 13 for characters 2 to 13; the digits are summed as their byte values, so the
# sum carries 48 (the byte of "0") times the sum of the weights, taken off again.
_WEIGHTS = range(2, 14)
_ZERO_BYTES = ord("0") * sum(_WEIGHTS)


def _la_codes() -> frozenset[str]:
    """Characters 2-4 of a UPN: a post-April-1998 LA code or a recognised pseudo-LA code, as
    listed for rule 1530 from 2023-24."""
    spans = (
        (1, 5), (201, 213), (301, 320), (330, 336), (340, 344), (350, 359), (370, 373),
        (380, 384), (390, 394), (660, 681), (701, 708), (800, 803), (805, 808), (810, 813),
        (820, 823), (835, 839), (850, 852), (855, 857), (865, 896), (935, 938), (940, 941),
    )  # fmt: skip
    singles = (
        420, 815, 816, 825, 826, 830, 831, 840, 841, 845, 846, 860, 861, 908, 909, 916, 919,
        921, 925, 926, 928, 929, 931, 933, 942, 943,
    )  # fmt: skip
    codes = {n for first, last in spans for n in range(first, last + 1)} | set(singles)
    return frozenset(f"{n:03d}" for n in codes)


LA_CODES = _la_codes()

SEX_CODES = frozenset({"M", "F", "U"})
# UPNunknown reasons that explain a missing UPN for a child of school age (rule 8770Q): UN1
# says the child is not of school age, so it cannot be the reason here.
SCHOOL_AGE_UPN_REASONS = frozenset({"UN2", "UN3", "UN4", "UN5", "UN6", "UN7"})


def _all_digits(text: str) -> bool:
    # isdigit alone accepts other scripts' digits; a UPN is plain ASCII.
    return text.isdigit() and text.isascii()


def add_years(day: datetime.date, years: int) -> datetime.date:
    """`day` moved by whole years; 29 February becomes 28 February in a common year."""
    return add_months(day, 12 * years)


@child_rule("1510", "UPN invalid (wrong check letter at character 1)", needs=Needs.UPN)
def upn_check_letter(child: Child, context: Context) -> Iterator[Found]:
    """1510: a permanent UPN (a letter and twelve digits) starts with the check letter its
    digits give: each of characters 2-13 times its position, summed, modulo 23."""
    upn = child.UPN
    if len(upn) == 13 and _all_digits(upn[1:]):
        total = sum(map(operator.mul, _WEIGHTS, upn[1:].encode())) - _ZERO_BYTES
        if _CHECK_LETTERS[total % 23] != upn[0]:
            yield child, ("UPN",)


@file_rule
class UPNUnique(FileRule):
    """1520: no two children in the return share a UPN. Every child with a shared UPN is
    reported, the first as well as the later ones, so that each record can be found."""

    info = RuleInfo("1520", "More than one record with the same UPN.")

    def __init__(self) -> None:
        self._first: dict[str, Child] = {}
        self._reported: set[str] = set()
        self._found: list[tuple[Child | None, object, tuple[str, ...]]] = []

    def observe(self, child: Child, context: Context) -> None:
        upn = child.UPN
        if not upn:
            return
        first = self._first.get(upn)
        if first is None:
            # Only a stand-in for the first child is kept, so memory does not hold every
            # child's whole record until the end of the file.
            self._first[upn] = _stand_in(child)
            return
        if upn not in self._reported:
            self._reported.add(upn)
            self._found.append((first, first, ("UPN",)))
        self._found.append((child, child, ("UPN",)))

    def finish(self, context: Context) -> Iterable[tuple[Child | None, object, tuple[str, ...]]]:
        return self._found


def _stand_in(child: Child) -> Child:
    """Enough of a child to report a failure on it: its id, where it came from, its line."""
    return Child(LAchildID=child.LAchildID, UPN=child.UPN, source=child.source, line=child.line)


@child_rule("1530", "UPN invalid (characters 2-4 not a recognised LA code)", needs=Needs.UPN)
def upn_la_code(child: Child, context: Context) -> Iterator[Found]:
    """1530: characters 2-4 of a 13-character UPN are a recognised LA or pseudo-LA code."""
    upn = child.UPN
    if len(upn) == 13 and upn[1:4] not in LA_CODES:
        yield child, ("UPN",)


@child_rule("1540", "UPN invalid (characters 5-12 not all numeric)", needs=Needs.UPN)
def upn_serial_is_numeric(child: Child, context: Context) -> Iterator[Found]:
    """1540: characters 5-12 of a UPN, where one is given, are all digits (a UPN too short to
    have them fails too)."""
    upn = child.UPN
    if upn and not _all_digits(upn[4:12]):
        yield child, ("UPN",)


@child_rule("1550", "UPN invalid (character 13 not a recognised value)", needs=Needs.UPN)
def upn_last_character(child: Child, context: Context) -> Iterator[Found]:
    """1550: character 13 of a UPN is a digit, or a letter other than I, O and S."""
    upn = child.UPN
    if len(upn) == 13 and upn[12] not in _LAST_CHARACTERS:
        yield child, ("UPN",)


@child_rule(
    "1560Q",
    "Please check and either amend or provide a reason: Former UPN wrongly formatted",
    needs=Needs.FORMER_UPN,
)
def former_upn_format(child: Child, context: Context) -> Iterator[Found]:
    """1560Q: a former UPN, where given, is a letter followed by twelve digits."""
    former = child.FormerUPN
    if former and not (len(former) == 13 and former[0].isalpha() and _all_digits(former[1:])):
        yield child, ("FormerUPN",)


@child_rule("1570", "LA Child ID must not be longer than 20 characters")
def la_child_id_length(child: Child, context: Context) -> Iterator[Found]:
    """1570: the LA child id is at most 20 characters."""
    if len(child.LAchildID) > 20:
        yield child, ("LAchildID",)


@child_rule("1580", "LA Child ID must not contain any non-alphanumeric characters")
def la_child_id_characters(child: Child, context: Context) -> Iterator[Found]:
    """1580: the LA child id holds only letters and digits."""
    if child.LAchildID and not child.LAchildID.isalnum():
        yield child, ("LAchildID",)


@child_rule(
    "4008",
    "CIN Plan shown as starting after the child’s Date of Death.",
    needs=Needs.DEATH | Needs.CIN_PLANS,
)
def cin_plan_starts_by_death(child: Child, context: Context) -> Iterator[Found]:
    """4008: no CIN plan starts after the child's date of death."""
    died = child.PersonDeathDate
    if died is None:
        return
    for details in child.CINdetails:
        for plan in details.CINPlanDates:
            if plan.CINPlanStartDate is not None and plan.CINPlanStartDate > died:
                yield plan, ("CINPlanStartDate", "PersonDeathDate")


@child_rule(
    "4009Q",
    "CIN Plan cannot end after the child’s Date of Death",
    needs=Needs.DEATH | Needs.CIN_PLANS,
)
def cin_plan_ends_by_death(child: Child, context: Context) -> Iterator[Found]:
    """4009Q: no CIN plan ends after the child's date of death."""
    died = child.PersonDeathDate
    if died is None:
        return
    for details in child.CINdetails:
        for plan in details.CINPlanDates:
            if plan.CINPlanEndDate is not None and plan.CINPlanEndDate > died:
                yield plan, ("CINPlanEndDate", "PersonDeathDate")


@child_rule("4180", "Sex must be provided and equal M, F, or U")
def sex_is_recorded(child: Child, context: Context) -> Iterator[Found]:
    """4180: sex is given and is M, F or U (U for an unborn child or where not recorded)."""
    if child.Sex not in SEX_CODES:
        yield child, ("Sex",)


@child_rule("8500", "LA Child ID missing")
def la_child_id_present(child: Child, context: Context) -> Iterator[Found]:
    """8500: every child has an LA child id."""
    if not child.LAchildID:
        yield child, ("LAchildID",)


@file_rule
class LAchildIDUnique(FileRule):
    """8510: each child appears once: no two children in the return share an LA child id.
    Every child with a shared id is reported, the first as well as the later ones."""

    info = RuleInfo("8510", "More than one child record with the same LA Child ID")

    def __init__(self) -> None:
        self._first: dict[str, Child] = {}
        self._reported: set[str] = set()
        self._found: list[tuple[Child | None, object, tuple[str, ...]]] = []

    def observe(self, child: Child, context: Context) -> None:
        # Children with no id at all are counted as sharing one, as the DfE-rule validator
        # counts them; rule 8500 says what is wrong with them.
        la_id = child.LAchildID
        first = self._first.get(la_id)
        if first is None:
            self._first[la_id] = _stand_in(child)
            return
        if la_id not in self._reported:
            self._reported.add(la_id)
            self._found.append((first, first, ("LAchildID",)))
        self._found.append((child, child, ("LAchildID",)))

    def finish(self, context: Context) -> Iterable[tuple[Child | None, object, tuple[str, ...]]]:
        return self._found


@child_rule(
    "8520",
    "Date of Birth is after data collection period (must be on or before the end of the "
    "census period)",
)
def born_by_reference_date(child: Child, context: Context) -> Iterator[Found]:
    """8520: the date of birth, where given, is on or before the reference date."""
    born = child.PersonBirthDate
    if born is not None and born > context.period_end:
        yield child, ("PersonBirthDate",)


@child_rule(
    "8525Q", "Either Date of Birth or Expected Date of Birth must be provided (but not both)"
)
def one_birth_date(child: Child, context: Context) -> Iterator[Found]:
    """8525Q: a child has a date of birth or an expected date of birth, never both or
    neither."""
    if (child.PersonBirthDate is None) == (child.ExpectedPersonBirthDate is None):
        yield child, ("PersonBirthDate", "ExpectedPersonBirthDate")


def _expected_birth_range(context: Context) -> tuple[datetime.date, datetime.date]:
    reference = context.period_end
    return reference - datetime.timedelta(days=30), add_months(reference, 9)


@child_rule(
    "8530Q",
    "Please check and either amend data or provide a reason: Expected Date of Birth is outside "
    "the expected range for this census (March to December of the Census Year end)",
)
def expected_birth_in_range(child: Child, context: Context) -> Iterator[Found]:
    """8530Q: an expected date of birth falls strictly between 30 days before and 9 months
    after the reference date."""
    expected = child.ExpectedPersonBirthDate
    if expected is None:
        return
    earliest, latest = context.once(_expected_birth_range)
    if expected <= earliest or expected >= latest:
        yield child, ("ExpectedPersonBirthDate",)


@child_rule(
    "8535Q",
    "Please check and either amend data or provide a reason: Child’s date of death should not "
    "be prior to the date of birth",
    needs=Needs.DEATH,
)
def death_after_birth(child: Child, context: Context) -> Iterator[Found]:
    """8535Q: a child with a date of death has a date of birth on or before it."""
    died = child.PersonDeathDate
    if died is not None and (child.PersonBirthDate is None or child.PersonBirthDate > died):
        yield child, ("PersonDeathDate", "PersonBirthDate")


@child_rule(
    "8545Q",
    "Please check and either amend data or provide a reason: Child's date of death should be "
    "within the census year",
    needs=Needs.DEATH,
)
def death_in_census_year(child: Child, context: Context) -> Iterator[Found]:
    """8545Q: a date of death, where given, falls within the census year."""
    died = child.PersonDeathDate
    if died is not None and not context.in_period(died):
        yield child, ("PersonDeathDate",)


@child_rule("8590", "Child does not have a recorded CIN episode.")
def has_an_episode(child: Child, context: Context) -> Iterator[Found]:
    """8590: every child in the return has at least one CINdetails."""
    if not child.CINdetails:
        yield child, ("LAchildID",)


@child_rule("8750", "Sex must equal U for an unborn child")
def unborn_sex_is_u(child: Child, context: Context) -> Iterator[Found]:
    """8750: an unborn child (expected date of birth, no date of birth) has sex U."""
    if (
        child.PersonBirthDate is None
        and child.ExpectedPersonBirthDate is not None
        and child.Sex != "U"
    ):
        yield child, ("Sex", "PersonBirthDate", "ExpectedPersonBirthDate")


def _school_age_born_by(context: Context) -> datetime.date:
    # A child born on or before 31 August six years before the collection year's September is
    # of compulsory school age during the year (the validator's reading of "reference date
    # minus 4 years" for rule 8770Q).
    reference = context.period_end
    start_of_school_year = add_months(reference, 4) + datetime.timedelta(days=31)
    return add_years(start_of_school_year, -6)


@child_rule(
    "8770Q",
    "Please check and either amend data or provide a reason: UPN is missing or reason UPN is "
    "missing or is UN1 for a child who is of school age.",
)
def school_age_child_has_upn(child: Child, context: Context) -> Iterator[Found]:
    """8770Q: a child of school age with a referral that led to further action has a UPN, or
    a reason for not having one other than UN1 (not of school age)."""
    born = child.PersonBirthDate
    if born is None or child.UPN:
        return
    if born > context.once(_school_age_born_by):
        return
    if child.UPNunknown.upper() in SCHOOL_AGE_UPN_REASONS:
        return
    if any(is_false(details.ReferralNFA) for details in child.CINdetails):
        yield child, ("UPN", "UPNunknown")


@child_rule(
    "8772",
    "UPN unknown reason is UN7 (Referral with no further action) but at least one CIN details "
    "is a referral going on to further action",
)
def un7_only_for_nfa(child: Child, context: Context) -> Iterator[Found]:
    """8772: UN7 (referral with no further action) is the UPN-unknown reason only for a child
    whose every referral was NFA."""
    if child.UPNunknown != "UN7":
        return
    # A child with no CINdetails at all has no NFA referral to justify UN7, and the DfE-rule
    # validator reports it too (rule 8590 reports the missing episode).
    if not child.CINdetails or any(not is_true(d.ReferralNFA) for d in child.CINdetails):
        yield child, ("UPNunknown", "ReferralNFA")


def _twenty_five_years_before(context: Context) -> datetime.date:
    return add_years(context.period_end, -25)


@child_rule(
    "8775Q", "Please check and either amend data or provide a reason: Child is over 25 years old"
)
def not_over_25(child: Child, context: Context) -> Iterator[Found]:
    """8775Q: a child born more than 25 years before the reference date has no episode still
    open, or closed after their 25th birthday."""
    born = child.PersonBirthDate
    if born is None or born >= context.once(_twenty_five_years_before):
        return
    turned_25 = add_years(born, 25)
    for details in child.CINdetails:
        closed = details.CINclosureDate
        if closed is None or closed > turned_25:
            yield details, ("PersonBirthDate", "CINclosureDate")
