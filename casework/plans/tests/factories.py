"""factory_boy factories for plans and visits. Each builds the smallest valid record directly;
tests of the rules themselves go through the services."""

import datetime

import factory

from casework.accounts.models import Role, Team, User
from casework.cases.models import Episode, ReferralSource
from casework.people.models import Person
from casework.plans.models import Action, CINPlan, Goal, Visit
from casework.testing.factories import PersonFactory, TeamFactory, UserFactory


class EpisodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Episode

    person = factory.SubFactory(PersonFactory)
    referral_date = datetime.date(2026, 1, 5)
    referral_source = ReferralSource.SCHOOL
    team = factory.SubFactory(TeamFactory)
    assessment_due = datetime.date(2026, 3, 10)
    assessment_target = datetime.date(2026, 3, 9)
    created_by = factory.SubFactory(UserFactory, role=Role.FRONT_DOOR)


class CINPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CINPlan

    person = factory.SubFactory(PersonFactory)
    episode = factory.SubFactory(EpisodeFactory, person=factory.SelfAttribute("..person"))
    started_on = datetime.date(2026, 2, 2)
    created_by = factory.SubFactory(UserFactory)
    updated_by = factory.SelfAttribute("created_by")


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    plan = factory.SubFactory(CINPlanFactory)
    want_to_change = "Amy gets to school on time every day."
    strengths = "Mum walks her younger brother to nursery each morning."
    created_by = factory.SelfAttribute("plan.created_by")


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    goal = factory.SubFactory(GoalFactory)
    what = "Set an alarm and lay out uniform the night before."
    owner_name = "Mum"
    owner_type = Action.OwnerType.FAMILY_MEMBER
    due_on = datetime.date(2026, 3, 2)
    updated_by = factory.SelfAttribute("goal.created_by")


class VisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Visit

    person = factory.SubFactory(PersonFactory)
    visited_on = datetime.date(2026, 2, 10)
    visited_by = factory.SubFactory(UserFactory)
    updated_by = factory.SelfAttribute("visited_by")
    child_seen = True
    seen_alone = True
    views = "I like my new bedroom."
    observations = "Home warm and tidy; food in the fridge."


def plan_for(person: Person, team: Team, worker: User) -> CINPlan:
    """A plan awaiting approval, with one goal and action, on an open episode for `person`."""
    episode = Episode.objects.filter(person=person, status="open").first() or EpisodeFactory(
        person=person, team=team
    )
    plan = CINPlanFactory(person=person, episode=episode, created_by=worker)
    ActionFactory(goal=GoalFactory(plan=plan))
    return plan
