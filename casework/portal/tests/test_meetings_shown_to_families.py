"""A worker shows an upcoming meeting to named family members. They see it as the meeting record
has it (what it is, when, where, what it is for in plain words), send their views before it,
and the worker reads those views and puts them on the meeting's record. Nothing a family sends
changes the meeting unseen."""

import datetime
from typing import Any

from django.test import Client
from django.utils import timezone

from casework.audit.models import AuditEvent
from casework.cases.models import CaseNote
from casework.meetings import services as meeting_services
from casework.meetings.models import FamilyView, Meeting
from casework.meetings.tests.factories import VOICE
from casework.portal import services
from casework.portal.models import FamilyContribution, FamilyDate
from casework.portal.tests.factories import Families, portal_client, upcoming_meeting
from casework.testing.personas import Personas


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def show_url(p: Personas, meeting: Meeting) -> str:
    return f"/people/{p.child.pk}/sharing/meetings/{meeting.pk}/show/"


PLAIN = "To talk about how mornings are going and what would help Amy get to school."


def test_a_worker_shows_the_next_meeting_to_the_mother_only(
    personas: Personas, families: Families
) -> None:
    meeting = upcoming_meeting(personas.child, personas.worker)
    client = signed_in(personas.worker)
    form = client.get(show_url(personas, meeting))
    assert form.status_code == 200
    # The purpose starts as the record's, for the worker to put in the family's words.
    assert b"Mrs Patel&#x27;s concerns" in form.content
    response = client.post(
        show_url(personas, meeting), {"members": [str(families.mother.pk)], "purpose": PLAIN}
    )
    assert response.status_code == 302
    shown = FamilyDate.objects.get(meeting=meeting)
    assert shown.kind == FamilyDate.Kind.MEETING
    assert list(shown.members.all()) == [families.mother]
    home = portal_client(families.mother).get("/family/").content.decode()
    assert "Child in need meeting" in home
    assert "3:30 p.m." in home
    assert "Northbrook Family Centre" in home
    assert PLAIN in home
    assert "Mrs Patel" not in home
    assert f"/family/coming-up/{shown.pk}/views/" in home
    for other in (families.father, families.gran, families.young_person, families.other_parent):
        assert "Child in need meeting" not in portal_client(other).get("/family/").content.decode()
    sharing = client.get(f"/people/{personas.child.pk}/sharing/").content.decode()
    assert "shown to Jade" in sharing
    shown_event = AuditEvent.objects.filter(summary__startswith="Showed the child in need meeting")
    assert shown_event.exists()


def test_the_family_sees_the_meeting_as_the_record_has_it_now(
    personas: Personas, families: Families
) -> None:
    meeting = upcoming_meeting(personas.child, personas.worker)
    services.show_meeting(
        personas.worker, personas.child, meeting, members=[families.mother], purpose=PLAIN
    )
    moved = timezone.localdate() + datetime.timedelta(days=12)
    meeting_services.edit_meeting(
        personas.worker, meeting, expected_version=None, held_on=moved, location="Amy's school"
    )
    home = portal_client(families.mother).get("/family/").content.decode()
    assert "Amy&#x27;s school" in home
    assert "Northbrook Family Centre" not in home
    assert f"{moved:%-d %B %Y}" in home


def test_a_meeting_leaves_the_portal_once_its_minutes_are_finalised(
    personas: Personas, families: Families
) -> None:
    shown = families.meeting_date("mother")
    client = portal_client(families.mother)
    assert client.get(f"/family/coming-up/{shown.pk}/views/").status_code == 200
    Meeting.objects.filter(family_dates=shown).update(
        status=Meeting.Status.FINALISED,
        finalised_at=timezone.now(),
        finalised_by=personas.worker,
        minutes="Done.",
        **VOICE,
    )
    assert "Child in need meeting" not in client.get("/family/").content.decode()
    assert client.get(f"/family/coming-up/{shown.pk}/views/").status_code == 404


def test_showing_a_meeting_names_each_missing_field_and_writes_nothing(
    personas: Personas, families: Families
) -> None:
    meeting = upcoming_meeting(personas.child, personas.worker)
    response = signed_in(personas.worker).post(show_url(personas, meeting), {"purpose": " "})
    assert response.status_code == 400
    assert b'href="#id_members_0"' in response.content
    assert b'href="#id_purpose"' in response.content
    assert not FamilyDate.objects.exists()


def test_a_meeting_already_shown_to_someone_is_not_shown_to_them_twice(
    personas: Personas, families: Families
) -> None:
    meeting = upcoming_meeting(personas.child, personas.worker)
    services.show_meeting(
        personas.worker, personas.child, meeting, members=[families.mother], purpose=PLAIN
    )
    response = signed_in(personas.worker).post(
        show_url(personas, meeting),
        {"members": [str(families.mother.pk), str(families.father.pk)], "purpose": PLAIN},
    )
    assert response.status_code == 400
    assert b"Already shown to Jade" in response.content
    # Her father can still be shown it on his own.
    services.show_meeting(
        personas.worker, personas.child, meeting, members=[families.father], purpose=PLAIN
    )
    assert FamilyDate.objects.filter(meeting=meeting).count() == 2


