import uuid
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from casework.audit import services as audit
from casework.common.formviews import NothingLostFormView
from casework.oversight import supervision, supervision_access
from casework.oversight.models import CaseDirection
from casework.oversight.supervision_forms import CompleteDirectionForm, SupervisionForm
from casework.people import selectors as people_selectors


@require_safe
def supervisions(request: HttpRequest) -> HttpResponse:
    """Supervision sessions the user may read: their own, their team's, or (for a head of
    service) everyone's, newest first."""
    user: Any = request.user
    supervision_access.check_may_read(user)
    sessions = supervision_access.supervisions_visible_to(user).order_by("-held_on")[:200]
    return render(
        request,
        "oversight/supervision_list.html",
        {
            "sessions": sessions,
            "can_record": supervision_access.can_record_supervision(user),
        },
    )


@require_safe
def supervision_detail(request: HttpRequest, supervision_id: uuid.UUID) -> HttpResponse:
    session = supervision_access.supervision_for_view(request.user, supervision_id)
    directions = list(
        CaseDirection.objects.filter(supervision=session).select_related("person", "done_by")
    )
    for direction in directions:
        audit.record_view(
            request.user, direction.person_id, direction, summary="Read a supervision direction"
        )
    return render(
        request,
        "oversight/supervision_detail.html",
        {"session": session, "directions": directions},
    )


class RecordSupervision(NothingLostFormView):
    form_class = SupervisionForm
    title = "Record a supervision session"
    submit_label = "Save supervision"
    success_message = "Supervision recorded"

    def load(self) -> None:
        supervision_access.check_may_record(self.request.user)

    def get_form_kwargs(self) -> dict[str, Any]:
        user: Any = self.request.user
        return {"team_id": user.team_id}

    def get_context(self) -> dict[str, Any]:
        return {"back_url": reverse("oversight:supervisions")}

    def submit(self, form: SupervisionForm) -> str:
        data = form.cleaned_data
        session = supervision.record_supervision(
            self.request.user,
            data["worker"],
            held_on=data["held_on"],
            discussion=data["discussion"],
            directions=[
                supervision.DirectionIn(person=person, direction=text, due_on=due_on)
                for person, text, due_on in form.directions()
            ],
        )
        return session.get_absolute_url()


class CompleteDirection(NothingLostFormView):
    form_class = CompleteDirectionForm
    template_name = "oversight/complete_direction.html"
    title = "Mark a direction as done"
    submit_label = "Mark as done"
    success_message = "Direction marked as done"
    autosave = False
    direction: CaseDirection

    def load(self) -> None:
        self.direction = supervision_access.direction_for_change(
            self.request.user, self.kwargs["person_id"], self.kwargs["direction_id"]
        )

    def get_context(self) -> dict[str, Any]:
        person = self.direction.person
        return {
            "person": person,
            "direction": self.direction,
            "warnings": people_selectors.active_warnings(person),
            "back_url": person.get_absolute_url(),
        }

    def submit(self, form: CompleteDirectionForm) -> str:
        supervision.complete_direction(
            self.request.user, self.direction, done_on=form.cleaned_data["done_on"]
        )
        return self.direction.person.get_absolute_url()
