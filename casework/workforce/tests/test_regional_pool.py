"""The region's shared pool: this council's feed holds only what it published and chose to
share; another member council's feed is imported in place of what was held from it, and the
careers site shows the region's stories and answers beside our own, each with its council."""

import datetime
import json
import uuid
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from casework.common.errors import RuleBroken
from casework.testing.personas import Personas
from casework.workforce import recruitment, region
from casework.workforce.models import (
    Champion,
    Council,
    PooledQuestion,
    PooledStory,
    Region,
    Story,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def yorkshire() -> dict[str, Council]:
    area = Region.objects.create(name="Yorkshire and the Humber")
    return {
        "home": Council.objects.create(region=area, name="Northbrook", la_code="201", home=True),
        "leeds": Council.objects.create(region=area, name="Leeds", la_code="383"),
        "york": Council.objects.create(region=area, name="York", la_code="816"),
    }


def published_story(title: str, *, shared: bool) -> Story:
    story = recruitment.record_story(
        None,
        title=title,
        told_by="Aisha",
        teller=Story.Teller.SOCIAL_WORKER,
        body="Why I stayed.",
        consent_given_on=datetime.date(2026, 3, 1),
        shared_with_region=shared,
    )
    return recruitment.approve_story(None, story)


def published_question(text: str, *, shared: bool) -> None:
    question = recruitment.ask_question(text, "Jo")
    champion = Champion.objects.create(name="Priya", job_title="Social worker")
    recruitment.assign_question(None, question, champion)
    recruitment.answer_question(None, question, "Every week.")
    recruitment.publish_question(None, question, share_with_region=shared)


def feed_from(code: str, stories: int = 1, questions: int = 1, **story: object) -> dict:
    when = timezone.now().isoformat()
    return {
        "format": region.FEED_FORMAT,
        "council": {"name": "Leeds", "la_code": code},
        "stories": [
            {
                "id": str(uuid.uuid4()),
                "title": f"Leeds story {n}",
                "told_by": "Kim, family support worker",
                "teller": "social_worker",
                "body": "A story from Leeds.",
                "video_url": "",
                "transcript": "",
                "published_at": when,
            }
            | story
            for n in range(stories)
        ],
        "questions": [
            {
                "id": str(uuid.uuid4()),
                "text": f"Leeds question {n}?",
                "asked_by": "",
                "answer": "A Leeds answer.",
                "champion_name": "Dev",
                "champion_job_title": "Senior practitioner",
                "published_at": when,
            }
            for n in range(questions)
        ],
    }


def test_our_feed_holds_only_published_items_we_chose_to_share(
    yorkshire: dict[str, Council],
) -> None:
    published_story("Shared story", shared=True)
    published_story("Our own story", shared=False)
    Story.objects.create(
        title="Draft", told_by="A", teller=Story.Teller.FAMILY, body="B", shared_with_region=True
    )
    published_question("Shared question?", shared=True)
    recruitment.ask_question("Waiting question?")
    feed = Client().get("/careers/region/feed.json").json()
    assert feed["format"] == region.FEED_FORMAT
    assert feed["council"] == {"name": "Northbrook", "la_code": "201"}
    assert [story["title"] for story in feed["stories"]] == ["Shared story"]
    assert [question["text"] for question in feed["questions"]] == ["Shared question?"]


def test_a_neighbours_feed_appears_on_our_site_attributed_to_them(
    yorkshire: dict[str, Council],
) -> None:
    published_story("Our own story", shared=False)
    result = region.import_feed(None, feed_from("383"))
    assert (result.stories, result.questions) == (1, 1)
    stories = Client().get("/careers/stories/").text
    assert "Our own story" in stories
    assert "Leeds story 0" in stories
    assert "From Leeds" in stories
    pooled = PooledStory.objects.get()
    detail = Client().get(f"/careers/stories/{pooled.pk}/").text
    assert "A story from Leeds." in detail
    assert "shared with the councils of the region" in detail
    questions = Client().get("/careers/questions/").text
    assert "Leeds question 0?" in questions
    assert "Answered by Dev, Senior practitioner, Leeds" in questions


def test_an_import_replaces_what_was_held_so_withdrawn_items_go(
    yorkshire: dict[str, Council],
) -> None:
    region.import_feed(None, feed_from("383", stories=3))
    region.import_feed(None, feed_from("816", stories=2))
    region.import_feed(None, feed_from("383", stories=1, questions=0))
    assert PooledStory.objects.filter(council=yorkshire["leeds"]).count() == 1
    assert PooledStory.objects.filter(council=yorkshire["york"]).count() == 2
    assert not PooledQuestion.objects.filter(council=yorkshire["leeds"]).exists()
    yorkshire["leeds"].refresh_from_db()
    assert yorkshire["leeds"].last_imported_at is not None


@pytest.mark.parametrize(
    ("feed", "field"),
    [
        ({"format": "something else"}, "format"),
        (feed_from("999"), "council.la_code"),
        (feed_from("201"), "council.la_code"),
        (feed_from("383", title=""), "stories[0].title"),
        (feed_from("383", teller="robot"), "stories[0].teller"),
        (feed_from("383", video_url="https://v.example/1"), "stories[0].transcript"),
        (feed_from("383", video_url="javascript:alert(1)"), "stories[0].video_url"),
        (feed_from("383", published_at="yesterday"), "stories[0].published_at"),
        (feed_from("383", id="not-an-id"), "stories[0].id"),
    ],
)
def test_a_bad_feed_is_refused_naming_the_place_and_nothing_changes(
    yorkshire: dict[str, Council], feed: dict, field: str
) -> None:
    region.import_feed(None, feed_from("383", stories=2))
    with pytest.raises(RuleBroken) as broken:
        region.import_feed(None, feed)
    assert broken.value.field == field
    assert PooledStory.objects.count() == 2


def test_a_council_outside_the_region_is_refused(yorkshire: dict[str, Council]) -> None:
    elsewhere = Region.objects.create(name="The North East")
    Council.objects.create(region=elsewhere, name="Durham", la_code="840")
    with pytest.raises(RuleBroken, match="not a member of Yorkshire and the Humber"):
        region.import_feed(None, feed_from("840"))


def test_without_a_region_there_is_no_pool_and_no_import(personas: Personas) -> None:
    published_story("Our own story", shared=True)
    assert "Our own story" in Client().get("/careers/stories/").text
    with pytest.raises(RuleBroken, match="not in a region"):
        region.import_feed(None, feed_from("383"))


def test_the_commands_export_and_import_a_feed(
    yorkshire: dict[str, Council], tmp_path: Path, capsys
) -> None:
    published_story("Shared story", shared=True)
    ours = tmp_path / "northbrook.json"
    call_command("regional_pool", "export", "--output", str(ours))
    assert json.loads(ours.read_text())["stories"][0]["title"] == "Shared story"
    theirs = tmp_path / "leeds.json"
    theirs.write_text(json.dumps(feed_from("383", stories=2)))
    call_command("regional_pool", "import", str(theirs))
    assert "Imported 2 stories and 1 answered questions from Leeds" in capsys.readouterr().out
    theirs.write_text("{not json")
    with pytest.raises(CommandError, match="is not JSON"):
        call_command("regional_pool", "import", str(theirs))
    theirs.write_text(json.dumps(feed_from("999")))
    with pytest.raises(CommandError, match="Nothing imported"):
        call_command("regional_pool", "import", str(theirs))


def test_the_region_page_shows_each_member_and_what_is_held(
    personas: Personas, yorkshire: dict[str, Council]
) -> None:
    region.import_feed(None, feed_from("383", stories=2))
    client = Client()
    client.force_login(personas.recruiter)
    page = client.get("/workforce/recruitment/region/").text
    assert "Yorkshire and the Humber" in page
    assert "Leeds" in page
    assert "York" in page
    assert "Northbrook (us)" in page


def test_the_public_pages_keep_a_fixed_number_of_queries(
    yorkshire: dict[str, Council], django_assert_max_num_queries
) -> None:
    for n in range(5):
        published_story(f"Story {n}", shared=True)
    region.import_feed(None, feed_from("383", stories=10, questions=10))
    region.import_feed(None, feed_from("816", stories=10, questions=10))
    with django_assert_max_num_queries(5):
        assert Client().get("/careers/stories/").status_code == 200
    with django_assert_max_num_queries(5):
        assert Client().get("/careers/questions/").status_code == 200


def test_an_administrator_sets_the_region_up_and_reads_the_pool_in_admin(
    personas: Personas, yorkshire: dict[str, Council]
) -> None:
    region.import_feed(None, feed_from("383"))
    client = Client()
    client.force_login(personas.admin)
    region_row = Region.objects.get()
    assert client.get(f"/admin/workforce/region/{region_row.pk}/change/").status_code == 200
    assert client.get("/admin/workforce/pooledstory/").status_code == 200
    pooled = PooledStory.objects.get()
    # A copy of another council's story is changed at that council, not here.
    page = client.get(f"/admin/workforce/pooledstory/{pooled.pk}/change/")
    assert page.status_code == 200
    assert 'name="title"' not in page.text
