"""Writes to the case record. Each function is one thing a person does, in one transaction, with
its audit event."""

import datetime
import hashlib
import html
import string
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from casework.accounts.models import Team
from casework.audit import services as audit
from casework.audit.models import Action
from casework.cases.models import (
    Allocation,
    CaseNote,
    ClosureReason,
    Document,
    DocumentVersion,
    Episode,
    LetterTemplate,
    SignificantEvent,
)
from casework.common import clock
from casework.common.errors import RuleBroken
from casework.common.versioning import update_versioned
from casework.lib import uploads
from casework.people.models import Person

NOTE_FIELDS = ("kind", "occurred_on", "subject", "body")


def _check_note_date(person: Person, occurred_on: datetime.date) -> None:
    if occurred_on > timezone.localdate():
        raise RuleBroken("occurred_on", "The date must be today or in the past")
    born = person.date_of_birth
    if born and occurred_on < born - datetime.timedelta(days=280):
        raise RuleBroken("occurred_on", "The date must be after the child's date of birth")


def add_case_note(
    actor: Any,
    person: Person,
    *,
    kind: str,
    occurred_on: datetime.date,
    subject: str,
    body: str,
) -> CaseNote:
    _check_note_date(person, occurred_on)
    with transaction.atomic():
        note = CaseNote.objects.create(
            person=person,
            kind=kind,
            occurred_on=occurred_on,
            subject=subject,
            body=body,
            author=actor,
            updated_by=actor,
        )
        audit.record(
            actor,
            Action.CREATE,
            person_id=person.pk,
            obj=note,
            summary=f"Added a case note: {subject}",
            after=audit.snapshot(note, NOTE_FIELDS),
        )
    return note


def edit_case_note(
    actor: Any, note: CaseNote, *, expected_version: int | None, **changes: Any
) -> CaseNote:
    unknown = set(changes) - set(NOTE_FIELDS)
    if unknown:
        raise ValueError(f"Cannot change {', '.join(sorted(unknown))} on a case note")
    if "occurred_on" in changes:
        _check_note_date(note.person, changes["occurred_on"])
    with transaction.atomic():
        before = audit.snapshot(note, NOTE_FIELDS)
        updated = update_versioned(note, expected_version, {**changes, "updated_by": actor})
        after = audit.snapshot(updated, NOTE_FIELDS)
        audit.record(
            actor,
            Action.UPDATE,
            person_id=note.person_id,
            obj=updated,
            summary=f"Changed a case note: {updated.subject}",
            before={k: v for k, v in before.items() if after.get(k) != v},
            after=audit.changed_fields(before, after),
        )
    return updated


def allocate(
    actor: Any,
    person: Person,
    *,
    team: Team,
    worker: Any = None,
    started_on: datetime.date | None = None,
) -> Allocation:
    """Hand a child's case to a team (and optionally a worker), ending any open allocation."""
    started_on = started_on or timezone.localdate()
    if worker is not None and worker.team_id != team.pk:
        raise RuleBroken("worker", "The worker must be a member of the team")
    with transaction.atomic():
        current = (
            Allocation.objects.select_for_update()
            .filter(person=person, ended_on__isnull=True)
            .first()
        )
        if current is not None:
            if started_on < current.started_on:
                raise RuleBroken("started_on", "The allocation must start after the current one")
            Allocation.objects.filter(pk=current.pk).update(ended_on=started_on)
        allocation = Allocation.objects.create(
            person=person, team=team, worker=worker, started_on=started_on
        )
        audit.record(
            actor,
            Action.CREATE,
            person_id=person.pk,
            obj=allocation,
            summary=f"Allocated to {team}" + (f" ({worker})" if worker else ""),
            after=audit.snapshot(allocation, ("team", "worker", "started_on")),
        )
    return allocation


