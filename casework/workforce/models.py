"""The workforce: a staff record beside each account, the weights a council gives to different
kinds of case, the caseload thresholds it works to, and its vacancies and the applications made
to them.

Caseloads are never stored: they are counted from open allocations whenever they are read.
Applicants' personal data lives only in `Application`; the equality monitoring answers are kept
in their own table with no link to the applicant, so they can be analysed without identifying
anyone.
"""

import datetime
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import (
    FileExtensionValidator,
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
)
from django.db import models
from django.urls import reverse
from django.utils import timezone

from casework.common.models import PublicIdModel, TimestampedModel, VersionedModel

# Social Work England registration numbers as the workforce census schema gives them.
SWE_PATTERN = r"^[A-Za-z]{2}\d{10}$"
swe_number_validator = RegexValidator(
    SWE_PATTERN,
    "Enter a Social Work England registration number: two letters then ten digits, "
    "like SW1234567890",
)


class OrgRole(models.TextChoices):
    """The census's OrgRole codes (CSWW 2022)."""

    SENIOR_MANAGER = "1", "Senior manager"
    MIDDLE_MANAGER = "2", "Middle manager"
    FIRST_LINE_MANAGER = "3", "First-line manager"
    SENIOR_PRACTITIONER = "4", "Senior practitioner"
    CASE_HOLDER = "5", "Case holder"
    QUALIFIED_WITHOUT_CASES = "6", "Qualified without cases"


class ReasonLeave(models.TextChoices):
    """The census's ReasonLeave codes."""

    RESIGNATION = "1", "Resignation"
    VOLUNTARY_REDUNDANCY = "2", "Voluntary redundancy"
    COMPULSORY_REDUNDANCY = "3", "Compulsory redundancy"
    DISMISSED = "4", "Dismissed"
    RETIRED = "5", "Retired"
    DECEASED = "6", "Deceased"
    MOVED_ROLE = "7", "Moved to a non-children and families social work role in the council"
    OTHER = "8", "Other"
    NOT_KNOWN = "9", "Not known"
    NOT_YET_COLLECTED = "10", "Not yet collected"


class StartOrigin(models.TextChoices):
    """The census's StartOrigin codes: where a starter came from."""

    NEWLY_QUALIFIED = "1", "Newly qualified social worker"
    OTHER_ENGLISH_LA = "2", "Social worker in another English council"
    OUTSIDE_ENGLAND = "3", "Social worker outside England"
    AGENCY = "4", "Agency or consultancy social work in England"
    OTHER_NON_LA = "5", "Other social work role outside councils in England"
    OTHER_SOCIAL_CARE = "6", "Other social care role in England"
    NON_CARE = "7", "Non-social care role, abroad, no employment or career break"
    OTHER = "8", "Other"
    NOT_KNOWN = "9", "Not known"
    NOT_YET_COLLECTED = "10", "Not yet collected"


class Gender(models.TextChoices):
    """The census's GenderCurrent codes."""

    NOT_KNOWN = "0", "Not known"
    MALE = "1", "Male"
    FEMALE = "2", "Female"
    NOT_SPECIFIED = "9", "Not specified"


class Ethnicity(models.TextChoices):
    """The census's ethnicity codes."""

    WBRI = "WBRI", "White British"
    WIRI = "WIRI", "White Irish"
    WOTH = "WOTH", "Any other White background"
    MWBC = "MWBC", "White and Black Caribbean"
    MWBA = "MWBA", "White and Black African"
    MWAS = "MWAS", "White and Asian"
    MOTH = "MOTH", "Any other mixed background"
    AIND = "AIND", "Indian"
    APKN = "APKN", "Pakistani"
    ABAN = "ABAN", "Bangladeshi"
    AOTH = "AOTH", "Any other Asian background"
    BCRB = "BCRB", "Black Caribbean"
    BAFR = "BAFR", "Black African"
    BOTH = "BOTH", "Any other Black background"
    CHNE = "CHNE", "Chinese"
    OOTH = "OOTH", "Any other ethnic group"
    REFU = "REFU", "Declined or refused"
    NOBT = "NOBT", "Not yet obtained"


