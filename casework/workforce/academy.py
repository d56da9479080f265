"""Writes for the Social Care Academy: cohorts, trainees and their one-to-one mentors, the free
training sessions and who came, and completion (which makes a trainee a graduate with a
guaranteed interview). Each function is one thing recruitment staff do, in one transaction
with its audit event; bad input raises RuleBroken naming the field and writes nothing."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from casework.accounts.models import Role, User
from casework.audit import services as audit
from casework.audit.models import Action
from casework.common.errors import RuleBroken
from casework.workforce.models import AcademyCohort, Trainee, TrainingSession

MENTOR_ROLES = frozenset({Role.SOCIAL_WORKER, Role.TEAM_MANAGER})


def create_cohort(
    actor: Any, *, name: str, starts_on: datetime.date | None, ends_on: datetime.date | None
) -> AcademyCohort:
    name = name.strip()
    if not name:
        raise RuleBroken("name", "Enter the cohort's name")
    if starts_on is None:
        raise RuleBroken("starts_on", "Enter the date the cohort starts")
    if ends_on is None:
        raise RuleBroken("ends_on", "Enter the date the cohort ends")
    if ends_on < starts_on:
        raise RuleBroken("ends_on", "The cohort must end on or after the day it starts")
    if AcademyCohort.objects.filter(name__iexact=name).exists():
        raise RuleBroken("name", f"There is already a cohort called {name}")
    with transaction.atomic():
        cohort = AcademyCohort.objects.create(name=name, starts_on=starts_on, ends_on=ends_on)
        audit.record(actor, Action.CREATE, obj=cohort, summary=f"Started the cohort {name}")
    return cohort


def _check_mentor(mentor: User | None) -> None:
    if mentor is not None and (not mentor.is_active or mentor.role not in MENTOR_ROLES):
        raise RuleBroken("mentor", "Choose a social worker or team manager as the mentor")


def add_trainee(
    actor: Any, cohort: AcademyCohort, *, name: str, email: str, mentor: User | None = None
) -> Trainee:
    """Add a trainee to a cohort, with their one-to-one mentor if one is chosen yet."""
    name = name.strip()
    email = email.strip().lower()
    if not name:
        raise RuleBroken("name", "Enter the trainee's name")
    if not email:
        raise RuleBroken("email", "Enter the trainee's email address")
    _check_mentor(mentor)
    if Trainee.objects.filter(cohort=cohort, email__iexact=email).exists():
        raise RuleBroken("email", "A trainee with this email address is already in the cohort")
    try:
        with transaction.atomic():
            trainee = Trainee.objects.create(cohort=cohort, name=name, email=email, mentor=mentor)
            audit.record(
                actor,
                Action.CREATE,
                obj=trainee,
                summary=f"Added a trainee to {cohort.name}",
            )
    except IntegrityError:
        raise RuleBroken(
            "email", "A trainee with this email address is already in the cohort"
        ) from None
    return trainee


def change_trainee(
    actor: Any,
    trainee: Trainee,
    *,
    mentor: User | None,
    completed_on: datetime.date | None,
    today: datetime.date | None = None,
) -> Trainee:
    """Give a trainee their mentor, and record when they completed the academy. Completion is
    what guarantees them an interview, so it cannot be in the future or before the cohort
    began."""
    today = today or timezone.localdate()
    _check_mentor(mentor)
    cohort = trainee.cohort
    if completed_on is not None:
        if completed_on > today:
            raise RuleBroken("completed_on", "The completion date must be today or in the past")
        if completed_on < cohort.starts_on:
            raise RuleBroken(
                "completed_on",
                f"The completion date must be on or after the cohort started, "
                f"{cohort.starts_on:%-d %B %Y}",
            )
    before = audit.snapshot(trainee, ("mentor", "completed_on"))
    with transaction.atomic():
        Trainee.objects.filter(pk=trainee.pk).update(
            mentor=mentor, completed_on=completed_on, updated_at=timezone.now()
        )
        trainee.refresh_from_db()
        audit.record(
            actor,
            Action.UPDATE,
            obj=trainee,
            summary="Recorded a trainee's completion"
            if completed_on and not before["completed_on"]
            else "Changed a trainee's mentor or completion",
            before=before,
            after=audit.snapshot(trainee, ("mentor", "completed_on")),
        )
    return trainee


def add_session(
    actor: Any, cohort: AcademyCohort, *, title: str, held_on: datetime.date | None
) -> TrainingSession:
    title = title.strip()
    if not title:
        raise RuleBroken("title", "Enter what the session is about")
    if held_on is None:
        raise RuleBroken("held_on", "Enter the date of the session")
    if held_on < cohort.starts_on:
        raise RuleBroken("held_on", "The session must be on or after the cohort starts")
    with transaction.atomic():
        session = TrainingSession.objects.create(cohort=cohort, title=title, held_on=held_on)
        audit.record(
            actor, Action.CREATE, obj=session, summary=f"Planned a training session: {title}"
        )
    return session


def record_session_attendance(
    actor: Any,
    session: TrainingSession,
    trainees: Iterable[Trainee],
    *,
    today: datetime.date | None = None,
) -> int:
    """Record who came to a session (everyone not ticked did not). Only trainees in the
    session's cohort, and only once the session has been held. Returns how many came."""
    today = today or timezone.localdate()
    chosen = list(trainees)
    if session.held_on > today:
        raise RuleBroken("attended_by", "Attendance can be recorded once the session has been held")
    if any(trainee.cohort_id != session.cohort_id for trainee in chosen):
        raise RuleBroken("attended_by", "Tick only trainees in this cohort")
    with transaction.atomic():
        session.attended_by.set(chosen)
        audit.record(
            actor,
            Action.UPDATE,
            obj=session,
            summary=f"Recorded attendance at {session.title}: {len(chosen)} came",
        )
    return len(chosen)
