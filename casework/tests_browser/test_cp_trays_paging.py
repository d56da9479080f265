"""A chair pages through a long list on the child protection trays with the GOV.UK pagination
links, with and without JavaScript: each page is scanned by axe (the `site` fixture), the other
lists stay where they were, and the page numbers are links a keyboard can reach."""

import datetime

import pytest
import time_machine
from playwright.sync_api import Locator, Page, expect

from casework.protection.tests.factories import plans_with_reviews_due

NOW = datetime.datetime(2026, 3, 25, 10, 0, tzinfo=datetime.UTC)


def reviews(page: Page) -> Locator:
    return page.locator("#review-conferences-due + p + table")


def pagination(page: Page, name: str) -> Locator:
    return page.get_by_role("navigation", name=name)


@pytest.mark.parametrize("javascript", [True, False])
def test_a_chair_pages_through_the_reviews_due_and_back(
    site, page_for, personas, javascript: bool
) -> None:
    with time_machine.travel(NOW, tick=True):
        plans = plans_with_reviews_due(personas, 30)
        ian = page_for("ian.chair", javascript=javascript)
        site.visit(ian, "/protection/?core_groups=2")
        expect(ian.get_by_role("heading", name="Review conferences due (30)")).to_be_visible()
        expect(reviews(ian).locator("tbody tr")).to_have_count(25)
        expect(reviews(ian).locator("tbody tr").first).to_contain_text("1 February 2026")
        expect(ian.locator("#core-groups-due + p + table tbody tr")).to_have_count(5)

        site.follow(
            ian,
            pagination(ian, "Pages of review conferences due")
            .get_by_role("link", name="Next page")
            .click,
        )
        expect(reviews(ian).locator("tbody tr")).to_have_count(5)
        last = plans[-1].person.full_name
        expect(reviews(ian).get_by_role("link", name=last)).to_be_visible()
        # The core groups stayed on their second page.
        expect(ian.locator("#core-groups-due + p + table tbody tr")).to_have_count(5)
        current = pagination(ian, "Pages of review conferences due").locator("[aria-current=page]")
        expect(current).to_have_text("2")

        site.follow(
            ian,
            pagination(ian, "Pages of review conferences due")
            .get_by_role("link", name="Page 1")
            .click,
        )
        expect(reviews(ian).locator("tbody tr")).to_have_count(25)
        expect(ian.locator("#core-groups-due + p + table tbody tr")).to_have_count(5)
