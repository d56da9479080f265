"""Who may see workforce pages, and the loaders the views and endpoints use.

Team managers see their own team's caseloads; heads of service see every team. Anyone else gets
404, so the pages' existence says nothing. Recruitment staff (heads of service and
administrators, until the council has a recruitment role) alone see applicants.
"""

import uuid
from typing import Any

import rules
from django.core.exceptions import ValidationError
from django.http import Http404

from casework.accounts.models import Team
from casework.workforce import selectors
from casework.workforce.models import Application


@rules.predicate
def can_see_workforce(user: Any) -> bool:
    return selectors._role(user) in selectors.WORKFORCE_ROLES


@rules.predicate
def is_recruitment_staff(user: Any) -> bool:
    return selectors._role(user) in selectors.RECRUITMENT_ROLES


rules.add_perm("workforce.view_caseloads", can_see_workforce)
rules.add_perm("workforce.view_applications", is_recruitment_staff)


def check_may_see_workforce(user: Any) -> None:
    if not can_see_workforce(user):
        raise Http404("No such page")


def check_recruitment_staff(user: Any) -> None:
    if not is_recruitment_staff(user):
        raise Http404("No such page")


def team_for_view(user: Any, team_id: uuid.UUID | str) -> Team:
    try:
        return selectors.teams_visible_to(user).get(pk=team_id)
    except (Team.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404("No team with that id") from None


def application_for_view(user: Any, application_id: uuid.UUID | str) -> Application:
    try:
        return (
            selectors.applications_visible_to(user).select_related("vacancy").get(pk=application_id)
        )
    except (Application.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404("No application with that id") from None
