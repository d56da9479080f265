"""Writes to the child protection record. Each function is one thing a person does, in one
transaction, with its audit event and, where a manager decides, its management decision. Bad
input raises RuleBroken naming the field and writes nothing. Due dates come only from
`casework.common.clock.due`."""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from casework.accounts.models import Role
from casework.audit import services as audit
from casework.audit.models import Action as AuditAction
from casework.cases.models import Allocation, Episode
from casework.cases.voice import VOICE_FIELDS, check_voice
from casework.common import clock
from casework.common.errors import RuleBroken
from casework.oversight import services as oversight
from casework.people.models import Person
from casework.protection.models import (
    OUTSIDE_HOME_FIELDS,
    REQUIRED_AGENCIES,
    Agency,
    Category,
    ChildProtectionPlan,
    Conference,
    CoreGroupMeeting,
    CPVisit,
    FamilyGroupConference,
    Participant,
    PlanAction,
    RiskContext,
    Section47,
    StrategyDiscussion,
)

DISCUSSION_FIELDS = ("held_at", "decision", "information_shared", "risks_identified")
S47_FIELDS = ("started_on", "icpc_due", "icpc_target", "status", "outcome", "completed_on")
CONFERENCE_FIELDS = ("kind", "held_on", "decision", "category", "participation", "finalised_at")
PLAN_FIELDS = (
    "status",
    "started_on",
    "latest_category",
    "first_core_group_due",
    "next_core_group_due",
    "next_review_due",
    "next_visit_due",
    "ended_on",
)
NO_ICPC_OUTCOMES = (Section47.Outcome.NOT_SUBSTANTIATED, Section47.Outcome.NOT_AT_RISK)


@dataclass(frozen=True)
class ParticipantIn:
    agency: str
    name: str
    invited: bool = True
    attended: bool = False


def _not_future(value: datetime.date, field: str, what: str) -> None:
    if value > timezone.localdate():
        raise RuleBroken(field, f"The {what} must be today or in the past")


def _required_text(value: str, field: str, message: str) -> str:
    if not str(value or "").strip():
        raise RuleBroken(field, message)
    return str(value).strip()


def _check_category(value: str, field: str = "category") -> None:
    if value not in Category.values:
        raise RuleBroken(
            field, "Select a category of abuse: neglect, physical, sexual, emotional or multiple"
        )


def _open_episode(person: Person, field: str) -> Episode:
    episode = (
        Episode.objects.select_for_update()
        .filter(person=person, status=Episode.Status.OPEN)
        .first()
    )
    if episode is None:
        raise RuleBroken(field, f"{person.full_name} has no open referral; one is needed first")
    return episode


def check_participants(participants: Sequence[ParticipantIn]) -> None:
    """Working Together 2023 (ch. 2): police, health, education and social care take part in a
    strategy discussion; each must at least have been invited."""
    for participant in participants:
        if participant.agency not in Agency.values:
            raise RuleBroken("participants", "Select each participant's agency")
        if not participant.name.strip():
            raise RuleBroken("participants", "Enter the name of each participant")
        if participant.attended and not participant.invited:
            raise RuleBroken("participants", "A participant who attended was also invited")
    invited = {participant.agency for participant in participants if participant.invited}
    missing = [
        Agency(agency).label.lower() for agency in REQUIRED_AGENCIES if agency not in invited
    ]
    if missing:
        raise RuleBroken(
            "participants",
            f"Invite {', '.join(missing)}: police, health, education and social care must at "
            "least be invited",
        )


