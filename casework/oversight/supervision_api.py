import datetime
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.responses import Status
from pydantic import Field

from casework.accounts.models import User
from casework.audit import services as audit
from casework.oversight import selectors, supervision, supervision_access
from casework.oversight.models import CaseDirection, Supervision
from casework.people import selectors as people_selectors

router = Router(tags=["supervision"])


class DirectionOut(Schema):
    id: uuid.UUID
    supervision_id: uuid.UUID
    person_id: uuid.UUID
    direction: str
    due_on: datetime.date
    done_on: datetime.date | None
    done_by: str | None

    @staticmethod
    def resolve_done_by(direction: CaseDirection) -> str | None:
        return direction.done_by.get_username() if direction.done_by else None


class SupervisionOut(Schema):
    id: uuid.UUID
    worker: str
    supervisor: str
    held_on: datetime.date
    discussion: str
    next_due: datetime.date
    directions: list[DirectionOut]

    @staticmethod
    def resolve_worker(session: Supervision) -> str:
        return session.worker.get_username()

    @staticmethod
    def resolve_supervisor(session: Supervision) -> str:
        return session.supervisor.get_username()

    @staticmethod
    def resolve_directions(session: Supervision) -> list[CaseDirection]:
        return list(session.directions.all())


class DirectionIn(Schema):
    person_id: uuid.UUID
    direction: str = Field(min_length=1, max_length=5000)
    due_on: datetime.date


class SupervisionIn(Schema):
    worker_id: int
    held_on: datetime.date
    discussion: str = Field(min_length=1, max_length=50_000)
    directions: list[DirectionIn] = Field(default_factory=list, max_length=20)


class DoneIn(Schema):
    done_on: datetime.date | None = Field(None, description="Today if left out")


def _sessions(user: Any) -> Any:
    return supervision_access.supervisions_visible_to(user).prefetch_related("directions__done_by")


@router.get("/supervisions", response=list[SupervisionOut], summary="Supervision sessions")
def list_supervisions(request: HttpRequest) -> Any:
    supervision_access.check_may_read(request.user)
    return list(_sessions(request.user).order_by("-held_on")[:200])


@router.post(
    "/supervisions", response={201: SupervisionOut}, summary="Record a supervision session"
)
def record_supervision(request: HttpRequest, payload: SupervisionIn) -> Any:
    user: Any = request.user
    supervision_access.check_may_record(user)
    worker = User.objects.filter(pk=payload.worker_id, team_id=user.team_id).first()
    if worker is None:
        raise Http404("No worker with that id in your team")
    visible = people_selectors.visible_to(user)
    directions = []
    for item in payload.directions:
        try:
            person = visible.get(pk=item.person_id)
        except (visible.model.DoesNotExist, ValidationError):
            raise Http404("No person with that id") from None
        directions.append(
            supervision.DirectionIn(person=person, direction=item.direction, due_on=item.due_on)
        )
    session = supervision.record_supervision(
        user,
        worker,
        held_on=payload.held_on,
        discussion=payload.discussion,
        directions=directions,
    )
    return Status(201, _sessions(user).get(pk=session.pk))


@router.get(
    "/supervisions/{supervision_id}", response=SupervisionOut, summary="One supervision session"
)
def get_supervision(request: HttpRequest, supervision_id: uuid.UUID) -> Any:
    session = supervision_access.supervision_for_view(request.user, supervision_id)
    return _sessions(request.user).get(pk=session.pk)


@router.get(
    "/persons/{person_id}/directions",
    response=list[DirectionOut],
    summary="Supervision directions about a child",
)
def list_person_directions(request: HttpRequest, person_id: uuid.UUID) -> Any:
    person = supervision_access.directions_person_for_view(request.user, person_id)
    audit.record_view(request.user, person.pk, person, summary="Read case directions (API)")
    return list(selectors.directions_for_person(person)[:200])


@router.post(
    "/persons/{person_id}/directions/{direction_id}/done",
    response=DirectionOut,
    summary="Mark a case direction as done",
)
def complete_direction(
    request: HttpRequest, person_id: uuid.UUID, direction_id: uuid.UUID, payload: DoneIn
) -> CaseDirection:
    direction = supervision_access.direction_for_change(request.user, person_id, direction_id)
    return supervision.complete_direction(
        request.user, direction, done_on=payload.done_on or timezone.localdate()
    )
