"""A family member's views, sent before a meeting and read by a worker, go on the meeting's
record while its minutes are open; finalised minutes do not change."""

import datetime

import pytest
from django.db import IntegrityError

from casework.audit.models import AuditEvent
from casework.common.errors import RuleBroken
from casework.meetings import services
from casework.meetings.models import FamilyView
from casework.meetings.tests.factories import VOICE, MeetingFactory, ready_to_finalise
from casework.testing.personas import Personas

SENT = datetime.date(2026, 3, 5)


def test_views_go_on_the_meeting_and_move_its_version_on(personas: Personas) -> None:
    meeting = MeetingFactory(person=personas.child, created_by=personas.worker)
    view = services.add_family_views(
        personas.worker,
        meeting,
        given_by="Jade Jones",
        relationship="Mother",
        text="  Please can Gran come too.  ",
        sent_on=SENT,
    )
    assert view.text == "Please can Gran come too."
    meeting.refresh_from_db()
    assert meeting.version == 2
    assert meeting.updated_by == personas.worker
    event = AuditEvent.objects.get(object_type="meetings.familyview")
    assert event.person_id == personas.child.pk
    assert event.after is not None
    assert event.after["given_by"] == "Jade Jones"


def test_finalised_minutes_take_no_more_views(personas: Personas) -> None:
    meeting = ready_to_finalise(MeetingFactory(person=personas.child, created_by=personas.worker))
    services.edit_meeting(personas.worker, meeting, expected_version=None, **VOICE)
    services.finalise_meeting(personas.worker, meeting, expected_version=None)
    with pytest.raises(RuleBroken) as refused:
        services.add_family_views(
            personas.worker, meeting, given_by="Jade Jones", text="Late.", sent_on=SENT
        )
    assert "finalised" in refused.value.message
    assert not FamilyView.objects.exists()


def test_empty_views_are_refused_naming_the_field(personas: Personas) -> None:
    meeting = MeetingFactory(person=personas.child, created_by=personas.worker)
    with pytest.raises(RuleBroken) as refused:
        services.add_family_views(
            personas.worker, meeting, given_by="Jade Jones", text=" ", sent_on=SENT
        )
    assert refused.value.field == "text"
    meeting.refresh_from_db()
    assert meeting.version == 1


def test_the_same_sent_views_go_on_the_record_once(personas: Personas) -> None:
    meeting = MeetingFactory(person=personas.child, created_by=personas.worker)
    source = MeetingFactory(person=personas.child, created_by=personas.worker).pk
    services.add_family_views(
        personas.worker, meeting, given_by="Jade", text="Yes.", sent_on=SENT, source_id=source
    )
    with pytest.raises(RuleBroken):
        services.add_family_views(
            personas.worker, meeting, given_by="Jade", text="Yes.", sent_on=SENT, source_id=source
        )
    assert FamilyView.objects.count() == 1


def test_the_database_refuses_views_with_no_words(personas: Personas) -> None:
    meeting = MeetingFactory(person=personas.child, created_by=personas.worker)
    with pytest.raises(IntegrityError):
        FamilyView.objects.create(
            meeting=meeting, given_by="Jade", text="", sent_on=SENT, added_by=personas.worker
        )