def hold_strategy_discussion(
    actor: Any,
    person: Person,
    *,
    held_at: datetime.datetime,
    participants: Sequence[ParticipantIn],
    information_shared: str,
    risks_identified: str,
    decision: str,
    rationale: str,
    outside_home: Iterable[str] = (),
) -> StrategyDiscussion:
    """A team manager records a strategy discussion and its decision as a management decision.
    A decision to start a section 47 enquiry starts one, anchoring the ICPC clock on the day of
    this discussion (Working Together 2023, ch. 2; practice-rules.md 1b). If an enquiry is
    already open, a further discussion does not start another or move its dates."""
    if timezone.is_naive(held_at):
        # A time typed without a zone is council time, as people write it.
        held_at = timezone.make_aware(held_at)
    if held_at > timezone.now():
        raise RuleBroken("held_at", "The discussion must be now or in the past")
    check_participants(participants)
    information = _required_text(information_shared, "information_shared", "Enter what was shared")
    risks = _required_text(risks_identified, "risks_identified", "Enter the risks identified")
    if decision not in StrategyDiscussion.Decision.values:
        raise RuleBroken("decision", "Select the decision")
    flags = set(outside_home)
    if flags - set(OUTSIDE_HOME_FIELDS):
        raise RuleBroken("outside_home", "Select only the risks listed")
    if not oversight.may_decide(actor):
        raise RuleBroken("decision", "Only a team manager can record the strategy decision")
    _required_text(rationale, "rationale", "Enter the rationale for the decision")
    held_on = timezone.localdate(held_at)
    with transaction.atomic():
        episode = _open_episode(person, "held_at")
        if held_on < episode.referral_date:
            raise RuleBroken("held_at", "The discussion must be on or after the referral date")
        discussion = StrategyDiscussion.objects.create(
            person=person,
            episode=episode,
            held_at=held_at,
            information_shared=information,
            risks_identified=risks,
            decision=decision,
            recorded_by=actor,
            **{name: name in flags for name in OUTSIDE_HOME_FIELDS},
        )
        label = StrategyDiscussion.Decision(decision).label
        made = oversight.record_decision(
            actor,
            person,
            discussion,
            decision=f"strategy-{decision.replace('_', '-')}",
            decision_label=f"Strategy discussion: {label}",
            rationale=rationale,
            risks_identified=risks,
        )
        StrategyDiscussion.objects.filter(pk=discussion.pk).update(management_decision=made)
        discussion.management_decision = made
        Participant.objects.bulk_create(
            Participant(
                discussion=discussion,
                agency=p.agency,
                name=p.name.strip(),
                invited=p.invited,
                attended=p.attended,
            )
            for p in participants
        )
        if decision == StrategyDiscussion.Decision.SECTION_47:
            _start_section47(actor, discussion, held_on)
        audit.record(
            actor,
            AuditAction.CREATE,
            person_id=person.pk,
            obj=discussion,
            summary=f"Strategy discussion: {label.lower()}",
            after=audit.snapshot(discussion, DISCUSSION_FIELDS),
        )
    return discussion


def current_section47(person: Person) -> Section47 | None:
    """The enquiry still waiting for its initial conference or its outcome, if any."""
    return (
        Section47.objects.filter(person=person, awaiting_icpc=True)
        .exclude(status=Section47.Status.AUTHORISED, outcome__in=NO_ICPC_OUTCOMES)
        .first()
    )


def _start_section47(actor: Any, discussion: StrategyDiscussion, held_on: datetime.date) -> None:
    if current_section47(discussion.person) is not None:
        # The ICPC clock stays anchored on the discussion that started the enquiry
        # (practice-rules.md 5d: a new strategy discussion does not restart it).
        return
    dates = clock.due("icpc", held_on)
    enquiry = Section47.objects.create(
        person=discussion.person,
        episode=discussion.episode,
        strategy_discussion=discussion,
        started_on=held_on,
        icpc_due=dates.due,
        icpc_target=dates.target,
        updated_by=actor,
    )
    audit.record(
        actor,
        AuditAction.CREATE,
        person_id=discussion.person_id,
        obj=enquiry,
        summary="Section 47 enquiry started",
        after=audit.snapshot(enquiry, S47_FIELDS),
    )


