"""The synthetic council: teams, staff, the demo personas and children with their records.

Deterministic for a given seed, fast enough to build 100,000 children for the benchmarks, and the
only code that creates demo data (never a migration). Later areas add their records here.
"""

import datetime
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from casework.accounts.models import Role, Team, User
from casework.audit import services as audit
from casework.audit.models import Action
from casework.cases.models import Allocation, CaseNote
from casework.demo import names
from casework.people.models import Person, Sex

T = TypeVar("T")
Progress = Callable[[Iterable[T], int, str], Iterable[T]]

CASELOAD = 18  # children per social worker in the synthetic council


@dataclass(frozen=True)
class Persona:
    username: str
    first_name: str
    last_name: str
    role: str
    team: str | None
    job_title: str
    is_staff: bool = False


TEAM_A = "Team A"
TEAM_B = "Team B"
FRONT_DOOR = "Front Door (MASH)"
REVIEWING = "Independent Reviewing Service"
PERFORMANCE = "Performance and Insight"

PERSONAS = (
    Persona("fran.frontdoor", "Fran", "Fletcher", Role.FRONT_DOOR, FRONT_DOOR, "MASH practitioner"),
    Persona("sam.worker", "Sam", "Walker", Role.SOCIAL_WORKER, TEAM_A, "Social worker"),
    Persona("tess.colleague", "Tess", "Collins", Role.SOCIAL_WORKER, TEAM_A, "Social worker"),
    Persona("ola.otherteam", "Ola", "Okafor", Role.SOCIAL_WORKER, TEAM_B, "Social worker"),
    Persona("tara.manager", "Tara", "Mason", Role.TEAM_MANAGER, TEAM_A, "Team manager"),
    Persona("ian.chair", "Ian", "Chaudhry", Role.REVIEWING_OFFICER, REVIEWING, "Conference chair"),
    Persona("pat.analyst", "Pat", "Anand", Role.ANALYST, PERFORMANCE, "Performance analyst"),
    Persona("hana.head", "Hana", "Hussain", Role.HEAD_OF_SERVICE, None, "Head of service"),
    Persona(
        "adam.admin", "Adam", "Adeyemi", Role.ADMIN, None, "System administrator", is_staff=True
    ),
)

NOTE_SUBJECTS = (
    (CaseNote.Kind.VISIT, "Home visit", "Saw the child at home with their mother. Bedroom seen."),
    (
        CaseNote.Kind.PHONE_CALL,
        "Call with school",
        "Designated safeguarding lead reports attendance has improved to 92% this half term.",
    ),
    (
        CaseNote.Kind.MEETING,
        "Family meeting",
        "Discussed the plan with the family; grandmother offered to help with school runs.",
    ),
    (
        CaseNote.Kind.MANAGEMENT_OVERSIGHT,
        "Management oversight",
        "Reviewed the case in "
        "supervision. Plan remains appropriate; visit within ten working days.",
    ),
)


def _no_progress[I](items: Iterable[I], total: int, label: str) -> Iterable[I]:
    return items


def build_council(
    children: int = 200, seed: int = 1, progress: Progress[Any] = _no_progress
) -> dict[str, int]:
    """Create the demo council. Returns counts of what it made."""
    rng = random.Random(seed)
    today = timezone.localdate()
    with transaction.atomic():
        teams = _teams(children)
        staff = _staff(teams, rng)
        people = _children(children, rng, today, progress)
        allocations = _allocate(people, teams, staff, rng, today)
        notes = _notes(people, allocations, rng, today, progress)
        audit.record(
            None, Action.CREATE, summary=f"Built the demo council: {children} children, seed {seed}"
        )
    return {
        "teams": len(teams),
        "staff": sum(len(members) for members in staff.values()) + len(PERSONAS),
        "children": len(people),
        "case notes": notes,
    }


