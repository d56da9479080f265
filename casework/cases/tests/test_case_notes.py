"""Case notes: the first real form on the nothing-lost form view."""

import datetime
import uuid

import time_machine
from django.conf import settings
from django.test import Client

from casework.cases.models import CaseNote
from casework.common.models import Draft, SubmissionReceipt
from casework.testing.factories import CaseNoteFactory
from casework.testing.personas import Personas


def note_form(**overrides: str) -> dict[str, str]:
    data = {
        "kind": "visit",
        "occurred_on_day": "2",
        "occurred_on_month": "3",
        "occurred_on_year": "2026",
        "subject": "Home visit",
        "body": "Amy showed me her bedroom and talked about school.",
        "form_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_a_worker_adds_a_case_note_and_sees_it_on_the_notes_tab(personas: Personas) -> None:
    client = signed_in(personas.worker)
    response = client.post(f"/people/{personas.child.pk}/notes/new/", note_form())
    assert response.status_code == 302
    assert response["Location"] == f"/people/{personas.child.pk}/notes/"
    note = CaseNote.objects.get(person=personas.child)
    assert note.occurred_on == datetime.date(2026, 3, 2)
    assert note.author == personas.worker
    page = client.get(response["Location"]).content.decode()
    assert "Home visit" in page
    assert "Case note saved" in page


def test_an_empty_note_names_every_missing_field_and_saves_nothing(personas: Personas) -> None:
    client = signed_in(personas.worker)
    response = client.post(f"/people/{personas.child.pk}/notes/new/", {})
    assert response.status_code == 400
    page = response.content.decode()
    for message in ("Select type of note", "Enter date", "Enter subject", "Enter note"):
        assert message in page
    assert 'href="#id_kind_0"' in page
    assert 'href="#id_occurred_on_0"' in page
    assert 'id="id_occurred_on_0"' in page  # the link lands on the day box
    assert not CaseNote.objects.exists()


def test_an_impossible_date_says_what_is_wrong_with_it(personas: Personas) -> None:
    client = signed_in(personas.worker)
    url = f"/people/{personas.child.pk}/notes/new/"
    cases = {
        "The date must be a real date": {"occurred_on_day": "31", "occurred_on_month": "2"},
        "The date must include a month": {"occurred_on_month": ""},
        "The date must be today or in the past": {"occurred_on_year": "2099"},
    }
    for message, change in cases.items():
        response = client.post(url, note_form(**change))
        assert response.status_code == 400
        assert message in response.content.decode()
    assert not CaseNote.objects.exists()


def test_an_overlong_subject_is_refused_with_its_limit(personas: Personas) -> None:
    client = signed_in(personas.worker)
    response = client.post(f"/people/{personas.child.pk}/notes/new/", note_form(subject="x" * 201))
    assert response.status_code == 400
    assert "Subject must be 200 characters or fewer" in response.content.decode()


def test_submitting_the_same_form_twice_saves_one_note(personas: Personas) -> None:
    client = signed_in(personas.worker)
    data = note_form()
    first = client.post(f"/people/{personas.child.pk}/notes/new/", data)
    second = client.post(f"/people/{personas.child.pk}/notes/new/", data)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert CaseNote.objects.count() == 1
    assert SubmissionReceipt.objects.count() == 1


def test_typing_saves_a_draft_that_comes_back_on_the_next_visit(personas: Personas) -> None:
    client = signed_in(personas.worker)
    url = f"/people/{personas.child.pk}/notes/new/"
    response = client.post(
        url,
        {"subject": "Half-written", "body": "Amy said she"},
        headers={"X-Casework-Autosave": "1"},
    )
    assert response.status_code == 200
    assert "Draft saved at" in response.content.decode()
    assert not CaseNote.objects.exists()
    page = client.get(url).content.decode()
    assert "We restored the draft" in page
    assert 'value="Half-written"' in page
    assert "Amy said she" in page
    assert "There is a problem" not in page  # a draft is not an error


def test_saving_the_note_discards_its_draft(personas: Personas) -> None:
    client = signed_in(personas.worker)
    url = f"/people/{personas.child.pk}/notes/new/"
    client.post(url, {"subject": "Half"}, headers={"X-Casework-Autosave": "1"})
    client.post(url, note_form())
    assert not Draft.objects.exists()


def test_a_draft_is_private_to_the_person_who_wrote_it(personas: Personas) -> None:
    url = f"/people/{personas.child.pk}/notes/new/"
    signed_in(personas.worker).post(
        url, {"subject": "Sam's private draft"}, headers={"X-Casework-Autosave": "1"}
    )
    page = signed_in(personas.colleague).get(url).content.decode()
    assert "Sam&#x27;s private draft" not in page
    assert "We restored the draft" not in page


def test_a_form_sent_after_the_session_ended_is_kept_for_the_same_person(
    personas: Personas,
) -> None:
    client = signed_in(personas.worker)
    url = f"/people/{personas.child.pk}/notes/new/"
    owner = client.get(url).context["owner_marker"]
    client.logout()  # the session has gone, as after a time-out
    response = client.post(url, note_form(subject="Written over lunch", _owner=owner))
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")
    assert not CaseNote.objects.exists()
    back = client.post("/sign-in/", {"username": "sam.worker", "password": settings.DEMO_PASSWORD})
    assert back["Location"] == url
    page = client.get(url).content.decode()
    assert 'value="Written over lunch"' in page


def test_someone_else_signing_in_never_receives_a_stranded_form(personas: Personas) -> None:
    client = signed_in(personas.worker)
    url = f"/people/{personas.child.pk}/notes/new/"
    owner = client.get(url).context["owner_marker"]
    client.logout()
    client.post(url, note_form(subject="Sam's words", _owner=owner))
    back = client.post(
        "/sign-in/", {"username": "tess.colleague", "password": settings.DEMO_PASSWORD}
    )
    assert back["Location"] == "/"
    assert not Draft.objects.exists()


def test_an_edit_from_an_old_version_shows_both_and_overwrites_nothing(
    personas: Personas,
) -> None:
    note = CaseNoteFactory(person=personas.child, author=personas.worker, subject="Visit")
    url = f"/people/{personas.child.pk}/notes/{note.pk}/edit/"
    sam, tess = signed_in(personas.worker), signed_in(personas.colleague)
    sams_form = sam.get(url).context["form"]
    assert sams_form.initial["version"] == 1
    tess.post(url, note_form(subject="Tess's change", version="1"))
    response = sam.post(url, note_form(subject="Sam's change", version="1"))
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else changed this while you were editing" in page
    assert "Tess&#x27;s change" in page  # their saved version is shown
    assert 'value="Sam&#x27;s change"' in page  # and Sam's words are kept in the form
    note.refresh_from_db()
    assert note.subject == "Tess's change"
    assert note.version == 2
    resubmitted = sam.post(url, note_form(subject="Sam's change", version="2"))
    assert resubmitted.status_code == 302
    note.refresh_from_db()
    assert note.subject == "Sam's change"


def test_a_note_cannot_be_dated_before_the_child_was_born(personas: Personas) -> None:
    client = signed_in(personas.worker)
    response = client.post(
        f"/people/{personas.child.pk}/notes/new/", note_form(occurred_on_year="2010")
    )
    assert response.status_code == 400
    assert "after the child&#x27;s date of birth" in response.content.decode()
    assert not CaseNote.objects.exists()


@time_machine.travel(datetime.datetime(2026, 3, 2, 23, 30, tzinfo=datetime.UTC))
def test_today_means_today_in_london(personas: Personas) -> None:
    # 23:30 UTC on 2 March is still 2 March in London (GMT); 3 March would be in the future.
    client = signed_in(personas.worker)
    url = f"/people/{personas.child.pk}/notes/new/"
    assert client.post(url, note_form()).status_code == 302
    late = client.post(url, note_form(occurred_on_day="3"))
    assert late.status_code == 400
