"""The family portal journey (issue 8), on a phone-sized screen: sam.worker redacts and shares a
plan with a mother and a conference decision with the 15-year-old; the mother signs in with her
invitation, reads the plan, downloads the PDF, adds her views before the review and sends a
letter; Sam reads her views and accepts the letter into the record; the father, never shared
with, sees nothing; a withdrawn share disappears from the portal at once. A second journey
takes a meeting: Sam shows Amy's next meeting to her mother, who sends her views before it; Sam
puts them on the meeting's record, then shares an earlier meeting's minutes with her. Every
email is read from Django's mail outbox."""

import datetime
import io
import re
from typing import Any

from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, ViewportSize, expect
from pypdf import PdfReader

from casework.cases.models import Document
from casework.meetings.models import FamilyView
from casework.people.models import Sex
from casework.plans.models import Action as PlanAction
from casework.portal import services, upcoming
from casework.portal.models import FamilyContribution, Share
from casework.portal.tests.factories import (
    active_plan,
    finalised_conference,
    finalised_meeting,
    relative,
    upcoming_meeting,
)

PHONE: ViewportSize = {"width": 375, "height": 812}
MOTHER_BORN = datetime.date(1988, 3, 27)
FATHER_BORN = datetime.date(1985, 1, 2)


def last_mail_to(address: str) -> str:
    for message in reversed(mail.outbox):
        if address in message.to:
            return str(message.body)
    raise AssertionError(f"no email to {address}")


def fill_date(page: Page, group: str, day: datetime.date) -> None:
    fieldset = page.get_by_role("group", name=group)
    fieldset.get_by_label("Day").fill(str(day.day))
    fieldset.get_by_label("Month").fill(str(day.month))
    fieldset.get_by_label("Year").fill(str(day.year))


def sign_in_with_invitation(site, address: str, born: datetime.date) -> Page:
    """A new phone browser: the one-time link from the invitation email, the date of birth, then
    the code from the second email."""
    link = re.search(r"(/family/invitation/\S+/)", last_mail_to(address))
    assert link is not None
    page = site.new_page(viewport=PHONE)
    site.visit(page, link.group(1))
    fill_date(page, "Date of birth", born)
    site.submit(page, "Continue")
    code = re.search(r"Your code is (\d{6})", last_mail_to(address))
    assert code is not None
    page.get_by_label("Code from the email").fill(code.group(1))
    site.submit(page, "Sign in")
    expect(page.get_by_role("heading", name="What has been shared with you")).to_be_visible()
    return page


