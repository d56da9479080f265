"""The families every portal permission test is written around, built on the staff personas:
Amy's mother (shared with), her father (never shared with), her gran (share withdrawn), Amy
herself (a young person with her own account), and a parent from another family with their own
child and share."""

import datetime
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone

from casework.assessments.models import Assessment
from casework.assessments.tests.factories import assessment_for
from casework.cases import services as case_services
from casework.cases.models import Document, DocumentVersion, LetterTemplate
from casework.meetings import services as meeting_services
from casework.meetings.models import Meeting
from casework.meetings.tests.factories import VOICE
from casework.oversight.services import record_decision
from casework.people.models import Person, Relationship, Sex
from casework.plans.models import Action as PlanAction
from casework.plans.models import CINPlan, Goal
from casework.plans.tests.factories import ActionFactory, plan_for
from casework.portal import access, documents
from casework.portal.models import (
    DocumentContent,
    FamilyDate,
    FamilyMember,
    PortalSession,
    Share,
    token_hash,
)
from casework.protection.models import Conference
from casework.protection.tests.factories import cp_history
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
    personas: Personas
    mother: FamilyMember
    father: FamilyMember
    gran: FamilyMember
    young_person: FamilyMember
    other_parent: FamilyMember
    mothers_share: Share
    grans_withdrawn_share: Share
    other_share: Share
    # Records only some tests need, made on first use (see the methods below).
    made: dict[str, Any] = field(default_factory=dict)

    def by_name(self) -> dict[str, FamilyMember]:
        return {
            "mother": self.mother,
            "father (never shared with)": self.father,
            "gran (share withdrawn)": self.gran,
            "young person (Amy herself)": self.young_person,
            "parent of another family": self.other_parent,
        }

    def _once(self, name: str, make: Callable[[], Any]) -> Any:
        if name not in self.made:
            self.made[name] = make()
        return self.made[name]

    def plan_share(self) -> Share:
        """Amy's plan, made into a document from the record and shared with her mother."""

        def make() -> Share:
            p = self.personas
            plan = active_plan(p)
            version = bare_version(p.child, p.worker)
            title, content = documents.SOURCES["plan"].build(p.child, plan)
            DocumentContent.objects.create(
                version=version,
                source="plan",
                source_id=plan.pk,
                content=content | {"title": title, "about": p.child.full_name},
                created_by=p.worker,
            )
            return share(version, self.mother, p.worker)

        return self._once("plan_share", make)

    def action(self, owner: str) -> PlanAction:
        """An action in the shared plan: "Mum" (the mother's own) or "Social worker"."""
        self.plan_share()
        return PlanAction.objects.get(goal__plan__person=self.personas.child, owner_name=owner)

    def young_persons_share(self) -> Share:
        def make() -> Share:
            p = self.personas
            return share(
                bare_version(p.child, p.worker, kind="report"), self.young_person, p.worker
            )

        return self._once("young_share", make)

    def date(self, name: str) -> FamilyDate:
        """Dates shown to families: "review" (to the mother), "visit" (to the mother, no views
        asked), "stopped" (shown to the mother, then hidden), "other" (the other family's)."""

        def make() -> dict[str, FamilyDate]:
            p = self.personas
            soon = timezone.localdate() + datetime.timedelta(days=10)
            made = {}
            for key, kind, child, member in (
                ("review", FamilyDate.Kind.CIN_REVIEW, p.child, self.mother),
                ("visit", FamilyDate.Kind.CIN_VISIT, p.child, self.mother),
                ("stopped", FamilyDate.Kind.CIN_REVIEW, p.child, self.mother),
                ("other", FamilyDate.Kind.CIN_REVIEW, self.other_parent.child, self.other_parent),
            ):
                shown = FamilyDate.objects.create(
                    child=child, kind=kind, record_id=uuid.uuid4(), on=soon, shown_by=p.worker
                )
                shown.members.set([member])
                made[key] = shown
            FamilyDate.objects.filter(pk=made["stopped"].pk).update(
                stopped_at=timezone.now(), stopped_by=p.worker
            )
            return made

        dates: dict[str, FamilyDate] = self._once("dates", make)
        return dates[name]

    def meeting_date(self, name: str) -> FamilyDate:
        """Meetings shown to families: "mother" (Amy's next meeting, shown to her mother),
        "gran" (another of Amy's meetings, shown to her gran only), "finalised" (shown to the
        mother, minutes since finalised), "other" (the other family's meeting, shown to them)."""

        def make() -> dict[str, FamilyDate]:
            p = self.personas
            made = {}
            for key, child, member, worker in (
                ("mother", p.child, self.mother, p.worker),
                ("gran", p.child, self.gran, p.worker),
                ("finalised", p.child, self.mother, p.worker),
                ("other", self.other_parent.child, self.other_parent, p.other_team),
            ):
                meeting = upcoming_meeting(child, worker)
                made[key] = FamilyDate.objects.create(
                    child=child,
                    kind=FamilyDate.Kind.MEETING,
                    record_id=meeting.pk,
                    meeting=meeting,
                    on=meeting.held_on,
                    purpose="To agree what happens next.",
                    shown_by=worker,
                )
                made[key].members.set([member])
            Meeting.objects.filter(family_dates=made["finalised"]).update(
                status=Meeting.Status.FINALISED,
                finalised_at=timezone.now(),
                finalised_by=p.worker,
                minutes="Held early.",
                **VOICE,
            )
            return made

        dates: dict[str, FamilyDate] = self._once("meeting_dates", make)
        return dates[name]


