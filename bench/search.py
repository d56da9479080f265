"""How well and how fast search-before-create finds a person among many.

    .venv/bin/python bench/search.py                          # 100,000 persons, fresh SQLite file
    .venv/bin/python bench/search.py --database postgres      # 1,000,000, throwaway PostgreSQL 15
    .venv/bin/python bench/search.py --persons 20000 --queries 200 --json-only

It builds a synthetic population in an empty database whose answers are known: every search is
made from one person's record (the target) the way a worker types it, with the errors workers
make (a misspelt surname, a nickname, names the wrong way round, one half of a double-barrelled
surname, day and month swapped, no date at all, a postcode or NHS number alone), and some targets
have a second, misspelt record of themselves planted in the population, which counts as found
too. Each search goes through `casework.people.search.search`, as a front-door practitioner who
may see everyone. It prints recall at 10 candidates, precision of the strong matches, mean
reciprocal rank and latency, overall and by kind of error, and as its last line one JSON object.

Like bench/pages.py it never fails because something was slow or missed: the figures are for
people to read. It exits non-zero only when it could not run. See bench/README.md.
"""

import argparse
import datetime
import functools
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
import warnings
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WITH_POSTGRES = ROOT / "scripts" / "with-postgres"
# pg_virtualenv writes these to stdout around the command it runs; they must not follow the JSON.
PG_VIRTUALENV_CHATTER = ("Creating new PostgreSQL cluster", "Dropping cluster")
DEFAULT_PERSONS = {"sqlite": 100_000, "postgresql": 1_000_000}
WARM_UP = 20  # untimed searches before the timed ones
LIMIT = 10  # candidates a worker looks at: recall is measured at this many
STRONG = 0.85  # the score search.Result.likely_same calls "likely the same person"
BATCH = 5000
TODAY = datetime.date(2026, 6, 1)  # fixed, so a seed builds the same population on any day
DUPLICATE_SHARE = 0.25  # targets that also have a planted second record

# The population ----------------------------------------------------------------------------------
# Given names: the demo's lists, plus common English names that have short forms (so a nickname
# search has something to find) and invented names for the long tail real populations have.
# fmt: off
EXTRA_FEMALE = [
    "Elizabeth", "Katherine", "Victoria", "Margaret", "Alexandra", "Samantha", "Kathryn",
    "Rebecca",
]
EXTRA_MALE = [
    "William", "Alexander", "Christopher", "Matthew", "Nicholas", "Jonathan", "Edward",
    "Richard", "Robert", "Benjamin", "Joseph", "Anthony", "Frederick", "Zachary", "Charles",
    "Steven",
]
GIVEN_STARTS = ["Ja", "Ka", "Ma", "Ra", "Le", "Ta", "Da", "Na", "Sa", "Za"]
GIVEN_STARTS += ["Ar", "El", "Is", "Ro", "Ce", "Mi", "Jo", "Lu", "Ke", "Bri"]
FEMALE_ENDS = ["ra", "na", "la", "lia", "nna", "ya", "elle", "ssa", "rine", "sha"]
MALE_ENDS = ["son", "den", "ron", "lan", "vin", "rick", "ton", "dric", "mar", "tan"]
# Surnames: the demo's 111 common ones (about a fifth of people), then thousands of invented,
# English-looking ones, so that most surnames are rare, as they are in a real population.
SURNAME_STARTS = [
    "Ash", "Brad", "Brook", "Cald", "Craw", "Dun", "Fair", "Gold", "Hart", "Holl", "Kings",
    "Lang", "Mar", "Mel", "Mor", "Nor", "Pem", "Ral", "Red", "Roth", "Sal", "Shel", "Stan",
    "Thorn", "Walt", "Wes", "Whit", "Win", "Al", "Bar", "Bel", "Car", "Col", "Dal", "Fen",
    "Gar", "Hal", "Kel", "Lin", "Mon", "Pen", "Quin", "Rad", "Sed", "Tal", "Ven", "Wal", "Yar",
    "Black", "Brom",
]
SURNAME_MIDDLES = ["", "", "", "er", "ing", "an", "el", "en", "is", "ow"]
SURNAME_ENDS = [
    "ton", "ley", "field", "wood", "ford", "by", "well", "worth", "ham", "den", "more", "stone",
    "bridge", "son", "man", "ridge", "combe", "hurst", "wick", "croft", "dale", "gate", "holme",
    "lock", "mere", "shaw", "thorpe", "way", "sey", "ott",
]
# fmt: on
POSTCODE_AREAS = ["LS", "BD", "HX", "HD", "WF", "S", "M", "OL", "BL", "WN", "L", "CH", "B", "NE"]
POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXY"  # the letters the inward code uses

