"""What meetings contribute to the child's chronology (registered in MeetingsConfig.ready): each
finalised meeting on the day it was held, with what it decided. Two queries (the meetings and
their decisions), whatever the size of the case."""

from collections.abc import Iterable

from casework.cases.chronology import Entry
from casework.meetings.models import Meeting
from casework.people.models import Person


def meetings(person: Person) -> Iterable[Entry]:
    finalised = (
        Meeting.objects.filter(person=person, status=Meeting.Status.FINALISED)
        .select_related("finalised_by")
        .prefetch_related("decisions")
    )
    for meeting in finalised:
        decided = "\n".join(decision.decision for decision in meeting.decisions.all())
        assert meeting.finalised_by is not None
        yield Entry(
            meeting.held_on,
            meeting.get_kind_display(),
            decided or meeting.purpose,
            by=meeting.finalised_by.display_name,
            url=meeting.get_absolute_url(),
        )
