"""The meeting pages: recording a meeting as a worker would, forms that lose nothing, and the
meetings tab of the case record."""

import datetime
from collections.abc import Iterator

import pytest
import time_machine
from django.conf import settings
from django.test import Client

from casework.audit.models import AuditEvent
from casework.meetings.models import FamilyView, Meeting
from casework.meetings.tests.factories import (
    VOICE,
    AttendeeFactory,
    DecisionFactory,
    MeetingActionFactory,
    MeetingFactory,
    ready_to_finalise,
)
from casework.testing.personas import Personas

NOW = datetime.datetime(2026, 3, 20, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _in_march() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def meeting_form(**overrides: str) -> dict[str, str]:
    return {
        "kind": "child_in_need",
        "held_on_day": "18",
        "held_on_month": "3",
        "held_on_year": "2026",
        "starts_at": "10:30",
        "location": "Northbrook Family Centre",
        "purpose": "Review the plan with Mum, school and the health visitor.",
        "minutes": "",
        **overrides,
    }


def test_a_worker_records_a_meeting_and_finalises_it_with_the_childs_views(
    personas: Personas,
) -> None:
    client = signed_in(personas.worker)
    base = f"/people/{personas.child.pk}/meetings"
    response = client.post(f"{base}/new/", meeting_form())
    assert response.status_code == 302
    meeting = Meeting.objects.get(person=personas.child)
    url = f"{base}/{meeting.pk}"
    assert response["Location"] == f"{url}/"
    steps = [
        (
            f"{url}/attendees/new/",
            {"name": "Jo Jones", "group": "family", "role": "Mum", "invited": "yes"},
        ),
        (f"{url}/decisions/new/", {"decision": "The plan continues for three months."}),
        (
            f"{url}/actions/new/",
            {
                "what": "Weekly attendance to Sam",
                "owner_name": "Northbrook Primary",
                "owner_type": "agency",
                "due_on_day": "27",
                "due_on_month": "3",
                "due_on_year": "2026",
            },
        ),
    ]
    for path, form in steps:
        assert client.post(path, form).status_code == 302, path
    attendee = meeting.attendees.get()
    changed = client.post(
        f"{url}/attendees/{attendee.pk}/edit/",
        {"name": "Jo Jones", "group": "family", "role": "Mum", "invited": "yes", "attended": "yes"},
    )
    assert changed.status_code == 302

    page = client.get(f"{url}/finalise/").content.decode()
    assert "Before you can finalise the minutes" in page
    assert "Say whether the child was seen" in page
    assert "Finalise the minutes</button>" not in page
    meeting.refresh_from_db()
    refused = client.post(f"{url}/finalise/", {"version": str(meeting.version)})
    assert refused.status_code == 400
    assert "Say whether the child was seen" in refused.content.decode()

    written = meeting_form(
        minutes="Mum said mornings are calmer. School reports 96% attendance.",
        child_seen="yes",
        seen_alone="yes",
        views="I like my new teacher. I want Nan at the next meeting.",
        participation="PN1",
        version=str(meeting.version),
    )
    assert client.post(f"{url}/edit/", written).status_code == 302
    meeting.refresh_from_db()
    assert client.post(f"{url}/finalise/", {"version": str(meeting.version)}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.FINALISED
    page = client.get(f"{url}/").content.decode()
    assert "Minutes finalised by" in page
    assert "The plan continues for three months." in page
    assert "Write up the meeting" not in page


def test_an_invalid_meeting_comes_back_with_every_field_named(personas: Personas) -> None:
    response = signed_in(personas.worker).post(
        f"/people/{personas.child.pk}/meetings/new/",
        {"held_on_day": "18", "starts_at": "half ten", "seen_alone": "no", "child_seen": "yes"},
    )
    assert response.status_code == 400
    summary = [message for _, message in response.context["form"].error_summary()]
    assert "Select type of meeting" in summary
    assert "The date of the meeting must include a month and year" in summary
    assert "Enter the start time as hours and minutes, like 10:30 or 14:00" in summary
    assert "Enter why the meeting is being held" in summary
    assert not Meeting.objects.exists()


def test_a_colleagues_save_makes_sams_edit_a_conflict_that_keeps_his_words(
    personas: Personas,
) -> None:
    meeting = MeetingFactory(person=personas.child, created_by=personas.worker)
    url = f"/people/{personas.child.pk}/meetings/{meeting.pk}/edit/"
    sam, tess = signed_in(personas.worker), signed_in(personas.colleague)
    assert sam.get(url).context["form"].initial["version"] == 1
    saved = tess.post(url, meeting_form(minutes="Tess: Gran offered Tuesdays.", version="1"))
    assert saved.status_code == 302
    response = sam.post(
        url, meeting_form(minutes="Sam: Mum asked for a parenting course.", version="1")
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else changed this while you were editing" in page
    assert "Tess: Gran offered Tuesdays." in page
    assert "Sam: Mum asked for a parenting course." in page
    assert 'name="version" value="2"' in page
    meeting.refresh_from_db()
    assert meeting.minutes == "Tess: Gran offered Tuesdays."


def test_finalising_from_an_old_view_shows_what_a_colleague_added(personas: Personas) -> None:
    meeting = ready_to_finalise(
        MeetingFactory(person=personas.child, created_by=personas.worker, **VOICE)
    )
    url = f"/people/{personas.child.pk}/meetings/{meeting.pk}/finalise/"
    read_version = meeting.version
    DecisionFactory(meeting=meeting, decision="Tess: refer to the young carers' group.")
    Meeting.objects.filter(pk=meeting.pk).update(version=read_version + 1)
    response = signed_in(personas.worker).post(url, {"version": str(read_version)})
    assert response.status_code == 409
    assert "Tess: refer to the young carers&#x27; group." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.DRAFT


def test_half_written_minutes_survive_a_time_out(personas: Personas) -> None:
    meeting = MeetingFactory(person=personas.child, created_by=personas.worker)
    url = f"/people/{personas.child.pk}/meetings/{meeting.pk}/edit/"
    client = signed_in(personas.worker)
    owner = client.get(url).context["owner_marker"]
    saved = client.post(
        url, {"minutes": "Mum said that", "version": "1"}, headers={"X-Casework-Autosave": "1"}
    )
    assert saved.status_code == 200
    client.logout()  # the session has gone, as after a time-out
    late = client.post(
        url, meeting_form(minutes="Mum said that mornings are calmer.", _owner=owner)
    )
    assert late["Location"].startswith("/sign-in/")
    back = client.post("/sign-in/", {"username": "sam.worker", "password": settings.DEMO_PASSWORD})
    assert back["Location"] == url
    page = client.get(url).content.decode()
    assert "We restored the draft" in page
    assert "Mum said that mornings are calmer." in page
    meeting.refresh_from_db()
    assert meeting.minutes == ""


def test_the_meetings_tab_lists_meetings_and_is_audited(personas: Personas) -> None:
    MeetingFactory(person=personas.child, created_by=personas.worker, kind="network")
    planned = MeetingFactory(
        person=personas.child, created_by=personas.worker, held_on=datetime.date(2026, 4, 2)
    )
    page = signed_in(personas.analyst).get(f"/people/{personas.child.pk}/meetings/")
    text = page.content.decode()
    assert "Network meeting" in text
    assert planned.get_absolute_url() in text
    assert "Planned" in text
    assert "Record a meeting" not in text  # read-only
    assert 'aria-current="page">Meetings</a>' in text
    assert AuditEvent.objects.filter(
        actor=personas.analyst, action="view", summary="Read the meetings tab"
    ).exists()


def test_a_meeting_page_costs_the_same_for_a_bigger_meeting(
    personas: Personas, django_assert_max_num_queries: object
) -> None:
    meeting = MeetingFactory(person=personas.child, created_by=personas.worker)
    client = signed_in(personas.worker)
    url = f"/people/{personas.child.pk}/meetings/{meeting.pk}/"
    counts = []
    for size in (1, 8):
        AttendeeFactory.create_batch(size, meeting=meeting)
        DecisionFactory.create_batch(size, meeting=meeting)
        MeetingActionFactory.create_batch(size, meeting=meeting)
        for _ in range(size):
            FamilyView.objects.create(
                meeting=meeting,
                given_by="Jade Jones",
                text="Please can Gran come.",
                sent_on=meeting.held_on,
                added_by=personas.worker,
            )
        # 16: the page also lists the family's views sent before the meeting.
        with django_assert_max_num_queries(16) as captured:  # type: ignore[operator]
            assert client.get(url).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
