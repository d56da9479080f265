import datetime
import uuid
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema
from ninja.responses import Status

from casework.audit import services as audit
from casework.cases.models import DocumentVersion
from casework.portal import access, documents, selectors, services
from casework.portal.models import FamilyMember, Share

router = Router(tags=["family portal"])


class ShareOut(Schema):
    id: uuid.UUID
    document_id: uuid.UUID
    document_title: str
    version: int
    family_member_id: uuid.UUID
    family_member_name: str
    status: str
    shared_by: str
    created_at: datetime.datetime
    shared_at: datetime.datetime | None
    withdrawn_at: datetime.datetime | None
    first_opened_at: datetime.datetime | None

    @staticmethod
    def resolve_document_id(share: Share) -> uuid.UUID:
        return share.version.document_id

    @staticmethod
    def resolve_document_title(share: Share) -> str:
        return share.version.document.title

    @staticmethod
    def resolve_version(share: Share) -> int:
        return share.version.number

    @staticmethod
    def resolve_family_member_name(share: Share) -> str:
        return share.family_member.person.full_name

    @staticmethod
    def resolve_shared_by(share: Share) -> str:
        return share.shared_by.get_username()


class ShareIn(Schema):
    document_id: uuid.UUID
    version: int
    family_member_id: uuid.UUID
    third_party_removed: bool
    message: str = ""


@router.get(
    "/persons/{person_id}/shares",
    response=list[ShareOut],
    summary="What has been shared with the child's family",
)
def list_shares(request: HttpRequest, person_id: uuid.UUID) -> Any:
    person = access.person_for_view(request.user, person_id)
    audit.record_view(request.user, person.pk, person, summary="Read sharing (API)")
    return list(selectors.shares_for_child(person)[:500])


@router.post(
    "/persons/{person_id}/shares", response={201: ShareOut}, summary="Share a document version"
)
def create_share(request: HttpRequest, person_id: uuid.UUID, payload: ShareIn) -> Any:
    person = access.person_for_change(request.user, person_id)
    version = (
        DocumentVersion.objects.select_related("document")
        .filter(document_id=payload.document_id, document__person=person, number=payload.version)
        .first()
    )
    member = (
        FamilyMember.objects.select_related("person")
        .filter(pk=payload.family_member_id, child=person)
        .first()
    )
    if version is None or member is None:
        raise Http404("No such document version or family member")
    share = services.share_version(
        request.user,
        version,
        family_member=member,
        third_party_removed=payload.third_party_removed,
        message=payload.message,
    )
    return Status(201, share)


@router.post(
    "/persons/{person_id}/shares/{share_id}/withdraw",
    response=ShareOut,
    summary="Withdraw a share at once",
)
def withdraw_share(request: HttpRequest, person_id: uuid.UUID, share_id: uuid.UUID) -> Share:
    share = access.share_for_change(request.user, person_id, share_id)
    return services.withdraw_share(request.user, share)


class ShareableOut(Schema):
    source: str
    record_id: uuid.UUID
    label: str


class PreparedOut(Schema):
    document_id: uuid.UUID
    version: int
    title: str
    content_type: str
    size: int

    @staticmethod
    def resolve_title(version: DocumentVersion) -> str:
        return version.document.title

    @staticmethod
    def resolve_version(version: DocumentVersion) -> int:
        return version.number


@router.get(
    "/persons/{person_id}/shareable-records",
    response=list[ShareableOut],
    summary="Records on the child's file that can be made into a PDF to share",
)
def list_shareable_records(request: HttpRequest, person_id: uuid.UUID) -> Any:
    person = access.person_for_change(request.user, person_id)
    audit.record_view(request.user, person.pk, person, summary="Read shareable records (API)")
    return documents.candidates_for(person)


@router.post(
    "/persons/{person_id}/shareable-records/{source}/{record_id}/pdf",
    response={201: PreparedOut},
    summary="Make a record into a tagged PDF, kept as a document version, ready to share",
)
def prepare_shareable_record(
    request: HttpRequest, person_id: uuid.UUID, source: str, record_id: uuid.UUID
) -> Any:
    person, record = access.record_for_prepare(request.user, person_id, source, record_id)
    return Status(
        201, services.prepare_document(request.user, person, source=source, record=record)
    )
