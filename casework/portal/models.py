"""The family portal: accounts for parents, carers and young people, and the document versions a
worker has shared with them.

A family member is never a staff `User`. Their account, sign-in codes and sessions live here and
are checked by the portal's own views; Django's staff authentication never sees them.
"""

import datetime
import hashlib

from django.conf import settings
from django.db import models

from casework.cases.models import Document
from casework.common.models import PublicIdModel


def token_hash(raw: str) -> str:
    """Links, codes and session keys are stored only as hashes, so a copy of the database
    cannot be used to sign in."""
    return hashlib.sha256(raw.encode()).hexdigest()


class FamilyMember(PublicIdModel):
    """A person's portal access to what is shared about one child. The person is the child
    themselves (a young person old enough, by council setting) or related to the child."""

    class Status(models.TextChoices):
        INVITED = "invited", "Invited"
        ACTIVE = "active", "Active"
        REMOVED = "removed", "Removed"

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="family_accounts"
    )
    email = models.EmailField("Email address")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.INVITED)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    invited_at = models.DateTimeField(auto_now_add=True)
    activated_at = models.DateTimeField(null=True, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    failed_attempts = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-invited_at"]
        indexes = [
            models.Index(fields=["child", "status"]),
            models.Index(fields=["email", "status"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "child"],
                condition=~models.Q(status="removed"),
                name="family_member_one_live_account_per_child",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="removed") | models.Q(removed_at__isnull=False),
                name="family_member_removal_has_a_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} (portal, about {self.child})"

    @property
    def is_self(self) -> bool:
        return self.person_id == self.child_id


class Invitation(PublicIdModel):
    """The one-time link emailed to a family member. Used once, then dead; expires unused."""

    family_member = models.ForeignKey(
        FamilyMember, on_delete=models.CASCADE, related_name="invitations"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation for {self.family_member_id}"


class SignInCode(PublicIdModel):
    """A six-digit code emailed after the date of birth is confirmed. Only its hash is kept."""

    family_member = models.ForeignKey(FamilyMember, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    invitation = models.ForeignKey(
        Invitation, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Code for {self.family_member_id}"


class PortalSession(PublicIdModel):
    """A signed-in family member. Kept apart from Django's staff sessions, under its own cookie,
    with a shorter idle time-out; ending it (sign-out, removal, time-out) takes effect at once."""

    family_member = models.ForeignKey(
        FamilyMember, on_delete=models.CASCADE, related_name="sessions"
    )
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["family_member", "ended_at"])]

    def __str__(self) -> str:
        return f"Portal session of {self.family_member_id}"


class SharingRule(models.Model):
    """Which kinds of document need a team manager's approval before a family sees them. The
    rules are the council's, not a team's: team managers set them on the approval rules page,
    which audits each change."""

    kind = models.CharField(
        "Type of document", max_length=20, unique=True, choices=Document.Kind.choices
    )
    needs_approval = models.BooleanField(default=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["kind"]

    def __str__(self) -> str:
        return f"{self.kind}: {'approval' if self.needs_approval else 'no approval'}"


class Share(PublicIdModel):
    """One exact document version shared with one family member."""

    class Status(models.TextChoices):
        AWAITING_APPROVAL = "awaiting", "Awaiting a manager's approval"
        SHARED = "shared", "Shared"
        WITHDRAWN = "withdrawn", "Withdrawn"

    version = models.ForeignKey(
        "cases.DocumentVersion", on_delete=models.PROTECT, related_name="shares"
    )
    family_member = models.ForeignKey(FamilyMember, on_delete=models.PROTECT, related_name="shares")
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="shares")
    status = models.CharField(max_length=10, choices=Status.choices)
    third_party_removed = models.BooleanField(default=False)
    message = models.TextField("Message to the family", blank=True)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    shared_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    first_opened_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["family_member", "status"]),
            models.Index(fields=["child", "-created_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(third_party_removed=True), name="share_confirms_redaction"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="shared") | models.Q(shared_at__isnull=False),
                name="share_shared_has_a_time",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="withdrawn") | models.Q(withdrawn_at__isnull=False),
                name="share_withdrawal_has_a_time",
            ),
            models.UniqueConstraint(
                fields=["version", "family_member"],
                condition=~models.Q(status="withdrawn"),
                name="share_once_per_version_and_member",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version} with {self.family_member.person}"


def _contribution_path(instance: "FamilyContribution", filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"portal/{instance.family_member_id}/{instance.pk}.{extension}"


class FamilyContribution(PublicIdModel):
    """Something a family member sent through the portal: their views on a shared document, or a
    document of their own. It waits in the worker's tray; nothing reaches the record unseen."""

    class Kind(models.TextChoices):
        VIEWS = "views", "Views"
        DOCUMENT = "document", "Document"
        ACTION_DONE = "action_done", "An action they say is done"

    class Status(models.TextChoices):
        NEW = "new", "Waiting to be read"
        ACCEPTED = "accepted", "Accepted into the record"
        NOT_ACCEPTED = "declined", "Read, not added to the record"

    family_member = models.ForeignKey(
        FamilyMember, on_delete=models.PROTECT, related_name="contributions"
    )
    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="family_contributions"
    )
    share = models.ForeignKey(
        Share, null=True, blank=True, on_delete=models.PROTECT, related_name="contributions"
    )
    family_date = models.ForeignKey(
        "FamilyDate", null=True, blank=True, on_delete=models.PROTECT, related_name="contributions"
    )
    # The plan action a family member says they have done. Kept as an id, not a key, so the
    # portal never holds the plans app's rows in place; acceptance looks the action up again.
    plan_action_id = models.UUIDField(null=True, blank=True)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    title = models.CharField(max_length=200)
    text = models.TextField(blank=True)
    file = models.FileField(upload_to=_contribution_path, max_length=300, blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    accepted_document = models.ForeignKey(
        "cases.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    accepted_note = models.ForeignKey(
        "cases.CaseNote", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    accepted_meeting_view = models.ForeignKey(
        "meetings.FamilyView", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["child", "status", "-submitted_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="views") | ~models.Q(text=""),
                name="contribution_views_have_text",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="document") | ~models.Q(file=""),
                name="contribution_document_has_a_file",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="action_done")
                | (models.Q(plan_action_id__isnull=False) & models.Q(share__isnull=False)),
                name="contribution_action_names_the_action",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class DocumentContent(models.Model):
    """What a document version made from the record says, kept beside its PDF. The family's
    page and the PDF are both drawn from it through one template, and a redacted version is a
    copy of it with passages changed, so what the family reads is exactly what was shared."""

    class Source(models.TextChoices):
        PLAN = "plan", "Child in need plan"
        ASSESSMENT = "assessment", "Child and family assessment"
        CONFERENCE = "conference", "Child protection conference: report and decision"
        MEETING = "meeting", "Meeting: minutes and decisions"
        TEXT = "text", "Letter or other written document"

    version = models.OneToOneField(
        "cases.DocumentVersion", on_delete=models.PROTECT, related_name="portal_content"
    )
    source = models.CharField(max_length=20, choices=Source.choices)
    # The record it was made from (a plan, an assessment, a conference, or for a letter the
    # version it was converted from), so preparing it again adds a version to the same document.
    source_id = models.UUIDField()
    content = models.JSONField()
    redacted_from = models.ForeignKey(
        "cases.DocumentVersion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="redactions",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["source", "source_id"])]

    def __str__(self) -> str:
        return f"Content of {self.version_id}"

    @property
    def template_name(self) -> str:
        return f"portal/documents/{self.source}.html"


class FamilyDate(PublicIdModel):
    """An upcoming review, conference, meeting or visit that a worker chose to show to named
    family members. Nothing on the record is shown to a family until a worker does this.

    A meeting (casework.meetings) is shown as it stands on the record: its date, time and place
    are read from the meeting whenever the family looks, so moving the meeting moves it in the
    portal too, and it leaves the portal once it has happened or its minutes are finalised.
    `on`, `at` and `place` keep what the family was first shown."""

    class Kind(models.TextChoices):
        CIN_REVIEW = "cin_review", "Review of the child in need plan"
        CIN_VISIT = "cin_visit", "Visit from the social worker"
        CP_REVIEW = "cp_review", "Review child protection conference"
        CORE_GROUP = "core_group", "Core group meeting"
        CP_VISIT = "cp_visit", "Visit from the social worker"
        MEETING = "meeting", "Meeting"

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # The plan the date belongs to (a CIN plan or a child protection plan), or the meeting.
    record_id = models.UUIDField()
    meeting = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="family_dates",
    )
    purpose = models.TextField("What it is for, in plain words", blank=True)
    on = models.DateField("Date")
    at = models.TimeField("Time", null=True, blank=True)
    place = models.CharField("Where", max_length=200, blank=True)
    note = models.TextField("Message to the family", blank=True)
    members = models.ManyToManyField(FamilyMember, related_name="dates")
    shown_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    shown_at = models.DateTimeField(auto_now_add=True)
    stopped_at = models.DateTimeField(null=True, blank=True)
    stopped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["on", "at"]
        indexes = [models.Index(fields=["child", "on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(stopped_at__isnull=True) | models.Q(stopped_by__isnull=False),
                name="family_date_stopped_by_someone",
            ),
            # A meeting's date is always the meeting's own; no other kind names a meeting.
            models.CheckConstraint(
                condition=(models.Q(kind="meeting") & models.Q(meeting__isnull=False))
                | (~models.Q(kind="meeting") & models.Q(meeting__isnull=True)),
                name="family_date_meeting_named",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} on {self.happens_on:%d %b %Y}"

    @property
    def welcomes_views(self) -> bool:
        """Families add their views before a review or meeting, not before a visit."""
        return self.kind not in (self.Kind.CIN_VISIT, self.Kind.CP_VISIT)

    # What the family is shown: a meeting's own details, as they stand on the record now.
    @property
    def title(self) -> str:
        return self.meeting.get_kind_display() if self.meeting else self.get_kind_display()

    @property
    def happens_on(self) -> datetime.date:
        return self.meeting.held_on if self.meeting else self.on

    @property
    def starts_at(self) -> datetime.time | None:
        return self.meeting.starts_at if self.meeting else self.at

    @property
    def where(self) -> str:
        return self.meeting.location if self.meeting else self.place
