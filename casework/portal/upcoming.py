"""Upcoming reviews, conferences, meetings and visits, as the family portal lists them.

Two halves. For workers: the dates on the child's record that could be shown to the family
(`date_candidates`): the next review, core group and visit that the plans already store, due
dates from the clock; upcoming meetings are shown from the meeting itself (see
`services.show_meeting`). For families: what a worker chose to show them (`upcoming_for`),
gathered from sources. A source is a function from a family member and today's date to the
items that member may see. The dates workers show through the portal, meetings included, are
the first source: choosing who in the family sees what happens in one place, the portal's
`FamilyDate`. Another app can still add its own items with `register`, without the portal
knowing its models.
"""

import datetime
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.urls import reverse

from casework.meetings.models import Meeting
from casework.people.models import Person
from casework.plans.models import CINPlan
from casework.portal.models import FamilyDate, FamilyMember
from casework.protection.models import ChildProtectionPlan


@dataclass(frozen=True)
class Upcoming:
    """One thing coming up, in the words the family sees."""

    title: str
    on: datetime.date
    at: datetime.time | None = None
    place: str = ""
    note: str = ""
    views_url: str = ""
    purpose: str = ""


Source = Callable[[FamilyMember, datetime.date], Iterable[Upcoming]]
_SOURCES: list[Source] = []


def register(source: Source) -> Source:
    """Add a source of upcoming items (usable as a decorator)."""
    if source not in _SOURCES:
        _SOURCES.append(source)
    return source


def upcoming_for(member: FamilyMember, today: datetime.date) -> list[Upcoming]:
    items = [item for source in _SOURCES for item in source(member, today)]
    return sorted(items, key=lambda item: (item.on, item.at or datetime.time.min, item.title))


def dates_shown_to(member: FamilyMember, today: datetime.date) -> QuerySet[FamilyDate]:
    """Dates a worker showed this family member that have not passed or been taken back. A
    meeting counts while its own date has not passed and its minutes are not finalised."""
    still_to_come = Q(meeting__isnull=True, on__gte=today) | Q(
        meeting__held_on__gte=today, meeting__status=Meeting.Status.DRAFT
    )
    return (
        FamilyDate.objects.filter(still_to_come, members=member, stopped_at__isnull=True)
        .select_related("meeting")
        .order_by("on", "at")
    )


@register
def _shown_dates(member: FamilyMember, today: datetime.date) -> Iterable[Upcoming]:
    for shown in dates_shown_to(member, today):
        yield Upcoming(
            title=shown.title,
            on=shown.happens_on,
            at=shown.starts_at,
            place=shown.where,
            note=shown.note,
            purpose=shown.purpose,
            views_url=reverse("portal:date_views", args=[shown.pk]) if shown.welcomes_views else "",
        )


# What a worker may show ------------------------------------------------------------------------


@dataclass(frozen=True)
class DateCandidate:
    kind: str
    record_id: uuid.UUID
    due: datetime.date

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.record_id}"

    @property
    def label(self) -> str:
        return f"{FamilyDate.Kind(self.kind).label}, due {self.due:%-d %B %Y}"


def date_candidates(child: Person) -> list[DateCandidate]:
    """The next dates the child's current plans hold, as the clock computed them."""
    found: list[DateCandidate] = []
    for plan in CINPlan.objects.filter(person=child, status=CINPlan.Status.ACTIVE):
        if plan.next_review_due:
            found.append(DateCandidate(FamilyDate.Kind.CIN_REVIEW, plan.pk, plan.next_review_due))
        if plan.next_visit_due:
            found.append(DateCandidate(FamilyDate.Kind.CIN_VISIT, plan.pk, plan.next_visit_due))
    for cp in ChildProtectionPlan.objects.filter(
        person=child, status=ChildProtectionPlan.Status.ACTIVE
    ):
        for kind, due in (
            (FamilyDate.Kind.CP_REVIEW, cp.next_review_due),
            (FamilyDate.Kind.CORE_GROUP, cp.next_core_group_due),
            (FamilyDate.Kind.CP_VISIT, cp.next_visit_due),
        ):
            if due:
                found.append(DateCandidate(kind, cp.pk, due))
    return sorted(found, key=lambda candidate: candidate.due)


def find_candidate(child: Person, key: str) -> DateCandidate | None:
    return next((c for c in date_candidates(child) if c.key == key), None)
