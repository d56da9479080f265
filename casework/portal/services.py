"""Writes for the family portal: inviting and removing accounts, signing in, sharing and
withdrawing documents, and what families send back. Each function is one thing a person does,
in one transaction, with its audit event.

Family members are never staff users, so their actions are audited with no staff actor and a
summary that names them; the request context marks the channel as the portal.
"""

import datetime
import hashlib
import logging
import re
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from casework.audit import services as audit
from casework.audit.models import Action
from casework.cases import services as case_services
from casework.cases.models import Allocation, CaseNote, Document, DocumentVersion
from casework.common.errors import RuleBroken, StaleVersion
from casework.lib import uploads
from casework.meetings import services as meeting_services
from casework.meetings.models import Meeting
from casework.oversight.services import may_decide, record_decision
from casework.people.models import Person, Relationship
from casework.plans import services as plan_services
from casework.plans.models import Action as PlanAction
from casework.portal import documents, pdf, selectors
from casework.portal.models import (
    DocumentContent,
    FamilyContribution,
    FamilyDate,
    FamilyMember,
    Invitation,
    PortalSession,
    Share,
    SharingRule,
    SignInCode,
    token_hash,
)
from casework.portal.upcoming import DateCandidate

logger = logging.getLogger(__name__)

CODE_DIGITS = 6


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def min_age() -> int:
    return _setting("CASEWORK_PORTAL_MIN_AGE", 13)