# Real spellings of the same surname, as a worker writes down what they hear on the phone.
SOUNDS_LIKE = {
    "smith": "Smyth",
    "smyth": "Smith",
    "clarke": "Clark",
    "clark": "Clarke",
    "thompson": "Thomson",
    "davies": "Davis",
    "davis": "Davies",
    "phillips": "Philips",
    "griffiths": "Griffith",
    "matthews": "Mathews",
    "hussain": "Hussein",
    "allen": "Allan",
    "gray": "Grey",
    "stevens": "Stephens",
    "lloyd": "Loyd",
    "cook": "Cooke",
    "brown": "Browne",
    "white": "Whyte",
    "johnson": "Jonson",
    "wilson": "Willson",
    "green": "Greene",
    "moore": "More",
    "cooper": "Couper",
    "murphy": "Murphey",
    "jackson": "Jaxon",
    "collins": "Colins",
    "bailey": "Baily",
    "kelly": "Kelley",
    "mitchell": "Mitchel",
    "scott": "Scot",
    "watson": "Wattson",
    "price": "Pryce",
    "bennett": "Bennet",
    "murray": "Murrey",
    "dixon": "Dickson",
    "lee": "Leigh",
    "harris": "Harriss",
    "evans": "Evens",
    "begum": "Begam",
}
# Otherwise, a spelling change inside the name that sounds the same or nearly.
SOUND_RULES = [
    ("ph", "f"),
    ("ck", "k"),
    ("ey", "ie"),
    ("ll", "l"),
    ("tt", "t"),
    ("ss", "s"),
    ("nn", "n"),
    ("rr", "r"),
    ("son", "sen"),
    ("ai", "ay"),
    ("ee", "ea"),
    ("ou", "ow"),
    ("ei", "ie"),
    ("wood", "wod"),
    ("by", "bie"),
    ("ley", "ly"),
    ("worth", "werth"),
    ("ham", "um"),
    ("ton", "tun"),
    ("i", "y"),
]
# Letters next to each other on a keyboard: what a slipped finger types instead.
KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")

# The kinds of search, with how often each is made. Each is how a worker might type what they
# know about someone; see bench/README.md for what each does to the target's details.
KINDS: dict[str, float] = {
    "exact": 8,
    "surname_typo": 12,
    "given_typo": 5,
    "sounds_like": 8,
    "nickname": 8,
    "swapped_order": 8,
    "hyphen_half": 6,
    "previous_surname": 4,
    "dob_swapped": 8,
    "dob_two_digit_year": 3,
    "no_date": 8,
    "no_date_typo": 4,
    "postcode_only": 4,
    "nhs_only": 4,
    "surname_postcode": 4,
    "combined": 6,
}


@dataclass(slots=True)
class Spec:
    """One person to be created."""

    pk: uuid.UUID
    la_id: str
    given: str
    family: str
    born: datetime.date
    sex: str
    nhs: str = ""
    postcode: str = ""
    previous_family: str = ""
    duplicate_of: int | None = None  # index of the person this is a second record of


@dataclass
class Labelled:
    text: str
    kind: str
    target: uuid.UUID
    duplicate: uuid.UUID | None
    description: str  # the target as recorded, for the list of misses
    ambiguous: bool = False  # 10 or more others match the query exactly as well as the target


@dataclass
class Outcome:
    query: Labelled
    rank: int | None  # 1-based rank of the target or its duplicate; None if not in the results
    ms: float
    sql: int
    strong: int  # results scored >= STRONG
    strong_right: int  # of those, the target or its duplicate
    top: list[str] = field(default_factory=list)


def weighted(rng: random.Random, names: Sequence[str], offset: float) -> Callable[[], str]:
    """A draw from `names` with a Zipf-like tail: the r-th name has weight 1 / (r + offset)."""
    cumulative, total = [], 0.0
    for rank in range(len(names)):
        total += 1 / (rank + offset)
        cumulative.append(total)
    population = list(names)

    def draw() -> str:
        return rng.choices(population, cum_weights=cumulative)[0]

    return draw


def invented_surnames(rng: random.Random) -> list[str]:
    names = sorted(
        {f"{s}{m}{e}" for s in SURNAME_STARTS for m in SURNAME_MIDDLES for e in SURNAME_ENDS}
    )
    rng.shuffle(names)
    return names


