"""A team manager's decision on a contact: a management decision record, and for a referral a
child in need episode with its assessment clock, routed to a team's unallocated tray."""

import datetime
import uuid
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client

from casework.accounts.models import Role
from casework.cases import selectors as case_selectors
from casework.cases import services as case_services
from casework.cases.models import Episode
from casework.common.errors import RuleBroken, StaleVersion
from casework.common.models import SubmissionReceipt
from casework.frontdoor import services
from casework.frontdoor.models import Contact, ContactSubject
from casework.frontdoor.tests.factories import ServiceFactory, contact_about
from casework.oversight.models import ManagementDecision
from casework.oversight.selectors import decisions_for, latest_for_person
from casework.testing.factories import PersonFactory, UserFactory
from casework.testing.personas import Personas


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def decide(actor: Any, contact: Contact, **overrides: Any) -> Contact:
    fields: dict[str, Any] = {
        "expected_version": contact.version,
        "outcome": Contact.Outcome.NO_FURTHER_ACTION,
        "rationale": "School support is enough; no role for social care.",
    }
    fields.update(overrides)
    return services.decide_contact(actor, contact, **fields)


def referral(personas: Personas, **overrides: Any) -> dict[str, Any]:
    return {
        "outcome": Contact.Outcome.REFERRAL,
        "rationale": "Disclosure of physical harm by an adult in the home.",
        "risks_identified": "Injury; adult with a history of violence.",
        "team": personas.team_a,
        **overrides,
    }


def nothing_was_decided(contact: Contact) -> None:
    contact.refresh_from_db()
    assert contact.status != Contact.Status.DECIDED
    assert contact.version == 1
    assert not ManagementDecision.objects.exists()
    assert not Episode.objects.exists()


# The decision record ---------------------------------------------------------------------------


def test_no_further_action_is_a_management_decision_linked_to_the_contact(
    personas: Personas,
) -> None:
    contact = contact_about(personas.child)
    decided = decide(personas.manager, contact, next_steps="Tell the school today.")
    assert decided.status == Contact.Status.DECIDED
    assert decided.outcome == "nfa"
    assert decided.version == 2
    decision = decisions_for(contact).get()
    assert decision.decided_by == personas.manager
    assert decision.person == personas.child
    assert decision.decision == "nfa"
    assert decision.next_steps == "Tell the school today."
    assert decided.decision == decision
    assert latest_for_person(personas.child) == decision
    assert not Episode.objects.exists()


def test_advice_records_the_services_signposted_to(personas: Personas) -> None:
    dads = ServiceFactory(name="Dads Matter")
    carers = ServiceFactory(name="Young Carers' Group")
    contact = contact_about(personas.child)
    decided = decide(
        personas.manager, contact, outcome=Contact.Outcome.ADVICE, services=[dads, carers]
    )
    assert set(decided.signposted_to.all()) == {dads, carers}
    assert decided.decision is not None
    assert "Dads Matter" in decided.decision.decision_label


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"rationale": "  "}, "rationale"),
        ({"outcome": "shrug"}, "outcome"),
        ({"outcome": Contact.Outcome.ADVICE}, "services"),
        ({"outcome": Contact.Outcome.REFERRAL, "team": None}, "team"),
        ({"outcome": Contact.Outcome.REFERRAL, "risks_identified": ""}, "risks_identified"),
        (
            {"outcome": Contact.Outcome.STRATEGY_DISCUSSION, "risks_identified": ""},
            "risks_identified",
        ),
    ],
)
def test_an_incomplete_decision_names_its_field_and_writes_nothing(
    personas: Personas, overrides: dict[str, Any], field: str
) -> None:
    contact = contact_about(personas.child)
    fields = referral(personas) | {"outcome": Contact.Outcome.NO_FURTHER_ACTION} | overrides
    with pytest.raises(RuleBroken) as broken:
        decide(personas.manager, contact, **fields)
    assert broken.value.field == field
    nothing_was_decided(contact)


def test_only_a_team_manager_can_decide(personas: Personas) -> None:
    contact = contact_about(personas.child)
    with pytest.raises(RuleBroken) as broken:
        decide(personas.frontdoor, contact)
    assert broken.value.field == "decided_by"
    nothing_was_decided(contact)


