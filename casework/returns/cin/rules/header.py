"""Rules on the census header."""

import datetime
from collections.abc import Iterator

from casework.returns.cin.validation import Context, Found, header_rule


@header_rule("100", "Reference Date is incorrect")
def reference_date_is_31_march(context: Context) -> Iterator[Found]:
    """100: the reference date is 31 March of the header's collection year, and that is the
    census being validated."""
    header = context.header
    expected = context.year.reference_date
    year = header.Year.strip()
    # The DfE-rule validator compares the reference date with the header's own Year; we also
    # compare it with the census the file is being checked as, so a 2025 file checked as 2026
    # is reported rather than judged by the wrong year's period.
    written_for = (
        datetime.date(int(year), 3, 31)
        if year.isascii() and year.isdigit() and len(year) == 4
        else None
    )
    if header.ReferenceDate is None or header.ReferenceDate != expected or written_for != expected:
        yield header, ("ReferenceDate", "Year")