def _teams(children: int) -> dict[str, Team]:
    names_needed = [FRONT_DOOR, REVIEWING, PERFORMANCE, TEAM_A, TEAM_B]
    extra = max(0, children // (CASELOAD * 6) - 2)
    names_needed += [
        f"Team {chr(ord('C') + i)}" if i < 24 else f"Team {i + 3}" for i in range(extra)
    ]
    teams = {}
    for name in names_needed:
        team, _ = Team.objects.get_or_create(
            name=name, defaults={"is_front_door": name == FRONT_DOOR}
        )
        teams[name] = team
    return teams


def _staff(teams: dict[str, Team], rng: random.Random) -> dict[str, list[User]]:
    """The personas plus enough synthetic workers and managers for the caseload."""
    password = User(username="x")
    password.set_password(settings.DEMO_PASSWORD)
    hashed = password.password
    for persona in PERSONAS:
        User.objects.update_or_create(
            username=persona.username,
            defaults={
                "first_name": persona.first_name,
                "last_name": persona.last_name,
                "email": f"{persona.username}@example.org",
                "role": persona.role,
                "team": teams[persona.team] if persona.team else None,
                "job_title": persona.job_title,
                "is_staff": persona.is_staff,
                "is_superuser": persona.is_staff,
                "password": hashed,
            },
        )
    workers: dict[str, list[User]] = {}
    for name, team in teams.items():
        if not name.startswith("Team "):
            continue
        members = list(User.objects.filter(team=team, role=Role.SOCIAL_WORKER))
        synthetic = []
        for index in range(max(0, 6 - len(members))):
            given = rng.choice(names.GIVEN_ADULT)
            family = rng.choice(names.SURNAMES)
            slug = name.lower().replace(" ", "")
            synthetic.append(
                User(
                    username=f"{given.lower()}.{family.lower()}.{slug}{index}",
                    first_name=given,
                    last_name=family,
                    role=Role.SOCIAL_WORKER,
                    team=team,
                    job_title="Social worker",
                    password=hashed,
                )
            )
        if not User.objects.filter(team=team, role=Role.TEAM_MANAGER).exists():
            synthetic.append(
                User(
                    username=f"manager.{name.lower().replace(' ', '')}",
                    first_name=rng.choice(names.GIVEN_ADULT),
                    last_name=rng.choice(names.SURNAMES),
                    role=Role.TEAM_MANAGER,
                    team=team,
                    job_title="Team manager",
                    password=hashed,
                )
            )
        User.objects.bulk_create(synthetic)
        workers[name] = list(User.objects.filter(team=team, role=Role.SOCIAL_WORKER))
    return workers


def _children(
    count: int, rng: random.Random, today: datetime.date, progress: Progress[Any]
) -> list[Person]:
    start = Person.objects.count()
    batch: list[Person] = []
    made: list[Person] = []
    for index in progress(range(count), count, "children"):
        sex = rng.choice((Sex.FEMALE, Sex.MALE))
        given = rng.choice(names.GIVEN_GIRLS if sex == Sex.FEMALE else names.GIVEN_BOYS)
        age_days = rng.randint(30, 17 * 365)
        batch.append(
            Person(
                la_id=f"NB{start + index + 1:07d}",
                given_name=given,
                family_name=rng.choice(names.SURNAMES),
                date_of_birth=today - datetime.timedelta(days=age_days),
                sex=sex,
            )
        )
        if len(batch) >= 2000:
            made += Person.objects.bulk_create(batch)
            batch = []
    made += Person.objects.bulk_create(batch)
    return made


def _allocate(
    people: list[Person],
    teams: dict[str, Team],
    workers: dict[str, list[User]],
    rng: random.Random,
    today: datetime.date,
) -> list[Allocation]:
    case_teams = [name for name in teams if name.startswith("Team ")]
    sam = User.objects.get(username="sam.worker")
    rows = []
    for index, person in enumerate(people):
        # Sam always has a realistic caseload, so the demo's social worker has children to open.
        worker: User | None
        if index < CASELOAD:
            team, worker = teams[TEAM_A], sam
        else:
            team_name = case_teams[index % len(case_teams)]
            team = teams[team_name]
            pool = [w for w in workers[team_name] if w.pk != sam.pk]
            worker = None if rng.random() < 0.05 else rng.choice(pool)
        rows.append(
            Allocation(
                person=person,
                team=team,
                worker=worker,
                started_on=today - datetime.timedelta(days=rng.randint(0, 400)),
            )
        )
    return Allocation.objects.bulk_create(rows, batch_size=2000)


def _notes(
    people: list[Person],
    allocations: list[Allocation],
    rng: random.Random,
    today: datetime.date,
    progress: Progress[Any],
) -> int:
    author_for = {a.person_id: a.worker for a in allocations}
    fallback = User.objects.filter(role=Role.TEAM_MANAGER).first() or User.objects.first()
    batch: list[CaseNote] = []
    total = 0
    for person in progress(people, len(people), "case notes"):
        author = author_for.get(person.pk) or fallback
        for _ in range(rng.randint(1, 3)):
            kind, subject, body = rng.choice(NOTE_SUBJECTS)
            batch.append(
                CaseNote(
                    person=person,
                    kind=kind,
                    occurred_on=today - datetime.timedelta(days=rng.randint(0, 120)),
                    subject=subject,
                    body=body,
                    author=author,
                    updated_by=author,
                )
            )
        if len(batch) >= 5000:
            CaseNote.objects.bulk_create(batch)
            total += len(batch)
            batch = []
    CaseNote.objects.bulk_create(batch)
    return total + len(batch)
