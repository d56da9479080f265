"""From an immediate-risk contact straight to a strategy discussion: the manager's decision
opens the referral as before, then offers the discussion with the contact linked and the
referrer's words already in it."""

import datetime

import pytest
import time_machine
from django.test import Client

from casework.accounts.models import Role
from casework.common.errors import RuleBroken
from casework.frontdoor import services as frontdoor_services
from casework.frontdoor.models import Contact
from casework.frontdoor.tests.factories import contact_about
from casework.protection.models import Section47, StrategyDiscussion
from casework.protection.tests.factories import discuss
from casework.testing.factories import PersonFactory, UserFactory
from casework.testing.personas import Personas

NOW = datetime.datetime(2026, 3, 2, 15, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _on_the_day(db: None) -> object:
    with time_machine.travel(NOW, tick=False):
        yield


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def decided_contact(personas: Personas, outcome: str = "strategy_discussion") -> Contact:
    child = PersonFactory(given_name="Lily", family_name="Hart")
    contact = contact_about(child, immediate_risk=True, concern="Lily has a burn on her hand.")
    return frontdoor_services.decide_contact(
        personas.manager,
        contact,
        expected_version=contact.version,
        outcome=outcome,
        rationale="A burn explained three ways: significant harm suspected.",
        risks_identified="Non-accidental injury.",
        team=personas.team_a,
    )


def test_the_decided_contact_offers_a_strategy_discussion_with_the_contact_linked(
    personas: Personas,
) -> None:
    contact = decided_contact(personas)
    child = contact.subjects.get().person
    tara = signed_in(personas.manager)
    page = tara.get(f"/front-door/contacts/{contact.pk}/").content.decode()
    link = f"/people/{child.pk}/protection/strategy/new/?contact={contact.pk}"
    assert link in page
    form = tara.get(link).content.decode()
    assert "Lily has a burn on her hand." in form
    response = tara.post(
        link,
        {
            "held_on_day": "2",
            "held_on_month": "3",
            "held_on_year": "2026",
            "held_time": "14:00",
            "police_name": "DC Shah",
            "police_attended": "yes",
            "health_name": "Dr Rao",
            "education_name": "Ms Bell",
            "social_care_name": "Tara Mason",
            "information_shared": "Lily has a burn on her hand.",
            "risks_identified": "Non-accidental injury.",
            "decision": "section_47",
            "rationale": "Significant harm suspected.",
            "contact": str(contact.pk),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    discussion = StrategyDiscussion.objects.get(person=child)
    assert discussion.contact == contact
    assert Section47.objects.get(person=child).started_on == datetime.date(2026, 3, 2)
    assert (
        "Immediate risk reported at the front door"
        in tara.get(response["Location"]).content.decode()
    )


def test_only_a_manager_of_the_team_referred_to_is_offered_it(personas: Personas) -> None:
    contact = decided_contact(personas)
    other_manager = UserFactory(role=Role.TEAM_MANAGER, team=personas.team_b)
    for user in (other_manager, personas.frontdoor):
        response = signed_in(user).get(f"/front-door/contacts/{contact.pk}/")
        assert response.status_code == 200
        assert not response.context["offer_strategy"]
        assert "Hold a strategy discussion" not in response.content.decode()
    plain = decided_contact(personas, outcome="referral")
    page = signed_in(personas.manager).get(f"/front-door/contacts/{plain.pk}/")
    assert "Hold a strategy discussion" not in page.content.decode()


def test_a_contact_about_another_child_is_not_linked(personas: Personas) -> None:
    contact = decided_contact(personas)
    with pytest.raises(RuleBroken) as broken:
        discuss(personas, datetime.date(2026, 3, 2), contact=contact)
    assert broken.value.field == "contact"
    assert not StrategyDiscussion.objects.filter(person=personas.child).exists()
    # On the page, someone else's contact is simply not used.
    page = signed_in(personas.manager).get(
        f"/people/{personas.child.pk}/protection/strategy/new/?contact={contact.pk}"
    )
    assert "Lily has a burn" not in page.content.decode()
