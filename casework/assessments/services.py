"""Writes to assessments. Each function is one thing a person does, in one transaction, with its
audit event; bad input raises RuleBroken naming the field, and nothing is written."""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from casework.assessments.models import EDITABLE_STATUSES, Assessment, check_factors
from casework.audit import services as audit
from casework.audit.models import Action
from casework.cases.models import Episode, PrimaryNeed
from casework.cases.outside_home import OUTSIDE_HOME_FIELDS, check_outside_home
from casework.cases.voice import VOICE_FIELDS, Helper, Participation, check_voice
from casework.common.errors import RuleBroken, StaleVersion
from casework.common.versioning import update_versioned
from casework.oversight import services as oversight

TEXT_FIELDS = (
    "developmental_needs",
    "parenting_capacity",
    "family_environment",
    "strengths",
    "risks",
    "analysis",
    "late_reason",
)
EDITABLE_FIELDS = (
    "started_on",
    "child_seen_on",
    *TEXT_FIELDS,
    "factors",
    "outcome",
    *VOICE_FIELDS,
    # The screening is given as the list of risks ticked and stored as one flag each.
    "outside_home",
)
AUDITED_FIELDS = (
    *(name for name in EDITABLE_FIELDS if name != "outside_home"),
    *OUTSIDE_HOME_FIELDS,
    "status",
)
DOMAINS = (
    ("developmental_needs", "Enter the child's developmental needs"),
    ("parenting_capacity", "Enter what you found about parenting capacity"),
    ("family_environment", "Enter the family and environmental factors"),
)


def _check_started_on(episode: Episode, started_on: datetime.date) -> None:
    """CIN census rule 1103: an assessment starts on or after the referral date."""
    if started_on < episode.referral_date:
        raise RuleBroken(
            "started_on",
            "The assessment must start on or after the referral date, "
            f"{episode.referral_date.day} {episode.referral_date:%B %Y}",
        )
    if started_on > timezone.localdate():
        raise RuleBroken("started_on", "The start date must be today or in the past")


def _check_seen_on(episode: Episode, seen_on: datetime.date | None) -> None:
    if seen_on is None:
        return
    if seen_on < episode.referral_date:
        raise RuleBroken(
            "child_seen_on", "The date the child was seen must be on or after the referral date"
        )
    if seen_on > timezone.localdate():
        raise RuleBroken("child_seen_on", "The date the child was seen must be today or earlier")


def _locked(assessment: Assessment, expected_version: int | None) -> Assessment:
    current = Assessment.objects.select_for_update().select_related("episode").get(pk=assessment.pk)
    if expected_version is not None and current.version != expected_version:
        raise StaleVersion(current)
    return current


def start_assessment(actor: Any, episode: Episode, started_on: datetime.date) -> Assessment:
    """Start the child and family assessment on an open referral. Its due and target dates are
    the ones the `assessment` clock stored on the episode when the referral opened (Working
    Together 2023: 45 working days from the referral, not from the start of the assessment)."""
    _check_started_on(episode, started_on)
    with transaction.atomic():
        current = Episode.objects.select_for_update().get(pk=episode.pk)
        if current.status != Episode.Status.OPEN:
            raise RuleBroken("episode", "The referral is closed; an assessment cannot start")
        if (
            Assessment.objects.filter(episode=current)
            .exclude(status=Assessment.Status.AUTHORISED)
            .exists()
        ):
            raise RuleBroken("episode", "An assessment is already open for this referral")
        assessment = Assessment.objects.create(
            person_id=current.person_id,
            episode=current,
            started_on=started_on,
            due_on=current.assessment_due,
            target_on=current.assessment_target,
            created_by=actor,
            updated_by=actor,
        )
        audit.record(
            actor,
            Action.CREATE,
            person_id=current.person_id,
            obj=assessment,
            summary="Started the child and family assessment",
            after=audit.snapshot(assessment, ("started_on", "due_on", "target_on", "status")),
        )
    return assessment


