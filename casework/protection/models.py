"""Child protection: strategy discussions, section 47 enquiries, conferences, plans, core groups
and visits, with children at risk outside the home and family group conferences.

Every due date is computed by `casework.common.clock.due` when the event that starts its clock
happens, and stored, so trays read them with one indexed query. The ICPC dates in particular are
stored on the enquiry when it starts and never recomputed: Working Together 2023 anchors them on
the strategy discussion that started the enquiry, whatever discussions follow.
"""

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from casework.cases.outside_home import OutsideHomeScreening
from casework.cases.voice import ChildVoice
from casework.common.models import PublicIdModel, VersionedModel
from casework.lib.clock import get_rule


class Agency(models.TextChoices):
    POLICE = "police", "Police"
    HEALTH = "health", "Health"
    EDUCATION = "education", "Education"
    SOCIAL_CARE = "social_care", "Children's social care"
    OTHER = "other", "Other"


# Working Together 2023: a strategy discussion involves at least social care, police, health and
# the referring or education agency; each must at least be invited.
REQUIRED_AGENCIES = (Agency.POLICE, Agency.HEALTH, Agency.EDUCATION, Agency.SOCIAL_CARE)


class Category(models.TextChoices):
    """Category of abuse, as the CIN census codes it."""

    NEG = "NEG", "Neglect"
    PHY = "PHY", "Physical abuse"
    SAB = "SAB", "Sexual abuse"
    EMO = "EMO", "Emotional abuse"
    MUL = "MUL", "Multiple"


def default_visit_frequency() -> int:
    """The national default of the `cp-visit` rule; the service stores the council's own."""
    return get_rule("cp-visit").amount


class StrategyDiscussion(VersionedModel, OutsideHomeScreening):
    """Its screening for risks outside the home (the five flags) is shared with the
    assessment, in `casework.cases.outside_home`."""

    class Decision(models.TextChoices):
        SECTION_47 = "section_47", "Section 47 enquiry"
        FURTHER_ASSESSMENT = "further_assessment", "Further assessment"
        NO_FURTHER_ACTION = "nfa", "No further action"

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="strategy_discussions"
    )
    episode = models.ForeignKey(
        "cases.Episode", on_delete=models.PROTECT, related_name="strategy_discussions"
    )
    held_at = models.DateTimeField("Date and time of the discussion")
    information_shared = models.TextField("Information shared")
    risks_identified = models.TextField("Risks identified")
    decision = models.CharField(max_length=30, choices=Decision.choices)
    # Written in the same transaction as the discussion, just after it (a decision names its
    # subject, so the discussion must exist first).
    management_decision = models.ForeignKey(
        "oversight.ManagementDecision",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The front-door contact whose immediate risk led to the discussion, when there was one.
    contact = models.ForeignKey(
        "frontdoor.Contact",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="strategy_discussions",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-held_at"]
        indexes = [models.Index(fields=["person", "-held_at"], name="strategy_person_held")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decision__in=["section_47", "further_assessment", "nfa"]),
                name="strategy_decision_known",
            )
        ]

    def __str__(self) -> str:
        return f"Strategy discussion on {self.held_on:%d %b %Y}"

    def get_absolute_url(self) -> str:
        return reverse("protection:strategy", args=[self.person_id, self.pk])

    @property
    def held_on(self) -> datetime.date:
        return timezone.localdate(self.held_at)


class Participant(PublicIdModel):
    discussion = models.ForeignKey(
        StrategyDiscussion, on_delete=models.CASCADE, related_name="participants"
    )
    agency = models.CharField(max_length=20, choices=Agency.choices)
    name = models.CharField(max_length=200)
    invited = models.BooleanField(default=True)
    attended = models.BooleanField(default=False)

    class Meta:
        ordering = ["agency", "name"]
        indexes = [models.Index(fields=["discussion", "agency"], name="participant_discussion")]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_agency_display()})"


