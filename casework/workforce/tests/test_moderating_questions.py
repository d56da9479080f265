"""Recruitment staff's pages for champions' questions: give a question to a named champion,
record the answer, publish it (to the region too, if chosen), reject spam, take an answer down.
Only recruitment staff reach them; a change made from an out-of-date page is a 409."""

import pytest
from django.test import Client

from casework.audit.models import AuditEvent
from casework.testing.personas import Personas
from casework.workforce import recruitment
from casework.workforce.models import Champion, Question

pytestmark = pytest.mark.django_db
R = "/workforce/recruitment/questions"


def signed_in(personas: Personas) -> Client:
    client = Client()
    client.force_login(personas.recruiter)
    return client


def champion(name: str = "Priya") -> Champion:
    return Champion.objects.create(name=name, job_title="Social worker, Team A")


def test_a_question_goes_from_the_public_to_a_champion_and_back_published(
    personas: Personas,
) -> None:
    Client().post("/careers/questions/", {"text": "How big are caseloads?", "asked_by": "Jo"})
    question = Question.objects.get()
    priya = champion()
    client = signed_in(personas)
    listing = client.get(f"{R}/")
    assert "How big are caseloads?" in listing.text
    response = client.post(f"{R}/{question.pk}/assign/", {"champion": str(priya.pk)})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == Question.Status.ASSIGNED
    assert question.champion == priya
    response = client.post(f"{R}/{question.pk}/answer/", {"answer": "Eighteen on average."})
    assert response.status_code == 302
    assert "Eighteen on average." not in Client().get("/careers/questions/").text
    response = client.post(f"{R}/{question.pk}/publish/", {"share_with_region": "yes"})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == Question.Status.PUBLISHED
    assert question.shared_with_region
    public = Client().get("/careers/questions/").text
    assert "How big are caseloads?" in public
    assert "Eighteen on average." in public
    assert "Priya" in public
    summaries = set(AuditEvent.objects.values_list("summary", flat=True))
    assert "Assigned a question to Priya" in summaries
    assert "Published a question and its answer, shared with the region" in summaries


def test_assigning_without_a_champion_names_the_field(personas: Personas) -> None:
    question = recruitment.ask_question("Is there a car allowance?")
    response = signed_in(personas).post(f"{R}/{question.pk}/assign/", {"champion": ""})
    assert response.status_code == 400
    assert "Choose the champion who will answer" in response.text
    question.refresh_from_db()
    assert question.status == Question.Status.RECEIVED


def test_an_empty_answer_is_refused_and_nothing_changes(personas: Personas) -> None:
    question = recruitment.ask_question("Is there a car allowance?")
    recruitment.assign_question(personas.recruiter, question, champion())
    response = signed_in(personas).post(f"{R}/{question.pk}/answer/", {"answer": ""})
    assert response.status_code == 400
    assert "Enter the champion&#x27;s answer" in response.text
    question.refresh_from_db()
    assert question.answer == ""


def test_publishing_an_unanswered_question_is_refused_on_the_page(personas: Personas) -> None:
    question = recruitment.ask_question("Is there a car allowance?")
    response = signed_in(personas).post(f"{R}/{question.pk}/publish/")
    assert response.status_code == 400
    assert "There is a problem" in response.text
    assert "cannot be changed that way" in response.text


def test_spam_is_rejected_and_never_shown(personas: Personas) -> None:
    question = recruitment.ask_question("Cheap watches here")
    assert signed_in(personas).post(f"{R}/{question.pk}/reject/").status_code == 302
    question.refresh_from_db()
    assert question.status == Question.Status.REJECTED
    assert "Cheap watches" not in Client().get("/careers/questions/").text


def test_a_published_answer_can_be_taken_down(personas: Personas) -> None:
    question = recruitment.ask_question("Q?")
    recruitment.assign_question(personas.recruiter, question, champion())
    recruitment.answer_question(personas.recruiter, question, "A.")
    recruitment.publish_question(personas.recruiter, question, share_with_region=True)
    assert signed_in(personas).post(f"{R}/{question.pk}/unpublish/").status_code == 302
    question.refresh_from_db()
    assert question.status == Question.Status.ANSWERED
    assert not question.shared_with_region
    assert "Q?" not in Client().get("/careers/questions/").text


def test_a_change_made_from_an_old_page_is_a_conflict(personas: Personas) -> None:
    question = recruitment.ask_question("Q?")
    stale = Question.objects.get(pk=question.pk)
    recruitment.reject_question(personas.recruiter, question)
    with pytest.raises(recruitment.StaleVersion) as raised:
        recruitment.assign_question(personas.recruiter, stale, champion())
    assert raised.value.current.status == Question.Status.REJECTED


def test_the_moderation_pages_are_for_recruitment_staff_only(personas: Personas) -> None:
    question = recruitment.ask_question("Q?")
    for name, user in personas.by_name().items():
        if user is None or name in ("rita.recruiter", "adam.admin"):
            continue
        client = Client()
        client.force_login(user)
        assert client.get(f"{R}/").status_code == 404, name
        assert client.get(f"{R}/{question.pk}/").status_code == 404, name
        assert client.post(f"{R}/{question.pk}/reject/").status_code == 404, name
    question.refresh_from_db()
    assert question.status == Question.Status.RECEIVED


def test_the_question_list_keeps_a_fixed_number_of_queries(
    personas: Personas, django_assert_max_num_queries
) -> None:
    priya = champion()
    for n in range(15):
        question = recruitment.ask_question(f"Question {n}?")
        if n % 2:
            recruitment.assign_question(personas.recruiter, question, priya)
    client = signed_in(personas)
    client.get(f"{R}/")
    with django_assert_max_num_queries(8):
        assert client.get(f"{R}/").status_code == 200
