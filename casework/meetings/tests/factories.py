"""factory_boy factories for meetings. Each builds the smallest valid draft directly; tests of
the rules themselves go through the services."""

import datetime

import factory

from casework.meetings.models import Attendee, Decision, Meeting, MeetingAction
from casework.testing.factories import PersonFactory, UserFactory


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    person = factory.SubFactory(PersonFactory)
    kind = Meeting.Kind.CHILD_IN_NEED
    held_on = datetime.date(2026, 3, 10)
    starts_at = datetime.time(10, 30)
    location = "Northbrook Family Centre"
    purpose = "Review how the plan is going with the family and school."
    created_by = factory.SubFactory(UserFactory)
    updated_by = factory.SelfAttribute("created_by")


class AttendeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendee

    meeting = factory.SubFactory(MeetingFactory)
    name = "Jo Jones"
    group = Attendee.Group.FAMILY
    role = "Mum"
    invited = True
    attended = True


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    meeting = factory.SubFactory(MeetingFactory)
    decision = "The plan continues; school will report attendance weekly."
    created_by = factory.SelfAttribute("meeting.created_by")


class MeetingActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingAction

    meeting = factory.SubFactory(MeetingFactory)
    what = "Send the weekly attendance figures to the social worker."
    owner_name = "Northbrook Primary"
    owner_type = MeetingAction.OwnerType.AGENCY
    due_on = datetime.date(2026, 3, 20)
    created_by = factory.SelfAttribute("meeting.created_by")


VOICE = {
    "child_seen": True,
    "seen_alone": True,
    "views": "I want Nan to come to the next meeting too.",
    "participation": "PN1",
    "helped_by": "none",
}


def ready_to_finalise(meeting: Meeting) -> Meeting:
    """Give a draft everything finalising needs except the child's voice."""
    AttendeeFactory(meeting=meeting)
    DecisionFactory(meeting=meeting)
    Meeting.objects.filter(pk=meeting.pk).update(minutes="Mum and school said Amy is settled.")
    meeting.refresh_from_db()
    return meeting
