"""Sign-in, lockout and API tokens."""

import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from casework.accounts.models import ApiToken, User
from casework.audit import services as audit
from casework.audit.models import Action


def is_locked(user: User) -> bool:
    return user.locked_until is not None and user.locked_until > timezone.now()


def record_failed_login(username: str) -> None:
    """Count a failed password for `username`; lock the account at the threshold."""
    with transaction.atomic():
        user = User.objects.select_for_update().filter(username=username).first()
        if user is None:
            audit.record(None, Action.LOGIN_FAILED, summary=f"Unknown username {username[:60]!r}")
            return
        User.objects.filter(pk=user.pk).update(failed_login_count=F("failed_login_count") + 1)
        user.refresh_from_db(fields=["failed_login_count"])
        audit.record(None, Action.LOGIN_FAILED, summary=f"Wrong password for {username}")
        if user.failed_login_count >= settings.LOCKOUT_THRESHOLD:
            until = timezone.now() + datetime.timedelta(minutes=settings.LOCKOUT_MINUTES)
            User.objects.filter(pk=user.pk).update(locked_until=until, failed_login_count=0)
            audit.record(None, Action.LOCKED_OUT, summary=f"{username} locked until {until:%H:%M}")


def record_login(user: User) -> None:
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(failed_login_count=0, locked_until=None)
        audit.record(user, Action.LOGIN, summary="Signed in")


def record_logout(user: Any, reason: str = "") -> None:
    if getattr(user, "is_authenticated", False):
        audit.record(user, Action.LOGOUT, summary=reason or "Signed out")


def issue_token(user: User, name: str = "command line") -> str:
    """Create an API token and return it; only its hash is kept."""
    raw = ApiToken.generate()
    with transaction.atomic():
        ApiToken.objects.create(user=user, name=name, token_hash=ApiToken.hash(raw), prefix=raw[:8])
        audit.record(user, Action.TOKEN_ISSUED, summary=f"API token issued ({name})")
    return raw


def user_for_token(raw: str) -> User | None:
    token = (
        ApiToken.objects.select_related("user", "user__team")
        .filter(token_hash=ApiToken.hash(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    # Writing on every request would make each API read a write; once a minute is enough to
    # show an administrator which tokens are in use.
    if token.last_used_at is None or now - token.last_used_at > datetime.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
