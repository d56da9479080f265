"""Writes for the careers site: the public's questions and the champions' answers, stories,
and event bookings. Each function is one thing someone does, in one transaction; bad input
raises RuleBroken naming the field and writes nothing."""

import datetime
import uuid
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone

from casework.audit import services as audit
from casework.audit.models import Action
from casework.common.errors import RuleBroken
from casework.lib.ics import calendar_file
from casework.workforce.models import Booking, Champion, Event, Question, Story

QUESTION_MAX = 2000


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
            raise RuleBroken("status", "Someone else changed this question; reload it")
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
    answer = answer.strip()
    if not answer:
        raise RuleBroken("answer", "Enter the answer")
    return _move(
        actor,
        question,
        {Question.Status.ASSIGNED, Question.Status.ANSWERED},
        "Answered a question",
        status=Question.Status.ANSWERED,
        answer=answer,
        answered_at=timezone.now(),
    )


def publish_question(actor: Any, question: Question) -> Question:
    """Only an answered question is published, and always with its answer."""
    return _move(
        actor,
        question,
        {Question.Status.ANSWERED},
        "Published a question and its answer",
        status=Question.Status.PUBLISHED,
        published_at=timezone.now(),
    )


# Stories ----------------------------------------------------------------------------------------


def approve_story(actor: Any, story: Story) -> Story:
    """Publish a story. The teller's consent must be on record first."""
    if story.consent_given_on is None:
        raise RuleBroken("consent_given_on", "Record the teller's consent before approving")
    if story.video_url and not story.transcript.strip():
        raise RuleBroken("transcript", "Add a transcript of the video before approving")
    with transaction.atomic():
        Story.objects.filter(pk=story.pk).update(
            approved_at=timezone.now(), approved_by=actor, updated_at=timezone.now()
        )
        story.refresh_from_db()
        audit.record(actor, Action.UPDATE, obj=story, summary="Approved a story")
    return story


# Events -----------------------------------------------------------------------------------------


def event_calendar(event: Event, *, cancelled: bool = False) -> str:
    return calendar_file(
        uid=f"event-{event.pk}@casework",
        summary=event.title,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        stamped_at=timezone.now(),
        location=event.location,
        description=event.description,
        cancelled=cancelled,
    )


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
    if event.starts_at <= now:
        raise RuleBroken("event", "This event has already started, so it can no longer be booked")
    try:
        with transaction.atomic():
            # Lock the event row so two people cannot take the last place at the same moment.
            locked = Event.objects.select_for_update().get(pk=event.pk)
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
