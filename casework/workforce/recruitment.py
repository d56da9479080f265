"""Writes for the careers site: champions, the public's questions and their answers, stories,
the council's own pages, events, bookings and attendance. Each function is one thing someone
does, in one transaction with its audit event; bad input raises RuleBroken naming the field and
writes nothing, and a change made from an out-of-date page raises StaleVersion with what is
saved now."""

import datetime
import re
import uuid
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone

from casework.audit import services as audit
from casework.audit.models import Action
from casework.common.errors import RuleBroken, StaleVersion
from casework.common.versioning import update_versioned
from casework.lib.ics import calendar_file
from casework.workforce.models import Booking, CareersPage, Champion, Event, Question, Story

QUESTION_MAX = 2000
ANSWER_MAX = 10_000


# Champions ------------------------------------------------------------------------------------


def add_champion(actor: Any, *, name: str, job_title: str, user: Any = None) -> Champion:
    """A social worker agrees to answer the public's questions, under their own name."""
    name, job_title = name.strip(), job_title.strip()
    if not name:
        raise RuleBroken("name", "Enter the champion's name, as the public will see it")
    if not job_title:
        raise RuleBroken("job_title", "Enter the champion's job title")
    if user is not None and Champion.objects.filter(user=user).exists():
        raise RuleBroken("user", f"{user.display_name} is already a champion")
    with transaction.atomic():
        champion = Champion.objects.create(name=name, job_title=job_title, user=user)
        audit.record(actor, Action.CREATE, obj=champion, summary=f"Added {name} as a champion")
    return champion


def set_champion_active(actor: Any, champion: Champion, *, active: bool) -> Champion:
    """A champion stops (or starts again) answering questions. Their published answers stay."""
    if champion.active == active:
        raise RuleBroken(
            "active",
            f"{champion.name} is already {'answering' if active else 'not answering'} questions",
        )
    change = "is answering questions again" if active else "stopped answering questions"
    with transaction.atomic():
        Champion.objects.filter(pk=champion.pk).update(active=active, updated_at=timezone.now())
        champion.refresh_from_db()
        audit.record(actor, Action.UPDATE, obj=champion, summary=f"{champion.name} {change}")
    return champion


# The council's own pages ------------------------------------------------------------------------

PAGE_FIELDS = ("slug", "title", "summary", "body", "published", "order")
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


def _check_page(details: dict[str, Any], current: CareersPage | None = None) -> dict[str, Any]:
    clean = dict(details)
    clean["slug"] = str(clean.get("slug") or "").strip().lower()
    if not re.fullmatch(SLUG_PATTERN, clean["slug"]):
        raise RuleBroken(
            "slug",
            "Enter the web address as lower-case words joined by hyphens, like why-work-here",
        )
    taken = CareersPage.objects.filter(slug=clean["slug"])
    if current is not None:
        taken = taken.exclude(pk=current.pk)
    if taken.exists():
        raise RuleBroken("slug", f"Another page already uses the address {clean['slug']}")
    for name, message in (("title", "Enter the page's title"), ("body", "Enter the page's text")):
        clean[name] = str(clean.get(name) or "").strip()
        if not clean[name]:
            raise RuleBroken(name, message)
    clean["summary"] = str(clean.get("summary") or "").strip()
    clean["published"] = bool(clean.get("published"))
    clean["order"] = int(clean.get("order") or 0)
    return clean


def create_page(actor: Any, **details: Any) -> CareersPage:
    """Recruitment staff write one of the council's own pages: its practice principles, why work
    here and its inspection grade, the academy."""
    clean = _check_page(details)
    with transaction.atomic():
        page = CareersPage.objects.create(**{name: clean[name] for name in PAGE_FIELDS})
        audit.record(
            actor,
            Action.CREATE,
            obj=page,
            summary=f"Wrote the careers page {page.title}",
            after=audit.snapshot(page, PAGE_FIELDS),
        )
    return page


def change_page(
    actor: Any, page: CareersPage, *, expected_version: int | None, **details: Any
) -> CareersPage:
    clean = _check_page(details, current=page)
    before = audit.snapshot(page, PAGE_FIELDS)
    with transaction.atomic():
        updated = update_versioned(page, expected_version, {n: clean[n] for n in PAGE_FIELDS})
        audit.record(
            actor,
            Action.UPDATE,
            obj=updated,
            summary=f"Changed the careers page {updated.title}",
            before=before,
            after=audit.snapshot(updated, PAGE_FIELDS),
        )
    return updated


# Champions' questions ---------------------------------------------------------------------------


