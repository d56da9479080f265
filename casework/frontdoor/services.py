"""Writes at the front door. Each function is one thing a practitioner or manager does, in one
transaction, with its audit events; bad input raises RuleBroken naming the field and writes
nothing."""

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from casework.accounts.models import Team
from casework.audit import services as audit
from casework.audit.models import Action
from casework.cases import services as case_services
from casework.cases.models import Episode, ReferralSource
from casework.common import clock
from casework.common.errors import RuleBroken, StaleVersion
from casework.common.versioning import update_versioned
from casework.frontdoor import selectors
from casework.frontdoor.models import Check, Contact, ContactSubject, Service
from casework.oversight import services as oversight
from casework.people.models import Person

CONTACT_FIELDS = (
    "received_at",
    "method",
    "source",
    "referrer_name",
    "referrer_organisation",
    "referrer_phone",
    "concern",
    "consent",
    "consent_reason",
    "immediate_risk",
    "out_of_hours",
    "status",
    "decision_due",
)
DECISION_FIELDS = ("status", "outcome", "decided_at", "referred_to_team", "episode")

# Outcomes that start statutory work: they open a referral for every child on the contact, and
# the manager must say what risks they saw.
OPENS_REFERRAL = frozenset({Contact.Outcome.REFERRAL, Contact.Outcome.STRATEGY_DISCUSSION})


def _aware(value: datetime.datetime, field: str) -> datetime.datetime:
    if timezone.is_naive(value):
        raise RuleBroken(field, "The time must say which time zone it is in")
    return value


def _check_choice(value: str, choices: Iterable[str], field: str, message: str) -> None:
    if str(value) not in set(choices):
        raise RuleBroken(field, message)


def _bump(contact: Contact, actor: Any, **changes: Any) -> None:
    """Mark the contact as changed, so a manager deciding from an older view of it is shown what
    changed (a new check, another child) instead of deciding blind."""
    Contact.objects.filter(pk=contact.pk).update(
        version=F("version") + 1, updated_at=timezone.now(), updated_by=actor, **changes
    )


def _add_subject(contact: Contact, person: Person, role: str) -> ContactSubject:
    _check_choice(role, ContactSubject.Role.values, "role", "Select how the person is involved")
    if ContactSubject.objects.filter(contact=contact, person=person).exists():
        raise RuleBroken("person", f"{person.full_name} is already on this contact")
    re_referral = role == ContactSubject.Role.CHILD and selectors.had_referral_within_12_months(
        person, timezone.localdate(contact.received_at)
    )
    return ContactSubject.objects.create(
        contact=contact, person=person, role=role, re_referral_within_12_months=re_referral
    )


def record_contact(
    actor: Any,
    *,
    received_at: datetime.datetime,
    source: str,
    concern: str,
    consent: str,
    people: Sequence[tuple[Person, str]],
    method: str = Contact.Method.PHONE,
    consent_reason: str = "",
    immediate_risk: bool = False,
    out_of_hours: bool = False,
    referrer_name: str = "",
    referrer_organisation: str = "",
    referrer_phone: str = "",
) -> Contact:
    """Take a contact about one or more children and start the one-working-day decision clock
    (Working Together 2023: a decision on the type of response within one working day)."""
    now = timezone.now()
    received_at = _aware(received_at, "received_at")
    if received_at > now:
        raise RuleBroken(
            "received_at", "The time received must be now or in the past, not after recording"
        )
    _check_choice(method, Contact.Method.values, "method", "Select how the contact came in")
    _check_choice(source, ReferralSource.values, "source", "Select who is contacting")
    _check_choice(consent, Contact.Consent.values, "consent", "Select whether consent was given")
    if not concern.strip():
        raise RuleBroken("concern", "Enter the concern in the referrer's words")
    if consent == Contact.Consent.NOT_GIVEN and not consent_reason.strip():
        raise RuleBroken("consent_reason", "Enter why consent was overridden")
    if not any(role == ContactSubject.Role.CHILD for _, role in people):
        raise RuleBroken("people", "Choose the child the contact is about")
    received_on = timezone.localdate(received_at)
    with transaction.atomic():
        contact = Contact.objects.create(
            received_at=received_at,
            recorded_at=now,
            recorded_by=actor,
            updated_by=actor,
            method=method,
            source=source,
            referrer_name=referrer_name.strip(),
            referrer_organisation=referrer_organisation.strip(),
            referrer_phone=referrer_phone.strip(),
            concern=concern.strip(),
            consent=consent,
            consent_reason=consent_reason.strip(),
            immediate_risk=immediate_risk,
            out_of_hours=out_of_hours,
            decision_due=clock.due("contact-decision", received_on).due,
        )
        for person, role in people:
            subject = _add_subject(contact, person, role)
            audit.record(
                actor,
                Action.CREATE,
                person_id=person.pk,
                obj=contact,
                summary=f"Contact recorded ({subject.get_role_display().lower()})"
                + (
                    ": re-referral within 12 months" if subject.re_referral_within_12_months else ""
                ),
                after=audit.snapshot(contact, CONTACT_FIELDS),
            )
    return contact


def add_subject(actor: Any, contact: Contact, person: Person, *, role: str) -> ContactSubject:
    """Add another person (a sibling, a parent) to an undecided contact."""
    with transaction.atomic():
        current = Contact.objects.select_for_update().get(pk=contact.pk)
        if current.is_decided:
            raise RuleBroken(
                "person", "This contact has been decided; record a new contact for this person"
            )
        subject = _add_subject(current, person, role)
        _bump(current, actor)
        audit.record(
            actor,
            Action.UPDATE,
            person_id=person.pk,
            obj=subject,
            summary=f"Added to a contact as {subject.get_role_display().lower()}"
            + (": re-referral within 12 months" if subject.re_referral_within_12_months else ""),
            after=audit.snapshot(subject, ("contact", "role", "re_referral_within_12_months")),
        )
    return subject


