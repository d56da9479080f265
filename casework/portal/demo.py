"""The demo council's family portal: the mother of one of sam.worker's children is invited (the
link is in the email the console backend prints) and has her child's plan shared with her, made
through the same services the pages use so every invariant and audit event holds."""

import datetime
import random

from casework.accounts.models import User
from casework.cases import services as case_services
from casework.cases.models import Allocation
from casework.people.models import Relationship, Sex
from casework.portal import services

PLAN = (
    "Plan for {child}\n\n"
    "What we are worried about: {child} has missed school often this term.\n\n"
    "What we want to change: {child} goes to school every day and feels safe at home.\n\n"
    "Who will do what:\n"
    "- {mother} walks {child} to school every morning.\n"
    "- The school tells the social worker the same day if {child} is absent.\n"
    "- The social worker visits every 4 weeks and sees {child} on her own.\n"
)


def build_portal(rng: random.Random, today: datetime.date) -> int:
    """Invite one mother and share her child's plan with her. Returns the number of family
    accounts made (0 when sam.worker has no child with a mother on the record)."""
    sam = User.objects.filter(username="sam.worker").first()
    if sam is None:
        return 0
    children = list(
        Allocation.objects.filter(worker=sam, ended_on__isnull=True)
        .order_by("person__la_id")
        .values_list("person_id", flat=True)[:50]
    )
    mothers = (
        Relationship.objects.filter(
            to_person_id__in=children,
            kind="parent",
            from_person__sex=Sex.FEMALE,
            from_person__date_of_birth__isnull=False,
        )
        .select_related("from_person", "to_person")
        .order_by("to_person__la_id")
    )
    link = mothers.first()
    if link is None:
        return 0
    mother, child = link.from_person, link.to_person
    member = services.invite(
        sam,
        child,
        person=mother,
        email=f"{mother.given_name}.{mother.family_name}@example.org".lower(),
        base_url="http://127.0.0.1:8000/",
    )
    text = PLAN.format(child=child.given_name, mother=mother.given_name)
    upload = case_services.ContentFile(text.encode(), name="plan.txt")
    plan = case_services.upload_document(
        sam, child, title=f"{child.given_name}'s plan", kind="plan", upload=upload
    )
    services.share_version(
        sam,
        plan.versions.get(),
        family_member=member,
        third_party_removed=True,
        message=f"This is the plan we agreed at the meeting on {today:%-d %B}.",
    )
    return 1
