"""Plans, visits and supervision for the demo council: some of sam.worker's children have child
in need plans agreed with their families (one still waiting for tara.manager's approval), with
visits recorded, some of them now overdue; and Sam has had supervision with case directions.

Everything goes through the services, so the stored due dates come from the clock as they would
in real use."""

import datetime
import random
import uuid

from casework.accounts.models import User
from casework.cases.models import Allocation, Episode, ReferralSource
from casework.common import clock
from casework.oversight import supervision
from casework.people.models import Person
from casework.plans import services
from casework.plans.models import Action, CINPlan

GOALS = (
    (
        "{name} gets to school on time every day.",
        "Mum gets the younger children to nursery each morning.",
        [
            ("Set an alarm and lay out uniform the night before.", "Mum", "family_member"),
            ("Breakfast club place from Monday.", "School", "agency"),
        ],
    ),
    (
        "{name} feels safe when Dad visits.",
        "Dad has kept every contact session since January.",
        [
            ("Contact at Gran's house, with Gran there.", "Gran", "family_member"),
            ("Talk with {name} about the visits, alone.", "Social worker", "worker"),
        ],
    ),
    (
        "The home is warm and there is food in the cupboards.",
        "Mum asked for help with the heating herself.",
        [
            ("Referral to the housing repairs team.", "Social worker", "worker"),
            ("Food bank voucher and budgeting session.", "Citizens Advice", "agency"),
        ],
    ),
    (
        "{name} gets help with their worries.",
        "{name} talks openly with their form tutor.",
        [
            ("Referral to the school counsellor.", "School", "agency"),
            ("Worry diary kept together at bedtime.", "Mum", "family_member"),
        ],
    ),
)

VIEWS = (
    "I like it when Mum walks me to school.",
    "I don't want to go to Dad's on Saturdays.",
    "My room is cold at night but my new duvet helps.",
    "I want my brother to stop taking my things.",
)


def _episode(
    person: Person, team_id: uuid.UUID, referral_date: datetime.date, tara: User
) -> Episode:
    dates = clock.due("assessment", referral_date)
    return Episode.objects.create(
        person=person,
        referral_date=referral_date,
        referral_source=ReferralSource.SCHOOL,
        team_id=team_id,
        primary_need="N2",
        assessment_due=dates.due,
        assessment_target=dates.target,
        created_by=tara,
    )


def _visit(
    rng: random.Random, sam: User, person: Person, on: datetime.date, *, alone: bool
) -> None:
    services.record_visit(
        sam,
        person,
        visited_on=on,
        bedroom_seen=rng.random() < 0.8,
        observations="Home visit. The house was calm; we talked in the kitchen and the bedroom.",
        voice={
            "child_seen": True,
            "seen_alone": alone,
            "not_seen_alone_reason": "" if alone else "Mum asked to stay; agreed for this visit.",
            "views": rng.choice(VIEWS),
            "participation": "PN1",
        },
    )


def build_plans(rng: random.Random, today: datetime.date, people: list[Person]) -> int:
    """Give up to eight of sam.worker's children a plan and visits, and Sam a supervision with
    directions. Returns the number of plans made."""
    sam = User.objects.get(username="sam.worker")
    tara = User.objects.get(username="tara.manager")
    ids = [person.pk for person in people]
    busy = set(
        Episode.objects.filter(person_id__in=ids, status=Episode.Status.OPEN).values_list(
            "person_id", flat=True
        )
    ) | set(
        CINPlan.objects.filter(person_id__in=ids)
        .exclude(status=CINPlan.Status.ENDED)
        .values_list("person_id", flat=True)
    )
    allocated = dict(
        Allocation.objects.filter(person_id__in=ids, worker=sam, ended_on__isnull=True).values_list(
            "person_id", "team_id"
        )
    )
    children = [p for p in people if p.pk in allocated and p.pk not in busy][:8]
    made = 0
    for index, child in enumerate(children):
        started_on = today - datetime.timedelta(days=rng.randint(40, 120))
        _episode(child, allocated[child.pk], started_on - datetime.timedelta(days=50), tara)
        plan = services.start_plan(sam, child, started_on=started_on)
        for want, strengths, actions in rng.sample(GOALS, 2):
            goal = services.add_goal(
                sam,
                plan,
                want_to_change=want.format(name=child.given_name),
                strengths=strengths.format(name=child.given_name),
            )
            for what, owner, kind in actions:
                action = services.add_action(
                    sam,
                    goal,
                    what=what.format(name=child.given_name),
                    owner_name=owner,
                    owner_type=kind,
                    due_on=started_on + datetime.timedelta(days=rng.randint(14, 90)),
                )
                if action.due_on < today:
                    progress = rng.choice([p.value for p in Action.Progress])
                    services.update_action(sam, action, expected_version=None, progress=progress)
        made += 1
        if index == 0:
            continue  # left waiting for the manager's approval
        services.approve_plan(
            tara,
            plan,
            expected_version=None,
            rationale="The assessment showed these needs; the goals were agreed with the family.",
            risks_identified="Drift if school attendance falls again.",
        )
        # Most children were seen recently; every third child's visits stopped some weeks ago,
        # so their next visit is overdue.
        last = today - datetime.timedelta(days=45 if index % 3 == 0 else rng.randint(3, 18))
        first = started_on + datetime.timedelta(days=7)
        if first < last:
            _visit(rng, sam, child, first, alone=True)
        _visit(rng, sam, child, max(last, started_on), alone=rng.random() < 0.7)
    if children:
        held_on = today - datetime.timedelta(days=rng.randint(10, 25))
        supervision.record_supervision(
            tara,
            sam,
            held_on=held_on,
            discussion=(
                "Sam talked through the families where progress has stalled. We reflected on "
                "how to bring Dad into planning, and on Sam's caseload and wellbeing."
            ),
            directions=[
                supervision.DirectionIn(
                    person=children[-1],
                    direction="See the child alone at school before the next review.",
                    due_on=held_on + datetime.timedelta(days=7),
                ),
                supervision.DirectionIn(
                    person=children[0],
                    direction="Add the grandparents' views to the plan before it comes to me.",
                    due_on=today + datetime.timedelta(days=5),
                ),
            ],
        )
    return made