def ask_question(text: str, asked_by: str = "") -> Question:
    """Someone from the public asks the champions a question. It waits for moderation."""
    text = text.strip()
    if not text:
        raise RuleBroken("text", "Enter your question")
    if len(text) > QUESTION_MAX:
        raise RuleBroken("text", f"Your question must be {QUESTION_MAX:,} characters or fewer")
    with transaction.atomic():
        question = Question.objects.create(text=text, asked_by=asked_by.strip()[:120])
        audit.record(None, Action.CREATE, obj=question, summary="A question was asked")
    return question


def _move(
    actor: Any, question: Question, expected: set[str], summary: str, **changes: Any
) -> Question:
    if question.status not in expected:
        raise RuleBroken(
            "status",
            f"This question is {question.get_status_display().lower()}; it cannot be"
            " changed that way",
        )
    with transaction.atomic():
        updated = Question.objects.filter(pk=question.pk, status=question.status).update(
            updated_at=timezone.now(), **changes
        )
        if updated == 0:
            raise StaleVersion(Question.objects.select_related("champion").get(pk=question.pk))
        question.refresh_from_db()
        audit.record(actor, Action.UPDATE, obj=question, summary=summary)
    return question


def reject_question(actor: Any, question: Question) -> Question:
    return _move(
        actor,
        question,
        {Question.Status.RECEIVED},
        "Rejected a question in moderation",
        status=Question.Status.REJECTED,
        moderated_by=actor,
    )


def assign_question(actor: Any, question: Question, champion: Champion) -> Question:
    """The moderator accepts the question and gives it to a named champion."""
    if not champion.active:
        raise RuleBroken("champion", "Choose a champion who is still answering questions")
    return _move(
        actor,
        question,
        {Question.Status.RECEIVED, Question.Status.ASSIGNED},
        f"Assigned a question to {champion.name}",
        status=Question.Status.ASSIGNED,
        champion=champion,
        moderated_by=actor,
    )


def answer_question(actor: Any, question: Question, answer: str) -> Question:
    """Record the champion's answer (typed by the champion, or by the moderator from what the
    champion sent). It is not public until it is published."""
    answer = answer.strip()
    if not answer:
        raise RuleBroken("answer", "Enter the answer")
    if len(answer) > ANSWER_MAX:
        raise RuleBroken("answer", f"The answer must be {ANSWER_MAX:,} characters or fewer")
    return _move(
        actor,
        question,
        {Question.Status.ASSIGNED, Question.Status.ANSWERED},
        "Answered a question",
        status=Question.Status.ANSWERED,
        answer=answer,
        answered_at=timezone.now(),
    )


def publish_question(
    actor: Any, question: Question, *, share_with_region: bool = False
) -> Question:
    """Only an answered question is published, and always with its answer. Shared with the
    region, it goes into this council's feed for the other councils' sites."""
    return _move(
        actor,
        question,
        {Question.Status.ANSWERED},
        "Published a question and its answer"
        + (", shared with the region" if share_with_region else ""),
        status=Question.Status.PUBLISHED,
        published_at=timezone.now(),
        shared_with_region=share_with_region,
    )


def unpublish_question(actor: Any, question: Question) -> Question:
    """Take a published answer down (it was wrong, or the champion has left); it can be
    answered again and republished."""
    return _move(
        actor,
        question,
        {Question.Status.PUBLISHED},
        "Took a published answer down",
        status=Question.Status.ANSWERED,
        published_at=None,
        shared_with_region=False,
    )


# Stories ----------------------------------------------------------------------------------------


STORY_FIELDS = (
    "title",
    "told_by",
    "teller",
    "body",
    "video_url",
    "transcript",
    "consent_given_on",
    "shared_with_region",
)


def _check_story(details: dict[str, Any], today: datetime.date) -> dict[str, Any]:
    clean = dict(details)
    for name, message in (
        ("title", "Enter the story's title"),
        ("told_by", "Enter who tells the story, as it should appear"),
        ("body", "Enter the story"),
    ):
        clean[name] = str(clean.get(name) or "").strip()
        if not clean[name]:
            raise RuleBroken(name, message)
    if clean.get("teller") not in Story.Teller.values:
        raise RuleBroken("teller", "Select who is telling the story")
    clean["video_url"] = str(clean.get("video_url") or "").strip()
    clean["transcript"] = str(clean.get("transcript") or "").strip()
    if clean["video_url"] and not clean["video_url"].startswith("https://"):
        raise RuleBroken("video_url", "The video link must start with https://")
    if clean["video_url"] and not clean["transcript"]:
        raise RuleBroken("transcript", "Add a transcript of the video")
    consent = clean.get("consent_given_on")
    if consent is not None and consent > today:
        raise RuleBroken("consent_given_on", "The date of consent must be today or in the past")
    clean["shared_with_region"] = bool(clean.get("shared_with_region"))
    return clean