def test_only_upcoming_meetings_of_this_child_can_be_shown(
    personas: Personas, families: Families
) -> None:
    client = signed_in(personas.worker)
    held = upcoming_meeting(personas.child, personas.worker, days=-1)
    assert client.get(show_url(personas, held)).status_code == 404
    other_childs = families.meeting_date("other").meeting
    assert other_childs is not None
    assert client.get(show_url(personas, other_childs)).status_code == 404
    soon = upcoming_meeting(personas.child, personas.worker)
    assert signed_in(personas.analyst).get(show_url(personas, soon)).status_code == 403
    assert signed_in(personas.other_team).get(show_url(personas, soon)).status_code == 404


def test_views_before_a_meeting_go_on_the_meeting_once_the_worker_accepts_them(
    personas: Personas, families: Families
) -> None:
    shown = families.meeting_date("mother")
    meeting = shown.meeting
    assert meeting is not None
    version = meeting.version
    family = portal_client(families.mother)
    url = f"/family/coming-up/{shown.pk}/views/"
    assert b"To agree what happens next." in family.get(url).content
    assert family.post(url, {"text": "Please can Gran come too."}).status_code == 302
    item = FamilyContribution.objects.get()
    # Nothing reaches the meeting until a worker has read it.
    assert not FamilyView.objects.exists()
    worker = signed_in(personas.worker)
    assert b"Views before the child in need meeting" in worker.get("/family-tray/").content
    detail = f"/people/{personas.child.pk}/from-family/{item.pk}/"
    assert b"puts these views on the meeting" in worker.get(detail).content
    notes = CaseNote.objects.count()
    assert worker.post(detail, {"decision": "accept"}).status_code == 302
    view = FamilyView.objects.get()
    assert view.meeting == meeting
    assert (view.given_by, view.relationship) == (families.mother.person.full_name, "Mother")
    assert view.text == "Please can Gran come too."
    assert view.added_by == personas.worker
    item.refresh_from_db()
    assert item.status == FamilyContribution.Status.ACCEPTED
    assert item.accepted_meeting_view == view
    assert CaseNote.objects.count() == notes
    meeting.refresh_from_db()
    assert meeting.version == version + 1
    page = worker.get(meeting.get_absolute_url()).content.decode()
    assert "Please can Gran come too." in page
    assert AuditEvent.objects.filter(
        object_type="meetings.familyview", person_id=personas.child.pk
    ).exists()


def test_views_for_a_meeting_whose_minutes_are_finalised_become_a_case_note(
    personas: Personas, families: Families
) -> None:
    shown = families.meeting_date("mother")
    item = services.add_views_before(families.mother, shown, text="Mornings are better.")
    Meeting.objects.filter(family_dates=shown).update(
        status=Meeting.Status.FINALISED,
        finalised_at=timezone.now(),
        finalised_by=personas.worker,
        minutes="Done.",
        **VOICE,
    )
    worker = signed_in(personas.worker)
    detail = f"/people/{personas.child.pk}/from-family/{item.pk}/"
    assert b"finalised, so adding it to the record makes a case note" in worker.get(detail).content
    assert worker.post(detail, {"decision": "accept"}).status_code == 302
    item.refresh_from_db()
    assert item.accepted_note is not None
    assert item.accepted_note.body == "Mornings are better."
    assert not FamilyView.objects.exists()


def test_only_the_childs_team_puts_family_views_on_a_meeting(
    personas: Personas, families: Families
) -> None:
    shown = families.meeting_date("mother")
    item = services.add_views_before(families.mother, shown, text="After school suits us.")
    detail = f"/people/{personas.child.pk}/from-family/{item.pk}/"
    # The front door and the reviewing officer may share from the record, but meetings are
    # recorded by the child's team.
    for user in (personas.frontdoor, personas.chair):
        assert signed_in(user).post(detail, {"decision": "accept"}).status_code == 403
    assert signed_in(personas.head).post(detail, {"decision": "accept"}).status_code == 403
    assert signed_in(personas.other_team).post(detail, {"decision": "accept"}).status_code == 404
    item.refresh_from_db()
    assert item.status == FamilyContribution.Status.NEW
    assert not FamilyView.objects.exists()


def test_views_read_and_not_added_leave_the_meeting_as_it_was(
    personas: Personas, families: Families
) -> None:
    shown = families.meeting_date("mother")
    item = services.add_views_before(families.mother, shown, text="Not sure.")
    detail = f"/people/{personas.child.pk}/from-family/{item.pk}/"
    assert signed_in(personas.worker).post(detail, {"decision": "decline"}).status_code == 302
    assert not FamilyView.objects.exists()
    assert Meeting.objects.get(family_dates=shown).version == 1


def test_the_meeting_page_offers_showing_it_to_the_family(
    personas: Personas, families: Families
) -> None:
    meeting = upcoming_meeting(personas.child, personas.worker)
    link = show_url(personas, meeting).encode()
    assert link in signed_in(personas.worker).get(meeting.get_absolute_url()).content
    assert link not in signed_in(personas.analyst).get(meeting.get_absolute_url()).content


def test_the_portal_home_page_reads_a_fixed_number_of_queries_with_meetings(
    personas: Personas, families: Families, django_assert_max_num_queries: Any
) -> None:
    client = portal_client(families.mother)
    families.meeting_date("mother")
    families.date("review")
    with django_assert_max_num_queries(20):
        assert client.get("/family/").status_code == 200
    for _ in range(5):
        meeting = upcoming_meeting(personas.child, personas.worker)
        services.show_meeting(
            personas.worker, personas.child, meeting, members=[families.mother], purpose=PLAIN
        )
    with django_assert_max_num_queries(20):
        response = client.get("/family/")
    assert response.content.decode().count("Add your views before the child in need") == 6
