"""Reads for the front door, always scoped to what the asking user may see."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from casework.accounts.models import Role, Team
from casework.cases.models import CaseNote, Episode
from casework.frontdoor.models import Check, Contact, ContactSubject, Service
from casework.lib.workdays import add_months
from casework.people import selectors as people_selectors
from casework.people.models import Person

# Roles that work across every contact: the front door takes them, managers decide them, and
# analysts and heads of service read them for oversight.
ALL_CONTACT_ROLES = frozenset(
    {Role.FRONT_DOOR, Role.TEAM_MANAGER, Role.ANALYST, Role.HEAD_OF_SERVICE}
)


def visible_to(user: Any) -> QuerySet[Contact]:
    """Every contact `user` may open. A social worker sees the contacts about a person they can
    see (a child allocated to their team); roles with no part in the front door see none."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Contact.objects.none()
    if user.role in ALL_CONTACT_ROLES:
        return Contact.objects.all()
    if user.role == Role.SOCIAL_WORKER:
        about_visible = ContactSubject.objects.filter(
            contact=OuterRef("pk"), person__in=people_selectors.visible_to(user)
        )
        return Contact.objects.filter(Exists(about_visible))
    return Contact.objects.none()


# Tray ------------------------------------------------------------------------------------------

TRAY_VIEWS = {
    "open": "All open contacts",
    "mine": "Awaiting my decision",
    "awaiting_checks": "Awaiting checks",
    "awaiting_decision": "Awaiting decision",
    "due_today": "Due today",
    "overdue": "Overdue",
    "decided": "Decided",
}

_OPEN = ~Q(status=Contact.Status.DECIDED)


def _tray_filter(view: str, today: datetime.date) -> Q:
    if view == "mine":
        # A manager decides contacts whose checks are done, and any with an immediate risk
        # straight away, checks or not.
        return Q(status=Contact.Status.AWAITING_DECISION) | (_OPEN & Q(immediate_risk=True))
    if view == "awaiting_checks":
        return Q(status=Contact.Status.AWAITING_CHECKS)
    if view == "awaiting_decision":
        return Q(status=Contact.Status.AWAITING_DECISION)
    if view == "due_today":
        return _OPEN & Q(decision_due=today)
    if view == "overdue":
        return _OPEN & Q(decision_due__lt=today)
    if view == "decided":
        return Q(status=Contact.Status.DECIDED)
    return _OPEN


def in_view(user: Any, view: str, today: datetime.date) -> QuerySet[Contact]:
    """The contacts on one view of the tray, soonest due first (latest decided first)."""
    contacts = visible_to(user).filter(_tray_filter(view, today))
    ordering = ("-decided_at",) if view == "decided" else ("decision_due", "received_at")
    return contacts.order_by(*ordering, "pk")


def tray(user: Any, view: str, today: datetime.date) -> QuerySet[Contact]:
    """The contacts on one view of the front-door tray: one query for the contacts and one for
    the people on them, however many there are."""
    return (
        in_view(user, view, today)
        .select_related("recorded_by")
        .prefetch_related(
            Prefetch(
                "subjects",
                queryset=ContactSubject.objects.select_related("person").order_by("added_at"),
            )
        )
    )


@dataclass(frozen=True)
class TrayCounts:
    awaiting_checks: int
    awaiting_decision: int
    due_today: int
    overdue: int


def tray_counts(user: Any, today: datetime.date) -> TrayCounts:
    """The four numbers at the top of the tray, in one query."""
    counts = visible_to(user).aggregate(
        awaiting_checks=Count("pk", filter=Q(status=Contact.Status.AWAITING_CHECKS)),
        awaiting_decision=Count("pk", filter=Q(status=Contact.Status.AWAITING_DECISION)),
        due_today=Count("pk", filter=_OPEN & Q(decision_due=today)),
        overdue=Count("pk", filter=_OPEN & Q(decision_due__lt=today)),
    )
    return TrayCounts(**counts)


# One contact -----------------------------------------------------------------------------------


def with_details(contacts: QuerySet[Contact]) -> QuerySet[Contact]:
    """Everything the contact page and API show, in a fixed number of queries."""
    return contacts.select_related(
        "recorded_by",
        "updated_by",
        "decision__decided_by",
        "referred_to_team",
        "episode",
    ).prefetch_related(
        Prefetch(
            "subjects",
            queryset=ContactSubject.objects.select_related("person", "episode").order_by(
                "added_at"
            ),
        ),
        Prefetch("checks", queryset=Check.objects.select_related("checked_by")),
        "signposted_to",
    )


def children_on(contact: Contact) -> list[Person]:
    return [
        subject.person
        for subject in contact.subjects.all()
        if subject.role == ContactSubject.Role.CHILD
    ]


def had_referral_within_12_months(person: Person, on: datetime.date) -> bool:
    """Whether a contact about `person` on `on` would be a re-referral: the DfE's children in
    need statistics count a referral within 12 months of a previous referral as a re-referral."""
    return Episode.objects.filter(
        person=person, referral_date__gte=add_months(on, -12), referral_date__lte=on
    ).exists()


def previous_involvement(people: list[Person]) -> str:
    """What Casework already holds about each person, written as the result of a check, so the
    practitioner can confirm it rather than type it."""
    if not people:
        return ""
    ids = [person.pk for person in people]
    episodes: dict[Any, list[Episode]] = {}
    for episode in Episode.objects.filter(person_id__in=ids).select_related("team"):
        episodes.setdefault(episode.person_id, []).append(episode)
    notes = dict(
        CaseNote.objects.filter(person_id__in=ids)
        .values("person_id")
        .annotate(total=Count("pk"))
        .values_list("person_id", "total")
    )
    lines = []
    for person in people:
        theirs = sorted(episodes.get(person.pk, []), key=lambda e: e.referral_date, reverse=True)
        note_count = notes.get(person.pk, 0)
        if not theirs and not note_count:
            lines.append(f"{person.full_name}: no previous involvement found in Casework.")
            continue
        parts = [
            f"{len(theirs)} previous referral{'s' if len(theirs) != 1 else ''}"
            if theirs
            else "no previous referrals"
        ]
        if theirs:
            latest = theirs[0]
            state = "open" if latest.status == Episode.Status.OPEN else "closed"
            parts.append(
                f"latest on {latest.referral_date.day} {latest.referral_date:%B %Y} "
                f"to {latest.team.name}, {state}"
            )
        parts.append(f"{note_count} case note{'s' if note_count != 1 else ''}")
        lines.append(f"{person.full_name}: {'; '.join(parts)}.")
    return "\n".join(lines)


# Directory and teams ---------------------------------------------------------------------------


def active_services() -> QuerySet[Service]:
    return Service.objects.filter(active=True).order_by("name")


def all_services() -> QuerySet[Service]:
    return Service.objects.order_by("-active", "name")


def referral_teams() -> QuerySet[Team]:
    """Teams a referral can be routed to: those with social workers to allocate it to."""
    return (
        Team.objects.filter(is_front_door=False, members__role=Role.SOCIAL_WORKER)
        .distinct()
        .order_by("name")
    )
