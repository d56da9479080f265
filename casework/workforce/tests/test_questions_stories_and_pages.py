"""Champions' questions (ask, moderate, assign, answer, publish), stories shown only after
consent and approval, and the pages the council writes."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone

from casework.common.errors import RuleBroken
from casework.testing.personas import Personas
from casework.workforce import recruitment
from casework.workforce.models import CareersPage, Champion, Question, Story

pytestmark = pytest.mark.django_db


def ask(client: Client, text: str = "What is supervision like?", **extra: str):
    return client.post("/careers/questions/", {"text": text, "asked_by": "Sam", **extra})


def test_a_question_is_answered_and_published_only_after_moderation(personas: Personas) -> None:
    client = Client()
    response = ask(client)
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.status == Question.Status.RECEIVED
    assert "What is supervision like?" not in client.get("/careers/questions/").text
    champion = Champion.objects.create(name="Priya", job_title="Senior practitioner")
    recruitment.assign_question(personas.recruiter, question, champion)
    recruitment.answer_question(personas.recruiter, question, "Weekly, and it is protected time.")
    assert "Weekly, and it is protected" not in client.get("/careers/questions/").text
    recruitment.publish_question(personas.recruiter, question)
    page = client.get("/careers/questions/").text
    assert "What is supervision like?" in page
    assert "Weekly, and it is protected time." in page
    assert "Priya" in page


def test_an_unanswered_question_cannot_be_published(personas: Personas) -> None:
    question = recruitment.ask_question("Is there a car allowance?")
    with pytest.raises(RuleBroken, match="waiting for moderation"):
        recruitment.publish_question(personas.recruiter, question)


def test_a_rejected_question_cannot_be_assigned(personas: Personas) -> None:
    question = recruitment.ask_question("Buy cheap watches")
    recruitment.reject_question(personas.recruiter, question)
    champion = Champion.objects.create(name="Priya", job_title="Social worker")
    with pytest.raises(RuleBroken):
        recruitment.assign_question(personas.recruiter, question, champion)


def test_an_inactive_champion_cannot_be_given_questions(personas: Personas) -> None:
    question = recruitment.ask_question("How big are caseloads?")
    champion = Champion.objects.create(name="Left", job_title="Social worker", active=False)
    with pytest.raises(RuleBroken) as broken:
        recruitment.assign_question(personas.recruiter, question, champion)
    assert broken.value.field == "champion"


def test_an_empty_answer_is_refused(personas: Personas) -> None:
    question = recruitment.ask_question("How big are caseloads?")
    champion = Champion.objects.create(name="Priya", job_title="Social worker")
    recruitment.assign_question(personas.recruiter, question, champion)
    with pytest.raises(RuleBroken) as broken:
        recruitment.answer_question(personas.recruiter, question, "   ")
    assert broken.value.field == "answer"


def test_the_database_refuses_a_published_question_without_an_answer() -> None:
    champion = Champion.objects.create(name="Priya", job_title="Social worker")
    with pytest.raises(IntegrityError), transaction.atomic():
        Question.objects.create(
            text="Q",
            status=Question.Status.PUBLISHED,
            champion=champion,
            published_at=timezone.now(),
        )


def test_an_empty_question_is_named_and_nothing_is_saved() -> None:
    response = ask(Client(), text="")
    assert response.status_code == 400
    assert "Enter your question" in response.text
    assert not Question.objects.exists()


def test_questions_are_rate_limited_per_address() -> None:
    client = Client()
    for n in range(5):
        assert ask(client, text=f"Question {n}").status_code == 302
    response = ask(client, text="One too many")
    assert response.status_code == 429
    assert Question.objects.count() == 5


def test_the_question_honeypot_saves_nothing() -> None:
    assert ask(Client(), website="http://spam").status_code == 400
    assert not Question.objects.exists()


def test_a_story_is_shown_only_after_consent_and_approval(personas: Personas) -> None:
    story = Story.objects.create(
        title="Why I stayed", told_by="Aisha", teller=Story.Teller.SOCIAL_WORKER, body="Because."
    )
    client = Client()
    assert client.get(story.get_absolute_url()).status_code == 404
    with pytest.raises(RuleBroken) as broken:
        recruitment.approve_story(personas.recruiter, story)
    assert broken.value.field == "consent_given_on"
    Story.objects.filter(pk=story.pk).update(consent_given_on=datetime.date(2026, 3, 1))
    story.refresh_from_db()
    recruitment.approve_story(personas.recruiter, story)
    assert client.get(story.get_absolute_url()).status_code == 200
    assert "Why I stayed" in client.get("/careers/stories/").text


def test_the_database_refuses_a_video_without_a_transcript() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Story.objects.create(
            title="Video",
            told_by="A",
            teller=Story.Teller.FAMILY,
            body="B",
            video_url="https://video.example/1",
        )


def test_the_councils_own_pages_show_once_published() -> None:
    page = CareersPage.objects.create(
        slug="practice-principles",
        title="Our practice principles",
        body="Child-centred.\n\nFamily-minded.",
    )
    client = Client()
    assert client.get(page.get_absolute_url()).status_code == 404
    CareersPage.objects.filter(pk=page.pk).update(published=True)
    response = client.get(page.get_absolute_url())
    assert response.status_code == 200
    assert "Family-minded." in response.text
