"""Small model bases and the pieces every app shares: bank holidays, local clock settings,
form drafts and submission receipts."""

import uuid
from typing import Any

from django.conf import settings
from django.db import models


class PublicIdModel(models.Model):
    """Primary keys are UUIDs so that URLs never reveal how many records exist."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)

    class Meta:
        abstract = True


class TimestampedModel(PublicIdModel):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class VersionedModel(TimestampedModel):
    """A record people edit. `version` goes up by one on every saved edit; an edit made from an
    older version is refused by `casework.common.versioning.update_versioned`."""

    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True


class BankHoliday(models.Model):
    """A non-working day in England and Wales. Seeded from the `holidays` package and editable by
    an administrator, so a one-off holiday (a coronation, a state funeral) needs no release."""

    date = models.DateField(unique=True)
    name = models.CharField(max_length=200)
    added_by_hand = models.BooleanField(default=False)

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d %B %Y}: {self.name}"


class ClockSetting(models.Model):
    """A council's own amount for a local-practice clock rule (for example CP visits every 10
    working days). Only rules marked local in `casework.lib.clock` may be changed."""

    rule_code = models.CharField(max_length=40, unique=True)
    amount = models.PositiveIntegerField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["rule_code"]

    def __str__(self) -> str:
        return f"{self.rule_code} = {self.amount}"


class Draft(models.Model):
    """What someone had typed into a form that was not yet submitted. Kept on the server so that a
    timed-out session, a closed laptop or a crashed browser loses nothing."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    key = models.CharField(max_length=200)
    path = models.CharField(max_length=500)
    title = models.CharField(max_length=200, blank=True)
    data: models.JSONField[Any] = models.JSONField(default=dict)
    saved_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="draft_one_per_user_and_form")
        ]
        indexes = [models.Index(fields=["user", "-saved_at"])]

    def __str__(self) -> str:
        return f"Draft of {self.key} by {self.user_id}"


class SubmissionReceipt(models.Model):
    """One row per form submission that changed something, keyed by the token the form carried.
    A second submission of the same form finds the receipt and goes where the first went."""

    token = models.UUIDField(unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    redirect_to = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return str(self.token)
