"""factory_boy factories for assessments. Each builds the smallest valid record directly; tests
of the rules themselves go through the services."""

import datetime

import factory

from casework.assessments.models import Assessment
from casework.cases.models import Episode, ReferralSource
from casework.people.models import Person
from casework.testing.factories import PersonFactory, TeamFactory, UserFactory

REFERRED = datetime.date(2026, 3, 2)


class EpisodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Episode

    person = factory.SubFactory(PersonFactory)
    referral_date = REFERRED
    referral_source = ReferralSource.SCHOOL
    team = factory.SubFactory(TeamFactory)
    # 45 working days from Monday 2 March 2026, with Good Friday, Easter Monday and the early
    # May bank holiday skipped (practice rules 5d: day 0 and the inclusive target).
    assessment_due = datetime.date(2026, 5, 8)
    assessment_target = datetime.date(2026, 5, 7)
    created_by = factory.SubFactory(UserFactory)


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    episode = factory.SubFactory(EpisodeFactory)
    person = factory.SelfAttribute("episode.person")
    started_on = factory.SelfAttribute("episode.referral_date")
    due_on = factory.SelfAttribute("episode.assessment_due")
    target_on = factory.SelfAttribute("episode.assessment_target")
    created_by = factory.SubFactory(UserFactory)
    updated_by = factory.SelfAttribute("created_by")


def referral_for(person: Person, team: object, **fields: object) -> Episode:
    """An open referral of `person` to `team`, made once."""
    found = Episode.objects.filter(person_id=person.pk, status=Episode.Status.OPEN).first()
    if found is not None:
        return found
    episode: Episode = EpisodeFactory(person=person, team=team, **fields)
    return episode


def assessment_for(person: Person, team: object, **fields: object) -> Assessment:
    """The open assessment on `person`'s open referral, made once."""
    episode = referral_for(person, team)
    found = Assessment.objects.filter(episode=episode).first()
    if found is not None:
        return found
    assessment: Assessment = AssessmentFactory(episode=episode, **fields)
    return assessment