def _clean_changes(current: Assessment, changes: dict[str, Any]) -> dict[str, Any]:
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Cannot change {', '.join(sorted(unknown))} on an assessment")
    cleaned = dict(changes)
    for name in (*TEXT_FIELDS, "not_seen_alone_reason", "views", "views_not_gathered_reason"):
        if name in cleaned:
            cleaned[name] = (cleaned[name] or "").strip()
    if "started_on" in cleaned:
        _check_started_on(current.episode, cleaned["started_on"])
    if "child_seen_on" in cleaned:
        _check_seen_on(current.episode, cleaned["child_seen_on"])
    if "factors" in cleaned:
        cleaned["factors"] = check_factors(cleaned["factors"] or [])
    if "outside_home" in cleaned:
        cleaned.update(check_outside_home(cleaned.pop("outside_home") or []))
    if cleaned.get("outcome") and cleaned["outcome"] not in Assessment.Outcome.values:
        raise RuleBroken("outcome", "Select an outcome from the list")
    if cleaned.get("participation") and cleaned["participation"] not in Participation.values:
        raise RuleBroken("participation", "Select how the child took part from the list")
    if cleaned.get("helped_by") and cleaned["helped_by"] not in Helper.values:
        raise RuleBroken("helped_by", "Select who helped the child from the list")
    voice = {name: cleaned.get(name, getattr(current, name)) for name in VOICE_FIELDS}
    check_voice(voice, require=False)
    return cleaned


def update_assessment(
    actor: Any, assessment: Assessment, expected_version: int | None, **fields: Any
) -> Assessment:
    """Save changes to a draft (or returned) assessment, refusing an edit made from an older
    version so that nobody overwrites a colleague's words."""
    with transaction.atomic():
        current = _locked(assessment, expected_version)
        if current.status not in EDITABLE_STATUSES:
            raise RuleBroken(
                "status",
                f"This assessment is {current.get_status_display().lower()}; "
                "only a draft or a returned assessment can be changed",
            )
        changes = _clean_changes(current, fields)
        before = audit.snapshot(current, AUDITED_FIELDS)
        updated = update_versioned(current, current.version, {**changes, "updated_by": actor})
        after = audit.snapshot(updated, AUDITED_FIELDS)
        audit.record(
            actor,
            Action.UPDATE,
            person_id=updated.person_id,
            obj=updated,
            summary="Changed the assessment",
            before={k: v for k, v in before.items() if after.get(k) != v},
            after=audit.changed_fields(before, after),
        )
    return updated


def missing_for_submission(assessment: Assessment, today: datetime.date) -> list[tuple[str, str]]:
    """Everything that stops `assessment` being submitted, as (field, what to do) pairs, in the
    order of the form. The submit page lists them; `submit_assessment` refuses the first."""
    missing = [
        (name, message)
        for name, message in DOMAINS
        if not str(getattr(assessment, name) or "").strip()
    ]
    try:
        # Children Act 1989 s17(4A): the child's wishes and feelings before deciding.
        check_voice({name: getattr(assessment, name) for name in VOICE_FIELDS}, require=True)
    except RuleBroken as broken:
        missing.append((broken.field, broken.message))
    if assessment.child_seen and assessment.child_seen_on is None:
        missing.append(("child_seen_on", "Enter the date the child was seen"))
    if not assessment.factors:
        missing.append(("factors", "Select the factors identified, or 'No factors identified'"))
    else:
        try:
            check_factors(assessment.factors)
        except RuleBroken as broken:
            missing.append((broken.field, broken.message))
    if not assessment.outcome:
        missing.append(("outcome", "Select the outcome you propose"))
    # Working Together 2023: an assessment that runs beyond its timescale needs the reason
    # recorded. The target date is the stricter one the DfE validator checks.
    if today > assessment.target_on and not assessment.late_reason.strip():
        missing.append(
            (
                "late_reason",
                "The assessment is past its target date of "
                f"{assessment.target_on.day} {assessment.target_on:%B %Y}: "
                "say why it took longer",
            )
        )
    return missing