class Section47(VersionedModel):
    class Outcome(models.TextChoices):
        NOT_SUBSTANTIATED = "not_substantiated", "Concerns not substantiated"
        NOT_AT_RISK = "substantiated_not_at_risk", "Substantiated, not at continuing risk"
        AT_RISK = "substantiated_at_risk", "Substantiated and at continuing risk (ICPC)"

    class Status(models.TextChoices):
        OPEN = "open", "In progress"
        COMPLETED = "completed", "Awaiting authorisation"
        AUTHORISED = "authorised", "Authorised"

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="s47s")
    episode = models.ForeignKey("cases.Episode", on_delete=models.PROTECT, related_name="s47s")
    strategy_discussion = models.OneToOneField(
        StrategyDiscussion, on_delete=models.PROTECT, related_name="section47"
    )
    started_on = models.DateField()
    # From the `icpc` rule on the day of the starting discussion; never recomputed.
    icpc_due = models.DateField()
    icpc_target = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    # True until an initial conference is held or the enquiry ends without needing one.
    awaiting_icpc = models.BooleanField(default=True)
    icpc_held_on = models.DateField(null=True, blank=True)
    child_seen_on = models.DateField("Date the child was seen", null=True, blank=True)
    findings = models.TextField(blank=True)
    outcome = models.CharField(max_length=40, choices=Outcome.choices, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    authorisation = models.ForeignKey(
        "oversight.ManagementDecision",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-started_on", "-created_at"]
        verbose_name = "section 47 enquiry"
        indexes = [
            models.Index(fields=["person", "-started_on"], name="s47_person_started"),
            models.Index(fields=["awaiting_icpc", "icpc_target"], name="s47_icpc_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(completed_on__isnull=True)
                | models.Q(completed_on__gte=models.F("started_on")),
                name="s47_completes_after_start",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="authorised") | models.Q(authorisation__isnull=False),
                name="s47_authorised_by_decision",
            ),
        ]

    def __str__(self) -> str:
        return f"Section 47 enquiry from {self.started_on:%d %b %Y}"

    def get_absolute_url(self) -> str:
        return reverse("protection:s47", args=[self.person_id, self.pk])


class Conference(VersionedModel, ChildVoice):
    class Kind(models.TextChoices):
        INITIAL = "initial", "Initial child protection conference"
        REVIEW = "review", "Review child protection conference"
        PRE_BIRTH = "pre_birth", "Pre-birth child protection conference"

    class Decision(models.TextChoices):
        PLAN = "plan", "Child protection plan"
        NO_PLAN = "no_plan", "No child protection plan"
        CONTINUE = "continue", "Continue the plan"
        END = "end", "End the plan"

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="cp_conferences"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    section47 = models.ForeignKey(
        Section47, null=True, blank=True, on_delete=models.PROTECT, related_name="conferences"
    )
    plan = models.ForeignKey(
        "protection.ChildProtectionPlan",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="review_conferences",
    )
    held_on = models.DateField("Date of the conference")
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agencies_invited = models.JSONField(default=list)
    agencies_attended = models.JSONField(default=list)
    family_invited = models.TextField("Family members invited", blank=True)
    family_attended = models.TextField("Family members who attended", blank=True)
    reports_received = models.TextField("Reports received before the conference", blank=True)
    parents_views = models.TextField("Parents' views", blank=True)
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    category = models.CharField(max_length=3, choices=Category.choices, blank=True)
    core_group_members = models.TextField(blank=True)
    finalised_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-created_at"]
        indexes = [
            models.Index(fields=["person", "-held_on"], name="conference_person_held"),
            # The chair's tray: conferences held but not yet finalised.
            models.Index(fields=["chair", "finalised_at"], name="conference_chair_open"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(category__in=["", "NEG", "PHY", "SAB", "EMO", "MUL"]),
                name="conference_category_known",
            ),
            models.CheckConstraint(
                condition=models.Q(finalised_at__isnull=True)
                | (~models.Q(participation="") & ~models.Q(decision="")),
                name="conference_finalised_with_voice",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.held_on:%d %b %Y}"

    def get_absolute_url(self) -> str:
        return reverse("protection:conference", args=[self.person_id, self.pk])

    @property
    def is_finalised(self) -> bool:
        return self.finalised_at is not None

    @property
    def decides_plan(self) -> bool:
        return self.kind in (self.Kind.INITIAL, self.Kind.PRE_BIRTH)


class ChildProtectionPlan(VersionedModel):
    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        ENDED = "ended", "Ended"

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="cp_plans")
    initial_conference = models.OneToOneField(
        Conference, on_delete=models.PROTECT, related_name="started_plan"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    started_on = models.DateField("Plan start date")
    initial_category = models.CharField(max_length=3, choices=Category.choices)
    latest_category = models.CharField(max_length=3, choices=Category.choices)
    outline = models.TextField("Outline plan", blank=True)
    # Working days between visits, the unit of the `cp-visit` rule, as in force at the start.
    visit_frequency_days = models.PositiveIntegerField(default=default_visit_frequency)
    first_core_group_due = models.DateField()
    next_core_group_due = models.DateField(null=True, blank=True)
    next_review_due = models.DateField(null=True, blank=True)
    next_visit_due = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.TextField(blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-started_on", "-created_at"]
        indexes = [
            models.Index(fields=["person", "status"], name="cpplan_person_status"),
            models.Index(fields=["status", "next_review_due"], name="cpplan_review_due"),
            models.Index(fields=["status", "next_core_group_due"], name="cpplan_core_group_due"),
            models.Index(fields=["status", "next_visit_due"], name="cpplan_visit_due"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(status="active"),
                name="cpplan_one_active_per_child",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="cpplan_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(initial_category__in=["NEG", "PHY", "SAB", "EMO", "MUL"])
                & models.Q(latest_category__in=["NEG", "PHY", "SAB", "EMO", "MUL"]),
                name="cpplan_category_known",
            ),
            models.CheckConstraint(
                condition=models.Q(visit_frequency_days__gte=1), name="cpplan_visits_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"Child protection plan from {self.started_on:%d %b %Y}"

    def get_absolute_url(self) -> str:
        return reverse("protection:plan", args=[self.person_id, self.pk])

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE


class PlanAction(PublicIdModel):
    """One line of the outline plan: what will be done and who owns it."""

    plan = models.ForeignKey(ChildProtectionPlan, on_delete=models.CASCADE, related_name="actions")
    what = models.TextField("What will be done")
    owner = models.CharField("Who will do it", max_length=200)
    due_on = models.DateField("By when", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["plan", "created_at"], name="cpaction_plan")]
        constraints = [
            models.CheckConstraint(condition=~models.Q(what=""), name="cpaction_says_what"),
            models.CheckConstraint(condition=~models.Q(owner=""), name="cpaction_has_owner"),
        ]

    def __str__(self) -> str:
        return self.what[:80]


class CoreGroupMeeting(VersionedModel):
    plan = models.ForeignKey(
        ChildProtectionPlan, on_delete=models.PROTECT, related_name="core_groups"
    )
    held_on = models.DateField("Date of the meeting")
    attendees = models.TextField("Who attended")
    progress = models.TextField("Progress against the plan")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-created_at"]
        indexes = [models.Index(fields=["plan", "-held_on"], name="coregroup_plan_held")]

    def __str__(self) -> str:
        return f"Core group on {self.held_on:%d %b %Y}"


class CPVisit(VersionedModel, ChildVoice):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="cp_visits")
    plan = models.ForeignKey(ChildProtectionPlan, on_delete=models.PROTECT, related_name="visits")
    visited_on = models.DateField("Date of the visit")
    visited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    bedroom_seen = models.BooleanField("Was the child's bedroom seen?", null=True)
    observations = models.TextField("What you saw and heard")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-visited_on", "-created_at"]
        verbose_name = "child protection visit"
        indexes = [
            models.Index(fields=["plan", "-visited_on"], name="cpvisit_plan_visited"),
            # The child's latest visit (case summary) and a team's children seen alone lately
            # (voice coverage): without it PostgreSQL scanned every CP visit in the council.
            models.Index(fields=["person", "-visited_on"], name="cpvisit_person_visited"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(child_seen__isnull=False), name="cpvisit_says_if_child_seen"
            )
        ]

    def __str__(self) -> str:
        return f"Child protection visit on {self.visited_on:%d %b %Y}"


class RiskContext(PublicIdModel):
    """A place, peer group or online space where children are at risk outside the home, linked
    to every child it concerns (contextual safeguarding)."""

    class Kind(models.TextChoices):
        PLACE = "place", "Place"
        PEER_GROUP = "peer_group", "Peer group"
        ONLINE = "online", "Online"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    children = models.ManyToManyField("people.Person", related_name="risk_contexts")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["kind", "name"], name="riskcontext_kind_name")]
        constraints = [
            models.UniqueConstraint(fields=["kind", "name"], name="riskcontext_unique_name")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display().lower()})"


