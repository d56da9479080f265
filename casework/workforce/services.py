"""Writes for the workforce: staff records, applications from the public, and the deletion of
applicants' data after the retention period. Each function is one thing someone does, in one
transaction, with its audit event; bad input raises RuleBroken naming the field and writes
nothing."""

import datetime
import logging
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from casework.accounts.models import Role, Team, User
from casework.audit import services as audit
from casework.audit.models import Action
from casework.common.errors import RuleBroken, StaleVersion
from casework.common.versioning import update_versioned
from casework.workforce.models import (
    CV_EXTENSIONS,
    CV_MAX_BYTES,
    SWE_PATTERN,
    Application,
    Booking,
    EqualityResponse,
    OrgRole,
    Question,
    ReasonLeave,
    StaffRecord,
    StartOrigin,
    Trainee,
    Vacancy,
)

logger = logging.getLogger(__name__)

STAFF_FIELDS = (
    "job_title",
    "org_role",
    "fte",
    "contract",
    "started_on",
    "start_origin",
    "left_on",
    "reason_left",
    "swe_number",
    "asye",
    "practice_educator",
    "working_days_lost",
    "absence_reason",
)
# Census demographics: accepted on a record but kept out of the audit trail's copies, which
# more people can read than the record itself.
PERSONAL_FIELDS = (
    "date_of_birth",
    "gender",
    "ethnicity",
    "qualification_institution",
    "qualification_level",
)
# How long applicants' data is kept after their application was last changed, unless the
# council says otherwise: six months covers the period in which an unsuccessful candidate can
# bring a claim under the Equality Act 2010 (three months less a day, plus early conciliation).
DEFAULT_RETENTION_DAYS = 183


def check_swe_number(value: str, field: str = "swe_number") -> str:
    value = value.strip().upper()
    if value and not re.fullmatch(SWE_PATTERN, value):
        raise RuleBroken(
            field,
            "Enter a Social Work England registration number: two letters then ten digits, "
            "like SW1234567890",
        )
    return value


def check_fte(value: Decimal, field: str = "fte") -> Decimal:
    if not Decimal(0) < value <= Decimal(1):
        raise RuleBroken(field, "Full-time equivalent must be more than 0 and at most 1")
    return value


def record_staff(
    actor: Any,
    user: User,
    *,
    started_on: datetime.date,
    fte: Decimal = Decimal(1),
    swe_number: str = "",
    **details: Any,
) -> StaffRecord:
    """Create the staff record for `user`."""
    swe_number = check_swe_number(swe_number)
    check_fte(Decimal(fte))
    if StaffRecord.objects.filter(user=user).exists():
        raise RuleBroken("user", f"{user.display_name} already has a staff record")
    unknown = set(details) - set(STAFF_FIELDS) - set(PERSONAL_FIELDS)
    if unknown:
        raise TypeError(f"Unknown staff record fields: {sorted(unknown)}")
    _check_leaving(started_on, details.get("left_on"), details.get("reason_left", ""))
    with transaction.atomic():
        record = StaffRecord.objects.create(
            user=user, started_on=started_on, fte=fte, swe_number=swe_number, **details
        )
        audit.record(
            actor,
            Action.CREATE,
            obj=record,
            summary=f"Added a staff record for {user.display_name}",
            after=audit.snapshot(record, STAFF_FIELDS),
        )
    return record


def record_leaving(
    actor: Any, record: StaffRecord, *, left_on: datetime.date, reason: str
) -> StaffRecord:
    """Record that someone left, and why, with the census's reason codes."""
    _check_leaving(record.started_on, left_on, reason)
    before = audit.snapshot(record, STAFF_FIELDS)
    with transaction.atomic():
        StaffRecord.objects.filter(pk=record.pk).update(
            left_on=left_on, reason_left=reason, updated_at=timezone.now()
        )
        record.refresh_from_db()
        audit.record(
            actor,
            Action.UPDATE,
            obj=record,
            summary=f"Recorded that {record.user.display_name} left",
            before=before,
            after=audit.snapshot(record, STAFF_FIELDS),
        )
    return record


def _check_leaving(started: datetime.date, left: datetime.date | None, reason: str) -> None:
    if left is None:
        if reason:
            raise RuleBroken("left_on", "Enter the leaving date, or remove the reason")
        return
    if left < started:
        raise RuleBroken("left_on", "The leaving date must be on or after the start date")
    if reason not in ReasonLeave.values:
        raise RuleBroken("reason_left", "Select the reason for leaving")


# Applications ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Equality:
    ethnicity: str = ""
    gender: str = ""
    disabled: str = ""
    age_band: str = ""

    @property
    def given(self) -> bool:
        return any((self.ethnicity, self.gender, self.disabled, self.age_band))


