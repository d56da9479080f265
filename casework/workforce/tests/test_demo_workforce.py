"""The demo council's workforce: records for every member of staff, valid for the census."""

import datetime
import random

import pytest
from django.utils import timezone

from casework.accounts.models import User
from casework.testing.personas import Personas
from casework.workforce import census
from casework.workforce.demo import build_workforce
from casework.workforce.models import StaffRecord, Vacancy


@pytest.mark.django_db
def test_the_demo_gives_everyone_a_record_and_opens_vacancies(personas: Personas) -> None:
    today = timezone.localdate()
    made = build_workforce(random.Random(1), today)
    assert made > 0
    assert StaffRecord.objects.count() == User.objects.count()
    assert Vacancy.objects.filter(status=Vacancy.Status.OPEN).count() == 3
    assert build_workforce(random.Random(1), today) == 0  # running it again adds nothing


@pytest.mark.django_db
def test_the_demo_workforce_passes_the_census_schema(personas: Personas) -> None:
    today = datetime.date(2026, 9, 30)
    build_workforce(random.Random(2), today)
    assert census.validation_errors(census.build(2026, "201")) == []


@pytest.mark.django_db
def test_the_demo_opens_the_careers_site(personas: Personas) -> None:
    from django.test import Client

    from casework.workforce.models import Event, Question, Story

    build_workforce(random.Random(3), timezone.localdate())
    event = Event.objects.get(title__startswith="Online evening: meet")
    assert timezone.localtime(event.starts_at).hour == 18
    assert event.starts_at > timezone.now()
    drop_in = Event.objects.get(title__startswith="Drop-in")
    assert drop_in.daily
    assert drop_in.days == 3
    assert Story.objects.filter(approved_at__isnull=False, shared_with_region=True).count() == 1
    assert Question.objects.filter(status=Question.Status.PUBLISHED).count() == 1
    client = Client()
    for path in ("/careers/", "/careers/pages/practice-principles/", "/careers/events/"):
        assert client.get(path).status_code == 200, path


@pytest.mark.django_db
def test_the_demo_has_a_cohort_with_mentors_and_applicants(personas: Personas) -> None:
    from casework.workforce.models import AcademyCohort, Application, TrainingSession

    build_workforce(random.Random(4), timezone.localdate())
    assert AcademyCohort.objects.count() == 2
    assert TrainingSession.objects.filter(attended_by__isnull=False).exists()
    applications = Application.objects.all()
    assert applications.count() == 3
    assert applications.filter(academy_graduate__isnull=False).count() == 1


def test_the_workforce_builds_on_the_demo_council(db: None) -> None:
    from casework.demo.council import build_council
    from casework.workforce import selectors

    build_council(children=40, seed=3)
    today = timezone.localdate()
    build_workforce(random.Random(3), today)
    assert StaffRecord.objects.count() == User.objects.count()
    _, reference = census.census_year(today.year + (1 if today.month > 9 else 0))
    document = census.build(reference.year, "201")
    assert census.validation_errors(document) == []
    summaries = selectors.team_caseloads(
        selectors.teams_visible_to(User.objects.get(username="hana.head")), today
    )
    assert any(summary.children > 0 for summary in summaries)


@pytest.mark.django_db
def test_the_demo_region_pools_its_neighbours_stories_and_answers(personas: Personas) -> None:
    from django.test import Client

    from casework.workforce import selectors
    from casework.workforce.models import Council

    build_workforce(random.Random(5), timezone.localdate())
    assert Council.objects.filter(home=True).count() == 1
    assert Council.objects.count() == 3
    stories = selectors.stories_for_public()
    assert {story.council for story in stories} == {"", "Eastholme Council", "Riverside Council"}
    assert "Riverside Council" in Client().get("/careers/questions/").text
    funnel = dict(selectors.funnel())
    assert funnel["Booked a place at an event"] >= 9
    assert funnel["Then applied"] >= 1
