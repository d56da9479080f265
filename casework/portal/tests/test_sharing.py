"""Sharing from the record: the confirm step, redaction as a new version, manager approval for
some kinds, withdrawal, and the record of who has seen what."""

from typing import Any

from django.test import Client

from casework.audit.models import AuditEvent
from casework.cases import services as case_services
from casework.oversight.models import ManagementDecision
from casework.portal import services
from casework.portal.models import Share, SharingRule
from casework.portal.tests.factories import (
    Families,
    document,
    pdf,
    portal_client,
    relative,
)
from casework.testing.personas import Personas


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def share_url(personas: Personas, doc: Any, number: int) -> str:
    return f"/people/{personas.child.pk}/documents/{doc.pk}/versions/{number}/share/"


def test_the_confirm_step_shows_the_version_and_offers_redaction(
    personas: Personas, families: Families
) -> None:
    doc = families.mothers_share.version.document
    page = signed_in(personas.worker).get(share_url(personas, doc, 1)).content.decode()
    assert "What you are sharing" in page
    assert "plan.pdf" in page
    assert f"/documents/{doc.pk}/versions/new/" in page
    assert "I have removed information about other people" in page


def test_sharing_without_confirming_redaction_names_the_field_and_writes_nothing(
    personas: Personas, families: Families
) -> None:
    doc = document(personas.child, personas.worker, title="Conference decision", kind="report")
    before = Share.objects.count()
    response = signed_in(personas.worker).post(
        share_url(personas, doc, 1), {"family_member": str(families.father.pk)}
    )
    assert response.status_code == 400
    assert b'href="#id_third_party_removed"' in response.content
    assert Share.objects.count() == before


def test_a_worker_shares_a_redacted_version_and_the_family_sees_that_version(
    personas: Personas, families: Families
) -> None:
    doc = document(personas.child, personas.worker, title="Assessment", kind="assessment")
    redacted = case_services.add_document_version(
        personas.worker, doc, upload=pdf(body=b"%PDF-1.7 redacted"), note="Redacted"
    )
    response = signed_in(personas.worker).post(
        share_url(personas, doc, redacted.number),
        {"family_member": str(families.father.pk), "third_party_removed": "on"},
    )
    assert response.status_code == 302
    share = Share.objects.get(family_member=families.father)
    assert share.version == redacted
    assert share.status == Share.Status.SHARED
    download = portal_client(families.father).get(f"/family/shared/{share.pk}/download/")
    assert b"".join(download.streaming_content) == b"%PDF-1.7 redacted"  # type: ignore[attr-defined]


def test_a_kind_that_needs_approval_waits_for_a_team_manager(
    personas: Personas, families: Families
) -> None:
    SharingRule.objects.create(kind="report", needs_approval=True)
    doc = document(personas.child, personas.worker, title="Conference decision", kind="report")
    share = services.share_version(
        personas.worker, doc.versions.get(), family_member=families.father, third_party_removed=True
    )
    assert share.status == Share.Status.AWAITING_APPROVAL
    father = portal_client(families.father)
    assert father.get(f"/family/shared/{share.pk}/").status_code == 404
    url = f"/people/{personas.child.pk}/sharing/{share.pk}/approve/"
    assert signed_in(personas.worker).post(url, {"rationale": "Fine"}).status_code == 403
    response = signed_in(personas.manager).post(url, {"rationale": "Redacted; father has PR."})
    assert response.status_code == 302
    decision = ManagementDecision.objects.get(decision="portal_share")
    assert decision.decided_by == personas.manager
    assert father.get(f"/family/shared/{share.pk}/").status_code == 200


def test_a_share_goes_only_to_a_family_member_of_that_child(
    personas: Personas, families: Families
) -> None:
    response = signed_in(personas.worker).post(
        share_url(personas, families.mothers_share.version.document, 1),
        {"family_member": str(families.other_parent.pk), "third_party_removed": "on"},
    )
    assert response.status_code == 400
    assert not Share.objects.filter(
        family_member=families.other_parent, child=personas.child
    ).exists()


def test_the_record_shows_who_was_shared_with_and_when_they_opened_it(
    personas: Personas, families: Families
) -> None:
    portal_client(families.mother).get(f"/family/shared/{families.mothers_share.pk}/")
    families.mothers_share.refresh_from_db()
    assert families.mothers_share.first_opened_at is not None
    page = signed_in(personas.worker).get(f"/people/{personas.child.pk}/sharing/").content
    assert families.mother.person.full_name.encode() in page
    assert b"Withdrawn" in page
    assert b"Not yet" not in page.split(families.mother.person.full_name.encode())[1][:400]


def test_withdrawing_from_the_record_page(personas: Personas, families: Families) -> None:
    url = f"/people/{personas.child.pk}/sharing/{families.mothers_share.pk}/withdraw/"
    assert signed_in(personas.analyst).post(url).status_code == 403
    assert signed_in(personas.worker).post(url).status_code == 302
    families.mothers_share.refresh_from_db()
    assert families.mothers_share.status == Share.Status.WITHDRAWN
    assert families.mothers_share.withdrawn_by == personas.worker


def test_the_api_lists_creates_and_withdraws_shares(personas: Personas, families: Families) -> None:
    client = signed_in(personas.worker)
    base = f"/api/v1/persons/{personas.child.pk}/shares"
    listed = client.get(base).json()
    assert {row["id"] for row in listed} == {
        str(families.mothers_share.pk),
        str(families.grans_withdrawn_share.pk),
    }
    doc = families.mothers_share.version.document
    body = {
        "document_id": str(doc.pk),
        "version": 1,
        "family_member_id": str(families.father.pk),
        "third_party_removed": False,
    }
    refused = client.post(base, body, content_type="application/json")
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["field"] == "third_party_removed"
    made = client.post(base, {**body, "third_party_removed": True}, content_type="application/json")
    assert made.status_code == 201
    withdrawn = client.post(f"{base}/{made.json()['id']}/withdraw", content_type="application/json")
    assert withdrawn.json()["status"] == "withdrawn"
    assert signed_in(personas.other_team).get(base).status_code == 404


def test_inviting_from_the_record_page(personas: Personas) -> None:
    aunt = relative(personas.child, kind="aunt_uncle", given_name="Nia")
    client = signed_in(personas.worker)
    url = f"/people/{personas.child.pk}/sharing/accounts/new/"
    bad = client.post(url, {"person": str(aunt.pk), "email": "not-an-email"})
    assert bad.status_code == 400
    assert b'href="#id_email"' in bad.content
    assert client.post(url, {"person": str(aunt.pk), "email": "nia@example.org"}).status_code == 302
    assert AuditEvent.objects.filter(summary__contains="Invited Nia").exists()


def test_the_sharing_pages_read_in_a_fixed_number_of_queries(
    personas: Personas, families: Families, django_assert_max_num_queries: Any
) -> None:
    for number in range(3):
        doc = document(personas.child, personas.worker, title=f"Letter {number}", kind="letter")
        services.share_version(
            personas.worker,
            doc.versions.get(),
            family_member=families.mother,
            third_party_removed=True,
        )
    worker = signed_in(personas.worker)
    mother = portal_client(families.mother)
    with django_assert_max_num_queries(25):
        assert worker.get(f"/people/{personas.child.pk}/sharing/").status_code == 200
    with django_assert_max_num_queries(15):
        assert mother.get("/family/").status_code == 200
