"""Case histories for the demo council, so that every stage of a child in need case is there to
open: a child re-referred after the family moved away and came back (the new episode linked to
the old), a child whose plan ended with the case closed, one stepped down to early help, and a
case handed over from one worker to another, each with the manager's decisions on the record.

They are made through the services, with dates in the past, so every rule, due date, decision
and audit event holds as it would in real use."""

import datetime
import random

from casework.accounts.models import Role, User
from casework.cases import services
from casework.cases.models import Allocation, ClosureReason, Episode, ReferralSource
from casework.people.models import Person
from casework.plans import services as plans
from casework.plans.models import PlanReview

VOICE = {
    "child_seen": True,
    "seen_alone": True,
    "views": "I am happy at home now. I don't need to see a social worker any more.",
    "participation": "PN1",
    "helped_by": "none",
}


def _allocate_to(tara: User, worker: User, person: Person, on: datetime.date, why: str) -> None:
    current = Allocation.objects.get(person=person, ended_on__isnull=True)
    if current.worker_id == worker.pk:
        return
    services.allocate_worker(
        tara, person, worker=worker, rationale=why, started_on=max(on, current.started_on)
    )


def _plan_that_ends(
    rng: random.Random,
    today: datetime.date,
    tara: User,
    sam: User,
    person: Person,
    *,
    outcome: str,
    summary: str,
) -> None:
    """Referred about seven months ago, a plan for six, reviewed last month with `outcome`, and
    the case closed with the manager's decision."""
    team = tara.team
    assert team is not None  # the demo's manager always has a team
    referred_on = today - datetime.timedelta(days=rng.randint(200, 220))
    services.open_referral(
        tara, person, referral_date=referred_on, source=ReferralSource.HEALTH_VISITOR, team=team
    )
    _allocate_to(tara, sam, person, referred_on, "Sam has capacity and knows the school.")
    plan = plans.start_plan(sam, person, started_on=referred_on + datetime.timedelta(days=40))
    goal = plans.add_goal(
        sam,
        plan,
        want_to_change=f"{person.given_name} is settled at home and at school.",
        strengths="Mum asked for help early and has kept every appointment.",
    )
    plans.add_action(
        sam,
        goal,
        what="Parenting course at the family hub.",
        owner_name="Mum",
        owner_type="family_member",
        due_on=plan.started_on + datetime.timedelta(days=60),
    )
    plans.approve_plan(
        tara, plan, expected_version=None, rationale="Needs are met with this plan in place."
    )
    for days in (10, 45, 85, 120):
        plans.record_visit(
            sam,
            person,
            visited_on=plan.started_on + datetime.timedelta(days=days),
            observations="Home calm and warm; we talked in the bedroom.",
            voice=VOICE,
            bedroom_seen=True,
        )
    reviewed_on = today - datetime.timedelta(days=rng.randint(20, 30))
    plans.record_plan_review(
        tara,
        plan,
        held_on=reviewed_on,
        outcome=outcome,
        family_views="Mum says things are much better and she knows who to call.",
        summary=summary,
        voice=VOICE,
    )
    episode = Episode.objects.get(person=person, status=Episode.Status.OPEN)
    current = Allocation.objects.get(person=person, ended_on__isnull=True)
    services.close_episode(
        tara,
        episode,
        closed_on=max(reviewed_on, current.started_on),
        reason=ClosureReason.RC7,
        rationale=summary,
        next_steps="Early help key worker at Northbrook Family Hub"
        if outcome == PlanReview.Outcome.STEP_DOWN
        else "",
    )


def build_histories(rng: random.Random, today: datetime.date, people: list[Person]) -> int:
    """Four of Team A's children who have no referral yet get a history. Returns how many: none
    when the council is too small to have four such children held for most of a year."""
    tara = User.objects.get(username="tara.manager")
    sam = User.objects.get(username="sam.worker")
    tess = User.objects.filter(team=tara.team, role=Role.SOCIAL_WORKER).exclude(pk=sam.pk).first()
    team = tara.team
    if team is None or tess is None:
        return 0
    referred = set(Episode.objects.values_list("person_id", flat=True))
    held_since = dict(
        Allocation.objects.filter(team=team, ended_on__isnull=True)
        .exclude(worker=sam)
        .values_list("person_id", "started_on")
    )
    # The team has held these children longest, so their histories fit inside the allocation.
    free = sorted(
        (p for p in people if p.pk in held_since and p.pk not in referred),
        key=lambda p: (held_since[p.pk], p.la_id),
    )
    if len(free) < 4 or held_since[free[0].pk] > today - datetime.timedelta(days=250):
        return 0
    moved, closed, stepped_down, handed_over = free[:4]

    # Referred by the police last year, closed when the family moved away, referred again by
    # the school now they are back: the new episode is linked to the old one.
    first = max(today - datetime.timedelta(days=rng.randint(300, 330)), held_since[moved.pk])
    episode = services.open_referral(
        tara, moved, referral_date=first, source=ReferralSource.POLICE, team=team
    )
    _allocate_to(tara, sam, moved, first, "Sam has worked with the family's older children.")
    services.close_episode(
        tara,
        episode,
        closed_on=first + datetime.timedelta(days=30),
        reason=ClosureReason.RC5,
        rationale="The family moved to Eastshire; their children's services have the case.",
        next_steps="Transfer-in conference held with Eastshire.",
    )
    again = today - datetime.timedelta(days=rng.randint(15, 25))
    services.open_referral(
        tara, moved, referral_date=again, source=ReferralSource.SCHOOL, team=team
    )
    _allocate_to(tara, sam, moved, again, "Re-referred: Sam knows the family from last year.")

    _plan_that_ends(
        rng,
        today,
        tara,
        sam,
        closed,
        outcome=PlanReview.Outcome.CLOSE,
        summary="Every goal is met and has held for three months; the family no longer need "
        "a plan.",
    )
    _plan_that_ends(
        rng,
        today,
        tara,
        sam,
        stepped_down,
        outcome=PlanReview.Outcome.STEP_DOWN,
        summary="Needs can now be met by early help; Mum agrees and has met the key worker.",
    )

    # Tess took the referral; Sam has it now, with the hand-over on the record.
    referred_on = today - datetime.timedelta(days=rng.randint(50, 60))
    services.open_referral(
        tara, handed_over, referral_date=referred_on, source=ReferralSource.GP, team=team
    )
    _allocate_to(tara, tess, handed_over, referred_on, "Tess is the duty worker this week.")
    _allocate_to(
        tara,
        sam,
        handed_over,
        today - datetime.timedelta(days=rng.randint(5, 12)),
        "Tess goes on maternity leave; Sam has capacity and has met Mum.",
    )
    return 4
