"""The recruitment journey (issue 9): a member of the public, on a phone, reads a story, asks a
champion a question that recruitment staff have answered and published, books the 6 pm online
event and applies for a vacancy after it; an academy graduate applies and cannot be rejected
before interview; a new starter joins Team A, takes allocations, and Team A's average caseload
and forecast change on the recruitment dashboard."""

import datetime
import re
from decimal import Decimal

from django.core import mail
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import FilePayload, Page, ViewportSize, expect

from casework.cases import services as case_services
from casework.testing.factories import AllocationFactory, PersonFactory
from casework.workforce import recruitment
from casework.workforce.models import (
    AcademyCohort,
    Application,
    Booking,
    Champion,
    Event,
    Question,
    StaffRecord,
    Story,
    Trainee,
)
from casework.workforce.tests.factories import StaffRecordFactory, VacancyFactory

PHONE: ViewportSize = {"width": 375, "height": 812}
CV: FilePayload = {
    "name": "cv.pdf",
    "mimeType": "application/pdf",
    "buffer": b"%PDF-1.4 my career so far",
}


def fill_date(page: Page, group: str, day: datetime.date) -> None:
    fieldset = page.get_by_role("group", name=group)
    fieldset.get_by_label("Day").fill(str(day.day))
    fieldset.get_by_label("Month").fill(str(day.month))
    fieldset.get_by_label("Year").fill(str(day.year))


def forecast_row(page: Page) -> str:
    return page.locator("#forecast-team-a").inner_text()


def apply_for(site, page: Page, title: str, name: str, email: str) -> None:
    site.visit(page, "/careers/vacancies/")
    site.follow(page, page.get_by_role("link", name=title).click)
    site.follow(page, page.get_by_role("button", name="Apply for this job").click)
    page.get_by_label("Full name").fill(name)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Supporting statement").fill("I want caseloads that let me know children.")
    page.get_by_label("Your CV").set_input_files(CV)
    page.get_by_label("I agree that the council may use these details").check()
    site.submit(page, "Send application")
    expect(page.get_by_role("heading", name="Application sent")).to_be_visible()


