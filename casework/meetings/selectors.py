"""Reads about meetings. Callers load the person through people.access first, so these take a
person the user may already see."""

from django.db.models import Prefetch, QuerySet

from casework.meetings.models import FamilyView, Meeting
from casework.people.models import Person


def meetings_for(person: Person) -> QuerySet[Meeting]:
    return Meeting.objects.filter(person=person).select_related("created_by")


def with_details(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """Attendees, decisions, actions and the family's views in a fixed number of queries."""
    views = FamilyView.objects.select_related("added_by")
    return meetings.select_related(
        "created_by", "updated_by", "finalised_by", "episode"
    ).prefetch_related(
        "attendees", "decisions__created_by", "actions", Prefetch("family_views", queryset=views)
    )


def detailed(meeting: Meeting) -> Meeting:
    found = with_details(Meeting.objects.filter(pk=meeting.pk)).get()
    found.person = meeting.person
    return found
