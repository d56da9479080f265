"""Who may reach what in the portal, and the loaders views and endpoints use.

Staff: sharing follows the child's record. Whoever sees the child sees what was shared; whoever
may change the record shares, withdraws and manages accounts (read-only roles get 403); only a
team manager approves, and only a team manager changes which types of document need approval
(every member of staff who works with children's records may read those rules). Anyone else
gets 404.

Family members: a portal session under its own signed cookie, never Django's staff session.
A share is theirs only while it is shared with their own account and not withdrawn; anything
else is 404, whatever the id.
"""

import functools
import uuid
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from casework.accounts.models import Role
from casework.cases.models import DocumentVersion
from casework.common import request_context
from casework.meetings.models import Meeting
from casework.oversight.services import may_decide
from casework.people import access as people_access
from casework.people.models import Person
from casework.plans.models import Action as PlanAction
from casework.portal import documents, selectors, services, upcoming
from casework.portal.models import (
    FamilyContribution,
    FamilyDate,
    FamilyMember,
    PortalSession,
    Share,
)

COOKIE_NAME = "casework_portal"
COOKIE_SALT = "casework.portal.session"


# Staff -----------------------------------------------------------------------------------------


def person_for_view(user: Any, person_id: uuid.UUID) -> Person:
    return people_access.person_for_view(user, person_id)


def person_for_change(user: Any, person_id: uuid.UUID) -> Person:
    return people_access.person_for_change(user, person_id)


def _get(queryset: Any, **lookup: Any) -> Any:
    try:
        found = queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404("Not found") from None
    return found


def share_for_change(user: Any, person_id: uuid.UUID, share_id: uuid.UUID) -> Share:
    person = person_for_change(user, person_id)
    return _get(
        Share.objects.select_related("version__document", "family_member__person", "child"),
        pk=share_id,
        child=person,
    )


def share_for_approval(user: Any, person_id: uuid.UUID, share_id: uuid.UUID) -> Share:
    share = share_for_change(user, person_id, share_id)
    if not may_decide(user):
        raise PermissionDenied("Only a team manager can approve sharing")
    return share


def member_for_change(user: Any, person_id: uuid.UUID, member_id: uuid.UUID) -> FamilyMember:
    person = person_for_change(user, person_id)
    return _get(FamilyMember.objects.select_related("person"), pk=member_id, child=person)


def meeting_for_showing(user: Any, person_id: uuid.UUID, meeting_id: uuid.UUID) -> Meeting:
    """An upcoming meeting about this child, for someone who may share from the child's
    record. A meeting already held, or finalised, is 404 here: there is nothing to show."""
    person = person_for_change(user, person_id)
    meeting: Meeting = _get(selectors.meetings_to_show(person, timezone.localdate()), pk=meeting_id)
    meeting.person = person
    return meeting


# Staff who read the approval rules: everyone whose work touches children's records. Recruitment
# staff see no child's record, so the page is not theirs.
RULE_READERS = frozenset(Role.values) - {Role.RECRUITER}


def approval_rules_for_view(user: Any) -> None:
    if getattr(user, "role", None) not in RULE_READERS:
        raise Http404("Not found")


def approval_rules_for_change(user: Any) -> None:
    approval_rules_for_view(user)
    if not may_decide(user):
        raise PermissionDenied("Only a team manager can change which documents need approval")


def contribution_for_view(
    user: Any, person_id: uuid.UUID, contribution_id: uuid.UUID
) -> FamilyContribution:
    person = person_for_view(user, person_id)
    return _get(
        FamilyContribution.objects.select_related(
            "family_member__person", "share__version", "family_date__meeting"
        ),
        pk=contribution_id,
        child=person,
    )


# Family members --------------------------------------------------------------------------------


def read_cookie(request: HttpRequest) -> str | None:
    try:
        value: str | None = request.get_signed_cookie(COOKIE_NAME, salt=COOKIE_SALT)
    except (KeyError, signing.BadSignature):
        return None
    return value


def set_cookie(response: HttpResponse, raw: str) -> None:
    from django.conf import settings

    # No max-age: the cookie ends with the browser, and the server ends the session sooner
    # after 15 minutes idle.
    response.set_signed_cookie(
        COOKIE_NAME,
        raw,
        salt=COOKIE_SALT,
        httponly=True,
        secure=settings.SESSION_COOKIE_SECURE,
        samesite="Lax",
        path="/",
    )


