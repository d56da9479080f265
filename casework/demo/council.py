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
from casework.assessments.demo import build_assessments
from casework.audit import services as audit
from casework.audit.models import Action
from casework.cases.demo import build_histories
from casework.cases.models import Allocation, CaseNote
from casework.common.clock import seed_bank_holidays
from casework.common.models import BankHoliday
from casework.demo import names
from casework.frontdoor.demo import build_front_door
from casework.lib import identifiers, matching
from casework.meetings.demo import build_meetings
from casework.people.models import Address, Person, PersonWarning, Relationship, Sex
from casework.plans.demo import build_plans
from casework.portal.demo import build_portal
from casework.protection.demo import build_protection
from casework.returns.demo import build_census_history
from casework.workforce.demo import build_workforce

T = TypeVar("T")
Progress = Callable[[Iterable[T], int, str], Iterable[T]]

CASELOAD = 18  # children per social worker in the synthetic council
# Weighted roughly like England's children in need: mostly White British, then mixed, Asian,
# Black and other backgrounds.
ETHNICITIES = ["WBRI"] * 14 + [
    "WOTH",
    "MWBC",
    "MWAS",
    "MOTH",
    "APKN",
    "AIND",
    "ABAN",
    "BAFR",
    "BCRB",
    "CHNE",
    "OOTH",
    "NOBT",
]
# Enough different codes that the census does not query how few are used (DfE rule 2887Q).
DISABILITIES = ["LD", "AUT", "COMM", "BEH", "MOB", "HEAR", "VIS", "PC", "INC", "HAND", "DDA"]
# UPN check letters, indexed by the weighted sum of the other twelve characters mod 23 (DfE
# UPN guide; CIN census rule 1510).
UPN_CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"
DEMO_WARNINGS = (
    (
        PersonWarning.Kind.RISK_TO_STAFF,
        "Father has been aggressive to visiting staff: visit in pairs.",
    ),
    (PersonWarning.Kind.DOG, "Large dog at the address; ask for it to be shut away first."),
    (
        PersonWarning.Kind.DO_NOT_DISCLOSE_ADDRESS,
        "Mother is in a refuge: never disclose the address.",
    ),
)
STREETS = (
    "Oak Road",
    "Mill Lane",
    "Station Road",
    "Church Street",
    "Victoria Terrace",
    "Park Avenue",
    "Queen Street",
    "Meadow Close",
    "Brook Way",
    "Canal Side",
)


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
    Persona("rita.recruiter", "Rita", "Reid", Role.RECRUITER, None, "Recruitment officer"),
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
        # Due dates in the demo need the calendar; `make run` loads it first, a bare seed may not.
        if not BankHoliday.objects.exists():
            seed_bank_holidays(today.year - 11, today.year + 10)
        teams = _teams(children)
        staff = _staff(teams, rng)
        people = _children(children, rng, today, progress)
        allocations = _allocate(people, teams, staff, rng, today)
        notes = _notes(people, allocations, rng, today, progress)
        families = _families(people, rng, today, progress)
        contacts = build_front_door(rng, today, people)
        assessments = build_assessments(rng, today, people)
        plans = build_plans(rng, today, people)
        cp_plans = build_protection(rng, today, people)
        meetings = build_meetings(rng, today, people)
        histories = build_histories(rng, today, people)
        census_episodes = build_census_history(rng, today, people)
        workforce = build_workforce(rng, today)
        portal = build_portal(rng, today)
        audit.record(
            None, Action.CREATE, summary=f"Built the demo council: {children} children, seed {seed}"
        )
    return {
        "teams": len(teams),
        "staff": sum(len(members) for members in staff.values()) + len(PERSONAS),
        "children": len(people),
        "case notes": notes,
        "family members": families,
        "contacts": contacts,
        "assessments": assessments,
        "plans": plans,
        "child protection plans": cp_plans,
        "meetings": meetings,
        "case histories": histories,
        "census history episodes": census_episodes,
        "workforce records": workforce,
        "family portal accounts": portal,
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
        family = rng.choice(names.SURNAMES)
        batch.append(
            Person(
                la_id=f"NB{start + index + 1:07d}",
                given_name=given,
                family_name=family,
                given_key=matching.phonetic_key(given),
                family_key=matching.phonetic_key(family),
                date_of_birth=today - datetime.timedelta(days=age_days),
                sex=sex,
                ethnicity=rng.choice(ETHNICITIES),
                disabilities=_disabilities(rng),
                # Children of school age have a unique pupil number; younger ones do not yet.
                upn=_upn(start + index + 1) if age_days >= 4 * 365 else "",
            )
        )
        if len(batch) >= 2000:
            made += Person.objects.bulk_create(batch)
            batch = []
    made += Person.objects.bulk_create(batch)
    return made


def _disabilities(rng: random.Random) -> list[str]:
    """Most children have none; a few have two, as the census asks councils to record every
    disability that applies (rule 2888Q)."""
    roll = rng.random()
    if roll < 0.9:
        return ["NONE"]
    return sorted(rng.sample(DISABILITIES, 2 if roll > 0.98 else 1))


def _upn(number: int) -> str:
    """A well-formed unique pupil number: check letter, the council's LA code, then digits
    unique to the child."""
    body = f"{settings.COUNCIL_LA_CODE}{number:09d}"
    total = sum(int(digit) * weight for weight, digit in enumerate(body, start=2))
    return UPN_CHECK_LETTERS[total % 23] + body


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


def _valid_nhs_number(rng: random.Random) -> str:
    while True:
        candidate = "".join(str(rng.randint(0, 9)) for _ in range(9))
        for last in "0123456789":
            if identifiers.nhs_number_is_valid(candidate + last):
                return candidate + last


def _families(
    people: list[Person], rng: random.Random, today: datetime.date, progress: Progress[Any]
) -> int:
    """A mother (and often a father) for each child, a home address, siblings living together,
    a few warnings, and a few duplicate records of children for the front door to find."""
    sam = User.objects.get(username="sam.worker")
    adults: list[Person] = []
    links: list[tuple[int, int, str, bool]] = []  # adult index, child index, kind, PR
    addresses: list[tuple[int, str, str]] = []  # index in `everyone`, street, postcode
    start = Person.objects.count()
    child_count = len(people)
    index = 0
    while index < child_count:
        # Siblings: consecutive children sometimes share a family.
        size = 1 if rng.random() < 0.7 else 2
        members = list(range(index, min(index + size, child_count)))
        index += size
        mother_family = people[members[0]].family_name
        inward = "".join(rng.choice("ABDEFGHJLNPQRSTUWXY") for _ in range(2))
        postcode = f"NB{rng.randint(1, 19)} {rng.randint(1, 9)}{inward}"
        street = f"{rng.randint(1, 180)} {rng.choice(STREETS)}"
        mother_given = rng.choice(names.GIVEN_ADULT[:12])
        adults.append(
            Person(
                la_id=f"NB{start + len(adults) + 1:07d}",
                given_name=mother_given,
                family_name=mother_family,
                given_key=matching.phonetic_key(mother_given),
                family_key=matching.phonetic_key(mother_family),
                date_of_birth=today - datetime.timedelta(days=rng.randint(19 * 365, 45 * 365)),
                sex=Sex.FEMALE,
                is_child=False,
            )
        )
        mother = len(adults) - 1
        addresses.append((-(mother + 1), street, postcode))
        for member in members:
            links.append((mother, member, "parent", True))
            addresses.append((member, street, postcode))
        if rng.random() < 0.5:
            father_given = rng.choice(names.GIVEN_ADULT[12:])
            father_family = rng.choice((mother_family, rng.choice(names.SURNAMES)))
            adults.append(
                Person(
                    la_id=f"NB{start + len(adults) + 1:07d}",
                    given_name=father_given,
                    family_name=father_family,
                    given_key=matching.phonetic_key(father_given),
                    family_key=matching.phonetic_key(father_family),
                    date_of_birth=today - datetime.timedelta(days=rng.randint(20 * 365, 50 * 365)),
                    sex=Sex.MALE,
                    is_child=False,
                )
            )
            for member in members:
                links.append((len(adults) - 1, member, "parent", rng.random() < 0.8))
        if len(members) == 2:
            links.append((-(members[0] + 1), members[1], "sibling", False))
    Person.objects.bulk_create(adults, batch_size=2000)
    relationships = []
    for adult, child, kind, responsibility in links:
        from_person = people[-adult - 1] if adult < 0 else adults[adult]
        relationships.append(
            Relationship(
                from_person=from_person,
                to_person=people[child],
                kind=kind,
                parental_responsibility=responsibility,
            )
        )
    Relationship.objects.bulk_create(relationships, batch_size=2000)
    rows = []
    for owner, street, postcode in progress(addresses, len(addresses), "addresses"):
        person = adults[-owner - 1] if owner < 0 else people[owner]
        rows.append(
            Address(
                person=person,
                line_1=street,
                town="Northbrook",
                postcode=postcode,
                started_on=today - datetime.timedelta(days=rng.randint(100, 2000)),
            )
        )
    Address.objects.bulk_create(rows, batch_size=2000)
    for person in people[:: max(1, len(people) // 20)][:20]:
        kind, detail = rng.choice(DEMO_WARNINGS)
        PersonWarning.objects.create(person=person, kind=kind, detail=detail, added_by=sam)
    _duplicates(people, rng, start + len(adults))
    for person in people[:: max(1, len(people) // 50)]:
        person.nhs_number = _valid_nhs_number(rng)
    Person.objects.bulk_update(people[:: max(1, len(people) // 50)], ["nhs_number"])
    return len(adults)


def _misspell(name: str, rng: random.Random) -> str:
    swaps = {"ph": "f", "y": "ie", "ck": "k", "ll": "l", "ss": "s", "ie": "y", "th": "t"}
    for old, new in swaps.items():
        if old in name.lower():
            return name.replace(old, new, 1)
    position = rng.randint(1, max(1, len(name) - 2))
    return name[:position] + name[position + 1 :]


def _duplicates(people: list[Person], rng: random.Random, next_id: int) -> None:
    """About one child in a hundred has a second, misspelt record: the kind of duplicate a
    front door must find and merge."""
    copies = []
    for offset, original in enumerate(people[7::100]):
        given = _misspell(original.given_name, rng) if rng.random() < 0.5 else original.given_name
        family = _misspell(original.family_name, rng)
        copies.append(
            Person(
                la_id=f"NB{next_id + offset + 1:07d}",
                given_name=given,
                family_name=family,
                given_key=matching.phonetic_key(given),
                family_key=matching.phonetic_key(family),
                date_of_birth=original.date_of_birth,
                sex=original.sex,
            )
        )
    Person.objects.bulk_create(copies)
