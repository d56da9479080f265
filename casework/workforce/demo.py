"""The demo council's workforce: a staff record for every member of staff (some newly qualified,
some agency, one leaver), the council's caseload weights and thresholds, open vacancies on the
careers pages, events (the 6 pm online evening, a three-day drop-in, and last month's evening
with its attendance), applicants at every stage, two academy cohorts, and the region the council
shares stories and answers with. Made through the services, so every rule and audit event
holds."""

import datetime
import random
import uuid
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from casework.accounts.models import Role, Team, User
from casework.workforce import recruitment, region, services
from casework.workforce.models import (
    AcademyCohort,
    Application,
    Booking,
    CareersPage,
    CaseloadThreshold,
    CaseloadWeight,
    Champion,
    Council,
    Ethnicity,
    Event,
    Gender,
    OrgRole,
    QualLevel,
    ReasonLeave,
    Region,
    StaffRecord,
    StartOrigin,
    Story,
    Trainee,
    TrainingSession,
    Vacancy,
)

ORG_ROLES: dict[str, str] = {
    Role.SOCIAL_WORKER: OrgRole.CASE_HOLDER,
    Role.TEAM_MANAGER: OrgRole.FIRST_LINE_MANAGER,
    Role.HEAD_OF_SERVICE: OrgRole.MIDDLE_MANAGER,
    Role.REVIEWING_OFFICER: OrgRole.QUALIFIED_WITHOUT_CASES,
    Role.FRONT_DOOR: OrgRole.QUALIFIED_WITHOUT_CASES,
}
# Only these roles are registered social workers; analysts and administrators are not.
SOCIAL_WORK_ROLES = frozenset(ORG_ROLES)
UNIVERSITIES = (
    "University of Northbrook",
    "Open University",
    "University of Leeds",
    "University of Birmingham",
)
VACANCIES = (
    (
        "Social worker, children in need",
        "£37,000 to £43,000",
        "Level 2 social worker",
        "A post in a settled team with an average caseload of 16 and weekly group supervision.",
    ),
    (
        "Senior practitioner, child protection",
        "£44,000 to £48,000",
        "Senior practitioner",
        "Hold a small caseload of complex child protection work and support newly qualified "
        "colleagues in the team.",
    ),
    (
        "Newly qualified social worker (ASYE)",
        "£34,000 to £36,000",
        "ASYE",
        "Start your career with a protected caseload, a practice educator and a programme of "
        "learning through your assessed and supported year in employment.",
    ),
)


def _swe_number(rng: random.Random) -> str:
    return f"SW{rng.randrange(10**10):010d}"


def _staff(user: User, rng: random.Random, today: datetime.date) -> StaffRecord:
    social_worker = user.role in SOCIAL_WORK_ROLES
    newly_qualified = user.role == Role.SOCIAL_WORKER and rng.random() < 0.2
    agency = user.role == Role.SOCIAL_WORKER and not newly_qualified and rng.random() < 0.15
    years = 0 if newly_qualified else rng.randint(1, 12)
    started = today - datetime.timedelta(days=365 * years + rng.randint(20, 300))
    return services.record_staff(
        None,
        user,
        started_on=started,
        fte=Decimal(rng.choice(("1", "1", "1", "0.8", "0.6"))),
        swe_number=_swe_number(rng) if social_worker else "",
        job_title=user.job_title or user.get_role_display(),
        org_role=ORG_ROLES.get(user.role, str(OrgRole.QUALIFIED_WITHOUT_CASES)),
        contract=StaffRecord.Contract.AGENCY if agency else StaffRecord.Contract.PERMANENT,
        start_origin=StartOrigin.NEWLY_QUALIFIED
        if newly_qualified
        else rng.choice((StartOrigin.OTHER_ENGLISH_LA, StartOrigin.AGENCY, StartOrigin.NOT_KNOWN)),
        asye=StaffRecord.Asye.IN_PROGRESS if newly_qualified else StaffRecord.Asye.NOT_APPLICABLE,
        practice_educator=user.role == Role.SOCIAL_WORKER and rng.random() < 0.1,
        date_of_birth=datetime.date(today.year - rng.randint(23, 60), rng.randint(1, 12), 14),
        gender=rng.choice((Gender.FEMALE, Gender.FEMALE, Gender.FEMALE, Gender.MALE)),
        ethnicity=rng.choice([code for code, _ in Ethnicity.choices]),
        qualification_institution=rng.choice(UNIVERSITIES) if social_worker else "",
        qualification_level=rng.choice((QualLevel.UNDERGRADUATE, QualLevel.POSTGRADUATE)),
        working_days_lost=Decimal(rng.choice((0, 0, 0, 1, 2, 5, 12))),
    )