def record_story(actor: Any, today: datetime.date | None = None, **details: Any) -> Story:
    """A member of recruitment staff writes up a story. It is not shown until approved."""
    clean = _check_story(details, today or timezone.localdate())
    with transaction.atomic():
        story = Story.objects.create(**{name: clean.get(name) for name in STORY_FIELDS})
        audit.record(
            actor,
            Action.CREATE,
            obj=story,
            summary=f"Wrote up a story: {story.title}",
            after=audit.snapshot(story, STORY_FIELDS),
        )
    return story


def change_story(
    actor: Any,
    story: Story,
    *,
    expected_version: int | None,
    today: datetime.date | None = None,
    **details: Any,
) -> Story:
    """Change a story. Anything the reader would see differently takes an approved story down
    until it is approved again: the teller agreed to what was approved, not to the change."""
    clean = _check_story(details, today or timezone.localdate())
    changes = {name: clean.get(name) for name in STORY_FIELDS}
    seen = ("title", "told_by", "teller", "body", "video_url", "transcript")
    if any(getattr(story, name) != changes[name] for name in seen) or (
        changes["consent_given_on"] is None
    ):
        changes |= {"approved_at": None, "approved_by": None}
    before = audit.snapshot(story, STORY_FIELDS)
    with transaction.atomic():
        updated = update_versioned(story, expected_version, changes)
        audit.record(
            actor,
            Action.UPDATE,
            obj=updated,
            summary=f"Changed the story {updated.title}"
            + (" and took it down until it is approved again" if story.approved_at else ""),
            before=before,
            after=audit.snapshot(updated, STORY_FIELDS),
        )
    return updated


def approve_story(actor: Any, story: Story) -> Story:
    """Publish a story. The teller's consent must be on record first."""
    if story.consent_given_on is None:
        raise RuleBroken("consent_given_on", "Record the teller's consent before approving")
    if story.video_url and not story.transcript.strip():
        raise RuleBroken("transcript", "Add a transcript of the video before approving")
    if story.approved_at is not None:
        raise RuleBroken("story", "This story is already published")
    with transaction.atomic():
        updated = Story.objects.filter(
            pk=story.pk, version=story.version, approved_at__isnull=True
        ).update(approved_at=timezone.now(), approved_by=actor, updated_at=timezone.now())
        if updated == 0:
            raise StaleVersion(Story.objects.get(pk=story.pk))
        story.refresh_from_db()
        audit.record(actor, Action.UPDATE, obj=story, summary="Approved a story")
    return story


def withdraw_story(actor: Any, story: Story) -> Story:
    """Take a published story down, for instance because the teller withdrew their consent. It
    leaves this council's regional feed at once, and other councils' sites at their next
    import."""
    if story.approved_at is None:
        raise RuleBroken("story", "This story is not published")
    with transaction.atomic():
        Story.objects.filter(pk=story.pk).update(
            approved_at=None, approved_by=None, updated_at=timezone.now()
        )
        story.refresh_from_db()
        audit.record(actor, Action.UPDATE, obj=story, summary="Took a story down")
    return story


# Events -----------------------------------------------------------------------------------------


def event_calendar(event: Event, *, cancelled: bool = False) -> str:
    """The event's calendar file: one entry, repeated each day for a drop-in open the same hours
    on several days. A cancelled event's file removes it from the calendar."""
    daily = event.daily and event.days > 1
    return calendar_file(
        uid=f"event-{event.pk}@casework",
        summary=event.title,
        starts_at=event.starts_at,
        ends_at=event.first_day_ends_at if daily else event.ends_at,
        stamped_at=timezone.now(),
        location=event.location,
        description=event.description,
        cancelled=cancelled or event.cancelled_at is not None,
        repeat_days=event.days if daily else 1,
    )


EVENT_FIELDS = (
    "title",
    "description",
    "format",
    "location",
    "starts_at",
    "ends_at",
    "daily",
    "capacity",
    "published",
)