def age_on(born: datetime.date, today: datetime.date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


# Who may have an account -----------------------------------------------------------------------


def eligible_people(child: Person, today: datetime.date | None = None) -> list[Person]:
    """The people a worker may invite to see what is shared about `child`: anyone related to
    the child on the record (relationship not ended), and the child once old enough."""
    today = today or timezone.localdate()
    rows = Relationship.objects.filter(
        Q(from_person=child) | Q(to_person=child),
        Q(ended_on__isnull=True) | Q(ended_on__gt=today),
    ).select_related("from_person", "to_person")
    people = {}
    for row in rows:
        other = row.to_person if row.from_person_id == child.pk else row.from_person
        people[other.pk] = other
    result = sorted(people.values(), key=lambda p: (p.family_name, p.given_name))
    if child.date_of_birth and age_on(child.date_of_birth, today) >= min_age():
        result.insert(0, child)
    return result


def case_is_open(child_id: Any) -> bool:
    return Allocation.objects.filter(person_id=child_id, ended_on__isnull=True).exists()


def account_is_usable(member: FamilyMember, now: datetime.datetime | None = None) -> bool:
    """Removed accounts never work; with the council's setting on (the default) nor does any
    account once the child's case has closed."""
    if member.status == FamilyMember.Status.REMOVED:
        return False
    if getattr(settings, "CASEWORK_PORTAL_END_WHEN_CASE_CLOSES", True):
        return case_is_open(member.child_id)
    return True


def _send(member: FamilyMember, subject: str, body: str) -> None:
    send_mail(
        f"{subject}: {settings.COUNCIL_NAME}",
        body,
        settings.DEFAULT_FROM_EMAIL,
        [member.email],
    )


# Invitations -----------------------------------------------------------------------------------


def invite(actor: Any, child: Person, *, person: Person, email: str, base_url: str) -> FamilyMember:
    """Give `person` a portal account about `child` and email them a one-time link."""
    email = email.strip().lower()
    if not email or "@" not in email:
        raise RuleBroken("email", "Enter an email address in the correct format")
    if person.pk not in {p.pk for p in eligible_people(child)}:
        if person.pk == child.pk:
            raise RuleBroken(
                "person", f"A young person can have their own account from age {min_age()}"
            )
        raise RuleBroken("person", "Select someone related to the child on the record")
    if person.date_of_birth is None:
        raise RuleBroken(
            "person",
            f"Record {person.full_name}'s date of birth first: they confirm it to sign in",
        )
    if not case_is_open(child.pk):
        raise RuleBroken("person", "The child's case is closed, so no one can be invited")
    with transaction.atomic():
        if (
            FamilyMember.objects.filter(person=person, child=child)
            .exclude(status=FamilyMember.Status.REMOVED)
            .exists()
        ):
            raise RuleBroken("person", f"{person.full_name} already has an account")
        member = FamilyMember.objects.create(
            person=person, child=child, email=email, invited_by=actor
        )
        raw = issue_invitation(member)
        audit.record(
            actor,
            Action.CREATE,
            person_id=child.pk,
            obj=member,
            summary=f"Invited {person.full_name} to the family portal",
            after={"person": str(person.pk), "email": email},
        )
        link = f"{base_url.rstrip('/')}/family/invitation/{raw}/"
        hours = _setting("CASEWORK_PORTAL_INVITATION_HOURS", 72)
        transaction.on_commit(
            lambda: _send(
                member,
                "Your invitation to see documents from children's services",
                f"Hello {person.given_name},\n\n{actor.display_name} from {settings.COUNCIL_NAME} "
                "children's services has invited you to see documents they share with you.\n\n"
                f"Open this link within {hours} hours. It works once:\n{link}\n\n"
                "You will be asked for your date of birth, then we will email you a code.\n\n"
                "If you were not expecting this email, you can ignore it.",
            )
        )
    return member


def issue_invitation(member: FamilyMember) -> str:
    raw = secrets.token_urlsafe(32)
    hours = _setting("CASEWORK_PORTAL_INVITATION_HOURS", 72)
    Invitation.objects.create(
        family_member=member,
        token_hash=token_hash(raw),
        expires_at=timezone.now() + datetime.timedelta(hours=hours),
    )
    return raw


def find_invitation(raw: str) -> Invitation | None:
    """A live invitation for that link: unused, unexpired, for a usable account."""
    invitation = (
        Invitation.objects.select_related("family_member__person")
        .filter(token_hash=token_hash(raw), used_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if invitation is None or not account_is_usable(invitation.family_member):
        return None
    return invitation


def remove_account(actor: Any, member: FamilyMember) -> FamilyMember:
    """End a family member's access at once: their sessions end, links and codes stop working,
    and nothing shared is visible any more."""
    now = timezone.now()
    with transaction.atomic():
        updated = (
            FamilyMember.objects.filter(pk=member.pk)
            .exclude(status=FamilyMember.Status.REMOVED)
            .update(status=FamilyMember.Status.REMOVED, removed_at=now, removed_by=actor)
        )
        if not updated:
            raise RuleBroken("account", "This account has already been removed")
        PortalSession.objects.filter(family_member=member, ended_at__isnull=True).update(
            ended_at=now
        )
        Invitation.objects.filter(family_member=member, used_at__isnull=True).update(used_at=now)
        SignInCode.objects.filter(family_member=member, used_at__isnull=True).update(used_at=now)
        audit.record(
            actor,
            Action.UPDATE,
            person_id=member.child_id,
            obj=member,
            summary=f"Removed {member.person.full_name}'s family portal account",
        )
    member.refresh_from_db()
    return member


# Signing in ------------------------------------------------------------------------------------


def _is_locked(member: FamilyMember) -> bool:
    return member.locked_until is not None and member.locked_until > timezone.now()


def _fail(member: FamilyMember, summary: str) -> None:
    """Count a failed try; the fifth locks the account for a while."""
    limit = _setting("CASEWORK_PORTAL_MAX_ATTEMPTS", 5)
    with transaction.atomic():
        fresh = FamilyMember.objects.select_for_update().get(pk=member.pk)
        fresh.failed_attempts += 1
        locked = fresh.failed_attempts >= limit
        if locked:
            minutes = _setting("CASEWORK_PORTAL_LOCKOUT_MINUTES", 30)
            fresh.locked_until = timezone.now() + datetime.timedelta(minutes=minutes)
            fresh.failed_attempts = 0
            SignInCode.objects.filter(family_member=member, used_at__isnull=True).update(
                used_at=timezone.now()
            )
        fresh.save(update_fields=["failed_attempts", "locked_until"])
        audit.record(
            None,
            Action.LOCKED_OUT if locked else Action.LOGIN_FAILED,
            person_id=member.child_id,
            obj=member,
            summary=f"Family portal: {summary}" + (" (account locked)" if locked else ""),
        )
    member.failed_attempts = fresh.failed_attempts
    member.locked_until = fresh.locked_until


def _locked_message() -> str:
    minutes = _setting("CASEWORK_PORTAL_LOCKOUT_MINUTES", 30)
    return (
        f"You have tried too many times. Wait {minutes} minutes, or ask your social worker "
        "for a new link"
    )


def check_date_of_birth(
    member: FamilyMember, born: datetime.date, invitation: Invitation | None = None
) -> str:
    """Confirm identity by date of birth, then email a one-time code. Returns the id of the
    code to ask for. Raises RuleBroken naming the field when the date is wrong."""
    if _is_locked(member):
        raise RuleBroken("date_of_birth", _locked_message())
    if member.person.date_of_birth != born:
        _fail(member, "date of birth did not match")
        if _is_locked(member):
            raise RuleBroken("date_of_birth", _locked_message())
        raise RuleBroken("date_of_birth", "The date of birth does not match our records")
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    minutes = _setting("CASEWORK_PORTAL_CODE_MINUTES", 10)
    with transaction.atomic():
        SignInCode.objects.filter(family_member=member, used_at__isnull=True).update(
            used_at=timezone.now()
        )
        challenge = SignInCode.objects.create(
            family_member=member,
            code_hash=_code_hash(member, code),
            expires_at=timezone.now() + datetime.timedelta(minutes=minutes),
            invitation=invitation,
        )
        transaction.on_commit(
            lambda: _send(
                member,
                "Your sign-in code",
                f"Your code is {code}\n\nIt works once, for {minutes} minutes. Nobody from the "
                "council will ever ask you for it.",
            )
        )
    return str(challenge.pk)


def _code_hash(member: FamilyMember, code: str) -> str:
    # Salted with the account id, so equal codes for two people do not share a hash.
    return hashlib.sha256(f"{member.pk}:{code}".encode()).hexdigest()


@dataclass(frozen=True)
class SignedIn:
    member: FamilyMember
    session_key: str


def check_code(challenge: SignInCode, code: str) -> SignedIn:
    """Check the six-digit code; on success start a portal session and return its raw key."""
    member = challenge.family_member
    code = code.strip().replace(" ", "")
    if _is_locked(member):
        raise RuleBroken("code", _locked_message())
    if challenge.used_at is not None or challenge.expires_at <= timezone.now():
        raise RuleBroken("code", "This code has expired. Start again to get a new code")
    if not (code.isdigit() and len(code) == CODE_DIGITS):
        raise RuleBroken("code", "Enter the 6-digit code from the email")
    if not secrets.compare_digest(challenge.code_hash, _code_hash(member, code)):
        _fail(member, "wrong sign-in code")
        if _is_locked(member):
            raise RuleBroken("code", _locked_message())
        raise RuleBroken("code", "The code is not right. Check the email and try again")
    raw = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        used = SignInCode.objects.filter(pk=challenge.pk, used_at__isnull=True).update(used_at=now)
        if not used:
            raise RuleBroken("code", "This code has expired. Start again to get a new code")
        if challenge.invitation_id is not None:
            taken = Invitation.objects.filter(
                pk=challenge.invitation_id, used_at__isnull=True
            ).update(used_at=now)
            if not taken:
                raise RuleBroken("code", "This invitation link has already been used")
        changes: dict[str, Any] = {"failed_attempts": 0, "locked_until": None}
        if member.status == FamilyMember.Status.INVITED:
            changes.update(status=FamilyMember.Status.ACTIVE, activated_at=now)
        FamilyMember.objects.filter(pk=member.pk).update(**changes)
        PortalSession.objects.create(
            family_member=member, key_hash=token_hash(raw), last_seen_at=now
        )
        audit.record(
            None,
            Action.LOGIN,
            person_id=member.child_id,
            obj=member,
            summary=f"Family portal: {member.person.full_name} signed in",
        )
    member.refresh_from_db()
    return SignedIn(member=member, session_key=raw)


def start_sign_in(email: str, born: datetime.date) -> str | None:
    """A returning family member: email and date of birth. Returns a code id when they match
    a usable account; the page says the same thing either way, so nobody can learn from it
    whether an address has an account."""
    candidates = FamilyMember.objects.select_related("person").filter(
        email=email.strip().lower(), status=FamilyMember.Status.ACTIVE
    )
    for member in candidates:
        if not account_is_usable(member):
            continue
        try:
            return check_date_of_birth(member, born)
        except RuleBroken:
            continue
    return None


def session_for(raw: str) -> PortalSession | None:
    """The live session for a cookie's key, renewed; None when it has ended, timed out or the
    account may no longer be used."""
    now = timezone.now()
    idle = datetime.timedelta(minutes=_setting("CASEWORK_PORTAL_IDLE_MINUTES", 15))
    session = (
        PortalSession.objects.select_related("family_member__person", "family_member__child")
        .filter(key_hash=token_hash(raw), ended_at__isnull=True)
        .first()
    )
    if session is None:
        return None
    if session.last_seen_at <= now - idle or not account_is_usable(session.family_member):
        PortalSession.objects.filter(pk=session.pk).update(ended_at=now)
        return None
    PortalSession.objects.filter(pk=session.pk).update(last_seen_at=now)
    return session


def end_session(session: PortalSession) -> None:
    PortalSession.objects.filter(pk=session.pk, ended_at__isnull=True).update(
        ended_at=timezone.now()
    )
    audit.record(
        None,
        Action.LOGOUT,
        person_id=session.family_member.child_id,
        obj=session.family_member,
        summary=f"Family portal: {session.family_member.person.full_name} signed out",
    )


# Sharing ---------------------------------------------------------------------------------------


def needs_approval(kind: str) -> bool:
    rule = SharingRule.objects.filter(kind=kind).first()
    return bool(rule and rule.needs_approval)


@dataclass(frozen=True)
class ApprovalRules:
    """Which types of document need a manager's approval before sharing, and who last changed
    that: what an editor who opened the page earlier is shown when someone changed it since."""

    kinds: frozenset[str]
    updated_by: Any = None
    updated_at: datetime.datetime | None = None


def approval_rules() -> ApprovalRules:
    rules = list(SharingRule.objects.select_related("changed_by"))
    latest = max(
        (rule for rule in rules if rule.changed_at is not None),
        key=lambda rule: rule.changed_at or timezone.now(),
        default=None,
    )
    return ApprovalRules(
        kinds=frozenset(rule.kind for rule in rules if rule.needs_approval),
        updated_by=latest.changed_by if latest else None,
        updated_at=latest.changed_at if latest else None,
    )


def set_approval_rules(
    actor: Any, *, kinds: set[str], seen: set[str] | None = None
) -> ApprovalRules:
    """A team manager chooses which types of document wait for a manager's approval before a
    family sees them. `seen` is what the manager was shown when they opened the page: if
    someone has changed the rules since, nothing is written and StaleVersion carries the rules
    as they are now. Shares already made are not changed."""
    if not may_decide(actor):
        raise RuleBroken("kinds", "Only a team manager can change which documents need approval")
    unknown = kinds - set(Document.Kind.values)
    if unknown:
        raise RuleBroken("kinds", "Select types of document from the list")
    with transaction.atomic():
        # Every kind gets its row first, so the rows can be locked and no two managers both
        # create one at the same moment.
        SharingRule.objects.bulk_create(
            [SharingRule(kind=kind, needs_approval=False) for kind in Document.Kind.values],
            ignore_conflicts=True,
        )
        rows = {rule.kind: rule for rule in SharingRule.objects.select_for_update()}
        before = {kind for kind, rule in rows.items() if rule.needs_approval}
        if seen is not None and before != seen:
            raise StaleVersion(approval_rules())
        now = timezone.now()
        for kind, rule in rows.items():
            if (kind in kinds) != rule.needs_approval:
                SharingRule.objects.filter(pk=rule.pk).update(
                    needs_approval=kind in kinds, changed_by=actor, changed_at=now
                )
        if before != kinds:
            labels = dict(Document.Kind.choices)
            named = ", ".join(str(labels[kind]).lower() for kind in sorted(kinds)) or "none"
            audit.record(
                actor,
                Action.UPDATE,
                summary=f"Changed which documents need a manager's approval to share: {named}",
                before={"needs_approval": sorted(before)},
                after={"needs_approval": sorted(kinds)},
            )
    return approval_rules()


def share_version(
    actor: Any,
    version: DocumentVersion,
    *,
    family_member: FamilyMember,
    third_party_removed: bool,
    message: str = "",
) -> Share:
    """Share one exact version with one family member, after the worker confirms that
    third-party information has been removed. Kinds the council's rules mark wait for a team
    manager's approval before the family sees them."""
    document = version.document
    if not third_party_removed:
        raise RuleBroken(
            "third_party_removed",
            "Confirm you have removed information about other people, or add a redacted version",
        )
    if family_member.child_id != document.person_id:
        raise RuleBroken("family_member", "Select a family member of this child")
    if not account_is_usable(family_member):
        raise RuleBroken("family_member", "This family member's account is not in use")
    now = timezone.now()
    waiting = needs_approval(document.kind)
    with transaction.atomic():
        if (
            Share.objects.filter(version=version, family_member=family_member)
            .exclude(status=Share.Status.WITHDRAWN)
            .exists()
        ):
            raise RuleBroken(
                "family_member",
                f"Version {version.number} is already shared with {family_member.person.full_name}",
            )
        share = Share.objects.create(
            version=version,
            family_member=family_member,
            child_id=document.person_id,
            status=Share.Status.AWAITING_APPROVAL if waiting else Share.Status.SHARED,
            shared_at=None if waiting else now,
            third_party_removed=True,
            message=message.strip(),
            shared_by=actor,
        )
        audit.record(
            actor,
            Action.CREATE,
            person_id=document.person_id,
            obj=share,
            summary=(
                f"{'Asked to share' if waiting else 'Shared'} {document.title} v{version.number} "
                f"with {family_member.person.full_name}"
            ),
            after={"version": str(version.pk), "family_member": str(family_member.pk)},
        )
    return share


def approve_share(actor: Any, share: Share, *, rationale: str) -> Share:
    """A team manager approves a share of a kind that needs it; the family sees it at once."""
    if not may_decide(actor):
        raise RuleBroken("rationale", "Only a team manager can approve sharing")
    if share.status != Share.Status.AWAITING_APPROVAL:
        raise RuleBroken("rationale", "This share is not waiting for approval")
    with transaction.atomic():
        record_decision(
            actor,
            share.child,
            share,
            decision="portal_share",
            decision_label=(
                f"Approved sharing {share.version.document.title} v{share.version.number} "
                f"with {share.family_member.person.full_name}"
            ),
            rationale=rationale,
        )
        updated = Share.objects.filter(pk=share.pk, status=Share.Status.AWAITING_APPROVAL).update(
            status=Share.Status.SHARED, shared_at=timezone.now(), approved_by=actor
        )
        if not updated:
            raise RuleBroken("rationale", "This share is not waiting for approval")
    share.refresh_from_db()
    return share


def withdraw_share(actor: Any, share: Share) -> Share:
    """Stop sharing. The family loses sight of it with their next request."""
    with transaction.atomic():
        updated = (
            Share.objects.filter(pk=share.pk)
            .exclude(status=Share.Status.WITHDRAWN)
            .update(status=Share.Status.WITHDRAWN, withdrawn_at=timezone.now(), withdrawn_by=actor)
        )
        if not updated:
            raise RuleBroken("share", "This share has already been withdrawn")
        audit.record(
            actor,
            Action.UPDATE,
            person_id=share.child_id,
            obj=share,
            summary=(
                f"Withdrew {share.version.document.title} v{share.version.number} from "
                f"{share.family_member.person.full_name}"
            ),
        )
    share.refresh_from_db()
    return share


def record_opened(member: FamilyMember, share: Share, what: str) -> None:
    """Audit a family member reading or downloading a share; note the first time on the
    share, so the record shows when they opened it."""
    with transaction.atomic():
        Share.objects.filter(pk=share.pk, first_opened_at__isnull=True).update(
            first_opened_at=timezone.now()
        )
        audit.record_view(
            None,
            share.child_id,
            share,
            summary=(
                f"Family portal: {member.person.full_name} {what} "
                f"{share.version.document.title} v{share.version.number}"
            ),
        )


# What families send ----------------------------------------------------------------------------


def add_views(member: FamilyMember, share: Share, *, text: str) -> FamilyContribution:
    if not text.strip():
        raise RuleBroken("text", "Enter your views")
    with transaction.atomic():
        contribution = FamilyContribution.objects.create(
            family_member=member,
            child_id=share.child_id,
            share=share,
            kind=FamilyContribution.Kind.VIEWS,
            title=f"Views on {share.version.document.title}",
            text=text.strip(),
        )
        audit.record(
            None,
            Action.CREATE,
            person_id=share.child_id,
            obj=contribution,
            summary=f"Family portal: {member.person.full_name} sent their views",
        )
    return contribution


def upload_document(
    member: FamilyMember, *, title: str, upload: Any, text: str = ""
) -> FamilyContribution:
    if not title.strip():
        raise RuleBroken("title", "Enter what the document is")
    content = upload.read(uploads.MAX_BYTES + 1)
    try:
        file_type = uploads.check(upload.name or "", content[:512], len(content))
    except uploads.Refused as refused:
        raise RuleBroken("file", str(refused)) from None
    with transaction.atomic():
        contribution = FamilyContribution(
            family_member=member,
            child_id=member.child_id,
            kind=FamilyContribution.Kind.DOCUMENT,
            title=title.strip(),
            text=text.strip(),
            original_name=(upload.name or "upload")[:255],
            content_type=file_type.content_type,
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
        )
        contribution.file.save(upload.name or "upload", ContentFile(content), save=False)
        contribution.save()
        audit.record(
            None,
            Action.CREATE,
            person_id=member.child_id,
            obj=contribution,
            summary=f"Family portal: {member.person.full_name} sent a document: {title.strip()}",
            after={"sha256": contribution.sha256, "size": contribution.size},
        )
    return contribution


def accept_contribution(actor: Any, contribution: FamilyContribution) -> FamilyContribution:
    """A worker reads what the family sent and adds it to the record: views as a case note, a
    document as a new document on the child's record, an action they say is done as progress
    on the plan (through the plans app's own service, with its audit event)."""
    if contribution.status != FamilyContribution.Status.NEW:
        raise RuleBroken("contribution", "This has already been dealt with")
    name = contribution.family_member.person.full_name
    changes: dict[str, Any] = {
        "status": FamilyContribution.Status.ACCEPTED,
        "reviewed_by": actor,
        "reviewed_at": timezone.now(),
    }
    with transaction.atomic():
        meeting = meeting_for_views(contribution)
        if meeting is not None:
            view = meeting_services.add_family_views(
                actor,
                meeting,
                given_by=name,
                relationship=selectors.relationship_to_child(contribution.family_member),
                text=contribution.text,
                sent_on=timezone.localdate(contribution.submitted_at),
                source_id=contribution.pk,
            )
            changes["accepted_meeting_view"] = view
        elif contribution.kind == FamilyContribution.Kind.VIEWS:
            note = case_services.add_case_note(
                actor,
                contribution.child,
                kind=CaseNote.Kind.EMAIL_OR_LETTER,
                occurred_on=timezone.localdate(contribution.submitted_at),
                subject=f"{contribution.title} from {name}"[:200],
                body=contribution.text,
            )
            changes["accepted_note"] = note
        elif contribution.kind == FamilyContribution.Kind.ACTION_DONE:
            action = _action_for(contribution)
            if action.progress != PlanAction.Progress.DONE:
                plan_services.update_action(
                    actor, action, expected_version=None, progress=PlanAction.Progress.DONE
                )
        else:
            with contribution.file.open("rb") as handle:
                content = handle.read()
            upload = ContentFile(content, name=contribution.original_name)
            document = case_services.upload_document(
                actor,
                contribution.child,
                title=f"{contribution.title} (from {name})"[:200],
                kind="correspondence",
                upload=upload,
            )
            changes["accepted_document"] = document
        updated = FamilyContribution.objects.filter(
            pk=contribution.pk, status=FamilyContribution.Status.NEW
        ).update(**changes)
        if not updated:
            raise RuleBroken("contribution", "This has already been dealt with")
        audit.record(
            actor,
            Action.UPDATE,
            person_id=contribution.child_id,
            obj=contribution,
            summary=f"Accepted into the record: {contribution.title} from {name}",
        )
    contribution.refresh_from_db()
    return contribution


def meeting_for_views(contribution: FamilyContribution) -> Meeting | None:
    """The meeting that views sent before it go onto when a worker accepts them: one shown
    through the portal whose minutes are still open. Once the minutes are finalised they cannot
    change, so the views go on the record as a case note instead."""
    shown = contribution.family_date
    if contribution.kind != FamilyContribution.Kind.VIEWS or shown is None:
        return None
    if shown.meeting_id is None:
        return None
    meeting = Meeting.objects.filter(pk=shown.meeting_id).first()
    if meeting is None or meeting.is_finalised:
        return None
    return meeting


def _action_for(contribution: FamilyContribution) -> PlanAction:
    action = (
        PlanAction.objects.select_related("goal__plan")
        .filter(pk=contribution.plan_action_id, goal__plan__person_id=contribution.child_id)
        .first()
        if contribution.plan_action_id
        else None
    )
    if action is None:
        raise RuleBroken(
            "contribution", "That action is no longer on the plan. Mark this as read instead"
        )
    return action


def decline_contribution(actor: Any, contribution: FamilyContribution) -> FamilyContribution:
    if contribution.status != FamilyContribution.Status.NEW:
        raise RuleBroken("contribution", "This has already been dealt with")
    with transaction.atomic():
        FamilyContribution.objects.filter(pk=contribution.pk).update(
            status=FamilyContribution.Status.NOT_ACCEPTED,
            reviewed_by=actor,
            reviewed_at=timezone.now(),
        )
        audit.record(
            actor,
            Action.UPDATE,
            person_id=contribution.child_id,
            obj=contribution,
            summary=f"Read and not added to the record: {contribution.title}",
        )
    contribution.refresh_from_db()
    return contribution


# Documents made from the record ----------------------------------------------------------------


def _today_label() -> str:
    return f"{timezone.localdate():%-d %B %Y}"


def _pdf_name(title: str) -> str:
    stem = "-".join(re.findall(r"[a-z0-9]+", title.lower()))[:80] or "document"
    return f"{stem}.pdf"


def prepare_document(actor: Any, child: Person, *, source: str, record: Any) -> DocumentVersion:
    """Make a PDF of a record on the child's file (a plan, an assessment, a conference's report
    and decision, a letter) so it can be shared. What the record says now is frozen into the
    version; a record made into a document before gets a new version of the same document."""
    found = documents.SOURCES[source]
    title, content = found.build(child, record)
    content |= {
        "title": title,
        "about": child.full_name,
        "prepared_by": actor.display_name,
        "prepared_on": _today_label(),
    }
    template = f"portal/documents/{source}.html"
    # Drawn before the transaction opens: rendering takes a moment, and the database should
    # not wait on it.
    upload = ContentFile(pdf.document_pdf(content, template), name=_pdf_name(title))
    with transaction.atomic():
        if source == DocumentContent.Source.TEXT:
            document = record.document
        else:
            earlier = (
                DocumentContent.objects.filter(
                    source=source, source_id=record.pk, version__document__person=child
                )
                .select_related("version__document")
                .order_by("-created_at")
                .first()
            )
            document = earlier.version.document if earlier else None
        if document is None:
            document = case_services.upload_document(
                actor, child, title=title, kind=found.kind, upload=upload
            )
            version = document.versions.get()
        else:
            version = case_services.add_document_version(
                actor, document, upload=upload, note="Made from the record to share with the family"
            )
        DocumentContent.objects.create(
            version=version, source=source, source_id=record.pk, content=content, created_by=actor
        )
        audit.record(
            actor,
            Action.CREATE,
            person_id=child.pk,
            obj=version,
            summary=f"Made {title} into a PDF to share with the family (version {version.number})",
        )
    return version


def redact_version(
    actor: Any, version: DocumentVersion, *, texts: list[str], note: str = ""
) -> DocumentVersion:
    """Keep a redacted copy of a version as a new version: the same document with the passages
    the worker changed (third-party information taken out). The original stays as it was."""
    holder: DocumentContent = version.portal_content
    found = documents.passages(holder.content)
    if len(texts) != len(found):
        raise ValueError("One text is needed for each passage")
    changes = {
        passage.path: text
        for passage, text in zip(found, texts, strict=True)
        if text.strip() != passage.text.strip()
    }
    if not changes:
        raise RuleBroken(
            "passage_1",
            "Change at least one passage, or share this version as it is",
        )
    content = documents.with_changes(holder.content, changes) | {"redacted": True}
    document = version.document
    upload = ContentFile(
        pdf.document_pdf(content, holder.template_name), name=_pdf_name(document.title)
    )
    with transaction.atomic():
        redacted = case_services.add_document_version(
            actor,
            document,
            upload=upload,
            note=note.strip() or f"Redacted copy of version {version.number}",
        )
        DocumentContent.objects.create(
            version=redacted,
            source=holder.source,
            source_id=holder.source_id,
            content=content,
            redacted_from=version,
            created_by=actor,
        )
        audit.record(
            actor,
            Action.CREATE,
            person_id=document.person_id,
            obj=redacted,
            summary=(
                f"Made a redacted version of {document.title} v{version.number} "
                f"({len(changes)} passage{'s' if len(changes) != 1 else ''} changed)"
            ),
            after={"redacted_from": str(version.pk), "passages": len(changes)},
        )
    return redacted


# Dates shown to the family ---------------------------------------------------------------------


def show_date(
    actor: Any,
    child: Person,
    *,
    candidate: DateCandidate,
    on: datetime.date,
    members: list[FamilyMember],
    at: datetime.time | None = None,
    place: str = "",
    note: str = "",
) -> FamilyDate:
    """Show an upcoming review, meeting or visit to the named family members."""
    if on < timezone.localdate():
        raise RuleBroken("on", "The date must be today or in the future")
    _check_members(child, members, "date")
    with transaction.atomic():
        shown = FamilyDate.objects.create(
            child=child,
            kind=candidate.kind,
            record_id=candidate.record_id,
            on=on,
            at=at,
            place=place.strip(),
            note=note.strip(),
            shown_by=actor,
        )
        shown.members.set(members)
        audit.record(
            actor,
            Action.CREATE,
            person_id=child.pk,
            obj=shown,
            summary=(
                f"Showed the {shown.get_kind_display().lower()} on {on:%-d %B %Y} to "
                + ", ".join(member.person.full_name for member in members)
            ),
        )
    return shown


def _check_members(child: Person, members: list[FamilyMember], what: str) -> None:
    if not members:
        raise RuleBroken("members", f"Select who in the family should see this {what}")
    for member in members:
        if member.child_id != child.pk or not account_is_usable(member):
            raise RuleBroken("members", "Select people with a family portal account in use")


def show_meeting(
    actor: Any,
    child: Person,
    meeting: Meeting,
    *,
    members: list[FamilyMember],
    purpose: str,
    note: str = "",
) -> FamilyDate:
    """Show an upcoming meeting about the child to the named family members, with what it is
    for in words the family will understand. They see its date, time and place as the meeting
    record has them, and can send their views before it."""
    if meeting.person_id != child.pk:
        raise RuleBroken("members", "This meeting is not about this child")
    if meeting.is_finalised or meeting.held_on < timezone.localdate():
        raise RuleBroken("members", "This meeting has already happened")
    if not purpose.strip():
        raise RuleBroken("purpose", "Enter what the meeting is for, in words the family use")
    _check_members(child, members, "meeting")
    with transaction.atomic():
        already = FamilyMember.objects.filter(
            pk__in=[member.pk for member in members],
            dates__meeting=meeting,
            dates__stopped_at__isnull=True,
        ).select_related("person")
        if already:
            raise RuleBroken(
                "members",
                "Already shown to " + ", ".join(member.person.full_name for member in already),
            )
        shown = FamilyDate.objects.create(
            child=child,
            kind=FamilyDate.Kind.MEETING,
            record_id=meeting.pk,
            meeting=meeting,
            on=meeting.held_on,
            at=meeting.starts_at,
            place=meeting.location,
            purpose=purpose.strip(),
            note=note.strip(),
            shown_by=actor,
        )
        shown.members.set(members)
        audit.record(
            actor,
            Action.CREATE,
            person_id=child.pk,
            obj=shown,
            summary=(
                f"Showed the {meeting.get_kind_display().lower()} on {meeting.held_on:%-d %B %Y} "
                "to " + ", ".join(member.person.full_name for member in members)
            ),
            after={"meeting": str(meeting.pk), "purpose": shown.purpose},
        )
    return shown


def stop_showing_date(actor: Any, shown: FamilyDate) -> FamilyDate:
    with transaction.atomic():
        updated = FamilyDate.objects.filter(pk=shown.pk, stopped_at__isnull=True).update(
            stopped_at=timezone.now(), stopped_by=actor
        )
        if not updated:
            raise RuleBroken("date", "This date is already hidden from the family")
        audit.record(
            actor,
            Action.UPDATE,
            person_id=shown.child_id,
            obj=shown,
            summary=f"Stopped showing the {shown.title.lower()} to the family",
        )
    shown.refresh_from_db()
    return shown


def add_views_before(member: FamilyMember, shown: FamilyDate, *, text: str) -> FamilyContribution:
    """A family member's views before a review or meeting, for the worker to read first."""
    if not text.strip():
        raise RuleBroken("text", "Enter your views")
    with transaction.atomic():
        contribution = FamilyContribution.objects.create(
            family_member=member,
            child_id=shown.child_id,
            family_date=shown,
            kind=FamilyContribution.Kind.VIEWS,
            title=f"Views before the {shown.title.lower()} on {shown.happens_on:%-d %B %Y}",
            text=text.strip(),
        )
        audit.record(
            None,
            Action.CREATE,
            person_id=shown.child_id,
            obj=contribution,
            summary=f"Family portal: {member.person.full_name} sent their views before a meeting",
        )
    return contribution


# Plan actions the family does ------------------------------------------------------------------


def mark_action_done(member: FamilyMember, share: Share, action: PlanAction) -> FamilyContribution:
    """A family member says they have done their action on the plan. The plan does not change
    until the worker accepts it."""
    if action.progress == PlanAction.Progress.DONE:
        raise RuleBroken("action", "This action is already marked as done")
    with transaction.atomic():
        if FamilyContribution.objects.filter(
            family_member=member,
            kind=FamilyContribution.Kind.ACTION_DONE,
            plan_action_id=action.pk,
            status=FamilyContribution.Status.NEW,
        ).exists():
            raise RuleBroken("action", "You have already told your social worker about this")
        contribution = FamilyContribution.objects.create(
            family_member=member,
            child_id=share.child_id,
            share=share,
            plan_action_id=action.pk,
            kind=FamilyContribution.Kind.ACTION_DONE,
            title=f"Says this is done: {action.what}"[:200],
        )
        audit.record(
            None,
            Action.CREATE,
            person_id=share.child_id,
            obj=contribution,
            summary=f"Family portal: {member.person.full_name} said a plan action is done",
        )
    return contribution
