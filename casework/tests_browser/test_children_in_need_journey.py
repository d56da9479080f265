"""The children in need journey (issue 5): allocation with a decision, an assessment that
survives a time-out and a colleague's save, cannot be submitted without the child's views, is
returned once and then authorised, a plan with goals, a visit, a meeting that cannot be
finalised without the child's views, every tab of the case record, nothing at all for another
team, and the overdue tray and case summary on a later day."""

import datetime
import re

import time_machine
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Page, expect

from casework.accounts import services as account_services
from casework.assessments.models import Assessment
from casework.cases import services as case_services
from casework.cases.models import ReferralSource
from casework.common import clock
from casework.meetings.models import Meeting
from casework.oversight.models import ManagementDecision
from casework.plans.models import CINPlan
from casework.testing.factories import PersonFactory


def fill_date(page: Page, group: str, day: datetime.date) -> None:
    fieldset = page.get_by_role("group", name=group)
    fieldset.get_by_label("Day").fill(str(day.day))
    fieldset.get_by_label("Month").fill(str(day.month))
    fieldset.get_by_label("Year").fill(str(day.year))


def tab(page: Page, name: str):
    """A tab of the case record (the header has a "People" link of its own)."""
    return page.locator(".casework-case-tabs").get_by_role("link", name=name, exact=True)


def save(site, page: Page, status: int | None = 200) -> None:
    site.follow(page, page.get_by_role("button", name="Save", exact=True).click, status=status)