def record_section47_outcome(
    actor: Any,
    enquiry: Section47,
    *,
    child_seen_on: datetime.date | None,
    findings: str,
    outcome: str,
    completed_on: datetime.date,
) -> Section47:
    """The worker records what the enquiry found; a manager then authorises it."""
    _not_future(completed_on, "completed_on", "completion date")
    text = _required_text(findings, "findings", "Enter what the enquiry found")
    if outcome not in Section47.Outcome.values:
        raise RuleBroken("outcome", "Select the outcome")
    with transaction.atomic():
        current = Section47.objects.select_for_update().get(pk=enquiry.pk)
        if current.status == Section47.Status.AUTHORISED:
            raise RuleBroken("outcome", "This enquiry has been authorised; it cannot change")
        if completed_on < current.started_on:
            raise RuleBroken("completed_on", "The enquiry must end on or after it started")
        if child_seen_on is not None:
            _not_future(child_seen_on, "child_seen_on", "date the child was seen")
            if child_seen_on < current.started_on:
                raise RuleBroken("child_seen_on", "The child was seen after the enquiry started")
        before = audit.snapshot(current, S47_FIELDS)
        Section47.objects.filter(pk=current.pk).update(
            child_seen_on=child_seen_on,
            findings=text,
            outcome=outcome,
            completed_on=completed_on,
            status=Section47.Status.COMPLETED,
            updated_by=actor,
            updated_at=timezone.now(),
        )
        updated = Section47.objects.get(pk=current.pk)
        audit.record(
            actor,
            AuditAction.UPDATE,
            person_id=current.person_id,
            obj=updated,
            summary=f"Section 47 outcome: {updated.get_outcome_display().lower()}",
            before=before,
            after=audit.snapshot(updated, S47_FIELDS),
        )
    return updated


def authorise_section47(actor: Any, enquiry: Section47, *, rationale: str) -> Section47:
    """A team manager authorises the outcome with a management decision. An outcome that needs
    no conference takes the enquiry off the ICPC tray."""
    with transaction.atomic():
        current = Section47.objects.select_for_update().get(pk=enquiry.pk)
        if current.status != Section47.Status.COMPLETED:
            raise RuleBroken("rationale", "Record the enquiry's outcome before authorising it")
        decision = oversight.record_decision(
            actor,
            current.person,
            current,
            decision="s47-authorised",
            decision_label=f"Section 47 authorised: {current.get_outcome_display()}",
            rationale=rationale,
        )
        Section47.objects.filter(pk=current.pk).update(
            status=Section47.Status.AUTHORISED,
            authorisation=decision,
            awaiting_icpc=current.awaiting_icpc and current.outcome not in NO_ICPC_OUTCOMES,
            updated_by=actor,
            updated_at=timezone.now(),
        )
        updated = Section47.objects.get(pk=current.pk)
        audit.record(
            actor,
            AuditAction.UPDATE,
            person_id=current.person_id,
            obj=updated,
            summary="Section 47 enquiry authorised",
            after=audit.snapshot(updated, S47_FIELDS),
        )
    return updated


def check_chair(actor: Any, person: Person) -> None:
    """The chair is an independent reviewing officer, never the case's own worker or manager
    (Working Together 2023, ch. 2: the chair is independent of operational management)."""
    if getattr(actor, "role", None) != Role.REVIEWING_OFFICER:
        raise RuleBroken("chair", "The chair must be an independent reviewing officer")
    if Allocation.objects.filter(person=person, ended_on__isnull=True, worker=actor).exists():
        raise RuleBroken("chair", "The chair cannot be the child's allocated worker")


def _agencies(values: Iterable[str], field: str) -> list[str]:
    chosen = list(dict.fromkeys(values))
    if set(chosen) - set(Agency.values):
        raise RuleBroken(field, "Select only the agencies listed")
    return chosen


