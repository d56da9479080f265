"""Builders for child protection records. `cp_history` writes the smallest full history directly
(for access and page tests); tests of the rules go through the services."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from casework.accounts.models import Team, User
from casework.cases.models import Episode
from casework.people.models import Person
from casework.plans.tests.factories import EpisodeFactory
from casework.protection.models import (
    ChildProtectionPlan,
    Conference,
    Participant,
    Section47,
    StrategyDiscussion,
)
from casework.protection.services import ParticipantIn

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
