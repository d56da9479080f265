"""The single child and family assessment: the three domains of the Assessment Framework, the
child's voice, the screening for risks outside the home, the factors the CIN census records, the
outcome, and a manager's sign-off."""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.urls import reverse

from casework.cases.outside_home import OutsideHomeScreening
from casework.cases.voice import ChildVoice
from casework.common.errors import RuleBroken
from casework.common.models import VersionedModel


class AssessmentFactor(models.TextChoices):
    """Factors identified at assessment, as the CIN census codes them (A the child, B a parent or
    carer, C another member of the household). 18A and 19A are left out: the DfE stopped
    accepting them from 2024-25 (CIN validation rules 8945Q and 8950Q)."""

    ALCOHOL_CHILD = "1A", "Alcohol misuse: the child"
    ALCOHOL_PARENT = "1B", "Alcohol misuse: a parent or carer"
    ALCOHOL_OTHER = "1C", "Alcohol misuse: another person in the household"
    DRUGS_CHILD = "2A", "Drug misuse: the child"
    DRUGS_PARENT = "2B", "Drug misuse: a parent or carer"
    DRUGS_OTHER = "2C", "Drug misuse: another person in the household"
    DOMESTIC_ABUSE_CHILD = "3A", "Domestic abuse: the child"
    DOMESTIC_ABUSE_PARENT = "3B", "Domestic abuse: a parent or carer"
    DOMESTIC_ABUSE_OTHER = "3C", "Domestic abuse: another person in the household"
    MENTAL_HEALTH_CHILD = "4A", "Mental health: the child"
    MENTAL_HEALTH_PARENT = "4B", "Mental health: a parent or carer"
    MENTAL_HEALTH_OTHER = "4C", "Mental health: another person in the household"
    LEARNING_DISABILITY_CHILD = "5A", "Learning disability: the child"
    LEARNING_DISABILITY_PARENT = "5B", "Learning disability: a parent or carer"
    LEARNING_DISABILITY_OTHER = "5C", "Learning disability: another person in the household"
    PHYSICAL_CHILD = "6A", "Physical disability or illness: the child"
    PHYSICAL_PARENT = "6B", "Physical disability or illness: a parent or carer"
    PHYSICAL_OTHER = "6C", "Physical disability or illness: another person in the household"
    YOUNG_CARER = "7A", "Young carer"
    PRIVATE_FOSTERING_OVERSEAS_RETURNING = (
        "8B",
        "Privately fostered: from overseas, intending to return to their family abroad",
    )
    PRIVATE_FOSTERING_OVERSEAS_STAYING = (
        "8C",
        "Privately fostered: from overseas, intending to stay in the UK",
    )
    PRIVATE_FOSTERING_EDUCATION = "8D", "Privately fostered: UK child in an educational placement"
    PRIVATE_FOSTERING_FAMILY_ARRANGEMENT = (
        "8E",
        "Privately fostered: UK child living in an arrangement made by the family",
    )
    PRIVATE_FOSTERING_OTHER = "8F", "Privately fostered: other"
    UNACCOMPANIED_ASYLUM_SEEKER = "9A", "Unaccompanied asylum-seeking child"
    MISSING = "10A", "Going or being missing"
    SEXUAL_EXPLOITATION = "11A", "Child sexual exploitation"
    TRAFFICKING = "12A", "Trafficking"
    GANGS = "13A", "Gangs"
    SOCIALLY_UNACCEPTABLE_BEHAVIOUR = "14A", "Socially unacceptable behaviour"
    SELF_HARM = "15A", "Self-harm"
    NEGLECT = "16A", "Neglect"
    EMOTIONAL_ABUSE = "17A", "Emotional abuse"
    PHYSICAL_ABUSE_BY_CHILD = "18B", "Physical abuse by another child or young person"
    PHYSICAL_ABUSE_BY_ADULT = "18C", "Physical abuse by an adult"
    SEXUAL_ABUSE_BY_CHILD = "19B", "Sexual abuse by another child or young person"
    SEXUAL_ABUSE_BY_ADULT = "19C", "Sexual abuse by an adult"
    OTHER = "20", "Other"
    NO_FACTORS = "21", "No factors identified"
    FGM = "22A", "Female genital mutilation"
    FAITH_OR_BELIEF = "23A", "Abuse linked to faith or belief"
    CRIMINAL_EXPLOITATION = "24A", "Child criminal exploitation"