def test_a_child_in_need_from_allocation_to_plan(site, page_for, personas):
    call_command("holidays", verbosity=0)
    today = timezone.localdate()
    referral_date = today - datetime.timedelta(days=3)
    child = PersonFactory(
        given_name="Mia", family_name="Clarke", date_of_birth=datetime.date(2015, 6, 1)
    )
    case_services.open_referral(
        personas.frontdoor,
        child,
        referral_date=referral_date,
        source=ReferralSource.SCHOOL,
        team=personas.team_a,
    )

    # Tara allocates Mia to Sam, with her reasons on the record.
    tara = page_for("tara.manager")
    site.follow(tara, tara.get_by_role("link", name="Mia Clarke").first.click)
    site.follow(tara, tara.get_by_role("link", name="Allocate a worker").click)
    tara.get_by_label("Worker").select_option(label=personas.worker.display_name)
    tara.get_by_label("Rationale").fill("Sam has capacity and knows Mia's school.")
    site.submit(tara, "Allocate")
    assert ManagementDecision.objects.filter(person=child, decision="allocation").exists()

    # Sam starts the assessment.
    sam = page_for("sam.worker")
    site.visit(sam, f"/people/{child.pk}/")
    site.follow(sam, tab(sam, "Assessments").click)
    site.follow(sam, sam.get_by_role("button", name="Start the assessment").click)
    fill_date(sam, "Date the assessment started", referral_date)
    site.submit(sam, "Start the assessment")
    assessment = Assessment.objects.get(person=child)
    expect(
        sam.get_by_text(f"{assessment.target_on.day} {assessment.target_on:%B %Y}").first
    ).to_be_visible()
    assert assessment.target_on == clock.due("assessment", referral_date).target

    # He writes, the draft saves, and his session times out.
    site.visit(sam, f"/assessments/{assessment.pk}/edit/")
    sam.get_by_label("The child's developmental needs").fill("Mia is doing well at school.")
    expect(sam.locator("#draft-status")).to_contain_text("Draft saved at", timeout=15_000)
    Session.objects.filter(
        session_key__in=[
            s.session_key
            for s in Session.objects.all()
            if s.get_decoded().get("_auth_user_id") == str(personas.worker.pk)
        ]
    ).delete()
    site.visit(sam, f"/assessments/{assessment.pk}/edit/")
    expect(sam).to_have_url(re.compile("/sign-in/"))
    site.sign_in(sam, "sam.worker")
    site.visit(sam, f"/assessments/{assessment.pk}/edit/")
    expect(sam.get_by_text("We restored the draft")).to_be_visible()
    expect(sam.get_by_label("The child's developmental needs")).to_have_value(
        "Mia is doing well at school."
    )

    # Tess saves the same assessment meanwhile: Sam sees her change instead of overwriting it.
    tess = page_for("tess.colleague")
    site.visit(tess, f"/assessments/{assessment.pk}/edit/")
    tess.get_by_label("Parenting capacity").fill("Mum is warm and consistent.")
    save(site, tess)
    sam.get_by_label("Strengths").fill("A close grandmother.")
    save(site, sam, status=409)
    expect(sam.get_by_text("Someone else changed this while you were editing")).to_be_visible()
    expect(sam.get_by_text("Mum is warm and consistent.").first).to_be_visible()
    expect(sam.get_by_label("Strengths")).to_have_value("A close grandmother.")
    sam.get_by_label("Parenting capacity").fill("Mum is warm and consistent.")
    sam.get_by_label("Family and environmental factors").fill("Stable housing; dad works.")
    save(site, sam)

    # Submitting without the child's views is refused.
    site.visit(sam, f"/assessments/{assessment.pk}/submit/")
    expect(sam.get_by_role("heading", name="Before you can submit it")).to_be_visible()
    expect(sam.locator(".casework-missing")).to_contain_text("child was seen")
    expect(sam.get_by_role("button", name="Submit for authorisation")).to_have_count(0)

    site.visit(sam, f"/assessments/{assessment.pk}/edit/")
    fill_date(sam, "Date the child was seen", referral_date)
    sam.get_by_role("group", name="Was the child seen?").get_by_label("Yes").check()
    sam.get_by_role("group", name="Was the child seen alone?").get_by_label("Yes").check()
    sam.get_by_label("The child's views and wishes, in their own words").fill(
        "I like my new teacher. I want my nan to come round more."
    )
    sam.get_by_label("How the child took part").select_option("PN1")
    sam.get_by_label("No factors identified", exact=False).first.check()
    sam.get_by_label("Child in need plan", exact=True).check()
    save(site, sam)
    site.visit(sam, f"/assessments/{assessment.pk}/submit/")
    site.submit(sam, "Submit for authorisation")

    # Tara returns it once with comments, then authorises it with the outcome "CIN plan".
    for choice, comments in (
        ("Return it to the worker with comments", "Say more about dad's role, please."),
        ("Authorise the assessment", "Needs are clear; a plan will help."),
    ):
        site.visit(tara, f"/assessments/{assessment.pk}/review/")
        tara.get_by_label(choice).check()
        if choice.startswith("Authorise"):
            tara.get_by_label("Outcome").select_option(label="Child in need plan")
            tara.get_by_label("The child's primary need").select_option(
                label="Family in acute stress"
            )
            tara.get_by_label("Risks identified", exact=False).first.fill("Low; monitored.")
        tara.get_by_label("Rationale").fill(comments)
        site.submit(tara, "Record decision")
        if choice.startswith("Return"):
            site.visit(sam, f"/assessments/{assessment.pk}/submit/")
            site.submit(sam, "Submit for authorisation")
    assessment.refresh_from_db()
    assert assessment.status == "authorised"
    decisions = set(
        ManagementDecision.objects.filter(person=child).values_list("decision", flat=True)
    )
    assert {"allocation", "returned", "authorised"} <= decisions

    # The plan, with a goal, approved; then the first visit.
    site.visit(sam, f"/people/{child.pk}/plans/new/")
    fill_date(sam, "Plan start date", today)
    site.submit(sam, "Start the plan")
    plan = CINPlan.objects.get(person=child)
    site.visit(sam, f"/people/{child.pk}/plans/{plan.pk}/goals/new/")
    sam.get_by_label("What we want to change").fill("Nan visits every week.")
    site.submit(sam, "Save goal")
    site.visit(tara, f"/people/{child.pk}/plans/{plan.pk}/approve/")
    tara.get_by_label("Rationale").fill("Plan agreed with the family.")
    site.submit(tara, "Approve the plan")
    site.visit(sam, f"/people/{child.pk}/visits/new/")
    fill_date(sam, "Date of the visit", today)
    sam.get_by_role("group", name="Was the child seen?").get_by_label("Yes").check()
    sam.get_by_role("group", name="Was the child seen alone?").get_by_label("Yes").check()
    sam.get_by_label("The child's views and wishes, in their own words").fill("Nan came!")
    sam.get_by_role("group", name="Was the child's bedroom seen?").get_by_label("Yes").check()
    sam.get_by_label("What you saw and heard").fill("Mia showed me her room; Nan was there.")
    site.submit(sam, "Save visit")
    expect(sam.get_by_role("heading", name=f"Visit on {today.day} {today:%B %Y}")).to_be_visible()
    visit = plan.visits.get()
    assert visit.seen_alone
    plan.refresh_from_db()
    assert plan.next_visit_due == clock.due("cin-visit", visit.visited_on).due

    # A child in need meeting: its minutes cannot be finalised until Mia's views are on it.
    site.visit(sam, f"/people/{child.pk}/")
    site.follow(sam, tab(sam, "Meetings").click)
    site.follow(sam, sam.get_by_role("button", name="Record a meeting").click)
    sam.get_by_label("Child in need meeting").check()
    fill_date(sam, "Date of the meeting", today)
    sam.get_by_label("Start time").fill("10:30")
    sam.get_by_label("Why the meeting is being held").fill("Agree the plan with Mia's family.")
    site.submit(sam, "Save meeting")
    meeting = Meeting.objects.get(person=child)
    site.follow(sam, sam.get_by_role("link", name="Add someone to the meeting").click)
    sam.get_by_label("Name", exact=True).fill("Kerry Clarke")
    sam.get_by_label("Family or friend").check()
    sam.get_by_role("group", name="Were they invited?").get_by_label("Yes").check()
    sam.get_by_role("group", name="Did they attend?").get_by_label("Yes").check()
    site.submit(sam, "Save")
    site.follow(sam, sam.get_by_role("link", name="Add a decision").click)
    sam.get_by_label("What was decided").fill("Nan joins the plan and comes to every meeting.")
    site.submit(sam, "Save decision")
    site.follow(sam, sam.get_by_role("button", name="Finalise the minutes").click)
    expect(sam.get_by_role("heading", name="Before you can finalise the minutes")).to_be_visible()
    expect(sam.locator(".casework-missing")).to_contain_text("child was seen")
    expect(sam.get_by_role("button", name="Finalise the minutes")).to_have_count(0)
    site.visit(sam, f"/people/{child.pk}/meetings/{meeting.pk}/edit/")
    sam.get_by_role("group", name="Was the child seen?").get_by_label("Yes").check()
    sam.get_by_role("group", name="Was the child seen alone?").get_by_label("Yes").check()
    sam.get_by_label("The child's views and wishes, in their own words").fill(
        "I want Nan to come every time."
    )
    sam.get_by_label("Minutes: what was discussed").fill("Kerry agreed Nan helps on Tuesdays.")
    save(site, sam)
    site.visit(sam, f"/people/{child.pk}/meetings/{meeting.pk}/finalise/")
    site.submit(sam, "Finalise the minutes")
    expect(sam.get_by_text("Minutes finalised by")).to_be_visible()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.FINALISED

    # Every tab of Mia's record, each its own page.
    site.visit(sam, f"/people/{child.pk}/")
    tabs = ("Assessments", "Plans", "Visits", "Meetings", "Case notes", "Chronology")
    for name in (*tabs, "Documents", "People", "Summary"):
        site.follow(sam, tab(sam, name).click)
        expect(tab(sam, name)).to_have_attribute("aria-current", "page")
    expect(sam.get_by_text("Kerry Clarke")).to_have_count(0)  # the summary stays small
    site.follow(sam, tab(sam, "Chronology").click)
    expect(sam.get_by_role("link", name="Child in need meeting")).to_be_visible()

    # Ola, in Team B, reaches nothing about Mia, page or API.
    ola = page_for("ola.otherteam")
    record = f"/people/{child.pk}"
    for path in (
        f"{record}/",
        *(
            f"{record}/{name}/"
            for name in (
                "assessments",
                "plans",
                "visits",
                "meetings",
                "notes",
                "chronology",
                "documents",
                "people",
                "decisions",
            )
        ),
        f"/assessments/{assessment.pk}/",
        f"{record}/plans/{plan.pk}/",
        f"{record}/visits/{visit.pk}/",
        f"{record}/meetings/{meeting.pk}/",
        f"{record}/meetings/new/",
        f"{record}/visits/new/",
        f"{record}/notes/new/",
    ):
        site.visit(ola, path, status=404)
    token = account_services.issue_token(personas.other_team)
    api = Client(headers={"Authorization": f"Bearer {token}"})
    person = f"/api/v1/persons/{child.pk}"
    for path in (
        person,
        f"/api/v1/assessments/{assessment.pk}",
        *(
            f"{person}/{name}"
            for name in ("assessments", "plans", "visits", "meetings", "notes", "decisions")
        ),
        f"{person}/directions",
        f"{person}/plans/{plan.pk}",
        f"{person}/visits/{visit.pk}",
        f"{person}/meetings/{meeting.pk}",
    ):
        assert api.get(path).status_code == 404, path

    # Weeks later, with no visit since, the visit shows as overdue in Sam's tray.
    later = plan.next_visit_due + datetime.timedelta(days=1)
    with time_machine.travel(datetime.datetime.combine(later, datetime.time(9)), tick=False):
        # Weeks of idleness end the session too: sign in again, as Sam would.
        site.visit(sam, "/sign-in/")
        site.sign_in(sam, "sam.worker")
        expect(sam.get_by_role("heading", name="Overdue")).to_be_visible()
        expect(sam.get_by_role("link", name="Mia Clarke: visit")).to_be_visible()
        # Mia's summary says the same.
        site.visit(sam, f"/people/{child.pk}/")
        due = sam.locator(".casework-case-due")
        expect(due.get_by_role("row", name="Child in need visit")).to_contain_text("Overdue")