def build_workforce(rng: random.Random, today: datetime.date) -> int:
    """Staff records for every member of staff without one, the council's caseload settings,
    a leaver for the census, and three open vacancies. Returns how many records it made."""
    made = 0
    for status, weight in CaseloadWeight.DEFAULTS.items():
        CaseloadWeight.objects.get_or_create(status=status, defaults={"weight": weight})
    if not CaseloadThreshold.objects.filter(team__isnull=True).exists():
        CaseloadThreshold.objects.create(
            team=None,
            target=CaseloadThreshold.DEFAULT_TARGET,
            alert=CaseloadThreshold.DEFAULT_ALERT,
        )
        made += 1
    users = User.objects.filter(is_active=True, staff_record__isnull=True).order_by("username")
    for user in users:
        _staff(user, rng, today)
        made += 1
    leaver = (
        StaffRecord.objects.filter(user__role=Role.SOCIAL_WORKER, left_on__isnull=True)
        .exclude(user__username__in=("sam.worker", "tess.colleague", "ola.otherteam"))
        .order_by("user__username")
        .first()
    )
    if leaver is not None and leaver.started_on < today - datetime.timedelta(days=60):
        services.record_leaving(
            None,
            leaver,
            left_on=today - datetime.timedelta(days=30),
            reason=ReasonLeave.RESIGNATION,
        )
    teams = list(Team.objects.filter(is_front_door=False).order_by("name")[:3])
    for index, (title, salary, grade, description) in enumerate(VACANCIES):
        if Vacancy.objects.filter(title=title).exists():
            continue
        Vacancy.objects.create(
            title=title,
            team=teams[index % len(teams)] if teams else None,
            salary=salary,
            grade=grade,
            location="Northbrook Civic Centre and agile working",
            opened_on=today - datetime.timedelta(days=rng.randint(3, 20)),
            closes_on=today + datetime.timedelta(days=rng.randint(10, 40)),
            description=description,
            status=Vacancy.Status.OPEN,
        )
        made += 1
    made += _careers_site(rng, today)
    made += _academy(today)
    # Last month's bookings come before the applications, as they did in life: the dashboard
    # counts an application as following an event only when it was made after booking.
    made += _past_event(today)
    made += _applicants(today)
    made += _region(today)
    return made


APPLICANTS = (
    ("Jordan Ellis", "jordan.ellis@example.org", "SW4821937460"),
    ("Hannah Osei", "hannah.osei@example.org", ""),
)


def _applicants(today: datetime.date) -> int:
    """Two applicants from the public and one academy graduate, so the board has work on it."""
    if Application.objects.exists():
        return 0
    vacancy = Vacancy.objects.filter(status=Vacancy.Status.OPEN).order_by("title").first()
    if vacancy is None:
        return 0
    graduate = Trainee.objects.filter(completed_on__isnull=False).order_by("name").first()
    people = list(APPLICANTS)
    if graduate is not None:
        people.append((graduate.name, graduate.email, ""))
    made = []
    for name, email, swe in people:
        made.append(
            services.apply_for_vacancy(
                vacancy,
                name=name,
                email=email,
                swe_number=swe,
                statement="I want to work where caseloads let me know the children I work with.",
                cv=SimpleUploadedFile("cv.txt", f"CV of {name}".encode(), "text/plain"),
                consent=True,
                today=today,
            )
        )
    # One applicant further along, so the board has more than one column filled.
    services.move_application(None, made[0], Application.Stage.SCREENED)
    services.move_application(None, made[0], Application.Stage.INTERVIEW)
    return len(people)