class FamilyGroupConference(VersionedModel):
    """Family group decision making (Children's Wellbeing and Schools Act 2026, s1)."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="family_group_conferences"
    )
    offered_on = models.DateField("Date offered")
    accepted = models.BooleanField("Was the offer accepted?", null=True)
    held_on = models.DateField("Date held", null=True, blank=True)
    family_plan = models.TextField("The family's plan", blank=True)
    not_in_best_interests = models.BooleanField(default=False)
    rationale = models.TextField("Why a meeting is not in the child's best interests", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-offered_on", "-created_at"]
        indexes = [models.Index(fields=["person", "-offered_on"], name="fgc_person_offered")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(held_on__isnull=True)
                | models.Q(held_on__gte=models.F("offered_on")),
                name="fgc_held_after_offer",
            ),
            models.CheckConstraint(
                condition=models.Q(not_in_best_interests=False) | ~models.Q(rationale=""),
                name="fgc_not_in_best_interests_has_rationale",
            ),
        ]

    def __str__(self) -> str:
        return f"Family group conference offered {self.offered_on:%d %b %Y}"


class PreProceedings(VersionedModel):
    """The pre-proceedings stage of the Public Law Outline for one child: from the start (the
    decision that the case meets the threshold for a letter before proceedings) to its outcome.
    It is the 2026-27 CIN census block PreProceedingsandFGDM. A family group decision-making
    meeting offered or held in the period is the FamilyGroupConference already on the record,
    linked here rather than recorded twice."""

    class Outcome(models.TextChoices):
        STEPPED_DOWN = "stepped_down", "Concerns reduced: the family stays with the plan"
        PROCEEDINGS = "proceedings", "Care proceedings issued"
        OTHER = "other", "Other outcome"

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="pre_proceedings"
    )
    episode = models.ForeignKey(
        "cases.Episode", on_delete=models.PROTECT, related_name="pre_proceedings"
    )
    started_on = models.DateField("Date pre-proceedings started")
    letter_sent_on = models.DateField(
        "Date the letter before proceedings was sent", null=True, blank=True
    )
    family_group_conference = models.ForeignKey(
        FamilyGroupConference,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pre_proceedings",
    )
    initial_meeting_on = models.DateField(
        "Date of the initial pre-proceedings meeting", null=True, blank=True
    )
    review_meetings = models.PositiveIntegerField("Review meetings held", default=0)
    decided_on = models.DateField(
        "Date of the decision to end pre-proceedings", null=True, blank=True
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    court_application_on = models.DateField(
        "Date of the application to court", null=True, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-started_on", "-created_at"]
        verbose_name = "pre-proceedings"
        verbose_name_plural = "pre-proceedings"
        indexes = [
            models.Index(fields=["person", "-started_on"], name="preproceedings_person"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(letter_sent_on__isnull=True)
                    | models.Q(letter_sent_on__gte=models.F("started_on"))
                )
                & (
                    models.Q(initial_meeting_on__isnull=True)
                    | models.Q(initial_meeting_on__gte=models.F("started_on"))
                )
                & (
                    models.Q(decided_on__isnull=True)
                    | models.Q(decided_on__gte=models.F("started_on"))
                ),
                name="preproceedings_dates_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(decided_on__isnull=True, outcome="")
                | (models.Q(decided_on__isnull=False) & ~models.Q(outcome="")),
                name="preproceedings_decided_with_outcome",
            ),
            models.CheckConstraint(
                condition=models.Q(court_application_on__isnull=True)
                | models.Q(outcome="proceedings"),
                name="preproceedings_court_only_for_proceedings",
            ),
        ]

    def __str__(self) -> str:
        return f"Pre-proceedings from {self.started_on:%d %b %Y}"

    def get_absolute_url(self) -> str:
        return reverse("protection:person", args=[self.person_id])

    @property
    def is_open(self) -> bool:
        return self.decided_on is None
