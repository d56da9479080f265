"""Writes to meetings. Each function is one thing a person does, in one transaction, with its
audit event; bad input raises RuleBroken naming the field and writes nothing.

A meeting is a draft until it is finalised. Adding someone to the list, a decision or an action
moves the meeting's version on, so a colleague finalising from an older view of it is shown the
change (409) instead of finalising what they have not read.
"""

import datetime
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from casework.audit import services as audit
from casework.audit.models import Action as AuditAction
from casework.cases.models import Episode
from casework.cases.voice import VOICE_FIELDS, check_voice
from casework.common.errors import RuleBroken, StaleVersion
from casework.common.versioning import update_versioned
from casework.meetings.models import Attendee, Decision, FamilyView, Meeting, MeetingAction
from casework.people.models import Person

MEETING_FIELDS = (
    "kind",
    "held_on",
    "starts_at",
    "location",
    "purpose",
    "minutes",
    *VOICE_FIELDS,
)
ATTENDEE_FIELDS = ("name", "group", "role", "organisation", "invited", "attended")
ACTION_FIELDS = ("what", "owner_name", "owner_type", "due_on")
FAMILY_VIEW_FIELDS = ("given_by", "relationship", "text", "sent_on", "source_id")
FINALISED = "The minutes of this meeting are finalised and cannot be changed"


def _check_choice(value: Any, choices: list[str], field: str, message: str) -> None:
    if str(value) not in set(choices):
        raise RuleBroken(field, message)


def _check_meeting(data: dict[str, Any]) -> None:
    _check_choice(data["kind"], Meeting.Kind.values, "kind", "Select the type of meeting")
    if not str(data["purpose"] or "").strip():
        raise RuleBroken("purpose", "Enter why the meeting is being held")
    if data["starts_at"] is None:
        raise RuleBroken("starts_at", "Enter the start time, like 10:30 or 14:00")
    check_voice(data, require=False)


def _locked(meeting: Meeting, expected_version: int | None = None) -> Meeting:
    current = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if expected_version is not None and current.version != expected_version:
        raise StaleVersion(current)
    if current.is_finalised:
        raise RuleBroken("minutes", FINALISED)
    return current


def _bump(meeting: Meeting, actor: Any) -> None:
    Meeting.objects.filter(pk=meeting.pk).update(
        version=F("version") + 1, updated_at=timezone.now(), updated_by=actor
    )


def record_meeting(
    actor: Any,
    person: Person,
    *,
    kind: str,
    held_on: datetime.date,
    starts_at: datetime.time | None,
    purpose: str,
    location: str = "",
    minutes: str = "",
    voice: dict[str, Any] | None = None,
) -> Meeting:
    """Record a meeting about the child: one planned, or one held and being written up. It stays
    a draft until it is finalised."""
    voice = {name: (voice or {}).get(name, "") for name in VOICE_FIELDS}
    for name in ("child_seen", "seen_alone"):
        voice[name] = voice[name] if isinstance(voice[name], bool) else None
    data = {
        "kind": kind,
        "held_on": held_on,
        "starts_at": starts_at,
        "purpose": purpose,
        "location": location,
        "minutes": minutes,
        **voice,
    }
    # No check against the date of birth: pre-birth planning meetings are held about unborn
    # children.
    _check_meeting(data)
    with transaction.atomic():
        episode = Episode.objects.filter(person=person, status=Episode.Status.OPEN).first()
        meeting = Meeting.objects.create(
            person=person,
            episode=episode,
            created_by=actor,
            updated_by=actor,
            **{
                **data,
                "purpose": purpose.strip(),
                "location": location.strip(),
                "minutes": minutes.strip(),
            },
        )
        audit.record(
            actor,
            AuditAction.CREATE,
            person_id=person.pk,
            obj=meeting,
            summary=f"{meeting.get_kind_display()} recorded",
            after=audit.snapshot(meeting, MEETING_FIELDS),
        )
    return meeting


