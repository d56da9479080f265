"""The families every portal permission test is written around, built on the staff personas:
Amy's mother (shared with), her father (never shared with), her gran (share withdrawn), and a
parent from another family with their own child and share."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone

from casework.cases import services as case_services
from casework.cases.models import Document, DocumentVersion
from casework.people.models import Person, Relationship, Sex
from casework.portal import access
from casework.portal.models import FamilyMember, PortalSession, Share, token_hash
from casework.testing.factories import AllocationFactory, PersonFactory
from casework.testing.personas import Personas

MOTHER_BORN = datetime.date(1988, 3, 27)


def pdf(name: str = "plan.pdf", body: bytes = b"%PDF-1.7 Amy's plan") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def relative(child: Person, kind: str = "parent", **fields: object) -> Person:
    fields.setdefault("date_of_birth", MOTHER_BORN)
    person = PersonFactory(is_child=False, **fields)
    Relationship.objects.create(
        from_person=person, to_person=child, kind=kind, parental_responsibility=True
    )
    return person


def account(person: Person, child: Person, inviter: Any, **fields: object) -> FamilyMember:
    fields.setdefault("status", FamilyMember.Status.ACTIVE)
    fields.setdefault("email", f"{person.given_name.lower()}@example.org")
    return FamilyMember.objects.create(person=person, child=child, invited_by=inviter, **fields)


def document(child: Person, worker: Any, title: str = "Amy's plan", kind: str = "plan") -> Document:
    return case_services.upload_document(worker, child, title=title, kind=kind, upload=pdf())


def bare_version(child: Person, worker: Any, kind: str = "plan") -> DocumentVersion:
    """A version with no file behind it, for tests that never open the file."""
    doc = Document.objects.create(person=child, title="Amy's plan", kind=kind, created_by=worker)
    return DocumentVersion.objects.create(
        document=doc,
        number=1,
        file="documents/none/1.pdf",
        original_name="plan.pdf",
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
        uploaded_by=worker,
    )


def share(
    version: DocumentVersion, member: FamilyMember, by: Any, status: str = Share.Status.SHARED
) -> Share:
    now = timezone.now()
    return Share.objects.create(
        version=version,
        family_member=member,
        child_id=version.document.person_id,
        status=status,
        shared_at=now if status != Share.Status.AWAITING_APPROVAL else None,
        withdrawn_at=now if status == Share.Status.WITHDRAWN else None,
        third_party_removed=True,
        shared_by=by,
    )


def portal_client(member: FamilyMember, raw: str | None = None) -> Client:
    """A browser signed in to the portal as `member`, and nothing else."""
    raw = raw or f"test-session-{member.pk}"
    PortalSession.objects.create(
        family_member=member, key_hash=token_hash(raw), last_seen_at=timezone.now()
    )
    client = Client()
    # The cookie as the sign-in page would set it.
    response = HttpResponse()
    access.set_cookie(response, raw)
    client.cookies[access.COOKIE_NAME] = response.cookies[access.COOKIE_NAME].value
    return client


@dataclass
class Families:
    mother: FamilyMember
    father: FamilyMember
    gran: FamilyMember
    other_parent: FamilyMember
    mothers_share: Share
    grans_withdrawn_share: Share
    other_share: Share

    def by_name(self) -> dict[str, FamilyMember]:
        return {
            "mother": self.mother,
            "father (never shared with)": self.father,
            "gran (share withdrawn)": self.gran,
            "parent of another family": self.other_parent,
        }


def make_families(p: Personas) -> Families:
    child = p.child
    mother = account(relative(child, given_name="Jade", sex=Sex.FEMALE), child, p.worker)
    father = account(
        relative(child, given_name="Dean", sex=Sex.MALE, date_of_birth=datetime.date(1985, 1, 2)),
        child,
        p.worker,
    )
    gran = account(
        relative(
            child, kind="grandparent", given_name="Rita", date_of_birth=datetime.date(1960, 6, 1)
        ),
        child,
        p.worker,
    )
    plan = document(child, p.worker)
    version = plan.versions.get()
    other_child = PersonFactory(given_name="Leo", family_name="Hart")
    AllocationFactory(person=other_child, team=p.team_b, worker=p.other_team)
    other_parent = account(
        relative(other_child, given_name="Kim", date_of_birth=datetime.date(1990, 9, 9)),
        other_child,
        p.other_team,
    )
    other_version = document(other_child, p.other_team, title="Leo's plan").versions.get()
    return Families(
        mother=mother,
        father=father,
        gran=gran,
        other_parent=other_parent,
        mothers_share=share(version, mother, p.worker),
        grans_withdrawn_share=share(version, gran, p.worker, Share.Status.WITHDRAWN),
        other_share=share(other_version, other_parent, p.other_team),
    )
