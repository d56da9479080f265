from typing import Any

from django.contrib import messages
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.http import HttpRequest, HttpResponseRedirect

from casework.accounts import pending


class StaffLoginRequiredMiddleware(LoginRequiredMiddleware):
    """Every page needs a signed-in member of staff unless marked `login_not_required`.

    A form posted after the session ended is kept (see `pending`) rather than lost.
    """

    def handle_no_permission(self, request: HttpRequest, view_func: Any) -> HttpResponseRedirect:
        if request.method == "POST" and pending.stash(request):
            messages.warning(
                request,
                "You were signed out because you had not used Casework for a while. "
                "Sign in again: what you were writing has been kept.",
            )
        return super().handle_no_permission(request, view_func)
