"""Which census a year names, and what changes between years.

A census is named by the year its collection ends: 2026 is the 2025-26 census, reporting
1 April 2025 to 31 March 2026 with reference date 31 March 2026 (DfE CIN census guide; the
DfE-rule validator's `get_year_ruleset("2026")` is `cin2025_26`).
"""

import datetime
from dataclasses import dataclass

from casework.common.errors import RuleBroken

# 2024-25 replaced GenderCurrent (1/2/0/9) with Sex (M/F/U); 2026-27 added the pre-proceedings
# and family group decision making block. Earlier layouts are not produced.
FIRST_YEAR = 2025
LAST_YEAR = 2027


@dataclass(frozen=True, slots=True)
class CensusYear:
    year: int

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year - 1, 4, 1)

    @property
    def end(self) -> datetime.date:
        return datetime.date(self.year, 3, 31)

    @property
    def reference_date(self) -> datetime.date:
        return self.end

    @property
    def label(self) -> str:
        """ "2025-26", as the DfE names a collection."""
        return f"{self.year - 1}-{self.year % 100:02d}"

    @property
    def ruleset(self) -> str:
        """The DfE-rule validator's name for this year's rules ("cin2025_26")."""
        return f"cin{self.year - 1}_{self.year % 100:02d}"

    @property
    def has_pre_proceedings(self) -> bool:
        return self.year >= 2027

    def __str__(self) -> str:
        return self.label


def census_year(year: int | str) -> CensusYear:
    """The census for `year`, or RuleBroken naming the `year` field."""
    try:
        number = int(year)
    except (TypeError, ValueError):
        raise RuleBroken("year", "Enter the census year as four digits, for example 2026") from None
    if not FIRST_YEAR <= number <= LAST_YEAR:
        raise RuleBroken(
            "year",
            f"Casework produces the census for {FIRST_YEAR} to {LAST_YEAR} "
            f"(the {CensusYear(FIRST_YEAR).label} to {CensusYear(LAST_YEAR).label} collections)",
        )
    return CensusYear(number)
