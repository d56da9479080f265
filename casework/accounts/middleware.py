from typing import Any

from django.contrib import messages
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.http import HttpRequest, HttpResponseRedirect

from casework.accounts import pending

API_PREFIX = "/api/"
API_DOCS = "/api/v1/docs"


class StaffLoginRequiredMiddleware(LoginRequiredMiddleware):
    """Every page needs a signed-in member of staff unless marked `login_not_required`.

    A form posted after the session ended is kept (see `pending`) rather than lost.
    """

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> Any:
        # The API answers for itself: 401 for a missing token, never a redirect to a page.
        if request.path.startswith(API_PREFIX) and not request.path.startswith(API_DOCS):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)

    def handle_no_permission(self, request: HttpRequest, view_func: Any) -> HttpResponseRedirect:
        if request.method == "POST" and pending.stash(request):
            messages.warning(
                request,
                "You were signed out because you had not used Casework for a while. "
                "Sign in again: what you were writing has been kept.",
            )
        return super().handle_no_permission(request, view_func)
