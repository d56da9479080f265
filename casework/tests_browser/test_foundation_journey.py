"""The foundation journey: a social worker signs in, finds his child, records a case note, and
loses nothing when his session ends in the middle of writing one, with or without JavaScript."""

import datetime
import re
from urllib.parse import quote

from django.contrib.sessions.models import Session
from django.utils import timezone
from playwright.sync_api import Page, expect

from casework.cases.models import CaseNote
from casework.common.models import Draft


def note_form_path(person) -> str:
    return f"/people/{person.pk}/notes/new/"


def govuk_date(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


def fill_note(page: Page, *, kind: str, day: datetime.date | None, subject: str, body: str):
    page.get_by_label(kind, exact=True).check()
    if day is not None:
        page.get_by_label("Day", exact=True).fill(str(day.day))
        page.get_by_label("Month", exact=True).fill(str(day.month))
        page.get_by_label("Year", exact=True).fill(str(day.year))
    page.get_by_label("Subject", exact=True).fill(subject)
    page.get_by_label("Note", exact=True).fill(body)


def notes_tab(page: Page):
    return page.locator(".casework-case-tabs").get_by_role("link", name="Case notes")


def end_every_session() -> None:
    """What an idle time-out or a server restart with a new key does: the browser still has
    its cookie, the server no longer knows it."""
    Session.objects.all().delete()


def expect_note_listed(page: Page, *, subject: str, kind: str, day: datetime.date, by: str):
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=subject))
    expect(row).to_have_count(1)
    expect(row.get_by_role("cell")).to_have_text([govuk_date(day), kind, subject, by])


