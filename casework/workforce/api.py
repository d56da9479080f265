"""Staff-side reads of caseloads and the forecast, for team managers and heads of service."""

import uuid
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import Field

from casework.workforce import access, selectors

router = Router(tags=["workforce"])


class WorkerOut(Schema):
    username: str
    name: str
    fte: Decimal | None
    newly_qualified: bool
    agency: bool
    holds_cases: bool
    children: int
    weighted: Decimal
    per_fte: Decimal | None
    level: str


class TeamOut(Schema):
    id: uuid.UUID
    name: str
    children: int
    load: Decimal
    capacity: Decimal
    average: Decimal | None
    target: Decimal
    alert: Decimal
    level: str
    workers_over_alert: int


class ForecastOut(Schema):
    target: Decimal
    average_now: Decimal | None
    more_fte_needed: Decimal
    starters: int
    average_with_starters: Decimal | None
    reaches_target: bool


class TeamDetailOut(TeamOut):
    workers: list[WorkerOut]
    forecast: ForecastOut


class ForecastQuery(Schema):
    target: Decimal | None = Field(None, gt=0, le=100, description="The team's own if left out")
    starters: int = Field(1, ge=0, le=50)


def _team(summary: selectors.TeamCaseload) -> dict[str, Any]:
    return {
        "id": summary.team.pk,
        "name": summary.team.name,
        "children": summary.children,
        "load": summary.load,
        "capacity": summary.capacity,
        "average": summary.average,
        "target": summary.target,
        "alert": summary.alert,
        "level": summary.level,
        "workers_over_alert": len(summary.alerts),
    }


@router.get("/workforce/teams", response=list[TeamOut])
def list_team_caseloads(request: HttpRequest) -> list[dict[str, Any]]:
    """Caseloads for each team you may see: your own as a team manager, every team as a head of
    service."""
    user: Any = request.user
    access.check_may_see_workforce(user)
    today = timezone.localdate()
    return [_team(s) for s in selectors.team_caseloads(selectors.teams_visible_to(user), today)]


@router.get("/workforce/teams/{team_id}", response=TeamDetailOut)
def get_team_caseload(
    request: HttpRequest, team_id: uuid.UUID, query: Query[ForecastQuery]
) -> dict[str, Any]:
    """One team's caseloads by worker, and the forecast for a target and new starters."""
    user: Any = request.user
    access.check_may_see_workforce(user)
    team = access.team_for_view(user, team_id)
    summary = selectors.team_caseload(team, timezone.localdate())
    forecast = summary.forecast(starters=query.starters, target=query.target)
    workers = [
        {
            "username": w.user.get_username(),
            "name": w.user.display_name,
            "fte": w.record.fte if w.record else None,
            "newly_qualified": bool(w.record and w.record.is_newly_qualified),
            "agency": bool(w.record and w.record.is_agency),
            "holds_cases": w.holds_cases,
            "children": w.children,
            "weighted": w.weighted,
            "per_fte": w.per_fte,
            "level": w.level,
        }
        for w in summary.workers
    ]
    return _team(summary) | {
        "workers": workers,
        "forecast": {
            "target": forecast.target,
            "average_now": forecast.average_now,
            "more_fte_needed": forecast.more_fte_needed,
            "starters": forecast.starters,
            "average_with_starters": forecast.average_with_starters,
            "reaches_target": forecast.reaches_target,
        },
    }