def create_event(
    actor: Any,
    *,
    title: str,
    description: str,
    format: str,
    location: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    capacity: int,
    daily: bool = False,
    published: bool = False,
    now: datetime.datetime | None = None,
) -> Event:
    """Recruitment staff put on an event: one evening, or a drop-in over several days."""
    now = now or timezone.now()
    title, description, location = title.strip(), description.strip(), location.strip()
    if not title:
        raise RuleBroken("title", "Enter the event's title")
    if not description:
        raise RuleBroken("description", "Enter what happens at the event")
    if format not in Event.Format.values:
        raise RuleBroken("format", "Select whether the event is online or in person")
    if not location:
        raise RuleBroken("location", "Enter where the event is, or how people join it online")
    if starts_at <= now:
        raise RuleBroken("starts_on", "The event must start in the future")
    if ends_at <= starts_at:
        raise RuleBroken("ends_on", "The event must end after it starts")
    if daily and timezone.localtime(ends_at).time() <= timezone.localtime(starts_at).time():
        raise RuleBroken(
            "end_time", "For the same hours each day, the end time must be after the start time"
        )
    if capacity < 1:
        raise RuleBroken("capacity", "The event needs at least one place")
    with transaction.atomic():
        event = Event.objects.create(
            title=title,
            description=description,
            format=format,
            location=location,
            starts_at=starts_at,
            ends_at=ends_at,
            daily=daily and timezone.localdate(ends_at) > timezone.localdate(starts_at),
            capacity=capacity,
            published=published,
        )
        audit.record(
            actor,
            Action.CREATE,
            obj=event,
            summary=f"Put on an event: {event.title}",
            after=audit.snapshot(event, EVENT_FIELDS),
        )
    return event


def publish_event(actor: Any, event: Event) -> Event:
    if event.cancelled_at is not None:
        raise RuleBroken("event", "This event has been cancelled")
    if event.published:
        raise RuleBroken("event", "This event is already on the careers site")
    with transaction.atomic():
        Event.objects.filter(pk=event.pk).update(published=True, updated_at=timezone.now())
        event.refresh_from_db()
        audit.record(actor, Action.UPDATE, obj=event, summary="Put an event on the careers site")
    return event


def cancel_event(
    actor: Any, event: Event, *, reason: str, now: datetime.datetime | None = None
) -> int:
    """The council cancels an event: it leaves the careers site, and everyone with a place is
    emailed (with a calendar file that takes it out of their calendar) once this commits.
    Returns how many people are told."""
    now = now or timezone.now()
    reason = reason.strip()
    if event.cancelled_at is not None:
        raise RuleBroken("event", "This event has already been cancelled")
    if event.ends_at <= now:
        raise RuleBroken("event", "This event has finished, so it cannot be cancelled")
    if not reason:
        raise RuleBroken("reason", "Enter why the event is cancelled: the people booked see it")
    with transaction.atomic():
        updated = Event.objects.filter(pk=event.pk, cancelled_at__isnull=True).update(
            cancelled_at=now, updated_at=now
        )
        if updated == 0:
            raise StaleVersion(Event.objects.get(pk=event.pk))
        event.refresh_from_db()
        people = list(event.bookings.filter(cancelled_at__isnull=True))
        audit.record(
            actor,
            Action.UPDATE,
            obj=event,
            summary=f"Cancelled the event {event.title}; {len(people)} people told",
        )
        calendar = event_calendar(event, cancelled=True)
        when = timezone.localtime(event.starts_at)
        messages = [
            EmailMessage(
                subject=f"Cancelled: {event.title}",
                body=f"Dear {booking.name},\n\nWe are sorry: {event.title} on "
                f"{when:%A %-d %B %Y} at {when:%H:%M} has been cancelled.\n\n{reason}\n\n"
                "The calendar file attached removes it from your calendar.\n",
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[booking.email],
                attachments=[("event.ics", calendar, "text/calendar")],
            )
            for booking in people
        ]

        def _send() -> None:
            for message in messages:
                message.send()

        transaction.on_commit(_send)
    return len(people)


def record_attendance(
    actor: Any,
    event: Event,
    attended: set[Any],
    *,
    now: datetime.datetime | None = None,
) -> tuple[int, int]:
    """Record who came: every active booking is marked as attended or not, from the ids ticked.
    Refused before the event has started, and for a booking that is not this event's. Returns
    (came, did not come)."""
    now = now or timezone.now()
    if event.starts_at > now:
        raise RuleBroken("attended", "Attendance can be recorded once the event has started")
    active = event.bookings.filter(cancelled_at__isnull=True)
    ids = set(active.values_list("pk", flat=True))
    unknown = {str(pk) for pk in attended} - {str(pk) for pk in ids}
    if unknown:
        raise RuleBroken("attended", "Tick only people who booked a place at this event")
    came = {pk for pk in ids if str(pk) in {str(a) for a in attended}}
    with transaction.atomic():
        active.filter(pk__in=came).update(attended=True, updated_at=now)
        active.exclude(pk__in=came).update(attended=False, updated_at=now)
        audit.record(
            actor,
            Action.UPDATE,
            obj=event,
            summary=f"Recorded attendance at {event.title}: {len(came)} of {len(ids)} came",
        )
    return len(came), len(ids) - len(came)


