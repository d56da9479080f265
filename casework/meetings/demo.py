"""Meetings for the demo council: each of sam.worker's children on an active child in need plan
had a child in need meeting a few weeks ago, finalised with who came, what was decided and the
child's views; two have the next one planned; one had a professionals' meeting this week whose
minutes Sam has still to finalise.

Everything goes through the services, so every rule, version and audit event holds."""

import datetime
import random

from casework.accounts.models import User
from casework.meetings import services
from casework.meetings.models import Meeting
from casework.people.models import Person
from casework.plans.models import CINPlan

VIEWS = (
    "I like it when Nan comes to the meetings. I want to stay at my school.",
    "She drew her family and put the dog next to her; she said home is 'better now'.",
    "He said he does not want Dad to shout any more, and that football helps.",
    "She told her advocate she wants to see her brother every weekend.",
)
DECISIONS = (
    "The child in need plan continues; the next review is in three months.",
    "School will share attendance weekly; Mum will ring if a morning goes badly.",
    "A referral to the young carers' group will be made this week.",
    "Dad will be invited to the next meeting and to contribute to the plan.",
)
ACTIONS = (
    ("Send weekly attendance figures to the social worker.", "Northbrook Primary", "agency"),
    ("Make the young carers' referral.", "Sam Walker", "worker"),
    ("Keep the morning routine chart on the fridge.", "Mum", "family_member"),
)


def _people(rng: random.Random, child: Person) -> list[tuple[str, str, str, str]]:
    """(name, group, role, organisation) of the family and agencies invited."""
    mum = f"{rng.choice(('Jo', 'Kerry', 'Dawn', 'Amira'))} {child.family_name}"
    return [
        (mum, "family", "Mum", ""),
        ("Gran", "family", "Maternal grandmother", ""),
        ("Ms Patel", "agency", "Designated safeguarding lead", "Northbrook Primary"),
        ("Ruth Okoro", "agency", "Health visitor", "Northbrook Community Health"),
    ]


def build_meetings(rng: random.Random, today: datetime.date, people: list[Person]) -> int:
    """Meetings for sam.worker's children on active plans. Returns the number made."""
    sam = User.objects.get(username="sam.worker")
    plans = list(
        CINPlan.objects.filter(
            person__in=[person.pk for person in people],
            status=CINPlan.Status.ACTIVE,
            created_by=sam,
        )
        .select_related("person")
        .order_by("started_on", "pk")
    )
    made = 0
    for index, plan in enumerate(plans):
        child = plan.person
        held_on = max(plan.started_on, today - datetime.timedelta(days=rng.randint(14, 30)))
        meeting = services.record_meeting(
            sam,
            child,
            kind=Meeting.Kind.CHILD_IN_NEED,
            held_on=held_on,
            starts_at=datetime.time(rng.choice((9, 10, 13, 15)), rng.choice((0, 30))),
            location=rng.choice(("Northbrook Family Centre", "The family home", "School")),
            purpose="Review the child in need plan with the family and the professionals.",
            minutes=(
                "Mum said mornings are calmer and the routine chart is helping. School report "
                "attendance up to 93%. The health visitor has seen the younger sibling and has "
                "no concerns. Gran offered to do the Tuesday school run."
            ),
            voice={
                "child_seen": True,
                "seen_alone": True,
                "views": rng.choice(VIEWS),
                "participation": rng.choice(("PN1", "PN2", "PN6")),
                "helped_by": rng.choice(("none", "advocate", "trusted_adult")),
            },
        )
        for name, group, role, organisation in _people(rng, child):
            services.add_attendee(
                sam,
                meeting,
                name=name,
                group=group,
                role=role,
                organisation=organisation,
                attended=rng.random() < 0.85,
            )
        services.add_attendee(
            sam,
            meeting,
            name="Sam Walker",
            group="professional",
            role="Social worker",
            attended=True,
        )
        for decision in rng.sample(DECISIONS, 2):
            services.add_decision(sam, meeting, decision=decision)
        for what, owner, kind in rng.sample(ACTIONS, 2):
            services.add_action(
                sam,
                meeting,
                what=what,
                owner_name=owner,
                owner_type=kind,
                due_on=held_on + datetime.timedelta(days=rng.randint(5, 20)),
            )
        services.finalise_meeting(sam, meeting, expected_version=None)
        made += 1
        if index < 2:
            # The next one is in the diary: it shows on the case summary as what is due.
            services.record_meeting(
                sam,
                child,
                kind=Meeting.Kind.CHILD_IN_NEED,
                held_on=today + datetime.timedelta(days=rng.randint(3, 12)),
                starts_at=datetime.time(10, 0),
                location="Northbrook Family Centre",
                purpose="Six-weekly child in need meeting.",
            )
            made += 1
        if index == 2:
            # Held this week; the minutes are still to write up and finalise.
            services.record_meeting(
                sam,
                child,
                kind=Meeting.Kind.PROFESSIONALS,
                held_on=today - datetime.timedelta(days=2),
                starts_at=datetime.time(14, 0),
                location="Online",
                purpose="School and health share what they have seen since the last review.",
                minutes="School: two late arrivals. Health: weight is on track.",
            )
            made += 1
    return made
