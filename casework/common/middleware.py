import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from casework.common import request_context


class RequestContextMiddleware:
    """Gives every request an id (kept from the proxy's X-Request-ID when it sends one) and
    records the client address for the audit trail."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming[:64] if incoming.isascii() and incoming else uuid.uuid4().hex
        channel = "api" if request.path.startswith("/api/") else "web"
        token = request_context.set_current(
            request_context.RequestContext(
                request_id=request_id, ip_address=request.META.get("REMOTE_ADDR"), channel=channel
            )
        )
        try:
            response = self.get_response(request)
        finally:
            request_context.reset(token)
        response["X-Request-ID"] = request_id
        return response