def test_from_a_story_to_a_new_starter_with_a_caseload(site, page_for, personas):
    cache.clear()  # the public forms' rate limits
    today = timezone.localdate()
    # Team A today: Sam and Tess, full time, with 20 children each, and two children waiting
    # for a worker: 42 weighted cases over 2 FTE.
    StaffRecordFactory(user=personas.worker)
    StaffRecordFactory(user=personas.colleague)
    for worker, count in ((personas.worker, 19), (personas.colleague, 20)):
        for _ in range(count):
            AllocationFactory(team=personas.team_a, worker=worker)
    waiting = []
    for given in ("Noah", "Lily"):
        child = PersonFactory(given_name=given, family_name="Waiting")
        case_services.allocate(personas.manager, child, team=personas.team_a, worker=None)
        waiting.append(child)
    story = recruitment.record_story(
        None,
        title="Why I stayed in child protection",
        told_by="Aisha, senior practitioner",
        teller=Story.Teller.SOCIAL_WORKER,
        body="My team has my back, and my caseload lets me know every child I work with.",
        consent_given_on=today - datetime.timedelta(days=10),
    )
    recruitment.approve_story(None, story)
    Champion.objects.create(name="Priya Shah", job_title="Social worker, Team A")
    six_pm = timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=7), datetime.time(18, 0))
    )
    event = Event.objects.create(
        title="Online evening: meet our social work teams",
        description="An hour with our social workers and managers.",
        format=Event.Format.ONLINE,
        location="Online; the joining link comes with your confirmation",
        starts_at=six_pm,
        ends_at=six_pm + datetime.timedelta(hours=1),
        capacity=60,
        published=True,
    )
    vacancy = VacancyFactory(
        title="Social worker, children in need",
        team=personas.team_a,
        opened_on=today - datetime.timedelta(days=20),
        closes_on=today + datetime.timedelta(days=30),
    )
    cohort = AcademyCohort.objects.create(
        name="Academy cohort 1",
        starts_on=today - datetime.timedelta(days=200),
        ends_on=today - datetime.timedelta(days=80),
    )
    Trainee.objects.create(
        cohort=cohort,
        name="Ben Hughes",
        email="ben.hughes@example.org",
        mentor=personas.colleague,
        completed_on=today - datetime.timedelta(days=80),
    )

    # Rita, the recruitment officer, opens the dashboard: Team A is at 21.00 per FTE.
    rita = page_for("rita.recruiter")
    site.follow(rita, rita.get_by_role("link", name="Recruitment").click)
    expect(rita.get_by_role("heading", name="Recruitment dashboard")).to_be_visible()
    before = forecast_row(rita)
    assert "21.00" in before
    assert "0.34" in before  # more FTE needed to reach the target of 18

    # Jo, on her phone, reads a story.
    jo = site.new_page(viewport=PHONE)
    site.visit(jo, "/careers/")
    site.follow(jo, jo.get_by_role("link", name="Stories from social workers and families").click)
    site.follow(jo, jo.get_by_role("link", name="Why I stayed in child protection").click)
    expect(jo.get_by_text("my caseload lets me know every child")).to_be_visible()

    # She asks the champions a question.
    site.visit(jo, "/careers/questions/")
    jo.get_by_label("Your question").fill("How often is supervision?")
    jo.get_by_label("Your first name (optional)").fill("Jo")
    site.submit(jo, "Send your question")
    expect(jo.get_by_role("heading", name="Question sent")).to_be_visible()
    site.visit(jo, "/careers/questions/")
    expect(jo.get_by_text("How often is supervision?")).to_have_count(0)

    # Rita gives it to Priya, records Priya's answer and publishes it.
    site.follow(rita, rita.get_by_role("link", name="Champions' questions").click)
    site.follow(rita, rita.get_by_role("link", name="How often is supervision?").click)
    rita.get_by_label("Champion").select_option(label="Priya Shah, Social worker, Team A")
    site.submit(rita, "Give it to the champion")
    expect(rita.locator("#champion")).to_contain_text("Priya Shah")
    site.follow(rita, rita.get_by_role("link", name="Record the champion's answer").click)
    rita.get_by_label("The champion's answer").fill(
        "Monthly one-to-one supervision that is protected time, and weekly group supervision."
    )
    site.submit(rita, "Save the answer")
    rita.get_by_label("Share the question and answer with the other councils").check()
    site.submit(rita, "Publish the question and answer")
    assert Question.objects.get().status == Question.Status.PUBLISHED

    # Jo sees the answer, published with her question.
    site.visit(jo, "/careers/questions/")
    expect(jo.get_by_text("How often is supervision?")).to_be_visible()
    expect(jo.get_by_text("weekly group supervision")).to_be_visible()
    expect(jo.get_by_text("Answered by Priya Shah")).to_be_visible()

    # She books the 6 pm online event, with a confirmation email and a calendar file.
    site.visit(jo, "/careers/events/")
    site.follow(jo, jo.get_by_role("link", name="Online evening: meet our social work teams").click)
    expect(jo.get_by_text("6:00pm to 7:00pm")).to_be_visible()
    jo.get_by_label("Your name").fill("Jo Bloggs")
    jo.get_by_label("Email address").fill("jo.bloggs@example.org")
    site.submit(jo, "Book a place")
    expect(jo.get_by_role("heading", name="Place booked")).to_be_visible()
    confirmation = [m for m in mail.outbox if m.to == ["jo.bloggs@example.org"]]
    assert len(confirmation) == 1
    assert confirmation[0].attachments[0][0] == "event.ics"
    calendar = jo.request.get(f"/careers/events/{event.pk}/calendar.ics")
    assert calendar.headers["content-type"].startswith("text/calendar")
    assert "SUMMARY:Online evening: meet our social work teams" in calendar.text()

    # Booking twice is refused with a clear message.
    site.visit(jo, event.get_absolute_url())
    jo.get_by_label("Your name").fill("Jo Bloggs")
    jo.get_by_label("Email address").fill("jo.bloggs@example.org")
    site.submit(jo, "Book a place", status=400)
    expect(jo.locator(".govuk-error-summary")).to_contain_text(
        "This email address already has a place at this event"
    )
    assert Booking.objects.filter(email="jo.bloggs@example.org").count() == 1

    # The evening happens; afterwards Rita records that Jo came.
    past = timezone.now() - datetime.timedelta(hours=2)
    Event.objects.filter(pk=event.pk).update(
        starts_at=past, ends_at=past + datetime.timedelta(hours=1)
    )
    site.visit(rita, "/workforce/recruitment/events/")
    site.follow(
        rita, rita.get_by_role("link", name="Online evening: meet our social work teams").click
    )
    rita.get_by_label("Jo Bloggs (jo.bloggs@example.org)").check()
    site.submit(rita, "Save attendance")
    expect(rita.locator("#follow-up-summary")).to_contain_text("0 of 1")

    # After it, Jo applies for the vacancy, on her phone.
    apply_for(site, jo, vacancy.title, "Jo Bloggs", "jo.bloggs@example.org")
    site.visit(rita, f"/workforce/recruitment/events/{event.pk}/")
    expect(rita.locator("#follow-up-summary")).to_contain_text("1 of 1 person")
    expect(rita.locator("#follow-up-table")).to_contain_text(vacancy.title)

    # Ben, an academy graduate, applies from his phone too.
    ben = site.new_page(viewport=PHONE)
    apply_for(site, ben, vacancy.title, "Ben Hughes", "Ben.Hughes@example.org")

    # On the board his application carries the academy's guarantee; rejecting him before an
    # interview is refused, and he is invited to interview instead.
    site.visit(rita, "/workforce/recruitment/")
    expect(rita.get_by_text("Academy graduate: interview guaranteed")).to_be_visible()
    site.follow(rita, rita.get_by_role("link", name="Ben Hughes").click)
    rita.get_by_label("Move to").select_option(label="Not taken forward")
    site.submit(rita, "Move", status=400)
    expect(rita.locator(".govuk-error-summary")).to_contain_text("guaranteed an interview")
    assert Application.objects.get(email="ben.hughes@example.org").stage == "applied"
    rita.get_by_label("Move to").select_option(label="Interview")
    site.submit(rita, "Move")
    expect(rita.locator("#stage")).to_have_text("Interview")

    # Jo is offered the job, passes her checks and starts today in Team A.
    site.visit(rita, "/workforce/recruitment/")
    site.follow(rita, rita.get_by_role("link", name="Jo Bloggs").click)
    rita.get_by_label("Move to").select_option(label="Pre-employment checks")
    site.submit(rita, "Move")
    rita.get_by_label("Move to").select_option(label="Start date agreed")
    fill_date(rita, "Agreed start date", today)
    site.submit(rita, "Move")
    site.follow(rita, rita.get_by_role("link", name="Record that they have started").click)
    rita.get_by_label("Username").fill("jo.bloggs")
    expect(rita.get_by_label("Team")).to_have_value(str(personas.team_a.pk))
    site.submit(rita, "Add them to the workforce")
    expect(rita.locator("#started")).to_contain_text("Team A")
    starter = StaffRecord.objects.get(user__username="jo.bloggs")
    assert starter.started_on == today

    # Tara, Team A's manager, gives Jo the two children waiting for a worker.
    tara = page_for("tara.manager")
    for child in waiting:
        site.visit(tara, f"/people/{child.pk}/allocate/")
        tara.get_by_label("Worker").select_option(label="Jo Bloggs")
        tara.get_by_label("Rationale").fill("Jo has capacity; a good first case.")
        site.submit(tara, "Allocate")
    site.visit(tara, f"/workforce/teams/{personas.team_a.pk}/")
    jo_row = tara.get_by_role("row").filter(has_text="Jo Bloggs")
    expect(jo_row).to_contain_text("2")

    # On the dashboard, Team A's average and forecast have changed: 42 over 3 FTE.
    site.visit(rita, "/workforce/dashboard/")
    after = forecast_row(rita)
    assert after != before
    assert "14.00" in after
    assert re.search(r"\b3\.00\b", after)  # case-holding FTE
    expected = (Decimal(42) / 3).quantize(Decimal("0.01"))
    assert str(expected) in after
    expect(rita.locator("#funnel-table")).to_contain_text("Then agreed a start date")
    assert "0.00" in after  # no more FTE needed to reach 18
