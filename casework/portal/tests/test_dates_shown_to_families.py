"""A worker shows an upcoming review, meeting or visit to named family members; the portal lists
it, and the family adds their views before it happens, for the worker to read first."""

import datetime
from typing import Any

from django.test import Client
from django.utils import timezone

from casework.cases.models import CaseNote
from casework.portal import services, upcoming
from casework.portal.models import FamilyContribution, FamilyDate
from casework.portal.tests.factories import Families, active_plan, portal_client
from casework.testing.personas import Personas


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_the_dates_a_worker_can_show_come_from_the_plans(personas: Personas) -> None:
    plan = active_plan(personas)
    found = {c.kind: c for c in upcoming.date_candidates(personas.child)}
    assert found[FamilyDate.Kind.CIN_REVIEW].due == plan.next_review_due
    assert found[FamilyDate.Kind.CIN_VISIT].due == plan.next_visit_due
    assert found[FamilyDate.Kind.CIN_REVIEW].record_id == plan.pk


def test_a_worker_shows_the_review_to_the_mother_only(
    personas: Personas, families: Families
) -> None:
    plan = active_plan(personas)
    client = signed_in(personas.worker)
    url = f"/people/{personas.child.pk}/sharing/dates/new/"
    form = client.get(url)
    assert form.status_code == 200
    assert b"Review of the child in need plan, due" in form.content
    response = client.post(
        url,
        {
            "which": f"cin_review:{plan.pk}",
            "at": "2pm",
            "place": "Northbrook family centre",
            "members": [str(families.mother.pk)],
        },
    )
    assert response.status_code == 302
    shown = FamilyDate.objects.get()
    # No date typed: the due date from the plan is shown.
    assert shown.on == plan.next_review_due
    assert shown.at == datetime.time(14, 0)
    home = portal_client(families.mother).get("/family/").content.decode()
    assert "Review of the child in need plan" in home
    assert "Northbrook family centre" in home
    assert f"/family/coming-up/{shown.pk}/views/" in home
    for other in (families.father, families.young_person, families.other_parent):
        assert "Review of the child in need plan" not in (
            portal_client(other).get("/family/").content.decode()
        )
    assert b"shown to" in client.get(f"/people/{personas.child.pk}/sharing/").content


def test_showing_a_date_names_each_missing_field(personas: Personas, families: Families) -> None:
    plan = active_plan(personas)
    client = signed_in(personas.worker)
    url = f"/people/{personas.child.pk}/sharing/dates/new/"
    response = client.post(url, {"which": f"cin_review:{plan.pk}", "at": "teatime"})
    assert response.status_code == 400
    assert b'href="#id_members_0"' in response.content
    assert b'href="#id_at"' in response.content
    past = timezone.localdate() - datetime.timedelta(days=1)
    response = client.post(
        url,
        {
            "which": f"cin_review:{plan.pk}",
            "on_day": str(past.day),
            "on_month": str(past.month),
            "on_year": str(past.year),
            "members": [str(families.mother.pk)],
        },
    )
    assert response.status_code == 400
    assert b"today or in the future" in response.content
    assert not FamilyDate.objects.exists()


def test_views_before_the_review_wait_in_the_tray(
    personas: Personas, families: Families, django_assert_max_num_queries: Any
) -> None:
    shown = families.date("review")
    client = portal_client(families.mother)
    url = f"/family/coming-up/{shown.pk}/views/"
    assert client.get(url).status_code == 200
    empty = client.post(url, {"text": " "})
    assert empty.status_code == 400
    assert b'href="#id_text"' in empty.content
    assert client.post(url, {"text": "Please can we meet after school."}).status_code == 302
    item = FamilyContribution.objects.get()
    assert item.family_date == shown
    notes = CaseNote.objects.filter(person=personas.child).count()
    worker = signed_in(personas.worker)
    assert b"Views before the review" in worker.get("/family-tray/").content
    detail = f"/people/{personas.child.pk}/from-family/{item.pk}/"
    assert worker.post(detail, {"decision": "accept"}).status_code == 302
    assert CaseNote.objects.filter(person=personas.child).count() == notes + 1
    with django_assert_max_num_queries(20):
        assert client.get("/family/").status_code == 200


def test_a_hidden_or_past_date_disappears_at_once(personas: Personas, families: Families) -> None:
    shown = families.date("review")
    client = portal_client(families.mother)
    assert "Review of the child in need plan" in client.get("/family/").content.decode()
    services.stop_showing_date(personas.worker, shown)
    assert "Review of the child in need plan" not in client.get("/family/").content.decode()
    assert client.get(f"/family/coming-up/{shown.pk}/views/").status_code == 404
    other = families.date("other")
    FamilyDate.objects.filter(pk=other.pk).update(on=timezone.localdate() - datetime.timedelta(1))
    parent = portal_client(families.other_parent)
    assert parent.get(f"/family/coming-up/{other.pk}/views/").status_code == 404


def test_stopping_a_date_from_the_record_page(personas: Personas, families: Families) -> None:
    shown = families.date("review")
    url = f"/people/{personas.child.pk}/sharing/dates/{shown.pk}/stop/"
    assert signed_in(personas.analyst).post(url).status_code == 403
    assert signed_in(personas.other_team).post(url).status_code == 404
    assert signed_in(personas.worker).post(url).status_code == 302
    shown.refresh_from_db()
    assert shown.stopped_by == personas.worker


def test_another_app_can_add_what_is_coming_up(families: Families) -> None:
    """An app can add items of its own to what is coming up through a source, without the
    portal knowing its models (meetings are shown through the portal's own dates instead)."""

    def meetings(member: Any, today: datetime.date) -> list[upcoming.Upcoming]:
        if member != families.mother:
            return []
        return [upcoming.Upcoming("Family network meeting", today + datetime.timedelta(days=3))]

    upcoming.register(meetings)
    try:
        assert "Family network meeting" in (
            portal_client(families.mother).get("/family/").content.decode()
        )
        assert "Family network meeting" not in (
            portal_client(families.father).get("/family/").content.decode()
        )
    finally:
        upcoming._SOURCES.remove(meetings)
