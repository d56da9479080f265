"""Who may read and change meetings, and the loaders views and endpoints use.

The same rule as plans and visits (casework.plans.access): whoever may open the child's record
reads its meetings; the social workers and team manager of the team the child is allocated to
record and change them. Anyone else who can see the child gets 403 on a change; anyone who
cannot see the child gets 404, so the record's existence is not leaked.
"""

import uuid
from typing import Any

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from casework.meetings.models import Attendee, Meeting
from casework.people import access as people_access
from casework.people.models import Person
from casework.plans.access import in_allocated_team

CHANGE_REFUSED = "Only the social workers and manager of the child's team record meetings"


@rules.predicate
def can_change_meetings(user: Any, person: Person) -> bool:
    return people_access.can_view_person(user, person) and in_allocated_team(user, person)


rules.add_perm("meetings.change_meetings", can_change_meetings)


def may_change(user: Any, person: Person) -> bool:
    """For a person already loaded through `visible_to`."""
    return in_allocated_team(user, person)


def person_for_view(user: Any, person_id: uuid.UUID | str) -> Person:
    return people_access.person_for_view(user, person_id)


def person_for_change(user: Any, person_id: uuid.UUID | str) -> Person:
    person = people_access.person_for_view(user, person_id)
    if not in_allocated_team(user, person):
        raise PermissionDenied(CHANGE_REFUSED)
    return person


def _meeting(person: Person, meeting_id: uuid.UUID | str) -> Meeting:
    try:
        meeting = Meeting.objects.select_related("created_by", "updated_by", "finalised_by").get(
            pk=meeting_id, person=person
        )
    except (Meeting.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404("No meeting with that id") from None
    meeting.person = person
    return meeting


def meeting_for_view(user: Any, person_id: uuid.UUID | str, meeting_id: uuid.UUID | str) -> Meeting:
    return _meeting(person_for_view(user, person_id), meeting_id)


def meeting_for_change(
    user: Any, person_id: uuid.UUID | str, meeting_id: uuid.UUID | str
) -> Meeting:
    person = people_access.person_for_view(user, person_id)
    meeting = _meeting(person, meeting_id)
    if not in_allocated_team(user, person):
        raise PermissionDenied(CHANGE_REFUSED)
    return meeting


def attendee_for_change(
    user: Any,
    person_id: uuid.UUID | str,
    meeting_id: uuid.UUID | str,
    attendee_id: uuid.UUID | str,
) -> Attendee:
    meeting = meeting_for_change(user, person_id, meeting_id)
    try:
        attendee = Attendee.objects.get(pk=attendee_id, meeting=meeting)
    except (Attendee.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404("No one with that id is on the meeting's list") from None
    attendee.meeting = meeting
    return attendee
