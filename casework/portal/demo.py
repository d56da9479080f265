"""The demo council's family portal: the mother of one of sam.worker's children already has an
account, her child's plan has been made into a PDF and shared with her, and the next review and
the next child in need meeting (when the child has one planned) are shown to her, so a visitor
can sign in as her at once and send her views before the meeting.

Seeding sends no email. She accepted her invitation before the demo began, so signing in takes
her email address (DEMO_EMAIL), her date of birth (on her record) and the code the sign-in page
emails, which the demo's console mail backend prints in the server's output. Everything after
the account goes through the services the pages use, so every invariant and audit event holds.
"""

import datetime
import random

from django.db.models import Exists, OuterRef
from django.utils import timezone

from casework.accounts.models import User
from casework.audit import services as audit
from casework.audit.models import Action
from casework.cases import services as case_services
from casework.cases.models import Allocation
from casework.meetings.models import Meeting
from casework.people.models import Relationship, Sex
from casework.plans.models import CINPlan
from casework.portal import services, upcoming
from casework.portal.models import FamilyDate, FamilyMember

DEMO_EMAIL = "parent@example.org"

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
    """Give one mother an account and share her child's plan with her. Returns the number of
    family accounts made (0 when sam.worker has no child with a mother on the record)."""
    sam = User.objects.filter(username="sam.worker").first()
    if sam is None:
        return 0
    children = list(
        Allocation.objects.filter(worker=sam, ended_on__isnull=True)
        .order_by("person__la_id")
        .values_list("person_id", flat=True)[:50]
    )
    has_plan = CINPlan.objects.filter(
        person_id=OuterRef("to_person_id"), status=CINPlan.Status.ACTIVE
    )
    has_meeting = Meeting.objects.filter(
        person_id=OuterRef("to_person_id"), status=Meeting.Status.DRAFT, held_on__gte=today
    )
    mothers = (
        Relationship.objects.filter(
            to_person_id__in=children,
            kind="parent",
            from_person__sex=Sex.FEMALE,
            from_person__date_of_birth__isnull=False,
        )
        .annotate(has_plan=Exists(has_plan), has_meeting=Exists(has_meeting))
        .select_related("from_person", "to_person")
        # A child with an approved plan first, so the demo shows goals, actions and a review,
        # and among those one with a meeting coming up.
        .order_by("-has_plan", "-has_meeting", "to_person__la_id")
    )
    link = mothers.first()
    if link is None:
        return 0
    mother, child = link.from_person, link.to_person
    now = timezone.now()
    member = FamilyMember.objects.create(
        person=mother,
        child=child,
        email=DEMO_EMAIL,
        invited_by=sam,
        status=FamilyMember.Status.ACTIVE,
        activated_at=now,
    )
    audit.record(
        sam,
        Action.CREATE,
        person_id=child.pk,
        obj=member,
        summary=f"Demo: {mother.full_name} has a family portal account (invitation accepted)",
    )
    plan = CINPlan.objects.filter(person=child, status=CINPlan.Status.ACTIVE).first()
    if plan is not None:
        version = services.prepare_document(sam, child, source="plan", record=plan)
    else:
        text = PLAN.format(child=child.given_name, mother=mother.given_name)
        upload = case_services.ContentFile(text.encode(), name="plan.txt")
        document = case_services.upload_document(
            sam, child, title=f"{child.given_name}'s plan", kind="plan", upload=upload
        )
        version = document.versions.get()
    services.share_version(
        sam,
        version,
        family_member=member,
        third_party_removed=True,
        message=f"This is the plan we agreed at the meeting on {today:%-d %B}.",
    )
    review = next(
        (
            candidate
            for candidate in upcoming.date_candidates(child)
            if candidate.kind == FamilyDate.Kind.CIN_REVIEW and candidate.due >= today
        ),
        None,
    )
    if review is not None:
        services.show_date(
            sam,
            child,
            candidate=review,
            on=review.due,
            at=datetime.time(10, 0),
            place="Northbrook family centre",
            members=[member],
        )
    meeting = (
        Meeting.objects.filter(person=child, status=Meeting.Status.DRAFT, held_on__gte=today)
        .order_by("held_on")
        .first()
    )
    if meeting is not None:
        services.show_meeting(
            sam,
            child,
            meeting,
            members=[member],
            purpose=f"To talk together about how things are going for {child.given_name} at "
            "home and at school, and agree what happens next.",
        )
    return 1
