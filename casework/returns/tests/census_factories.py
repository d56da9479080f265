"""Census records for tests, built directly (no database): children that pass every DfE CIN
rule, ours and the DfE-rule validator's, for any census year we produce.

Every date is placed relative to the census year, on working days where a rule cares, so the
same children are valid for 2025, 2026 and 2027. `valid_children` is a small council covering
each part of the census (NFA referrals, assessments, CIN plans, section 47 enquiries,
conferences, child protection plans and their reviews, closures, deaths, unborn children,
episodes carried over from last year) and a few children placed exactly on the working-day
cut-offs the DfE counts, so that our counting is checked against the peer's.
"""

import datetime
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field

import holidays

from casework.lib.workdays import WorkingCalendar
from casework.returns.cin.records import (
    Assessment,
    Child,
    ChildProtectionPlan,
    CINDetails,
    CINPlan,
    Header,
    Review,
    Section47,
)
from casework.returns.cin.years import CensusYear, census_year

DAY = datetime.timedelta(days=1)


def england_calendar() -> WorkingCalendar:
    """England and Wales bank holidays from the `holidays` package, as `casework holidays`
    loads them into the database."""
    days = holidays.country_holidays("GB", subdiv="ENG", years=range(2018, 2031))
    return WorkingCalendar(days.keys())


_CALENDAR = england_calendar()


def upn_with_check_letter(body: str) -> str:
    """A UPN from its last twelve characters (the LA code and serial), with the check letter
    the DfE's weights give (written here independently of the rule under test)."""
    assert len(body) == 12, body
    assert body.isdigit(), body
    weighted = sum(int(digit) * weight for weight, digit in enumerate(body, start=2))
    return "ABCDEFGHJKLMNPQRTUVWXYZ"[weighted % 23] + body


_serials = itertools.count(10_000_001)


def next_upn(la_code: str = "201") -> str:
    """A valid, so far unused UPN (LA 201 is on the DfE's list)."""
    return upn_with_check_letter(f"{la_code}{next(_serials):08d}9")


@dataclass
class Dates:
    """Dates within one census year: `day(n)` is n days after 1 April, `working(n)` the first
    working day on or after it."""

    year: CensusYear
    calendar: WorkingCalendar = field(default_factory=lambda: _CALENDAR)

    @property
    def start(self) -> datetime.date:
        return self.year.start

    @property
    def end(self) -> datetime.date:
        return self.year.end

    def day(self, offset: int) -> datetime.date:
        return self.year.start + offset * DAY

    def working(self, offset: int) -> datetime.date:
        return self.calendar.next_working_day(self.day(offset))

    def after(self, day: datetime.date, working_days: int) -> datetime.date:
        return self.calendar.add_working_days(day, working_days)

    def before_end(self, working_days: int) -> datetime.date:
        """The working day `working_days` working days before the reference date."""
        day, remaining = self.end, working_days
        while remaining:
            day -= DAY
            if self.calendar.is_working_day(day):
                remaining -= 1
        return day

    def conference_target(self, s47_start: datetime.date) -> datetime.date:
        """The ICPC target as the DfE counts 15 working days (start day = day 1)."""
        return self.calendar.add_working_days_inclusive(s47_start, 15)


def header(year: CensusYear) -> Header:
    return Header(
        Collection="CIN",
        Year=str(year.year),
        ReferenceDate=year.reference_date,
        SourceLevel="L",
        LEA="201",
        SoftwareCode="Casework",
        Release="1.0",
        SerialNo="001",
        DateTime=f"{year.year}-04-02T09:00:00",
    )


def child(la_id: str, *details: CINDetails, **fields: object) -> Child:
    """A school-age child with a UPN and the given episodes; `fields` override the rest."""
    values: dict[str, object] = {
        "LAchildID": la_id,
        "UPN": next_upn(),
        "PersonBirthDate": datetime.date(2014, 9, 12),
        "Sex": "F",
        "Ethnicity": "WBRI",
        "Disabilities": ["NONE"],
        "CINdetails": list(details),
    }
    values.update(fields)
    return Child(**values)  # type: ignore[arg-type]


def episode(referred: datetime.date, **fields: object) -> CINDetails:
    """An episode that led to further action, referred by a school."""
    values: dict[str, object] = {
        "CINreferralDate": referred,
        "ReferralSource": "2A",
        "PrimaryNeedCode": "N1",
        "ReferralNFA": "false",
    }
    values.update(fields)
    return CINDetails(**values)  # type: ignore[arg-type]


