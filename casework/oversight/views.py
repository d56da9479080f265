import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from casework.audit import services as audit
from casework.oversight import access, selectors


@require_safe
def person_decisions(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    """Every management decision on a child's record, newest first: what an inspector reads for
    evidence of oversight."""
    person = access.person_for_decisions(request.user, person_id)
    audit.record_view(request.user, person.pk, person, summary="Read management decisions")
    decisions = selectors.decisions_for_person(person)[:200]
    return render(
        request, "oversight/person_decisions.html", {"person": person, "decisions": decisions}
    )