def record_conference(
    actor: Any,
    person: Person,
    *,
    kind: str,
    held_on: datetime.date,
    agencies_invited: Iterable[str] = (),
    agencies_attended: Iterable[str] = (),
    family_invited: str = "",
    family_attended: str = "",
    reports_received: str = "",
) -> Conference:
    """The chair records that a conference was held. An initial conference belongs to the open
    section 47 enquiry and cannot be dated before the strategy discussion that started it; a
    review belongs to the active plan; a pre-birth conference needs an expected date of birth."""
    if kind not in Conference.Kind.values:
        raise RuleBroken("kind", "Select the kind of conference")
    _not_future(held_on, "held_on", "date of the conference")
    check_chair(actor, person)
    invited = _agencies(agencies_invited, "agencies_invited")
    attended = _agencies(agencies_attended, "agencies_attended")
    if set(attended) - set(invited):
        raise RuleBroken("agencies_attended", "An agency that attended was also invited")
    section47 = None
    plan = None
    with transaction.atomic():
        if kind == Conference.Kind.INITIAL:
            section47 = current_section47(person)
            if section47 is None:
                raise RuleBroken("kind", "There is no section 47 enquiry awaiting a conference")
            if held_on < section47.started_on:
                raise RuleBroken(
                    "held_on",
                    "The conference cannot be before the strategy discussion that started the "
                    f"enquiry ({section47.started_on:%-d %B %Y})",
                )
        elif kind == Conference.Kind.REVIEW:
            plan = ChildProtectionPlan.objects.filter(
                person=person, status=ChildProtectionPlan.Status.ACTIVE
            ).first()
            if plan is None:
                raise RuleBroken("kind", "There is no active plan to review")
            if held_on < plan.started_on:
                raise RuleBroken("held_on", "A review cannot be before the plan started")
        elif person.expected_date_of_birth is None:
            raise RuleBroken(
                "kind", "A pre-birth conference is for an unborn child with an expected birth date"
            )
        conference = Conference.objects.create(
            person=person,
            kind=kind,
            section47=section47,
            plan=plan,
            held_on=held_on,
            chair=actor,
            agencies_invited=invited,
            agencies_attended=attended,
            family_invited=family_invited.strip(),
            family_attended=family_attended.strip(),
            reports_received=reports_received.strip(),
            updated_by=actor,
        )
        audit.record(
            actor,
            AuditAction.CREATE,
            person_id=person.pk,
            obj=conference,
            summary=f"{conference.get_kind_display()} recorded",
            after=audit.snapshot(conference, CONFERENCE_FIELDS),
        )
    return conference


def finalise_conference(
    actor: Any,
    conference: Conference,
    *,
    voice: dict[str, Any],
    parents_views: str,
    decision: str,
    category: str = "",
    core_group_members: str = "",
    outline: str = "",
) -> Conference:
    """The chair finalises the conference. It decides about the child, so it cannot be finalised
    without the child's views and how they took part (Children Act 1989 s47(5A); the census
    participation codes PN0-PN7). An initial or pre-birth conference deciding on a plan starts
    one on the conference date; a review re-anchors the next review or ends the plan."""
    check_voice(voice, require=True)
    if not voice.get("participation"):
        raise RuleBroken("participation", "Select how the child took part")
    views = _required_text(parents_views, "parents_views", "Enter the parents' views")
    allowed = (
        (Conference.Decision.PLAN, Conference.Decision.NO_PLAN)
        if conference.decides_plan
        else (Conference.Decision.CONTINUE, Conference.Decision.END)
    )
    if decision not in allowed:
        raise RuleBroken("decision", "Select the conference's decision")
    makes_plan = decision == Conference.Decision.PLAN
    if makes_plan or decision == Conference.Decision.CONTINUE or category:
        _check_category(category)
    if makes_plan and not core_group_members.strip():
        raise RuleBroken("core_group_members", "Enter the members of the core group")
    if actor.pk != conference.chair_id:
        raise RuleBroken("chair", "Only the conference's chair can finalise it")
    with transaction.atomic():
        current = Conference.objects.select_for_update().get(pk=conference.pk)
        if current.is_finalised:
            raise RuleBroken("decision", "This conference has already been finalised")
        Conference.objects.filter(pk=current.pk).update(
            parents_views=views,
            decision=decision,
            category=category,
            core_group_members=core_group_members.strip(),
            finalised_at=timezone.now(),
            updated_by=actor,
            updated_at=timezone.now(),
            **{name: voice.get(name, "") for name in VOICE_FIELDS if name in voice},
        )
        finalised = Conference.objects.select_related("section47", "plan").get(pk=current.pk)
        if finalised.section47_id is not None:
            Section47.objects.filter(pk=finalised.section47_id).update(
                awaiting_icpc=False, icpc_held_on=finalised.held_on
            )
        if makes_plan:
            _start_plan(actor, finalised, outline)
        elif finalised.plan is not None:
            _review_plan(actor, finalised, finalised.plan)
        audit.record(
            actor,
            AuditAction.UPDATE,
            person_id=finalised.person_id,
            obj=finalised,
            summary=f"{finalised.get_kind_display()} finalised: {finalised.get_decision_display()}",
            after=audit.snapshot(finalised, CONFERENCE_FIELDS),
        )
    return finalised


