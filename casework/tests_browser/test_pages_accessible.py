"""The pages each kind of user relies on pass an axe-core WCAG 2.2 AA scan (every landing in
these tests is scanned by the `site` fixture), say what they should to that user, and the
case-note form works on a phone."""

import re
import uuid

import pytest
from django.conf import settings
from playwright.sync_api import expect

from casework.testing.factories import CaseNoteFactory

HOME_LISTS_CHILDREN = {
    "sam.worker": "My children",
    "tara.manager": "Children allocated to Team A",
}
READ_ONLY = {"pat.analyst", "hana.head"}
PHONE = {"width": 375, "height": 812}


@pytest.mark.parametrize(
    "username", ["sam.worker", "tara.manager", "pat.analyst", "hana.head", "fran.frontdoor"]
)
def test_each_role_s_everyday_pages(site, page_for, personas, username):
    child = personas.child
    note = CaseNoteFactory(person=child, author=personas.worker, subject="Home visit")
    user = personas.by_name()[username]
    assert user is not None

    page = page_for(username)  # lands on the home page
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Good to see you, {user.first_name}")
    expect(page.get_by_text(f"{user.display_name}, {user.get_role_display()}")).to_be_visible()
    if username in HOME_LISTS_CHILDREN:
        expect(page.get_by_role("heading", name=HOME_LISTS_CHILDREN[username])).to_be_visible()
        expect(page.get_by_role("link", name="Amy Jones")).to_be_visible()
    else:
        expect(page.get_by_role("link", name="Find a person")).to_be_visible()

    site.visit(page, "/people/")
    expect(page.get_by_role("link", name="Amy Jones")).to_be_visible()
    # By date of birth: PersonFactory leaves the phonetic name keys empty, so a person made by
    # the factory is not found by name.
    page.get_by_role("searchbox").fill("17/05/2016")
    site.submit(page, "Search")
    expect(page.get_by_role("searchbox")).to_have_value("17/05/2016")
    expect(page.get_by_role("link", name="Amy Jones")).to_be_visible()

    site.follow(page, page.get_by_role("link", name="Amy Jones").click)
    expect(page.get_by_role("heading", level=1)).to_have_text("Amy Jones")
    tabs = page.locator(".casework-case-tabs")
    site.follow(page, tabs.get_by_role("link", name="Case notes").click)
    add_note = page.get_by_role("button", name="Add a case note")
    expect(add_note).to_have_count(0 if username in READ_ONLY else 1)

    site.follow(page, page.get_by_role("link", name="Home visit").click)
    expect(page).to_have_url(re.compile(rf"/people/{child.pk}/notes/{note.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Home visit")
    expect(page.get_by_text(note.body)).to_be_visible()


def test_audit_trail_for_the_head_of_service(site, page_for, personas):
    child = personas.child
    page = page_for("hana.head")
    site.visit(page, f"/people/{child.pk}/")
    site.follow(page, page.get_by_role("link", name="Who has viewed or changed this record").click)
    expect(page).to_have_url(re.compile(rf"/audit/people/{child.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Who has viewed or changed this record"
    )
    opened = page.get_by_role("row").filter(has_text="Opened the person's record")
    expect(opened).to_contain_text(personas.head.display_name)

    page.get_by_label("Show").select_option(label="Views only")
    site.submit(page, "Filter")
    expect(page).to_have_url(re.compile(r"\?action=view$"))
    expect(page.get_by_label("Show")).to_have_value("view")
    expect(page.get_by_role("table")).to_contain_text("Read who has seen this record")


def test_sign_in_errors(site, personas):
    page = site.new_page()
    site.visit(page, "/sign-in/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Casework")

    site.submit(page, "Sign in", status=400)
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text(["Enter username", "Enter password"])

    site.sign_in(page, "sam.worker", password=f"{settings.DEMO_PASSWORD}-wrong")
    expect(page).to_have_url(re.compile(r"/sign-in/$"))
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    expect(page.locator(".govuk-error-summary").get_by_role("link")).to_have_text(
        ["Enter a correct username and password"]
    )
    expect(page.get_by_label("Username")).to_have_value("sam.worker")
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)


def test_page_not_found(site, page_for, personas):
    page = page_for("sam.worker")
    site.visit(page, f"/people/{uuid.uuid4()}/", status=404)
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    site.visit(page, "/no-such-page/", status=404)
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")

    # A child someone may not see looks exactly like one that does not exist.
    other = page_for("ola.otherteam")
    site.visit(other, f"/people/{personas.child.pk}/", status=404)
    expect(other.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(other.get_by_text("Amy")).to_have_count(0)


def test_case_note_form_fits_a_phone(site, page_for, personas, tmp_path):
    page = page_for("sam.worker", viewport=PHONE)
    site.visit(page, f"/people/{personas.child.pk}/notes/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a case note")
    shot = tmp_path / "case-note-form-375.png"
    page.screenshot(path=shot, full_page=True)
    assert shot.stat().st_size > 10_000
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the form scrolls sideways on a phone ({width}px wide)"

    # The error state adds a summary and messages; it must fit as well.
    site.submit(page, "Save case note", status=400)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the form with errors scrolls sideways ({width}px wide)"


@pytest.mark.parametrize("javascript", [True, False], ids=["scripted", "no-javascript"])
def test_the_scan_finds_what_it_is_for(site, javascript):
    """The scanner itself: a page with an unlabelled input, an image without alternative text
    and no language is reported, with and without JavaScript, so a pass means something."""
    page = site.new_page(javascript=javascript)
    address = f"{site.base_url}/__axe-self-test__/"
    page.route(
        address,
        lambda route: route.fulfill(
            status=200,
            content_type="text/html",
            body=(
                "<!DOCTYPE html><html><head><title>Bad page</title></head><body><main>"
                "<h1>Bad page</h1><img src='data:image/gif;base64,R0lGODlhAQABAAAAACw='>"
                "<input type='text' name='q'></main></body></html>"
            ),
        ),
    )
    page.goto(address)
    found = {violation["id"] for violation in site.axe_violations(page)}
    assert {"html-has-lang", "image-alt", "label"} <= found
