from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from casework.portal.access import not_found, read_cookie

PORTAL_PREFIX = "/family/"
ALWAYS_OPEN = ("/static/", "/healthz")


class PortalConfinementMiddleware:
    """A browser that carries a family portal session sees nothing outside the portal: every
    staff page and API answers 404, not even the staff sign-in page, so no staff data or
    structure is shown to a family member. A signed-in member of staff is not affected."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path
        if (
            not path.startswith(PORTAL_PREFIX)
            and not path.startswith(ALWAYS_OPEN)
            and not request.user.is_authenticated
            and read_cookie(request) is not None
        ):
            return not_found(request)
        return self.get_response(request)