def open_referral(
    actor: Any,
    person: Person,
    *,
    referral_date: datetime.date,
    source: str,
    team: Team,
) -> Episode:
    """Open a child in need episode and route it to a team's unallocated tray, starting the
    assessment clock from the referral date (Working Together 2023: 45 working days from
    referral, not from acceptance)."""
    if referral_date > timezone.localdate():
        raise RuleBroken("referral_date", "The referral date must be today or in the past")
    dates = clock.due("assessment", referral_date)
    with transaction.atomic():
        if Episode.objects.filter(person=person, status=Episode.Status.OPEN).exists():
            raise RuleBroken(
                "person", f"{person.full_name} already has an open referral; add to that instead"
            )
        previous = Episode.objects.filter(person=person).order_by("-referral_date").first()
        episode = Episode.objects.create(
            person=person,
            referral_date=referral_date,
            referral_source=source,
            team=team,
            previous=previous,
            assessment_due=dates.due,
            assessment_target=dates.target,
            created_by=actor,
        )
        audit.record(
            actor,
            Action.CREATE,
            person_id=person.pk,
            obj=episode,
            summary=f"Referral opened and routed to {team}",
            after=audit.snapshot(
                episode, ("referral_date", "referral_source", "team", "assessment_due")
            ),
        )
        current = Allocation.objects.filter(person=person, ended_on__isnull=True).first()
        if current is None or current.team_id != team.pk:
            # A child held by another team moves to this one no earlier than that team took it.
            starts = max(referral_date, current.started_on) if current else referral_date
            allocate(actor, person, team=team, worker=None, started_on=starts)
    return episode


def allocate_worker(
    actor: Any,
    person: Person,
    *,
    worker: Any,
    rationale: str,
    risks_identified: str = "",
    next_steps: str = "",
    started_on: datetime.date | None = None,
) -> Allocation:
    """A team manager gives a child to a worker in their team (or hands the case over), with
    the decision on the record. Refused without a manager's decision."""
    from casework.oversight.services import record_decision

    if worker is None:
        raise RuleBroken("worker", "Select the worker")
    if actor.team_id is None or worker.team_id != actor.team_id:
        raise RuleBroken("worker", "Allocate to a worker in your own team")
    with transaction.atomic():
        current = Allocation.objects.filter(person=person, ended_on__isnull=True).first()
        if current is not None and current.worker_id == worker.pk:
            raise RuleBroken("worker", f"{person.full_name} is already allocated to {worker}")
        allocation = allocate(actor, person, team=worker.team, worker=worker, started_on=started_on)
        label = "Handed over" if current is not None and current.worker_id else "Allocated"
        record_decision(
            actor,
            person,
            allocation,
            decision="allocation",
            decision_label=f"{label} to {worker.display_name}",
            rationale=rationale,
            risks_identified=risks_identified,
            next_steps=next_steps,
        )
    return allocation


def close_episode(
    actor: Any,
    episode: Episode,
    *,
    closed_on: datetime.date,
    reason: str,
    rationale: str,
    next_steps: str = "",
) -> Episode:
    """Close a child in need episode with its census reason and the manager's closing
    decision; the case's allocation ends the same day."""
    from casework.oversight.services import record_decision

    if episode.status == Episode.Status.CLOSED:
        raise RuleBroken("closed_on", "This episode is already closed")
    if closed_on < episode.referral_date:
        raise RuleBroken("closed_on", "The closure date must be on or after the referral date")
    if closed_on > timezone.localdate():
        raise RuleBroken("closed_on", "The closure date must be today or in the past")
    if reason not in ClosureReason.values:
        raise RuleBroken("reason", "Select the reason for closure")
    current = Allocation.objects.filter(person=episode.person, ended_on__isnull=True).first()
    if current is not None and closed_on < current.started_on:
        raise RuleBroken(
            "closed_on",
            f"The closure date must be on or after {current.started_on:%-d %B %Y}, when the "
            "current allocation began",
        )
    if reason == ClosureReason.RC2 and not episode.person.date_of_death:
        raise RuleBroken("reason", "Record the child's date of death before closing as died")
    with transaction.atomic():
        Episode.objects.filter(pk=episode.pk).update(
            status=Episode.Status.CLOSED, closed_on=closed_on, closure_reason=reason
        )
        Allocation.objects.filter(person=episode.person, ended_on__isnull=True).update(
            ended_on=closed_on
        )
        episode.refresh_from_db()
        record_decision(
            actor,
            episode.person,
            episode,
            decision="closure",
            decision_label=f"Closed: {ClosureReason(reason).label}",
            rationale=rationale,
            next_steps=next_steps,
        )
        audit.record(
            actor,
            Action.UPDATE,
            person_id=episode.person_id,
            obj=episode,
            summary=f"Closed the episode ({reason})",
            after={"closed_on": closed_on.isoformat(), "closure_reason": reason},
        )
    return episode


