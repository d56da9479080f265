import uuid

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from casework.audit import selectors
from casework.audit import services as audit
from casework.audit.access import can_read_audit
from casework.people.models import Person


@require_safe
def person_trail(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    """Who has viewed or changed this child's record, and when."""
    if not can_read_audit(request.user):
        raise Http404
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        raise Http404
    audit.record_view(request.user, person.pk, person, summary="Read who has seen this record")
    action = request.GET.get("action", "")
    events = selectors.trail_for_person(person.pk)
    if action:
        events = events.filter(action=action)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(
        request, "audit/person_trail.html", {"person": person, "page": page, "action": action}
    )
