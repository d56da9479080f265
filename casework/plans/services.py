"""Writes to plans, reviews and visits. Each function is one thing a person does, in one
transaction, with its audit event; bad input raises RuleBroken naming the field and writes
nothing. Due dates come only from `casework.common.clock.due`."""

import datetime
from typing import Any

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from casework.audit import services as audit
from casework.audit.models import Action as AuditAction
from casework.cases.models import Episode
from casework.cases.voice import VOICE_FIELDS, check_voice
from casework.common import clock
from casework.common.errors import RuleBroken, StaleVersion
from casework.common.versioning import update_versioned
from casework.oversight import services as oversight
from casework.people.models import Person
from casework.plans.models import Action, CINPlan, Goal, PlanReview, Visit

PLAN_FIELDS = (
    "status",
    "started_on",
    "ended_on",
    "visit_frequency_days",
    "review_interval_months",
    "next_review_due",
    "next_visit_due",
)
ACTION_FIELDS = ("what", "owner_name", "owner_type", "due_on", "progress", "notes")
VISIT_FIELDS = ("visited_on", "bedroom_seen", "observations", *VOICE_FIELDS)
REVIEW_FIELDS = ("held_on", "outcome", "family_views", "summary", *VOICE_FIELDS)


def _not_future(value: datetime.date, field: str, what: str) -> None:
    if value > timezone.localdate():
        raise RuleBroken(field, f"The {what} must be today or in the past")


def _check_choice(value: str, choices: list[str], field: str, message: str) -> None:
    if str(value) not in set(choices):
        raise RuleBroken(field, message)


def _bump(plan: CINPlan, actor: Any) -> None:
    """Mark the plan as changed, so a manager approving an older view of it is shown the change
    instead of approving blind."""
    CINPlan.objects.filter(pk=plan.pk).update(
        version=F("version") + 1, updated_at=timezone.now(), updated_by=actor
    )


def _locked_current(plan: CINPlan, expected_version: int | None = None) -> CINPlan:
    current = CINPlan.objects.select_for_update().get(pk=plan.pk)
    if expected_version is not None and current.version != expected_version:
        raise StaleVersion(current)
    return current


def start_plan(actor: Any, person: Person, *, started_on: datetime.date) -> CINPlan:
    """Start a child in need plan on the child's open episode. It waits for a team manager's
    approval before it is active and its review and visit clocks run."""
    _not_future(started_on, "started_on", "plan start date")
    with transaction.atomic():
        episode = (
            Episode.objects.select_for_update()
            .filter(person=person, status=Episode.Status.OPEN)
            .first()
        )
        if episode is None:
            raise RuleBroken(
                "started_on", f"{person.full_name} has no open referral; a plan needs one"
            )
        if started_on < episode.referral_date:
            raise RuleBroken("started_on", "The plan must start on or after the referral date")
        if CINPlan.objects.filter(person=person).exclude(status=CINPlan.Status.ENDED).exists():
            raise RuleBroken(
                "started_on", f"{person.full_name} already has a plan; review or end it first"
            )
        plan = CINPlan.objects.create(
            person=person,
            episode=episode,
            started_on=started_on,
            visit_frequency_days=clock.rule_amount("cin-visit"),
            review_interval_months=clock.rule_amount("cin-plan-review"),
            created_by=actor,
            updated_by=actor,
        )
        audit.record(
            actor,
            AuditAction.CREATE,
            person_id=person.pk,
            obj=plan,
            summary="Child in need plan started, awaiting approval",
            after=audit.snapshot(plan, PLAN_FIELDS),
        )
    return plan