def _start_plan(actor: Any, conference: Conference, outline: str) -> ChildProtectionPlan:
    """The plan starts on the conference date (CIN census rule 2885). The first core group is due
    by `first-core-group`, the first review by `first-rcpc` and the first visit by `cp-visit`."""
    if ChildProtectionPlan.objects.filter(
        person_id=conference.person_id, status=ChildProtectionPlan.Status.ACTIVE
    ).exists():
        raise RuleBroken("decision", "The child already has an active child protection plan")
    start = conference.held_on
    first_core_group = clock.due("first-core-group", start).due
    plan = ChildProtectionPlan.objects.create(
        person_id=conference.person_id,
        initial_conference=conference,
        started_on=start,
        initial_category=conference.category,
        latest_category=conference.category,
        outline=outline.strip(),
        visit_frequency_days=clock.rule_amount("cp-visit"),
        first_core_group_due=first_core_group,
        next_core_group_due=first_core_group,
        next_review_due=clock.due("first-rcpc", start).due,
        next_visit_due=clock.due("cp-visit", start).due,
        updated_by=actor,
    )
    audit.record(
        actor,
        AuditAction.CREATE,
        person_id=conference.person_id,
        obj=plan,
        summary="Child protection plan started",
        after=audit.snapshot(plan, PLAN_FIELDS),
    )
    return plan


def _review_plan(actor: Any, conference: Conference, plan: ChildProtectionPlan) -> None:
    """A review that continues the plan sets the next one `later-rcpc` after it; one that ends
    the plan ends it on the conference date."""
    if conference.decision == Conference.Decision.END:
        changes: dict[str, Any] = {
            "status": ChildProtectionPlan.Status.ENDED,
            "ended_on": conference.held_on,
            "end_reason": "Review conference decided the plan should end",
            "next_review_due": None,
            "next_visit_due": None,
            "next_core_group_due": None,
        }
    else:
        changes = {"next_review_due": clock.due("later-rcpc", conference.held_on).due}
    if conference.category:
        changes["latest_category"] = conference.category
    ChildProtectionPlan.objects.filter(pk=plan.pk).update(
        **changes, updated_by=actor, updated_at=timezone.now()
    )


def _locked_active(plan: ChildProtectionPlan, field: str) -> ChildProtectionPlan:
    current = ChildProtectionPlan.objects.select_for_update().get(pk=plan.pk)
    if not current.is_active:
        raise RuleBroken(field, "This plan has ended")
    return current


def add_plan_action(
    actor: Any,
    plan: ChildProtectionPlan,
    *,
    what: str,
    owner: str,
    due_on: datetime.date | None = None,
) -> PlanAction:
    text = _required_text(what, "what", "Enter what will be done")
    who = _required_text(owner, "owner", "Enter who will do it")
    with transaction.atomic():
        current = _locked_active(plan, "what")
        if due_on is not None and due_on < current.started_on:
            raise RuleBroken("due_on", "The date must be on or after the plan started")
        action = PlanAction.objects.create(plan=current, what=text, owner=who, due_on=due_on)
        audit.record(
            actor,
            AuditAction.CREATE,
            person_id=current.person_id,
            obj=action,
            summary="Action added to the child protection plan",
            after=audit.snapshot(action, ("what", "owner", "due_on")),
        )
    return action


