"""Rules on the census header."""

from collections.abc import Iterator

from casework.returns.cin.validation import Context, Found, header_rule


@header_rule("100", "Reference Date is incorrect")
def reference_date_is_31_march(context: Context) -> Iterator[Found]:
    """The reference date is 31 March of the collection year (rule 100)."""
    header = context.header
    if header.ReferenceDate != context.year.reference_date:
        yield header, ("ReferenceDate",)
