import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client

from casework.accounts import services as account_services
from casework.audit.guard import allow_purge
from casework.audit.models import Action, AuditEvent
from casework.testing.factories import CaseNoteFactory
from casework.testing.personas import Personas


def test_opening_a_childs_page_is_recorded_with_who_when_and_where(personas: Personas) -> None:
    client = Client(REMOTE_ADDR="10.1.2.3")
    client.force_login(personas.worker)
    response = client.get(f"/people/{personas.child.pk}/", headers={"X-Request-ID": "req-42"})
    assert response.status_code == 200
    event = AuditEvent.objects.get(person_id=personas.child.pk, action=Action.VIEW)
    assert event.actor == personas.worker
    assert event.actor_label == "sam.worker"
    assert event.ip_address == "10.1.2.3"
    assert event.request_id == "req-42"
    assert event.channel == "web"


def test_reading_a_child_through_the_api_is_recorded(personas: Personas) -> None:
    token = account_services.issue_token(personas.colleague)
    response = Client().get(
        f"/api/v1/persons/{personas.child.pk}", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 200
    event = AuditEvent.objects.get(person_id=personas.child.pk, action=Action.VIEW)
    assert event.actor == personas.colleague
    assert event.channel == "api"


def test_a_refused_view_writes_no_view_event(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.other_team)
    assert client.get(f"/people/{personas.child.pk}/").status_code == 404
    assert not AuditEvent.objects.filter(person_id=personas.child.pk).exists()


def test_changing_a_note_records_before_and_after(personas: Personas) -> None:
    note = CaseNoteFactory(person=personas.child, author=personas.worker, subject="Visit")
    client = Client()
    client.force_login(personas.manager)
    response = client.post(
        f"/people/{personas.child.pk}/notes/{note.pk}/edit/",
        {
            "kind": "visit",
            "occurred_on_day": "2",
            "occurred_on_month": "3",
            "occurred_on_year": "2026",
            "subject": "Unannounced visit",
            "body": note.body,
            "version": "1",
        },
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action=Action.UPDATE, person_id=personas.child.pk)
    assert event.actor == personas.manager
    assert event.before == {"subject": "Visit"}
    assert event.after == {"subject": "Unannounced visit"}


def test_the_database_refuses_to_change_an_audit_event(personas: Personas) -> None:
    account_services.record_login(personas.worker)
    event = AuditEvent.objects.get(action=Action.LOGIN)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(summary="nothing happened")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET actor_label = 'someone else'")
    event.refresh_from_db()
    assert event.summary == "Signed in"


def test_only_the_purge_path_may_delete_and_even_it_cannot_update(personas: Personas) -> None:
    account_services.record_login(personas.worker)
    with allow_purge():
        with pytest.raises(DatabaseError), transaction.atomic():
            AuditEvent.objects.update(summary="rewritten")
        AuditEvent.objects.all().delete()
    assert not AuditEvent.objects.exists()


def test_the_trail_page_shows_who_viewed_and_changed_the_record(personas: Personas) -> None:
    viewer = Client()
    viewer.force_login(personas.worker)
    viewer.get(f"/people/{personas.child.pk}/")
    head = Client()
    head.force_login(personas.head)
    response = head.get(f"/audit/people/{personas.child.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "sam.worker" in page
    assert "Opened the person&#x27;s record" in page
    views_only = head.get(f"/audit/people/{personas.child.pk}/?action=update").content.decode()
    assert "sam.worker" not in views_only
