"""What the trays read: overdue assessments and those waiting for the manager."""

import datetime

from casework.assessments import selectors
from casework.assessments.tests.factories import AssessmentFactory, EpisodeFactory
from casework.assessments.tests.helpers import the_assessment
from casework.testing.factories import AllocationFactory
from casework.testing.personas import Personas


def test_an_assessment_past_its_target_date_is_overdue_until_authorised(
    personas: Personas,
) -> None:
    assessment = the_assessment(personas)
    on_target, day_after = assessment.target_on, assessment.target_on + datetime.timedelta(1)
    assert not assessment.is_overdue(on_target)
    assert assessment.is_overdue(day_after)
    assert list(selectors.overdue_for_team(personas.team_a.pk, day_after)) == [assessment]
    assert not selectors.overdue_for_team(personas.team_b.pk, day_after).exists()
    assessment.status = "authorised"
    assert not assessment.is_overdue(day_after)


def test_the_manager_sees_submitted_assessments_of_the_teams_children(
    personas: Personas,
) -> None:
    waiting = the_assessment(personas, status="submitted")
    elsewhere = EpisodeFactory(team=personas.team_b)
    AllocationFactory(person=elsewhere.person, team=personas.team_b)
    AssessmentFactory(episode=elsewhere, status="submitted")
    assert list(selectors.awaiting_authorisation_for_team(personas.team_a.pk)) == [waiting]
