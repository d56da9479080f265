"""Rules on the return as a whole (the DfE's "LA-level" rules): each counts across every child
and reports the council's return, not a child."""

from collections.abc import Iterable

from casework.returns.cin.records import Child
from casework.returns.cin.rules.characteristics import DISABILITY_CODES
from casework.returns.cin.validation import Context, FileRule, RuleInfo, file_rule

LaLevel = Iterable[tuple[Child | None, object, tuple[str, ...]]]


@file_rule
class ConferencesForPlans(FileRule):
    """2883: no more child protection plans start in the census year than initial
    conferences are held in it (counting conferences recorded on section 47 enquiries and on
    episodes)."""

    info = RuleInfo(
        "2883",
        "There are more child protection plans starting than initial conferences taking place",
    )

    def __init__(self) -> None:
        self.plans = 0
        self.conferences = 0

    def observe(self, child: Child, context: Context) -> None:
        in_period = context.in_period
        for details in child.CINdetails:
            if details.DateOfInitialCPC is not None and in_period(details.DateOfInitialCPC):
                self.conferences += 1
            for s47 in details.Section47:
                if s47.DateOfInitialCPC is not None and in_period(s47.DateOfInitialCPC):
                    self.conferences += 1
            for plan in details.ChildProtectionPlans:
                if plan.CPPstartDate is not None and in_period(plan.CPPstartDate):
                    self.plans += 1

    def finish(self, context: Context) -> LaLevel:
        if self.plans > self.conferences:
            yield None, None, ("CPPstartDate", "DateOfInitialCPC")


@file_rule
class SexRecorded(FileRule):
    """2886Q: no more than 2% of the children born have no sex recorded (missing, or U, which
    is meant for an unborn child)."""

    info = RuleInfo(
        "2886Q",
        "Please check and either amend or provide a reason: Percentage of children with no sex "
        "recorded is more than 2% (excluding unborns)",
    )

    def __init__(self) -> None:
        self.children = 0
        self.unrecorded = 0

    def observe(self, child: Child, context: Context) -> None:
        self.children += 1
        if child.Sex in {"", "U"} and child.ExpectedPersonBirthDate is None:
            self.unrecorded += 1

    def finish(self, context: Context) -> LaLevel:
        if self.children and self.unrecorded / self.children > 0.02:
            yield None, None, ("Sex",)


# "Less than 8": the DfE's threshold for the number of different disability codes a council's
# return should use.
_DISABILITY_CODES_EXPECTED = 8


@file_rule
class DisabilityCodesUsed(FileRule):
    """2887Q: the return uses at least 8 different disability codes (NONE aside).

    DfE-rule validator bug (dfe-validators.md section 9): it counts the children recorded as
    NONE instead of the codes used, so it queries every return with fewer than 8 such children
    and no large one. We follow the published rule.
    """

    info = RuleInfo(
        "2887Q",
        "Please check and either amend or provide a reason: Less than 8 disability codes have "
        "been used in your return",
    )

    def __init__(self) -> None:
        self.used: set[str] = set()

    def observe(self, child: Child, context: Context) -> None:
        self.used.update(child.Disabilities)

    def finish(self, context: Context) -> LaLevel:
        codes = (self.used & DISABILITY_CODES) - {"NONE"}
        if len(codes) < _DISABILITY_CODES_EXPECTED:
            yield None, None, ("Disability",)


@file_rule
class SeveralDisabilitiesRecorded(FileRule):
    """2888Q: where children have disabilities recorded, at least one child has more than
    one, since a return where nobody has two suggests only the main one is being recorded."""

    info = RuleInfo(
        "2888Q",
        "Please check and either amend or provide a reason: Only one disability code is "
        "recorded per child and multiple disabilities should be recorded where possible.",
    )

    def __init__(self) -> None:
        self.with_one = False
        self.with_several = False

    def observe(self, child: Child, context: Context) -> None:
        if self.with_several:
            return
        disabilities = [code for code in child.Disabilities if code and code != "NONE"]
        if len(disabilities) > 1:
            self.with_several = True
        elif disabilities:
            self.with_one = True

    def finish(self, context: Context) -> LaLevel:
        if self.with_one and not self.with_several:
            yield None, None, ("Disability",)
