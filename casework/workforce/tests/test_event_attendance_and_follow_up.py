"""Recruitment staff put on events (one evening, or a drop-in the same hours on several days),
cancel them with an email to everyone booked, record who came once they have started, and see
which of the people who booked went on to apply."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from casework.common.errors import RuleBroken
from casework.testing.personas import Personas
from casework.workforce import recruitment
from casework.workforce.models import Booking, Event
from casework.workforce.tests.factories import VacancyFactory
from casework.workforce.tests.test_careers_and_applying import apply
from casework.workforce.tests.test_events_and_bookings import make_event

pytestmark = pytest.mark.django_db
R = "/workforce/recruitment/events"


def signed_in(personas: Personas) -> Client:
    client = Client()
    client.force_login(personas.recruiter)
    return client


def event_form(**overrides: object) -> dict[str, object]:
    day = timezone.localdate() + datetime.timedelta(days=14)
    data: dict[str, object] = {
        "title": "Online evening: meet our teams",
        "description": "An hour with our social workers.",
        "format": "online",
        "location": "Online",
        "starts_on_day": day.day,
        "starts_on_month": day.month,
        "starts_on_year": day.year,
        "start_time": "18:00",
        "ends_on_day": day.day,
        "ends_on_month": day.month,
        "ends_on_year": day.year,
        "end_time": "19:00",
        "capacity": "60",
        "published": "yes",
    }
    data.update(overrides)
    return data


def test_the_6pm_online_event_is_put_on_and_shown_to_the_public(personas: Personas) -> None:
    response = signed_in(personas).post(f"{R}/new/", event_form())
    assert response.status_code == 302
    event = Event.objects.get()
    assert timezone.localtime(event.starts_at).hour == 18
    assert event.days == 1
    page = Client().get("/careers/events/").text
    assert "Online evening: meet our teams" in page
    assert "6:00pm to 7:00pm" in page


def test_a_three_day_drop_in_is_open_the_same_hours_each_day(personas: Personas) -> None:
    first = timezone.localdate() + datetime.timedelta(days=10)
    last = first + datetime.timedelta(days=2)
    form = event_form(
        title="Drop-in at the civic centre",
        format="in_person",
        location="Civic Centre, Northbrook",
        start_time="10:00",
        end_time="16:00",
        starts_on_day=first.day,
        starts_on_month=first.month,
        starts_on_year=first.year,
        ends_on_day=last.day,
        ends_on_month=last.month,
        ends_on_year=last.year,
        daily="yes",
    )
    assert signed_in(personas).post(f"{R}/new/", form).status_code == 302
    event = Event.objects.get()
    assert event.daily
    assert event.days == 3
    page = Client().get(event.get_absolute_url()).text
    assert "10:00am to 4:00pm each day (3 days)" in page
    calendar = Client().get(f"/careers/events/{event.pk}/calendar.ics").content.decode()
    assert "RRULE:FREQ=DAILY;COUNT=3" in calendar
    # Each day's entry runs from ten to four, not across the nights in between.
    assert timezone.localtime(event.first_day_ends_at).hour == 16
    assert timezone.localdate(event.first_day_ends_at) == first


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Enter title"),
        ({"start_time": "6pm"}, "Enter the start time in 24-hour time, like 18:00"),
        ({"end_time": "17:00"}, "The event must end after it starts"),
        ({"starts_on_year": "2020", "ends_on_year": "2020"}, "The event must start in the future"),
        ({"capacity": "0"}, "The event needs at least one place"),
        ({"format": ""}, "Select online or in person"),
    ],
)
def test_bad_event_input_is_named_and_nothing_is_saved(
    personas: Personas, overrides: dict[str, object], message: str
) -> None:
    response = signed_in(personas).post(f"{R}/new/", event_form(**overrides))
    assert response.status_code == 400
    assert message in response.text
    assert not Event.objects.exists()


def test_a_daily_event_must_end_each_day_after_it_starts(personas: Personas) -> None:
    last = timezone.localdate() + datetime.timedelta(days=16)
    form = event_form(
        start_time="16:00",
        end_time="10:00",
        ends_on_day=last.day,
        ends_on_month=last.month,
        ends_on_year=last.year,
        daily="yes",
    )
    response = signed_in(personas).post(f"{R}/new/", form)
    assert response.status_code == 400
    assert "the end time must be after the start time" in response.text


def test_cancelling_an_event_tells_everyone_booked_and_stops_bookings(
    personas: Personas, django_capture_on_commit_callbacks
) -> None:
    event = make_event(capacity=5)
    recruitment.book_event(event, name="A", email="a@example.org", cancel_url_for=str)
    recruitment.book_event(event, name="B", email="b@example.org", cancel_url_for=str)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(personas).post(
            f"{R}/{event.pk}/cancel/", {"reason": "The speaker is ill."}
        )
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]
    message = mail.outbox[0]
    assert message.subject.startswith("Cancelled:")
    assert "The speaker is ill." in message.body
    assert "METHOD:CANCEL" in message.attachments[0][1]
    assert "Online evening" not in Client().get("/careers/events/").text
    refused = Client().post(event.get_absolute_url(), {"name": "C", "email": "c@example.org"})
    assert refused.status_code == 400
    assert "This event has been cancelled" in refused.text


def test_cancelling_needs_a_reason(personas: Personas) -> None:
    event = make_event()
    response = signed_in(personas).post(f"{R}/{event.pk}/cancel/", {"reason": ""})
    assert response.status_code == 400
    assert "Enter why it is cancelled" in response.text
    event.refresh_from_db()
    assert event.cancelled_at is None


def test_reminders_are_not_sent_for_a_cancelled_event(personas: Personas) -> None:
    soon = timezone.now() + datetime.timedelta(hours=3)
    event = make_event(starts_at=soon, ends_at=soon + datetime.timedelta(hours=1))
    Booking.objects.create(event=event, name="A", email="a@example.org")
    recruitment.cancel_event(personas.recruiter, event, reason="Ill.")
    assert recruitment.send_reminders() == 0


def test_attendance_waits_for_the_event_to_start(personas: Personas) -> None:
    event = make_event()
    booking = recruitment.book_event(event, name="A", email="a@example.org", cancel_url_for=str)
    response = signed_in(personas).post(
        f"{R}/{event.pk}/attendance/", {"attended": [str(booking.pk)]}
    )
    assert response.status_code == 400
    assert "once the event has started" in response.text
    booking.refresh_from_db()
    assert booking.attended is None


def test_attendance_is_recorded_and_the_follow_up_shows_who_applied(personas: Personas) -> None:
    event = make_event(capacity=5)
    came = recruitment.book_event(event, name="Came", email="came@example.org", cancel_url_for=str)
    recruitment.book_event(event, name="Missed", email="missed@example.org", cancel_url_for=str)
    # The evening happens.
    past = timezone.now() - datetime.timedelta(hours=2)
    Event.objects.filter(pk=event.pk).update(
        starts_at=past, ends_at=past + datetime.timedelta(hours=1)
    )
    client = signed_in(personas)
    response = client.post(f"{R}/{event.pk}/attendance/", {"attended": [str(came.pk)]})
    assert response.status_code == 302
    assert dict(Booking.objects.values_list("email", "attended")) == {
        "came@example.org": True,
        "missed@example.org": False,
    }
    apply(Client(), VacancyFactory(title="Senior practitioner"), email="came@example.org")
    page = client.get(f"{R}/{event.pk}/").text
    assert "1 of 2 people with a place has applied" in page
    assert "Senior practitioner" in page


def test_attendance_refuses_someone_not_booked(personas: Personas) -> None:
    event = make_event()
    other = make_event(title="Other")
    stranger = recruitment.book_event(other, name="S", email="s@example.org", cancel_url_for=str)
    past = timezone.now() - datetime.timedelta(hours=2)
    Event.objects.filter(pk=event.pk).update(
        starts_at=past, ends_at=past + datetime.timedelta(hours=1)
    )
    event.refresh_from_db()
    with pytest.raises(RuleBroken, match="Tick only people who booked"):
        recruitment.record_attendance(personas.recruiter, event, {stranger.pk})


def test_the_staff_event_pages_are_for_recruitment_staff_only(personas: Personas) -> None:
    event = make_event()
    for name in ("sam.worker", "tara.manager", "hana.head", "fran.frontdoor"):
        user = personas.by_name()[name]
        assert user is not None
        client = Client()
        client.force_login(user)
        assert client.get(f"{R}/{event.pk}/").status_code == 404, name
        assert client.post(f"{R}/{event.pk}/cancel/", {"reason": "x"}).status_code == 404, name
    event.refresh_from_db()
    assert event.cancelled_at is None


def test_the_event_list_keeps_a_fixed_number_of_queries(
    personas: Personas, django_assert_max_num_queries
) -> None:
    for n in range(12):
        event = make_event(title=f"Event {n}", capacity=20)
        for m in range(3):
            Booking.objects.create(event=event, name="X", email=f"x{m}@example.org")
    client = signed_in(personas)
    client.get(f"{R}/")
    with django_assert_max_num_queries(8):
        assert client.get(f"{R}/").status_code == 200