TRAINEES = ("Amara Okafor", "Ben Hughes", "Chloe Price", "Dev Patel", "Ellie Shaw")


def _academy(today: datetime.date) -> int:
    """Last year's cohort, completed, with mentors from the social workers; and this year's."""
    if AcademyCohort.objects.exists():
        return 0
    mentors = list(User.objects.filter(role=Role.SOCIAL_WORKER).order_by("username")[:5])
    made = 0
    trainees: list[Trainee] = []
    for name, start, done in (
        ("Academy cohort 1", today - datetime.timedelta(days=300), True),
        ("Academy cohort 2", today - datetime.timedelta(days=30), False),
    ):
        cohort = AcademyCohort.objects.create(
            name=name, starts_on=start, ends_on=start + datetime.timedelta(days=120)
        )
        made += 1
        for index, trainee in enumerate(TRAINEES):
            first, last = trainee.split()
            trainees.append(
                Trainee.objects.create(
                    cohort=cohort,
                    name=trainee,
                    email=f"{first}.{last}.{cohort.pk.hex[:4]}@example.org".lower(),
                    mentor=mentors[index % len(mentors)] if mentors else None,
                    completed_on=cohort.ends_on if done and index < 4 else None,
                )
            )
            made += 1
        for week, title in enumerate(("Assessment and analysis", "Direct work with children")):
            session = TrainingSession.objects.create(
                cohort=cohort, title=title, held_on=start + datetime.timedelta(weeks=week + 1)
            )
            session.attended_by.set(trainees[-len(TRAINEES) :][: 4 - week])
    return made


PAGES = (
    (
        "practice-principles",
        "Our practice principles",
        "How we work with children and families.",
        "Child-centred: we see the child, hear them and write down what they say in their own "
        "words.\n\nFamily-minded: we work with the whole family and the people who matter to "
        "them.\n\nStrengths-based: we start from what is going well and build on it.",
    ),
    (
        "why-work-here",
        "Why work here",
        "Manageable caseloads, good supervision, and a council that invests in social work.",
        "Ofsted judged our children's services good.\n\nOur average caseload is published on "
        "this site and we recruit to keep it down.\n\nEvery newly qualified social worker has "
        "a protected caseload and a practice educator.",
    ),
)


def _careers_site(rng: random.Random, today: datetime.date) -> int:
    """Pages, a story, a champion with an answered question, and the 6 pm online event."""
    if Event.objects.exists():
        return 0
    made = 0
    for order, (slug, title, summary, body) in enumerate(PAGES):
        CareersPage.objects.create(
            slug=slug, title=title, summary=summary, body=body, published=True, order=order
        )
        made += 1
    story = Story.objects.create(
        title="Why I stayed in child protection",
        told_by="Aisha, senior practitioner",
        teller=Story.Teller.SOCIAL_WORKER,
        body="I came for a year and stayed for eight, because my team has my back and my "
        "caseload lets me know every child I work with.",
        consent_given_on=today - datetime.timedelta(days=30),
        shared_with_region=True,
    )
    recruitment.approve_story(None, story)
    champion = Champion.objects.create(name="Priya", job_title="Social worker, Team A")
    question = recruitment.ask_question("What is supervision like in your teams?", "Sam")
    recruitment.assign_question(None, question, champion)
    recruitment.answer_question(
        None,
        question,
        "Monthly one-to-one supervision that is protected time, plus weekly "
        "group supervision in the team.",
    )
    recruitment.publish_question(None, question, share_with_region=True)
    recruitment.ask_question("Do you pay a car allowance?")
    evening = timezone.make_aware(
        datetime.datetime.combine(
            today + datetime.timedelta(days=rng.randint(7, 21)), datetime.time(18, 0)
        )
    )
    Event.objects.create(
        title="Online evening: meet our social work teams",
        description="An hour with team managers and social workers: ask about caseloads, "
        "supervision and the academy.",
        format=Event.Format.ONLINE,
        location="Online; the joining link comes with your confirmation",
        starts_at=evening,
        ends_at=evening + datetime.timedelta(hours=1),
        capacity=60,
        published=True,
    )
    return made + 5