def assessment(
    started: datetime.date,
    authorised: datetime.date | None,
    factors: list[str] | None = None,
) -> Assessment:
    return Assessment(
        AssessmentActualStartDate=started,
        AssessmentAuthorisationDate=authorised,
        AssessmentFactors=(factors if factors is not None else ["3A", "4B"]) if authorised else [],
    )


def enquiry_with_conference(d: Dates, started: datetime.date) -> Section47:
    """A section 47 enquiry whose initial conference is held the working day before its
    target date."""
    target = d.conference_target(started)
    held = target
    while True:
        held -= DAY
        if d.calendar.is_working_day(held):
            break
    return Section47(
        S47ActualStartDate=started,
        InitialCPCtarget=target,
        DateOfInitialCPC=held,
        ICPCnotRequired="false",
    )


def cp_plan(
    d: Dates,
    starts: datetime.date,
    ends: datetime.date | None = None,
    reviews: tuple[int, ...] = (90, 180),
) -> ChildProtectionPlan:
    """A plan with reviews `reviews` days (moved to working days) after it started, keeping
    only those up to its end and the reference date."""
    last = min(ends or d.end, d.end)
    review_dates = [d.calendar.next_working_day(starts + n * DAY) for n in reviews]
    return ChildProtectionPlan(
        CPPstartDate=starts,
        CPPendDate=ends,
        InitialCategoryOfAbuse="NEG",
        LatestCategoryOfAbuse="EMO",
        NumberOfPreviousCPP="0",
        Reviews=[Review(day) for day in review_dates if starts < day <= last],
    )


# --- The scenarios: one child each, valid on its own ------------------------------------------


def nfa_referral(d: Dates, la_id: str) -> Child:
    """A referral with no further action."""
    return child(
        la_id,
        episode(d.working(20), ReferralNFA="true", ReferralSource="1A", PrimaryNeedCode=""),
        UPN="",
        UPNunknown="UN7",
        PersonBirthDate=datetime.date(2015, 3, 14),
    )


def closed_after_assessment(d: Dates, la_id: str) -> Child:
    """Assessed, no factors found, closed after assessment (RC8)."""
    referred = d.working(30)
    started = d.after(referred, 2)
    authorised = d.after(started, 20)
    return child(
        la_id,
        episode(
            referred,
            PrimaryNeedCode="N4",
            CINclosureDate=d.after(authorised, 3),
            ReasonForClosure="RC8",
            Assessments=[assessment(started, authorised, ["21"])],
        ),
        Sex="M",
        PersonBirthDate=datetime.date(2012, 1, 30),
    )


def open_cin_plan(d: Dates, la_id: str) -> Child:
    """Assessed, with a CIN plan still open at the reference date."""
    referred = d.working(40)
    started = d.after(referred, 1)
    authorised = d.after(started, 30)
    return child(
        la_id,
        episode(
            referred,
            Assessments=[assessment(started, authorised, ["3A", "4B"])],
            CINPlanDates=[CINPlan(CINPlanStartDate=d.after(authorised, 2))],
        ),
        PersonBirthDate=datetime.date(2018, 7, 1),
        Disabilities=["MOB", "HAND"],
        Ethnicity="MWBC",
    )


def open_cp_plan(d: Dates, la_id: str) -> Child:
    """Section 47 enquiry, initial conference, child protection plan still open."""
    referred = d.working(60)
    s47 = enquiry_with_conference(d, d.after(referred, 2))
    assert s47.DateOfInitialCPC is not None
    started = d.after(referred, 1)
    return child(
        la_id,
        episode(
            referred,
            ReferralSource="6",
            Assessments=[assessment(started, d.after(started, 25), ["16A", "3C"])],
            Section47=[s47],
            ChildProtectionPlans=[cp_plan(d, s47.DateOfInitialCPC)],
        ),
        Sex="M",
        PersonBirthDate=datetime.date(2016, 11, 3),
        Disabilities=["PC"],
        Ethnicity="BAFR",
    )


