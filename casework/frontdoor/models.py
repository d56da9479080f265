"""The front door: contacts about children, the checks made with other agencies, the decision on
each contact, and the directory of local services a contact can be signposted to."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from casework.cases.models import ReferralSource
from casework.common.models import PublicIdModel, TimestampedModel, VersionedModel


class Service(TimestampedModel):
    """One of the council's services or programmes (a fathers' group, an edge-of-care team...).
    Administrators keep the list; practitioners read it and signpost families to it."""

    name = models.CharField(max_length=200, unique=True)
    description = models.TextField()
    eligibility = models.TextField("Eligibility notes", blank=True)
    contact_details = models.TextField(blank=True)
    active = models.BooleanField(default=True, help_text="Inactive services are not offered")

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["active", "name"], name="service_active_name")]

    def __str__(self) -> str:
        return self.name


class Contact(VersionedModel):
    """Someone contacting the front door with a concern about one or more children."""

    class Method(models.TextChoices):
        PHONE = "phone", "Phone"
        EMAIL = "email", "Email"
        ONLINE_FORM = "online_form", "Online form"
        IN_PERSON = "in_person", "In person"
        LETTER = "letter", "Letter"

    class Consent(models.TextChoices):
        GIVEN = "given", "Given"
        NOT_GIVEN = "not_given", "Not given"
        NOT_SOUGHT = "not_sought", "Not sought"

    class Status(models.TextChoices):
        AWAITING_CHECKS = "awaiting_checks", "Awaiting checks"
        AWAITING_DECISION = "awaiting_decision", "Awaiting decision"
        DECIDED = "decided", "Decided"

    class Outcome(models.TextChoices):
        # These map onto the Standard Safeguarding Dataset's contact outcome flags (NFA, ADVICE,
        # NEW_REFERRAL, CP_ENQUIRY); early help is the council's own pre-statutory offer.
        NO_FURTHER_ACTION = "nfa", "No further action"
        ADVICE = "advice", "Advice or signposting"
        EARLY_HELP = "early_help", "Early help"
        REFERRAL = "referral", "Referral to children's social care"
        STRATEGY_DISCUSSION = "strategy_discussion", "Strategy discussion (immediate risk)"

    received_at = models.DateTimeField("Date received")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    method = models.CharField(max_length=20, choices=Method.choices, default=Method.PHONE)
    source = models.CharField("Who is contacting", max_length=2, choices=ReferralSource.choices)
    referrer_name = models.CharField(max_length=200, blank=True)
    referrer_organisation = models.CharField(max_length=200, blank=True)
    referrer_phone = models.CharField(max_length=40, blank=True)
    concern = models.TextField("The concern, in the referrer's words")
    consent = models.CharField(max_length=20, choices=Consent.choices)
    consent_reason = models.TextField("Why consent was overridden", blank=True)
    immediate_risk = models.BooleanField(default=False)
    out_of_hours = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.AWAITING_CHECKS)
    # From the `contact-decision` clock rule when the contact is recorded. The tray reads it.
    decision_due = models.DateField()
    outcome = models.CharField(max_length=30, choices=Outcome.choices, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    # The first of the decision records (one per child on the contact; they are identical but
    # for the child), for showing the decision without another query.
    decision = models.ForeignKey(
        "oversight.ManagementDecision",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signposted_to = models.ManyToManyField(Service, blank=True, related_name="contacts")
    referred_to_team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The referral opened for the first child named; every child's own is on ContactSubject.
    episode = models.ForeignKey(
        "cases.Episode", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["decision_due", "received_at"]
        indexes = [
            models.Index(fields=["status", "decision_due"], name="contact_tray"),
            models.Index(fields=["-received_at"], name="contact_received"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(consent="not_given") | ~models.Q(consent_reason=""),
                name="contact_consent_override_has_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(received_at__lte=models.F("recorded_at")),
                name="contact_received_before_recorded",
            ),
            models.CheckConstraint(
                condition=models.Q(status="decided", decided_at__isnull=False)
                & ~models.Q(outcome="")
                | ~models.Q(status="decided") & models.Q(outcome=""),
                name="contact_decided_has_outcome",
            ),
            models.CheckConstraint(condition=~models.Q(concern=""), name="contact_has_concern"),
        ]

    def __str__(self) -> str:
        return f"Contact received {timezone.localtime(self.received_at):%d %b %Y %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("frontdoor:contact", args=[self.pk])

    @property
    def is_decided(self) -> bool:
        return self.status == self.Status.DECIDED


class ContactSubject(PublicIdModel):
    """A person the contact is about, and how they figure in it."""

    class Role(models.TextChoices):
        CHILD = "child", "Child"
        PARENT = "parent", "Parent or carer"
        FAMILY = "family", "Other family member"
        OTHER = "other", "Other"

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="subjects")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="contact_subjects"
    )
    role = models.CharField(max_length=10, choices=Role.choices)
    # Worked out when the person is added, from their referrals before the contact arrived, so
    # it stays what the practitioner saw even after later referrals.
    re_referral_within_12_months = models.BooleanField(default=False)
    episode = models.ForeignKey(
        "cases.Episode", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at"]
        indexes = [models.Index(fields=["person"], name="contact_subject_person")]
        constraints = [
            models.UniqueConstraint(
                fields=["contact", "person"], name="contact_subject_once_per_contact"
            ),
            models.CheckConstraint(
                condition=models.Q(role="child") | models.Q(re_referral_within_12_months=False),
                name="contact_subject_re_referral_is_for_children",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


class Check(PublicIdModel):
    """A check made with another agency (or with Casework's own record) before the decision."""

    class Agency(models.TextChoices):
        POLICE = "police", "Police"
        HEALTH = "health", "Health"
        EDUCATION = "education", "Education"
        CASEWORK = "casework", "Previous involvement in Casework"
        OTHER = "other", "Other"

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="checks")
    agency = models.CharField(max_length=20, choices=Agency.choices)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    checked_at = models.DateTimeField()
    result = models.TextField()

    class Meta:
        ordering = ["checked_at"]
        indexes = [models.Index(fields=["contact", "checked_at"], name="check_contact_at")]
        constraints = [models.CheckConstraint(condition=~models.Q(result=""), name="check_result")]

    def __str__(self) -> str:
        return f"{self.get_agency_display()} check"