def record_core_group(
    actor: Any,
    plan: ChildProtectionPlan,
    *,
    held_on: datetime.date,
    attendees: str,
    progress: str,
) -> CoreGroupMeeting:
    """A core group meeting re-anchors the next one on the day it was held (`core-group`)."""
    _not_future(held_on, "held_on", "date of the meeting")
    people = _required_text(attendees, "attendees", "Enter who attended")
    text = _required_text(progress, "progress", "Enter the progress against the plan")
    with transaction.atomic():
        current = _locked_active(plan, "held_on")
        if held_on < current.started_on:
            raise RuleBroken("held_on", "The meeting must be on or after the plan started")
        meeting = CoreGroupMeeting.objects.create(
            plan=current, held_on=held_on, attendees=people, progress=text, recorded_by=actor
        )
        latest = CoreGroupMeeting.objects.filter(plan=current).aggregate(last=Max("held_on"))
        ChildProtectionPlan.objects.filter(pk=current.pk).update(
            next_core_group_due=clock.due("core-group", latest["last"]).due,
            updated_by=actor,
            updated_at=timezone.now(),
        )
        audit.record(
            actor,
            AuditAction.CREATE,
            person_id=current.person_id,
            obj=meeting,
            summary="Core group meeting recorded",
            after=audit.snapshot(meeting, ("held_on", "attendees", "progress")),
        )
    return meeting


def record_cp_visit(
    actor: Any,
    plan: ChildProtectionPlan,
    *,
    visited_on: datetime.date,
    observations: str,
    voice: dict[str, Any],
    bedroom_seen: bool | None = None,
) -> CPVisit:
    """A visit that saw the child re-anchors the next one on its date (`cp-visit`;
    practice-rules.md 5d: rolling intervals re-anchor on the actual event)."""
    _not_future(visited_on, "visited_on", "date of the visit")
    if voice.get("child_seen") is None:
        raise RuleBroken("child_seen", "Say whether the child was seen")
    check_voice(voice, require=False)
    text = _required_text(observations, "observations", "Enter what you saw and heard")
    with transaction.atomic():
        current = _locked_active(plan, "visited_on")
        if visited_on < current.started_on:
            raise RuleBroken("visited_on", "The visit must be on or after the plan started")
        visit = CPVisit.objects.create(
            person_id=current.person_id,
            plan=current,
            visited_on=visited_on,
            visited_by=actor,
            bedroom_seen=bedroom_seen,
            observations=text,
            **{name: voice.get(name, "") for name in VOICE_FIELDS if name in voice},
        )
        last = CPVisit.objects.filter(plan=current, child_seen=True).aggregate(
            last=Max("visited_on")
        )["last"]
        if last is not None:
            ChildProtectionPlan.objects.filter(pk=current.pk).update(
                next_visit_due=clock.due("cp-visit", last).due, updated_at=timezone.now()
            )
        audit.record(
            actor,
            AuditAction.CREATE,
            person_id=current.person_id,
            obj=visit,
            summary="Child protection visit"
            + (": child seen" if visit.child_seen else ": child not seen")
            + (" alone" if visit.seen_alone else ""),
            after=audit.snapshot(visit, ("visited_on", "child_seen", "seen_alone")),
        )
    return visit


