"""What families send through the portal: their views and documents wait in the worker's tray
and reach the record only when a worker accepts them. Every portal view and download is
audited against the child."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from casework.audit.models import Action, AuditEvent
from casework.cases.models import CaseNote, Document
from casework.portal.models import FamilyContribution
from casework.portal.tests.factories import Families, pdf, portal_client
from casework.testing.personas import Personas


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_views_wait_in_the_tray_until_the_worker_accepts_them(
    personas: Personas, families: Families
) -> None:
    notes_before = CaseNote.objects.filter(person=personas.child).count()
    response = portal_client(families.mother).post(
        f"/family/shared/{families.mothers_share.pk}/views/",
        {"text": "I agree with the plan but school runs are hard."},
    )
    assert response.status_code == 302
    item = FamilyContribution.objects.get()
    assert CaseNote.objects.filter(person=personas.child).count() == notes_before
    worker = signed_in(personas.worker)
    assert b"Views on" in worker.get("/family-tray/").content
    assert b"Views on" not in signed_in(personas.other_team).get("/family-tray/").content
    url = f"/people/{personas.child.pk}/from-family/{item.pk}/"
    assert b"school runs are hard" in worker.get(url).content
    assert worker.post(url, {"decision": "accept"}).status_code == 302
    item.refresh_from_db()
    assert item.status == FamilyContribution.Status.ACCEPTED
    assert item.accepted_note is not None
    assert "school runs" in item.accepted_note.body


def test_empty_views_name_the_field_and_write_nothing(families: Families) -> None:
    response = portal_client(families.mother).post(
        f"/family/shared/{families.mothers_share.pk}/views/", {"text": " "}
    )
    assert response.status_code == 400
    assert b'href="#id_text"' in response.content
    assert not FamilyContribution.objects.exists()


def test_an_uploaded_letter_is_accepted_as_a_new_document(
    personas: Personas, families: Families
) -> None:
    response = portal_client(families.mother).post(
        "/family/upload/", {"title": "Letter from the GP", "file": pdf("gp.pdf")}
    )
    assert response.status_code == 302
    item = FamilyContribution.objects.get()
    assert not Document.objects.filter(title__contains="Letter from the GP").exists()
    worker = signed_in(personas.worker)
    url = f"/people/{personas.child.pk}/from-family/{item.pk}/"
    assert worker.get(url + "file/").status_code == 200
    assert signed_in(personas.analyst).post(url, {"decision": "accept"}).status_code == 403
    assert worker.post(url, {"decision": "accept"}).status_code == 302
    document = Document.objects.get(title__contains="Letter from the GP")
    assert document.person == personas.child
    assert document.versions.get().sha256 == item.sha256


def test_an_upload_of_the_wrong_type_names_the_field_and_writes_nothing(
    families: Families,
) -> None:
    fake = SimpleUploadedFile("letter.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = portal_client(families.mother).post(
        "/family/upload/", {"title": "Letter", "file": fake}
    )
    assert response.status_code == 400
    assert b'href="#id_file"' in response.content
    assert b"not really a PDF" in response.content
    assert not FamilyContribution.objects.exists()


def test_an_upload_too_large_is_refused(settings: object, families: Families) -> None:
    from casework.lib import uploads

    big = SimpleUploadedFile("big.txt", b"a" * (uploads.MAX_BYTES + 1), content_type="text/plain")
    response = portal_client(families.mother).post("/family/upload/", {"title": "Big", "file": big})
    assert response.status_code == 400
    assert b"smaller than" in response.content
    assert not FamilyContribution.objects.exists()


def test_every_portal_view_and_download_is_audited_against_the_child(
    personas: Personas, families: Families
) -> None:
    client = portal_client(families.mother)
    share = families.mothers_share
    before = AuditEvent.objects.count()
    for path in (
        "/family/",
        f"/family/shared/{share.pk}/",
        f"/family/shared/{share.pk}/download/",
        f"/family/shared/{share.pk}/views/",
        "/family/upload/",
    ):
        assert client.get(path).status_code == 200
    events = AuditEvent.objects.filter(action=Action.VIEW, channel="portal")
    assert AuditEvent.objects.count() - before == 5
    assert events.count() == 5
    assert set(events.values_list("person_id", flat=True)) == {personas.child.pk}
    assert all("Jade" in summary for summary in events.values_list("summary", flat=True))