def nhs_number(rng: random.Random) -> str:
    """Nine random digits and their modulus 11 check digit; numbers whose check would be 10 are
    never issued, so those are drawn again."""
    while True:
        digits = [rng.randint(0, 9) for _ in range(9)]
        check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1), strict=True)) % 11
        check = 0 if check == 11 else check
        if check != 10:
            return "".join(map(str, digits)) + str(check)


def postcodes(rng: random.Random, count: int) -> list[str]:
    made: set[str] = set()
    while len(made) < count:
        area = rng.choice(POSTCODE_AREAS)
        inward = f"{rng.randint(0, 9)}{rng.choice(POSTCODE_LETTERS)}{rng.choice(POSTCODE_LETTERS)}"
        made.add(f"{area}{rng.randint(1, 29)} {inward}")
    return sorted(made)


class Population:
    """The people to create, made deterministically from the seed."""

    def __init__(self, size: int, queries: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.run = f"{self.rng.getrandbits(16):04X}"  # keeps council IDs unique per run
        rng = self.rng
        from casework.demo import names

        female = names.GIVEN_GIRLS + names.GIVEN_ADULT[:12] + names.GIVEN_ADULT[24:] + EXTRA_FEMALE
        male = names.GIVEN_BOYS + names.GIVEN_ADULT[12:24] + EXTRA_MALE
        rng.shuffle(female)
        rng.shuffle(male)
        invented_female = [s + e for s in GIVEN_STARTS for e in FEMALE_ENDS]
        invented_male = [s + e for s in GIVEN_STARTS for e in MALE_ENDS]
        self.draw_female = weighted(rng, female, 8)
        self.draw_male = weighted(rng, male, 8)
        self.draw_invented_female = weighted(rng, invented_female, 20)
        self.draw_invented_male = weighted(rng, invented_male, 20)
        self.draw_common_surname = weighted(rng, names.SURNAMES, 3)  # Smith first
        self.draw_rare_surname = weighted(rng, invented_surnames(rng), 100)
        self.postcodes = postcodes(rng, max(10, int(size * 0.4 / 3)))  # about 3 people each
        self.duplicates = min(int(queries * DUPLICATE_SHARE), size // 10)
        self.people: list[Spec] = []
        self.nhs_numbers: set[str] = set()
        for _ in range(size - self.duplicates):
            self.people.append(self.person())

    def new_pk(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def la_id(self) -> str:
        return f"SB{self.run}{len(self.people) + 1:07d}"

    def given_name(self, sex: str) -> str:
        female = sex == "F" or (sex == "U" and self.rng.random() < 0.5)
        if self.rng.random() < 0.75:
            return self.draw_female() if female else self.draw_male()
        return self.draw_invented_female() if female else self.draw_invented_male()

    def surname(self) -> str:
        if self.rng.random() < 0.2:
            return self.draw_common_surname()
        return self.draw_rare_surname()

    def person(self) -> Spec:
        rng = self.rng
        roll = rng.random()
        sex = "F" if roll < 0.49 else "M" if roll < 0.98 else "U"
        family = self.surname()
        if rng.random() < 0.03:
            other = self.surname()
            if other != family:
                family = f"{family}-{other}"
        # Half children, half the adults around them, up to 80 years old.
        days = (
            rng.randint(0, 18 * 365 - 1) if rng.random() < 0.5 else rng.randint(18 * 365, 80 * 365)
        )
        spec = Spec(
            pk=self.new_pk(),
            la_id=self.la_id(),
            given=self.given_name(sex),
            family=family,
            born=TODAY - datetime.timedelta(days=days),
            sex=sex,
        )
        if rng.random() < 0.3:
            spec.nhs = self.unique_nhs_number()
        if rng.random() < 0.4:
            spec.postcode = rng.choice(self.postcodes)
        if rng.random() < 0.05:
            spec.previous_family = self.surname()
        return spec

    def unique_nhs_number(self) -> str:
        while True:
            number = nhs_number(self.rng)
            if number not in self.nhs_numbers:
                self.nhs_numbers.add(number)
                return number

    def plant_duplicate(self, index: int) -> int:
        """A second record of people[index], made by someone who spelt a name differently, with
        the date of birth (sometimes with day and month swapped) and nothing else."""
        rng = self.rng
        original = self.people[index]
        given, family, born = original.given, original.family, original.born
        roll = rng.random()
        if roll < 0.5:
            family = sounds_like(family) or typo(family, rng)
        elif roll < 0.75:
            given = nickname(given, rng) or typo(given, rng)
        else:
            given = typo(given, rng)
        if rng.random() < 0.2:
            born = swapped_date(born) or born
        self.people.append(
            Spec(
                pk=self.new_pk(),
                la_id=self.la_id(),
                given=given,
                family=family,
                born=born,
                sex=original.sex,
                duplicate_of=index,
            )
        )
        return len(self.people) - 1


# Errors workers make -----------------------------------------------------------------------------
def typo(name: str, rng: random.Random) -> str:
    """One substitution (a neighbouring key), transposition or deletion, never of the first
    letter (people rarely get that wrong) and never of a hyphen."""
    for _ in range(20):
        position = rng.randint(1, len(name) - 1) if len(name) > 1 else 0
        if not name[position].isalpha():
            continue
        how = rng.choice(("substitution", "transposition", "deletion"))
        if how == "deletion" and len(name) > 2:
            return name[:position] + name[position + 1 :]
        if how == "transposition" and position + 1 < len(name):
            a, b = name[position], name[position + 1]
            if a != b and b.isalpha():
                return name[:position] + b + a + name[position + 2 :]
        if how == "substitution":
            letter = name[position].lower()
            row = next(r for r in KEYBOARD_ROWS if letter in r) if letter.isascii() else ""
            if row:
                at = row.index(letter)
                near = [row[i] for i in (at - 1, at + 1) if 0 <= i < len(row)]
                return name[:position] + rng.choice(near) + name[position + 1 :]
    return name + "e"


def sounds_like(name: str) -> str | None:
    """Another spelling of the surname that sounds the same, or None if none is known."""
    known = SOUNDS_LIKE.get(name.lower())
    if known:
        return known
    lower = name.lower()
    for old, new in SOUND_RULES:
        at = lower.find(old, 1)
        if at > 0:
            changed = lower[:at] + new + lower[at + len(old) :]
            return "-".join(part.capitalize() for part in changed.split("-"))
    return None


def nickname(given: str, rng: random.Random) -> str | None:
    """A short form of a full name (William: Bill), or the full name of a short one (Theo:
    Theodore), from the list search knows; None if the name has neither."""
    from casework.lib import matching

    lower = given.lower()
    forms = list(matching.NICKNAMES.get(lower, ()))
    forms += [full for full, shorts in matching.NICKNAMES.items() if lower in shorts]
    return rng.choice(sorted(forms)).capitalize() if forms else None


def swapped_date(born: datetime.date) -> datetime.date | None:
    if born.day > 12 or born.day == born.month:
        return None
    return born.replace(month=born.day, day=born.month)


def typed_date(born: datetime.date, rng: random.Random) -> str:
    """A date of birth the way people type them: mostly 05/03/2015, sometimes otherwise."""
    roll = rng.random()
    if roll < 0.75:
        return f"{born:%d/%m/%Y}"
    if roll < 0.85:
        return f"{born.day}/{born.month}/{born.year}"
    if roll < 0.93:
        return f"{born:%d.%m.%Y}"
    return born.isoformat()


def make_query(kind: str, spec: Spec, rng: random.Random) -> str | None:
    """What a worker types for `spec` with this kind of error, or None if it cannot apply to
    this person (no nickname for their name, no NHS number recorded...)."""
    given, family, date = spec.given, spec.family, typed_date(spec.born, rng)
    if kind == "exact":
        return f"{given} {family} {date}"
    if kind == "surname_typo":
        return f"{given} {typo(family, rng)} {date}"
    if kind == "given_typo":
        return f"{typo(given, rng)} {family} {date}" if len(given) > 3 else None
    if kind == "sounds_like":
        other = sounds_like(family)
        return f"{given} {other} {date}" if other else None
    if kind == "nickname":
        short = nickname(given, rng)
        return f"{short} {family} {date}" if short else None
    if kind == "swapped_order":
        # Records are often listed SURNAME, Given; people type them back that way.
        comma = "," if rng.random() < 0.5 else ""
        return f"{family}{comma} {given} {date}"
    if kind == "hyphen_half":
        if "-" not in family:
            return None
        return f"{given} {rng.choice(family.split('-'))} {date}"
    if kind == "previous_surname":
        return f"{given} {spec.previous_family} {date}" if spec.previous_family else None
    if kind == "dob_swapped":
        swapped = swapped_date(spec.born)
        return f"{given} {family} {swapped:%d/%m/%Y}" if swapped else None
    if kind == "dob_two_digit_year":
        return f"{given} {family} {spec.born:%d/%m/%y}"
    if kind == "no_date":
        return f"{given} {family}"
    if kind == "no_date_typo":
        return f"{given} {typo(family, rng)}"
    if kind == "postcode_only":
        return spec.postcode or None
    if kind == "nhs_only":
        if not spec.nhs:
            return None
        return spec.nhs if rng.random() < 0.5 else f"{spec.nhs[:3]} {spec.nhs[3:6]} {spec.nhs[6:]}"
    if kind == "surname_postcode":
        return f"{family} {spec.postcode}" if spec.postcode else None
    if kind == "combined":
        # Two things wrong at once: a misspelt surname and a nickname or a swapped date.
        first = nickname(given, rng) or given
        swapped = swapped_date(spec.born)
        when = f"{swapped:%d/%m/%Y}" if swapped and rng.random() < 0.5 else date
        if first == given and when == date:
            return None
        return f"{first} {typo(family, rng)} {when}"
    raise ValueError(kind)


def describe(spec: Spec) -> str:
    extra = [f"{spec.born:%d/%m/%Y}"]
    extra += [x for x in (spec.postcode, spec.nhs) if x]
    if spec.previous_family:
        extra.append(f"previously {spec.previous_family}")
    return f"{spec.given} {spec.family} ({', '.join(extra)})"


def label_queries(population: Population, count: int) -> tuple[list[Labelled], list[Labelled]]:
    """`count` labelled searches, each of a different target, and WARM_UP unlabelled ones."""
    rng = population.rng
    base = len(population.people)
    kinds, weights = list(KINDS), list(KINDS.values())
    chosen: set[int] = set()
    plans: list[tuple[str, int, str]] = []
    while len(plans) < count:
        kind = rng.choices(kinds, weights)[0]
        for _ in range(2000):
            index = rng.randrange(base)
            if index in chosen:
                continue
            text = make_query(kind, population.people[index], rng)
            if text is not None:
                chosen.add(index)
                plans.append((kind, index, text))
                break
    planted: dict[int, int] = {}
    for _, index, _ in rng.sample(plans, min(population.duplicates, len(plans))):
        planted[index] = population.plant_duplicate(index)

    namesakes = Counter((p.given.lower(), p.family.lower()) for p in population.people)
    residents = Counter(p.postcode for p in population.people if p.postcode)
    labelled = []
    for kind, index, text in plans:
        spec = population.people[index]
        twin = planted.get(index)
        others = 0
        if kind in ("no_date", "no_date_typo"):
            # A misspelt name with no date matches every namesake of the real name equally.
            others = namesakes[(spec.given.lower(), spec.family.lower())] - 1
        elif kind == "postcode_only":
            others = residents[spec.postcode] - 1
        labelled.append(
            Labelled(
                text=text,
                kind=kind,
                target=spec.pk,
                duplicate=population.people[twin].pk if twin is not None else None,
                description=describe(spec),
                ambiguous=others >= LIMIT,
            )
        )
    warm = []
    for index in rng.sample(range(base), min(WARM_UP, base)):
        spec = population.people[index]
        text = f"{spec.given} {spec.family} {typed_date(spec.born, rng)}"
        warm.append(Labelled(text, "warm_up", spec.pk, None, describe(spec)))
    return labelled, warm


# Writing the population --------------------------------------------------------------------------
@functools.cache
def key(name: str) -> str:
    from casework.lib import matching

    return matching.phonetic_key(name)


def person_rows(people: Sequence[Spec], now: datetime.datetime) -> Iterator[dict[str, Any]]:
    for spec in people:
        yield {
            "id": spec.pk,
            "created_at": now,
            "updated_at": now,
            "la_id": spec.la_id,
            "given_name": spec.given,
            "family_name": spec.family,
            "given_key": key(spec.given),
            "family_key": key(spec.family),
            "date_of_birth": spec.born,
            "sex": spec.sex,
            "nhs_number": spec.nhs,
            "is_child": (TODAY - spec.born).days < 18 * 365,
        }


def address_rows(people: Sequence[Spec], rng: random.Random) -> Iterator[dict[str, Any]]:
    for spec in people:
        if spec.postcode:
            yield {
                "id": uuid.UUID(int=rng.getrandbits(128), version=4),
                "person_id": spec.pk,
                "line_1": f"{rng.randint(1, 200)} Synthetic Street",
                "town": "Benchton",
                "postcode": spec.postcode,
                "started_on": spec.born,
            }


def name_rows(people: Sequence[Spec], rng: random.Random) -> Iterator[dict[str, Any]]:
    for spec in people:
        if spec.previous_family:
            yield {
                "id": uuid.UUID(int=rng.getrandbits(128), version=4),
                "person_id": spec.pk,
                "kind": "previous",
                "given_name": spec.given,
                "family_name": spec.previous_family,
                "given_key": key(spec.given),
                "family_key": key(spec.previous_family),
            }


def batches(rows: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def copy_rows(model: Any, batch: list[dict[str, Any]]) -> None:
    """PostgreSQL's COPY, several times faster than INSERT for a million rows. Columns the row
    does not give get the field's default, prepared as Django would prepare it."""
    from django.db import connection

    fields = model._meta.concrete_fields
    defaults = {
        f.attname: f.get_db_prep_save(f.get_default(), connection)
        for f in fields
        if f.attname not in batch[0]
    }
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with connection.cursor() as cursor:
        sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN"
        with cursor.copy(sql) as copy:
            for row in batch:
                copy.write_row(
                    [row[f.attname] if f.attname in row else defaults[f.attname] for f in fields]
                )


def insert(model: Any, rows: Iterator[dict[str, Any]], use_copy: bool) -> int:
    written = 0
    for batch in batches(rows, BATCH * 10 if use_copy else BATCH):
        if use_copy:
            copy_rows(model, batch)
        else:
            model.objects.bulk_create([model(**row) for row in batch])
        written += len(batch)
    return written


def write_population(args: argparse.Namespace, population: Population) -> dict[str, int]:
    from django.db import connection, transaction
    from django.utils import timezone

    from casework.people.models import Address, Person, PersonName

    use_copy = connection.vendor == "postgresql"
    now = timezone.now()
    people = population.people
    written = 0
    chunk = max(BATCH * 10, len(people) // 10)
    for start in range(0, len(people), chunk):
        with transaction.atomic():
            written += insert(Person, person_rows(people[start : start + chunk], now), use_copy)
        say(args, f"  {written:,} of {len(people):,} persons")
    rng = random.Random(args.seed + 1)
    with transaction.atomic():
        addresses = insert(Address, address_rows(people, rng), use_copy)
        other_names = insert(PersonName, name_rows(people, rng), use_copy)
    if connection.vendor == "postgresql":
        # What autovacuum would do shortly after a load this size; without it the planner
        # guesses at row counts and the first searches measure a plan nobody would get.
        with connection.cursor() as cursor:
            for table in (Person, Address, PersonName):
                cursor.execute(f"ANALYZE {connection.ops.quote_name(table._meta.db_table)}")
    return {"persons": written, "addresses": addresses, "other_names": other_names}


# Measuring ---------------------------------------------------------------------------------------
def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100), interpolated between the closest ranks (as bench/pages.py)."""
    if not values:
        raise ValueError("percentile of no values")
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    lower = int(position)
    upper = min(lower + 1, len(ordered) - 1)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


def searcher() -> Any:
    from casework.accounts.models import Role, User

    user, _ = User.objects.get_or_create(
        username="bench.search",
        defaults={"role": Role.FRONT_DOOR, "first_name": "Bench", "last_name": "Search"},
    )
    if user.role != Role.FRONT_DOOR or not user.is_active:
        raise SystemExit("bench.search exists but is not an active front-door user")
    return user


def run_one(user: Any, query: Labelled) -> Outcome:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from casework.people.search import search

    # As in bench/pages.py: the query log is capped at 9,000 statements, so empty it first.
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        results = search(user, query.text, limit=LIMIT)
        elapsed = (time.perf_counter() - started) * 1000
    right = {query.target, query.duplicate} - {None}
    rank = next((i for i, r in enumerate(results, 1) if r.person.pk in right), None)
    strong = [r for r in results if r.score >= STRONG]
    return Outcome(
        query=query,
        rank=rank,
        ms=elapsed,
        sql=len(captured.captured_queries),
        strong=len(strong),
        strong_right=sum(1 for r in strong if r.person.pk in right),
        top=[f"{r.person.given_name} {r.person.family_name} {r.score:.2f}" for r in results[:3]],
    )


def summarise(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    count = len(outcomes)
    strong = sum(o.strong for o in outcomes)
    times = [o.ms for o in outcomes]
    return {
        "queries": count,
        "recall_at_10": round(sum(o.rank is not None for o in outcomes) / count, 4),
        "precision_strong": round(sum(o.strong_right for o in outcomes) / strong, 4)
        if strong
        else None,
        "mrr": round(sum(1 / o.rank for o in outcomes if o.rank) / count, 4),
        "p50_ms": round(percentile(times, 50), 2),
        "p95_ms": round(percentile(times, 95), 2),
        "max_ms": round(max(times), 2),
    }


def explain(outcomes: Sequence[Outcome], user: Any, how_many: int) -> None:
    """The plan of every SQL statement of the slowest searches, run again."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from casework.people.search import search

    prefix = (
        "EXPLAIN (ANALYZE, BUFFERS) "
        if connection.vendor == "postgresql"
        else "EXPLAIN QUERY PLAN "
    )
    for outcome in sorted(outcomes, key=lambda o: -o.ms)[:how_many]:
        with CaptureQueriesContext(connection) as captured:
            search(user, outcome.query.text, limit=LIMIT)
        print(f"\n=== {outcome.query.text!r} ({outcome.query.kind}, {outcome.ms:.1f} ms)")
        for statement in captured.captured_queries:
            sql = statement["sql"]
            print(f"--- {statement['time']}s: {sql[:600]}{'…' if len(sql) > 600 else ''}")
            with connection.cursor() as cursor:
                cursor.execute(prefix + sql)
                for row in cursor.fetchall():
                    print("   ", " ".join(str(cell) for cell in row))


# Running -----------------------------------------------------------------------------------------
def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bench/search.py",
        description="Recall, precision and latency of person search on a labelled population.",
    )
    parser.add_argument(
        "--persons",
        type=int,
        default=None,
        help="persons in the population (default 100,000 on SQLite, 1,000,000 on PostgreSQL)",
    )
    parser.add_argument("--queries", type=int, default=500, help="labelled searches to time")
    parser.add_argument("--seed", type=int, default=1, help="same seed, same population")
    parser.add_argument(
        "--database",
        choices=("sqlite", "postgres", "env"),
        default="sqlite",
        help="sqlite: a fresh file in a temporary directory (default); postgres: a throwaway "
        "PostgreSQL 15 cluster via scripts/with-postgres; env: the DATABASE_URL already set "
        "(migrated, and the population is added to what is there)",
    )
    parser.add_argument(
        "--explain",
        type=int,
        default=0,
        metavar="K",
        help="print the query plans of the K slowest searches",
    )
    parser.add_argument(
        "--misses", type=int, default=15, help="misses to list (not with --json-only)"
    )
    parser.add_argument("--json-only", action="store_true", help="print only the JSON line")
    args = parser.parse_args(argv)
    if args.persons is not None and args.persons < 100:
        parser.error("--persons must be at least 100")
    if args.queries < 1:
        parser.error("--queries must be at least 1")
    if args.persons is not None and args.queries > args.persons // 4:
        parser.error("--queries must be at most a quarter of --persons")
    return args


def say(args: argparse.Namespace, message: str) -> None:
    """Progress, on stderr so that stdout stays the report and the JSON line."""
    if not args.json_only:
        print(message, file=sys.stderr, flush=True)


def rerun_under_postgres(argv: Sequence[str]) -> int:
    """Run this script again inside scripts/with-postgres with `--database env`, moving
    pg_virtualenv's own lines to stderr so that the JSON line stays last on stdout."""
    command = [str(WITH_POSTGRES), sys.executable, str(Path(__file__).resolve())]
    command += [*argv, "--database", "env"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT)  # noqa: S603
    assert process.stdout is not None
    result_line = None
    for line in process.stdout:
        if line.startswith(PG_VIRTUALENV_CHATTER):
            sys.stderr.write(line)
        elif is_result_line(line):
            result_line = line
        else:
            sys.stdout.write(line)
        sys.stdout.flush()
    code = process.wait()
    if result_line is not None:
        sys.stdout.write(result_line)
    return code


def is_result_line(line: str) -> bool:
    try:
        value = json.loads(line)
    except ValueError:
        return False
    return isinstance(value, dict) and value.get("benchmark") == "search"


def configure_environment(workdir: Path | None) -> None:
    """Everything settings.py reads must be in the environment before Django is imported."""
    if workdir is not None:
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'casework.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "casework.settings"
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))


def database_name(vendor: str) -> str:
    return {"postgresql": "postgres"}.get(vendor, vendor)


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def report_text(args: argparse.Namespace, report: dict[str, Any], outcomes: list[Outcome]) -> None:
    print(
        f"Person search on {report['database']}: {report['persons']:,} persons (seed "
        f"{args.seed}, {report['duplicates_planted']} planted duplicates), "
        f"{report['queries']} searches after {WARM_UP} warm-up; built in "
        f"{report['build_seconds']:.1f}s"
    )
    print()
    rows = [("Kind", "Queries", "Recall@10", "MRR", "p50 ms", "p95 ms", "max ms")]
    for kind, data in [("all", report), *report["by_error"].items()]:
        rows.append(
            (
                kind,
                str(data["queries"]),
                f"{data['recall_at_10']:.3f}",
                f"{data['mrr']:.3f}",
                f"{data['p50_ms']:.1f}",
                f"{data['p95_ms']:.1f}",
                f"{data['max_ms']:.1f}",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for index, row in enumerate(rows):
        cells = [c.ljust(widths[i]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(row)]
        print("  ".join(cells))
        if index == 0:
            print("  ".join("-" * w for w in widths))
    print()
    print(
        f"Precision of strong matches (score >= {STRONG}): {report['precision_strong']} over "
        f"{report['strong_results']} strong results; SQL per search: {report['sql_per_search']}; "
        f"answerable recall (excluding {report['ambiguous_queries']} ambiguous searches): "
        f"{report['recall_at_10_answerable']}"
    )
    misses = [o for o in outcomes if o.rank is None]
    if misses and args.misses:
        print(f"\nMissed ({len(misses)}; the first {min(args.misses, len(misses))}):")
        for outcome in misses[: args.misses]:
            q = outcome.query
            flag = " [ambiguous]" if q.ambiguous else ""
            print(f"  {q.kind}{flag}: {q.text!r} for {q.description}; top: {outcome.top}")
    print()


def run(args: argparse.Namespace) -> int:
    import django

    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    persons = args.persons or DEFAULT_PERSONS.get(connection.vendor, 100_000)
    if args.queries > persons // 4:
        raise SystemExit("--queries must be at most a quarter of --persons")
    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    migrate_seconds = time.perf_counter() - started
    say(args, f"Migrated in {migrate_seconds:.1f}s; planning {persons:,} persons…")

    started = time.perf_counter()
    population = Population(persons, args.queries, args.seed)
    queries, warm = label_queries(population, args.queries)
    say(args, f"Planned in {time.perf_counter() - started:.1f}s; writing…")
    counts = write_population(args, population)
    build_seconds = time.perf_counter() - started
    say(args, f"Built in {build_seconds:.1f}s: {counts}")
    del population

    user = searcher()
    for query in warm:
        run_one(user, query)
    outcomes = []
    for number, query in enumerate(queries, 1):
        outcomes.append(run_one(user, query))
        if number % 100 == 0:
            say(args, f"  {number} of {len(queries)} searches")

    by_kind: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        by_kind[outcome.query.kind].append(outcome)
    overall = summarise(outcomes)
    answerable = [o for o in outcomes if not o.query.ambiguous]
    report = {
        "benchmark": "search",
        "database": database_name(connection.vendor),
        "persons": counts["persons"],
        "seed": args.seed,
        "queries": len(outcomes),
        "recall_at_10": overall["recall_at_10"],
        "recall_at_10_answerable": summarise(answerable)["recall_at_10"] if answerable else None,
        "ambiguous_queries": len(outcomes) - len(answerable),
        "precision_strong": overall["precision_strong"],
        "strong_results": sum(o.strong for o in outcomes),
        "mrr": overall["mrr"],
        "p50_ms": overall["p50_ms"],
        "p95_ms": overall["p95_ms"],
        "max_ms": overall["max_ms"],
        "sql_per_search": max(o.sql for o in outcomes),
        "build_seconds": round(build_seconds, 1),
        "migrate_seconds": round(migrate_seconds, 1),
        "duplicates_planted": sum(1 for q in queries if q.duplicate),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        # Timings on a busy machine are slower: the 1-minute load average as the searches ended.
        "load_average": round(os.getloadavg()[0], 2),
        "by_error": {kind: summarise(by_kind[kind]) for kind in KINDS if by_kind[kind]},
    }
    if not args.json_only:
        report_text(args, report, outcomes)
        if args.explain:
            explain(outcomes, user, args.explain)
            print()
    print(json.dumps(report), flush=True)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    if args.database == "postgres":
        return rerun_under_postgres(argv)
    if args.database == "env":
        if not os.environ.get("DATABASE_URL"):
            raise SystemExit("--database env needs DATABASE_URL to be set")
        configure_environment(None)
        return run(args)
    workdir = Path(tempfile.mkdtemp(prefix="casework-bench-search-"))
    try:
        configure_environment(workdir)
        return run(args)
    finally:
        close_connections()
        shutil.rmtree(workdir, ignore_errors=True)


def close_connections() -> None:
    if "django.db" in sys.modules:
        from django.db import connections

        connections.close_all()


if __name__ == "__main__":
    sys.exit(main())