def end_plan(
    actor: Any, plan: ChildProtectionPlan, *, ended_on: datetime.date, reason: str
) -> ChildProtectionPlan:
    _not_future(ended_on, "ended_on", "end date")
    text = _required_text(reason, "end_reason", "Enter why the plan ended")
    with transaction.atomic():
        current = _locked_active(plan, "ended_on")
        if ended_on < current.started_on:
            raise RuleBroken(
                "ended_on",
                f"The plan cannot end before it started ({current.started_on:%-d %B %Y})",
            )
        ChildProtectionPlan.objects.filter(pk=current.pk).update(
            status=ChildProtectionPlan.Status.ENDED,
            ended_on=ended_on,
            end_reason=text,
            next_review_due=None,
            next_visit_due=None,
            next_core_group_due=None,
            updated_by=actor,
            updated_at=timezone.now(),
        )
        ended = ChildProtectionPlan.objects.get(pk=current.pk)
        audit.record(
            actor,
            AuditAction.UPDATE,
            person_id=current.person_id,
            obj=ended,
            summary="Child protection plan ended",
            after=audit.snapshot(ended, PLAN_FIELDS),
        )
    return ended


def link_risk_context(
    actor: Any, person: Person, *, kind: str, name: str, description: str = ""
) -> RiskContext:
    """Link a child to a place, peer group or online space; one with the same kind and name is
    shared by every child linked to it."""
    if kind not in RiskContext.Kind.values:
        raise RuleBroken("kind", "Select whether it is a place, a peer group or online")
    label = _required_text(name, "name", "Enter the name of the place, group or online space")
    with transaction.atomic():
        context = RiskContext.objects.filter(kind=kind, name__iexact=label).first()
        if context is None:
            context = RiskContext.objects.create(
                kind=kind, name=label, description=description.strip(), created_by=actor
            )
        context.children.add(person)
        audit.record(
            actor,
            AuditAction.UPDATE,
            person_id=person.pk,
            obj=context,
            summary=f"Linked to {context}",
        )
    return context


def record_family_group_conference(
    actor: Any,
    person: Person,
    *,
    offered_on: datetime.date,
    accepted: bool | None = None,
    held_on: datetime.date | None = None,
    family_plan: str = "",
    not_in_best_interests: bool = False,
    rationale: str = "",
) -> FamilyGroupConference:
    """Record a family group decision-making offer and, if held, its family plan. Not offering
    one needs a rationale (Children's Wellbeing and Schools Act 2026, s1)."""
    _not_future(offered_on, "offered_on", "date offered")
    if not_in_best_interests and not rationale.strip():
        raise RuleBroken("rationale", "Enter why a meeting is not in the child's best interests")
    if held_on is not None:
        _not_future(held_on, "held_on", "date held")
        if held_on < offered_on:
            raise RuleBroken("held_on", "The meeting must be on or after it was offered")
        if accepted is False:
            raise RuleBroken("accepted", "A meeting that was held was accepted")
    with transaction.atomic():
        fgc = FamilyGroupConference.objects.create(
            person=person,
            offered_on=offered_on,
            accepted=accepted,
            held_on=held_on,
            family_plan=family_plan.strip(),
            not_in_best_interests=not_in_best_interests,
            rationale=rationale.strip(),
            recorded_by=actor,
        )
        audit.record(
            actor,
            AuditAction.CREATE,
            person_id=person.pk,
            obj=fgc,
            summary="Family group conference recorded",
            after=audit.snapshot(fgc, ("offered_on", "accepted", "held_on")),
        )
    return fgc


# Pre-proceedings (Public Law Outline) ----------------------------------------------------------
# The models and versioning helper are imported inside these functions so that this section
# can be read, and changed, on its own.

PRE_PROCEEDINGS_FIELDS = (
    "started_on",
    "letter_sent_on",
    "family_group_conference",
    "initial_meeting_on",
    "review_meetings",
    "decided_on",
    "outcome",
    "court_application_on",
)


