from typing import Any

from django.conf import settings
from django.http import HttpRequest

from casework.accounts import pending


def service(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    return {
        "council_name": settings.COUNCIL_NAME,
        "service_name": settings.SERVICE_NAME,
        "phase": settings.PHASE,
        "session_seconds": settings.SESSION_COOKIE_AGE if signed_in else 0,
        "session_warning_seconds": settings.SESSION_TIMEOUT_WARNING_SECONDS,
        "owner_marker": pending.owner_marker(user) if signed_in else "",
    }