def add_goal(actor: Any, plan: CINPlan, *, want_to_change: str, strengths: str = "") -> Goal:
    if not want_to_change.strip():
        raise RuleBroken("want_to_change", "Enter what you and the family want to change")
    with transaction.atomic():
        current = _locked_current(plan)
        if current.status == CINPlan.Status.ENDED:
            raise RuleBroken("want_to_change", "This plan has ended; goals cannot be added")
        goal = Goal.objects.create(
            plan=current,
            want_to_change=want_to_change.strip(),
            strengths=strengths.strip(),
            created_by=actor,
        )
        _bump(current, actor)
        audit.record(
            actor,
            AuditAction.CREATE,
            person_id=current.person_id,
            obj=goal,
            summary="Goal added to the child in need plan",
            after=audit.snapshot(goal, ("plan", "want_to_change", "strengths")),
        )
    return goal


def add_action(
    actor: Any,
    goal: Goal,
    *,
    what: str,
    owner_name: str,
    owner_type: str,
    due_on: datetime.date,
    notes: str = "",
) -> Action:
    if not what.strip():
        raise RuleBroken("what", "Enter what will be done")
    if not owner_name.strip():
        raise RuleBroken("owner_name", "Enter who will do it")
    _check_choice(owner_type, Action.OwnerType.values, "owner_type", "Select who they are")
    with transaction.atomic():
        plan = _locked_current(goal.plan)
        if plan.status == CINPlan.Status.ENDED:
            raise RuleBroken("what", "This plan has ended; actions cannot be added")
        if due_on < plan.started_on:
            raise RuleBroken("due_on", "The date must be on or after the plan started")
        action = Action.objects.create(
            goal=goal,
            what=what.strip(),
            owner_name=owner_name.strip(),
            owner_type=owner_type,
            due_on=due_on,
            notes=notes.strip(),
            updated_by=actor,
        )
        _bump(plan, actor)
        audit.record(
            actor,
            AuditAction.CREATE,
            person_id=plan.person_id,
            obj=action,
            summary="Action added to the child in need plan",
            after=audit.snapshot(action, ACTION_FIELDS),
        )
    return action


def update_action(
    actor: Any, action: Action, *, expected_version: int | None, **changes: Any
) -> Action:
    """Record progress on an action, or correct it. An edit from an old version is refused."""
    unknown = set(changes) - set(ACTION_FIELDS)
    if unknown:
        raise ValueError(f"Cannot change {', '.join(sorted(unknown))} on an action")
    if "progress" in changes:
        _check_choice(changes["progress"], Action.Progress.values, "progress", "Select progress")
    if "owner_type" in changes:
        _check_choice(
            changes["owner_type"], Action.OwnerType.values, "owner_type", "Select who they are"
        )
    for field, message in (("what", "Enter what will be done"), ("owner_name", "Enter who")):
        if field in changes and not str(changes[field]).strip():
            raise RuleBroken(field, message)
    with transaction.atomic():
        plan = _locked_current(action.goal.plan)
        if "due_on" in changes and changes["due_on"] < plan.started_on:
            raise RuleBroken("due_on", "The date must be on or after the plan started")
        before = audit.snapshot(action, ACTION_FIELDS)
        updated = update_versioned(action, expected_version, {**changes, "updated_by": actor})
        after = audit.snapshot(updated, ACTION_FIELDS)
        _bump(plan, actor)
        audit.record(
            actor,
            AuditAction.UPDATE,
            person_id=plan.person_id,
            obj=updated,
            summary=f"Action updated: {updated.get_progress_display().lower()}",
            before={key: value for key, value in before.items() if after.get(key) != value},
            after=audit.changed_fields(before, after),
        )
    return updated


def _last_seen_visit_on(plan: CINPlan) -> datetime.date | None:
    last: datetime.date | None = Visit.objects.filter(
        person_id=plan.person_id, child_seen=True, visited_on__gte=plan.started_on
    ).aggregate(last=Max("visited_on"))["last"]
    return last


