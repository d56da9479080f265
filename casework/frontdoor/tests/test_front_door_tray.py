"""The front-door tray: counts at the top, the contacts waiting, what is late, in a fixed number
of queries."""

import datetime

import pytest
import time_machine
from django.test import Client

from casework.frontdoor.models import Contact
from casework.frontdoor.tests.factories import (
    ContactFactory,
    ContactSubjectFactory,
    ServiceFactory,
    contact_about,
)
from casework.testing.factories import PersonFactory
from casework.testing.personas import Personas

TODAY = datetime.date(2026, 3, 4)
NOON = datetime.datetime(2026, 3, 4, 12, 0, tzinfo=datetime.UTC)


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def a_day_at_the_front_door(personas: Personas) -> dict[str, Contact]:
    return {
        "waiting": contact_about(
            PersonFactory(given_name="Wren"), decision_due=TODAY.replace(day=5)
        ),
        "due_today": contact_about(
            PersonFactory(given_name="Tia"),
            status=Contact.Status.AWAITING_DECISION,
            decision_due=TODAY,
        ),
        "overdue": contact_about(
            PersonFactory(given_name="Otto"), decision_due=TODAY.replace(day=2)
        ),
        "decided": contact_about(
            PersonFactory(given_name="Dee"),
            status=Contact.Status.DECIDED,
            outcome=Contact.Outcome.NO_FURTHER_ACTION,
            decided_at=NOON,
            decision_due=TODAY.replace(day=2),
        ),
    }


@time_machine.travel(NOON, tick=False)
def test_the_counts_say_what_is_waiting_and_what_is_late(personas: Personas) -> None:
    a_day_at_the_front_door(personas)
    response = signed_in(personas.frontdoor).get("/front-door/")
    assert response.status_code == 200
    counts = response.context["counts"]
    assert (counts.awaiting_checks, counts.awaiting_decision) == (2, 1)
    assert (counts.due_today, counts.overdue) == (1, 1)


@time_machine.travel(NOON, tick=False)
def test_open_contacts_are_listed_soonest_due_first_with_overdue_in_red(
    personas: Personas,
) -> None:
    a_day_at_the_front_door(personas)
    response = signed_in(personas.frontdoor).get("/front-door/")
    page = response.content.decode()
    assert [c.subjects.get().person.given_name for c in response.context["page"]] == [
        "Otto",
        "Tia",
        "Wren",
    ]
    assert '<strong class="govuk-tag govuk-tag--red">Overdue</strong>' in page
    assert "Due today" in page
    assert "Dee" not in page


@time_machine.travel(NOON, tick=False)
@pytest.mark.parametrize(
    ("show", "names"),
    [
        ("awaiting_checks", {"Wren", "Otto"}),
        ("awaiting_decision", {"Tia"}),
        ("due_today", {"Tia"}),
        ("overdue", {"Otto"}),
        ("decided", {"Dee"}),
        ("mine", {"Tia"}),
    ],
)
def test_each_view_of_the_tray_shows_its_contacts(
    personas: Personas, show: str, names: set[str]
) -> None:
    a_day_at_the_front_door(personas)
    response = signed_in(personas.manager).get(f"/front-door/?show={show}")
    shown = {c.subjects.get().person.given_name for c in response.context["page"]}
    assert shown == names


@time_machine.travel(NOON, tick=False)
def test_an_immediate_risk_is_awaiting_the_managers_decision_before_its_checks(
    personas: Personas,
) -> None:
    contact_about(PersonFactory(given_name="Ria"), immediate_risk=True, decision_due=TODAY)
    response = signed_in(personas.manager).get("/front-door/?show=mine")
    assert [c.subjects.get().person.given_name for c in response.context["page"]] == ["Ria"]
    assert "Immediate risk" in response.content.decode()


def test_only_managers_are_offered_the_awaiting_my_decision_view(personas: Personas) -> None:
    assert (
        "Awaiting my decision" in signed_in(personas.manager).get("/front-door/").content.decode()
    )
    assert (
        "Awaiting my decision"
        not in signed_in(personas.frontdoor).get("/front-door/").content.decode()
    )


def test_a_social_worker_sees_only_contacts_about_their_teams_children(
    personas: Personas,
) -> None:
    contact_about(personas.child)
    contact_about(PersonFactory(given_name="Zed"))
    colleague = signed_in(personas.colleague).get("/front-door/")
    assert [c.subjects.get().person for c in colleague.context["page"]] == [personas.child]
    assert colleague.context["counts"].awaiting_checks == 1
    other = signed_in(personas.other_team).get("/front-door/")
    assert not other.context["page"].object_list
    assert other.context["counts"].awaiting_checks == 0


def test_the_front_door_link_is_in_the_navigation_for_its_staff(personas: Personas) -> None:
    for user, shown in (
        (personas.frontdoor, True),
        (personas.manager, True),
        (personas.worker, False),
    ):
        page = signed_in(user).get("/").content.decode()
        assert ('href="/front-door/"' in page) is shown


def test_the_tray_takes_the_same_queries_for_three_contacts_or_thirty(
    personas: Personas, django_assert_max_num_queries: object
) -> None:
    client = signed_in(personas.frontdoor)

    def add(count: int) -> None:
        for _ in range(count):
            contact = ContactFactory(recorded_by=personas.frontdoor)
            ContactSubjectFactory(contact=contact)
            ContactSubjectFactory(contact=contact, role="parent")

    add(3)
    # Session and user (2); the page count, the four counts, the contacts, and the people on
    # them (4); saving the session (3).
    with django_assert_max_num_queries(9) as few:  # type: ignore[operator]
        client.get("/front-door/")
    add(27)
    with django_assert_max_num_queries(len(few.captured_queries)):  # type: ignore[operator]
        response = client.get("/front-door/")
    assert len(response.context["page"].object_list) == 30


def test_the_service_directory_is_open_to_all_staff(personas: Personas) -> None:
    ServiceFactory(name="Dads Matter", eligibility="Fathers of children under 11")
    ServiceFactory(name="Old scheme", active=False)
    page = signed_in(personas.worker).get("/front-door/services/").content.decode()
    assert "Dads Matter" in page
    assert "Fathers of children under 11" in page
    assert "No longer offered" in page
