"""Reads for the portal, scoped: staff reads go through the child's record; family reads through
the family member's own account."""

import datetime
import re
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet

from casework.cases.models import Document, DocumentVersion
from casework.meetings.models import Meeting
from casework.people import selectors as people_selectors
from casework.people.models import Person, Relationship
from casework.plans.models import Action as PlanAction
from casework.portal.models import (
    DocumentContent,
    FamilyContribution,
    FamilyDate,
    FamilyMember,
    Share,
)


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


def dates_for_child(child: Person) -> QuerySet[FamilyDate]:
    return (
        FamilyDate.objects.filter(child=child)
        .select_related("shown_by", "stopped_by", "meeting")
        .prefetch_related("members__person")
        .order_by("-on")
    )


def meetings_to_show(child: Person, today: datetime.date) -> QuerySet[Meeting]:
    """The child's meetings that have not happened yet, which a worker may show to the family,
    with who already sees each one."""
    live = FamilyDate.objects.filter(stopped_at__isnull=True).prefetch_related("members__person")
    return (
        Meeting.objects.filter(person=child, status=Meeting.Status.DRAFT, held_on__gte=today)
        .prefetch_related(Prefetch("family_dates", queryset=live, to_attr="shown"))
        .order_by("held_on", "starts_at")
    )


def relationship_to_child(member: FamilyMember) -> str:
    """What the family member is to the child, as the record names the relationship
    ("Mother", "Grandfather"); for the child's own account, that it is them."""
    if member.is_self:
        return "The child or young person"
    row = (
        Relationship.objects.filter(from_person_id=member.person_id, to_person_id=member.child_id)
        .select_related("from_person", "to_person")
        .first()
        or Relationship.objects.filter(
            from_person_id=member.child_id, to_person_id=member.person_id
        )
        .select_related("from_person", "to_person")
        .first()
    )
    if row is None:
        return ""
    child = row.to_person if row.to_person_id == member.child_id else row.from_person
    return row.label_from(child)[1]


def content_of(version: DocumentVersion) -> DocumentContent | None:
    """What a version made from the record says, or None for an uploaded file."""
    return DocumentContent.objects.filter(version=version).first()


# Plan actions that are the family's own --------------------------------------------------------

# What workers write in "Who will do it" for a family member, by how they are related to the
# child (people.models FORWARD_LABELS: the same relationship, read as the family says it).
_WORDS_FOR = {
    ("parent", "F"): {"mum", "mother", "mam", "mummy"},
    ("parent", "M"): {"dad", "father", "daddy"},
    ("step_parent", "F"): {"stepmum", "stepmother"},
    ("step_parent", "M"): {"stepdad", "stepfather"},
    ("grandparent", "F"): {"gran", "grandma", "nan", "nana", "nanna", "granny", "grandmother"},
    ("grandparent", "M"): {"grandad", "grandpa", "grandfather"},
    ("aunt_uncle", "F"): {"aunt", "auntie", "aunty"},
    ("aunt_uncle", "M"): {"uncle"},
    ("carer", "F"): {"carer"},
    ("carer", "M"): {"carer"},
}


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower().replace("-", "")))


def names_for(member: FamilyMember) -> set[str]:
    """The words that mean this family member when a worker types who owns an action: their
    first name, and how the child's family would name them ("Mum", "Gran")."""
    person = member.person
    names = _words(person.given_name)
    if member.is_self:
        return names | {"me", "myself"}
    kinds = Relationship.objects.filter(from_person=person, to_person_id=member.child_id)
    for kind in kinds.values_list("kind", flat=True):
        names |= _WORDS_FOR.get((kind, person.sex), set())
    return names


def is_theirs(action: PlanAction, names: set[str]) -> bool:
    """An action belongs to a family member when a family member owns it and the owner's name
    is theirs ("Mum", "Jade", "Mum and Dad")."""
    return action.owner_type == PlanAction.OwnerType.FAMILY_MEMBER and bool(
        _words(action.owner_name) & names
    )


@dataclass(frozen=True)
class FamilyAction:
    action: PlanAction
    waiting: bool  # they have said it is done and the worker has not yet dealt with it


def actions_for_family(member: FamilyMember, share: Share) -> list[FamilyAction]:
    """The actions in a shared plan that are this family member's own, as they stand now on
    the plan (the shared version says what was agreed; progress moves on)."""
    content = content_of(share.version)
    if content is None or content.source != DocumentContent.Source.PLAN:
        return []
    ids = [action["id"] for goal in content.content.get("goals", []) for action in goal["actions"]]
    live = PlanAction.objects.filter(pk__in=ids, goal__plan__person_id=member.child_id).order_by(
        "due_on", "created_at"
    )
    waiting = set(
        FamilyContribution.objects.filter(
            family_member=member,
            kind=FamilyContribution.Kind.ACTION_DONE,
            status=FamilyContribution.Status.NEW,
            plan_action_id__in=ids,
        ).values_list("plan_action_id", flat=True)
    )
    names = names_for(member)
    return [
        FamilyAction(action, action.pk in waiting) for action in live if is_theirs(action, names)
    ]


def plan_action_of(contribution: FamilyContribution) -> PlanAction | None:
    """The plan action a family member says is done, as it stands now."""
    if contribution.plan_action_id is None:
        return None
    return (
        PlanAction.objects.select_related("goal")
        .filter(pk=contribution.plan_action_id, goal__plan__person_id=contribution.child_id)
        .first()
    )