class QualLevel(models.TextChoices):
    UNDERGRADUATE = "1", "Undergraduate"
    POSTGRADUATE = "2", "Postgraduate"
    OTHER = "3", "Other"


class AbsenceReason(models.TextChoices):
    """The census's ReasonAbsence codes, for someone absent on 30 September."""

    MATERNITY = "MAT", "Maternity or paternity leave"
    OTHER_PAID = "OTH", "Other paid authorised absence"
    PUBLIC_DUTIES = "PUB", "Public duties"
    SICK = "SIC", "Sick leave"
    TRAINING = "TRN", "Training"
    UNAUTHORISED = "UNA", "Unauthorised absence"
    UNPAID = "UNP", "Unpaid authorised absence"


class StaffRecord(VersionedModel):
    """Employment facts about one member of staff, kept beside their account. Administrators keep
    these in Django admin; the workforce pages and the census read them."""

    class Contract(models.TextChoices):
        PERMANENT = "permanent", "Permanent or fixed-term employee"
        AGENCY = "agency", "Agency worker"

    class Asye(models.TextChoices):
        NOT_APPLICABLE = "", "Not in the ASYE"
        IN_PROGRESS = "in_progress", "In the ASYE (newly qualified)"
        COMPLETED = "completed", "ASYE completed"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="staff_record"
    )
    job_title = models.CharField(max_length=120, blank=True)
    org_role = models.CharField(
        "Role for the census", max_length=2, choices=OrgRole.choices, default=OrgRole.CASE_HOLDER
    )
    fte = models.DecimalField(
        "Full-time equivalent",
        max_digits=7,
        decimal_places=6,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal(1))],
    )
    contract = models.CharField(max_length=20, choices=Contract.choices, default=Contract.PERMANENT)
    started_on = models.DateField("Start date in the role")
    start_origin = models.CharField(
        max_length=2, choices=StartOrigin.choices, default=StartOrigin.NOT_KNOWN
    )
    left_on = models.DateField("Leaving date", null=True, blank=True)
    reason_left = models.CharField(
        "Reason for leaving", max_length=2, choices=ReasonLeave.choices, blank=True
    )
    swe_number = models.CharField(
        "Social Work England registration number",
        max_length=12,
        blank=True,
        validators=[swe_number_validator],
        help_text="Two letters then ten digits. Leave blank for staff who are not social workers.",
    )
    asye = models.CharField(
        "ASYE status", max_length=20, choices=Asye.choices, blank=True, default=""
    )
    practice_educator = models.BooleanField(default=False)
    date_of_birth = models.DateField(null=True, blank=True)
    gender = models.CharField(max_length=1, choices=Gender.choices, blank=True)
    ethnicity = models.CharField(max_length=4, choices=Ethnicity.choices, blank=True)
    qualification_institution = models.CharField(max_length=200, blank=True)
    qualification_level = models.CharField(max_length=1, choices=QualLevel.choices, blank=True)
    working_days_lost = models.DecimalField(
        "Working days lost to sickness in the census year",
        max_digits=6,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )
    absence_reason = models.CharField(
        "Reason for a current absence",
        max_length=3,
        choices=AbsenceReason.choices,
        blank=True,
        help_text="Leave blank when the person is at work.",
    )

    class Meta:
        ordering = ["user__first_name", "user__last_name"]
        indexes = [models.Index(fields=["left_on"], name="staff_left_on")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(fte__gt=0) & models.Q(fte__lte=1), name="staff_fte_0_to_1"
            ),
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True)
                | models.Q(left_on__gte=models.F("started_on")),
                name="staff_leaves_after_starting",
            ),
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True, reason_left="")
                | models.Q(left_on__isnull=False) & ~models.Q(reason_left=""),
                name="staff_leaver_has_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(working_days_lost__gte=0), name="staff_days_lost_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"Staff record for {self.user}"

    def in_post_on(self, day: datetime.date) -> bool:
        return self.started_on <= day and (self.left_on is None or self.left_on > day)

    @property
    def is_agency(self) -> bool:
        return self.contract == self.Contract.AGENCY

    @property
    def is_newly_qualified(self) -> bool:
        return self.asye == self.Asye.IN_PROGRESS