def cp_plan_then_cin_plan(d: Dates, la_id: str) -> Child:
    """A child protection plan that ended, followed on the same day by a CIN plan."""
    referred = d.working(10)
    s47 = enquiry_with_conference(d, d.after(referred, 1))
    assert s47.DateOfInitialCPC is not None
    plan_ended = d.calendar.next_working_day(s47.DateOfInitialCPC + 150 * DAY)
    started = d.after(referred, 1)
    return child(
        la_id,
        episode(
            referred,
            ReferralSource="3A",
            PrimaryNeedCode="N3",
            Assessments=[assessment(started, d.after(started, 20), ["1B"])],
            Section47=[s47],
            ChildProtectionPlans=[cp_plan(d, s47.DateOfInitialCPC, plan_ended, reviews=(60,))],
            CINPlanDates=[CINPlan(CINPlanStartDate=plan_ended)],
        ),
        PersonBirthDate=datetime.date(2011, 5, 20),
        Disabilities=["INC", "COMM"],
        Ethnicity="APKN",
    )


def unborn(d: Dates, la_id: str) -> Child:
    """A referral before birth, assessment under way at the reference date."""
    referred = d.before_end(28)
    return child(
        la_id,
        episode(
            referred,
            ReferralSource="3B",
            Assessments=[assessment(d.after(referred, 1), None)],
        ),
        UPN="",
        UPNunknown="",
        PersonBirthDate=None,
        ExpectedPersonBirthDate=datetime.date(d.end.year, 6, 15),
        Sex="U",
        Disabilities=[],
        Ethnicity="WIRI",
    )


def closed_after_cin_plan(d: Dates, la_id: str) -> Child:
    """A CIN plan that ended, and the episode closed after it (RC7)."""
    referred = d.working(15)
    started = d.after(referred, 1)
    authorised = d.after(started, 20)
    plan_starts = d.after(authorised, 1)
    plan_ends = d.calendar.next_working_day(plan_starts + 100 * DAY)
    return child(
        la_id,
        episode(
            referred,
            PrimaryNeedCode="N5",
            CINclosureDate=d.after(plan_ends, 2),
            ReasonForClosure="RC7",
            Assessments=[assessment(started, authorised, ["2B"])],
            CINPlanDates=[CINPlan(CINPlanStartDate=plan_starts, CINPlanEndDate=plan_ends)],
        ),
        PersonBirthDate=datetime.date(2010, 2, 2),
        Disabilities=["LD"],
        Ethnicity="CHNE",
    )


def two_episodes(d: Dates, la_id: str) -> Child:
    """An episode closed after assessment, then a new referral with a CIN plan."""
    first_referred = d.working(5)
    first_started = d.after(first_referred, 1)
    first_authorised = d.after(first_started, 15)
    first_closed = d.after(first_authorised, 1)
    referred = d.calendar.next_working_day(first_closed + 30 * DAY)
    started = d.after(referred, 1)
    authorised = d.after(started, 20)
    return child(
        la_id,
        episode(
            first_referred,
            PrimaryNeedCode="N5",
            CINclosureDate=first_closed,
            ReasonForClosure="RC8",
            Assessments=[assessment(first_started, first_authorised, ["21"])],
        ),
        episode(
            referred,
            ReferralSource="5D",
            Assessments=[assessment(started, authorised, ["5A"])],
            CINPlanDates=[CINPlan(CINPlanStartDate=d.after(authorised, 1))],
        ),
        Sex="M",
        Disabilities=["HEAR"],
        Ethnicity="WOTH",
    )


def conference_not_required(d: Dates, la_id: str) -> Child:
    """A section 47 enquiry that needed no conference; the episode then closed (RC7)."""
    referred = d.working(100)
    started = d.after(referred, 1)
    authorised = d.after(started, 20)
    return child(
        la_id,
        episode(
            referred,
            ReferralSource="1D",
            CINclosureDate=d.after(authorised, 5),
            ReasonForClosure="RC7",
            Assessments=[assessment(started, authorised, ["4A"])],
            Section47=[Section47(S47ActualStartDate=d.after(referred, 1), ICPCnotRequired="true")],
        ),
        Disabilities=["VIS"],
        Ethnicity="BCRB",
    )


def died(d: Dates, la_id: str) -> Child:
    """A child who died during the year; the episode closed that day (RC2)."""
    referred = d.working(150)
    started = d.after(referred, 1)
    died_on = d.working(200)
    return child(
        la_id,
        episode(
            referred,
            CINclosureDate=died_on,
            ReasonForClosure="RC2",
            Assessments=[assessment(started, d.after(started, 10), ["6A"])],
        ),
        PersonBirthDate=datetime.date(2019, 5, 5),
        PersonDeathDate=died_on,
        Disabilities=["BEH"],
    )


