from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from casework.accounts import services


class LockoutModelBackend(ModelBackend):
    """Username and password, refused while the account is locked after repeated failures."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and services.is_locked(user):
            return None
        return user
