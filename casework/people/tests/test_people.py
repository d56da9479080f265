import datetime
import uuid

import pytest
from django.test import Client

from casework.audit.models import Action, AuditEvent
from casework.cases.models import CaseNote
from casework.common.errors import RuleBroken
from casework.people import search, services
from casework.people.models import Address, Merge, Person, Relationship
from casework.testing.factories import AllocationFactory, CaseNoteFactory, PersonFactory
from casework.testing.personas import Personas


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def person_form(**overrides: str) -> dict[str, str]:
    data = {
        "given_name": "Lily",
        "family_name": "Harvey",
        "date_of_birth_day": "28",
        "date_of_birth_month": "7",
        "date_of_birth_year": "2015",
        "sex": "F",
        "ethnicity": "WBRI",
        "searched": "lily harvey",
        "form_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def test_creating_a_record_needs_a_search_first(personas: Personas) -> None:
    response = signed_in(personas.frontdoor).get("/people/new/")
    assert response.status_code == 302
    assert response["Location"] == "/people/?create=1"


def test_the_front_door_creates_a_new_child_after_searching(personas: Personas) -> None:
    client = signed_in(personas.frontdoor)
    form = client.get("/people/new/?q=lily+harvey")
    assert form.context["form"].initial["family_name"] == "Harvey"
    response = client.post("/people/new/", person_form())
    assert response.status_code == 302
    lily = Person.objects.get(family_name="Harvey")
    assert lily.la_id.startswith("NB")
    assert lily.family_key  # indexed for search on SQLite
    assert AuditEvent.objects.filter(person_id=lily.pk, action=Action.CREATE).exists()


def test_a_likely_duplicate_must_be_opened_or_confirmed_as_new(personas: Personas) -> None:
    PersonFactory(given_name="Lily", family_name="Harvey", date_of_birth=datetime.date(2015, 7, 28))
    client = signed_in(personas.frontdoor)
    response = client.post("/people/new/", person_form(family_name="Harvie"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Records that may be this person" in page
    assert "Lily Harvey" in page
    assert Person.objects.filter(given_name="Lily").count() == 1
    confirmed = client.post("/people/new/", person_form(family_name="Harvie", confirm_new="on"))
    assert confirmed.status_code == 302
    assert Person.objects.filter(given_name="Lily").count() == 2


def test_bad_identifiers_and_dates_are_refused_by_name(personas: Personas) -> None:
    client = signed_in(personas.frontdoor)
    cases = {
        "Enter a real NHS number": {"nhs_number": "9434765918"},
        "The date of birth must be today or in the past": {"date_of_birth_year": "2099"},
        "Enter a unique pupil number": {"upn": "12345"},
        "not both": {
            "expected_date_of_birth_day": "1",
            "expected_date_of_birth_month": "1",
            "expected_date_of_birth_year": "2027",
        },
    }
    for message, change in cases.items():
        response = client.post("/people/new/", person_form(**change))
        assert response.status_code == 400, message
        assert message in response.content.decode()
    assert not Person.objects.filter(family_name="Harvey").exists()


def test_a_social_worker_adds_a_family_member_from_the_childs_record(personas: Personas) -> None:
    client = signed_in(personas.worker)
    url = f"/people/new/?q=sarah+jones&related_to={personas.child.pk}"
    assert client.get(url).status_code == 200
    response = client.post(
        "/people/new/",
        person_form(
            given_name="Sarah",
            family_name="Jones",
            date_of_birth_year="1990",
            related_to=str(personas.child.pk),
            relationship="parent",
            parental_responsibility="on",
        ),
    )
    assert response.status_code == 302
    mother = Person.objects.get(given_name="Sarah")
    assert Relationship.objects.filter(from_person=mother, to_person=personas.child).exists()
    assert response["Location"] == f"/people/{personas.child.pk}/people/"
    page = client.get(f"/people/{personas.child.pk}/people/").content.decode()
    assert "Mother" in page  # read from the child's side
    assert client.get(f"/people/{mother.pk}/").status_code == 200  # visible through the child
    assert "Daughter" in client.get(f"/people/{mother.pk}/people/").content.decode()


def test_a_social_worker_cannot_create_an_unconnected_record(personas: Personas) -> None:
    response = signed_in(personas.worker).get("/people/new/?q=someone")
    assert response.status_code == 403


def test_search_ranks_the_misspelt_child_first_and_explains(personas: Personas) -> None:
    PersonFactory(given_name="Ava", family_name="Johnson", date_of_birth=datetime.date(2016, 5, 17))
    results = search.search(personas.frontdoor, "Aimee Jones 17/05/2016")
    assert results[0].person == personas.child
    assert "date of birth exact" in results[0].reasons
    page = signed_in(personas.frontdoor).get("/people/?q=Aimee+Jones+17/05/2016")
    assert "Amy Jones" in page.content.decode()


def test_search_never_shows_people_the_user_may_not_see(personas: Personas) -> None:
    assert search.search(personas.other_team, "Amy Jones") == []


def test_a_warning_shows_on_every_page_about_the_person(personas: Personas) -> None:
    services.add_warning(
        personas.worker, personas.child, kind="dog", detail="Large dog; ask for it to be shut away"
    )
    note = CaseNoteFactory(person=personas.child, author=personas.worker)
    client = signed_in(personas.colleague)
    for url in (
        f"/people/{personas.child.pk}/",
        f"/people/{personas.child.pk}/notes/new/",
        f"/people/{personas.child.pk}/notes/{note.pk}/",
    ):
        assert "ask for it to be shut away" in client.get(url).content.decode(), url


def test_moving_house_ends_the_previous_address(personas: Personas) -> None:
    services.add_address(
        personas.worker,
        personas.child,
        line_1="1 Oak Road",
        postcode="ls11aa",
        started_on=datetime.date(2020, 1, 1),
    )
    services.add_address(
        personas.worker,
        personas.child,
        line_1="2 Elm Road",
        postcode="LS2 7EE",
        started_on=datetime.date(2025, 6, 1),
    )
    old = Address.objects.get(line_1="1 Oak Road")
    assert old.postcode == "LS1 1AA"
    assert old.ended_on == datetime.date(2025, 5, 31)
    with pytest.raises(RuleBroken) as broken:
        services.add_address(
            personas.worker,
            personas.child,
            line_1="x",
            postcode="nowhere",
            started_on=datetime.date(2025, 6, 1),
        )
    assert broken.value.field == "postcode"


def test_merging_moves_everything_and_undo_puts_it_back(personas: Personas) -> None:
    duplicate = PersonFactory(given_name="Amy", family_name="Jones")
    note = CaseNoteFactory(person=duplicate, author=personas.worker)
    AllocationFactory(person=duplicate, team=personas.team_a)
    client = signed_in(personas.manager)
    response = client.post(
        f"/people/{personas.child.pk}/merge/",
        {"duplicate_la_id": duplicate.la_id, "reason": "Same child, same date of birth"},
    )
    assert response.status_code == 302
    note.refresh_from_db()
    duplicate.refresh_from_db()
    assert note.person == personas.child
    assert duplicate.merged_into == personas.child
    assert CaseNote.objects.filter(person=personas.child).count() == 1
    record = Merge.objects.get()
    undo = client.post(f"/people/{personas.child.pk}/merges/{record.pk}/undo/")
    assert undo.status_code == 302
    note.refresh_from_db()
    duplicate.refresh_from_db()
    assert note.person == duplicate
    assert duplicate.merged_into is None
    assert AuditEvent.objects.filter(person_id=duplicate.pk, summary__contains="Undid").exists()


def test_only_the_front_door_and_managers_merge(personas: Personas) -> None:
    response = signed_in(personas.worker).get(f"/people/{personas.child.pk}/merge/")
    assert response.status_code == 403


def api(user: object) -> Client:
    from casework.accounts import services as account_services

    token = account_services.issue_token(user)  # type: ignore[arg-type]
    return Client(headers={"Authorization": f"Bearer {token}"})


def test_the_api_searches_with_reasons(personas: Personas) -> None:
    response = api(personas.frontdoor).get("/api/v1/persons/search?q=Amy+Jonse+17/05/2016")
    assert response.status_code == 200
    first = response.json()[0]
    assert first["person"]["id"] == str(personas.child.pk)
    assert "date of birth exact" in first["reasons"]


def test_the_api_refuses_a_likely_duplicate_until_confirmed(personas: Personas) -> None:
    body = {"given_name": "Amy", "family_name": "Jones", "date_of_birth": "2016-05-17"}
    client = api(personas.frontdoor)
    first = client.post("/api/v1/persons", body, content_type="application/json")
    assert first.status_code == 409
    assert first.json()["candidates"][0]["person"]["la_id"] == personas.child.la_id
    confirmed = client.post(
        "/api/v1/persons", {**body, "confirm_new": True}, content_type="application/json"
    )
    assert confirmed.status_code == 201
    assert Person.objects.filter(given_name="Amy", family_name="Jones").count() == 2


def test_the_api_names_a_bad_nhs_number(personas: Personas) -> None:
    body = {"given_name": "Zed", "family_name": "Quill", "nhs_number": "9434765918"}
    response = api(personas.frontdoor).post(
        "/api/v1/persons", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "nhs_number"
    assert not Person.objects.filter(family_name="Quill").exists()