def record_check(
    actor: Any,
    contact: Contact,
    *,
    agency: str,
    result: str,
    checked_at: datetime.datetime | None = None,
    checks_complete: bool = False,
) -> Check:
    """Record a check with another agency. `checks_complete` says the practitioner has made
    every check they need, which sends the contact to a manager for a decision."""
    now = timezone.now()
    checked_at = _aware(checked_at, "checked_at") if checked_at is not None else now
    _check_choice(agency, Check.Agency.values, "agency", "Select which agency was checked")
    if not result.strip():
        raise RuleBroken("result", "Enter what the check found")
    if checked_at > now:
        raise RuleBroken("checked_at", "The time of the check must be now or in the past")
    if checked_at < contact.received_at:
        raise RuleBroken("checked_at", "The check must be after the contact was received")
    with transaction.atomic():
        current = Contact.objects.select_for_update().get(pk=contact.pk)
        check = Check.objects.create(
            contact=current,
            agency=agency,
            checked_by=actor,
            checked_at=checked_at,
            result=result.strip(),
        )
        changes = {}
        if checks_complete and current.status == Contact.Status.AWAITING_CHECKS:
            changes["status"] = Contact.Status.AWAITING_DECISION
        _bump(current, actor, **changes)
        for subject in current.subjects.all():
            audit.record(
                actor,
                Action.CREATE,
                person_id=subject.person_id,
                obj=check,
                summary=f"{check.get_agency_display()} check recorded on a contact",
                after=audit.snapshot(check, ("contact", "agency", "checked_at", "result")),
            )
    return check


def _decision_label(outcome: str, services: Sequence[Service], team: Team | None) -> str:
    label = str(Contact.Outcome(outcome).label)
    if outcome == Contact.Outcome.ADVICE and services:
        return f"{label}: {', '.join(service.name for service in services)}"
    if outcome in OPENS_REFERRAL and team is not None:
        return f"{label}, routed to {team.name}"
    return label


def decide_contact(
    actor: Any,
    contact: Contact,
    *,
    expected_version: int | None,
    outcome: str,
    rationale: str,
    risks_identified: str = "",
    next_steps: str = "",
    services: Sequence[Service] = (),
    team: Team | None = None,
) -> Contact:
    """A team manager's decision on a contact, recorded as a management decision for each child.

    A referral (or a strategy discussion, which starts with one) opens a child in need episode
    for every child on the contact, dated the day the contact was received and routed to
    `team`'s unallocated tray; it cannot happen without the decision record, which is written
    first in the same transaction. Deciding from an older version of the contact raises
    StaleVersion, and a decided contact is never decided again.
    """
    _check_choice(outcome, Contact.Outcome.values, "outcome", "Select the decision")
    if not rationale.strip():
        raise RuleBroken("rationale", "Enter the rationale for the decision")
    opens_referral = outcome in OPENS_REFERRAL
    if opens_referral and not risks_identified.strip():
        raise RuleBroken("risks_identified", "Enter the risks you identified")
    if opens_referral and team is None:
        raise RuleBroken("team", "Select the team the referral goes to")
    if outcome == Contact.Outcome.ADVICE and not services:
        raise RuleBroken("services", "Select the services the family is signposted to")
    if any(not service.active for service in services):
        raise RuleBroken("services", "Select only services that are still offered")
    if not opens_referral:
        team = None
    with transaction.atomic():
        current = Contact.objects.select_for_update().get(pk=contact.pk)
        if expected_version is not None and current.version != expected_version:
            raise StaleVersion(current)
        if current.is_decided:
            decided_by = current.decision.decided_by if current.decision else None
            raise RuleBroken(
                "contact",
                "This contact has already been decided"
                + (f" by {decided_by.display_name}" if decided_by else "")
                + "; a decision is not replaced",
            )
        children = selectors.children_on(current)
        if not children:
            raise RuleBroken("people", "Add the child this contact is about before deciding")
        label = _decision_label(outcome, services, team)
        decisions = [
            oversight.record_decision(
                actor,
                child,
                current,
                decision=outcome,
                decision_label=label,
                rationale=rationale,
                risks_identified=risks_identified,
                next_steps=next_steps,
            )
            for child in children
        ]
        episodes: list[Episode] = []
        if opens_referral and team is not None:
            received_on = timezone.localdate(current.received_at)
            for child in children:
                episode = case_services.open_referral(
                    actor, child, referral_date=received_on, source=current.source, team=team
                )
                ContactSubject.objects.filter(contact=current, person=child).update(episode=episode)
                episodes.append(episode)
        decided = update_versioned(
            current,
            current.version,
            {
                "status": Contact.Status.DECIDED,
                "outcome": outcome,
                "decided_at": decisions[0].decided_at,
                "decision": decisions[0],
                "referred_to_team": team,
                "episode": episodes[0] if episodes else None,
                "updated_by": actor,
            },
        )
        if outcome == Contact.Outcome.ADVICE:
            decided.signposted_to.set(services)
        for child in children:
            audit.record(
                actor,
                Action.UPDATE,
                person_id=child.pk,
                obj=decided,
                summary=f"Contact decided: {label}",
                after=audit.snapshot(decided, DECISION_FIELDS)
                | {"signposted_to": [service.name for service in services]},
            )
    return decided