def _check_pre_proceedings(person: Person, values: dict[str, Any]) -> None:
    from casework.protection.models import PreProceedings

    started_on = values["started_on"]
    _not_future(started_on, "started_on", "start date")
    labels = {
        "letter_sent_on": "date the letter was sent",
        "initial_meeting_on": "date of the initial meeting",
        "decided_on": "date of the decision",
        "court_application_on": "date of the application to court",
    }
    for name, what in labels.items():
        value = values.get(name)
        if value is None:
            continue
        _not_future(value, name, what)
        if value < started_on:
            raise RuleBroken(name, f"The {what} must be on or after pre-proceedings started")
    fgc = values.get("family_group_conference")
    if fgc is not None and fgc.person_id != person.pk:
        raise RuleBroken(
            "family_group_conference", "Choose a family group conference about this child"
        )
    if values.get("review_meetings", 0) < 0:
        raise RuleBroken("review_meetings", "Enter the number of review meetings held")
    outcome = values.get("outcome", "")
    if outcome and outcome not in PreProceedings.Outcome.values:
        raise RuleBroken("outcome", "Select the outcome of pre-proceedings")
    if bool(outcome) != (values.get("decided_on") is not None):
        raise RuleBroken(
            "outcome" if values.get("decided_on") else "decided_on",
            "Enter both the date of the decision and the outcome, or neither",
        )
    if values.get("court_application_on") and outcome != PreProceedings.Outcome.PROCEEDINGS:
        raise RuleBroken(
            "court_application_on", "A court application is recorded only when proceedings issue"
        )


def start_pre_proceedings(
    actor: Any,
    person: Person,
    *,
    started_on: datetime.date,
    letter_sent_on: datetime.date | None = None,
    family_group_conference: FamilyGroupConference | None = None,
    initial_meeting_on: datetime.date | None = None,
) -> Any:
    """Record that a child's case has entered pre-proceedings under the Public Law Outline
    (Practice Direction 12A), on their open referral."""
    from casework.protection.models import PreProceedings

    values: dict[str, Any] = {
        "started_on": started_on,
        "letter_sent_on": letter_sent_on,
        "family_group_conference": family_group_conference,
        "initial_meeting_on": initial_meeting_on,
    }
    _check_pre_proceedings(person, values)
    with transaction.atomic():
        episode = _open_episode(person, "started_on")
        if started_on < episode.referral_date:
            raise RuleBroken(
                "started_on", "Pre-proceedings must start on or after the referral date"
            )
        if PreProceedings.objects.filter(person=person, decided_on__isnull=True).exists():
            raise RuleBroken("started_on", f"{person.full_name} is already in pre-proceedings")
        record = PreProceedings.objects.create(
            person=person, episode=episode, recorded_by=actor, updated_by=actor, **values
        )
        audit.record(
            actor,
            AuditAction.CREATE,
            person_id=person.pk,
            obj=record,
            summary="Pre-proceedings started",
            after=audit.snapshot(record, PRE_PROCEEDINGS_FIELDS),
        )
    return record


def update_pre_proceedings(
    actor: Any, record: Any, *, expected_version: int | None, **changes: Any
) -> Any:
    """Record what has happened since pre-proceedings started: the letter, the meetings, the
    decision that ends them and, when proceedings issue, the application to court."""
    from casework.common.versioning import update_versioned

    unknown = set(changes) - set(PRE_PROCEEDINGS_FIELDS)
    if unknown:
        raise ValueError(f"Cannot change {', '.join(sorted(unknown))} on pre-proceedings")
    values = {name: getattr(record, name) for name in PRE_PROCEEDINGS_FIELDS} | changes
    _check_pre_proceedings(record.person, values)
    with transaction.atomic():
        before = audit.snapshot(record, PRE_PROCEEDINGS_FIELDS)
        updated = update_versioned(record, expected_version, {**changes, "updated_by": actor})
        after = audit.snapshot(updated, PRE_PROCEEDINGS_FIELDS)
        audit.record(
            actor,
            AuditAction.UPDATE,
            person_id=record.person_id,
            obj=updated,
            summary="Pre-proceedings updated",
            before={k: v for k, v in before.items() if after.get(k) != v},
            after=audit.changed_fields(before, after),
        )
    return updated
