"""Every shareable document becomes an accessible, tagged PDF (PDF/UA-1) drawn from the same
template as the family's page; downloading it is audited and reaches only the people it was
shared with."""

import io
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from lxml import etree
from pypdf import PdfReader

from casework.audit.models import AuditEvent
from casework.cases.models import DocumentVersion
from casework.portal import documents, pdf, services
from casework.portal.models import DocumentContent, Share
from casework.portal.tests.factories import (
    Families,
    active_plan,
    authorised_assessment,
    finalised_conference,
    finalised_meeting,
    letter,
    portal_client,
)
from casework.testing.personas import Personas

# Per kind of record: how to make one for Amy, and words the document must carry.
RECORDS: dict[str, tuple[Callable[[Personas], Any], list[str]]] = {
    "plan": (active_plan, ["Amy gets to school on time every day.", "Set an alarm"]),
    "assessment": (authorised_assessment, ["misses mornings", "I like my teacher."]),
    "conference": (finalised_conference, ["Mum agrees there is a problem.", "Physical abuse"]),
    "text": (letter, ["We will meet about Amy Jones next week."]),
    "meeting": (
        finalised_meeting,
        ["The plan continues for 3 months.", "Keep the morning routine chart", "I want Nan"],
    ),
}


def reader(version: DocumentVersion) -> PdfReader:
    with version.file.open("rb") as handle:
        return PdfReader(io.BytesIO(handle.read()))


def text_of(pdf_reader: PdfReader) -> str:
    words = " ".join(page.extract_text() for page in pdf_reader.pages)
    return re.sub(r"\s+", " ", words)


PDFUA = "{http://www.aiim.org/pdfua/ns/id/}part"


def pdf_ua_part(xmp: bytes) -> str | None:
    """The PDF/UA part the XMP metadata claims, written either as an attribute or an element."""
    root = etree.fromstring(xmp.strip().split(b"?>", 1)[1].rsplit(b"<?xpacket", 1)[0])
    for element in root.iter():
        if element.get(PDFUA):
            return element.get(PDFUA)
        if element.tag == PDFUA:
            return element.text
    return None


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