def add_significant_event(
    actor: Any, person: Person, *, occurred_on: datetime.date, title: str, analysis: str
) -> SignificantEvent:
    if occurred_on > timezone.localdate():
        raise RuleBroken("occurred_on", "The date must be today or in the past")
    if not title.strip():
        raise RuleBroken("title", "Enter what happened")
    with transaction.atomic():
        event = SignificantEvent.objects.create(
            person=person,
            occurred_on=occurred_on,
            title=title.strip(),
            analysis=analysis.strip(),
            added_by=actor,
        )
        audit.record(
            actor,
            Action.CREATE,
            person_id=person.pk,
            obj=event,
            summary=f"Added to the chronology: {event.title}",
        )
    return event


def _store_version(
    actor: Any, document: Document, *, name: str, content: bytes, content_type: str, note: str
) -> DocumentVersion:
    number = (document.versions.aggregate(Max("number"))["number__max"] or 0) + 1
    version = DocumentVersion(
        document=document,
        number=number,
        original_name=name[:255],
        content_type=content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        note=note[:300],
        uploaded_by=actor,
    )
    version.file.save(name, ContentFile(content), save=False)
    version.save()
    audit.record(
        actor,
        Action.CREATE,
        person_id=document.person_id,
        obj=version,
        summary=f"Added version {number} of {document.title}",
        after={"sha256": version.sha256, "size": version.size},
    )
    return version


def _read_upload(upload: Any) -> tuple[bytes, uploads.FileType]:
    content = upload.read(uploads.MAX_BYTES + 1)
    try:
        kind = uploads.check(upload.name or "", content[:512], len(content))
    except uploads.Refused as refused:
        raise RuleBroken("file", str(refused)) from None
    return content, kind


def upload_document(actor: Any, person: Person, *, title: str, kind: str, upload: Any) -> Document:
    if not title.strip():
        raise RuleBroken("title", "Enter a title for the document")
    content, file_type = _read_upload(upload)
    with transaction.atomic():
        document = Document.objects.create(
            person=person, title=title.strip(), kind=kind, created_by=actor
        )
        _store_version(
            actor,
            document,
            name=upload.name,
            content=content,
            content_type=file_type.content_type,
            note="First version",
        )
    return document


def add_document_version(
    actor: Any, document: Document, *, upload: Any, note: str
) -> DocumentVersion:
    if not note.strip():
        raise RuleBroken("note", "Say what changed in this version")
    content, file_type = _read_upload(upload)
    with transaction.atomic():
        return _store_version(
            actor,
            document,
            name=upload.name,
            content=content,
            content_type=file_type.content_type,
            note=note.strip(),
        )


def generate_letter(actor: Any, person: Person, template: LetterTemplate) -> Document:
    """Fill a letter template from the record and keep the result as a document."""
    allocation = Allocation.objects.filter(person=person, ended_on__isnull=True).first()
    worker = allocation.worker if allocation and allocation.worker else actor
    values = {
        "child_name": person.full_name,
        "date_of_birth": f"{person.date_of_birth:%-d %B %Y}" if person.date_of_birth else "",
        "worker_name": worker.display_name,
        "council_name": settings.COUNCIL_NAME,
        "today": f"{timezone.localdate():%-d %B %Y}",
    }
    text = string.Template(template.body).safe_substitute(
        {key: html.escape(value) for key, value in values.items()}
    )
    paragraphs = "".join(f"<p>{line}</p>" for line in text.split("\n\n"))
    page = (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(template.name)}</title></head><body>{paragraphs}</body></html>"
    )
    with transaction.atomic():
        document = Document.objects.create(
            person=person, title=template.name, kind=Document.Kind.LETTER, created_by=actor
        )
        _store_version(
            actor,
            document,
            name=f"{template.name}.html",
            content=page.encode(),
            content_type="text/html",
            note="Generated from the letter template",
        )
    return document
