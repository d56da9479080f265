"""Reads about assessments, always scoped to what the asking user may see."""

import datetime
from typing import Any

from django.db.models import Prefetch, QuerySet

from casework.assessments.models import Assessment
from casework.cases.models import Allocation, Episode
from casework.oversight import selectors as oversight_selectors
from casework.oversight.models import ManagementDecision
from casework.people import selectors as people_selectors
from casework.people.models import Person


def visible_to(user: Any) -> QuerySet[Assessment]:
    """Every assessment `user` may open: those of the people they may open."""
    return Assessment.objects.filter(person__in=people_selectors.visible_to(user))


def with_details(assessments: QuerySet[Assessment]) -> QuerySet[Assessment]:
    """Everything the assessment page and API show about the assessment itself, in one query."""
    return assessments.select_related(
        "person",
        "episode__team",
        "created_by",
        "updated_by",
        "submitted_by",
        "authorised_by",
    )


def assessments_for(person: Person) -> QuerySet[Assessment]:
    return with_details(Assessment.objects.filter(person=person))


def episodes_with_assessments(person: Person) -> QuerySet[Episode]:
    """The child's referrals, newest first, each with its assessments: two queries."""
    return (
        Episode.objects.filter(person=person)
        .select_related("team")
        .prefetch_related(
            Prefetch(
                "assessments",
                queryset=Assessment.objects.select_related("authorised_by").order_by("-started_on"),
            )
        )
    )


def open_episode(person: Person) -> Episode | None:
    return (
        Episode.objects.filter(person=person, status=Episode.Status.OPEN)
        .select_related("team")
        .first()
    )


def open_assessment(episode: Episode) -> Assessment | None:
    return (
        Assessment.objects.filter(episode=episode)
        .exclude(status=Assessment.Status.AUTHORISED)
        .first()
    )


def latest_assessment(episode: Episode) -> Assessment | None:
    """The open assessment on the episode, else the latest authorised one."""
    found = open_assessment(episode)
    if found is None:
        found = Assessment.objects.filter(episode=episode).order_by("-started_on").first()
    return found


def allocated_team_id(person: Person) -> Any:
    """The team holding the child's case now: assessments are written and signed off there."""
    return (
        Allocation.objects.filter(person=person, ended_on__isnull=True)
        .values_list("team_id", flat=True)
        .first()
    )


def decisions_for(assessment: Assessment) -> list[ManagementDecision]:
    """The manager's decisions on the assessment, newest first."""
    return list(oversight_selectors.decisions_for(assessment))


def overdue_for_team(team_id: Any, today: datetime.date) -> QuerySet[Assessment]:
    """Open assessments of the team's referrals past their target date, oldest target first:
    one query on the status and target date index."""
    return (
        Assessment.objects.filter(episode__team_id=team_id, target_on__lt=today)
        .exclude(status=Assessment.Status.AUTHORISED)
        .select_related("person")
        .order_by("target_on")
    )


def awaiting_authorisation_for_team(team_id: Any) -> QuerySet[Assessment]:
    """Submitted assessments of the team's children, for the manager's tray, oldest first."""
    return (
        Assessment.objects.filter(
            status=Assessment.Status.SUBMITTED,
            person__allocations__team_id=team_id,
            person__allocations__ended_on__isnull=True,
        )
        .select_related("person", "submitted_by")
        .order_by("submitted_at")
    )
