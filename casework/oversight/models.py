"""Management oversight: the decisions a team manager records on the child's file.

A decision is its own record, linked to whatever it decides (a contact today; an allocation, an
assessment's authorisation or a closure later), so a step that needs a manager's sign-off can
check for one and an inspector can read who decided what, when and why.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse

from casework.common.models import PublicIdModel


class ManagementDecision(PublicIdModel):
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="management_decisions"
    )
    # What the decision is about. The id is text so that records with UUID or integer keys can
    # both be linked.
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    subject = GenericForeignKey("content_type", "object_id")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField()
    decision = models.CharField(
        max_length=40, help_text="A code set by the step being decided, e.g. referral"
    )
    decision_label = models.CharField(max_length=300)
    rationale = models.TextField()
    risks_identified = models.TextField(blank=True)
    next_steps = models.TextField(blank=True)

    class Meta:
        ordering = ["-decided_at"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="decision_subject"),
            models.Index(fields=["person", "-decided_at"], name="decision_person_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(rationale=""), name="decision_has_rationale"
            ),
            models.CheckConstraint(condition=~models.Q(decision=""), name="decision_has_code"),
        ]

    def __str__(self) -> str:
        return f"{self.decision_label} ({self.decided_at:%d %b %Y})"


class Supervision(PublicIdModel):
    """A supervision session between a worker and their supervisor: reflective discussion, and
    per-child directions the worker acts on. The next session's due date is stored from the
    `supervision` clock rule when this one is recorded."""

    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervisions"
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervisions_given"
    )
    held_on = models.DateField("Date of the session")
    discussion = models.TextField("Reflective discussion")
    next_due = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-created_at"]
        indexes = [
            models.Index(fields=["worker", "-held_on"], name="supervision_worker_held"),
            models.Index(fields=["supervisor", "-held_on"], name="supervision_supervisor_held"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(discussion=""), name="supervision_has_discussion"
            ),
            models.CheckConstraint(
                condition=models.Q(next_due__gt=models.F("held_on")),
                name="supervision_next_after_held",
            ),
            models.CheckConstraint(
                condition=~models.Q(worker=models.F("supervisor")),
                name="supervision_not_self",
            ),
        ]

    def __str__(self) -> str:
        return f"Supervision on {self.held_on:%d %b %Y}"

    def get_absolute_url(self) -> str:
        return reverse("oversight:supervision", args=[self.pk])


class CaseDirection(PublicIdModel):
    """Something the supervisor directs the worker to do for one child. It shows on the child's
    record and in the worker's tray until it is done."""

    supervision = models.ForeignKey(
        Supervision, on_delete=models.PROTECT, related_name="directions"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="case_directions"
    )
    direction = models.TextField()
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["due_on"]
        indexes = [
            models.Index(fields=["person", "done_on", "due_on"], name="direction_person_open"),
            models.Index(fields=["supervision", "done_on"], name="direction_supervision_open"),
        ]
        constraints = [
            models.CheckConstraint(condition=~models.Q(direction=""), name="direction_says_what"),
            models.CheckConstraint(
                condition=models.Q(done_on__isnull=True, done_by__isnull=True)
                | models.Q(done_on__isnull=False, done_by__isnull=False),
                name="direction_done_by_someone",
            ),
        ]

    def __str__(self) -> str:
        return self.direction[:80]

    @property
    def is_done(self) -> bool:
        return self.done_on is not None
