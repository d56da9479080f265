"""Builders for child protection records. `cp_history` writes the smallest full history directly
(for access and page tests); the builders at the bottom go through the services, for tests of
the rules."""

import datetime
import zoneinfo
from dataclasses import dataclass

import time_machine
from django.utils import timezone

from casework.accounts.models import Team, User
from casework.cases.models import Episode
from casework.people.models import Person
from casework.plans.tests.factories import EpisodeFactory
from casework.protection import services
from casework.protection.models import (
    ChildProtectionPlan,
    Conference,
    Participant,
    Section47,
    StrategyDiscussion,
)
from casework.protection.services import ParticipantIn
from casework.testing.factories import AllocationFactory, PersonFactory
from casework.testing.personas import Personas

EVERY_AGENCY = [
    ParticipantIn("police", "DC Shah", attended=True),
    ParticipantIn("health", "Nurse Okafor", attended=True),
    ParticipantIn("education", "Ms Bell, head teacher", attended=False),
    ParticipantIn("social_care", "Sam Worker", attended=True),
]
VOICE = {
    "child_seen": True,
    "seen_alone": True,
    "views": "I want to stay with Gran.",
    "participation": "PN6",
}


def open_episode(person: Person, team: Team, referral_date: datetime.date) -> Episode:
    existing = Episode.objects.filter(person=person, status=Episode.Status.OPEN).first()
    return existing or EpisodeFactory(person=person, team=team, referral_date=referral_date)


@dataclass
class History:
    discussion: StrategyDiscussion
    section47: Section47
    conference: Conference
    plan: ChildProtectionPlan


def cp_history(person: Person, team: Team, worker: User, chair: User) -> History:
    """A strategy discussion on 2 March 2026, its enquiry, an ICPC on 16 March and a plan."""
    existing = ChildProtectionPlan.objects.filter(person=person).select_related(
        "initial_conference__section47__strategy_discussion"
    )
    plan = existing.first()
    if plan is not None:
        conference = plan.initial_conference
        enquiry = conference.section47
        assert enquiry is not None
        return History(enquiry.strategy_discussion, enquiry, conference, plan)
    episode = open_episode(person, team, datetime.date(2026, 2, 23))
    discussion = StrategyDiscussion.objects.create(
        person=person,
        episode=episode,
        held_at=datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC),
        information_shared="School saw bruising.",
        risks_identified="Physical harm at home.",
        decision=StrategyDiscussion.Decision.SECTION_47,
        recorded_by=worker,
    )
    Participant.objects.bulk_create(
        Participant(discussion=discussion, agency=p.agency, name=p.name, attended=p.attended)
        for p in EVERY_AGENCY
    )
    enquiry = Section47.objects.create(
        person=person,
        episode=episode,
        strategy_discussion=discussion,
        started_on=datetime.date(2026, 3, 2),
        icpc_due=datetime.date(2026, 3, 23),
        icpc_target=datetime.date(2026, 3, 20),
        awaiting_icpc=False,
        icpc_held_on=datetime.date(2026, 3, 16),
        updated_by=worker,
    )
    conference = Conference.objects.create(
        person=person,
        kind=Conference.Kind.INITIAL,
        section47=enquiry,
        held_on=datetime.date(2026, 3, 16),
        chair=chair,
        parents_views="Mum agrees there is a problem.",
        decision=Conference.Decision.PLAN,
        category="PHY",
        core_group_members="Sam Worker, social care",
        finalised_at=timezone.now(),
        updated_by=chair,
        **VOICE,
    )
    plan = ChildProtectionPlan.objects.create(
        person=person,
        initial_conference=conference,
        started_on=datetime.date(2026, 3, 16),
        initial_category="PHY",
        latest_category="PHY",
        first_core_group_due=datetime.date(2026, 3, 30),
        next_core_group_due=datetime.date(2026, 3, 30),
        next_review_due=datetime.date(2026, 6, 16),
        next_visit_due=datetime.date(2026, 3, 30),
        updated_by=worker,
    )
    return History(discussion, enquiry, conference, plan)


def plans_with_reviews_due(
    personas: Personas,
    count: int,
    *,
    first_due: datetime.date = datetime.date(2026, 2, 1),
    same_day_in_pairs: bool = False,
) -> list[ChildProtectionPlan]:
    """`count` children in Team A, allocated to Sam, each on a plan (as `cp_history`) whose review
    falls due a day after the one before from `first_due` (or two to a day), so the first is the
    most overdue. Every one also has a core group due on 30 March 2026."""
    plans = []
    for n in range(count):
        child = PersonFactory()
        AllocationFactory(person=child, team=personas.team_a, worker=personas.worker)
        plan = cp_history(child, personas.team_a, personas.worker, personas.chair).plan
        due = first_due + datetime.timedelta(days=n // 2 if same_day_in_pairs else n)
        ChildProtectionPlan.objects.filter(pk=plan.pk).update(next_review_due=due)
        plan.next_review_due = due
        plans.append(plan)
    return plans


# Through the services, for tests of the rules ------------------------------------------------
LONDON = zoneinfo.ZoneInfo("Europe/London")


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)


def discuss(
    personas: Personas, day: datetime.date, decision: str = "section_47", **overrides: object
) -> StrategyDiscussion:
    open_episode(personas.child, personas.team_a, datetime.date(2026, 11, 2))
    values: dict[str, object] = {
        "held_at": at(day),
        "participants": EVERY_AGENCY,
        "information_shared": "School saw bruising on Amy's arm.",
        "risks_identified": "Physical harm by Dad.",
        "decision": decision,
        "rationale": "Reasonable cause to suspect significant harm.",
        "outside_home": ["going_missing"],
    } | overrides
    return services.hold_strategy_discussion(personas.manager, personas.child, **values)  # type: ignore[arg-type]


def complete(personas: Personas, enquiry: Section47, day: datetime.date) -> Section47:
    services.record_section47_outcome(
        personas.worker,
        enquiry,
        child_seen_on=day,
        findings="Injuries consistent with the account.",
        outcome="substantiated_at_risk",
        completed_on=day,
    )
    return services.authorise_section47(personas.manager, enquiry, rationale="Agreed.")


def icpc(personas: Personas, day: datetime.date, **voice: object) -> Conference:
    conference = services.record_conference(
        personas.chair,
        personas.child,
        kind="initial",
        held_on=day,
        agencies_invited=["police", "health"],
        agencies_attended=["police"],
    )
    return services.finalise_conference(
        personas.chair,
        conference,
        voice=VOICE | voice,
        parents_views="Dad denies it.",
        decision="plan",
        category="PHY",
        core_group_members="Sam Worker; DC Shah; Nurse Okafor",
    )


def plan_through_services(personas: Personas) -> ChildProtectionPlan:
    """A discussion on 23 December 2026 and an ICPC on its census target, 15 January 2027 (load
    the bank holidays first)."""
    with time_machine.travel(datetime.datetime(2027, 1, 20, 12, tzinfo=datetime.UTC)):
        enquiry = discuss(personas, datetime.date(2026, 12, 23)).section47
        icpc(personas, enquiry.icpc_target)
    return ChildProtectionPlan.objects.get(person=personas.child)
