import datetime
import uuid
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema
from ninja.responses import Status

from casework.audit import services as audit
from casework.cases.models import DocumentVersion
from casework.portal import access, selectors, services
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
