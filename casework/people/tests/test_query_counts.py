"""Read paths use a fixed number of queries whatever the size of the case (STYLE.md)."""

import datetime

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from casework.people import services
from casework.testing.factories import AllocationFactory, CaseNoteFactory, PersonFactory
from casework.testing.personas import Personas


def queries_for(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def grow_the_case(personas: Personas, times: int) -> None:
    child = personas.child
    for index in range(times):
        CaseNoteFactory(person=child, author=personas.worker)
        relative = PersonFactory(given_name=f"Relative{index}")
        services.relate(personas.worker, relative, child, kind="grandparent")
        services.add_address(
            personas.worker,
            child,
            line_1=f"{index} Oak Road",
            postcode="LS1 1AA",
            started_on=datetime.date(2010 + index, 1, 1),
            ended_on=datetime.date(2010 + index, 6, 1),
        )
        services.add_warning(personas.worker, child, kind="other", detail=f"Warning {index}")


def test_the_person_page_costs_the_same_for_a_big_case(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.worker)
    url = f"/people/{personas.child.pk}/"
    grow_the_case(personas, 1)
    small = queries_for(client, url)
    grow_the_case(personas, 8)
    assert queries_for(client, url) == small


def test_home_and_people_list_cost_the_same_for_more_children(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.manager)
    AllocationFactory(team=personas.team_a, worker=personas.worker)
    home, listing = queries_for(client, "/"), queries_for(client, "/people/")
    for _ in range(15):
        AllocationFactory(team=personas.team_a, worker=personas.worker)
    assert queries_for(client, "/") == home
    assert queries_for(client, "/people/") == listing


def test_search_costs_the_same_for_more_matches(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.frontdoor)
    PersonFactory(given_name="Amy", family_name="Jonas")
    few = queries_for(client, "/people/?q=Amy+Jones")
    for _ in range(10):
        PersonFactory(given_name="Amy", family_name="Jonas")
    assert queries_for(client, "/people/?q=Amy+Jones") == few