@pytest.mark.parametrize("source", sorted(RECORDS))
def test_every_shareable_record_becomes_a_tagged_pdf_with_its_words(
    personas: Personas, source: str
) -> None:
    make, words = RECORDS[source]
    record = make(personas)
    version = services.prepare_document(
        personas.worker, personas.child, source=source, record=record
    )
    assert version.content_type == "application/pdf"
    document = reader(version)
    catalogue: Any = document.trailer["/Root"]
    # Tagged: a structure tree, marked content, the language and a title shown in the viewer.
    assert bool(catalogue["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalogue
    assert str(catalogue["/Lang"]).lower().startswith("en")
    assert bool(catalogue["/ViewerPreferences"]["/DisplayDocTitle"])
    assert document.metadata is not None
    assert document.metadata.title == version.document.title
    # Identified as PDF/UA-1 in its XMP metadata.
    assert pdf_ua_part(catalogue["/Metadata"].get_object().get_data()) == "1"
    extracted = text_of(document)
    for expected in [*words, "Northbrook Council", personas.child.full_name]:
        assert expected in extracted, expected


def test_the_family_page_and_the_pdf_are_drawn_from_one_template(
    personas: Personas, families: Families
) -> None:
    version = services.prepare_document(
        personas.worker, personas.child, source="plan", record=active_plan(personas)
    )
    shared = services.share_version(
        personas.worker, version, family_member=families.father, third_party_removed=True
    )
    page = portal_client(families.father).get(f"/family/shared/{shared.pk}/").content.decode()
    printable = pdf.document_html(version.portal_content.content, "portal/documents/plan.html")
    # The document's own part of the page is exactly the part the PDF is made from.
    for words in ("Goals agreed with the family", "Who will do what for goal 1", "Set an alarm"):
        assert words in page
        assert words in printable
    assert "Set an alarm" in text_of(reader(version))


def test_making_a_record_into_a_pdf_again_adds_a_version_of_the_same_document(
    personas: Personas,
) -> None:
    plan = active_plan(personas)
    first = services.prepare_document(personas.worker, personas.child, source="plan", record=plan)
    second = services.prepare_document(personas.worker, personas.child, source="plan", record=plan)
    assert second.document_id == first.document_id
    assert (first.number, second.number) == (1, 2)
    assert AuditEvent.objects.filter(summary__contains="into a PDF to share").count() == 2


def test_a_letter_becomes_a_pdf_version_of_the_letter_itself(personas: Personas) -> None:
    html_version = letter(personas)
    made = services.prepare_document(
        personas.worker, personas.child, source="text", record=html_version
    )
    assert made.document_id == html_version.document_id
    assert made.number == 2
    assert made.portal_content.content["paragraphs"][0] == "Dear family,"


def test_a_redacted_version_is_kept_as_its_own_version_without_the_removed_words(
    personas: Personas,
) -> None:
    original = services.prepare_document(
        personas.worker, personas.child, source="plan", record=active_plan(personas)
    )
    passages = documents.passages(original.portal_content.content)
    texts = [p.text.replace("Mrs Patel next door walks", "A neighbour walks") for p in passages]
    redacted = services.redact_version(personas.worker, original, texts=texts, note="")
    assert redacted.number == original.number + 1
    assert redacted.note == "Redacted copy of version 1"
    assert redacted.portal_content.redacted_from == original
    words = text_of(reader(redacted))
    assert "Mrs Patel" not in words
    assert "A neighbour walks Amy" in words
    assert "information about other people has been removed" in words
    # The original is untouched.
    assert "Mrs Patel" in text_of(reader(original))
    assert "Mrs Patel" in documents.plain_text(
        DocumentContent.objects.get(version=original).content
    )


def test_an_emptied_passage_says_it_was_removed(personas: Personas) -> None:
    original = services.prepare_document(
        personas.worker, personas.child, source="conference", record=finalised_conference(personas)
    )
    passages = documents.passages(original.portal_content.content)
    texts = ["" if "Mum agrees" in p.text else p.text for p in passages]
    redacted = services.redact_version(personas.worker, original, texts=texts)
    words = text_of(reader(redacted))
    assert "Mum agrees" not in words
    assert documents.REMOVED in words


def test_redacting_without_changing_anything_names_the_first_passage(
    personas: Personas,
) -> None:
    original = services.prepare_document(
        personas.worker, personas.child, source="plan", record=active_plan(personas)
    )
    client = signed_in(personas.worker)
    url = f"/people/{personas.child.pk}/documents/{original.document_id}/versions/1/redact/"
    page = client.get(url)
    assert page.status_code == 200
    assert b"Mrs Patel next door" in page.content
    unchanged = {
        f"passage_{n}": p.text
        for n, p in enumerate(documents.passages(original.portal_content.content), start=1)
    }
    response = client.post(url, unchanged)
    assert response.status_code == 400
    assert b'href="#id_passage_1"' in response.content
    assert DocumentVersion.objects.filter(document_id=original.document_id).count() == 1


def test_the_worker_makes_checks_and_redacts_from_the_pages(personas: Personas) -> None:
    plan = active_plan(personas)
    client = signed_in(personas.worker)
    listing = client.get(f"/people/{personas.child.pk}/sharing/prepare/")
    assert b"Child in need plan from" in listing.content
    made = client.post(f"/people/{personas.child.pk}/sharing/prepare/plan/{plan.pk}/")
    assert made.status_code == 302
    version = DocumentVersion.objects.get(
        document__person=personas.child, portal_content__source="plan"
    )
    assert made["Location"].endswith(f"/documents/{version.document_id}/versions/1/share/")
    confirm = client.get(made["Location"])
    # The confirm step shows what is in it, and offers the redacted copy.
    assert b"Mrs Patel next door" in confirm.content
    assert b"/versions/1/redact/" in confirm.content
    assert AuditEvent.objects.filter(
        summary__startswith="Checked", person_id=personas.child.pk
    ).exists()


def test_the_pdf_download_is_audited_and_only_reaches_who_it_was_shared_with(
    personas: Personas, families: Families
) -> None:
    version = services.prepare_document(
        personas.worker, personas.child, source="plan", record=active_plan(personas)
    )
    shared = services.share_version(
        personas.worker, version, family_member=families.mother, third_party_removed=True
    )
    url = f"/family/shared/{shared.pk}/download/"
    response = portal_client(families.mother).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert body.startswith(b"%PDF-")
    assert AuditEvent.objects.filter(
        person_id=personas.child.pk, summary__contains="downloaded Child in need plan"
    ).exists()
    for other in (families.father, families.gran, families.other_parent):
        assert portal_client(other).get(url).status_code == 404
    services.withdraw_share(personas.worker, shared)
    assert portal_client(families.mother, raw="again").get(url).status_code == 404


def test_a_record_of_another_child_cannot_be_made_into_a_pdf(
    personas: Personas, families: Families
) -> None:
    plan = active_plan(personas)
    leo = families.other_parent.child
    client = signed_in(personas.worker)
    assert client.post(f"/people/{leo.pk}/sharing/prepare/plan/{plan.pk}/").status_code == 404
    other = signed_in(personas.other_team)
    assert other.post(f"/people/{leo.pk}/sharing/prepare/plan/{plan.pk}/").status_code == 404
    assert not Share.objects.filter(version__portal_content__isnull=False).exists()


def test_a_pdf_fetches_nothing_outside_the_page(tmp_path: Any) -> None:
    secret = tmp_path / "secret.css"
    secret.write_text("p { color: red }")
    html = (
        '<html lang="en"><head><title>T</title>'
        f'<link rel="stylesheet" href="file://{secret}"></head>'
        f'<body><p>Hello</p><img src="file://{secret}" alt="x"></body></html>'
    )
    made = pdf.render_pdf(html)
    assert made.startswith(b"%PDF-")
    assert b"color: red" not in made


def test_the_api_lists_shareable_records_and_makes_one_into_a_pdf(personas: Personas) -> None:
    plan = active_plan(personas)
    base = f"/api/v1/persons/{personas.child.pk}/shareable-records"
    listed = signed_in(personas.worker).get(base).json()
    assert {"source": "plan", "record_id": str(plan.pk)} in [
        {"source": row["source"], "record_id": row["record_id"]} for row in listed
    ]
    made = signed_in(personas.worker).post(f"{base}/plan/{plan.pk}/pdf")
    assert made.status_code == 201
    assert made.json()["content_type"] == "application/pdf"
    assert made.json()["version"] == 1
    assert signed_in(personas.analyst).post(f"{base}/plan/{plan.pk}/pdf").status_code == 403
    assert signed_in(personas.other_team).post(f"{base}/plan/{plan.pk}/pdf").status_code == 404
    assert signed_in(personas.worker).post(f"{base}/minutes/{plan.pk}/pdf").status_code == 404
