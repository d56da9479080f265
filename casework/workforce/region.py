"""The region's shared pool of stories and champions' answers (see `models.Region` for the
design): building this council's feed, and importing another member council's.

The feed is a JSON document holding only what is already public on this council's careers
site and marked "share with the region":

    {"format": "casework-regional-pool/1", "exported_at": "...",
     "council": {"name": "...", "la_code": "201"}, "region": "...",
     "stories": [{"id", "title", "told_by", "teller", "body", "video_url", "transcript",
                  "published_at"}],
     "questions": [{"id", "text", "asked_by", "answer", "champion_name",
                    "champion_job_title", "published_at"}]}

An import replaces everything held from that council, in one transaction, so an item its own
council has taken down (a teller withdrew consent) goes from every site at the next import.
"""

import datetime
import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from casework.audit import services as audit
from casework.audit.models import Action
from casework.common.errors import RuleBroken
from casework.workforce import selectors
from casework.workforce.models import Council, PooledQuestion, PooledStory, Question, Story

FEED_FORMAT = "casework-regional-pool/1"
# Generous limits, far above anything the careers pages publish, so a broken or hostile feed
# cannot fill the database.
MAX_ITEMS = 500
MAX_TEXT = 20_000


def build_feed(now: datetime.datetime | None = None) -> dict[str, Any]:
    """This council's shared stories and published answers, as other councils import them."""
    now = now or timezone.now()
    home = selectors.home_council()
    stories = (
        selectors.own_published_stories().filter(shared_with_region=True).order_by("-approved_at")
    )
    questions = (
        Question.objects.filter(status=Question.Status.PUBLISHED, shared_with_region=True)
        .select_related("champion")
        .order_by("-published_at")
    )
    return {
        "format": FEED_FORMAT,
        "exported_at": now.isoformat(),
        "council": {
            "name": home.name if home else settings.COUNCIL_NAME,
            "la_code": home.la_code if home else "",
        },
        "region": home.region.name if home else "",
        "stories": [_story(story) for story in stories[:MAX_ITEMS]],
        "questions": [_question(question) for question in questions[:MAX_ITEMS]],
    }


def _story(story: Story) -> dict[str, Any]:
    return {
        "id": str(story.pk),
        "title": story.title,
        "told_by": story.told_by,
        "teller": story.teller,
        "body": story.body,
        "video_url": story.video_url,
        "transcript": story.transcript,
        "published_at": story.approved_at.isoformat() if story.approved_at else None,
    }


def _question(question: Question) -> dict[str, Any]:
    return {
        "id": str(question.pk),
        "text": question.text,
        "asked_by": question.asked_by,
        "answer": question.answer,
        "champion_name": question.champion.name if question.champion else "",
        "champion_job_title": question.champion.job_title if question.champion else "",
        "published_at": question.published_at.isoformat() if question.published_at else None,
    }


# Importing ------------------------------------------------------------------------------------


def _text(item: dict[str, Any], key: str, where: str, *, required: bool, limit: int) -> str:
    value = item.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise RuleBroken(f"{where}.{key}", "must be text")
    value = value.strip()
    if required and not value:
        raise RuleBroken(f"{where}.{key}", "is missing")
    if len(value) > limit:
        raise RuleBroken(f"{where}.{key}", f"is longer than {limit:,} characters")
    return value


def _when(item: dict[str, Any], where: str) -> datetime.datetime:
    raw = item.get("published_at")
    parsed = parse_datetime(raw) if isinstance(raw, str) else None
    if parsed is None or parsed.tzinfo is None:
        raise RuleBroken(f"{where}.published_at", "must be a date and time with its time zone")
    return parsed


def _id(item: dict[str, Any], where: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(item.get("id")))
    except ValueError:
        raise RuleBroken(f"{where}.id", "must be the item's id") from None


def _items(feed: dict[str, Any], key: str) -> list[dict[str, Any]]:
    items = feed.get(key, [])
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise RuleBroken(key, "must be a list of items")
    if len(items) > MAX_ITEMS:
        raise RuleBroken(key, f"has more than {MAX_ITEMS} items")
    return items