class CaseloadWeight(models.Model):
    """How much one child of a given status counts towards a caseload, set by the council.

    `NQSW_PROTECTION` is different in kind: it is the share of a full caseload a newly qualified
    worker in the ASYE is expected to carry, so their capacity is their FTE times this weight.
    """

    class Status(models.TextChoices):
        CHILD_IN_NEED = "cin", "Child in need"
        CHILD_PROTECTION = "cp", "Child protection"
        LOOKED_AFTER = "looked_after", "Looked after"
        COURT_WORK = "court", "Court work"
        NQSW_PROTECTION = "nqsw_protection", "Newly qualified protection (share of a caseload)"

    DEFAULTS = {
        Status.CHILD_IN_NEED: Decimal("1.00"),
        Status.CHILD_PROTECTION: Decimal("1.50"),
        Status.LOOKED_AFTER: Decimal("1.25"),
        Status.COURT_WORK: Decimal("2.00"),
        Status.NQSW_PROTECTION: Decimal("0.80"),
    }

    status = models.CharField(max_length=20, choices=Status.choices, unique=True)
    weight = models.DecimalField(
        max_digits=4, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["status"]
        constraints = [
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="caseload_weight_gt_0")
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()}: {self.weight}"


class CaseloadThreshold(models.Model):
    """The caseload a council aims for and the one at which it raises an alert, per FTE and in
    weighted cases. A row with no team is the council's default; a team's own row overrides it."""

    DEFAULT_TARGET = Decimal("18.00")
    DEFAULT_ALERT = Decimal("22.00")

    team = models.OneToOneField(
        "accounts.Team",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="caseload_threshold",
    )
    target = models.DecimalField(
        "Target weighted caseload per FTE",
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    alert = models.DecimalField(
        "Alert when a weighted caseload per FTE is above",
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(alert__gte=models.F("target")) & models.Q(target__gt=0),
                name="caseload_threshold_alert_above_target",
            ),
        ]

    def __str__(self) -> str:
        return f"Caseload threshold for {self.team or 'the council'}"


