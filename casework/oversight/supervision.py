"""Writes for supervision: recording a session with its case directions, and completing a
direction. Each is one transaction with its audit events; bad input raises RuleBroken naming the
field and writes nothing."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from casework.accounts.models import Role
from casework.audit import services as audit
from casework.audit.models import Action
from casework.cases.models import Allocation
from casework.common import clock
from casework.common.errors import RuleBroken
from casework.oversight.models import CaseDirection, Supervision
from casework.oversight.services import may_decide
from casework.people.models import Person

DIRECTION_FIELDS = ("supervision", "direction", "due_on", "done_on", "done_by")


@dataclass(frozen=True)
class DirectionIn:
    person: Person
    direction: str
    due_on: datetime.date


def may_supervise(actor: Any, worker: Any) -> bool:
    """A team manager supervises the social workers of their own team."""
    return (
        may_decide(actor)
        and actor.team_id is not None
        and getattr(worker, "team_id", None) == actor.team_id
        and getattr(worker, "role", None) == Role.SOCIAL_WORKER
        and worker.pk != actor.pk
    )


def record_supervision(
    actor: Any,
    worker: Any,
    *,
    held_on: datetime.date,
    discussion: str,
    directions: Sequence[DirectionIn] = (),
) -> Supervision:
    """Record a supervision session and its case directions together. The next session is due
    by the `supervision` clock rule from the day this one was held (local practice)."""
    if not may_supervise(actor, worker):
        raise RuleBroken("worker", "Select a social worker in your team")
    if held_on > timezone.localdate():
        raise RuleBroken("held_on", "The date of the session must be today or in the past")
    if not discussion.strip():
        raise RuleBroken("discussion", "Enter the reflective discussion")
    for index, item in enumerate(directions, start=1):
        if not item.direction.strip():
            raise RuleBroken(f"direction_{index}", f"Enter direction {index}")
        if item.due_on < held_on:
            raise RuleBroken(
                f"direction_{index}_due_on",
                f"Direction {index} must be due on or after the session",
            )
    with transaction.atomic():
        allocated = set(
            Allocation.objects.filter(
                team_id=actor.team_id,
                ended_on__isnull=True,
                person_id__in=[item.person.pk for item in directions],
            ).values_list("person_id", flat=True)
        )
        for index, item in enumerate(directions, start=1):
            if item.person.pk not in allocated:
                raise RuleBroken(
                    f"direction_{index}_person",
                    f"Direction {index} must be about a child allocated to your team",
                )
        supervision = Supervision.objects.create(
            worker=worker,
            supervisor=actor,
            held_on=held_on,
            discussion=discussion.strip(),
            next_due=clock.due("supervision", held_on).due,
        )
        audit.record(
            actor,
            Action.CREATE,
            obj=supervision,
            summary=f"Supervision of {worker.get_username()} recorded",
            after=audit.snapshot(supervision, ("worker", "supervisor", "held_on", "next_due")),
        )
        for item in directions:
            direction = CaseDirection.objects.create(
                supervision=supervision,
                person=item.person,
                direction=item.direction.strip(),
                due_on=item.due_on,
            )
            audit.record(
                actor,
                Action.CREATE,
                person_id=item.person.pk,
                obj=direction,
                summary="Case direction given in supervision",
                after=audit.snapshot(direction, DIRECTION_FIELDS),
            )
    return supervision


def complete_direction(
    actor: Any, direction: CaseDirection, *, done_on: datetime.date | None = None
) -> CaseDirection:
    """Mark a case direction as done. Done once: a second completion is refused."""
    done_on = done_on or timezone.localdate()
    if done_on > timezone.localdate():
        raise RuleBroken("done_on", "The date must be today or in the past")
    with transaction.atomic():
        current = (
            CaseDirection.objects.select_for_update()
            .select_related("supervision")
            .get(pk=direction.pk)
        )
        if current.done_on is not None:
            raise RuleBroken("done_on", "This direction has already been marked as done")
        if done_on < current.supervision.held_on:
            raise RuleBroken("done_on", "The date must be on or after the supervision session")
        CaseDirection.objects.filter(pk=current.pk).update(done_on=done_on, done_by=actor)
        current.refresh_from_db()
        audit.record(
            actor,
            Action.UPDATE,
            person_id=current.person_id,
            obj=current,
            summary="Case direction done",
            before={"done_on": None, "done_by": None},
            after=audit.snapshot(current, ("done_on", "done_by")),
        )
    return current