def _pooled_story(item: dict[str, Any], where: str) -> dict[str, Any]:
    teller = _text(item, "teller", where, required=True, limit=20)
    if teller not in Story.Teller.values:
        raise RuleBroken(f"{where}.teller", f"must be one of {', '.join(Story.Teller.values)}")
    video_url = _text(item, "video_url", where, required=False, limit=200)
    if video_url and not video_url.startswith("https://"):
        raise RuleBroken(f"{where}.video_url", "must start with https://")
    transcript = _text(item, "transcript", where, required=bool(video_url), limit=MAX_TEXT)
    return {
        "source_id": _id(item, where),
        "title": _text(item, "title", where, required=True, limit=200),
        "told_by": _text(item, "told_by", where, required=True, limit=120),
        "teller": teller,
        "body": _text(item, "body", where, required=True, limit=MAX_TEXT),
        "video_url": video_url,
        "transcript": transcript,
        "published_at": _when(item, where),
    }


def _pooled_question(item: dict[str, Any], where: str) -> dict[str, Any]:
    return {
        "source_id": _id(item, where),
        "text": _text(item, "text", where, required=True, limit=MAX_TEXT),
        "asked_by": _text(item, "asked_by", where, required=False, limit=120),
        "answer": _text(item, "answer", where, required=True, limit=MAX_TEXT),
        "champion_name": _text(item, "champion_name", where, required=True, limit=120),
        "champion_job_title": _text(item, "champion_job_title", where, required=False, limit=120),
        "published_at": _when(item, where),
    }


@dataclass(frozen=True)
class Imported:
    council: Council
    stories: int
    questions: int


def import_feed(actor: Any, feed: Any, *, now: datetime.datetime | None = None) -> Imported:
    """Replace what is held from the feed's council with what its feed holds now. The feed must
    come from another member of this council's region. Checks everything before writing
    anything; a problem is a RuleBroken naming where in the feed it is."""
    now = now or timezone.now()
    if not isinstance(feed, dict) or feed.get("format") != FEED_FORMAT:
        raise RuleBroken("format", f"This is not a regional pool feed ({FEED_FORMAT})")
    home = selectors.home_council()
    if home is None:
        raise RuleBroken(
            "council",
            "This council is not in a region yet: add the region and its councils, marking "
            "this one as home",
        )
    source = feed.get("council")
    code = source.get("la_code") if isinstance(source, dict) else None
    council = Council.objects.filter(la_code=str(code or "")).first()
    if council is None or council.region_id != home.region_id:
        raise RuleBroken(
            "council.la_code",
            f"The feed comes from a council that is not a member of {home.region.name}",
        )
    if council.home:
        raise RuleBroken("council.la_code", "The feed is this council's own")
    stories = [
        _pooled_story(item, f"stories[{index}]")
        for index, item in enumerate(_items(feed, "stories"))
    ]
    questions = [
        _pooled_question(item, f"questions[{index}]")
        for index, item in enumerate(_items(feed, "questions"))
    ]
    for key, rows in (("stories", stories), ("questions", questions)):
        ids = [row["source_id"] for row in rows]
        if len(set(ids)) != len(ids):
            raise RuleBroken(key, "lists the same item twice")
    with transaction.atomic():
        PooledStory.objects.filter(council=council).delete()
        PooledQuestion.objects.filter(council=council).delete()
        PooledStory.objects.bulk_create(
            PooledStory(council=council, imported_at=now, **row) for row in stories
        )
        PooledQuestion.objects.bulk_create(
            PooledQuestion(council=council, imported_at=now, **row) for row in questions
        )
        Council.objects.filter(pk=council.pk).update(last_imported_at=now)
        council.refresh_from_db()
        audit.record(
            actor,
            Action.UPDATE,
            obj=council,
            summary=f"Imported {council.name}'s regional pool: {len(stories)} stories and "
            f"{len(questions)} answered questions",
        )
    return Imported(council, len(stories), len(questions))