def test_a_family_sees_what_was_shared_and_their_views_reach_the_record(site, page_for, personas):
    child = personas.child
    today = timezone.localdate()
    child.date_of_birth = today.replace(year=today.year - 15) - datetime.timedelta(days=30)
    child.save(update_fields=["date_of_birth"])
    relative(child, given_name="Jade", family_name="Jones", sex=Sex.FEMALE)
    relative(child, given_name="Dean", family_name="Jones", sex=Sex.MALE, date_of_birth=FATHER_BORN)
    plan = active_plan(personas)
    finalised_conference(personas)

    # Sam invites Jade (mother), Dean (father) and Amy herself, from the child's record.
    sam = page_for("sam.worker", viewport=PHONE)
    site.visit(sam, f"/people/{child.pk}/sharing/")
    for name, address in (
        ("Jade Jones", "jade@example.org"),
        ("Dean Jones", "dean@example.org"),
        ("Amy Jones", "amy@example.org"),
    ):
        site.follow(sam, sam.get_by_role("button", name="Invite someone").click)
        sam.get_by_label(name, exact=True).check()
        sam.get_by_label("Their email address").fill(address)
        site.submit(sam, "Send the invitation")
        assert "/family/invitation/" in last_mail_to(address)

    # The plan, made into a PDF from the record: the neighbour's name comes out first.
    site.follow(sam, sam.get_by_role("link", name="Make a PDF from the record").click)
    site.submit(sam, re.compile("Make a PDF of the Child in need plan"))
    expect(sam.get_by_text("Mrs Patel next door walks Amy to school").first).to_be_visible()
    site.follow(sam, sam.get_by_role("link", name="make a redacted version").click)
    box = sam.get_by_label("Goal 1: what is already working", exact=True)
    expect(box).to_have_value(re.compile("Mrs Patel"))
    box.fill("A neighbour walks Amy to school when Mum is on an early shift.")
    sam.get_by_label("What you removed, for the record (optional)").fill("The neighbour's name")
    site.submit(sam, "Save the redacted version")
    expect(sam.get_by_text("Version").first).to_be_visible()
    expect(sam.get_by_text("2: The neighbour's name")).to_be_visible()
    expect(sam.get_by_text("Mrs Patel")).to_have_count(0)
    sam.get_by_label("Jade Jones", exact=True).check()
    # Sharing without confirming third-party information is out is refused, naming the box.
    site.submit(sam, "Share this version", status=400)
    expect(sam.locator(".govuk-error-summary")).to_contain_text("third-party information")
    sam.get_by_label("Jade Jones", exact=True).check()
    sam.get_by_label(re.compile("I have removed information about other people")).check()
    site.submit(sam, "Share this version")
    expect(sam.get_by_text("Shared", exact=True).first).to_be_visible()

    # The conference's report and decision, shared with Amy (15) on her own account.
    site.follow(sam, sam.get_by_role("link", name="Make a PDF from the record").click)
    site.submit(sam, re.compile("Make a PDF of the Initial child protection conference"))
    sam.get_by_label("Amy Jones (the young person)").check()
    sam.get_by_label(re.compile("I have removed information about other people")).check()
    site.submit(sam, "Share this version")

    # The plan's review date, shown to Jade.
    site.follow(sam, sam.get_by_role("link", name=re.compile("Show a review, core group")).click)
    sam.get_by_label(re.compile("Review of the child in need plan, due")).check()
    sam.get_by_label("Time (optional)").fill("4pm")
    sam.get_by_label("Jade Jones", exact=True).check()
    site.submit(sam, "Show this date")

    # Jade signs in with her invitation and sees her plan, not Amy's conference report.
    jade = sign_in_with_invitation(site, "jade@example.org", MOTHER_BORN)
    plan_link = jade.get_by_role("link", name="Child in need plan for Amy Jones")
    expect(plan_link).to_be_visible()
    expect(jade.get_by_text("conference")).to_have_count(0)
    expect(jade.get_by_text("Review of the child in need plan").first).to_be_visible()
    site.follow(jade, plan_link.click)
    shared_url = jade.url
    expect(jade.get_by_text("Goal 1: Amy gets to school on time every day.")).to_be_visible()
    expect(jade.get_by_text("A neighbour walks Amy to school").first).to_be_visible()
    expect(jade.get_by_text("Mrs Patel")).to_have_count(0)

    # She downloads the PDF: tagged, with the redacted words.
    with jade.expect_download() as download:
        jade.get_by_role("link", name=re.compile("as a PDF")).click()
    with open(download.value.path(), "rb") as handle:
        document = PdfReader(io.BytesIO(handle.read()))
    words = " ".join(page.extract_text() for page in document.pages)
    assert "A neighbour walks Amy" in words
    assert "Mrs Patel" not in words
    catalogue: Any = document.trailer["/Root"]
    assert "/StructTreeRoot" in catalogue

    # Her own action: she says it is done.
    site.submit(jade, re.compile("I have done this"))
    expect(jade.get_by_text("Your social worker will check and update the plan")).to_be_visible()

    # Her views before the review, then a letter from school.
    site.follow(jade, jade.get_by_role("link", name="Back to what has been shared with you").click)
    site.follow(
        jade, jade.get_by_role("link", name=re.compile("Add your views before the review")).click
    )
    jade.get_by_label("Your views").fill(
        "Mornings are better now. I would like the review after 3."
    )
    site.submit(jade, "Send your views")
    site.follow(jade, jade.get_by_role("link", name="Send us a document").click)
    jade.get_by_label("What is the document").fill("Letter from Amy's school")
    jade.get_by_label("The file").set_input_files(
        {"name": "school-letter.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 letter"}
    )
    site.submit(jade, "Send")
    assert Document.objects.filter(title__contains="Letter from Amy's school").count() == 0

    # Sam reads her views, and accepts them, the letter and her action into the record. (On a
    # phone the service navigation folds into a menu, so he goes to his tray by its address.)
    for title in ("Views before the review", "Letter from Amy's school", "Says this is done"):
        site.visit(sam, "/family-tray/")
        site.follow(sam, sam.get_by_role("link", name=re.compile(title)).click)
        if title.startswith("Views"):
            expect(sam.get_by_text("Mornings are better now.")).to_be_visible()
        site.submit(sam, "Add to the record")
    site.visit(sam, "/family-tray/")
    expect(sam.get_by_text("Nothing is waiting.")).to_be_visible()
    letter = Document.objects.get(person=child, title__contains="Letter from Amy's school")
    assert letter.versions.get().content_type == "application/pdf"
    assert PlanAction.objects.get(goal__plan=plan, owner_name="Mum").progress == "done"
    assert FamilyContribution.objects.filter(status="accepted").count() == 3

    # Dean was invited but nothing was shared with him: he sees nothing, even by address.
    dean = sign_in_with_invitation(site, "dean@example.org", FATHER_BORN)
    expect(dean.get_by_text("Nothing has been shared with you yet")).to_be_visible()
    expect(dean.get_by_text("Nothing coming up")).to_be_visible()
    site.visit(dean, shared_url, status=404)
    site.visit(dean, f"/people/{child.pk}/", status=404)

    # Amy sees the conference's decision.
    amy = sign_in_with_invitation(site, "amy@example.org", child.date_of_birth)
    site.follow(amy, amy.get_by_role("link", name=re.compile("report and decision")).click)
    expect(amy.get_by_text("What the conference decided")).to_be_visible()
    expect(amy.get_by_text("Child protection plan").first).to_be_visible()

    # Sam withdraws the plan from Jade: it is gone from her portal at once.
    site.visit(sam, f"/people/{child.pk}/sharing/")
    site.submit(sam, re.compile("Withdraw Child in need plan for Amy Jones from Jade Jones"))
    assert Share.objects.get(family_member__person__given_name="Jade").status == "withdrawn"
    site.visit(jade, shared_url, status=404)
    site.visit(jade, "/family/")
    expect(jade.get_by_role("link", name="Child in need plan for Amy Jones")).to_have_count(0)


