"""The JSON API at /api/v1/. Each app contributes a router; every endpoint goes through the same
services and access loaders as the pages."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError
from ninja.security import django_auth

from casework.api.auth import BearerToken
from casework.common.errors import RuleBroken, StaleVersion


def _docs_for_staff(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The interactive docs are for signed-in staff; the OpenAPI schema itself is public, being
    the published contract of an open-source project and holding no data."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.path.endswith("/openapi.json") or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        return redirect_to_login(request.get_full_path())

    return wrapper


api = NinjaAPI(
    title="Casework API",
    version="1",
    description="The case record of a council's children's services. Every read of a child's "
    "record is audited; access follows the same rules as the pages.",
    auth=[BearerToken(), django_auth],
    urls_namespace="api",
    docs_decorator=_docs_for_staff,
)


def _field_name(location: tuple[Any, ...]) -> str:
    # Locations look like ("body", "payload", "subject") or ("query", "start").
    parts = [str(part) for part in location]
    if parts and parts[0] in {"body", "query", "path", "form", "header", "cookie"}:
        parts = parts[1:]
    if len(parts) > 1 and parts[0] == "payload":
        parts = parts[1:]
    return ".".join(parts) or "request"


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [
        {"field": _field_name(tuple(err.get("loc", ()))), "message": err.get("msg", "Invalid")}
        for err in exc.errors
    ]
    return api.create_response(request, {"detail": "Invalid input", "errors": errors}, status=400)


@api.exception_handler(RuleBroken)
def rule_broken(request: HttpRequest, exc: RuleBroken) -> HttpResponse:
    body = {"detail": "Invalid input", "errors": [{"field": exc.field, "message": exc.message}]}
    return api.create_response(request, body, status=400)


@api.exception_handler(StaleVersion)
def stale_version(request: HttpRequest, exc: StaleVersion) -> HttpResponse:
    body = {
        "detail": "Someone else changed this record after you read it. Nothing was saved.",
        "current_version": exc.current.version,
    }
    return api.create_response(request, body, status=409)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    message = str(exc) or "You may read this record but not change it"
    return api.create_response(request, {"detail": message}, status=403)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": "Not found"}, status=404)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request,
        {"detail": "Send Authorization: Bearer <token>; get one with `casework token USERNAME`"},
        status=401,
    )


def _register_routers() -> None:
    from casework.accounts.api import router as accounts_router
    from casework.assessments.api import router as assessments_router
    from casework.cases.api import router as cases_router
    from casework.cases.api import router_case as case_record_router
    from casework.common.api import router as common_router
    from casework.frontdoor.api import router as frontdoor_router
    from casework.meetings.api import router as meetings_router
    from casework.oversight.api import router as oversight_router
    from casework.oversight.supervision_api import router as supervision_router
    from casework.people.api import router as people_router
    from casework.plans.api import router as plans_router
    from casework.portal.api import router as portal_router
    from casework.protection.api import router as protection_router
    from casework.workforce.api import router as workforce_router

    api.add_router("/", accounts_router)
    api.add_router("/", people_router)
    api.add_router("/", cases_router)
    api.add_router("/", case_record_router)
    api.add_router("/", common_router)
    api.add_router("/", frontdoor_router)
    api.add_router("/", oversight_router)
    api.add_router("/", assessments_router)
    api.add_router("/", plans_router)
    api.add_router("/", meetings_router)
    api.add_router("/", protection_router)
    api.add_router("/", portal_router)
    api.add_router("/", supervision_router)
    api.add_router("/", workforce_router)


_register_routers()