class Vacancy(VersionedModel):
    """A post the council is recruiting to, shown on the public careers pages once published."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"
        FILLED = "filled", "Filled"

    title = models.CharField(max_length=200)
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.PROTECT, related_name="vacancies", null=True, blank=True
    )
    grade = models.CharField(max_length=60, blank=True)
    salary = models.CharField(max_length=120, help_text="As shown to applicants")
    location = models.CharField(max_length=200)
    fte = models.DecimalField(
        "Full-time equivalent",
        max_digits=4,
        decimal_places=2,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal(1))],
    )
    opened_on = models.DateField()
    closes_on = models.DateField("Closing date")
    description = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    # A post stays vacant after its advert closes, until it is filled or withdrawn: the census
    # counts vacant posts, not open adverts.
    ended_on = models.DateField("Filled or withdrawn on", null=True, blank=True)
    social_work_post = models.BooleanField(
        default=True, help_text="Counted as a social work vacancy in the workforce census"
    )

    class Meta:
        ordering = ["closes_on", "title"]
        verbose_name_plural = "vacancies"
        indexes = [models.Index(fields=["status", "closes_on"], name="vacancy_status_closes")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opened_on")),
                name="vacancy_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=models.Q(fte__gt=0) & models.Q(fte__lte=1), name="vacancy_fte_0_to_1"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("workforce:vacancy", args=[self.pk])

    def accepts_applications_on(self, day: datetime.date) -> bool:
        return self.status == self.Status.OPEN and self.opened_on <= day <= self.closes_on


CV_EXTENSIONS = ("pdf", "doc", "docx", "odt", "rtf", "txt")
CV_MAX_BYTES = 5 * 1024 * 1024


class Application(TimestampedModel):
    """Someone's application for a vacancy. This is applicants' personal data: only recruitment
    staff see it, and `casework forget_applicants` deletes it after the retention period."""

    class Stage(models.TextChoices):
        APPLIED = "applied", "Applied"
        SCREENED = "screened", "Screened"
        INTERVIEW = "interview", "Interview"
        OFFER = "offer", "Offer"
        CHECKS = "checks", "Pre-employment checks"
        STARTING = "starting", "Start date agreed"
        REJECTED = "rejected", "Not taken forward"
        WITHDRAWN = "withdrawn", "Withdrawn"

    vacancy = models.ForeignKey(Vacancy, on_delete=models.PROTECT, related_name="applications")
    name = models.CharField(max_length=200)
    email = models.EmailField()
    phone = models.CharField(max_length=40, blank=True)
    swe_number = models.CharField(max_length=12, blank=True, validators=[swe_number_validator])
    statement = models.TextField("Supporting statement")
    cv = models.FileField(
        upload_to="applications/%Y/%m/",
        validators=[FileExtensionValidator(list(CV_EXTENSIONS))],
    )
    consent_given_at = models.DateTimeField()
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.APPLIED)
    # Set when the application was made, from the academy's graduates with the same email.
    academy_graduate = models.ForeignKey(
        "Trainee", null=True, blank=True, on_delete=models.SET_NULL, related_name="applications"
    )
    interviewed = models.BooleanField(default=False)
    start_date = models.DateField(null=True, blank=True)
    # When the start date was agreed: the end of "time to hire" on the dashboard.
    start_agreed_at = models.DateTimeField(null=True, blank=True)
    # The staff record made when the applicant started, so nobody can be taken on twice.
    staff_record = models.OneToOneField(
        StaffRecord,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="application",
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["vacancy", "stage"], name="application_vacancy_stage"),
            models.Index(fields=["created_at"], name="application_created"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["vacancy", "email"], name="application_once_per_vacancy"
            ),
            models.CheckConstraint(
                condition=~models.Q(stage="rejected")
                | models.Q(academy_graduate__isnull=True)
                | models.Q(interviewed=True),
                name="application_graduate_interviewed_before_rejection",
            ),
        ]

    def __str__(self) -> str:
        return f"Application for {self.vacancy}"

    def get_absolute_url(self) -> str:
        return reverse("workforce:application", args=[self.pk])


class EqualityResponse(PublicIdModel):
    """Equality monitoring answers given with an application, kept apart from it: there is no
    link to the applicant, only to the vacancy and the month, so reports cannot identify anyone."""

    PREFER_NOT = "prefer_not", "Prefer not to say"

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="+")
    month = models.DateField(help_text="The first day of the month the application came in")
    ethnicity = models.CharField(max_length=20, blank=True)
    gender = models.CharField(max_length=20, blank=True)
    disabled = models.CharField(max_length=20, blank=True)
    age_band = models.CharField(max_length=20, blank=True)

    class Meta:
        indexes = [models.Index(fields=["vacancy", "month"], name="equality_vacancy_month")]

    def __str__(self) -> str:
        return f"Equality response for {self.vacancy_id}"


# The careers site ------------------------------------------------------------------------------


class CareersPage(VersionedModel):
    """A page of the careers site the council writes itself: its practice principles, why work
    here (with its inspection grade), the academy."""

    slug = models.SlugField(max_length=60, unique=True)
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=300, blank=True)
    body = models.TextField(help_text="Paragraphs separated by a blank line")
    published = models.BooleanField(default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("workforce:page", args=[self.slug])


class Story(VersionedModel):
    """A social worker's or a family's story. It is shown only once the person telling it has
    consented and a member of staff has approved it; a video needs a transcript. Changing an
    approved story takes it down until it is approved again."""

    class Teller(models.TextChoices):
        SOCIAL_WORKER = "social_worker", "Social worker"
        FAMILY = "family", "Family"
        YOUNG_PERSON = "young_person", "Young person"

    title = models.CharField(max_length=200)
    told_by = models.CharField("Told by (as it should appear)", max_length=120)
    teller = models.CharField(max_length=20, choices=Teller.choices)
    body = models.TextField()
    video_url = models.URLField("Video link", blank=True)
    transcript = models.TextField(blank=True)
    consent_given_on = models.DateField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    shared_with_region = models.BooleanField(
        default=False, help_text="Offer the story to the other councils in the region"
    )

    class Meta:
        ordering = ["-approved_at", "title"]
        verbose_name_plural = "stories"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(approved_at__isnull=True)
                | models.Q(consent_given_on__isnull=False),
                name="story_approved_only_with_consent",
            ),
            models.CheckConstraint(
                condition=models.Q(video_url="") | ~models.Q(transcript=""),
                name="story_video_has_transcript",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("workforce:story", args=[self.pk])


class Champion(TimestampedModel):
    """A named social worker who answers the public's questions."""

    name = models.CharField(max_length=120)
    job_title = models.CharField(max_length=120)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name}, {self.job_title}"


