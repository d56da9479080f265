"""The child protection trays show one page of each list, most overdue first, with the list's
count in its heading and GOV.UK pagination that keeps the other lists where they were; the API
pages the same lists, and both cost the same queries however long the lists are."""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from casework.accounts import services as account_services
from casework.protection.models import ChildProtectionPlan, Conference
from casework.protection.tests.factories import plans_with_reviews_due
from casework.testing.personas import Personas

NOW = datetime.datetime(2026, 3, 25, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _in_march() -> object:
    with time_machine.travel(NOW, tick=False):
        yield


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


def _api(user: object) -> Client:
    token = account_services.issue_token(user)  # type: ignore[arg-type]
    return Client(headers={"Authorization": f"Bearer {token}"})


def test_the_api_gives_the_first_25_of_each_list_with_its_count(personas: Personas) -> None:
    plans = plans_with_reviews_due(personas, 30)
    body = _api(personas.chair).get("/api/v1/protection/trays").json()
    assert [row["id"] for row in body["review_conferences_due"]] == [
        str(plan.pk) for plan in plans[:25]
    ]
    assert body["pages"]["review_conferences_due"] == {
        "count": 30,
        "page": 1,
        "pages": 2,
        "limit": 25,
        "next_page": 2,
    }
    assert body["pages"]["visits_overdue"]["count"] == 0
    assert body["pages"]["visits_overdue"]["next_page"] is None


@pytest.mark.parametrize("persona", ["chair", "manager", "worker"])
def test_paging_through_the_api_reaches_every_row_once_in_order(
    personas: Personas, persona: str
) -> None:
    # Pairs of plans share a due date, so a page boundary falls between two equal dates.
    plans = plans_with_reviews_due(personas, 30, same_day_in_pairs=True)
    api = _api(getattr(personas, persona))
    seen: list[str] = []
    page: int | None = 1
    while page is not None:
        body = api.get("/api/v1/protection/trays", {"reviews": page, "limit": 7}).json()
        seen += [row["id"] for row in body["review_conferences_due"]]
        assert len(body["core_groups_due"]) == 7  # the other lists stay on their first page
        page = body["pages"]["review_conferences_due"]["next_page"]
    assert len(seen) == 30
    assert set(seen) == {str(plan.pk) for plan in plans}
    # The plans were made most overdue first, so the dates seen must come in the same order.
    due = {
        str(pk): day for pk, day in ChildProtectionPlan.objects.values_list("pk", "next_review_due")
    }
    assert [due[plan_id] for plan_id in seen] == [due[str(plan.pk)] for plan in plans]


def test_the_api_gives_an_empty_list_past_the_last_page(personas: Personas) -> None:
    plans_with_reviews_due(personas, 30)
    body = _api(personas.chair).get("/api/v1/protection/trays?reviews=3").json()
    assert body["review_conferences_due"] == []
    assert body["pages"]["review_conferences_due"]["count"] == 30
    assert body["pages"]["review_conferences_due"]["next_page"] is None


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("reviews=abc", "reviews"),
        ("visits=0", "visits"),
        ("limit=0", "limit"),
        ("limit=101", "limit"),
    ],
)
def test_the_api_names_a_page_or_limit_it_cannot_give(
    personas: Personas, query: str, field: str
) -> None:
    response = _api(personas.chair).get(f"/api/v1/protection/trays?{query}")
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == [field]


def _leave_conferences_to_finalise(count: int) -> None:
    open_again = Conference.objects.exclude(finalised_at=None).values_list("pk", flat=True)[:count]
    Conference.objects.filter(pk__in=list(open_again)).update(
        finalised_at=None, decision="", participation=""
    )


@pytest.mark.parametrize("persona", ["chair", "manager"])
def test_the_api_costs_the_same_queries_for_30_and_60_rows(
    personas: Personas, persona: str
) -> None:
    api = _api(getattr(personas, persona))
    plans_with_reviews_due(personas, 30)
    # The manager's conferences to finalise are chaired by someone else, named in each row.
    _leave_conferences_to_finalise(3)
    api.get("/api/v1/protection/trays")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert api.get("/api/v1/protection/trays?limit=100").status_code == 200
        return len(captured)

    fewer = queries()
    plans_with_reviews_due(personas, 30)
    _leave_conferences_to_finalise(3)
    assert queries() == fewer
    body = api.get("/api/v1/protection/trays?limit=100").json()
    assert len(body["review_conferences_due"]) == 60
    assert {row["chair"] for row in body["conferences_to_finalise"]} == {"ian.chair"}
    assert body["pages"]["conferences_to_finalise"]["count"] == 6


def test_the_openapi_schema_describes_the_paging_of_the_trays(db: None) -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/protection/trays"]["get"]
    parameters = {p["name"]: p for p in operation["parameters"]}
    assert set(parameters) == {"limit", "initial", "finalise", "reviews", "core_groups", "visits"}
    assert parameters["limit"]["schema"]["maximum"] == 100
    assert "next_page" in operation["description"]
    pages = schema["components"]["schemas"]["TrayPageOut"]["properties"]
    assert set(pages) == {"count", "page", "pages", "limit", "next_page"}