def check_cv(cv: UploadedFile | None) -> UploadedFile:
    if cv is None:
        raise RuleBroken("cv", "Choose your CV to upload")
    name = cv.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in CV_EXTENSIONS:
        raise RuleBroken("cv", "The CV must be a PDF, Word, OpenDocument, RTF or plain text file")
    if cv.size is None or cv.size == 0:
        raise RuleBroken("cv", "The CV file is empty")
    if cv.size > CV_MAX_BYTES:
        raise RuleBroken("cv", "The CV must be smaller than 5MB")
    return cv


def apply_for_vacancy(
    vacancy: Vacancy,
    *,
    name: str,
    email: str,
    statement: str,
    cv: UploadedFile | None,
    consent: bool,
    phone: str = "",
    swe_number: str = "",
    equality: Equality | None = None,
    today: datetime.date | None = None,
) -> Application:
    """A member of the public applies. The equality answers are stored in their own table with
    no link to the application."""
    today = today or timezone.localdate()
    if not vacancy.accepts_applications_on(today):
        raise RuleBroken("vacancy", "This vacancy has closed and is not taking applications")
    if not name.strip():
        raise RuleBroken("name", "Enter your full name")
    if not email.strip():
        raise RuleBroken("email", "Enter your email address")
    if not statement.strip():
        raise RuleBroken("statement", "Enter your supporting statement")
    if not consent:
        raise RuleBroken(
            "consent", "Confirm that we may use your details to consider your application"
        )
    swe_number = check_swe_number(swe_number)
    cv = check_cv(cv)
    email = email.strip().lower()
    graduate = (
        Trainee.objects.filter(email__iexact=email, completed_on__isnull=False)
        .order_by("-completed_on")
        .first()
    )
    if Application.objects.filter(vacancy=vacancy, email=email).exists():
        raise RuleBroken("email", "An application from this email address has already been made")
    try:
        with transaction.atomic():
            application = Application.objects.create(
                vacancy=vacancy,
                name=name.strip(),
                email=email,
                phone=phone.strip(),
                swe_number=swe_number,
                statement=statement.strip(),
                cv=cv,
                consent_given_at=timezone.now(),
                academy_graduate=graduate,
            )
            if equality is not None and equality.given:
                EqualityResponse.objects.create(
                    vacancy=vacancy,
                    month=today.replace(day=1),
                    ethnicity=equality.ethnicity,
                    gender=equality.gender,
                    disabled=equality.disabled,
                    age_band=equality.age_band,
                )
            audit.record(
                None,
                Action.CREATE,
                obj=application,
                summary=f"An application was made for {vacancy.title}",
            )
    except IntegrityError:
        raise RuleBroken(
            "email", "An application from this email address has already been made"
        ) from None
    return application


PIPELINE = (
    Application.Stage.APPLIED,
    Application.Stage.SCREENED,
    Application.Stage.INTERVIEW,
    Application.Stage.OFFER,
    Application.Stage.CHECKS,
    Application.Stage.STARTING,
)
CLOSED_STAGES = frozenset({Application.Stage.REJECTED, Application.Stage.WITHDRAWN})


def move_application(
    actor: Any,
    application: Application,
    stage: str,
    *,
    start_date: datetime.date | None = None,
) -> Application:
    """Move an application along the pipeline (forwards only), or close it.

    An academy graduate is guaranteed an interview (the academy's promise to its trainees), so
    their application cannot be rejected until it has reached interview."""
    current = application.stage
    if current in CLOSED_STAGES:
        raise RuleBroken("stage", "This application is closed and cannot move")
    if stage not in Application.Stage.values:
        raise RuleBroken("stage", "Select a stage")
    if stage in PIPELINE and PIPELINE.index(stage) <= PIPELINE.index(current):
        raise RuleBroken("stage", "Select a later stage: applications only move forwards")
    interviewed = application.interviewed or (
        stage in PIPELINE and PIPELINE.index(stage) >= PIPELINE.index(Application.Stage.INTERVIEW)
    )
    if (
        stage == Application.Stage.REJECTED
        and application.academy_graduate_id is not None
        and not interviewed
    ):
        raise RuleBroken(
            "stage",
            "This applicant is an academy graduate and is guaranteed an interview. Invite them "
            "to interview before deciding",
        )
    if stage == Application.Stage.STARTING and start_date is None:
        raise RuleBroken("start_date", "Enter the agreed start date")
    before = audit.snapshot(application, ("stage", "interviewed", "start_date"))
    with transaction.atomic():
        starting = stage == Application.Stage.STARTING
        updated = Application.objects.filter(pk=application.pk, stage=current).update(
            stage=stage,
            interviewed=interviewed,
            start_date=start_date if starting else None,
            start_agreed_at=timezone.now() if starting else None,
            updated_at=timezone.now(),
        )
        if updated == 0:
            raise StaleVersion(Application.objects.get(pk=application.pk))
        application.refresh_from_db()
        audit.record(
            actor,
            Action.UPDATE,
            obj=application,
            summary=f"Moved an application to {application.get_stage_display().lower()}",
            before=before,
            after=audit.snapshot(application, ("stage", "interviewed", "start_date")),
        )
    return application


