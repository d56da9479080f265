import pytest
from hypothesis import given
from hypothesis import strategies as st

from casework.lib.paging import Page, page_of


def test_a_page_covers_its_slice_of_the_list() -> None:
    page = page_of("2", count=30, size=25)
    assert (page.number, page.last, page.start, page.stop) == (2, 2, 25, 50)
    assert page.has_previous
    assert not page.has_next


@pytest.mark.parametrize("requested", [None, "", "two", "2.5", "1e3", "-", "0", "-4", "9" * 5000])
def test_a_page_that_is_not_a_whole_number_from_one_gives_page_one(requested: object) -> None:
    assert page_of(requested, count=100, size=25).number == 1


def test_a_page_past_the_end_gives_the_last_page() -> None:
    assert page_of("99", count=60, size=25).number == 3
    assert page_of(" 3 ", count=60, size=25).number == 3


def test_a_program_asking_past_the_end_gets_an_empty_page() -> None:
    page = page_of(4, count=60, size=25, past_end=True)
    assert page.number == 4
    assert page.start >= page.count
    assert not page.has_next


def test_an_empty_list_has_one_empty_page() -> None:
    page = page_of("3", count=0, size=25)
    assert (page.number, page.last, page.has_other_pages) == (1, 1, False)


def test_the_numbers_offered_are_the_ends_and_the_neighbours_of_the_current_page() -> None:
    assert Page(1, 25, 25).numbers() == [1]
    assert Page(1, 25, 100).numbers() == [1, 2, 3, 4]
    assert Page(5, 10, 100).numbers() == [1, None, 4, 5, 6, None, 10]
    # A gap of one page shows that page rather than an ellipsis.
    assert Page(4, 10, 100).numbers() == [1, 2, 3, 4, 5, None, 10]


@given(
    count=st.integers(min_value=0, max_value=10_000),
    size=st.integers(min_value=1, max_value=200),
    requested=st.one_of(st.integers(), st.text(max_size=6), st.none()),
)
def test_paging_from_page_one_reaches_every_row_once(
    count: int, size: int, requested: object
) -> None:
    chosen = page_of(requested, count, size)
    assert 1 <= chosen.number <= chosen.last
    assert chosen.number in chosen.numbers()
    seen = 0
    page = page_of(1, count, size)
    while True:
        seen += min(page.stop, count) - page.start
        if not page.has_next:
            break
        page = page_of(page.number + 1, count, size)
    assert seen == count
