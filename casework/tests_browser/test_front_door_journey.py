"""The front-door journey (issue 4): a phone contact about a child whose name the caller gets
wrong, found anyway, checked with police and school, decided as a referral by a manager, and
waiting in Team A's tray with the assessment clock started from the referral date."""

import datetime

from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from casework.cases.models import Episode
from casework.common import clock
from casework.frontdoor.models import Contact
from casework.testing.factories import PersonFactory


def govuk_date(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


def test_a_contact_becomes_a_referral_in_team_as_tray(site, page_for, personas):
    call_command("holidays", verbosity=0)
    child = PersonFactory(
        given_name="Ellie", family_name="Robinson", date_of_birth=datetime.date(2014, 9, 3)
    )

    # Fran takes the call: the school says "Elly Robinsen", born 3/9/2014.
    fran = page_for("fran.frontdoor")
    site.follow(fran, fran.get_by_role("link", name="Front door").click)
    site.follow(fran, fran.get_by_role("button", name="Take a contact").click)
    fran.get_by_label("Find a person").fill("Elly Robinsen 03/09/2014")
    site.submit(fran, "Find")
    choice = fran.get_by_role("checkbox", name="Ellie Robinson")
    expect(choice).to_be_visible()
    expect(fran.get_by_text("date of birth exact").first).to_be_visible()
    choice.check()
    fran.get_by_label("Who is contacting").select_option(label="Schools")
    fran.get_by_label("The concern, in the referrer's words").fill(
        "Ellie came in with a bruise on her arm and said she did not want to go home."
    )
    fran.get_by_label("Given", exact=True).check()
    site.submit(fran, "Save contact")
    contact = Contact.objects.get(subjects__person=child)
    received = timezone.localtime(contact.received_at).date()
    decision_due = clock.due("contact-decision", received).due
    expect(fran.get_by_text(govuk_date(decision_due)).first).to_be_visible()

    # Police and school checks.
    for agency, found, complete in (
        ("Police", "No police involvement recorded at the address.", "No, there are more"),
        ("Education", "Attendance 87%; school raised two concerns this term.", "Yes, send"),
    ):
        site.follow(fran, fran.get_by_role("button", name="Record a check").click)
        fran.get_by_label(agency, exact=True).check()
        fran.get_by_label("What the check found").fill(found)
        fran.get_by_label(complete).check()
        site.submit(fran, "Save check")
        expect(fran.get_by_text(found)).to_be_visible()

    # Tara decides: referral to Team A.
    tara = page_for("tara.manager")
    site.visit(tara, f"/front-door/contacts/{contact.pk}/")
    site.follow(tara, tara.get_by_role("button", name="Decide").click)
    tara.get_by_label("Referral to children's social care").check()
    tara.get_by_label("Team the referral goes to").select_option(label="Team A")
    tara.get_by_label("Rationale").fill("Unexplained injury and the child's own words: assess.")
    tara.get_by_label("Risks identified").fill("Possible physical harm at home.")
    site.submit(tara, "Record decision")

    episode = Episode.objects.get(person=child)
    assert episode.referral_date == received
    assessment = clock.due("assessment", received)
    assert (episode.assessment_due, episode.assessment_target) == (
        assessment.due,
        assessment.target,
    )

    # The child waits in Team A's tray with the assessment due date from the clock table.
    site.visit(tara, "/")
    row = tara.get_by_role("row").filter(has=tara.get_by_role("link", name="Ellie Robinson"))
    expect(row.first).to_contain_text(govuk_date(assessment.target))
    expect(row.first).to_contain_text(govuk_date(received))

    # And the other team's worker cannot reach the child.
    ola = page_for("ola.otherteam")
    site.visit(ola, f"/people/{child.pk}/", status=404)