def take_on_starter(
    actor: Any,
    application: Application,
    user: User,
    *,
    org_role: str = OrgRole.CASE_HOLDER,
    fte: Decimal = Decimal(1),
) -> StaffRecord:
    """A successful applicant starts: their staff record is made from the application, so the
    census and the caseload pages count them from their first day. `user` is their account."""
    if application.stage != Application.Stage.STARTING or application.start_date is None:
        raise RuleBroken("stage", "Only an applicant with an agreed start date can start")
    if application.staff_record_id is not None:
        raise RuleBroken("stage", "This applicant has already started")
    if org_role not in OrgRole.values:
        raise RuleBroken("org_role", "Select their role for the census")
    check_fte(Decimal(fte))
    graduate = application.academy_graduate_id is not None
    with transaction.atomic():
        record = record_staff(
            actor,
            user,
            started_on=application.start_date,
            fte=fte,
            swe_number=application.swe_number,
            org_role=org_role,
            job_title=application.vacancy.title,
            start_origin=StartOrigin.NEWLY_QUALIFIED if graduate else StartOrigin.NOT_YET_COLLECTED,
            asye=StaffRecord.Asye.IN_PROGRESS if graduate else StaffRecord.Asye.NOT_APPLICABLE,
        )
        linked = Application.objects.filter(pk=application.pk, staff_record__isnull=True).update(
            staff_record=record, updated_at=timezone.now()
        )
        if linked == 0:
            raise StaleVersion(Application.objects.get(pk=application.pk))
        application.refresh_from_db()
    return record


USERNAME_PATTERN = r"^[a-z][a-z0-9.\-]{1,48}[a-z0-9]$"


def start_new_starter(
    actor: Any,
    application: Application,
    *,
    username: str,
    first_name: str,
    last_name: str,
    team: Team,
    org_role: str = OrgRole.CASE_HOLDER,
    fte: Decimal = Decimal(1),
) -> StaffRecord:
    """Recruitment staff record that a new starter has joined: their account (a social worker
    in `team`) and their staff record are made together, from the application.

    The account is made without a password, so nobody can sign in with it until an
    administrator sets up the starter's sign-in: recruitment staff add people to the workforce,
    but never give anyone access to children's records themselves."""
    username = username.strip().lower()
    if not re.fullmatch(USERNAME_PATTERN, username):
        raise RuleBroken(
            "username",
            "Enter a username of 3 to 50 lower-case letters, numbers, dots or hyphens, "
            "like sam.new",
        )
    if User.objects.filter(username=username).exists():
        raise RuleBroken("username", f"The username {username} is already taken")
    if not first_name.strip():
        raise RuleBroken("first_name", "Enter their first name")
    if not last_name.strip():
        raise RuleBroken("last_name", "Enter their last name")
    if team.is_front_door:
        raise RuleBroken("team", "Choose a social work team")
    with transaction.atomic():
        user = User(
            username=username,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            role=Role.SOCIAL_WORKER,
            team=team,
            job_title=application.vacancy.title,
        )
        user.set_unusable_password()
        user.save()
        audit.record(
            actor,
            Action.CREATE,
            obj=user,
            summary=f"Added {user.display_name} to {team.name} as a new starter; an "
            "administrator sets up their sign-in",
        )
        return take_on_starter(actor, application, user, org_role=org_role, fte=fte)