def submit_assessment(
    actor: Any, assessment: Assessment, expected_version: int | None
) -> Assessment:
    """The worker sends the finished assessment to their manager for authorisation."""
    with transaction.atomic():
        current = _locked(assessment, expected_version)
        if current.status not in EDITABLE_STATUSES:
            raise RuleBroken(
                "status", f"This assessment is already {current.get_status_display().lower()}"
            )
        missing = missing_for_submission(current, timezone.localdate())
        if missing:
            raise RuleBroken(*missing[0])
        updated = update_versioned(
            current,
            current.version,
            {
                "status": Assessment.Status.SUBMITTED,
                "submitted_at": timezone.now(),
                "submitted_by": actor,
                "updated_by": actor,
            },
        )
        audit.record(
            actor,
            Action.UPDATE,
            person_id=updated.person_id,
            obj=updated,
            summary="Submitted the assessment for authorisation",
            after=audit.snapshot(updated, ("status", "submitted_at", "factors", "outcome")),
        )
    return updated


def _check_may_decide(actor: Any, current: Assessment) -> None:
    if not oversight.may_decide(actor):
        raise RuleBroken("decided_by", "Only a team manager can return or authorise an assessment")
    if current.status != Assessment.Status.SUBMITTED:
        raise RuleBroken(
            "status",
            f"This assessment is {current.get_status_display().lower()}; only a submitted "
            "assessment can be returned or authorised",
        )


def return_assessment(actor: Any, assessment: Assessment, *, comments: str) -> Assessment:
    """A manager sends the assessment back to the worker with comments, recorded as a
    management decision; the worker can then change it and submit it again."""
    if not comments.strip():
        raise RuleBroken("comments", "Enter your comments for the worker")
    with transaction.atomic():
        current = _locked(assessment, None)
        _check_may_decide(actor, current)
        oversight.record_decision(
            actor,
            current.person,
            current,
            decision="returned",
            decision_label="Assessment returned to the worker",
            rationale=comments,
        )
        updated = update_versioned(
            current,
            current.version,
            {
                "status": Assessment.Status.RETURNED,
                "manager_comments": comments.strip(),
                "updated_by": actor,
            },
        )
        audit.record(
            actor,
            Action.UPDATE,
            person_id=updated.person_id,
            obj=updated,
            summary="Returned the assessment to the worker",
            after=audit.snapshot(updated, ("status", "manager_comments")),
        )
    return updated


# Outcomes after which the child stays a child in need and the census wants a primary need.
STILL_IN_NEED = frozenset({"cin_plan", "strategy_discussion", "looked_after"})


def authorise_assessment(
    actor: Any,
    assessment: Assessment,
    *,
    outcome: str,
    rationale: str,
    risks_identified: str,
    next_steps: str = "",
    primary_need: str = "",
) -> Assessment:
    """A manager authorises the assessment with its outcome. Working Together 2023 asks for the
    decision to be a manager's, with reasons: the management decision is written first, in the
    same transaction, and the assessment links to it (a database constraint refuses an
    authorised assessment without one)."""
    if outcome not in Assessment.Outcome.values:
        raise RuleBroken("outcome", "Select the outcome of the assessment")
    if not rationale.strip():
        raise RuleBroken("rationale", "Enter the rationale for the decision")
    if not risks_identified.strip():
        raise RuleBroken(
            "risks_identified", "Enter the risks you identified, or say that there are none"
        )
    if primary_need and primary_need not in PrimaryNeed.values:
        raise RuleBroken("primary_need", "Select the child's primary need from the list")
    if outcome in STILL_IN_NEED and not primary_need:
        raise RuleBroken("primary_need", "Select the child's primary need: the census asks for it")
    with transaction.atomic():
        current = _locked(assessment, None)
        _check_may_decide(actor, current)
        if primary_need:
            Episode.objects.filter(pk=current.episode_id).update(primary_need=primary_need)
        label = Assessment.Outcome(outcome).label
        decision = oversight.record_decision(
            actor,
            current.person,
            current,
            decision="authorised",
            decision_label=f"Assessment authorised: {label}",
            rationale=rationale,
            risks_identified=risks_identified,
            next_steps=next_steps,
        )
        updated = update_versioned(
            current,
            current.version,
            {
                "status": Assessment.Status.AUTHORISED,
                "outcome": outcome,
                "authorised_at": decision.decided_at,
                "authorised_by": actor,
                "authorisation": decision,
                "updated_by": actor,
            },
        )
        audit.record(
            actor,
            Action.UPDATE,
            person_id=updated.person_id,
            obj=updated,
            summary=f"Authorised the assessment: {label}",
            after=audit.snapshot(updated, ("status", "outcome", "authorised_at")),
        )
    return updated
