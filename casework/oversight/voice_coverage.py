"""How well a team hears children: the share of its children seen alone within the council's
visit interval, and the share of decisions about them made with the child's views recorded
(authorised assessments, plan reviews, child protection conferences and finalised meetings).
Figures for managers and inspectors, read straight from the record."""

import datetime
import math
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q

from casework.cases.models import Allocation
from casework.common import clock


@dataclass(frozen=True)
class Coverage:
    children: int
    seen_alone: int
    decisions: int
    decisions_with_views: int
    period_days: int

    @staticmethod
    def percent(part: int, whole: int) -> int | None:
        return round(100 * part / whole) if whole else None

    @property
    def seen_alone_percent(self) -> int | None:
        return self.percent(self.seen_alone, self.children)

    @property
    def views_percent(self) -> int | None:
        return self.percent(self.decisions_with_views, self.decisions)


VIEWS_RECORDED = ~Q(views="") | ~Q(views_not_gathered_reason="")


def for_team(team_id: Any, today: datetime.date) -> Coverage:
    from casework.assessments.models import Assessment
    from casework.meetings.models import Meeting
    from casework.plans.models import PlanReview, Visit
    from casework.protection.models import Conference, CPVisit

    # The visit period is the council's own CIN visit interval (working days), as calendar days.
    period_days = math.ceil(clock.rule_amount("cin-visit") * 7 / 5)
    since = today - datetime.timedelta(days=period_days)
    children = Allocation.objects.filter(team_id=team_id, ended_on__isnull=True).values("person_id")
    seen = set(
        Visit.objects.filter(
            person_id__in=children, seen_alone=True, visited_on__gt=since
        ).values_list("person_id", flat=True)
    ) | set(
        CPVisit.objects.filter(
            person_id__in=children, seen_alone=True, visited_on__gt=since
        ).values_list("person_id", flat=True)
    )
    year_ago = today - datetime.timedelta(days=365)
    decided = [
        Assessment.objects.filter(
            person_id__in=children,
            status=Assessment.Status.AUTHORISED,
            authorised_at__date__gt=year_ago,
        ),
        PlanReview.objects.filter(plan__person_id__in=children, held_on__gt=year_ago),
        Conference.objects.filter(
            person_id__in=children, finalised_at__isnull=False, held_on__gt=year_ago
        ),
        Meeting.objects.filter(
            person_id__in=children, status=Meeting.Status.FINALISED, held_on__gt=year_ago
        ),
    ]
    # One query per kind of decision: how many, and how many with the child's views.
    counts = [
        query.aggregate(total=Count("pk"), with_views=Count("pk", filter=VIEWS_RECORDED))
        for query in decided
    ]
    decisions = sum(count["total"] for count in counts)
    with_views = sum(count["with_views"] for count in counts)
    return Coverage(
        children=children.distinct().count(),
        seen_alone=len(seen),
        decisions=decisions,
        decisions_with_views=with_views,
        period_days=period_days,
    )
