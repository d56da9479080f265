"""Applicants' data is deleted, CV files included, once the retention period has passed."""

import datetime
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from casework.audit.models import Action, AuditEvent
from casework.workforce import services
from casework.workforce.models import Application, EqualityResponse
from casework.workforce.tests.factories import VacancyFactory
from casework.workforce.tests.test_careers_and_applying import apply

pytestmark = pytest.mark.django_db


def age(application: Application, days: int) -> None:
    Application.objects.filter(pk=application.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=days)
    )


def test_old_applications_and_their_cvs_are_deleted(django_capture_on_commit_callbacks) -> None:
    apply(Client(), VacancyFactory(), email="old@example.org")
    apply(Client(), VacancyFactory(), email="new@example.org")
    old = Application.objects.get(email="old@example.org")
    cv_path = Path(old.cv.path)
    assert cv_path.exists()
    age(old, 200)
    with django_capture_on_commit_callbacks(execute=True):
        deleted = services.forget_applicants(today=timezone.localdate(), retention_days=183)
    assert deleted == 1
    assert list(Application.objects.values_list("email", flat=True)) == ["new@example.org"]
    assert not cv_path.exists()
    event = AuditEvent.objects.filter(action=Action.DELETE).get()
    assert "1 applications, 0 event bookings and 0 unpublished questions" in event.summary
    assert "old@example.org" not in event.summary


def test_equality_answers_are_kept_because_they_identify_nobody() -> None:
    apply(Client(), VacancyFactory())
    age(Application.objects.get(), 400)
    services.forget_applicants(today=timezone.localdate())
    assert not Application.objects.exists()
    assert EqualityResponse.objects.count() == 1


def test_applications_inside_the_period_are_kept() -> None:
    apply(Client(), VacancyFactory())
    age(Application.objects.get(), 100)
    assert services.forget_applicants(today=timezone.localdate()) == 0
    assert Application.objects.count() == 1


def test_the_command_reports_how_many_it_deleted(capsys) -> None:
    apply(Client(), VacancyFactory())
    age(Application.objects.get(), 40)
    call_command("forget_applicants", "--days", "30")
    assert "Deleted 1 application" in capsys.readouterr().out
    assert not Application.objects.exists()


def test_a_retention_period_under_a_day_is_refused() -> None:
    with pytest.raises(CommandError, match="at least one day"):
        call_command("forget_applicants", "--days", "0")


def test_bookings_for_long_past_events_are_deleted_too() -> None:
    from casework.workforce.models import Booking, Event

    long_ago = timezone.now() - datetime.timedelta(days=400)
    recent = timezone.now() - datetime.timedelta(days=10)
    for title, start in (("Old", long_ago), ("Recent", recent)):
        event = Event.objects.create(
            title=title,
            description="D",
            format=Event.Format.ONLINE,
            location="Online",
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=1),
            capacity=5,
            published=True,
        )
        Booking.objects.create(event=event, name="Jo", email="jo@example.org")
    services.forget_applicants(today=timezone.localdate())
    assert list(Booking.objects.values_list("event__title", flat=True)) == ["Recent"]


def test_unpublished_questions_go_and_published_ones_stay() -> None:
    from casework.workforce import recruitment
    from casework.workforce.models import Champion, Question

    old = timezone.now() - datetime.timedelta(days=400)
    rejected = recruitment.ask_question("Spam", "Jo")
    recruitment.reject_question(None, rejected)
    waiting = recruitment.ask_question("Never answered?", "Sam")
    published = recruitment.ask_question("Supervision?", "Ali")
    champion = Champion.objects.create(name="Priya", job_title="Social worker")
    recruitment.assign_question(None, published, champion)
    recruitment.answer_question(None, published, "Weekly.")
    recruitment.publish_question(None, published)
    recent = recruitment.ask_question("Asked this week?")
    Question.objects.exclude(pk=recent.pk).update(updated_at=old)
    services.forget_applicants(today=timezone.localdate())
    assert set(Question.objects.values_list("text", flat=True)) == {
        "Supervision?",
        "Asked this week?",
    }
    assert waiting.pk not in set(Question.objects.values_list("pk", flat=True))
