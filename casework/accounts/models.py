"""Staff accounts, teams and roles. Access derives from these and from allocations; nothing here
stores a per-record grant."""

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models

from casework.common.models import PublicIdModel


class Team(PublicIdModel):
    name = models.CharField(max_length=120, unique=True)
    is_front_door = models.BooleanField(
        default=False, help_text="The multi-agency front door (MASH) that takes contacts."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    FRONT_DOOR = "front_door", "Front-door practitioner"
    SOCIAL_WORKER = "social_worker", "Social worker"
    TEAM_MANAGER = "team_manager", "Team manager"
    REVIEWING_OFFICER = "reviewing_officer", "Independent reviewing officer"
    ANALYST = "analyst", "Performance analyst"
    HEAD_OF_SERVICE = "head_of_service", "Head of service"
    # Recruitment staff: vacancies, applicants, the careers site and the academy. They see no
    # child's record.
    RECRUITER = "recruiter", "Recruitment officer"
    ADMIN = "admin", "System administrator"


class User(AbstractUser):
    """A member of staff. Family members get their own portal accounts in a later app."""

    role = models.CharField(max_length=30, choices=Role.choices, default=Role.SOCIAL_WORKER)
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )
    job_title = models.CharField(max_length=120, blank=True)
    failed_login_count = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["first_name", "last_name"]
        indexes = [models.Index(fields=["team", "role"])]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_manager(self) -> bool:
        return self.role == Role.TEAM_MANAGER


class ApiToken(PublicIdModel):
    """A bearer token for the JSON API. Only a hash is stored; the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, default="command line")
    token_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… for {self.user}"

    @staticmethod
    def hash(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @staticmethod
    def generate() -> str:
        return "cw_" + secrets.token_urlsafe(32)