def carried_over(d: Dates, la_id: str) -> Child:
    """Referred last year, assessed then (so the assessment is not in this census), with a
    CIN plan running since before the year began."""
    last_year = d.start.year
    return child(
        la_id,
        episode(
            d.calendar.next_working_day(datetime.date(last_year, 1, 15)),
            ReferralSource="5A",
            PrimaryNeedCode="N2",
            CINPlanDates=[
                CINPlan(
                    CINPlanStartDate=d.calendar.next_working_day(datetime.date(last_year, 2, 3))
                )
            ],
        ),
        FormerUPN=next_upn("202"),
        Disabilities=["AUT", "CON"],
        Ethnicity="AOTH",
    )


def conference_without_plan(d: Dates, la_id: str) -> Child:
    """A conference that decided against a child protection plan; a CIN plan instead."""
    referred = d.working(120)
    s47 = enquiry_with_conference(d, d.after(referred, 2))
    assert s47.DateOfInitialCPC is not None
    started = d.after(referred, 1)
    return child(
        la_id,
        episode(
            referred,
            Assessments=[assessment(started, d.after(started, 30), ["17A"])],
            Section47=[s47],
            CINPlanDates=[CINPlan(CINPlanStartDate=d.after(s47.DateOfInitialCPC, 1))],
        ),
        Disabilities=["DDA"],
        Ethnicity="OOTH",
    )


def conference_on_episode(d: Dates, la_id: str) -> Child:
    """A child protection plan whose initial conference is recorded on the episode, not on a
    section 47 enquiry (allowed; rule 2885's second reading)."""
    referred = d.working(45)
    conference = d.after(referred, 10)
    started = d.after(referred, 1)
    return child(
        la_id,
        episode(
            referred,
            DateOfInitialCPC=conference,
            Assessments=[assessment(started, d.after(started, 20), ["10A"])],
            ChildProtectionPlans=[cp_plan(d, conference)],
        ),
        Sex="M",
        Disabilities=["NONE"],
        Ethnicity="ABAN",
    )


def assessment_at_cut_off(d: Dates, la_id: str) -> Child:
    """An assessment still open that started exactly 45 working days before the reference
    date, counting its start day as day 1: the last day the DfE does not query."""
    started = d.before_end(44)
    return child(
        la_id,
        episode(started, Assessments=[assessment(started, None)]),
        Ethnicity="WROM",
    )


def enquiry_at_cut_off(d: Dates, la_id: str) -> Child:
    """A section 47 enquiry awaiting its conference that started exactly 15 working days
    before the reference date (start day = day 1): the last day the DfE does not query."""
    started = d.before_end(14)
    referred = d.before_end(20)
    return child(
        la_id,
        episode(
            referred,
            Assessments=[assessment(d.after(referred, 1), None)],
            Section47=[
                Section47(
                    S47ActualStartDate=started,
                    InitialCPCtarget=d.conference_target(started),
                    ICPCnotRequired="false",
                )
            ],
        ),
        Sex="M",
        Ethnicity="MOTH",
    )


SCENARIOS = (
    nfa_referral,
    closed_after_assessment,
    open_cin_plan,
    open_cp_plan,
    cp_plan_then_cin_plan,
    unborn,
    closed_after_cin_plan,
    two_episodes,
    conference_not_required,
    died,
    carried_over,
    conference_without_plan,
    conference_on_episode,
    assessment_at_cut_off,
    enquiry_at_cut_off,
)
# The DfE-rule validator queries (2887Q) any return with fewer than eight children recorded as
# having no disability, so the council includes enough of them.
_NFA_FILLERS = 8


def valid_children(
    year: int | CensusYear, prefix: str = "V", fillers: int = _NFA_FILLERS
) -> list[Child]:
    """A small council whose census passes every rule: one child per scenario, and `fillers`
    more NFA referrals."""
    d = Dates(year if isinstance(year, CensusYear) else census_year(year))
    children = [build(d, f"{prefix}{n:02d}") for n, build in enumerate(SCENARIOS, start=1)]
    start = len(children) + 1
    children += [nfa_referral(d, f"{prefix}{n:02d}") for n in range(start, start + fillers)]
    return children


def many_children(year: int | CensusYear, count: int) -> Iterator[Child]:
    """`count` valid children, the scenarios in turn, each with its own id and UPN: the
    synthetic file the benchmarks and the peer's timing use."""
    d = Dates(year if isinstance(year, CensusYear) else census_year(year))
    for n in range(count):
        build = SCENARIOS[n % len(SCENARIOS)]
        yield build(d, f"C{n:07d}")
