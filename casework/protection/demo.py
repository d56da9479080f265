"""Child protection for the demo council: some of sam.worker's children have been through a
strategy discussion, a section 47 enquiry and an initial conference chaired by ian.chair, and are
on child protection plans with core groups, visits and reviews. Some are in time; others have a
visit or core group overdue, and one enquiry still waits for its initial conference.

Everything goes through the services, so every stored date comes from the clock."""

import datetime
import random
import uuid
import zoneinfo

from casework.accounts.models import User
from casework.cases.models import Allocation, Episode, ReferralSource
from casework.common import clock
from casework.people.models import Person
from casework.protection import services
from casework.protection.models import ChildProtectionPlan, Section47

LONDON = zoneinfo.ZoneInfo("Europe/London")
CATEGORIES = ("NEG", "PHY", "EMO", "SAB", "MUL")
VIEWS = (
    "I don't like it when they shout at night.",
    "I want to stay at my school.",
    "Nan makes me feel safe.",
    "I'm hungry when I get home.",
)


def _participants(name: str) -> list[services.ParticipantIn]:
    return [
        services.ParticipantIn("police", "DC Priya Shah", attended=True),
        services.ParticipantIn("health", "Health visitor", attended=True),
        services.ParticipantIn("education", "Designated safeguarding lead", attended=False),
        services.ParticipantIn("social_care", name, attended=True),
    ]


def _voice(rng: random.Random) -> dict[str, object]:
    return {
        "child_seen": True,
        "seen_alone": True,
        "views": rng.choice(VIEWS),
        "participation": rng.choice(["PN1", "PN5", "PN6"]),
    }


def _episode(person: Person, team_id: uuid.UUID, referral_date: datetime.date, tara: User) -> None:
    dates = clock.due("assessment", referral_date)
    Episode.objects.create(
        person=person,
        referral_date=referral_date,
        referral_source=ReferralSource.POLICE,
        team_id=team_id,
        primary_need="N1",
        assessment_due=dates.due,
        assessment_target=dates.target,
        created_by=tara,
    )


def _enquiry(
    rng: random.Random, sam: User, tara: User, child: Person, day: datetime.date
) -> Section47:
    discussion = services.hold_strategy_discussion(
        tara,
        child,
        held_at=datetime.datetime(day.year, day.month, day.day, 10, tzinfo=LONDON),
        participants=_participants(sam.display_name),
        information_shared="Police attended a domestic incident; school reports bruising.",
        risks_identified="Physical harm and neglect at home.",
        decision="section_47",
        rationale="Reasonable cause to suspect the child is suffering significant harm.",
        outside_home=["going_missing"] if rng.random() < 0.3 else [],
    )
    return discussion.section47


def build_protection(rng: random.Random, today: datetime.date, people: list[Person]) -> int:
    """Put up to six of sam.worker's children on child protection plans with histories, and
    leave one enquiry waiting for its conference. Returns the number of plans made."""
    sam = User.objects.get(username="sam.worker")
    tara = User.objects.get(username="tara.manager")
    ian = User.objects.get(username="ian.chair")
    ids = [person.pk for person in people]
    busy = set(
        Episode.objects.filter(person_id__in=ids, status=Episode.Status.OPEN).values_list(
            "person_id", flat=True
        )
    ) | set(
        ChildProtectionPlan.objects.filter(person_id__in=ids).values_list("person_id", flat=True)
    )
    allocated = dict(
        Allocation.objects.filter(person_id__in=ids, worker=sam, ended_on__isnull=True).values_list(
            "person_id", "team_id"
        )
    )
    children = [p for p in people if p.pk in allocated and p.pk not in busy][:7]
    made = 0
    for index, child in enumerate(children):
        referred = today - datetime.timedelta(days=rng.randint(110, 200) if index else 6)
        _episode(child, allocated[child.pk], referred, tara)
        enquiry = _enquiry(rng, sam, tara, child, referred + datetime.timedelta(days=1))
        if index == 0:
            continue  # still waiting for its initial conference
        completed = enquiry.started_on + datetime.timedelta(days=7)
        services.record_section47_outcome(
            sam,
            enquiry,
            child_seen_on=enquiry.started_on,
            findings="The child's account and the injuries are consistent; risk continues.",
            outcome="substantiated_at_risk",
            completed_on=completed,
        )
        services.authorise_section47(tara, enquiry, rationale="Agreed: convene an ICPC.")
        # Every third conference was late, held after the legal latest date.
        held_on = enquiry.icpc_target if index % 3 else enquiry.icpc_due + datetime.timedelta(3)
        # Conferences are held on working days (CIN census rule 8875 refuses a weekend date).
        while held_on.weekday() >= 5:
            held_on += datetime.timedelta(days=1)
        conference = services.record_conference(
            ian,
            child,
            kind="initial",
            held_on=held_on,
            agencies_invited=["police", "health", "education", "social_care"],
            agencies_attended=["police", "health", "social_care"],
            family_invited="Mum; Dad",
            family_attended="Mum",
            reports_received="Social work report; police report; school report",
        )
        category = rng.choice(CATEGORIES)
        services.finalise_conference(
            ian,
            conference,
            voice=_voice(rng),
            parents_views="Mum accepts help; Dad disputes the concerns.",
            decision="plan",
            category=category,
            core_group_members=f"{sam.display_name}; DC Priya Shah; health visitor; school",
            outline="Keep the child safe at home while Dad works with the domestic abuse service.",
        )
        plan = ChildProtectionPlan.objects.get(person=child, status="active")
        services.add_plan_action(
            sam, plan, what="Attend the domestic abuse programme.", owner="Dad"
        )
        services.add_plan_action(sam, plan, what="See the child alone every visit.", owner="Sam")
        late = index % 2 == 0
        core_day = plan.first_core_group_due + datetime.timedelta(days=5 if late else 0)
        if core_day <= today:
            services.record_core_group(
                sam,
                plan,
                held_on=core_day,
                attendees="Sam; DC Shah; health visitor; Mum",
                progress="Mum engaging; Dad yet to start the programme.",
            )
        # Visits every fortnight; the late children's visits stopped five weeks ago.
        last_allowed = today - datetime.timedelta(days=35 if late else 3)
        day = plan.started_on + datetime.timedelta(days=7)
        while day <= last_allowed:
            services.record_cp_visit(
                sam,
                plan,
                visited_on=day,
                observations="Home visit; bedroom seen; the child talked with me alone.",
                voice=_voice(rng),
                bedroom_seen=True,
            )
            day += datetime.timedelta(days=14)
        plan.refresh_from_db()
        if plan.next_review_due is not None and plan.next_review_due <= today and not late:
            review = services.record_conference(
                ian, child, kind="review", held_on=plan.next_review_due
            )
            services.finalise_conference(
                ian,
                review,
                voice=_voice(rng),
                parents_views="Things are calmer at home.",
                decision="continue",
                category=category,
            )
        made += 1
    return made