def test_the_family_pages_work_without_javascript(site, personas):
    """The same family steps in a phone browser with JavaScript turned off."""
    child = personas.child
    mother = relative(child, given_name="Jade", family_name="Jones", sex=Sex.FEMALE)
    plan = active_plan(personas)
    member = services.invite(
        personas.worker, child, person=mother, email="jade@example.org", base_url=site.base_url
    )
    version = services.prepare_document(personas.worker, child, source="plan", record=plan)
    services.share_version(personas.worker, version, family_member=member, third_party_removed=True)
    review = next(c for c in upcoming.date_candidates(child) if c.kind == "cin_review")
    services.show_date(personas.worker, child, candidate=review, on=review.due, members=[member])

    link = re.search(r"(/family/invitation/\S+/)", last_mail_to("jade@example.org"))
    assert link is not None
    jade = site.new_page(javascript=False, viewport=PHONE)
    site.visit(jade, link.group(1))
    fill_date(jade, "Date of birth", MOTHER_BORN)
    site.submit(jade, "Continue")
    code = re.search(r"Your code is (\d{6})", last_mail_to("jade@example.org"))
    assert code is not None
    jade.get_by_label("Code from the email").fill(code.group(1))
    site.submit(jade, "Sign in")
    site.follow(jade, jade.get_by_role("link", name="Child in need plan for Amy Jones").click)
    site.submit(jade, re.compile("I have done this"))
    site.follow(jade, jade.get_by_role("link", name="Back to what has been shared with you").click)
    site.follow(
        jade, jade.get_by_role("link", name=re.compile("Add your views before the review")).click
    )
    site.submit(jade, "Send your views", status=400)
    expect(jade.locator(".govuk-error-summary")).to_contain_text("Enter your views")
    jade.get_by_label("Your views").fill("After school suits us.")
    site.submit(jade, "Send your views")
    assert FamilyContribution.objects.filter(family_member=member).count() == 2