def check_factors(codes: Iterable[str]) -> list[str]:
    """The factor codes, checked against the CIN census list; returns them as a list.

    CIN census validation: every code must be on the list, none twice (8898), and "21" (no
    factors identified) is only ever used alone.
    """
    values = list(codes)
    unknown = [code for code in values if code not in AssessmentFactor.values]
    if unknown:
        raise RuleBroken("factors", f"{', '.join(unknown)} is not a factor code the census uses")
    if len(set(values)) != len(values):
        raise RuleBroken("factors", "Select each factor once")
    if AssessmentFactor.NO_FACTORS in values and len(values) > 1:
        raise RuleBroken(
            "factors", "Select either the factors identified or 'No factors identified', not both"
        )
    return values


class Assessment(VersionedModel, ChildVoice, OutsideHomeScreening):
    """The child and family assessment. It asks the same screening questions about risks
    outside the home as a strategy discussion (`OutsideHomeScreening`), so a worker who finds
    exploitation while assessing records it without waiting for a discussion."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted for authorisation"
        RETURNED = "returned", "Returned to the worker"
        AUTHORISED = "authorised", "Authorised"

    class Outcome(models.TextChoices):
        NO_FURTHER_ACTION = "nfa", "No further action"
        CIN_PLAN = "cin_plan", "Child in need plan"
        STRATEGY_DISCUSSION = "strategy_discussion", "Strategy discussion"
        EARLY_HELP = "early_help", "Step down to early help"
        LOOKED_AFTER = "looked_after", "Request to become looked after"
        OTHER = "other", "Other"

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="assessments"
    )
    episode = models.ForeignKey(
        "cases.Episode", on_delete=models.PROTECT, related_name="assessments"
    )
    started_on = models.DateField("Date the assessment started")
    child_seen_on = models.DateField("Date the child was seen", null=True, blank=True)
    developmental_needs = models.TextField("The child's developmental needs", blank=True)
    parenting_capacity = models.TextField("Parenting capacity", blank=True)
    family_environment = models.TextField("Family and environmental factors", blank=True)
    strengths = models.TextField("Strengths", blank=True)
    risks = models.TextField("Risks", blank=True)
    analysis = models.TextField("Analysis", blank=True)
    factors: models.JSONField[list[str]] = models.JSONField(
        "Factors identified", default=list, blank=True
    )
    outcome = models.CharField(max_length=30, choices=Outcome.choices, blank=True)
    # Copied from the episode's stored clock dates when the assessment starts; nothing else
    # computes them.
    due_on = models.DateField("Due by")
    target_on = models.DateField("Target date")
    late_reason = models.TextField("Why the assessment took longer", blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    authorised_at = models.DateTimeField(null=True, blank=True)
    authorised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The manager's decision that authorised it. The constraint below means no assessment is
    # authorised without one.
    authorisation = models.ForeignKey(
        "oversight.ManagementDecision",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    manager_comments = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-started_on", "-created_at"]
        indexes = [
            models.Index(fields=["person", "-started_on"], name="assessment_person_started"),
            models.Index(fields=["status", "target_on"], name="assessment_status_target"),
            # Whether a referral's assessment is authorised, asked on every case summary: by
            # the episode, not by every authorised assessment in the council.
            models.Index(fields=["episode", "status"], name="assessment_episode_status"),
        ]
        constraints = [
            # CIN census rules 8896 and 8863Q: no overlapping open assessments.
            models.UniqueConstraint(
                fields=["episode"],
                condition=~models.Q(status="authorised"),
                name="assessment_one_open_per_episode",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="authorised")
                | models.Q(
                    authorised_at__isnull=False,
                    authorised_by__isnull=False,
                    authorisation__isnull=False,
                ),
                name="assessment_authorised_with_decision",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "submitted", "returned", "authorised"]),
                name="assessment_status_known",
            ),
        ]

    def __str__(self) -> str:
        return f"Assessment of {self.person} started {self.started_on:%d %b %Y}"

    def get_absolute_url(self) -> str:
        return reverse("assessments:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.AUTHORISED

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    def is_overdue(self, today: datetime.date) -> bool:
        """Past the stricter target date and not yet authorised (practice rules 5d: warnings
        are driven from the target date)."""
        return self.is_open and today > self.target_on

    def factor_labels(self) -> list[str]:
        labels = dict(AssessmentFactor.choices)
        return [f"{code}: {labels.get(code, code)}" for code in self.factors]


EDITABLE_STATUSES = frozenset({Assessment.Status.DRAFT, Assessment.Status.RETURNED})
