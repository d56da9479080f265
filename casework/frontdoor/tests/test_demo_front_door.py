"""The demo council's front door has contacts in every state the tray shows."""

import datetime
import random

import time_machine
from django.utils import timezone

from casework.demo.council import build_council
from casework.frontdoor import selectors
from casework.frontdoor.demo import build_front_door
from casework.frontdoor.models import Contact, ContactSubject, Service
from casework.testing.personas import Personas

# A Wednesday, so a contact from Tuesday is due today.
WEDNESDAY = datetime.datetime(2026, 3, 4, 14, 0, tzinfo=datetime.UTC)


@time_machine.travel(WEDNESDAY, tick=False)
def test_the_demo_has_contacts_in_every_state(db: None) -> None:
    made = build_council(children=40, seed=3)["contacts"]
    assert made == Contact.objects.count() == 15
    assert Service.objects.count() == 5
    today = timezone.localdate()
    tara = Contact.objects.filter(outcome="referral").get().decision.decided_by  # type: ignore[union-attr]
    counts = selectors.tray_counts(tara, today)
    assert counts.awaiting_checks > 0
    assert counts.awaiting_decision > 0
    assert counts.due_today > 0
    assert counts.overdue > 0
    outcomes = set(Contact.objects.exclude(outcome="").values_list("outcome", flat=True))
    assert outcomes == set(Contact.Outcome.values)
    assert ContactSubject.objects.filter(re_referral_within_12_months=True).exists()


def test_the_demo_makes_fewer_contacts_when_there_are_few_children(personas: Personas) -> None:
    assert build_front_door(random.Random(1), timezone.localdate(), [personas.child]) == 1
