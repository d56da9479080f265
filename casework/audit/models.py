"""The audit trail: one append-only row for every view and every change of a child's record.

The database itself refuses UPDATE and DELETE on this table (see the migration that installs the
triggers), so a bug or a hurried administrator cannot rewrite history."""

from typing import Any

from django.conf import settings
from django.db import models

from casework.common.models import PublicIdModel


class Action(models.TextChoices):
    VIEW = "view", "Viewed"
    CREATE = "create", "Created"
    UPDATE = "update", "Changed"
    DELETE = "delete", "Deleted"
    EXPORT = "export", "Exported"
    LOGIN = "login", "Signed in"
    LOGIN_FAILED = "login_failed", "Failed sign-in"
    LOGOUT = "logout", "Signed out"
    LOCKED_OUT = "locked_out", "Locked out"
    TOKEN_ISSUED = "token_issued", "API token issued"


class AuditEvent(PublicIdModel):
    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=150, help_text="Username at the time, kept verbatim")
    action = models.CharField(max_length=20, choices=Action.choices)
    # The child (or other person) whose record this touches. Kept as a plain UUID rather than a
    # foreign key so that merging or removing a person never has to rewrite audit rows.
    person_id = models.UUIDField(null=True, blank=True)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    summary = models.CharField(max_length=300, blank=True)
    before: models.JSONField[Any] = models.JSONField(null=True, blank=True)
    after: models.JSONField[Any] = models.JSONField(null=True, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    channel = models.CharField(max_length=10, default="web")

    class Meta:
        ordering = ["-at"]
        indexes = [
            models.Index(fields=["person_id", "-at"], name="audit_person_at"),
            models.Index(fields=["actor", "-at"], name="audit_actor_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_type}"
