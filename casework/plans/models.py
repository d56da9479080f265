"""Child in need plans, their goals and actions, plan reviews and visits.

A plan is made with the family: goals in their words ("family minded, strengths based, outcome
focused", Southwark's CIN practice standard), each with actions that workers, family members and
agencies own. It becomes active only when a team manager approves it with a management decision.
The next review and the next visit are stored dates, computed by the clock when the plan starts
and re-anchored on each actual review or visit, so trays read them with one indexed query.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse

from casework.cases.voice import ChildVoice
from casework.common.models import PublicIdModel, VersionedModel
from casework.lib.clock import get_rule


def default_visit_frequency() -> int:
    """The national default of the `cin-visit` rule; the service stores the council's own."""
    return get_rule("cin-visit").amount


def default_review_interval() -> int:
    return get_rule("cin-plan-review").amount


class CINPlan(VersionedModel):
    class Status(models.TextChoices):
        AWAITING_APPROVAL = "awaiting_approval", "Awaiting approval"
        ACTIVE = "active", "Active"
        ENDED = "ended", "Ended"

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="cin_plans")
    episode = models.ForeignKey("cases.Episode", on_delete=models.PROTECT, related_name="cin_plans")
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.AWAITING_APPROVAL
    )
    started_on = models.DateField("Plan start date")
    ended_on = models.DateField(null=True, blank=True)
    # Working days between visits (the unit of the `cin-visit` rule) and months between reviews
    # (the unit of `cin-plan-review`), as in force for the council when the plan started.
    visit_frequency_days = models.PositiveIntegerField(default=default_visit_frequency)
    review_interval_months = models.PositiveIntegerField(default=default_review_interval)
    next_review_due = models.DateField(null=True, blank=True)
    next_visit_due = models.DateField(null=True, blank=True)
    approval = models.ForeignKey(
        "oversight.ManagementDecision",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-started_on", "-created_at"]
        indexes = [
            models.Index(fields=["person", "status"], name="cinplan_person_status"),
            models.Index(fields=["status", "next_review_due"], name="cinplan_review_due"),
            models.Index(fields=["status", "next_visit_due"], name="cinplan_visit_due"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(status__in=["awaiting_approval", "active"]),
                name="cinplan_one_current_per_child",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="active") | models.Q(approval__isnull=False),
                name="cinplan_active_only_when_approved",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="cinplan_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(visit_frequency_days__gte=1)
                & models.Q(review_interval_months__gte=1),
                name="cinplan_intervals_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"Child in need plan from {self.started_on:%d %b %Y}"

    def get_absolute_url(self) -> str:
        return reverse("plans:plan", args=[self.person_id, self.pk])

    @property
    def is_current(self) -> bool:
        return self.status != self.Status.ENDED


class Goal(PublicIdModel):
    """What the family and the worker want to change, written with the family."""

    plan = models.ForeignKey(CINPlan, on_delete=models.CASCADE, related_name="goals")
    want_to_change = models.TextField("What we want to change")
    strengths = models.TextField("What is already working", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["plan", "created_at"], name="goal_plan_created")]
        constraints = [
            models.CheckConstraint(condition=~models.Q(want_to_change=""), name="goal_says_what")
        ]

    def __str__(self) -> str:
        return self.want_to_change[:80]


class Action(VersionedModel):
    class OwnerType(models.TextChoices):
        WORKER = "worker", "Worker"
        FAMILY_MEMBER = "family_member", "Family member"
        AGENCY = "agency", "Agency"

    class Progress(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="actions")
    what = models.TextField("What will be done")
    owner_name = models.CharField("Who will do it", max_length=200)
    owner_type = models.CharField("Who they are", max_length=20, choices=OwnerType.choices)
    due_on = models.DateField("By when")
    progress = models.CharField(
        max_length=20, choices=Progress.choices, default=Progress.NOT_STARTED
    )
    notes = models.TextField(blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "created_at"]
        indexes = [models.Index(fields=["goal", "due_on"], name="action_goal_due")]
        constraints = [
            models.CheckConstraint(condition=~models.Q(what=""), name="action_says_what"),
            models.CheckConstraint(condition=~models.Q(owner_name=""), name="action_has_owner"),
        ]

    def __str__(self) -> str:
        return self.what[:80]


class PlanReview(PublicIdModel, ChildVoice):
    class Outcome(models.TextChoices):
        CONTINUE = "continue", "Continue the plan"
        STEP_DOWN = "step_down", "Step down to early help"
        STEP_UP = "step_up", "Step up to child protection"
        CLOSE = "close", "Close the plan"

    plan = models.ForeignKey(CINPlan, on_delete=models.PROTECT, related_name="reviews")
    held_on = models.DateField("Date of the review")
    family_views = models.TextField("The family's views")
    summary = models.TextField("What the review found")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-created_at"]
        indexes = [models.Index(fields=["plan", "-held_on"], name="planreview_plan_held")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(child_seen__isnull=False)
                & (~models.Q(views="") | ~models.Q(views_not_gathered_reason="")),
                name="planreview_has_child_voice",
            ),
            models.CheckConstraint(
                condition=~models.Q(family_views=""), name="planreview_has_family_views"
            ),
        ]

    def __str__(self) -> str:
        return f"Plan review on {self.held_on:%d %b %Y}"

    @property
    def ends_plan(self) -> bool:
        return self.outcome != self.Outcome.CONTINUE


class Visit(VersionedModel, ChildVoice):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="visits")
    plan = models.ForeignKey(
        CINPlan, null=True, blank=True, on_delete=models.PROTECT, related_name="visits"
    )
    visited_on = models.DateField("Date of the visit")
    visited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    bedroom_seen = models.BooleanField("Was the child's bedroom seen?", null=True)
    observations = models.TextField("What you saw and heard")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-visited_on", "-created_at"]
        indexes = [
            models.Index(fields=["person", "-visited_on"], name="visit_person_visited"),
            models.Index(fields=["plan", "-visited_on"], name="visit_plan_visited"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(child_seen__isnull=False), name="visit_says_if_child_seen"
            ),
        ]

    def __str__(self) -> str:
        return f"Visit on {self.visited_on:%d %b %Y}"

    def get_absolute_url(self) -> str:
        return reverse("plans:visit", args=[self.person_id, self.pk])
