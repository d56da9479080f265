"""Recruitment staff write up stories, record the teller's consent and approve them for the
careers site; changing what readers see takes a story down until it is approved again, and an
edit made from an old copy is refused with the other person's change shown."""

import datetime
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from casework.common.errors import RuleBroken
from casework.testing.personas import Personas
from casework.workforce import recruitment
from casework.workforce.models import Story

pytestmark = pytest.mark.django_db
R = "/workforce/recruitment/stories"


def signed_in(personas: Personas) -> Client:
    client = Client()
    client.force_login(personas.recruiter)
    return client


def story_form(**overrides: object) -> dict[str, object]:
    today = timezone.localdate()
    data: dict[str, object] = {
        "title": "Why I came back",
        "told_by": "Marcus, social worker",
        "teller": "social_worker",
        "body": "The caseloads here let me do the work I trained for.",
        "video_url": "",
        "transcript": "",
        "consent_given_on_day": str(today.day),
        "consent_given_on_month": str(today.month),
        "consent_given_on_year": str(today.year),
    }
    data.update(overrides)
    return data


def test_a_story_is_written_up_approved_and_published(personas: Personas) -> None:
    client = signed_in(personas)
    response = client.post(f"{R}/new/", story_form(shared_with_region="yes"))
    assert response.status_code == 302
    story = Story.objects.get()
    assert story.shared_with_region
    assert story.approved_at is None
    assert "Why I came back" not in Client().get("/careers/stories/").text
    assert client.post(f"{R}/{story.pk}/approve/").status_code == 302
    story.refresh_from_db()
    assert story.approved_by == personas.recruiter
    assert "Why I came back" in Client().get("/careers/stories/").text


def test_a_story_without_consent_is_saved_but_cannot_be_approved(personas: Personas) -> None:
    client = signed_in(personas)
    form = story_form(consent_given_on_day="", consent_given_on_month="", consent_given_on_year="")
    assert client.post(f"{R}/new/", form).status_code == 302
    story = Story.objects.get()
    response = client.post(f"{R}/{story.pk}/approve/")
    assert response.status_code == 400
    assert "Record the teller&#x27;s consent before approving" in response.text
    story.refresh_from_db()
    assert story.approved_at is None


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Enter title"),
        ({"teller": ""}, "Select who is telling it"),
        ({"video_url": "https://video.example/1"}, "Add a transcript of the video"),
        ({"video_url": "not a link"}, "Enter the video link as a web address"),
        ({"consent_given_on_year": "2999"}, "must be today or in the past"),
    ],
)
def test_bad_story_input_is_named_and_nothing_is_saved(
    personas: Personas, overrides: dict[str, object], message: str
) -> None:
    response = signed_in(personas).post(f"{R}/new/", story_form(**overrides))
    assert response.status_code == 400
    assert message in response.text
    assert not Story.objects.exists()


def test_changing_a_published_story_takes_it_down_until_approved_again(
    personas: Personas,
) -> None:
    story = recruitment.record_story(personas.recruiter, **_details())
    recruitment.approve_story(personas.recruiter, story)
    story.refresh_from_db()
    client = signed_in(personas)
    form = story_form(body="A new ending.", version=str(story.version))
    assert client.post(f"{R}/{story.pk}/edit/", form).status_code == 302
    story.refresh_from_db()
    assert story.body == "A new ending."
    assert story.approved_at is None
    assert client.get(story.get_absolute_url()).status_code == 404


def test_sharing_a_published_story_with_the_region_keeps_it_published(
    personas: Personas,
) -> None:
    story = recruitment.record_story(personas.recruiter, **_details())
    recruitment.approve_story(personas.recruiter, story)
    story.refresh_from_db()
    changed = recruitment.change_story(
        personas.recruiter,
        story,
        expected_version=story.version,
        **(_details() | {"shared_with_region": True}),
    )
    assert changed.shared_with_region
    assert changed.approved_at is not None


def test_an_edit_from_an_old_copy_is_a_conflict_showing_the_other_change(
    personas: Personas,
) -> None:
    story = recruitment.record_story(personas.recruiter, **_details())
    client = signed_in(personas)
    old_version = story.version
    recruitment.change_story(
        personas.admin,
        story,
        expected_version=old_version,
        **(_details() | {"body": "The administrator's wording."}),
    )
    response = client.post(
        f"{R}/{story.pk}/edit/", story_form(body="My wording.", version=str(old_version))
    )
    assert response.status_code == 409
    assert "The administrator&#x27;s wording." in response.text
    assert "My wording." in response.text
    story.refresh_from_db()
    assert story.body == "The administrator's wording."


def test_a_story_whose_teller_withdraws_consent_comes_down(personas: Personas) -> None:
    story = recruitment.record_story(personas.recruiter, **_details())
    recruitment.approve_story(personas.recruiter, story)
    response = signed_in(personas).post(f"{R}/{story.pk}/withdraw/")
    assert response.status_code == 302
    assert Client().get(story.get_absolute_url()).status_code == 404
    story.refresh_from_db()
    with pytest.raises(RuleBroken, match="not published"):
        recruitment.withdraw_story(personas.recruiter, story)


def test_story_pages_are_for_recruitment_staff_only(personas: Personas) -> None:
    story = recruitment.record_story(personas.recruiter, **_details())
    for name in ("sam.worker", "tara.manager", "hana.head", "pat.analyst"):
        user = personas.by_name()[name]
        assert user is not None
        client = Client()
        client.force_login(user)
        assert client.get(f"{R}/").status_code == 404, name
        assert client.post(f"{R}/{story.pk}/approve/").status_code == 404, name
    story.refresh_from_db()
    assert story.approved_at is None


def _details() -> dict[str, Any]:
    return {
        "title": "Why I stayed",
        "told_by": "Aisha",
        "teller": Story.Teller.SOCIAL_WORKER,
        "body": "Because my team has my back.",
        "consent_given_on": datetime.date(2026, 3, 1),
    }