def test_the_mother_sends_her_views_before_a_meeting_and_they_reach_its_record(
    site, page_for, personas
):
    child = personas.child
    mother = relative(child, given_name="Jade", family_name="Jones", sex=Sex.FEMALE)
    services.invite(
        personas.worker, child, person=mother, email="jade@example.org", base_url=site.base_url
    )
    meeting = upcoming_meeting(child, personas.worker)
    held = finalised_meeting(personas)
    plain = "To talk about how mornings are going and what would help Amy get to school."

    # Sam shows the next meeting to Jade, with what it is for in her words.
    sam = page_for("sam.worker", viewport=PHONE)
    site.visit(sam, meeting.get_absolute_url())
    site.follow(sam, sam.get_by_role("link", name="Show this meeting to the family").click)
    purpose = sam.get_by_label(re.compile("What the meeting is for"))
    expect(purpose).to_have_value(re.compile("Mrs Patel"))
    purpose.fill(plain)
    sam.get_by_label("Jade Jones", exact=True).check()
    site.submit(sam, "Show this meeting")
    expect(sam.get_by_text(re.compile("shown to Jade Jones")).first).to_be_visible()

    # On her phone Jade sees when, where and why, and sends her views before it.
    jade = sign_in_with_invitation(site, "jade@example.org", MOTHER_BORN)
    card = jade.locator(".govuk-summary-card", has_text="Child in need meeting")
    expect(card).to_contain_text("Northbrook Family Centre")
    expect(card).to_contain_text("3:30")
    expect(card).to_contain_text(plain)
    expect(card).not_to_contain_text("Mrs Patel")
    site.follow(
        jade,
        jade.get_by_role(
            "link", name=re.compile("Add your views before the child in need meeting")
        ).click,
    )
    site.submit(jade, "Send your views", status=400)
    expect(jade.locator(".govuk-error-summary")).to_contain_text("Enter your views")
    jade.get_by_label("Your views").fill("Please can Gran come too. After 3 suits us.")
    site.submit(jade, "Send your views")
    assert not FamilyView.objects.exists()

    # Sam reads them in his tray and puts them on the meeting's record.
    site.visit(sam, "/family-tray/")
    site.follow(
        sam, sam.get_by_role("link", name=re.compile("Views before the child in need")).click
    )
    expect(sam.get_by_text(re.compile("puts these views on the meeting"))).to_be_visible()
    site.submit(sam, "Add to the record")
    site.visit(sam, meeting.get_absolute_url())
    expect(sam.get_by_text("Please can Gran come too. After 3 suits us.")).to_be_visible()
    assert FamilyView.objects.get().meeting == meeting

    # The last meeting's finalised minutes, the neighbour's name taken out, shared with Jade.
    site.visit(sam, held.get_absolute_url())
    site.follow(
        sam,
        sam.get_by_role("link", name="Make the minutes into a PDF to share with the family").click,
    )
    site.submit(sam, re.compile("Make a PDF of the Child in need meeting"))
    site.follow(sam, sam.get_by_role("link", name="make a redacted version").click)
    sam.get_by_label("Person 2 invited: name", exact=True).fill("A neighbour")
    sam.get_by_label("Minutes: what was discussed", exact=True).fill(
        "Mum said mornings are calmer. A neighbour can help on Tuesdays."
    )
    site.submit(sam, "Save the redacted version")
    sam.get_by_label("Jade Jones", exact=True).check()
    sam.get_by_label(re.compile("I have removed information about other people")).check()
    site.submit(sam, "Share this version")
    site.visit(jade, "/family/")
    site.follow(jade, jade.get_by_role("link", name=re.compile("minutes and decisions")).click)
    expect(jade.get_by_role("heading", name="What the meeting decided")).to_be_visible()
    expect(jade.get_by_text("The plan continues for 3 months.")).to_be_visible()
    expect(jade.get_by_text("Mrs Patel")).to_have_count(0)
