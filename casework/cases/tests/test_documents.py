import html
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from casework.audit.models import Action, AuditEvent
from casework.cases import services
from casework.cases.models import Document, LetterTemplate
from casework.testing.personas import Personas


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def pdf(name: str = "report.pdf", body: bytes = b"%PDF-1.7 school report") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def test_a_worker_uploads_a_document_and_downloads_it(personas: Personas) -> None:
    client = signed_in(personas.worker)
    response = client.post(
        f"/people/{personas.child.pk}/documents/new/",
        {
            "title": "School report",
            "kind": "report",
            "file": pdf(),
            "form_token": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 302
    document = Document.objects.get(person=personas.child)
    page = client.get(f"/people/{personas.child.pk}/documents/").content.decode()
    assert "School report" in page
    download = client.get(f"/people/{personas.child.pk}/documents/{document.pk}/versions/1/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.7 school report"  # type: ignore[attr-defined]
    assert 'attachment; filename="report.pdf"' in download["Content-Disposition"]
    assert AuditEvent.objects.filter(
        person_id=personas.child.pk, action=Action.VIEW, summary__startswith="Downloaded"
    ).exists()


def test_a_disguised_file_is_refused_by_name_and_nothing_is_kept(personas: Personas) -> None:
    response = signed_in(personas.worker).post(
        f"/people/{personas.child.pk}/documents/new/",
        {"title": "Report", "kind": "report", "file": pdf("report.pdf", b"MZ\x90 not a pdf")},
    )
    assert response.status_code == 400
    assert "The selected file is not really a PDF" in response.content.decode()
    assert not Document.objects.exists()


def test_a_new_version_keeps_the_old_one(personas: Personas) -> None:
    document = services.upload_document(
        personas.worker, personas.child, title="Plan", kind="plan", upload=pdf()
    )
    services.add_document_version(
        personas.colleague, document, upload=pdf(body=b"%PDF-1.7 redacted"), note="Redacted"
    )
    assert [v.number for v in document.versions.all()] == [2, 1]
    old = signed_in(personas.worker).get(
        f"/people/{personas.child.pk}/documents/{document.pk}/versions/1/"
    )
    assert b"".join(old.streaming_content) == b"%PDF-1.7 school report"  # type: ignore[attr-defined]


def test_the_other_team_cannot_download(personas: Personas) -> None:
    document = services.upload_document(
        personas.worker, personas.child, title="Plan", kind="plan", upload=pdf()
    )
    response = signed_in(personas.other_team).get(
        f"/people/{personas.child.pk}/documents/{document.pk}/versions/1/"
    )
    assert response.status_code == 404


def test_a_letter_is_filled_in_from_the_record(personas: Personas) -> None:
    template = LetterTemplate.objects.create(
        name="Visit letter",
        body="Dear parent of $child_name,\n\n$worker_name will visit. <b>Bring nothing.</b>",
    )
    document = services.generate_letter(personas.worker, personas.child, template)
    content = document.versions.get().file.read().decode()
    assert "Dear parent of Amy Jones" in content
    # Names such as O'Brien are escaped in the letter's HTML.
    assert html.escape(personas.worker.display_name) in content