def _past_event(today: datetime.date) -> int:
    """Last month's evening, with who came, and a three-day drop-in coming up: the dashboard's
    funnel and the events pages have something to show."""
    if Event.objects.filter(title__startswith="Drop-in").exists():
        return 0
    first = today + datetime.timedelta(days=24)
    opens = timezone.make_aware(datetime.datetime.combine(first, datetime.time(10, 0)))
    Event.objects.create(
        title="Drop-in at the Civic Centre: three days",
        description="Come any time between 10am and 4pm to meet social workers and managers, "
        "and hear about the Social Care Academy.",
        format=Event.Format.IN_PERSON,
        location="Northbrook Civic Centre, Market Street",
        starts_at=opens,
        ends_at=opens + datetime.timedelta(days=2, hours=6),
        daily=True,
        capacity=150,
        published=True,
    )
    evening = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=30), datetime.time(18, 0))
    )
    past = Event.objects.create(
        title="Online evening: children in need teams",
        description="An hour with the children in need teams.",
        format=Event.Format.ONLINE,
        location="Online",
        starts_at=evening,
        ends_at=evening + datetime.timedelta(hours=1),
        capacity=60,
        published=True,
    )
    people = [("Jordan Ellis", "jordan.ellis@example.org", True)]
    people += [(f"Visitor {n}", f"visitor{n}@example.org", n % 3 != 0) for n in range(1, 9)]
    for name, email, came in people:
        # Booked before the evening: the booking service refuses past events, rightly.
        Booking.objects.create(event=past, name=name, email=email, attended=came)
    return 2 + len(people)


# Made-up local authority codes (900s are not used by any real council).
HOME_CODE = "901"
NEIGHBOURS = (("Eastholme Council", "902"), ("Riverside Council", "903"))


def _region(today: datetime.date) -> int:
    """The region: this council and two neighbours, whose feeds (made up here, as their own
    installations would publish them) are imported into the pool."""
    if Region.objects.exists():
        return 0
    from django.conf import settings

    area = Region.objects.create(name="Northern Children's Social Work Matters")
    Council.objects.create(
        region=area,
        name=settings.COUNCIL_NAME,
        la_code=getattr(settings, "COUNCIL_LA_CODE", "") or HOME_CODE,
        home=True,
    )
    made = 1
    published = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=12), datetime.time(9, 0))
    )
    for index, (name, code) in enumerate(NEIGHBOURS):
        Council.objects.create(region=area, name=name, la_code=code)
        feed = {
            "format": region.FEED_FORMAT,
            "council": {"name": name, "la_code": code},
            "stories": [
                {
                    "id": str(uuid.UUID(int=index * 100 + 1)),
                    "title": "What a family group conference changed for us",
                    "told_by": "Leanne, a mum" if index == 0 else "Tom, aged 16",
                    "teller": Story.Teller.FAMILY if index == 0 else Story.Teller.YOUNG_PERSON,
                    "body": "We were listened to, and the plan was ours, not someone else's.",
                    "video_url": "https://video.example.org/stories/1" if index else "",
                    "transcript": "Tom: My social worker asked what I wanted first."
                    if index
                    else "",
                    "published_at": published.isoformat(),
                }
            ],
            "questions": [
                {
                    "id": str(uuid.UUID(int=index * 100 + 2)),
                    "text": "Can I work part time in a child protection team?",
                    "asked_by": "",
                    "answer": "Yes: a third of our child protection social workers work part "
                    "time, with caseloads set by their hours.",
                    "champion_name": "Nadia" if index == 0 else "Greg",
                    "champion_job_title": "Senior practitioner",
                    "published_at": published.isoformat(),
                }
            ],
        }
        region.import_feed(None, feed, now=timezone.now())
        made += 3
    return made