def clear_cookie(response: HttpResponse) -> None:
    response.delete_cookie(COOKIE_NAME, path="/", samesite="Lax")


def portal_session(request: HttpRequest) -> PortalSession | None:
    raw = read_cookie(request)
    return services.session_for(raw) if raw else None


def _as_portal(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Mark the request as the portal's in the audit trail, keep it out of caches (downloads
    too), and answer a missing or forbidden object with the family's own "not found" page."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        current = request_context.current()
        token = request_context.set_current(
            request_context.RequestContext(
                request_id=current.request_id, ip_address=current.ip_address, channel="portal"
            )
        )
        try:
            response: HttpResponseBase = view(request, *args, **kwargs)
        except Http404:
            # The family's own page, not the staff one: nothing of the staff side is shown.
            response = not_found(request)
        finally:
            request_context.reset(token)
        response["Cache-Control"] = "no-store"
        return response

    return wrapper


def not_found(request: HttpRequest) -> HttpResponse:
    session = getattr(request, "portal_session", None)
    context = {"title": "Page not found", "member": session.family_member if session else None}
    return render(request, "portal/family/not_found.html", context, status=404)


def portal_public(view: Callable[..., Any]) -> Callable[..., Any]:
    """A portal page for someone not yet signed in (invitation, sign-in)."""
    return login_not_required(_as_portal(view))


def portal_login_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """Staff sign-in does not apply; the portal checks its own session and sends anyone without
    one to the portal's sign-in page."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        session = portal_session(request)
        if session is None:
            response = HttpResponseRedirect(reverse("portal:sign_in"))
            if read_cookie(request):
                clear_cookie(response)
            return response
        request.portal_session = session  # type: ignore[attr-defined]
        return view(request, session.family_member, *args, **kwargs)

    return login_not_required(_as_portal(wrapper))


def share_for_family(member: FamilyMember, share_id: uuid.UUID) -> Share:
    """A share the signed-in family member may open: theirs, shared and not withdrawn."""
    return _get(
        Share.objects.select_related("version__document", "child"),
        pk=share_id,
        family_member=member,
        status=Share.Status.SHARED,
    )


def record_for_prepare(
    user: Any, person_id: uuid.UUID, source: str, record_id: uuid.UUID
) -> tuple[Person, Any]:
    """A record on this child's file that the user may make into a document to share."""
    person = person_for_change(user, person_id)
    found = documents.SOURCES.get(source)
    if found is None:
        raise Http404("No such kind of document")
    return person, _get(found.records(person), pk=record_id)


def prepared_version_for_change(
    user: Any, person_id: uuid.UUID, document_id: uuid.UUID, number: int
) -> DocumentVersion:
    """A version of the child's document that was made from the record (so has content a
    redacted copy can be made from)."""
    person = person_for_change(user, person_id)
    return _get(
        DocumentVersion.objects.select_related("document", "portal_content"),
        document_id=document_id,
        document__person=person,
        number=number,
        portal_content__isnull=False,
    )


def date_for_change(user: Any, person_id: uuid.UUID, date_id: uuid.UUID) -> FamilyDate:
    person = person_for_change(user, person_id)
    return _get(FamilyDate.objects.all(), pk=date_id, child=person)


def date_for_family(member: FamilyMember, date_id: uuid.UUID) -> FamilyDate:
    """An upcoming date shown to this family member, not taken back or past, that asks for
    views. Anything else is 404."""
    shown = _get(upcoming.dates_shown_to(member, timezone.localdate()), pk=date_id)
    if not shown.welcomes_views:
        raise Http404("Not found")
    return shown


def action_for_family(
    member: FamilyMember, share_id: uuid.UUID, action_id: uuid.UUID
) -> tuple[Share, PlanAction]:
    """An action of the signed-in family member's own, in a plan shared with them."""
    share = share_for_family(member, share_id)
    for mine in selectors.actions_for_family(member, share):
        if mine.action.pk == action_id:
            return share, mine.action
    raise Http404("Not found")
