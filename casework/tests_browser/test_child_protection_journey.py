"""The child protection journey (issue 6): from an immediate-risk contact, tara.manager holds a
strategy discussion, sam.worker completes the section 47 enquiry, ian.chair holds the initial
conference on the 15th working day (the count crosses Christmas, Boxing Day's substitute day and
New Year's Day), a plan starts, the first core group and first review conference become due on
the dates the clock table gives, and a missed visit shows as overdue. Ola, in Team B, reaches
none of it.

The whole journey runs in travelled time (time-machine, ticking), from the day of the contact to
the day after the first visit was due; each jump signs people in again, as weeks away would."""

import datetime
import zoneinfo

import time_machine
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import Page, expect

from casework.accounts import services as account_services
from casework.cases.models import ReferralSource
from casework.common import clock
from casework.frontdoor import services as frontdoor_services
from casework.frontdoor.models import Contact
from casework.protection.models import ChildProtectionPlan, Conference, Section47
from casework.testing.factories import PersonFactory

LONDON = zoneinfo.ZoneInfo("Europe/London")
DISCUSSED = datetime.date(2026, 12, 23)  # a Wednesday; the count runs through the holidays


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)


def long_date(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


def fill_date(page: Page, group: str, day: datetime.date) -> None:
    fieldset = page.get_by_role("group", name=group)
    fieldset.get_by_label("Day").fill(str(day.day))
    fieldset.get_by_label("Month").fill(str(day.month))
    fieldset.get_by_label("Year").fill(str(day.year))


def shows(page: Page, text: str) -> None:
    expect(page.get_by_text(text, exact=False).first).to_be_visible()


def row(page: Page, key: str) -> str:
    """The value beside `key` in the page's summary list."""
    return (
        page.locator(".govuk-summary-list__row", has_text=key)
        .first.locator(".govuk-summary-list__value")
        .inner_text()
    )


def test_child_protection_from_an_immediate_risk_contact_to_an_overdue_visit(
    site, page_for, personas
):
    call_command("holidays", verbosity=0)
    child = PersonFactory(
        given_name="Ruby", family_name="Marsh", date_of_birth=datetime.date(2018, 4, 9)
    )
    icpc = clock.due("icpc", DISCUSSED)
    # The law's latest date is the 15th working day after the discussion; the census counts the
    # discussion's own day as the first, so its target is the working day before.
    assert (icpc.due, icpc.target) == (datetime.date(2027, 1, 18), datetime.date(2027, 1, 15))

    # 23 December: a school rings the front door about a burn; Tara decides at once.
    with time_machine.travel(at(DISCUSSED, 9, 30), tick=True):
        contact = frontdoor_services.record_contact(
            personas.frontdoor,
            received_at=at(DISCUSSED, 9, 0),
            source=ReferralSource.SCHOOL,
            concern="Ruby has a burn on her hand and says Dad did it with the iron.",
            consent=Contact.Consent.NOT_SOUGHT,
            consent_reason="Seeking consent would put Ruby at further risk.",
            people=[(child, "child")],
            immediate_risk=True,
        )
    with time_machine.travel(at(DISCUSSED, 14, 0), tick=True):
        tara = page_for("tara.manager")
        site.visit(tara, f"/front-door/contacts/{contact.pk}/")
        site.follow(tara, tara.get_by_role("button", name="Decide").click)
        tara.get_by_label("Strategy discussion (immediate risk)").check()
        tara.get_by_label("Team the referral goes to").select_option(label="Team A")
        tara.get_by_label("Rationale").fill("An injury explained as deliberate: significant harm.")
        tara.get_by_label("Risks identified").fill("Physical harm by Dad.")
        site.submit(tara, "Record decision")

        # The decided contact offers the strategy discussion, with the referrer's words in it.
        site.follow(
            tara,
            tara.get_by_role("button", name="Hold a strategy discussion about Ruby Marsh").click,
        )
        expect(tara.get_by_label("Information shared")).to_have_value(contact.concern)
        tara.get_by_label("Time it started").select_option("11:00")
        for agency, name, attended in (
            ("Police", "DC Priya Shah", True),
            ("Health", "Dr Rao, paediatrician", True),
            ("Education", "Ms Bell, designated safeguarding lead", False),
            ("Children's social care", "Tara Mason", True),
        ):
            tara.get_by_label(f"{agency}: who took part").fill(name)
            group = tara.get_by_role("group", name=f"{agency}: did they attend?")
            group.get_by_label("Yes" if attended else "No").check()
        tara.get_by_label("Risks identified").fill("Deliberate burn; Dad's violence.")
        tara.get_by_label("Going missing").check()
        tara.get_by_label("Section 47 enquiry").check()
        tara.get_by_label("Rationale").fill("Reasonable cause to suspect significant harm.")
        site.submit(tara, "Save the discussion and decision")
        shows(tara, "Immediate risk reported at the front door")
        site.follow(
            tara, tara.get_by_role("button", name="The section 47 enquiry it started").click
        )
        assert row(tara, "Initial conference due") == long_date(icpc.due)
        assert row(tara, "Census target date") == long_date(icpc.target)
        enquiry = Section47.objects.get(person=child)
        assert (enquiry.icpc_due, enquiry.icpc_target) == (icpc.due, icpc.target)

        # Tara gives Ruby to Sam.
        site.visit(tara, f"/people/{child.pk}/allocate/")
        tara.get_by_label("Worker").select_option(label=personas.worker.display_name)
        tara.get_by_label("Rationale").fill("Sam knows the school.")
        site.submit(tara, "Allocate")

    # 8 January: Sam writes up the enquiry; Tara authorises it.
    with time_machine.travel(at(datetime.date(2027, 1, 8), 10), tick=True):
        sam = page_for("sam.worker")
        site.visit(sam, "/protection/")
        initial = sam.locator("#initial-conferences-due + table")
        expect(initial).to_contain_text("Ruby Marsh")
        expect(initial).to_contain_text(long_date(icpc.target))
        site.follow(sam, initial.get_by_role("link", name="Ruby Marsh").click)
        site.follow(sam, sam.get_by_role("button", name="Record the findings and outcome").click)
        fill_date(sam, "Date the child was seen", datetime.date(2026, 12, 23))
        sam.get_by_label("What the enquiry found").fill(
            "Ruby told me Dad held the iron to her hand. The paediatrician agrees."
        )
        sam.get_by_label("Substantiated and at continuing risk (ICPC)").check()
        fill_date(sam, "Date the enquiry was completed", datetime.date(2027, 1, 7))
        site.submit(sam, "Save")
        assert row(sam, "Status") == "Awaiting authorisation"
        tara = page_for("tara.manager")
        site.visit(tara, enquiry.get_absolute_url())
        site.follow(tara, tara.get_by_role("button", name="Authorise").click)
        tara.get_by_label("Rationale").fill("Agreed: convene the initial conference.")
        site.submit(tara, "Authorise")
        assert row(tara, "Status") == "Authorised"

    # 18 January, the 15th working day: Ian holds the initial conference.
    with time_machine.travel(at(icpc.due, 13), tick=True):
        ian = page_for("ian.chair")
        site.visit(ian, f"/people/{child.pk}/")
        site.follow(ian, ian.get_by_role("link", name="Record a conference").click)
        ian.get_by_label("Initial child protection conference").check()
        fill_date(ian, "Date of the conference", icpc.due)
        invited = ian.get_by_role("group", name="Agencies invited")
        attended = ian.get_by_role("group", name="Agencies that attended")
        for agency in ("Police", "Health", "Education", "Children's social care"):
            invited.get_by_label(agency, exact=True).check()
        for agency in ("Police", "Health", "Children's social care"):
            attended.get_by_label(agency, exact=True).check()
        ian.get_by_label("Family members invited").fill("Mum; Dad")
        ian.get_by_label("Family members who attended").fill("Mum")
        ian.get_by_label("Reports received before the conference").fill(
            "Social work report; paediatric report; school report"
        )
        site.submit(ian, "Save the conference")
        site.follow(ian, ian.get_by_role("button", name="Finalise").click)
        ian.get_by_role("group", name="Was the child seen?").get_by_label("Yes").check()
        ian.get_by_role("group", name="Was the child seen alone?").get_by_label("Yes").check()
        ian.get_by_label("The child's views and wishes, in their own words").fill(
            "I want to stay with Mum. I don't want Dad to come home."
        )
        ian.get_by_label("How the child took part").select_option("PN6")
        ian.get_by_label("Parents' views").fill("Mum accepts the concerns; Dad was not there.")
        ian.get_by_label("Child protection plan", exact=True).check()
        ian.get_by_label("Category of abuse").select_option(label="Physical abuse")
        ian.get_by_label("Core group members").fill("Sam Walker; DC Shah; school nurse; Mum")
        ian.get_by_label("Outline plan").fill("Dad stays away; Ruby is seen alone every visit.")
        site.submit(ian, "Finalise")

        # The plan starts on the conference date, with its clocks from the clock table.
        plan = ChildProtectionPlan.objects.get(person=child)
        first_core_group = clock.due("first-core-group", icpc.due).due
        first_review = clock.due("first-rcpc", icpc.due).due
        first_visit = clock.due("cp-visit", icpc.due).due
        assert plan.started_on == icpc.due
        assert (first_core_group, first_review) == (
            datetime.date(2027, 2, 1),
            datetime.date(2027, 4, 18),
        )
        expect(ian.get_by_role("heading", name="Child protection plan")).to_be_visible()
        assert row(ian, "Started") == long_date(icpc.due)
        assert row(ian, "First core group due") == long_date(first_core_group)
        assert row(ian, "Next review conference due") == long_date(first_review)
        assert row(ian, "Next visit due") == long_date(first_visit)
        assert Conference.objects.get(person=child, kind="initial").participation == "PN6"

        # The chair's tray has the first review; Sam's has the first core group.
        site.visit(ian, "/protection/")
        expect(ian.locator("#review-conferences-due + p + table")).to_contain_text(
            long_date(first_review)
        )
        sam = page_for("sam.worker")
        site.visit(sam, "/protection/")
        core_groups = sam.locator("#core-groups-due + p + table")
        expect(core_groups.get_by_role("row", name="Ruby Marsh")).to_contain_text(
            long_date(first_core_group)
        )
        expect(sam.locator("#visits-overdue + table")).to_have_count(0)

    # Ola, in Team B, reaches nothing of Ruby's child protection record, page or API.
    ola = page_for("ola.otherteam")
    base = f"/people/{child.pk}/protection"
    for path in (
        f"{base}/",
        f"{base}/strategy/{enquiry.strategy_discussion_id}/",
        f"{base}/s47/{enquiry.pk}/",
        f"{base}/plans/{plan.pk}/",
        f"{base}/plans/{plan.pk}/visits/new/",
    ):
        site.visit(ola, path, status=404)
    token = account_services.issue_token(personas.other_team)
    api = Client(headers={"Authorization": f"Bearer {token}"})
    for path in (
        f"/api/v1/persons/{child.pk}/protection",
        f"/api/v1/persons/{child.pk}/protection/s47/{enquiry.pk}",
        f"/api/v1/persons/{child.pk}/protection/plans/{plan.pk}",
    ):
        assert api.get(path).status_code == 404, path

    # No visit by the day it was due: the next morning it is overdue in Sam's and Tara's trays.
    day_after = first_visit + datetime.timedelta(days=1)
    with time_machine.travel(at(day_after, 9), tick=True):
        sam = page_for("sam.worker")
        site.visit(sam, "/protection/")
        overdue = sam.locator("#visits-overdue + table")
        expect(overdue.get_by_role("row", name="Ruby Marsh")).to_contain_text("Overdue")
        expect(overdue).to_contain_text(long_date(first_visit))
        expect(sam.locator("#count-visits")).to_contain_text("1")

        # The core group met on the day it was due; the next is due a month on.
        site.visit(sam, plan.get_absolute_url())
        site.follow(sam, sam.get_by_role("button", name="Record a core group").click)
        fill_date(sam, "Date of the meeting", first_core_group)
        sam.get_by_label("Who attended").fill("Sam; DC Shah; school nurse; Mum")
        sam.get_by_label("Progress against the plan").fill("Dad has moved to his brother's.")
        site.submit(sam, "Save meeting")
        next_core_group = clock.due("core-group", first_core_group).due
        assert row(sam, "Next core group due") == long_date(next_core_group)
        expect(
            sam.get_by_role("link", name=f"Change the core group on {long_date(first_core_group)}")
        ).to_be_visible()
        tara = page_for("tara.manager")
        site.visit(tara, "/protection/")
        expect(tara.locator("#visits-overdue + table")).to_contain_text("Ruby Marsh")
        site.visit(tara, plan.get_absolute_url())
        assert row(tara, "Next visit due") == f"{long_date(first_visit)} (overdue)"