class Question(TimestampedModel):
    """A question from the public to the champions. It goes through moderation, is assigned to
    a champion, answered, and only then published with its answer."""

    class Status(models.TextChoices):
        RECEIVED = "received", "Waiting for moderation"
        REJECTED = "rejected", "Rejected"
        ASSIGNED = "assigned", "Assigned to a champion"
        ANSWERED = "answered", "Answered"
        PUBLISHED = "published", "Published"

    text = models.TextField()
    asked_by = models.CharField(max_length=120, blank=True, help_text="A first name or nothing")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RECEIVED)
    champion = models.ForeignKey(
        Champion, null=True, blank=True, on_delete=models.PROTECT, related_name="questions"
    )
    answer = models.TextField(blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    shared_with_region = models.BooleanField(default=False)

    class Meta:
        ordering = ["-published_at", "-created_at"]
        indexes = [models.Index(fields=["status", "-published_at"], name="question_status")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status__in=["assigned", "answered", "published"])
                | models.Q(champion__isnull=False),
                name="question_assigned_has_champion",
            ),
            models.CheckConstraint(
                condition=~models.Q(status__in=["answered", "published"]) | ~models.Q(answer=""),
                name="question_answered_has_answer",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_at__isnull=False),
                name="question_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]


class Event(TimestampedModel):
    """A recruitment event, online or in person, over one or several days."""

    class Format(models.TextChoices):
        ONLINE = "online", "Online"
        IN_PERSON = "in_person", "In person"

    title = models.CharField(max_length=200)
    description = models.TextField()
    format = models.CharField(max_length=10, choices=Format.choices)
    location = models.CharField(
        max_length=300, help_text="An address, or where the joining link will be sent"
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    capacity = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    published = models.BooleanField(default=False)
    # A drop-in over several days is open the same hours each day (10am to 4pm, Monday to
    # Wednesday), not for 54 hours without a break: `daily` says which.
    daily = models.BooleanField(
        "Open the same hours each day",
        default=False,
        help_text="For an event over several days: the start and end times apply to each day",
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="event_capacity"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("workforce:event", args=[self.pk])

    @property
    def days(self) -> int:
        """How many days the event runs on, counted in London time."""
        first = timezone.localdate(self.starts_at)
        last = timezone.localdate(self.ends_at)
        return (last - first).days + 1

    @property
    def first_day_ends_at(self) -> datetime.datetime:
        """When the first day ends: for a daily event, the end time on the first day."""
        if not self.daily or self.days == 1:
            return self.ends_at
        end = timezone.localtime(self.ends_at)
        start = timezone.localtime(self.starts_at)
        return timezone.make_aware(datetime.datetime.combine(start.date(), end.time()))

    def has_started(self, now: datetime.datetime) -> bool:
        return self.starts_at <= now


class Booking(TimestampedModel):
    """A place at an event. Personal data: deleted with applicants' data after the retention
    period. The reference in the confirmation email lets the person cancel without an account."""

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="bookings")
    name = models.CharField(max_length=200)
    email = models.EmailField()
    reference = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=models.Q(cancelled_at__isnull=True),
                name="booking_once_per_event",
            )
        ]

    def __str__(self) -> str:
        return f"Booking for {self.event}"

    @property
    def active(self) -> bool:
        return self.cancelled_at is None


# The Social Care Academy -----------------------------------------------------------------------