def upcoming_meeting(
    child: Person, worker: Any, days: int = 7, kind: str = Meeting.Kind.CHILD_IN_NEED
) -> Meeting:
    """A meeting about the child next week, recorded as a worker records one."""
    return meeting_services.record_meeting(
        worker,
        child,
        kind=kind,
        held_on=timezone.localdate() + datetime.timedelta(days=days),
        starts_at=datetime.time(15, 30),
        location="Northbrook Family Centre",
        purpose="Review the CIN plan: school attendance, DSL feedback, Mrs Patel's concerns.",
    )


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
    young_person = account(child, child, p.worker)
    return Families(
        personas=p,
        young_person=young_person,
        mother=mother,
        father=father,
        gran=gran,
        other_parent=other_parent,
        mothers_share=share(version, mother, p.worker),
        grans_withdrawn_share=share(version, gran, p.worker, Share.Status.WITHDRAWN),
        other_share=share(other_version, other_parent, p.other_team),
    )


# Records on the child's file that can be made into documents -----------------------------------


def active_plan(p: Personas) -> CINPlan:
    """Amy's child in need plan, approved, with one goal, an action for Mum and one for the
    worker. The goal's strengths name a neighbour: third-party information to redact."""
    plan = plan_for(p.child, p.team_a, p.worker)
    goal = plan.goals.get()
    Goal.objects.filter(pk=goal.pk).update(
        want_to_change="Amy gets to school on time every day.",
        strengths="Mrs Patel next door walks Amy to school when Mum is on an early shift.",
    )
    ActionFactory(
        goal=goal,
        what="Talk with Amy about school, alone.",
        owner_name="Social worker",
        owner_type=PlanAction.OwnerType.WORKER,
        due_on=datetime.date(2026, 3, 9),
    )
    decision = record_decision(
        p.manager,
        p.child,
        plan,
        decision="cin-plan-approved",
        decision_label="Approved",
        rationale="Agreed with the family.",
    )
    CINPlan.objects.filter(pk=plan.pk).update(
        status=CINPlan.Status.ACTIVE,
        approval=decision,
        next_review_due=timezone.localdate() + datetime.timedelta(days=30),
        next_visit_due=timezone.localdate() + datetime.timedelta(days=7),
    )
    plan.refresh_from_db()
    return plan


def authorised_assessment(p: Personas) -> Assessment:
    assessment = assessment_for(
        p.child,
        p.team_a,
        developmental_needs="Amy is doing well at school but misses mornings.",
        strengths="A close grandmother.",
        views="I like my teacher.",
        child_seen=True,
        seen_alone=True,
        participation="PN1",
    )
    decision = record_decision(
        p.manager,
        p.child,
        assessment,
        decision="authorised",
        decision_label="Authorised",
        rationale="Needs are clear.",
    )
    Assessment.objects.filter(pk=assessment.pk).update(
        status=Assessment.Status.AUTHORISED,
        outcome=Assessment.Outcome.CIN_PLAN,
        authorised_at=timezone.now(),
        authorised_by=p.manager,
        authorisation=decision,
    )
    assessment.refresh_from_db()
    return assessment


def finalised_conference(p: Personas) -> Conference:
    return cp_history(p.child, p.team_a, p.worker, p.chair).conference


def finalised_meeting(p: Personas) -> Meeting:
    """A child in need meeting held last week, its minutes finalised through the services:
    the mother and a neighbour came; one decision and one action for Mum."""
    meeting = meeting_services.record_meeting(
        p.worker,
        p.child,
        kind=Meeting.Kind.CHILD_IN_NEED,
        held_on=timezone.localdate() - datetime.timedelta(days=7),
        starts_at=datetime.time(10, 0),
        location="Northbrook Family Centre",
        purpose="Agree how Amy gets to school on time.",
        minutes="Mum said mornings are calmer. Mrs Patel said she can help on Tuesdays.",
        voice=VOICE,
    )
    meeting_services.add_attendee(
        p.worker, meeting, name="Jade Jones", group="family", role="Mum", attended=True
    )
    meeting_services.add_attendee(
        p.worker, meeting, name="Mrs Patel", group="family", role="Neighbour", attended=True
    )
    meeting_services.add_decision(p.worker, meeting, decision="The plan continues for 3 months.")
    meeting_services.add_action(
        p.worker,
        meeting,
        what="Keep the morning routine chart on the fridge.",
        owner_name="Mum",
        owner_type="family_member",
        due_on=timezone.localdate(),
    )
    return meeting_services.finalise_meeting(p.worker, meeting, expected_version=None)


def letter(p: Personas) -> DocumentVersion:
    template = LetterTemplate.objects.create(
        name="Letter about the meeting",
        body="Dear family,\n\nWe will meet about $child_name next week.\n\nFrom $worker_name",
    )
    return case_services.generate_letter(p.worker, p.child, template).versions.get()