def edit_meeting(
    actor: Any, meeting: Meeting, *, expected_version: int | None, **changes: Any
) -> Meeting:
    """Write up or correct a draft meeting. An edit from an old version is refused with the
    other person's change; a finalised meeting is refused."""
    unknown = set(changes) - set(MEETING_FIELDS)
    if unknown:
        raise ValueError(f"Cannot change {', '.join(sorted(unknown))} on a meeting")
    merged = {name: changes.get(name, getattr(meeting, name)) for name in MEETING_FIELDS}
    _check_meeting(merged)
    for text in ("purpose", "location", "minutes"):
        if text in changes:
            changes[text] = str(changes[text]).strip()
    with transaction.atomic():
        current = _locked(meeting, expected_version)
        before = audit.snapshot(current, MEETING_FIELDS)
        updated = update_versioned(current, current.version, {**changes, "updated_by": actor})
        after = audit.snapshot(updated, MEETING_FIELDS)
        audit.record(
            actor,
            AuditAction.UPDATE,
            person_id=updated.person_id,
            obj=updated,
            summary=f"{updated.get_kind_display()} changed",
            before={key: value for key, value in before.items() if after.get(key) != value},
            after=audit.changed_fields(before, after),
        )
    return updated


def _check_attendee(data: dict[str, Any]) -> None:
    if not str(data["name"] or "").strip():
        raise RuleBroken("name", "Enter the person's name")
    _check_choice(data["group"], Attendee.Group.values, "group", "Select who they are")
    if not data["invited"] and data["attended"] is not True:
        raise RuleBroken(
            "attended", "Someone who was not invited is on the list only if they attended"
        )


def add_attendee(
    actor: Any,
    meeting: Meeting,
    *,
    name: str,
    group: str,
    role: str = "",
    organisation: str = "",
    invited: bool = True,
    attended: bool | None = None,
) -> Attendee:
    data = {
        "name": name.strip(),
        "group": group,
        "role": role.strip(),
        "organisation": organisation.strip(),
        "invited": invited,
        "attended": attended,
    }
    _check_attendee(data)
    with transaction.atomic():
        current = _locked(meeting)
        attendee = Attendee.objects.create(meeting=current, **data)
        _bump(current, actor)
        audit.record(
            actor,
            AuditAction.CREATE,
            person_id=current.person_id,
            obj=attendee,
            summary=f"{attendee.name} added to the meeting's list",
            after=audit.snapshot(attendee, ATTENDEE_FIELDS),
        )
    return attendee


def change_attendee(actor: Any, attendee: Attendee, **changes: Any) -> Attendee:
    """Record whether someone came, or correct their details."""
    unknown = set(changes) - set(ATTENDEE_FIELDS)
    if unknown:
        raise ValueError(f"Cannot change {', '.join(sorted(unknown))} on an attendee")
    for text in ("name", "role", "organisation"):
        if text in changes:
            changes[text] = str(changes[text]).strip()
    merged = {name: changes.get(name, getattr(attendee, name)) for name in ATTENDEE_FIELDS}
    _check_attendee(merged)
    with transaction.atomic():
        current = _locked(attendee.meeting)
        before = audit.snapshot(attendee, ATTENDEE_FIELDS)
        Attendee.objects.filter(pk=attendee.pk).update(**changes)
        updated = Attendee.objects.get(pk=attendee.pk)
        after = audit.snapshot(updated, ATTENDEE_FIELDS)
        _bump(current, actor)
        audit.record(
            actor,
            AuditAction.UPDATE,
            person_id=current.person_id,
            obj=updated,
            summary=f"Meeting list changed: {updated.name}",
            before={key: value for key, value in before.items() if after.get(key) != value},
            after=audit.changed_fields(before, after),
        )
    return updated


def add_decision(actor: Any, meeting: Meeting, *, decision: str) -> Decision:
    if not decision.strip():
        raise RuleBroken("decision", "Enter what was decided")
    with transaction.atomic():
        current = _locked(meeting)
        made = Decision.objects.create(meeting=current, decision=decision.strip(), created_by=actor)
        _bump(current, actor)
        audit.record(
            actor,
            AuditAction.CREATE,
            person_id=current.person_id,
            obj=made,
            summary="Decision added to the meeting",
            after=audit.snapshot(made, ("meeting", "decision")),
        )
    return made


