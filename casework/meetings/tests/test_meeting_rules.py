"""The rules of a meeting: it decides about the child, so it cannot be finalised without the
child's voice, the minutes, who came and what it decided; once finalised it cannot change."""

import datetime
from collections.abc import Iterator

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.utils import timezone

from casework.audit.models import AuditEvent
from casework.cases.chronology import entries_for
from casework.common.errors import RuleBroken, StaleVersion
from casework.meetings import services
from casework.meetings.models import Meeting
from casework.meetings.tests.factories import (
    VOICE,
    AttendeeFactory,
    DecisionFactory,
    MeetingFactory,
    ready_to_finalise,
)
from casework.testing.personas import Personas

NOW = datetime.datetime(2026, 3, 20, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _in_march() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def a_meeting(personas: Personas, **fields: object) -> Meeting:
    return MeetingFactory(person=personas.child, created_by=personas.worker, **fields)


def test_a_meeting_cannot_be_finalised_without_the_childs_views(personas: Personas) -> None:
    meeting = ready_to_finalise(a_meeting(personas))
    with pytest.raises(RuleBroken) as refused:
        services.finalise_meeting(personas.worker, meeting, expected_version=meeting.version)
    assert refused.value.field == "child_seen"
    meeting = services.edit_meeting(
        personas.worker,
        meeting,
        expected_version=meeting.version,
        child_seen=True,
        seen_alone=True,
    )
    with pytest.raises(RuleBroken) as refused:
        services.finalise_meeting(personas.worker, meeting, expected_version=meeting.version)
    assert refused.value.field == "views"
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.DRAFT


def test_why_the_views_could_not_be_gathered_is_enough_to_finalise(personas: Personas) -> None:
    meeting = ready_to_finalise(a_meeting(personas, kind=Meeting.Kind.PROFESSIONALS))
    meeting = services.edit_meeting(
        personas.worker,
        meeting,
        expected_version=meeting.version,
        child_seen=False,
        views_not_gathered_reason="Amy is 18 months old; her routine was observed at nursery.",
    )
    finalised = services.finalise_meeting(
        personas.worker, meeting, expected_version=meeting.version
    )
    assert finalised.status == Meeting.Status.FINALISED
    assert finalised.finalised_by == personas.worker


def test_finalising_needs_the_minutes_who_came_and_a_decision(personas: Personas) -> None:
    meeting = a_meeting(personas, **VOICE)
    today = timezone.localdate()
    fields = [field for field, _ in services.missing_for_finalising(meeting, today)]
    assert fields == ["minutes", "attendees", "decisions"]
    AttendeeFactory(meeting=meeting, name="Gran", attended=None)
    messages = dict(services.missing_for_finalising(meeting, today))
    assert messages["attendees"] == "Say whether Gran attended"


def test_a_planned_meeting_cannot_be_finalised_before_it_happens(personas: Personas) -> None:
    meeting = ready_to_finalise(a_meeting(personas, held_on=datetime.date(2026, 3, 30), **VOICE))
    with pytest.raises(RuleBroken) as refused:
        services.finalise_meeting(personas.worker, meeting, expected_version=meeting.version)
    assert refused.value.field == "held_on"


def test_the_database_refuses_a_finalised_meeting_without_the_childs_voice(
    personas: Personas,
) -> None:
    meeting = ready_to_finalise(a_meeting(personas))
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.filter(pk=meeting.pk).update(
            status=Meeting.Status.FINALISED,
            finalised_at=timezone.now(),
            finalised_by=personas.worker,
        )


def test_a_finalised_meeting_cannot_be_changed(personas: Personas) -> None:
    meeting = ready_to_finalise(a_meeting(personas, **VOICE))
    meeting = services.finalise_meeting(personas.worker, meeting, expected_version=None)
    with pytest.raises(RuleBroken):
        services.edit_meeting(personas.worker, meeting, expected_version=None, minutes="New")
    with pytest.raises(RuleBroken):
        services.add_decision(personas.worker, meeting, decision="Another thing")
    with pytest.raises(RuleBroken):
        services.add_attendee(personas.worker, meeting, name="Late arrival", group="family")


def test_a_decision_added_meanwhile_makes_an_old_finalise_a_conflict(personas: Personas) -> None:
    meeting = ready_to_finalise(a_meeting(personas, **VOICE))
    read_version = meeting.version
    services.add_decision(personas.colleague, meeting, decision="Gran joins the plan.")
    with pytest.raises(StaleVersion) as stale:
        services.finalise_meeting(personas.worker, meeting, expected_version=read_version)
    assert stale.value.current.version == read_version + 1
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.DRAFT


def test_an_edit_from_an_old_version_is_refused(personas: Personas) -> None:
    meeting = a_meeting(personas)
    services.edit_meeting(personas.colleague, meeting, expected_version=1, minutes="Tess's notes")
    with pytest.raises(StaleVersion):
        services.edit_meeting(personas.worker, meeting, expected_version=1, minutes="Sam's notes")
    meeting.refresh_from_db()
    assert meeting.minutes == "Tess's notes"


def test_someone_not_invited_is_listed_only_if_they_came(personas: Personas) -> None:
    meeting = a_meeting(personas)
    with pytest.raises(RuleBroken) as refused:
        services.add_attendee(
            personas.worker, meeting, name="Dad", group="family", invited=False, attended=False
        )
    assert refused.value.field == "attended"
    came = services.add_attendee(
        personas.worker, meeting, name="Dad", group="family", invited=False, attended=True
    )
    assert came.invited is False


def test_an_action_cannot_be_due_before_the_meeting(personas: Personas) -> None:
    meeting = a_meeting(personas)
    with pytest.raises(RuleBroken) as refused:
        services.add_action(
            personas.worker,
            meeting,
            what="Book the school nurse",
            owner_name="Sam",
            owner_type="worker",
            due_on=datetime.date(2026, 3, 1),
        )
    assert refused.value.field == "due_on"


def test_bad_input_names_the_field_and_writes_nothing(personas: Personas) -> None:
    for field, bad in (("kind", "party"), ("purpose", "  "), ("starts_at", None)):
        details = {
            "kind": "child_in_need",
            "held_on": datetime.date(2026, 3, 10),
            "starts_at": datetime.time(10),
            "purpose": "Plan review",
        } | {field: bad}
        with pytest.raises(RuleBroken) as refused:
            services.record_meeting(personas.worker, personas.child, **details)  # type: ignore[arg-type]
        assert refused.value.field == field
    assert not Meeting.objects.exists()


def test_every_change_to_a_meeting_is_audited(personas: Personas) -> None:
    meeting = services.record_meeting(
        personas.worker,
        personas.child,
        kind="family",
        held_on=datetime.date(2026, 3, 18),
        starts_at=datetime.time(16),
        purpose="Agree who helps with the school run.",
        voice=VOICE,
    )
    attendee = services.add_attendee(personas.worker, meeting, name="Gran", group="family")
    services.change_attendee(personas.worker, attendee, attended=True)
    services.add_decision(personas.worker, meeting, decision="Gran does Tuesdays.")
    services.add_action(
        personas.worker,
        meeting,
        what="Write Gran's days on the plan",
        owner_name="Sam",
        owner_type="worker",
        due_on=datetime.date(2026, 3, 25),
    )
    meeting = services.edit_meeting(
        personas.worker, meeting, expected_version=None, minutes="Gran offered Tuesdays."
    )
    services.finalise_meeting(personas.worker, meeting, expected_version=meeting.version)
    events = AuditEvent.objects.filter(person_id=personas.child.pk, actor=personas.worker)
    assert events.count() == 7
    assert events.filter(summary="Family meeting: minutes finalised").exists()


def test_finalised_meetings_join_the_chronology_with_their_decisions(
    personas: Personas,
) -> None:
    draft = a_meeting(personas, kind=Meeting.Kind.NETWORK)
    meeting = ready_to_finalise(a_meeting(personas, **VOICE))
    DecisionFactory(meeting=meeting, decision="Refer to the young carers' group.")
    services.finalise_meeting(personas.worker, meeting, expected_version=None)
    entries = [e for e in entries_for(personas.child) if e.source == "meetings"]
    assert len(entries) == 1
    assert entries[0].title == "Child in need meeting"
    assert "Refer to the young carers' group." in entries[0].detail
    assert entries[0].url == meeting.get_absolute_url()
    assert draft.get_absolute_url() not in [e.url for e in entries]