def approve_plan(
    actor: Any,
    plan: CINPlan,
    *,
    expected_version: int | None,
    rationale: str,
    risks_identified: str = "",
    next_steps: str = "",
) -> CINPlan:
    """A team manager approves the plan with a management decision; only then is it active.
    The first review is due `cin-plan-review` after the plan started, and the next visit
    `cin-visit` after the start or the last visit that saw the child, whichever is later
    (practice-rules.md 1a, 5d)."""
    with transaction.atomic():
        current = _locked_current(plan, expected_version)
        if current.status != CINPlan.Status.AWAITING_APPROVAL:
            raise RuleBroken("rationale", "This plan is not waiting for approval")
        if not current.goals.exists():
            raise RuleBroken("rationale", "The plan has no goals yet; it cannot be approved")
        decision = oversight.record_decision(
            actor,
            current.person,
            current,
            decision="cin-plan-approved",
            decision_label="Child in need plan approved",
            rationale=rationale,
            risks_identified=risks_identified,
            next_steps=next_steps,
        )
        anchor = max(current.started_on, _last_seen_visit_on(current) or current.started_on)
        approved = update_versioned(
            current,
            current.version,
            {
                "status": CINPlan.Status.ACTIVE,
                "approval": decision,
                "next_review_due": clock.due("cin-plan-review", current.started_on).due,
                "next_visit_due": clock.due("cin-visit", anchor).due,
                "updated_by": actor,
            },
        )
        audit.record(
            actor,
            AuditAction.UPDATE,
            person_id=current.person_id,
            obj=approved,
            summary="Child in need plan approved",
            after=audit.snapshot(approved, PLAN_FIELDS),
        )
    return approved


def record_plan_review(
    actor: Any,
    plan: CINPlan,
    *,
    held_on: datetime.date,
    outcome: str,
    family_views: str,
    summary: str,
    voice: dict[str, Any],
) -> PlanReview:
    """Review the plan with the child's and the family's views. A review decides about the child,
    so it cannot be recorded without the child's voice (Children Act 1989 s17(4A)). "Continue"
    re-anchors the next review on the day it was held; any other outcome ends the plan and is a
    management decision, so only a team manager may record it."""
    _not_future(held_on, "held_on", "date of the review")
    _check_choice(outcome, PlanReview.Outcome.values, "outcome", "Select the outcome")
    check_voice(voice, require=True)
    if not family_views.strip():
        raise RuleBroken("family_views", "Enter the family's views")
    if not summary.strip():
        raise RuleBroken("summary", "Enter what the review found")
    ends = outcome != PlanReview.Outcome.CONTINUE
    if ends and not oversight.may_decide(actor):
        raise RuleBroken(
            "outcome", "Only a team manager can step the plan up, step it down or close it"
        )
    with transaction.atomic():
        current = _locked_current(plan)
        if current.status != CINPlan.Status.ACTIVE:
            raise RuleBroken("held_on", "Only an approved, active plan can be reviewed")
        if held_on < current.started_on:
            raise RuleBroken("held_on", "The review must be on or after the plan started")
        review = PlanReview.objects.create(
            plan=current,
            held_on=held_on,
            outcome=outcome,
            family_views=family_views.strip(),
            summary=summary.strip(),
            recorded_by=actor,
            **{name: voice.get(name, "") for name in VOICE_FIELDS if name in voice},
        )
        if ends:
            label = PlanReview.Outcome(outcome).label
            oversight.record_decision(
                actor,
                current.person,
                review,
                decision=f"cin-plan-{outcome.replace('_', '-')}",
                decision_label=f"Child in need plan review: {label}",
                rationale=summary,
            )
            changes: dict[str, Any] = {
                "status": CINPlan.Status.ENDED,
                "ended_on": held_on,
                "next_review_due": None,
                "next_visit_due": None,
            }
        else:
            changes = {"next_review_due": clock.due("cin-plan-review", held_on).due}
        updated = update_versioned(current, current.version, {**changes, "updated_by": actor})
        audit.record(
            actor,
            AuditAction.CREATE,
            person_id=current.person_id,
            obj=review,
            summary=f"Child in need plan reviewed: {review.get_outcome_display().lower()}",
            after=audit.snapshot(review, REVIEW_FIELDS) | audit.snapshot(updated, PLAN_FIELDS),
        )
    return review


