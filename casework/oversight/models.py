"""Management oversight: the decisions a team manager records on the child's file.

A decision is its own record, linked to whatever it decides (a contact today; an allocation, an
assessment's authorisation or a closure later), so a step that needs a manager's sign-off can
check for one and an inspector can read who decided what, when and why.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

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
