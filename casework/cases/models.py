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


class ReferralSource(models.TextChoices):
    """Who referred the child, as the CIN census codes it."""

    FAMILY = "1A", "Individual: family member, relative or carer"
    ACQUAINTANCE = "1B", "Individual: acquaintance (including neighbours and child minders)"
    SELF = "1C", "Individual: self"
    OTHER_INDIVIDUAL = "1D", "Individual: other"
    SCHOOL = "2A", "Schools"
    EDUCATION = "2B", "Education services"
    GP = "3A", "Health services: GP"
    HEALTH_VISITOR = "3B", "Health services: health visitor"
    SCHOOL_NURSE = "3C", "Health services: school nurse"
    OTHER_PRIMARY_HEALTH = "3D", "Health services: other primary health services"
    A_AND_E = "3E", "Health services: A&E (emergency department)"
    OTHER_HEALTH = "3F", "Health services: other"
    HOUSING = "4", "Housing"
    LA_SOCIAL_CARE = "5A", "Local authority services: social care"
    LA_OTHER_INTERNAL = "5B", "Local authority services: other internal department"
    OTHER_LA = "5C", "Local authority services: another local authority"
    EARLY_HELP = "5D", "Local authority services: early help"
    POLICE = "6", "Police"
    OTHER_LEGAL = "7", "Other legal agency"
    OTHER = "8", "Other (including voluntary sector)"
    ANONYMOUS = "9", "Anonymous"
    UNKNOWN = "10", "Unknown"


class PrimaryNeed(models.TextChoices):
    """The child's main need, as the CIN census codes it; the highest that applies."""

    N1 = "N1", "Abuse or neglect"
    N2 = "N2", "Child's disability or illness"
    N3 = "N3", "Parental disability or illness"
    N4 = "N4", "Family in acute stress"
    N5 = "N5", "Family dysfunction"
    N6 = "N6", "Socially unacceptable behaviour"
    N7 = "N7", "Low income"
    N8 = "N8", "Absent parenting"
    N9 = "N9", "Cases other than children in need"
    N0 = "N0", "Not stated"


class Episode(PublicIdModel):
    """A child in need episode: from the referral to closure. A re-referral opens a new one
    linked to the previous."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="episodes")
    referral_date = models.DateField()
    referral_source = models.CharField(max_length=2, choices=ReferralSource.choices)
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    primary_need = models.CharField(max_length=2, choices=PrimaryNeed.choices, blank=True)
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="re_referrals"
    )
    # Stored when the referral opens, from the `assessment` clock rule: the legal latest date
    # and the stricter date the DfE validator checks. Trays and returns read these.
    assessment_due = models.DateField()
    assessment_target = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    closure_reason = models.CharField(max_length=3, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-referral_date"]
        indexes = [
            models.Index(fields=["person", "-referral_date"]),
            models.Index(fields=["team", "status", "assessment_target"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(status="open"),
                name="episode_one_open_per_child",
            ),
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True)
                | models.Q(closed_on__gte=models.F("referral_date")),
                name="episode_closes_after_referral",
            ),
        ]

    def __str__(self) -> str:
        return f"Referral of {self.person} on {self.referral_date:%d %b %Y}"


class ClosureReason(models.TextChoices):
    """Why a child in need episode closed, as the CIN census codes it."""

    RC1 = "RC1", "Adopted"
    RC2 = "RC2", "Died"
    RC3 = "RC3", "Child arrangements order"
    RC4 = "RC4", "Special guardianship order"
    RC5 = "RC5", "Transferred to services of another local authority"
    RC6 = "RC6", "Transferred to adult social care services"
    RC7 = "RC7", "Services ceased for any other reason, including the child no longer in need"
    RC8 = "RC8", "Case closed after assessment, no further action"
    RC9 = "RC9", "Case closed after assessment, referred to early help"


class SignificantEvent(PublicIdModel):
    """An entry a worker adds to the child's chronology, with their analysis of what it means.
    Entries the record makes itself (referrals, allocations, decisions…) come from each app's
    chronology source and are not stored twice."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="significant_events"
    )
    occurred_on = models.DateField("Date")
    title = models.CharField("What happened", max_length=200)
    analysis = models.TextField("What it means for the child", blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on"]
        indexes = [models.Index(fields=["person", "-occurred_on"])]

    def __str__(self) -> str:
        return self.title


class Document(PublicIdModel):
    """A document on the child's record. Its content lives in versions: an upload, a redacted
    copy or a generated letter each add one, and nothing is overwritten."""

    class Kind(models.TextChoices):
        ASSESSMENT = "assessment", "Assessment"
        PLAN = "plan", "Plan"
        REPORT = "report", "Report"
        LETTER = "letter", "Letter"
        MINUTES = "minutes", "Meeting minutes"
        CORRESPONDENCE = "correspondence", "Correspondence"
        OTHER = "other", "Other"

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="documents")
    title = models.CharField("Title", max_length=200)
    kind = models.CharField("Type of document", max_length=20, choices=Kind.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["person", "-created_at"])]

    def __str__(self) -> str:
        return self.title


def _version_path(instance: "DocumentVersion", filename: str) -> str:
    # Stored under the document's id, never under the uploader's file name, so a name cannot
    # reveal anything or collide.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"documents/{instance.document_id}/{instance.number}.{extension}"


class DocumentVersion(PublicIdModel):
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    file = models.FileField(upload_to=_version_path, max_length=300)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    note = models.CharField("What changed", max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="document_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"


class LetterTemplate(PublicIdModel):
    """A letter the council sends often. `$child_name`, `$date_of_birth`, `$worker_name`,
    `$council_name` and `$today` are filled in from the record."""

    name = models.CharField(max_length=120, unique=True)
    body = models.TextField()
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