def _reanchor_visits(actor: Any, plan: CINPlan | None) -> None:
    """Rolling intervals re-anchor on the actual event (practice-rules.md 5d): the next visit is
    due `cin-visit` after the latest visit that saw the child, however late it was."""
    if plan is None or plan.status != CINPlan.Status.ACTIVE:
        return
    anchor = max(plan.started_on, _last_seen_visit_on(plan) or plan.started_on)
    due = clock.due("cin-visit", anchor).due
    if due != plan.next_visit_due:
        CINPlan.objects.filter(pk=plan.pk).update(next_visit_due=due, updated_at=timezone.now())


def record_visit(
    actor: Any,
    person: Person,
    *,
    visited_on: datetime.date,
    observations: str,
    voice: dict[str, Any],
    bedroom_seen: bool | None = None,
) -> Visit:
    """Record a visit to the child. It joins the child's active plan, whose next visit date is
    re-anchored on this one when the child was seen."""
    _not_future(visited_on, "visited_on", "date of the visit")
    if voice.get("child_seen") is None:
        raise RuleBroken("child_seen", "Say whether the child was seen")
    check_voice(voice, require=False)
    if not observations.strip():
        raise RuleBroken("observations", "Enter what you saw and heard")
    born = person.date_of_birth
    if born and visited_on < born:
        raise RuleBroken("visited_on", "The visit must be after the child's date of birth")
    with transaction.atomic():
        plan = (
            CINPlan.objects.select_for_update()
            .filter(person=person, status=CINPlan.Status.ACTIVE)
            .first()
        )
        visit = Visit.objects.create(
            person=person,
            plan=plan if plan is not None and visited_on >= plan.started_on else None,
            visited_on=visited_on,
            visited_by=actor,
            updated_by=actor,
            bedroom_seen=bedroom_seen,
            observations=observations.strip(),
            **{name: voice.get(name, "") for name in VOICE_FIELDS if name in voice},
        )
        _reanchor_visits(actor, visit.plan)
        audit.record(
            actor,
            AuditAction.CREATE,
            person_id=person.pk,
            obj=visit,
            summary="Visit recorded"
            + (": child seen" if visit.child_seen else ": child not seen")
            + (" alone" if visit.seen_alone else ""),
            after=audit.snapshot(visit, VISIT_FIELDS),
        )
    return visit


def edit_visit(actor: Any, visit: Visit, *, expected_version: int | None, **changes: Any) -> Visit:
    """Correct a visit. An edit from an old version is refused; the plan's next visit date is
    worked out again from the visits as they now stand."""
    unknown = set(changes) - set(VISIT_FIELDS)
    if unknown:
        raise ValueError(f"Cannot change {', '.join(sorted(unknown))} on a visit")
    merged = {name: changes.get(name, getattr(visit, name)) for name in VISIT_FIELDS}
    _not_future(merged["visited_on"], "visited_on", "date of the visit")
    if merged["child_seen"] is None:
        raise RuleBroken("child_seen", "Say whether the child was seen")
    check_voice(merged, require=False)
    if not str(merged["observations"]).strip():
        raise RuleBroken("observations", "Enter what you saw and heard")
    with transaction.atomic():
        plan = (
            CINPlan.objects.select_for_update().filter(pk=visit.plan_id).first()
            if visit.plan_id
            else None
        )
        if plan is not None and merged["visited_on"] < plan.started_on:
            raise RuleBroken("visited_on", "The visit must be on or after the plan started")
        before = audit.snapshot(visit, VISIT_FIELDS)
        updated = update_versioned(visit, expected_version, {**changes, "updated_by": actor})
        after = audit.snapshot(updated, VISIT_FIELDS)
        _reanchor_visits(actor, plan)
        audit.record(
            actor,
            AuditAction.UPDATE,
            person_id=visit.person_id,
            obj=updated,
            summary="Visit changed",
            before={key: value for key, value in before.items() if after.get(key) != value},
            after=audit.changed_fields(before, after),
        )
    return updated
