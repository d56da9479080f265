"""Reads for the portal, scoped: staff reads go through the child's record; family reads through
the family member's own account."""

from typing import Any

from django.db.models import QuerySet

from casework.cases.models import Document
from casework.people import selectors as people_selectors
from casework.people.models import Person
from casework.portal.models import FamilyContribution, FamilyMember, Share


def shares_for_child(child: Person) -> QuerySet[Share]:
    return Share.objects.filter(child=child).select_related(
        "version__document", "family_member__person", "shared_by", "withdrawn_by", "approved_by"
    )


def accounts_for_child(child: Person) -> QuerySet[FamilyMember]:
    return FamilyMember.objects.filter(child=child).select_related("person", "invited_by")


def live_accounts_for_child(child: Person) -> QuerySet[FamilyMember]:
    return accounts_for_child(child).exclude(status=FamilyMember.Status.REMOVED)


def contributions_for_child(child: Person) -> QuerySet[FamilyContribution]:
    return FamilyContribution.objects.filter(child=child).select_related(
        "family_member__person", "reviewed_by"
    )


def documents_for(child: Person) -> QuerySet[Document]:
    return Document.objects.filter(person=child).prefetch_related("versions")


def tray_for(user: Any) -> QuerySet[FamilyContribution]:
    """What families have sent about the children this user can see, waiting to be read."""
    return (
        FamilyContribution.objects.filter(
            status=FamilyContribution.Status.NEW,
            child__in=people_selectors.visible_to(user).values("pk"),
        )
        .select_related("family_member__person", "child")
        .order_by("submitted_at")
    )


def shared_with(member: FamilyMember) -> QuerySet[Share]:
    """What a family member may see: shared with their account and not withdrawn."""
    return (
        Share.objects.filter(family_member=member, status=Share.Status.SHARED)
        .select_related("version__document", "shared_by")
        .order_by("-shared_at")
    )


def sent_by(member: FamilyMember) -> QuerySet[FamilyContribution]:
    return FamilyContribution.objects.filter(family_member=member).order_by("-submitted_at")
