"""A finalised meeting's minutes and decisions are made into a document from the record and
shared like a plan: the family's page and the PDF say the same, and names of people outside the
family can be taken out first."""

import io
import re

from django.test import Client
from pypdf import PdfReader

from casework.cases.models import Document, DocumentVersion
from casework.meetings import services as meeting_services
from casework.meetings.tests.factories import VOICE
from casework.portal import documents, services
from casework.portal.tests.factories import (
    Families,
    finalised_meeting,
    portal_client,
    upcoming_meeting,
)
from casework.testing.personas import Personas


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def words(version: DocumentVersion) -> str:
    with version.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def test_only_finalised_minutes_can_be_made_into_a_document(personas: Personas) -> None:
    draft = upcoming_meeting(personas.child, personas.worker)
    held = finalised_meeting(personas)
    found = [c for c in documents.candidates_for(personas.child) if c.source == "meeting"]
    assert [c.record_id for c in found] == [held.pk]
    assert "Child in need meeting on" in found[0].label
    client = signed_in(personas.worker)
    base = f"/people/{personas.child.pk}/sharing/prepare"
    assert b"minutes and decisions" in client.get(f"{base}/").content
    assert client.post(f"{base}/meeting/{draft.pk}/").status_code == 404
    assert client.post(f"{base}/meeting/{held.pk}/").status_code == 302
    document = Document.objects.get(person=personas.child, kind=Document.Kind.MINUTES)
    assert document.title.endswith("minutes and decisions")


def test_the_mother_reads_the_decisions_on_her_page_and_in_the_pdf(
    personas: Personas, families: Families
) -> None:
    meeting = finalised_meeting(personas)
    version = services.prepare_document(
        personas.worker, personas.child, source="meeting", record=meeting
    )
    shared = services.share_version(
        personas.worker, version, family_member=families.mother, third_party_removed=True
    )
    page = portal_client(families.mother).get(f"/family/shared/{shared.pk}/").content.decode()
    printed = words(version)
    for expected in (
        "What the meeting decided",
        "The plan continues for 3 months.",
        "Who will do what",
        "Keep the morning routine chart on the fridge.",
        "Who was invited and who came",
        "Why the meeting was held",
        "What Amy said",
    ):
        assert expected in page, expected
        assert expected in printed, expected


def test_views_the_family_sent_before_the_meeting_are_in_its_minutes(
    personas: Personas,
) -> None:
    meeting = upcoming_meeting(personas.child, personas.worker, days=0)
    meeting_services.add_family_views(
        personas.worker,
        meeting,
        given_by="Jade Jones",
        relationship="Mother",
        text="Mornings are better now.",
        sent_on=meeting.held_on,
    )
    meeting_services.edit_meeting(
        personas.worker, meeting, expected_version=None, minutes="Agreed.", **VOICE
    )
    meeting_services.add_attendee(
        personas.worker, meeting, name="Jade Jones", group="family", attended=True
    )
    meeting_services.add_decision(personas.worker, meeting, decision="Carry on.")
    held = meeting_services.finalise_meeting(personas.worker, meeting, expected_version=None)
    version = services.prepare_document(
        personas.worker, personas.child, source="meeting", record=held
    )
    printed = words(version)
    assert "What Jade Jones told us before the meeting (Mother)" in printed
    assert "Mornings are better now." in printed


def test_a_neighbour_named_in_the_minutes_can_be_taken_out_before_sharing(
    personas: Personas,
) -> None:
    original = services.prepare_document(
        personas.worker, personas.child, source="meeting", record=finalised_meeting(personas)
    )
    passages = documents.passages(original.portal_content.content)
    labels = {p.label: p.text for p in passages}
    assert labels["Person 2 invited: name"] == "Mrs Patel"
    assert labels["Decision 1"] == "The plan continues for 3 months."
    texts = [
        "A neighbour" if p.text == "Mrs Patel" else p.text.replace("Mrs Patel", "A neighbour")
        for p in passages
    ]
    redacted = services.redact_version(personas.worker, original, texts=texts, note="Neighbour")
    assert "Mrs Patel" not in words(redacted)
    assert "A neighbour said she can help on Tuesdays." in words(redacted)
    assert "Mrs Patel" in words(original)
