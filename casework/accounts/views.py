from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_http_methods, require_POST

from casework.accounts import pending, services
from casework.accounts.forms import SignInForm
from casework.accounts.models import User


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(settings.LOGIN_REDIRECT_URL)


@login_not_required
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(data=request.POST if request.method == "POST" else None)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            username = form.cleaned_data["username"]
            account = User.objects.filter(username=username).first()
            if account is not None and services.is_locked(account):
                form.add_error(
                    "username",
                    "This account is locked after too many wrong passwords. Try again in "
                    f"{settings.LOCKOUT_MINUTES} minutes or ask your system administrator.",
                )
            else:
                user = authenticate(
                    request, username=username, password=form.cleaned_data["password"]
                )
                if user is None:
                    services.record_failed_login(username)
                    form.add_error("password", "Enter a correct username and password")
                else:
                    login(request, user)
                    services.record_login(user)
                    restored = pending.restore(request, user)
                    if restored:
                        messages.info(request, "We kept what you were writing. Check it and save.")
                        return HttpResponseRedirect(restored)
                    return HttpResponseRedirect(_safe_next(request, next_url))
    return render(
        request,
        "accounts/sign_in.html",
        {"form": form, "next": next_url, "timed_out": request.GET.get("timeout") == "1"},
        status=status,
    )


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    timed_out = request.POST.get("reason") == "timeout"
    services.record_logout(request.user, "Signed out after inactivity" if timed_out else "")
    logout(request)
    target = reverse(settings.LOGOUT_REDIRECT_URL)
    if timed_out:
        next_url = request.POST.get("next", "")
        query = {"timeout": "1"}
        if next_url and url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
            query["next"] = next_url
        target += "?" + urlencode(query)
    return HttpResponseRedirect(target)


@require_POST
def keep_alive(request: HttpRequest) -> HttpResponse:
    """Called by the time-out warning's "Stay signed in" button; the request itself renews the
    session."""
    return HttpResponse(status=204)