def test_worker_records_a_case_note_after_correcting_mistakes(site, page_for, personas):
    child, sam = personas.child, personas.worker
    page = page_for("sam.worker")

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Good to see you, {sam.first_name}")
    expect(page.get_by_role("heading", name="My children")).to_be_visible()
    site.follow(page, page.get_by_role("link", name="Amy Jones").click)
    expect(page).to_have_url(re.compile(rf"/people/{child.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Amy Jones")
    site.follow(page, notes_tab(page).click)
    expect(page.get_by_text("No case notes yet.")).to_be_visible()

    site.follow(page, page.get_by_role("button", name="Add a case note").click)
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a case note")

    # Saving an empty form: a 400, and an error summary that names every field.
    site.submit(page, "Save case note", status=400)
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    expect(summary.get_by_role("link")).to_have_text(
        ["Select type of note", "Enter date", "Enter subject", "Enter note"]
    )
    expect(page.locator(".govuk-error-message")).to_have_count(4)
    summary.get_by_role("link", name="Enter subject").click()
    expect(page.get_by_label("Subject", exact=True)).to_be_focused()
    assert not CaseNote.objects.exists()

    day = timezone.localdate() - datetime.timedelta(days=3)
    fill_note(
        page,
        kind="Visit",
        day=day,
        subject="Home visit, bedroom seen",
        body="Saw Amy at home with her mother.\nBedroom seen; clean and warm.",
    )
    site.submit(page, "Save case note")
    expect(page).to_have_url(re.compile(rf"/people/{child.pk}/notes/$"))
    expect(page.get_by_role("alert")).to_contain_text("Case note saved")
    expect_note_listed(
        page, subject="Home visit, bedroom seen", kind="Visit", day=day, by=sam.display_name
    )

    site.follow(page, page.get_by_role("link", name="Home visit, bedroom seen").click)
    expect(page.get_by_role("heading", level=1)).to_have_text("Home visit, bedroom seen")
    expect(page.get_by_text("Bedroom seen; clean and warm.")).to_be_visible()


def test_draft_typed_before_the_session_ended_is_restored_after_signing_in(
    site, page_for, personas
):
    child = personas.child
    form_path = note_form_path(child)
    page = page_for("sam.worker")
    site.visit(page, form_path)

    fill_note(
        page,
        kind="Phone call",
        day=None,
        subject="Call with Amy's school",
        body="The head teacher says attendance is up to 92%.",
    )
    # Autosave waits for three seconds without typing.
    expect(page.locator("#draft-status")).to_have_text(
        re.compile(r"^Draft saved at \d{1,2}:\d{2}(am|pm)$"), timeout=10_000
    )

    end_every_session()
    site.visit(page, form_path)
    expect(page).to_have_url(re.compile(r"/sign-in/\?next=" + re.escape(quote(form_path))))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Casework")

    site.sign_in(page, "sam.worker")
    expect(page).to_have_url(re.compile(re.escape(form_path) + "$"))
    expect(page.locator(".govuk-inset-text")).to_contain_text("We restored the draft")
    expect(page.get_by_label("Phone call", exact=True)).to_be_checked()
    expect(page.get_by_label("Subject", exact=True)).to_have_value("Call with Amy's school")
    expect(page.get_by_label("Note", exact=True)).to_have_value(
        "The head teacher says attendance is up to 92%."
    )

    day = timezone.localdate()
    page.get_by_label("Day", exact=True).fill(str(day.day))
    page.get_by_label("Month", exact=True).fill(str(day.month))
    page.get_by_label("Year", exact=True).fill(str(day.year))
    site.submit(page, "Save case note")
    expect(page.get_by_role("alert")).to_contain_text("Case note saved")
    expect_note_listed(
        page,
        subject="Call with Amy's school",
        kind="Phone call",
        day=day,
        by=personas.worker.display_name,
    )
    # The draft has done its job; it no longer waits on the home page.
    site.visit(page, "/")
    expect(page.get_by_role("heading", name="Drafts in progress")).to_have_count(0)


def test_form_posted_after_the_session_ended_is_kept_without_javascript(site, page_for, personas):
    child = personas.child
    form_path = note_form_path(child)
    page = page_for("sam.worker", javascript=False)
    site.visit(page, f"/people/{child.pk}/notes/")
    site.follow(page, page.get_by_role("button", name="Add a case note").click)
    expect(page.locator("#draft-status")).to_be_empty()  # no script, no autosave

    day = timezone.localdate() - datetime.timedelta(days=1)
    fill_note(
        page,
        kind="Meeting",
        day=day,
        subject="Core group meeting",
        body="Everyone agreed the plan is working.",
    )
    end_every_session()
    site.submit(page, "Save case note")
    expect(page).to_have_url(re.compile(r"/sign-in/"))
    expect(page.get_by_text("what you were writing has been kept")).to_be_visible()
    assert not CaseNote.objects.exists()

    site.sign_in(page, "sam.worker")
    expect(page).to_have_url(re.compile(re.escape(form_path) + "$"))
    expect(page.get_by_text("We kept what you were writing. Check it and save.")).to_be_visible()
    expect(page.locator(".govuk-inset-text")).to_contain_text("We restored the draft")
    expect(page.get_by_label("Meeting", exact=True)).to_be_checked()
    expect(page.get_by_label("Day", exact=True)).to_have_value(str(day.day))
    expect(page.get_by_label("Month", exact=True)).to_have_value(str(day.month))
    expect(page.get_by_label("Year", exact=True)).to_have_value(str(day.year))
    expect(page.get_by_label("Subject", exact=True)).to_have_value("Core group meeting")
    expect(page.get_by_label("Note", exact=True)).to_have_value(
        "Everyone agreed the plan is working."
    )

    site.submit(page, "Save case note")
    expect(page).to_have_url(re.compile(rf"/people/{child.pk}/notes/$"))
    expect(page.get_by_role("alert")).to_contain_text("Case note saved")
    expect_note_listed(
        page,
        subject="Core group meeting",
        kind="Meeting",
        day=day,
        by=personas.worker.display_name,
    )
    assert CaseNote.objects.count() == 1


def test_someone_else_signing_in_never_sees_the_kept_form(site, page_for, personas):
    child = personas.child
    form_path = note_form_path(child)
    page = page_for("sam.worker", javascript=False)
    site.visit(page, form_path)
    fill_note(
        page,
        kind="Visit",
        day=timezone.localdate(),
        subject="Amy told me about the bruise",
        body="Amy said her uncle hurt her arm on Saturday.",
    )
    end_every_session()
    site.submit(page, "Save case note")
    expect(page.get_by_text("what you were writing has been kept")).to_be_visible()

    # Tess, in the same team and so allowed the same form, signs in at the same screen.
    site.sign_in(page, "tess.colleague")
    expect(page).to_have_url(re.compile(re.escape(form_path) + "$"))
    expect(page.get_by_text("We kept what you were writing")).to_have_count(0)
    expect(page.locator(".govuk-inset-text")).to_have_count(0)
    expect(page.get_by_label("Subject", exact=True)).to_have_value("")
    expect(page.get_by_label("Note", exact=True)).to_have_value("")
    assert "bruise" not in page.content()
    assert "uncle" not in page.content()

    site.visit(page, "/")
    expect(page.get_by_role("heading", name="Drafts in progress")).to_have_count(0)
    # Thrown away, not parked for Sam either.
    assert not Draft.objects.exists()
    assert not CaseNote.objects.exists()
