"""People the council works with: children and the adults around them."""

from django.db import models
from django.urls import reverse

from casework.common.models import VersionedModel


class Sex(models.TextChoices):
    # As the CIN census codes it from 2024-25; U is also used for an unborn child.
    MALE = "M", "Male"
    FEMALE = "F", "Female"
    UNKNOWN = "U", "Not known"


class Person(VersionedModel):
    la_id = models.CharField("Council ID", max_length=20, unique=True)
    given_name = models.CharField("First name", max_length=100)
    family_name = models.CharField("Last name", max_length=100)
    preferred_name = models.CharField("Preferred name", max_length=100, blank=True)
    date_of_birth = models.DateField("Date of birth", null=True, blank=True)
    expected_date_of_birth = models.DateField("Expected date of birth", null=True, blank=True)
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    is_child = models.BooleanField(default=True)

    class Meta:
        ordering = ["family_name", "given_name"]
        indexes = [models.Index(fields=["family_name", "given_name"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(date_of_birth__isnull=True)
                | models.Q(expected_date_of_birth__isnull=True),
                name="person_born_or_expected_not_both",
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("people:detail", args=[self.pk])

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()