def test_a_service_no_longer_offered_cannot_be_chosen(personas: Personas) -> None:
    closed = ServiceFactory(name="Closed programme", active=False)
    contact = contact_about(personas.child)
    with pytest.raises(RuleBroken) as broken:
        decide(personas.manager, contact, outcome=Contact.Outcome.ADVICE, services=[closed])
    assert broken.value.field == "services"
    nothing_was_decided(contact)


# Referral --------------------------------------------------------------------------------------


@time_machine.travel(datetime.datetime(2026, 4, 2, 15, 0, tzinfo=datetime.UTC), tick=False)
def test_a_referral_opens_an_episode_on_the_assessment_clock_in_the_teams_tray(
    personas: Personas,
) -> None:
    call_command("holidays", "--from", "2026", "--to", "2026", verbosity=0)
    child = PersonFactory(given_name="Leo", family_name="Marsh")
    contact = services.record_contact(
        personas.frontdoor,
        received_at=datetime.datetime(2026, 4, 2, 9, 15, tzinfo=datetime.UTC),
        source="6",
        concern="Police attended a domestic incident; Leo was present.",
        consent=Contact.Consent.NOT_SOUGHT,
        people=[(child, ContactSubject.Role.CHILD)],
    )
    decided = decide(personas.manager, contact, **referral(personas))
    episode = Episode.objects.get(person=child)
    assert episode.referral_date == datetime.date(2026, 4, 2)
    assert episode.referral_source == "6"
    # practice-rules.md 5e: 45 working days from Thu 2 Apr 2026.
    assert episode.assessment_due == datetime.date(2026, 6, 10)
    assert episode.assessment_target == datetime.date(2026, 6, 9)
    assert decided.episode == episode
    assert decided.referred_to_team == personas.team_a
    assert contact.subjects.get().episode == episode
    in_tray = case_selectors.allocations_for_team(personas.team_a).get(person=child)
    assert in_tray.worker is None


def test_every_child_on_the_contact_is_referred_with_their_own_decision(
    personas: Personas,
) -> None:
    sister, brother = PersonFactory(), PersonFactory()
    mother = PersonFactory(is_child=False, date_of_birth=datetime.date(1990, 1, 1))
    contact = contact_about(sister)
    ContactSubject.objects.create(contact=contact, person=brother, role="child")
    ContactSubject.objects.create(contact=contact, person=mother, role="parent")
    decide(personas.manager, contact, **referral(personas))
    assert set(Episode.objects.values_list("person", flat=True)) == {sister.pk, brother.pk}
    assert {d.person for d in decisions_for(contact)} == {sister, brother}


def test_a_strategy_discussion_also_opens_the_referral(personas: Personas) -> None:
    child = PersonFactory()
    contact = contact_about(child, immediate_risk=True)
    decided = decide(personas.manager, contact, **referral(personas, outcome="strategy_discussion"))
    assert decided.outcome == "strategy_discussion"
    assert Episode.objects.filter(person=child, status="open").exists()


def test_a_child_with_an_open_referral_is_not_referred_again(personas: Personas) -> None:
    case_services.open_referral(
        personas.manager,
        personas.child,
        referral_date=datetime.date(2026, 2, 2),
        source="2A",
        team=personas.team_a,
    )
    contact = contact_about(personas.child)
    with pytest.raises(RuleBroken) as broken:
        decide(personas.manager, contact, **referral(personas))
    assert broken.value.field == "person"
    contact.refresh_from_db()
    assert contact.status == Contact.Status.AWAITING_CHECKS
    assert not ManagementDecision.objects.exists()
    assert Episode.objects.count() == 1


