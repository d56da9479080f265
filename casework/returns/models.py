"""The council's statutory returns as Casework made them: one row per generation of a census,
kept so that anyone can see who made which file, when, from what, and what was in it."""

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse

from casework.common.models import PublicIdModel
from casework.returns.cin.years import CensusYear


def _census_path(instance: "CensusRun", filename: str) -> str:
    # Named by the run's id, never by anything a person typed.
    return f"returns/cin/{instance.year}/{instance.pk}.xml"


class CensusRun(PublicIdModel):
    """One generation of the CIN census for a year, from request to file."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Being made"
        DONE = "done", "Ready to download"
        INVALID = "invalid", "Did not match the schema"
        FAILED = "failed", "Failed"

    year = models.PositiveIntegerField()
    serial = models.PositiveIntegerField(help_text="The header's SerialNo")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    # Progress: children written so far, of how many.
    children_total = models.PositiveIntegerField(null=True, blank=True)
    children_done = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to=_census_path, max_length=300, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    # What was in it (Counts in casework.returns.cin.export), and what our rules and the
    # schema found.
    counts: models.JSONField[dict[str, int]] = models.JSONField(default=dict, blank=True)
    failures_by_rule: models.JSONField[dict[str, int]] = models.JSONField(default=dict, blank=True)
    rule_errors = models.PositiveIntegerField(null=True, blank=True)
    rule_queries = models.PositiveIntegerField(null=True, blank=True)
    schema_errors: models.JSONField[list[str]] = models.JSONField(default=list, blank=True)
    sql_queries = models.PositiveIntegerField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True)
    # Last year's census counted from the record when this one was made, for when last year's
    # was not made in Casework.
    previous_counts: models.JSONField[dict[str, int]] = models.JSONField(default=dict, blank=True)
    failure_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at"]
        indexes = [models.Index(fields=["year", "-requested_at"], name="censusrun_year")]
        constraints = [
            models.UniqueConstraint(fields=["year", "serial"], name="censusrun_serial_once"),
            models.CheckConstraint(
                condition=~models.Q(status="done") | ~models.Q(sha256=""),
                name="censusrun_done_has_file",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.census_year.label} CIN census, run {self.serial}"

    def get_absolute_url(self) -> str:
        return reverse("returns:run", args=[self.pk])

    @property
    def census_year(self) -> CensusYear:
        return CensusYear(self.year)

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.INVALID, self.Status.FAILED)

    @property
    def percent_done(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        if not self.children_total:
            return 0
        return min(99, round(100 * self.children_done / self.children_total))

    @property
    def download_name(self) -> str:
        return f"cin-census-{self.census_year.label}-{self.serial:03d}.xml"

    def count(self, name: str) -> Any:
        return self.counts.get(name)