def _send_confirmation(booking: Booking, cancel_url: str) -> None:
    event = booking.event
    when = timezone.localtime(event.starts_at)
    body = (
        f"Dear {booking.name},\n\n"
        f"You have a place at {event.title} on {when:%A %-d %B %Y} at {when:%H:%M}.\n"
        f"Where: {event.location}\n\n"
        "The calendar file attached adds it to your calendar.\n"
        f"If you cannot come, cancel here so someone else can have your place: {cancel_url}\n"
    )
    message = EmailMessage(
        subject=f"Your place at {event.title}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[booking.email],
    )
    message.attach("event.ics", event_calendar(event), "text/calendar")
    message.send()


def book_event(
    event: Event,
    *,
    name: str,
    email: str,
    cancel_url_for: Any,
    now: datetime.datetime | None = None,
) -> Booking:
    """Book a place. Refused with a clear message when the event has started, is full, or this
    email address already has a place. The confirmation email goes after the booking commits."""
    now = now or timezone.now()
    if not name.strip():
        raise RuleBroken("name", "Enter your name")
    if not email.strip():
        raise RuleBroken("email", "Enter your email address")
    email = email.strip().lower()
    if not event.published:
        raise RuleBroken("event", "This event is not open for booking")
    if event.cancelled_at is not None:
        raise RuleBroken("event", "This event has been cancelled, so it cannot be booked")
    if event.starts_at <= now:
        raise RuleBroken("event", "This event has already started, so it can no longer be booked")
    try:
        with transaction.atomic():
            # Lock the event row so two people cannot take the last place at the same moment.
            locked = Event.objects.select_for_update().get(pk=event.pk)
            if locked.cancelled_at is not None:
                raise RuleBroken("event", "This event has been cancelled, so it cannot be booked")
            active = Booking.objects.filter(event=locked, cancelled_at__isnull=True)
            if active.filter(email=email).exists():
                raise RuleBroken("email", "This email address already has a place at this event")
            if active.count() >= locked.capacity:
                raise RuleBroken(
                    "event", "This event is full. Look at our other events, or come to the next one"
                )
            booking = Booking.objects.create(event=locked, name=name.strip(), email=email)
            audit.record(None, Action.CREATE, obj=booking, summary="A place at an event was booked")
            cancel_url = cancel_url_for(booking)
            transaction.on_commit(lambda: _send_confirmation(booking, cancel_url))
    except IntegrityError:
        raise RuleBroken("email", "This email address already has a place at this event") from None
    return booking


def cancel_booking(reference: uuid.UUID, now: datetime.datetime | None = None) -> Booking:
    now = now or timezone.now()
    booking = Booking.objects.select_related("event").filter(reference=reference).first()
    if booking is None:
        raise RuleBroken("reference", "We cannot find that booking")
    if booking.cancelled_at is not None:
        raise RuleBroken("reference", "This booking has already been cancelled")
    if booking.event.starts_at <= now:
        raise RuleBroken("reference", "The event has already started, so it cannot be cancelled")
    with transaction.atomic():
        Booking.objects.filter(pk=booking.pk).update(cancelled_at=now, updated_at=now)
        booking.refresh_from_db()
        audit.record(None, Action.UPDATE, obj=booking, summary="A booking was cancelled")
    return booking


def send_reminders(now: datetime.datetime | None = None, within_hours: int = 24) -> int:
    """Email everyone with a place at an event starting in the next `within_hours` hours who has
    not had a reminder. Each booking is marked as it is sent, so a re-run sends no duplicates."""
    now = now or timezone.now()
    due = Booking.objects.select_related("event").filter(
        cancelled_at__isnull=True,
        reminded_at__isnull=True,
        event__cancelled_at__isnull=True,
        event__starts_at__gt=now,
        event__starts_at__lte=now + datetime.timedelta(hours=within_hours),
    )
    sent = 0
    for booking in due:
        event = booking.event
        when = timezone.localtime(event.starts_at)
        with transaction.atomic():
            marked = Booking.objects.filter(pk=booking.pk, reminded_at__isnull=True).update(
                reminded_at=now
            )
            if not marked:
                continue
            message = EmailMessage(
                subject=f"Reminder: {event.title}",
                body=f"Dear {booking.name},\n\nA reminder that {event.title} starts on "
                f"{when:%A %-d %B} at {when:%H:%M}.\nWhere: {event.location}\n",
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[booking.email],
            )
            transaction.on_commit(message.send)
        sent += 1
    return sent
