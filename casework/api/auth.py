from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from casework.accounts import services


class BearerToken(HttpBearer):
    """`Authorization: Bearer <token>`, with tokens from `casework token USERNAME`."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = services.user_for_token(token)
        if user is None:
            return None
        request.user = user
        return user
