"""Writes to the child protection record. Each function is one thing a person does, in one
transaction, with its audit event and, where a manager decides, its management decision. Bad
input raises RuleBroken naming the field and writes nothing. Due dates come only from
`casework.common.clock.due`."""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from casework.accounts.models import Role
from casework.audit import services as audit
from casework.audit.models import Action as AuditAction
from casework.cases.models import Allocation, Episode
from casework.cases.outside_home import OUTSIDE_HOME_FIELDS, check_outside_home
from casework.cases.voice import VOICE_FIELDS, check_voice
from casework.common import clock
from casework.common.errors import RuleBroken, StaleVersion
from casework.common.versioning import update_versioned
from casework.frontdoor.models import Contact, ContactSubject
from casework.lib.clock import due_dates, get_rule
from casework.oversight import services as oversight
from casework.people import services as people_services
from casework.people.models import Person
from casework.protection.models import (
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

DISCUSSION_FIELDS = (
    "held_at",
    "decision",
    "information_shared",
    "risks_identified",
    *OUTSIDE_HOME_FIELDS,
)
S47_FIELDS = (
    "started_on",
    "icpc_due",
    "icpc_target",
    "status",
    "child_seen_on",
    "findings",
    "outcome",
    "completed_on",
)
CONFERENCE_FIELDS = ("kind", "held_on", "decision", "category", "participation", "finalised_at")
CONFERENCE_RECORD_FIELDS = (
    "held_on",
    "agencies_invited",
    "agencies_attended",
    "family_invited",
    "family_attended",
    "reports_received",
)
CORE_GROUP_FIELDS = ("held_on", "attendees", "progress")
VISIT_FIELDS = ("visited_on", "bedroom_seen", "observations", *VOICE_FIELDS)
PLAN_FIELDS = (
    "status",
    "started_on",
    "latest_category",
    "first_core_group_due",
    "next_core_group_due",
    "next_review_due",
    "next_visit_due",
    "visit_frequency_days",
    "outline",
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


def _aware(value: datetime.datetime) -> datetime.datetime:
    # A time typed without a zone is council time, as people write it.
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def _outside_home(values: Iterable[str]) -> set[str]:
    return {name for name, ticked in check_outside_home(values).items() if ticked}


def _check_version(current: Any, expected_version: int | None) -> None:
    """An edit made from an older version than the one saved is refused, showing theirs."""
    if expected_version is not None and current.version != expected_version:
        raise StaleVersion(current)


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
    contact: Contact | None = None,
) -> StrategyDiscussion:
    """A team manager records a strategy discussion and its decision as a management decision.
    A decision to start a section 47 enquiry starts one, anchoring the ICPC clock on the day of
    this discussion (Working Together 2023, ch. 2; practice-rules.md 1b). If an enquiry is
    already open, a further discussion does not start another or move its dates. `contact` is
    the front-door contact about this child that led to it, when the risk was immediate."""
    held_at = _aware(held_at)
    if held_at > timezone.now():
        raise RuleBroken("held_at", "The discussion must be now or in the past")
    check_participants(participants)
    information = _required_text(information_shared, "information_shared", "Enter what was shared")
    risks = _required_text(risks_identified, "risks_identified", "Enter the risks identified")
    if decision not in StrategyDiscussion.Decision.values:
        raise RuleBroken("decision", "Select the decision")
    flags = _outside_home(outside_home)
    if not oversight.may_decide(actor):
        raise RuleBroken("decision", "Only a team manager can record the strategy decision")
    _required_text(rationale, "rationale", "Enter the rationale for the decision")
    if (
        contact is not None
        and not ContactSubject.objects.filter(contact=contact, person=person).exists()
    ):
        raise RuleBroken("contact", f"That contact is not about {person.full_name}")
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
            contact=contact,
            recorded_by=actor,
            updated_by=actor,
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


def edit_strategy_discussion(
    actor: Any,
    discussion: StrategyDiscussion,
    *,
    expected_version: int | None,
    held_at: datetime.datetime,
    participants: Sequence[ParticipantIn],
    information_shared: str,
    risks_identified: str,
    outside_home: Iterable[str] = (),
) -> StrategyDiscussion:
    """Correct the record of a discussion: when and who, what was shared, the risks and the
    screening. The decision is a management decision and is not edited; a new decision is a
    new discussion. Correcting the date of the discussion that started an enquiry moves its
    ICPC dates with it (they are anchored on that discussion), until the conference is held."""
    held_at = _aware(held_at)
    if held_at > timezone.now():
        raise RuleBroken("held_at", "The discussion must be now or in the past")
    check_participants(participants)
    information = _required_text(information_shared, "information_shared", "Enter what was shared")
    risks = _required_text(risks_identified, "risks_identified", "Enter the risks identified")
    flags = _outside_home(outside_home)
    if not oversight.may_decide(actor):
        raise RuleBroken("held_at", "Only a team manager can change the strategy discussion")
    held_on = timezone.localdate(held_at)
    with transaction.atomic():
        current = (
            StrategyDiscussion.objects.select_for_update()
            .select_related("episode")
            .get(pk=discussion.pk)
        )
        _check_version(current, expected_version)
        if held_on < current.episode.referral_date:
            raise RuleBroken("held_at", "The discussion must be on or after the referral date")
        enquiry = Section47.objects.select_for_update().filter(strategy_discussion=current).first()
        moves_clock = enquiry is not None and held_on != enquiry.started_on
        if moves_clock and enquiry is not None:
            if enquiry.icpc_held_on is not None:
                raise RuleBroken(
                    "held_at",
                    "The initial conference has been held, so the date of the discussion that "
                    "started the enquiry can no longer change",
                )
            if enquiry.completed_on is not None and enquiry.completed_on < held_on:
                raise RuleBroken("held_at", "The enquiry it started was completed before then")
        before = audit.snapshot(current, DISCUSSION_FIELDS)
        updated = update_versioned(
            current,
            current.version,
            {
                "held_at": held_at,
                "information_shared": information,
                "risks_identified": risks,
                "updated_by": actor,
                **{name: name in flags for name in OUTSIDE_HOME_FIELDS},
            },
        )
        Participant.objects.filter(discussion=current).delete()
        Participant.objects.bulk_create(
            Participant(
                discussion=current,
                agency=p.agency,
                name=p.name.strip(),
                invited=p.invited,
                attended=p.attended,
            )
            for p in participants
        )
        if moves_clock and enquiry is not None:
            dates = clock.due("icpc", held_on)
            Section47.objects.filter(pk=enquiry.pk).update(
                started_on=held_on,
                icpc_due=dates.due,
                icpc_target=dates.target,
                version=F("version") + 1,
                updated_by=actor,
                updated_at=timezone.now(),
            )
        after = audit.snapshot(updated, DISCUSSION_FIELDS)
        audit.record(
            actor,
            AuditAction.UPDATE,
            person_id=current.person_id,
            obj=updated,
            summary="Strategy discussion changed"
            + ("; the ICPC dates moved with it" if moves_clock else ""),
            before={key: value for key, value in before.items() if after.get(key) != value},
            after=audit.changed_fields(before, after),
        )
    return updated


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


def update_section47(
    actor: Any,
    enquiry: Section47,
    *,
    expected_version: int | None,
    child_seen_on: datetime.date | None,
    findings: str,
    outcome: str = "",
    completed_on: datetime.date | None = None,
) -> Section47:
    """The worker writes up the enquiry. Without an outcome it stays in progress (findings can
    be saved as they are gathered); with one it is completed and waits for a manager to
    authorise it. Once authorised it cannot change."""
    if outcome and outcome not in Section47.Outcome.values:
        raise RuleBroken("outcome", "Select the outcome")
    if outcome and completed_on is None:
        raise RuleBroken("completed_on", "Enter the date the enquiry was completed")
    if completed_on is not None and not outcome:
        raise RuleBroken("outcome", "Select the outcome of the completed enquiry")
    text = _required_text(
        findings,
        "findings",
        "Enter what the enquiry found" if outcome else "Enter what the enquiry has found so far",
    )
    if completed_on is not None:
        _not_future(completed_on, "completed_on", "completion date")
    with transaction.atomic():
        current = Section47.objects.select_for_update().get(pk=enquiry.pk)
        _check_version(current, expected_version)
        if current.status == Section47.Status.AUTHORISED:
            raise RuleBroken("outcome", "This enquiry has been authorised; it cannot change")
        if completed_on is not None and completed_on < current.started_on:
            raise RuleBroken("completed_on", "The enquiry must end on or after it started")
        if child_seen_on is not None:
            _not_future(child_seen_on, "child_seen_on", "date the child was seen")
            if child_seen_on < current.started_on:
                raise RuleBroken("child_seen_on", "The child was seen after the enquiry started")
        before = audit.snapshot(current, S47_FIELDS)
        updated = update_versioned(
            current,
            current.version,
            {
                "child_seen_on": child_seen_on,
                "findings": text,
                "outcome": outcome,
                "completed_on": completed_on,
                "status": Section47.Status.COMPLETED if outcome else Section47.Status.OPEN,
                "updated_by": actor,
            },
        )
        after = audit.snapshot(updated, S47_FIELDS)
        audit.record(
            actor,
            AuditAction.UPDATE,
            person_id=current.person_id,
            obj=updated,
            summary=f"Section 47 outcome: {updated.get_outcome_display().lower()}"
            if outcome
            else "Section 47 findings saved",
            before={key: value for key, value in before.items() if after.get(key) != value},
            after=audit.changed_fields(before, after),
        )
    return updated


def record_section47_outcome(
    actor: Any,
    enquiry: Section47,
    *,
    child_seen_on: datetime.date | None,
    findings: str,
    outcome: str,
    completed_on: datetime.date,
    expected_version: int | None = None,
) -> Section47:
    """The worker records what the enquiry found and its outcome; a manager then authorises
    it."""
    if outcome not in Section47.Outcome.values:
        raise RuleBroken("outcome", "Select the outcome")
    return update_section47(
        actor,
        enquiry,
        expected_version=expected_version,
        child_seen_on=child_seen_on,
        findings=findings,
        outcome=outcome,
        completed_on=completed_on,
    )


def authorise_section47(
    actor: Any, enquiry: Section47, *, rationale: str, expected_version: int | None = None
) -> Section47:
    """A team manager authorises the outcome with a management decision. An outcome that needs
    no conference takes the enquiry off the ICPC tray. Authorising from an older version than
    the one saved (the worker changed the findings meanwhile) is refused."""
    with transaction.atomic():
        current = Section47.objects.select_for_update().get(pk=enquiry.pk)
        _check_version(current, expected_version)
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
        updated = update_versioned(
            current,
            current.version,
            {
                "status": Section47.Status.AUTHORISED,
                "authorisation": decision,
                "awaiting_icpc": current.awaiting_icpc and current.outcome not in NO_ICPC_OUTCOMES,
                "updated_by": actor,
            },
        )
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


def _check_conference_date(
    held_on: datetime.date, section47: Section47 | None, plan: ChildProtectionPlan | None
) -> None:
    if section47 is not None and held_on < section47.started_on:
        raise RuleBroken(
            "held_on",
            "The conference cannot be before the strategy discussion that started the "
            f"enquiry ({section47.started_on:%-d %B %Y})",
        )
    if plan is not None and held_on < plan.started_on:
        raise RuleBroken(
            "held_on", f"A review cannot be before the plan started ({plan.started_on:%-d %B %Y})"
        )


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
        elif kind == Conference.Kind.REVIEW:
            plan = ChildProtectionPlan.objects.filter(
                person=person, status=ChildProtectionPlan.Status.ACTIVE
            ).first()
            if plan is None:
                raise RuleBroken("kind", "There is no active plan to review")
        elif person.expected_date_of_birth is None:
            raise RuleBroken(
                "kind", "A pre-birth conference is for an unborn child with an expected birth date"
            )
        _check_conference_date(held_on, section47, plan)
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


def edit_conference(
    actor: Any,
    conference: Conference,
    *,
    expected_version: int | None,
    held_on: datetime.date,
    agencies_invited: Iterable[str] = (),
    agencies_attended: Iterable[str] = (),
    family_invited: str = "",
    family_attended: str = "",
    reports_received: str = "",
) -> Conference:
    """Correct a conference's record before it is finalised. An independent reviewing officer
    does it, under the same rules as recording it."""
    _not_future(held_on, "held_on", "date of the conference")
    check_chair(actor, conference.person)
    invited = _agencies(agencies_invited, "agencies_invited")
    attended = _agencies(agencies_attended, "agencies_attended")
    if set(attended) - set(invited):
        raise RuleBroken("agencies_attended", "An agency that attended was also invited")
    with transaction.atomic():
        # Locks the conference row only: PostgreSQL cannot lock the nullable side of the joins
        # select_related would add, so the enquiry or plan is read after.
        current = Conference.objects.select_for_update().get(pk=conference.pk)
        _check_version(current, expected_version)
        if current.is_finalised:
            raise RuleBroken("held_on", "This conference has been finalised; it cannot change")
        _check_conference_date(held_on, current.section47, current.plan)
        before = audit.snapshot(current, CONFERENCE_RECORD_FIELDS)
        updated = update_versioned(
            current,
            current.version,
            {
                "held_on": held_on,
                "agencies_invited": invited,
                "agencies_attended": attended,
                "family_invited": family_invited.strip(),
                "family_attended": family_attended.strip(),
                "reports_received": reports_received.strip(),
                "updated_by": actor,
            },
        )
        after = audit.snapshot(updated, CONFERENCE_RECORD_FIELDS)
        audit.record(
            actor,
            AuditAction.UPDATE,
            person_id=current.person_id,
            obj=updated,
            summary=f"{updated.get_kind_display()} changed",
            before={key: value for key, value in before.items() if after.get(key) != value},
            after=audit.changed_fields(before, after),
        )
    return updated


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
    expected_version: int | None = None,
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
        _check_version(current, expected_version)
        if current.is_finalised:
            raise RuleBroken("decision", "This conference has already been finalised")
        update_versioned(
            current,
            current.version,
            {
                "parents_views": views,
                "decision": decision,
                "category": category,
                "core_group_members": core_group_members.strip(),
                "finalised_at": timezone.now(),
                "updated_by": actor,
                **{name: voice.get(name, "") for name in VOICE_FIELDS if name in voice},
            },
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


def _visit_due(start: datetime.date, frequency_days: int) -> datetime.date:
    """The next CP visit: the `cp-visit` rule with the frequency set in this child's plan
    (Working Together 2023: the plan sets how often the child is seen)."""
    return due_dates(get_rule("cp-visit"), start, clock.working_calendar(), frequency_days).due


def first_review_due(
    started_on: datetime.date, *, pre_birth: bool, born_on: datetime.date | None
) -> datetime.date:
    """The first review conference: `first-rcpc` after the initial conference; for a plan made
    before birth, the birth starts `pre-birth-rcpc` too and the sooner date wins (Tees child
    protection procedures; practice-rules.md 1b)."""
    due = clock.due("first-rcpc", started_on).due
    if pre_birth and born_on is not None:
        due = min(due, clock.due("pre-birth-rcpc", born_on).due)
    return due


def _start_plan(actor: Any, conference: Conference, outline: str) -> ChildProtectionPlan:
    """The plan starts on the conference date (CIN census rule 2885). The first core group is due
    by `first-core-group`, the first review by `first-rcpc` and the first visit by `cp-visit`."""
    if ChildProtectionPlan.objects.filter(
        person_id=conference.person_id, status=ChildProtectionPlan.Status.ACTIVE
    ).exists():
        raise RuleBroken("decision", "The child already has an active child protection plan")
    start = conference.held_on
    first_core_group = clock.due("first-core-group", start).due
    frequency = clock.rule_amount("cp-visit")
    born_on = Person.objects.filter(pk=conference.person_id).values_list(
        "date_of_birth", flat=True
    )[0]
    plan = ChildProtectionPlan.objects.create(
        person_id=conference.person_id,
        initial_conference=conference,
        started_on=start,
        initial_category=conference.category,
        latest_category=conference.category,
        outline=outline.strip(),
        visit_frequency_days=frequency,
        first_core_group_due=first_core_group,
        next_core_group_due=first_core_group,
        next_review_due=first_review_due(
            start, pre_birth=conference.kind == Conference.Kind.PRE_BIRTH, born_on=born_on
        ),
        next_visit_due=_visit_due(start, frequency),
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
            # Ending is a change to the plan itself: an edit begun before it must not win.
            "version": F("version") + 1,
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


def edit_plan(
    actor: Any,
    plan: ChildProtectionPlan,
    *,
    expected_version: int | None,
    outline: str,
    visit_frequency_days: int,
) -> ChildProtectionPlan:
    """Change the outline plan or how often the child is visited. A new frequency moves the
    next visit: it is worked out again from the last visit that saw the child (or the start)."""
    if not isinstance(visit_frequency_days, int) or not 1 <= visit_frequency_days <= 60:
        raise RuleBroken(
            "visit_frequency_days", "Enter how often the child is visited: 1 to 60 working days"
        )
    with transaction.atomic():
        current = _locked_active(plan, "outline")
        _check_version(current, expected_version)
        before = audit.snapshot(current, PLAN_FIELDS)
        changes: dict[str, Any] = {
            "outline": outline.strip(),
            "visit_frequency_days": visit_frequency_days,
            "updated_by": actor,
        }
        if visit_frequency_days != current.visit_frequency_days:
            changes["next_visit_due"] = _visit_due(
                _last_seen(current) or current.started_on, visit_frequency_days
            )
        updated = update_versioned(current, current.version, changes)
        after = audit.snapshot(updated, PLAN_FIELDS)
        audit.record(
            actor,
            AuditAction.UPDATE,
            person_id=current.person_id,
            obj=updated,
            summary="Child protection plan changed",
            before={key: value for key, value in before.items() if after.get(key) != value},
            after=audit.changed_fields(before, after),
        )
    return updated


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


def _reanchor_core_groups(actor: Any, plan: ChildProtectionPlan) -> None:
    """The next core group is due `core-group` after the latest one held, or on the first core
    group date while none has been held."""
    latest = CoreGroupMeeting.objects.filter(plan=plan).aggregate(last=Max("held_on"))["last"]
    due = clock.due("core-group", latest).due if latest else plan.first_core_group_due
    ChildProtectionPlan.objects.filter(pk=plan.pk).update(
        next_core_group_due=due, updated_by=actor, updated_at=timezone.now()
    )


def _check_core_group(held_on: datetime.date, attendees: str, progress: str) -> tuple[str, str]:
    _not_future(held_on, "held_on", "date of the meeting")
    people = _required_text(attendees, "attendees", "Enter who attended")
    text = _required_text(progress, "progress", "Enter the progress against the plan")
    return people, text


def record_core_group(
    actor: Any,
    plan: ChildProtectionPlan,
    *,
    held_on: datetime.date,
    attendees: str,
    progress: str,
) -> CoreGroupMeeting:
    """A core group meeting re-anchors the next one on the day it was held (`core-group`)."""
    people, text = _check_core_group(held_on, attendees, progress)
    with transaction.atomic():
        current = _locked_active(plan, "held_on")
        if held_on < current.started_on:
            raise RuleBroken("held_on", "The meeting must be on or after the plan started")
        meeting = CoreGroupMeeting.objects.create(
            plan=current,
            held_on=held_on,
            attendees=people,
            progress=text,
            recorded_by=actor,
            updated_by=actor,
        )
        _reanchor_core_groups(actor, current)
        audit.record(
            actor,
            AuditAction.CREATE,
            person_id=current.person_id,
            obj=meeting,
            summary="Core group meeting recorded",
            after=audit.snapshot(meeting, CORE_GROUP_FIELDS),
        )
    return meeting


def edit_core_group(
    actor: Any,
    meeting: CoreGroupMeeting,
    *,
    expected_version: int | None,
    held_on: datetime.date,
    attendees: str,
    progress: str,
) -> CoreGroupMeeting:
    """Correct a core group's record; a new date moves the next one with it."""
    people, text = _check_core_group(held_on, attendees, progress)
    with transaction.atomic():
        current_plan = _locked_active(meeting.plan, "held_on")
        current = CoreGroupMeeting.objects.select_for_update().get(pk=meeting.pk)
        _check_version(current, expected_version)
        if held_on < current_plan.started_on:
            raise RuleBroken("held_on", "The meeting must be on or after the plan started")
        before = audit.snapshot(current, CORE_GROUP_FIELDS)
        updated = update_versioned(
            current,
            current.version,
            {"held_on": held_on, "attendees": people, "progress": text, "updated_by": actor},
        )
        _reanchor_core_groups(actor, current_plan)
        after = audit.snapshot(updated, CORE_GROUP_FIELDS)
        audit.record(
            actor,
            AuditAction.UPDATE,
            person_id=current_plan.person_id,
            obj=updated,
            summary="Core group meeting changed",
            before={key: value for key, value in before.items() if after.get(key) != value},
            after=audit.changed_fields(before, after),
        )
    return updated


def _last_seen(plan: ChildProtectionPlan) -> datetime.date | None:
    last: datetime.date | None = CPVisit.objects.filter(plan=plan, child_seen=True).aggregate(
        last=Max("visited_on")
    )["last"]
    return last


def _reanchor_visits(plan: ChildProtectionPlan) -> None:
    """A visit that saw the child re-anchors the next one on its date (`cp-visit`, at the plan's
    frequency; practice-rules.md 5d: rolling intervals re-anchor on the actual event). A visit
    that did not see the child does not count."""
    start = _last_seen(plan) or plan.started_on
    ChildProtectionPlan.objects.filter(pk=plan.pk).update(
        next_visit_due=_visit_due(start, plan.visit_frequency_days), updated_at=timezone.now()
    )


def _check_visit(
    visited_on: datetime.date, observations: str, voice: dict[str, Any]
) -> tuple[str, dict[str, Any]]:
    _not_future(visited_on, "visited_on", "date of the visit")
    if voice.get("child_seen") is None:
        raise RuleBroken("child_seen", "Say whether the child was seen")
    check_voice(voice, require=False)
    text = _required_text(observations, "observations", "Enter what you saw and heard")
    return text, {name: voice.get(name, "") for name in VOICE_FIELDS if name in voice}


def record_cp_visit(
    actor: Any,
    plan: ChildProtectionPlan,
    *,
    visited_on: datetime.date,
    observations: str,
    voice: dict[str, Any],
    bedroom_seen: bool | None = None,
) -> CPVisit:
    """A home visit under the plan: child seen, seen alone, bedroom seen. A visit that saw the
    child moves the next one on."""
    text, voice_values = _check_visit(visited_on, observations, voice)
    with transaction.atomic():
        current = _locked_active(plan, "visited_on")
        if visited_on < current.started_on:
            raise RuleBroken("visited_on", "The visit must be on or after the plan started")
        visit = CPVisit.objects.create(
            person_id=current.person_id,
            plan=current,
            visited_on=visited_on,
            visited_by=actor,
            updated_by=actor,
            bedroom_seen=bedroom_seen,
            observations=text,
            **voice_values,
        )
        _reanchor_visits(current)
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


def edit_cp_visit(
    actor: Any,
    visit: CPVisit,
    *,
    expected_version: int | None,
    visited_on: datetime.date,
    observations: str,
    voice: dict[str, Any],
    bedroom_seen: bool | None = None,
) -> CPVisit:
    """Correct a visit's record; the next visit date is worked out again from the visits as they
    now stand."""
    text, voice_values = _check_visit(visited_on, observations, voice)
    with transaction.atomic():
        current_plan = _locked_active(visit.plan, "visited_on")
        current = CPVisit.objects.select_for_update().get(pk=visit.pk)
        _check_version(current, expected_version)
        if visited_on < current_plan.started_on:
            raise RuleBroken("visited_on", "The visit must be on or after the plan started")
        before = audit.snapshot(current, VISIT_FIELDS)
        updated = update_versioned(
            current,
            current.version,
            {
                "visited_on": visited_on,
                "observations": text,
                "bedroom_seen": bedroom_seen,
                "updated_by": actor,
                **voice_values,
            },
        )
        _reanchor_visits(current_plan)
        after = audit.snapshot(updated, VISIT_FIELDS)
        audit.record(
            actor,
            AuditAction.UPDATE,
            person_id=current_plan.person_id,
            obj=updated,
            summary="Child protection visit changed",
            before={key: value for key, value in before.items() if after.get(key) != value},
            after=audit.changed_fields(before, after),
        )
    return updated


def end_plan(
    actor: Any,
    plan: ChildProtectionPlan,
    *,
    ended_on: datetime.date,
    reason: str,
    expected_version: int | None = None,
) -> ChildProtectionPlan:
    _not_future(ended_on, "ended_on", "end date")
    text = _required_text(reason, "end_reason", "Enter why the plan ended")
    with transaction.atomic():
        current = _locked_active(plan, "ended_on")
        _check_version(current, expected_version)
        if ended_on < current.started_on:
            raise RuleBroken(
                "ended_on",
                f"The plan cannot end before it started ({current.started_on:%-d %B %Y})",
            )
        ended = update_versioned(
            current,
            current.version,
            {
                "status": ChildProtectionPlan.Status.ENDED,
                "ended_on": ended_on,
                "end_reason": text,
                "next_review_due": None,
                "next_visit_due": None,
                "next_core_group_due": None,
                "updated_by": actor,
            },
        )
        audit.record(
            actor,
            AuditAction.UPDATE,
            person_id=current.person_id,
            obj=ended,
            summary="Child protection plan ended",
            after=audit.snapshot(ended, PLAN_FIELDS),
        )
    return ended


def record_birth(
    actor: Any,
    plan: ChildProtectionPlan,
    *,
    born_on: datetime.date,
    expected_version: int | None,
) -> ChildProtectionPlan:
    """Record the birth of a child whose plan was made at a pre-birth conference. The birth
    starts the `pre-birth-rcpc` clock: the first review is due within 10 working days of the
    birth or 3 months of the conference, whichever is sooner (practice-rules.md 1b). Once a
    review has been held the birth no longer moves the next one. `expected_version` is the
    version of the child's record the person started from."""
    _not_future(born_on, "born_on", "date of birth")
    with transaction.atomic():
        current = _locked_active(plan, "born_on")
        conference = current.initial_conference
        if conference.kind != Conference.Kind.PRE_BIRTH:
            raise RuleBroken("born_on", "This plan was not made at a pre-birth conference")
        person = Person.objects.select_for_update().get(pk=current.person_id)
        if person.date_of_birth is not None:
            raise RuleBroken("born_on", f"{person.full_name}'s birth is already recorded")
        if born_on < conference.held_on:
            raise RuleBroken(
                "born_on",
                "The birth must be on or after the pre-birth conference "
                f"({conference.held_on:%-d %B %Y})",
            )
        people_services.change_details(
            actor,
            person,
            expected_version=expected_version,
            date_of_birth=born_on,
            expected_date_of_birth=None,
        )
        reviewed = Conference.objects.filter(plan=current, finalised_at__isnull=False).exists()
        if reviewed:
            return current
        before = audit.snapshot(current, PLAN_FIELDS)
        ChildProtectionPlan.objects.filter(pk=current.pk).update(
            next_review_due=first_review_due(current.started_on, pre_birth=True, born_on=born_on),
            updated_by=actor,
            updated_at=timezone.now(),
        )
        updated = ChildProtectionPlan.objects.get(pk=current.pk)
        after = audit.snapshot(updated, PLAN_FIELDS)
        audit.record(
            actor,
            AuditAction.UPDATE,
            person_id=current.person_id,
            obj=updated,
            summary="Birth recorded: first review conference due "
            f"{updated.next_review_due:%-d %B %Y}",
            before={key: value for key, value in before.items() if after.get(key) != value},
            after=audit.changed_fields(before, after),
        )
    return updated


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
