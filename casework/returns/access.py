"""Who may reach the returns pages.

Making and downloading a census is for performance analysts and heads of service: the census
holds every child in need in the council. The data-quality page is for them and for team
managers, who see their own team's children. Anyone else gets 404, as for any record they may
not see; a social worker sees their own children's census problems in their tray instead.
"""

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404

from casework.accounts.models import Role
from casework.returns.models import CensusRun

CENSUS_ROLES = frozenset({Role.ANALYST, Role.HEAD_OF_SERVICE})
QUALITY_ROLES = CENSUS_ROLES | {Role.TEAM_MANAGER}


def _role(user: Any) -> str | None:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return str(user.role)


def may_make_census(user: Any) -> bool:
    return _role(user) in CENSUS_ROLES


def may_read_quality(user: Any) -> bool:
    role = _role(user)
    if role == Role.TEAM_MANAGER:
        return user.team_id is not None
    return role in QUALITY_ROLES


def sees_whole_council(user: Any) -> bool:
    return _role(user) in CENSUS_ROLES


def require_census_staff(user: Any) -> None:
    if not may_make_census(user):
        raise Http404("No such page")


def require_quality_reader(user: Any) -> None:
    if not may_read_quality(user):
        raise Http404("No such page")


def run_for_view(user: Any, run_id: uuid.UUID | str) -> CensusRun:
    require_census_staff(user)
    try:
        return CensusRun.objects.select_related("requested_by").get(pk=run_id)
    except (CensusRun.DoesNotExist, ValueError, ValidationError):
        raise Http404("No census run with that id") from None
