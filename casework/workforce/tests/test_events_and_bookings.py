"""Events on the careers site: booking with a confirmation email and calendar file, and the
clear refusals when the event is full, already booked, or has started; cancellation."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from casework.common.errors import RuleBroken
from casework.lib.ics import calendar_file
from casework.workforce import recruitment
from casework.workforce.models import Booking, Event

pytestmark = pytest.mark.django_db


def make_event(**overrides: object) -> Event:
    start = timezone.now() + datetime.timedelta(days=7)
    fields: dict[str, object] = {
        "title": "Online evening: meet our teams",
        "description": "Hear from social workers, ask anything.",
        "format": Event.Format.ONLINE,
        "location": "Online; the link comes by email",
        "starts_at": start,
        "ends_at": start + datetime.timedelta(hours=1),
        "capacity": 2,
        "published": True,
    }
    fields.update(overrides)
    return Event.objects.create(**fields)


def book(client: Client, event: Event, email: str = "jo@example.org", **extra: str):
    return client.post(f"/careers/events/{event.pk}/", {"name": "Jo", "email": email, **extra})


def test_booking_sends_a_confirmation_with_a_calendar_file(django_capture_on_commit_callbacks):
    event = make_event()
    with django_capture_on_commit_callbacks(execute=True):
        response = book(Client(), event)
    booking = Booking.objects.get()
    assert response.status_code == 302
    assert response.url == f"/careers/bookings/{booking.reference}/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["jo@example.org"]
    assert f"/careers/bookings/{booking.reference}/cancel/" in message.body
    name, content, kind = message.attachments[0]
    assert name == "event.ics"
    assert kind == "text/calendar"
    assert "BEGIN:VEVENT" in content
    assert "SUMMARY:Online evening: meet our teams" in content


def test_a_full_event_says_so_and_books_nobody() -> None:
    event = make_event(capacity=1)
    client = Client()
    assert book(client, event, "a@example.org").status_code == 302
    response = book(client, event, "b@example.org")
    assert response.status_code == 400
    assert "This event is full" in response.text
    assert Booking.objects.count() == 1


def test_the_service_refuses_a_full_event_with_a_clear_message() -> None:
    event = make_event(capacity=1)
    recruitment.book_event(event, name="A", email="a@example.org", cancel_url_for=str)
    with pytest.raises(RuleBroken, match="This event is full"):
        recruitment.book_event(event, name="B", email="b@example.org", cancel_url_for=str)


def test_booking_twice_is_refused_by_name() -> None:
    event = make_event()
    client = Client()
    book(client, event)
    response = book(client, event, "JO@example.org")
    assert response.status_code == 400
    assert "This email address already has a place at this event" in response.text
    assert Booking.objects.count() == 1


def test_booking_after_the_start_is_refused() -> None:
    start = timezone.now() - datetime.timedelta(minutes=5)
    event = make_event(starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    response = book(Client(), event)
    assert response.status_code == 400
    assert "This event has already started" in response.text
    assert not Booking.objects.exists()


def test_bad_input_is_named_and_nothing_is_booked() -> None:
    event = make_event()
    response = Client().post(f"/careers/events/{event.pk}/", {"name": "", "email": "nope"})
    assert response.status_code == 400
    assert "Enter your name" in response.text
    assert "Enter an email address in the right format" in response.text
    assert not Booking.objects.exists()


def test_the_honeypot_books_nothing() -> None:
    event = make_event()
    assert book(Client(), event, website="spam").status_code == 400
    assert not Booking.objects.exists()


def test_a_cancelled_place_can_be_booked_again() -> None:
    event = make_event(capacity=1)
    first = recruitment.book_event(event, name="A", email="a@example.org", cancel_url_for=str)
    client = Client()
    response = client.post(f"/careers/bookings/{first.reference}/cancel/")
    assert response.status_code == 200
    assert "Booking cancelled" in response.text
    assert book(client, event, "b@example.org").status_code == 302


def test_cancelling_twice_says_it_is_already_cancelled() -> None:
    event = make_event()
    booking = recruitment.book_event(event, name="A", email="a@example.org", cancel_url_for=str)
    recruitment.cancel_booking(booking.reference)
    response = Client().post(f"/careers/bookings/{booking.reference}/cancel/")
    assert response.status_code == 400
    assert "already been cancelled" in response.text


def test_an_unknown_booking_is_not_found() -> None:
    assert (
        Client().get("/careers/bookings/00000000-0000-0000-0000-000000000001/").status_code == 404
    )


def test_an_unpublished_event_is_not_found() -> None:
    event = make_event(published=False)
    assert Client().get(event.get_absolute_url()).status_code == 404


def test_the_calendar_file_is_downloadable() -> None:
    event = make_event()
    response = Client().get(f"/careers/events/{event.pk}/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert b"DTSTART:" in response.content


def test_the_calendar_file_escapes_and_folds_lines() -> None:
    start = datetime.datetime(2026, 11, 3, 18, 0, tzinfo=datetime.UTC)
    content = calendar_file(
        uid="x@casework",
        summary="Drop-in; ask, anything",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
        stamped_at=start,
        description="A" * 200,
    )
    assert "SUMMARY:Drop-in\\; ask\\, anything" in content
    assert all(len(line.encode()) <= 75 for line in content.split("\r\n"))
    assert "DTSTART:20261103T180000Z" in content
    with pytest.raises(ValueError, match="aware"):
        calendar_file(
            uid="x",
            summary="x",
            starts_at=datetime.datetime(2026, 1, 1),  # noqa: DTZ001
            ends_at=start,
            stamped_at=start,
        )


def test_reminders_go_once_to_people_booked_on_events_starting_soon(
    django_capture_on_commit_callbacks,
) -> None:
    from django.core.management import call_command

    soon = make_event(
        starts_at=timezone.now() + datetime.timedelta(hours=3),
        ends_at=timezone.now() + datetime.timedelta(hours=4),
    )
    later = make_event(title="Later")
    Booking.objects.create(event=soon, name="A", email="a@example.org")
    Booking.objects.create(event=soon, name="B", email="b@example.org", cancelled_at=timezone.now())
    Booking.objects.create(event=later, name="C", email="c@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind_bookings")
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    assert mail.outbox[0].subject.startswith("Reminder:")
    with django_capture_on_commit_callbacks(execute=True):
        assert recruitment.send_reminders() == 0
    assert len(mail.outbox) == 1