def test_a_manager_decides_from_the_page_and_the_contact_shows_it(personas: Personas) -> None:
    child = PersonFactory()
    contact = contact_about(child)
    client = signed_in(personas.manager)
    form = client.get(f"/front-door/contacts/{contact.pk}/decide/").context["form"]
    assert form.initial["team"] == personas.team_a
    response = client.post(
        f"/front-door/contacts/{contact.pk}/decide/",
        {
            "outcome": "referral",
            "team": str(personas.team_a.pk),
            "rationale": "Needs an assessment.",
            "risks_identified": "Bruising to the face.",
            "version": "1",
            "form_token": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 302
    page = client.get(contact.get_absolute_url()).content.decode()
    assert "Decision recorded" in page
    assert "Referral to children&#x27;s social care, routed to Team A" in page
    assert "Bruising to the face." in page


def test_a_missing_team_is_named_on_the_page(personas: Personas) -> None:
    contact = contact_about(personas.child)
    response = signed_in(personas.manager).post(
        f"/front-door/contacts/{contact.pk}/decide/",
        {"outcome": "referral", "rationale": "R", "risks_identified": "X", "version": "1"},
    )
    assert response.status_code == 400
    assert 'href="#id_team"' in response.content.decode()
    nothing_was_decided(contact)


def test_deciding_a_decided_contact_goes_back_to_it(personas: Personas) -> None:
    contact = contact_about(personas.child)
    decide(personas.manager, contact)
    response = signed_in(personas.manager).get(f"/front-door/contacts/{contact.pk}/decide/")
    assert response.status_code == 302
    assert response["Location"] == contact.get_absolute_url()


# Two managers at once ----------------------------------------------------------------------


def decision_form(**overrides: str) -> dict[str, str]:
    data = {
        "outcome": "nfa",
        "rationale": "No role for social care.",
        "version": "1",
        "form_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def test_the_second_manager_sees_the_first_decision_and_overwrites_nothing(
    personas: Personas,
) -> None:
    other_manager = UserFactory(username="mo.manager", role=Role.TEAM_MANAGER, team=personas.team_b)
    contact = contact_about(PersonFactory())
    url = f"/front-door/contacts/{contact.pk}/decide/"
    tara, mo = signed_in(personas.manager), signed_in(other_manager)
    assert tara.get(url).context["form"].initial["version"] == 1
    assert mo.get(url).context["form"].initial["version"] == 1
    first = tara.post(url, decision_form(rationale="Tara's reasons"))
    assert first.status_code == 302
    second = mo.post(url, decision_form(outcome="early_help", rationale="Mo's reasons"))
    assert second.status_code == 409
    page = second.content.decode()
    assert "Someone else decided this contact" in page
    assert "Tara&#x27;s reasons" in page  # the first decision is shown
    assert "Mo&#x27;s reasons" in page  # the second manager's words are not lost
    contact.refresh_from_db()
    assert contact.outcome == "nfa"
    assert ManagementDecision.objects.get().rationale == "Tara's reasons"
    again = mo.post(url, decision_form(outcome="early_help", rationale="Mo's", version="2"))
    assert again.status_code == 400
    assert "already been decided by" in again.content.decode()
    assert ManagementDecision.objects.count() == 1


def test_the_service_refuses_a_decision_from_an_old_version(personas: Personas) -> None:
    contact = contact_about(personas.child)
    services.record_check(personas.frontdoor, contact, agency="police", result="Known to police")
    with pytest.raises(StaleVersion) as stale:
        decide(personas.manager, contact, expected_version=1)
    assert stale.value.current.version == 2
    assert not ManagementDecision.objects.exists()


def test_a_check_recorded_while_deciding_is_shown_before_the_decision_is_saved(
    personas: Personas,
) -> None:
    contact = contact_about(personas.child)
    url = f"/front-door/contacts/{contact.pk}/decide/"
    tara = signed_in(personas.manager)
    tara.get(url)
    services.record_check(personas.frontdoor, contact, agency="police", result="Arrest last week")
    response = tara.post(url, decision_form())
    assert response.status_code == 409
    page = response.content.decode()
    assert "This contact changed while you were deciding" in page
    assert "Arrest last week" in page
    assert tara.post(url, decision_form(version="2")).status_code == 302


def test_submitting_the_same_decision_twice_decides_once(personas: Personas) -> None:
    contact = contact_about(personas.child)
    url = f"/front-door/contacts/{contact.pk}/decide/"
    client = signed_in(personas.manager)
    data = decision_form()
    first, second = client.post(url, data), client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert ManagementDecision.objects.count() == 1
    assert SubmissionReceipt.objects.count() == 1
