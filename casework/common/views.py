from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from casework.accounts.models import Role
from casework.cases import selectors as case_selectors
from casework.common.models import Draft
from casework.oversight import selectors as trays
from casework.oversight import voice_coverage


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """Each role's start page: what they need first on a Monday morning."""
    user: Any = request.user
    context: dict[str, Any] = {
        "drafts": Draft.objects.filter(user=user).order_by("-saved_at")[:10],
    }
    today = timezone.localdate()
    if user.role == Role.SOCIAL_WORKER:
        context["my_allocations"] = case_selectors.allocations_for_worker(user)[:200]
        context["due_this_week"], context["overdue"] = trays.worker_tray(user, today)
        context["directions"] = trays.directions_for_worker(user)[:100]
        context["next_supervision_due"] = trays.next_supervision_due(user)
    elif user.role == Role.TEAM_MANAGER and user.team_id:
        context["unallocated"] = case_selectors.unallocated_for_team(user.team_id)[:200]
        context["team_allocations"] = case_selectors.allocations_for_team(user.team_id)[:500]
        context["team_workers"] = trays.team_workers(user.team_id, today)
        context["plans_awaiting_approval"] = trays.plans_awaiting_approval(user.team_id)[:200]
        context["assessments_awaiting"] = trays.assessments_awaiting_authorisation(user.team_id)
        context["voice"] = voice_coverage.for_team(user.team_id, today)
    context["today"] = today
    return render(request, "common/home.html", context)


@login_not_required
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok"})


@login_not_required
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "errors/csrf.html", status=403)


@login_not_required
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


@login_not_required
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


@login_not_required
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/400.html", status=400)


@login_not_required
def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "errors/500.html", status=500)
