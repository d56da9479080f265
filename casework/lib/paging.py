"""Which page of a list to show, given how many rows it holds.

Kept free of Django so that a page read from a query string and a page asked for through the API
follow the same arithmetic, and so the rules for a mistyped or stale page number can be tested on
their own.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    """Page `number` (from 1) of a list of `count` rows shown `size` at a time."""

    number: int
    size: int
    count: int

    @property
    def last(self) -> int:
        # An empty list still has one (empty) page, so "page 1 of 1" always makes sense.
        return max(1, -(-self.count // self.size))

    @property
    def start(self) -> int:
        return (self.number - 1) * self.size

    @property
    def stop(self) -> int:
        return self.start + self.size

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.last

    @property
    def has_other_pages(self) -> bool:
        return self.last > 1

    def numbers(self) -> list[int | None]:
        """The page numbers to offer, None marking a gap: the first and last pages, and the
        current page with its neighbours, as the GOV.UK pagination component asks."""
        wanted = {1, self.last, self.number - 1, self.number, self.number + 1}
        numbers: list[int | None] = []
        previous = 0
        for n in sorted(n for n in wanted if 1 <= n <= self.last):
            if n - previous == 2:
                # A gap of a single page is shown as that page: an ellipsis would hide nothing.
                numbers.append(n - 1)
            elif n - previous > 2:
                numbers.append(None)
            numbers.append(n)
            previous = n
        return numbers


def page_of(requested: object, count: int, size: int, *, past_end: bool = False) -> Page:
    """The page to show when `requested` was asked for, usually straight from a query string.

    Anything that is not a whole number gives page 1, and a number below 1 gives page 1. A number
    past the last page gives the last page, since a person following an old link wants the end of
    the list rather than nothing; with `past_end` it is kept, and its page is empty, so that a
    program reading page after page sees where the list stops.
    """
    if size < 1:
        raise ValueError("a page holds at least one row")
    try:
        number = int(str(requested).strip())
    except ValueError:
        number = 1
    number = max(1, number)
    if not past_end:
        number = min(number, Page(1, size, count).last)
    return Page(number, size, count)
