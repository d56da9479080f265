import datetime
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet
from django.urls import reverse

from casework.accounts.models import Role, User
from casework.cases.models import Allocation, Episode
from casework.meetings.models import Meeting
from casework.oversight.models import CaseDirection, ManagementDecision, Supervision
from casework.people.models import Person
from casework.plans.models import CINPlan


def decisions_for(subject: models.Model) -> QuerySet[ManagementDecision]:
    """Every decision recorded about `subject`, newest first."""
    return ManagementDecision.objects.filter(
        content_type=ContentType.objects.get_for_model(subject), object_id=str(subject.pk)
    ).select_related("decided_by", "person")


def latest_for_person(person: Person) -> ManagementDecision | None:
    return (
        ManagementDecision.objects.filter(person=person)
        .select_related("decided_by")
        .order_by("-decided_at")
        .first()
    )


def decisions_for_person(person: Person) -> QuerySet[ManagementDecision]:
    return (
        ManagementDecision.objects.filter(person=person)
        .select_related("decided_by", "content_type")
        .order_by("-decided_at")
    )


# Supervision directions ------------------------------------------------------------------------


def directions_for_person(person: Person) -> QuerySet[CaseDirection]:
    return (
        CaseDirection.objects.filter(person=person)
        .select_related("supervision", "done_by")
        .order_by("done_on", "due_on")
    )


# Work trays ------------------------------------------------------------------------------------
# Each read is one query over stored due dates (the clock computed them when the step started),
# so the cost does not grow with the number of children in the tray.


@dataclass(frozen=True)
class TrayItem:
    person: Person
    what: str
    due: datetime.date
    url: str


def _open_allocation(**lookups: Any) -> Exists:
    return Exists(
        Allocation.objects.filter(person=OuterRef("person_id"), ended_on__isnull=True, **lookups)
    )


def plans_due_for_worker(user: Any, until: datetime.date) -> QuerySet[CINPlan]:
    """Active plans of the worker's children with a review or a visit due by `until`, overdue
    ones included."""
    return (
        CINPlan.objects.filter(status=CINPlan.Status.ACTIVE)
        .filter(Q(next_review_due__lte=until) | Q(next_visit_due__lte=until))
        .filter(_open_allocation(worker=user))
        .select_related("person")
    )


def _workers_children(user: Any) -> Any:
    """The ids of the children allocated to the worker, as a subquery."""
    return Allocation.objects.filter(worker=user, ended_on__isnull=True).values("person_id")


def assessments_due_for_worker(user: Any, until: datetime.date) -> QuerySet[Episode]:
    """Open referrals of the worker's children whose assessment (started or not) is not yet
    authorised and whose target date is by `until`: the stored dates of the `assessment`
    clock."""
    from casework.assessments.models import Assessment

    authorised = Assessment.objects.filter(
        episode=OuterRef("pk"), status=Assessment.Status.AUTHORISED
    )
    return (
        Episode.objects.filter(
            status=Episode.Status.OPEN,
            assessment_target__lte=until,
            person_id__in=_workers_children(user),
        )
        .exclude(Exists(authorised))
        .select_related("person")
        .order_by("assessment_target")
    )


def meetings_due_for_worker(user: Any, until: datetime.date) -> QuerySet[Meeting]:
    """Meetings about the worker's children that are not finalised and are on or before
    `until`: the ones coming up this week, and the ones held whose minutes are still to do."""
    return (
        Meeting.objects.filter(
            status=Meeting.Status.DRAFT,
            held_on__lte=until,
            person_id__in=_workers_children(user),
        )
        .select_related("person")
        .order_by("held_on", "starts_at")
    )


def worker_tray(user: Any, today: datetime.date) -> tuple[list[TrayItem], list[TrayItem]]:
    """(due this week, overdue) for a social worker, soonest first: plan reviews and visits,
    assessments to its target date, and meetings (a past one is overdue until its minutes are
    finalised). One indexed query for each kind."""
    until = today + datetime.timedelta(days=7)
    items: list[TrayItem] = []
    for plan in plans_due_for_worker(user, until)[:500]:
        url = plan.get_absolute_url()
        for what, date in (("Plan review", plan.next_review_due), ("Visit", plan.next_visit_due)):
            if date is not None and date <= until:
                items.append(TrayItem(person=plan.person, what=what, due=date, url=url))
    for episode in assessments_due_for_worker(user, until)[:500]:
        url = reverse("assessments:person", args=[episode.person_id])
        items.append(TrayItem(episode.person, "Assessment", episode.assessment_target, url))
    for meeting in meetings_due_for_worker(user, until)[:500]:
        what = meeting.get_kind_display()
        if meeting.held_on < today:
            what += ": finalise the minutes"
        items.append(TrayItem(meeting.person, what, meeting.held_on, meeting.get_absolute_url()))
    items.sort(key=lambda item: item.due)
    return [i for i in items if i.due >= today], [i for i in items if i.due < today]


def directions_for_worker(user: Any) -> QuerySet[CaseDirection]:
    """Directions from the worker's supervision still to be done, soonest first."""
    return (
        CaseDirection.objects.filter(supervision__worker=user, done_on__isnull=True)
        .select_related("person")
        .order_by("due_on")
    )


def next_supervision_due(user: Any) -> datetime.date | None:
    """When the worker's next supervision is due, from their latest session."""
    due: datetime.date | None = Supervision.objects.filter(worker=user).aggregate(
        due=Max("next_due")
    )["due"]
    return due


def team_workers(team_id: Any, today: datetime.date) -> QuerySet[User]:
    """Each social worker in the team with their caseload, how many of their children have a
    plan review or visit overdue, and when their next supervision is due."""
    open_allocation = Q(allocations__ended_on__isnull=True)
    overdue_plan = Q(allocations__person__cin_plans__status=CINPlan.Status.ACTIVE) & (
        Q(allocations__person__cin_plans__next_review_due__lt=today)
        | Q(allocations__person__cin_plans__next_visit_due__lt=today)
    )
    return (
        User.objects.filter(team_id=team_id, role=Role.SOCIAL_WORKER, is_active=True)
        .annotate(
            caseload=Count("allocations", filter=open_allocation, distinct=True),
            overdue=Count("allocations", filter=open_allocation & overdue_plan, distinct=True),
            next_supervision_due=Max("supervisions__next_due"),
        )
        .order_by("first_name", "last_name")
    )


def plans_awaiting_approval(team_id: Any) -> QuerySet[CINPlan]:
    return (
        CINPlan.objects.filter(status=CINPlan.Status.AWAITING_APPROVAL)
        .filter(_open_allocation(team_id=team_id))
        .select_related("person", "created_by")
        .order_by("started_on")
    )


def assessments_awaiting_authorisation(team_id: Any) -> list[Any]:
    """Submitted assessments of the team's children, when the assessments app is installed."""
    if not apps.is_installed("casework.assessments"):
        return []
    assessment = apps.get_model("assessments", "Assessment")
    return list(
        assessment.objects.filter(status="submitted")
        .filter(_open_allocation(team_id=team_id))
        .select_related("person")
        .order_by("updated_at")[:200]
    )
