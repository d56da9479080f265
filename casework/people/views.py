import uuid

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from casework.audit import services as audit
from casework.audit.access import can_read_audit
from casework.cases import selectors as case_selectors
from casework.people import access, selectors


@require_safe
def person_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    people = selectors.visible_to(request.user)
    if query:
        for word in query.split():
            people = people.filter(
                Q(given_name__icontains=word)
                | Q(family_name__icontains=word)
                | Q(la_id__iexact=word)
            )
    page = Paginator(people.order_by("family_name", "given_name", "pk"), 25).get_page(
        request.GET.get("page")
    )
    return render(request, "people/person_list.html", {"page": page, "query": query})


@require_safe
def person_detail(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    person = access.person_for_view(request.user, person_id)
    audit.record_view(request.user, person.pk, person, summary="Opened the person's record")
    notes = case_selectors.notes_for(person)[:50]
    return render(
        request,
        "people/person_detail.html",
        {
            "person": person,
            "allocation": case_selectors.current_allocation(person),
            "notes": notes,
            # The person was loaded through visible_to, so only the role is left to decide.
            "can_change": access.may_change(request.user),
            "can_see_audit": can_read_audit(request.user),
        },
    )
