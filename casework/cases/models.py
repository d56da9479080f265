"""The case record: allocation of a child to a team and worker, and case notes."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from casework.common.models import PublicIdModel, VersionedModel


class Allocation(PublicIdModel):
    """Who holds a child's case, over time. Access to the record derives from the open one."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="allocations"
    )
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="+")
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="allocations",
    )
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-started_on"]
        indexes = [
            models.Index(fields=["team", "ended_on"]),
            models.Index(fields=["worker", "ended_on"]),
            models.Index(fields=["person", "ended_on"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(ended_on__isnull=True),
                name="allocation_one_open_per_person",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="allocation_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} to {self.team}"


class CaseNote(VersionedModel):
    class Kind(models.TextChoices):
        VISIT = "visit", "Visit"
        PHONE_CALL = "phone_call", "Phone call"
        MEETING = "meeting", "Meeting"
        MANAGEMENT_OVERSIGHT = "management_oversight", "Management oversight"
        EMAIL_OR_LETTER = "correspondence", "Email or letter"
        OTHER = "other", "Other"

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField("Type of note", max_length=30, choices=Kind.choices)
    occurred_on = models.DateField("Date")
    subject = models.CharField("Subject", max_length=200)
    body = models.TextField("Note")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-occurred_on", "-created_at"]
        indexes = [models.Index(fields=["person", "-occurred_on"])]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("cases:note", args=[self.person_id, self.pk])
