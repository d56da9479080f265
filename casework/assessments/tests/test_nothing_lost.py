"""A half-written assessment survives a colleague's save and a timed-out session."""

from collections.abc import Iterator

import pytest
import time_machine
from django.conf import settings

from casework.assessments.tests.helpers import (
    IN_MARCH,
    complete_form,
    signed_in,
    the_assessment,
)
from casework.common.models import Draft
from casework.testing.personas import Personas


@pytest.fixture(autouse=True)
def _in_march() -> Iterator[None]:
    with time_machine.travel(IN_MARCH, tick=False):
        yield


def test_a_colleagues_save_makes_sams_edit_a_conflict_that_keeps_his_words(
    personas: Personas,
) -> None:
    assessment = the_assessment(personas)
    url = f"/assessments/{assessment.pk}/edit/"
    sam, tess = signed_in(personas.worker), signed_in(personas.colleague)
    assert sam.get(url).context["form"].initial["version"] == 1
    saved = tess.post(url, complete_form(strengths="Tess: grandmother visits daily."))
    assert saved.status_code == 302
    response = sam.post(url, complete_form(strengths="Sam: Amy loves her football club."))
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else changed this while you were editing" in page
    assert "Tess: grandmother visits daily." in page  # her saved version is shown
    assert "Sam: Amy loves her football club." in page  # and his words are still in the form
    assert 'name="version" value="2"' in page
    assessment.refresh_from_db()
    assert assessment.strengths == "Tess: grandmother visits daily."
    again = sam.post(url, complete_form(strengths="Sam: Amy loves her football club.", version="2"))
    assert again.status_code == 302
    assessment.refresh_from_db()
    assert assessment.strengths == "Sam: Amy loves her football club."
    assert assessment.version == 3


def test_typing_saves_a_draft_that_comes_back_on_the_next_visit(personas: Personas) -> None:
    assessment = the_assessment(personas)
    url = f"/assessments/{assessment.pk}/edit/"
    client = signed_in(personas.worker)
    saved = client.post(
        url,
        {"analysis": "Amy told me that she", "version": "1"},
        headers={"X-Casework-Autosave": "1"},
    )
    assert saved.status_code == 200
    page = client.get(url).content.decode()
    assert "We restored the draft" in page
    assert "Amy told me that she" in page
    assert "There is a problem" not in page
    assessment.refresh_from_db()
    assert assessment.analysis == ""  # a draft is not a save
    client.post(url, complete_form(analysis="Amy told me that she is happy at Nan's."))
    assert not Draft.objects.exists()


def test_a_form_sent_after_a_time_out_comes_back_after_signing_in(personas: Personas) -> None:
    assessment = the_assessment(personas)
    url = f"/assessments/{assessment.pk}/edit/"
    client = signed_in(personas.worker)
    owner = client.get(url).context["owner_marker"]
    client.logout()  # the session has gone, as after a time-out
    response = client.post(url, complete_form(analysis="Written before lunch.", _owner=owner))
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")
    assessment.refresh_from_db()
    assert assessment.analysis == ""
    back = client.post("/sign-in/", {"username": "sam.worker", "password": settings.DEMO_PASSWORD})
    assert back["Location"] == url
    page = client.get(url).content.decode()
    assert "Written before lunch." in page
    assert "We restored the draft" in page
    assert client.post(url, complete_form(analysis="Written before lunch.")).status_code == 302
    assessment.refresh_from_db()
    assert assessment.analysis == "Written before lunch."
