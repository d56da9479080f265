from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

router = Router(tags=["accounts"])


class MeOut(Schema):
    username: str
    name: str
    role: str
    team: str | None


@router.get("/me", response=MeOut, summary="Who the token belongs to")
def me(request: HttpRequest) -> dict[str, Any]:
    user: Any = request.user
    return {
        "username": user.username,
        "name": user.display_name,
        "role": user.role,
        "team": user.team.name if user.team_id else None,
    }
