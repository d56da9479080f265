"""Who may see workforce pages, and the loaders the views and endpoints use.

Team managers see their own team's caseloads; heads of service see every team. Recruitment
staff (recruitment officers and administrators) alone see applicants, bookings, questions, story
drafts and trainees, and change them; heads of service also read the recruitment dashboard,
which counts people but names nobody. Anyone else gets 404, so the pages' existence says
nothing. Nobody who may read a recruitment page may not also change it, so there is no 403
here: the read-only roles never reach these pages.
"""

import uuid
from typing import Any

import rules
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404

from casework.accounts.models import Team
from casework.workforce import selectors
from casework.workforce.models import (
    AcademyCohort,
    Application,
    CareersPage,
    Champion,
    Event,
    Question,
    Story,
    Trainee,
    TrainingSession,
    Vacancy,
)


@rules.predicate
def can_see_workforce(user: Any) -> bool:
    return selectors._role(user) in selectors.WORKFORCE_ROLES


@rules.predicate
def is_recruitment_staff(user: Any) -> bool:
    return selectors._role(user) in selectors.RECRUITMENT_ROLES


@rules.predicate
def can_see_recruitment_figures(user: Any) -> bool:
    return selectors._role(user) in selectors.DASHBOARD_ROLES


rules.add_perm("workforce.view_caseloads", can_see_workforce)
rules.add_perm("workforce.view_applications", is_recruitment_staff)
rules.add_perm("workforce.change_recruitment", is_recruitment_staff)
rules.add_perm("workforce.view_recruitment_dashboard", can_see_recruitment_figures)


def check_may_see_workforce(user: Any) -> None:
    if not can_see_workforce(user):
        raise Http404("No such page")


def check_recruitment_staff(user: Any) -> None:
    if not is_recruitment_staff(user):
        raise Http404("No such page")


def check_may_see_dashboard(user: Any) -> None:
    if not can_see_recruitment_figures(user):
        raise Http404("No such page")


def team_for_view(user: Any, team_id: uuid.UUID | str) -> Team:
    try:
        return selectors.teams_visible_to(user).get(pk=team_id)
    except (Team.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404("No team with that id") from None


def _load[M: Model](user: Any, queryset: QuerySet[M], pk: uuid.UUID | str) -> M:
    """One of recruitment's records for recruitment staff; 404 for anyone else, and for an id
    that does not exist."""
    check_recruitment_staff(user)
    try:
        return queryset.get(pk=pk)
    except (ObjectDoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404("No such record") from None


def application_for_view(user: Any, application_id: uuid.UUID | str) -> Application:
    return _load(
        user,
        selectors.applications_visible_to(user).select_related(
            "vacancy__team", "academy_graduate", "staff_record__user"
        ),
        application_id,
    )


def question_for_staff(user: Any, question_id: uuid.UUID | str) -> Question:
    return _load(user, Question.objects.select_related("champion"), question_id)


def story_for_staff(user: Any, story_id: uuid.UUID | str) -> Story:
    return _load(user, Story.objects.select_related("approved_by"), story_id)


def event_for_staff(user: Any, event_id: uuid.UUID | str) -> Event:
    return _load(user, Event.objects.all(), event_id)


def cohort_for_staff(user: Any, cohort_id: uuid.UUID | str) -> AcademyCohort:
    return _load(user, AcademyCohort.objects.all(), cohort_id)


def trainee_for_staff(user: Any, cohort: AcademyCohort, trainee_id: uuid.UUID | str) -> Trainee:
    return _load(user, cohort.trainees.select_related("mentor", "cohort"), trainee_id)


def session_for_staff(
    user: Any, cohort: AcademyCohort, session_id: uuid.UUID | str
) -> TrainingSession:
    return _load(user, cohort.sessions.select_related("cohort"), session_id)


def vacancy_for_staff(user: Any, vacancy_id: uuid.UUID | str) -> Vacancy:
    return _load(user, Vacancy.objects.select_related("team"), vacancy_id)


def champion_for_staff(user: Any, champion_id: uuid.UUID | str) -> Champion:
    return _load(user, Champion.objects.all(), champion_id)


def careers_page_for_staff(user: Any, page_id: uuid.UUID | str) -> CareersPage:
    return _load(user, CareersPage.objects.all(), page_id)