def forget_applicants(*, today: datetime.date, retention_days: int = DEFAULT_RETENTION_DAYS) -> int:
    """Delete applications (and their CV files) untouched for longer than the retention period,
    with event bookings and unpublished questions as old. Returns how many applications were
    deleted. The audit event names only the numbers, not the people."""
    if retention_days < 1:
        raise RuleBroken("retention_days", "The retention period must be at least one day")
    cutoff = datetime.datetime.combine(
        today - datetime.timedelta(days=retention_days), datetime.time.min, tzinfo=datetime.UTC
    )
    expired = list(Application.objects.filter(updated_at__lt=cutoff))
    # People who booked events are enquirers: their bookings go once the event is that old.
    bookings = Booking.objects.filter(event__ends_at__lt=cutoff)
    # Questions never published are the asker's alone; published ones are public, with the
    # asker's agreement, for as long as the answer stands.
    questions = Question.objects.filter(updated_at__lt=cutoff).exclude(
        status=Question.Status.PUBLISHED
    )
    if not expired and not bookings.exists() and not questions.exists():
        return 0
    files = [application.cv for application in expired if application.cv.name]
    with transaction.atomic():
        Application.objects.filter(pk__in=[a.pk for a in expired]).delete()
        booking_count, _ = bookings.delete()
        question_count, _ = questions.delete()
        audit.record(
            None,
            Action.DELETE,
            summary=f"Deleted {len(expired)} applications, {booking_count} event bookings and "
            f"{question_count} unpublished questions past the {retention_days}-day retention "
            "period",
        )

    def _remove_files() -> None:
        for cv in files:
            try:
                cv.storage.delete(str(cv.name))
            except OSError:
                logger.warning("Could not delete a CV file", extra={"cv": cv.name})

    transaction.on_commit(_remove_files)
    return len(expired)


# Vacancies -------------------------------------------------------------------------------------

VACANCY_FIELDS = (
    "title",
    "team",
    "grade",
    "salary",
    "location",
    "fte",
    "opened_on",
    "closes_on",
    "description",
    "status",
    "ended_on",
    "social_work_post",
)


def _check_vacancy(details: dict[str, Any]) -> dict[str, Any]:
    clean = dict(details)
    for name, message in (
        ("title", "Enter the job title"),
        ("salary", "Enter the salary, as applicants should see it"),
        ("location", "Enter where the job is based"),
        ("description", "Enter the description of the job"),
    ):
        clean[name] = str(clean.get(name) or "").strip()
        if not clean[name]:
            raise RuleBroken(name, message)
    clean["grade"] = str(clean.get("grade") or "").strip()
    team = clean.get("team")
    if team is not None and team.is_front_door:
        raise RuleBroken("team", "Choose a social work team, or no team")
    clean["fte"] = check_fte(Decimal(clean.get("fte") or 0))
    opened, closes = clean.get("opened_on"), clean.get("closes_on")
    if opened is None:
        raise RuleBroken("opened_on", "Enter the date the advert opens")
    if closes is None:
        raise RuleBroken("closes_on", "Enter the closing date")
    if closes < opened:
        raise RuleBroken("closes_on", "The closing date must be on or after the advert opens")
    status = clean.get("status")
    if status not in Vacancy.Status.values:
        raise RuleBroken("status", "Select where the vacancy is")
    ended = clean.get("ended_on")
    if status == Vacancy.Status.FILLED and ended is None:
        raise RuleBroken("ended_on", "Enter the date the post was filled")
    if status in (Vacancy.Status.DRAFT, Vacancy.Status.OPEN) and ended is not None:
        raise RuleBroken(
            "ended_on", "A draft or open vacancy has not been filled or withdrawn: remove the date"
        )
    if ended is not None and ended < opened:
        raise RuleBroken("ended_on", "The post cannot be filled or withdrawn before it opened")
    clean["social_work_post"] = bool(clean.get("social_work_post"))
    return clean


def _vacancy_snapshot(vacancy: Vacancy) -> dict[str, Any]:
    return audit.snapshot(vacancy, VACANCY_FIELDS)


def create_vacancy(actor: Any, **details: Any) -> Vacancy:
    """Recruitment staff advertise a post. It is on the careers site while it is open, from the
    day the advert opens to the closing date."""
    clean = _check_vacancy(details)
    with transaction.atomic():
        vacancy = Vacancy.objects.create(**{name: clean.get(name) for name in VACANCY_FIELDS})
        audit.record(
            actor,
            Action.CREATE,
            obj=vacancy,
            summary=f"Added the vacancy {vacancy.title}",
            after=_vacancy_snapshot(vacancy),
        )
    return vacancy


def change_vacancy(
    actor: Any, vacancy: Vacancy, *, expected_version: int | None, **details: Any
) -> Vacancy:
    """Change a vacancy: its advert, or where it is (open, closed, filled). A change made from
    an old copy raises StaleVersion."""
    clean = _check_vacancy(details)
    before = _vacancy_snapshot(vacancy)
    with transaction.atomic():
        updated = update_versioned(
            vacancy, expected_version, {name: clean.get(name) for name in VACANCY_FIELDS}
        )
        audit.record(
            actor,
            Action.UPDATE,
            obj=updated,
            summary=f"Changed the vacancy {updated.title}",
            before=before,
            after=_vacancy_snapshot(updated),
        )
    return updated