class AcademyCohort(TimestampedModel):
    """A group of trainees who go through the academy's free training together."""

    name = models.CharField(max_length=120, unique=True)
    starts_on = models.DateField()
    ends_on = models.DateField()

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="cohort_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Trainee(TimestampedModel):
    """A trainee in a cohort, with their one-to-one mentor. A trainee who completes the academy
    is a graduate, and is guaranteed an interview for any vacancy they apply for."""

    cohort = models.ForeignKey(AcademyCohort, on_delete=models.PROTECT, related_name="trainees")
    name = models.CharField(max_length=200)
    email = models.EmailField()
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    completed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "email"], name="trainee_once_per_cohort")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_graduate(self) -> bool:
        return self.completed_on is not None


class TrainingSession(TimestampedModel):
    """One of the academy's free training sessions for a cohort."""

    cohort = models.ForeignKey(AcademyCohort, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(max_length=200)
    held_on = models.DateField()
    attended_by = models.ManyToManyField(Trainee, blank=True, related_name="sessions_attended")

    class Meta:
        ordering = ["held_on"]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d %b %Y})"


# The region --------------------------------------------------------------------------------------


class Region(PublicIdModel):
    """The councils that share stories and champions' answers, as Yorkshire and the Humber's
    fourteen do on one website.

    Casework serves one council per installation, so the region is modelled from that council's
    side: a `Council` row for each member, exactly one of them marked `home` (this
    installation's council). Each installation publishes the stories and answered questions its
    council has chosen to share as a feed (`/careers/region/feed.json`, the same document
    `casework regional_pool export` writes), and imports its neighbours' feeds with `casework
    regional_pool import`. Imported items are copies in `PooledStory` and `PooledQuestion`,
    attributed to their council and replaced wholesale at each import, so a story its council
    withdraws disappears from every site at the next import.
    """

    name = models.CharField(max_length=120, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Council(PublicIdModel):
    """A member council of the region. `home` marks the council this installation serves."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="councils")
    name = models.CharField(max_length=120)
    la_code = models.CharField(
        "Local authority code",
        max_length=3,
        unique=True,
        validators=[RegexValidator(r"^\d{3}$", "Enter the three-digit local authority code")],
    )
    home = models.BooleanField(default=False)
    careers_url = models.URLField("Careers site", blank=True)
    last_imported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["home"], condition=models.Q(home=True), name="council_one_home"
            ),
            models.UniqueConstraint(fields=["region", "name"], name="council_name_in_region"),
            models.CheckConstraint(
                condition=models.Q(la_code__regex=r"^[0-9]{3}$"), name="council_la_code_digits"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PooledStory(PublicIdModel):
    """A story another council in the region has shared, as its feed last gave it."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="pooled_stories")
    source_id = models.UUIDField(help_text="The story's id at its own council")
    title = models.CharField(max_length=200)
    told_by = models.CharField(max_length=120)
    teller = models.CharField(max_length=20, choices=Story.Teller.choices)
    body = models.TextField()
    video_url = models.URLField(blank=True)
    transcript = models.TextField(blank=True)
    published_at = models.DateTimeField()
    imported_at = models.DateTimeField()

    class Meta:
        ordering = ["-published_at", "title"]
        verbose_name_plural = "pooled stories"
        constraints = [
            models.UniqueConstraint(
                fields=["council", "source_id"], name="pooled_story_once_per_council"
            ),
            models.CheckConstraint(
                condition=models.Q(video_url="") | ~models.Q(transcript=""),
                name="pooled_story_video_has_transcript",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.council})"

    def get_absolute_url(self) -> str:
        return reverse("workforce:story", args=[self.pk])


class PooledQuestion(PublicIdModel):
    """A question another council's champion answered and shared with the region."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="pooled_questions")
    source_id = models.UUIDField(help_text="The question's id at its own council")
    text = models.TextField()
    asked_by = models.CharField(max_length=120, blank=True)
    answer = models.TextField()
    champion_name = models.CharField(max_length=120)
    champion_job_title = models.CharField(max_length=120, blank=True)
    published_at = models.DateTimeField()
    imported_at = models.DateTimeField()

    class Meta:
        ordering = ["-published_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "source_id"], name="pooled_question_once_per_council"
            ),
            models.CheckConstraint(
                condition=~models.Q(answer=""), name="pooled_question_has_answer"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.text[:60]} ({self.council})"
