"""The CIN census as records, one class per element group of the DfE's XML.

Attribute names are the DfE's element names (`CINreferralDate`, not `referral_date`) so that a
rule reads like the published rule it implements, a failure can name the element it is about,
and the writer and reader need no table of names. Codes are kept as the text the census carries,
because validation must be able to see a code that is not on the list. Dates are `date`: the
reader refuses a file whose dates do not parse, rather than guessing (the DfE validator silently
turns them into blanks).

`source` says where a record came from in Casework (model and primary key), so a failure on the
live record can link to the page and field that fixes it. `line` is the line in an uploaded file.
Both are None where they do not apply.
"""

import datetime
from dataclasses import dataclass, field
from typing import ClassVar

Date = datetime.date | None


@dataclass(frozen=True, slots=True)
class Source:
    """The Casework record a census record was built from: `model` is the Django label
    ("assessments.Assessment"), `pk` its primary key as text."""

    model: str
    pk: str


@dataclass(slots=True)
class Header:
    Collection: str = "CIN"
    Year: str = ""
    ReferenceDate: Date = None
    SourceLevel: str = "L"
    LEA: str = ""
    SoftwareCode: str = ""
    Release: str = ""
    SerialNo: str = ""
    DateTime: str = ""
    line: int | None = None


@dataclass(slots=True)
class Assessment:
    ELEMENT: ClassVar[str] = "Assessments"
    AssessmentActualStartDate: Date = None
    AssessmentInternalReviewDate: Date = None
    AssessmentAuthorisationDate: Date = None
    # FactorsIdentifiedAtAssessment/AssessmentFactors, in the order recorded.
    AssessmentFactors: list[str] = field(default_factory=list)
    source: Source | None = None
    line: int | None = None


@dataclass(slots=True)
class CINPlan:
    ELEMENT: ClassVar[str] = "CINPlanDates"
    CINPlanStartDate: Date = None
    CINPlanEndDate: Date = None
    source: Source | None = None
    line: int | None = None


@dataclass(slots=True)
class Section47:
    ELEMENT: ClassVar[str] = "Section47"
    S47ActualStartDate: Date = None
    InitialCPCtarget: Date = None
    DateOfInitialCPC: Date = None
    ICPCnotRequired: str = ""  # "true", "false", "1" or "0"
    source: Source | None = None
    line: int | None = None


@dataclass(slots=True)
class Review:
    """One CPPreviewDate. A record of its own so that a failure can point at one review."""

    ELEMENT: ClassVar[str] = "CPPreviewDate"
    CPPreviewDate: Date = None
    source: Source | None = None
    line: int | None = None


@dataclass(slots=True)
class ChildProtectionPlan:
    ELEMENT: ClassVar[str] = "ChildProtectionPlans"
    CPPstartDate: Date = None
    CPPendDate: Date = None
    InitialCategoryOfAbuse: str = ""
    LatestCategoryOfAbuse: str = ""
    NumberOfPreviousCPP: str = ""  # text, so that a value that is not a number can be reported
    Reviews: list[Review] = field(default_factory=list)
    source: Source | None = None
    line: int | None = None


@dataclass(slots=True)
class PreProceedings:
    """The 2026-27 pre-proceedings and family group decision making block. The element names are
    those the DfE-rule validator's 2026-27 sample carries; the code values are not yet published
    (data-standards.md section 8), so they are carried as text."""

    ELEMENT: ClassVar[str] = "PreProceedingsandFGDM"
    PPStartDate: Date = None
    LBPSentDate: Date = None
    FGDMMeetingOffer: str = ""
    FGDMMeetingFac: str = ""
    InitialPPMeetingDate: Date = None
    ReviewMeetingsCount: str = ""
    StepDecisionDate: Date = None
    PPOutcome: str = ""
    CourtAppDate: Date = None
    LetterInitCPDate: Date = None
    source: Source | None = None
    line: int | None = None


@dataclass(slots=True)
class CINDetails:
    """One child in need episode: a referral, and what followed it."""

    ELEMENT: ClassVar[str] = "CINdetails"
    CINreferralDate: Date = None
    ReferralSource: str = ""
    PrimaryNeedCode: str = ""
    CINclosureDate: Date = None
    ReasonForClosure: str = ""
    DateOfInitialCPC: Date = None
    ReferralNFA: str = ""  # "true", "false", "1" or "0"
    Assessments: list[Assessment] = field(default_factory=list)
    CINPlanDates: list[CINPlan] = field(default_factory=list)
    Section47: list[Section47] = field(default_factory=list)
    ChildProtectionPlans: list[ChildProtectionPlan] = field(default_factory=list)
    PreProceedingsandFGDM: list[PreProceedings] = field(default_factory=list)
    source: Source | None = None
    line: int | None = None

    @property
    def nfa(self) -> bool:
        return is_true(self.ReferralNFA)


@dataclass(slots=True)
class Child:
    ELEMENT: ClassVar[str] = "Child"
    # ChildIdentifiers
    LAchildID: str = ""
    UPN: str = ""
    FormerUPN: str = ""
    UPNunknown: str = ""
    PersonBirthDate: Date = None
    ExpectedPersonBirthDate: Date = None
    Sex: str = ""
    PersonDeathDate: Date = None
    # ChildCharacteristics
    Ethnicity: str = ""
    Disabilities: list[str] = field(default_factory=list)
    CINdetails: list[CINDetails] = field(default_factory=list)
    source: Source | None = None
    line: int | None = None


TRUE_VALUES = frozenset({"true", "1"})
FALSE_VALUES = frozenset({"false", "0"})
YES_NO_VALUES = frozenset({"true", "false", "1", "0"})


def is_true(value: str) -> bool:
    """The census's yes/no fields allow true/false and 1/0, in any case."""
    return value.strip().lower() in TRUE_VALUES


def is_false(value: str) -> bool:
    """The census's "no": false or 0, in any case. A blank is neither yes nor no."""
    return value.strip().lower() in FALSE_VALUES


def yes_no(value: bool) -> str:
    return "true" if value else "false"