def add_action(
    actor: Any,
    meeting: Meeting,
    *,
    what: str,
    owner_name: str,
    owner_type: str,
    due_on: datetime.date,
) -> MeetingAction:
    if not what.strip():
        raise RuleBroken("what", "Enter what will be done")
    if not owner_name.strip():
        raise RuleBroken("owner_name", "Enter who will do it")
    _check_choice(owner_type, MeetingAction.OwnerType.values, "owner_type", "Select who they are")
    with transaction.atomic():
        current = _locked(meeting)
        if due_on < current.held_on:
            raise RuleBroken("due_on", "The date must be on or after the day of the meeting")
        action = MeetingAction.objects.create(
            meeting=current,
            what=what.strip(),
            owner_name=owner_name.strip(),
            owner_type=owner_type,
            due_on=due_on,
            created_by=actor,
        )
        _bump(current, actor)
        audit.record(
            actor,
            AuditAction.CREATE,
            person_id=current.person_id,
            obj=action,
            summary="Action agreed at the meeting",
            after=audit.snapshot(action, ACTION_FIELDS),
        )
    return action


def add_family_views(
    actor: Any,
    meeting: Meeting,
    *,
    given_by: str,
    text: str,
    sent_on: datetime.date,
    relationship: str = "",
    source_id: Any = None,
) -> FamilyView:
    """Put a family member's views, sent before the meeting, on the meeting's record. The
    worker has read them first (the family portal calls this when a worker accepts them); the
    minutes must still be open, since finalised minutes do not change."""
    if not text.strip():
        raise RuleBroken("text", "Enter the family member's views")
    if not given_by.strip():
        raise RuleBroken("given_by", "Enter who the views are from")
    with transaction.atomic():
        current = _locked(meeting)
        if source_id is not None and FamilyView.objects.filter(source_id=source_id).exists():
            raise RuleBroken("text", "These views are already on the meeting's record")
        view = FamilyView.objects.create(
            meeting=current,
            given_by=given_by.strip()[:200],
            relationship=relationship.strip()[:100],
            text=text.strip(),
            sent_on=sent_on,
            source_id=source_id,
            added_by=actor,
        )
        _bump(current, actor)
        audit.record(
            actor,
            AuditAction.CREATE,
            person_id=current.person_id,
            obj=view,
            summary=f"Views from {view.given_by} added to the {current.get_kind_display().lower()}",
            after=audit.snapshot(view, FAMILY_VIEW_FIELDS),
        )
    return view


def missing_for_finalising(meeting: Meeting, today: datetime.date) -> list[tuple[str, str]]:
    """Everything that stops the meeting being finalised, as (field, what to do) pairs. The
    finalise page lists them; `finalise_meeting` refuses the first."""
    missing: list[tuple[str, str]] = []
    if meeting.held_on > today:
        missing.append(("held_on", "The meeting has not happened yet: it is on a later date"))
    try:
        # A meeting that decides about a child hears from the child first (s17(4A)).
        check_voice({name: getattr(meeting, name) for name in VOICE_FIELDS}, require=True)
    except RuleBroken as broken:
        missing.append((broken.field, broken.message))
    if not meeting.minutes.strip():
        missing.append(("minutes", "Write the minutes: what was discussed"))
    attendees = list(meeting.attendees.all())
    if not attendees:
        missing.append(("attendees", "Add who was invited and who attended"))
    unknown = [attendee.name for attendee in attendees if attendee.attended is None]
    if unknown:
        missing.append(("attendees", f"Say whether {', '.join(unknown)} attended"))
    if not meeting.decisions.exists():
        missing.append(("decisions", "Add what the meeting decided"))
    return missing


def finalise_meeting(actor: Any, meeting: Meeting, *, expected_version: int | None) -> Meeting:
    """Finalise the minutes: the decisions become part of the child's record and the meeting can
    no longer be changed."""
    with transaction.atomic():
        current = _locked(meeting, expected_version)
        missing = missing_for_finalising(current, timezone.localdate())
        if missing:
            raise RuleBroken(*missing[0])
        finalised = update_versioned(
            current,
            current.version,
            {
                "status": Meeting.Status.FINALISED,
                "finalised_at": timezone.now(),
                "finalised_by": actor,
                "updated_by": actor,
            },
        )
        audit.record(
            actor,
            AuditAction.UPDATE,
            person_id=finalised.person_id,
            obj=finalised,
            summary=f"{finalised.get_kind_display()}: minutes finalised",
            after=audit.snapshot(finalised, ("status", "finalised_at", "finalised_by")),
        )
    return finalised
