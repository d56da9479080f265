"""Who is asking, from where, under which request id: set once per request by middleware so that
services can write audit events without being handed the request."""

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    request_id: str = ""
    ip_address: str | None = None
    channel: str = "system"  # "web", "api", "cli" or "system"


# A frozen dataclass, so sharing one default instance is safe.
_current: ContextVar[RequestContext] = ContextVar(
    "casework_request",
    default=RequestContext(),  # noqa: B039
)


def current() -> RequestContext:
    return _current.get()


def set_current(context: RequestContext) -> object:
    return _current.set(context)


def reset(token: object) -> None:
    _current.reset(token)  # type: ignore[arg-type]
