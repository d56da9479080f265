"""A small per-address limit on the public forms, kept in Django's cache.

Only accepted submissions count: a person correcting mistakes in a form is never locked out, and
a form refused for bad input has written nothing worth flooding. The count for an address
expires `window` seconds after its first submission.
"""

from django.core.cache import cache
from django.http import HttpRequest

DEFAULT_LIMIT = 5
DEFAULT_WINDOW = 60 * 60


def _key(request: HttpRequest, scope: str) -> str:
    address = request.META.get("REMOTE_ADDR") or "unknown"
    return f"casework:ratelimit:{scope}:{address}"


def exceeded(request: HttpRequest, scope: str, limit: int = DEFAULT_LIMIT) -> bool:
    count = cache.get(_key(request, scope), 0)
    return int(count) >= limit


def count(request: HttpRequest, scope: str, window: int = DEFAULT_WINDOW) -> None:
    key = _key(request, scope)
    if not cache.add(key, 1, timeout=window):
        try:
            cache.incr(key)
        except ValueError:
            # The entry expired between add and incr: start a new window.
            cache.set(key, 1, timeout=window)
