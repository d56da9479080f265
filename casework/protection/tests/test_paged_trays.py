"""The child protection trays show one page of each list, most overdue first, with the list's
count in its heading and GOV.UK pagination that keeps the other lists where they were, in the
same queries however long the lists are."""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from casework.protection.models import ChildProtectionPlan
from casework.protection.tests.factories import cp_history
from casework.testing.factories import AllocationFactory, PersonFactory
from casework.testing.personas import Personas

NOW = datetime.datetime(2026, 3, 25, 12, 0, tzinfo=datetime.UTC)
FIRST_DUE = datetime.date(2026, 2, 1)


@pytest.fixture(autouse=True)
def _in_march() -> object:
    with time_machine.travel(NOW, tick=False):
        yield


def plans_with_reviews_due(
    personas: Personas, count: int, *, same_day_in_pairs: bool = False
) -> list[ChildProtectionPlan]:
    """`count` plans in Team A with a review due, the first most overdue. Every one also has a
    core group due on 30 March, so that list runs to the same length."""
    plans = []
    for n in range(count):
        child = PersonFactory()
        AllocationFactory(person=child, team=personas.team_a, worker=personas.worker)
        plan = cp_history(child, personas.team_a, personas.worker, personas.chair).plan
        due = FIRST_DUE + datetime.timedelta(days=n // 2 if same_day_in_pairs else n)
        ChildProtectionPlan.objects.filter(pk=plan.pk).update(next_review_due=due)
        plans.append(plan)
    return plans


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def section(page: str, heading_id: str) -> str:
    """The part of the page from a list's heading to the next list's heading."""
    start = page.index(f'id="{heading_id}"')
    following = page.find('<h2 class="govuk-heading-m"', start)
    return page[start : following if following != -1 else len(page)]


def plan_links(html: str) -> list[str]:
    return re.findall(r'href="(/people/[^"]+/protection/plans/[^"]+/)"', html)


def reviews_on(client: Client, query: str = "") -> list[str]:
    page = client.get(f"/protection/{query}").content.decode()
    return plan_links(section(page, "review-conferences-due"))


def test_a_chair_sees_the_25_most_overdue_reviews_with_the_count_of_all_30(
    personas: Personas,
) -> None:
    plans = plans_with_reviews_due(personas, 30)
    page = signed_in(personas.chair).get("/protection/").content.decode()
    reviews = section(page, "review-conferences-due")
    assert "Review conferences due (30)" in reviews
    assert plan_links(reviews) == [plan.get_absolute_url() for plan in plans[:25]]
    assert "1 February 2026" in reviews.split("</tr>")[1]  # the most overdue, in the first row
    assert 'class="govuk-pagination"' in reviews
    assert 'aria-label="Pages of review conferences due"' in reviews
    assert 'href="/protection/?reviews=2#review-conferences-due" rel="next"' in reviews
    assert "page 1 of 2" in reviews


def test_the_second_page_shows_the_remaining_five_reviews(personas: Personas) -> None:
    plans = plans_with_reviews_due(personas, 30)
    page = signed_in(personas.chair).get("/protection/?reviews=2").content.decode()
    reviews = section(page, "review-conferences-due")
    assert "Review conferences due (30)" in reviews
    assert plan_links(reviews) == [plan.get_absolute_url() for plan in plans[25:]]
    assert 'href="/protection/#review-conferences-due" rel="prev"' in reviews
    assert 'aria-current="page">2</a>' in reviews
    assert 'rel="next"' not in reviews


def test_paging_one_list_keeps_the_page_of_the_others(personas: Personas) -> None:
    plans_with_reviews_due(personas, 30)
    page = signed_in(personas.chair).get("/protection/?core_groups=2").content.decode()
    reviews = section(page, "review-conferences-due")
    core_groups = section(page, "core-groups-due")
    assert len(plan_links(reviews)) == 25
    assert len(plan_links(core_groups)) == 5
    assert "Core groups due (30)" in core_groups
    assert 'href="/protection/?core_groups=2&amp;reviews=2#review-conferences-due"' in reviews

    both = signed_in(personas.chair).get("/protection/?core_groups=2&reviews=2").content.decode()
    assert len(plan_links(section(both, "review-conferences-due"))) == 5
    assert len(plan_links(section(both, "core-groups-due"))) == 5
    assert 'href="/protection/?reviews=2#core-groups-due" rel="prev"' in both


@pytest.mark.parametrize(
    ("requested", "expected_page"),
    [("abc", 1), ("", 1), ("0", 1), ("-3", 1), ("2.5", 1), ("1e9", 1), ("3", 2), ("99999999", 2)],
)
def test_a_page_that_is_not_there_gives_the_first_or_last_page(
    personas: Personas, requested: str, expected_page: int
) -> None:
    plans = plans_with_reviews_due(personas, 30)
    client = signed_in(personas.chair)
    response = client.get("/protection/", {"reviews": requested, "visits": requested})
    assert response.status_code == 200
    expected = plans[:25] if expected_page == 1 else plans[25:]
    reviews = plan_links(section(response.content.decode(), "review-conferences-due"))
    assert reviews == [plan.get_absolute_url() for plan in expected]


def test_a_list_that_fits_on_one_page_has_no_pagination(personas: Personas) -> None:
    plans_with_reviews_due(personas, 3)
    page = signed_in(personas.worker).get("/protection/?reviews=4").content.decode()
    assert "Review conferences due (3)" in page
    assert "govuk-pagination" not in page
    assert "Visits overdue (0)" in page


@pytest.mark.parametrize("persona", ["chair", "manager", "worker"])
def test_the_trays_cost_the_same_queries_for_30_and_60_rows(
    personas: Personas, persona: str
) -> None:
    client = signed_in(getattr(personas, persona))
    plans_with_reviews_due(personas, 30)
    client.get("/protection/")

    def queries(query: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/protection/{query}").status_code == 200
        return len(captured)

    fewer = {query: queries(query) for query in ("", "?reviews=2&core_groups=2")}
    plans_with_reviews_due(personas, 30)
    assert {query: queries(query) for query in fewer} == fewer
    assert "Review conferences due (60)" in client.get("/protection/").content.decode()
