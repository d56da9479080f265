"""Scoring a person against a search, with the reasons a person can read.

Candidate retrieval is the database's job (pg_trgm on PostgreSQL, indexed phonetic keys on
SQLite); deciding how well each candidate matches is this module's, and both databases use it.
The score is a weighted sum of name, date of birth, postcode and NHS number evidence in [0, 1].
"""

import datetime
import functools
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

import jellyfish
from rapidfuzz.distance import JaroWinkler

# Common English short forms. Matching treats a name and its short forms as the same name.
NICKNAMES: dict[str, tuple[str, ...]] = {
    "alexander": ("alex", "sandy", "xander"),
    "alexandra": ("alex", "lexi", "sandra"),
    "andrew": ("andy", "drew"),
    "anthony": ("tony",),
    "benjamin": ("ben", "benny"),
    "charles": ("charlie", "chas"),
    "charlotte": ("lottie", "charlie"),
    "christopher": ("chris", "kit"),
    "daniel": ("dan", "danny"),
    "david": ("dave", "davey"),
    "edward": ("ed", "eddie", "ted", "ned"),
    "elizabeth": ("liz", "lizzie", "beth", "betty", "eliza", "libby"),
    "frederick": ("fred", "freddie"),
    "isabella": ("bella", "izzy", "issy"),
    "jacob": ("jake",),
    "james": ("jim", "jimmy", "jamie"),
    "jessica": ("jess", "jessie"),
    "jonathan": ("jon", "jonny"),
    "joseph": ("joe", "joey"),
    "joshua": ("josh",),
    "katherine": ("kate", "katie", "kathy", "kat"),
    "kathryn": ("kate", "katie"),
    "margaret": ("maggie", "meg", "peggy"),
    "matthew": ("matt",),
    "michael": ("mike", "mikey", "mick"),
    "nicholas": ("nick", "nicky"),
    "oliver": ("ollie",),
    "rebecca": ("becky", "becca"),
    "richard": ("rich", "ricky", "dick"),
    "robert": ("rob", "robbie", "bob", "bobby"),
    "samuel": ("sam", "sammy"),
    "samantha": ("sam", "sammy"),
    "stephen": ("steve",),
    "steven": ("steve",),
    "theodore": ("theo", "ted"),
    "thomas": ("tom", "tommy"),
    "william": ("will", "bill", "billy", "liam"),
    "victoria": ("vicky", "tori"),
    "zachary": ("zach", "zack"),
}
_SHORT_TO_FULL: dict[str, set[str]] = {}
for _full, _shorts in NICKNAMES.items():
    for _short in _shorts:
        _SHORT_TO_FULL.setdefault(_short, set()).add(_full)


def name_forms(name: str) -> set[str]:
    """A name with its known long and short forms."""
    name = name.lower()
    forms = {name}
    forms.update(NICKNAMES.get(name, ()))
    for full in _SHORT_TO_FULL.get(name, ()):
        forms.add(full)
        forms.update(NICKNAMES[full])
    return forms


def name_parts(name: str) -> list[str]:
    """'Smith-Jones', "O'Brien" and 'Smith,' become comparable parts: ['smith', 'jones'],
    ['obrien'], ['smith']."""
    cleaned = re.sub(r"[^\w\s\-]", "", name.lower())
    return [part for part in re.split(r"[\s\-_]+", cleaned) if part]


def phonetic_key(name: str) -> str:
    """The key indexed on each person for candidate retrieval on SQLite."""
    parts = name_parts(name)
    return jellyfish.metaphone(parts[0])[:8] if parts else ""


# Query ------------------------------------------------------------------------------------------
DATE_FORMATS = (
    re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$"),  # day/month/year
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),  # ISO
)
POSTCODE_IN_TEXT = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})\b", re.IGNORECASE)
# An NHS number as printed (943 476 5919) or typed (9434765919, 943-476-5919), not part of a date.
NHS_NUMBER_IN_TEXT = re.compile(r"(?<![\d/.\-])(\d{3})[ \-]?(\d{3})[ \-]?(\d{4})(?![\d/.\-])")
TWO_DIGIT_YEAR = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2})$")  # 07/05/16


@dataclass
class Query:
    words: list[str] = field(default_factory=list)
    dates: list[datetime.date] = field(default_factory=list)  # as typed and day/month swapped
    typed_date: datetime.date | None = None
    postcode: str = ""
    nhs_number: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.words or self.dates or self.postcode or self.nhs_number)


def _date_or_none(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def parse_query(text: str, today: datetime.date | None = None) -> Query:
    """Split what someone typed into names, a date of birth, a postcode and an NHS number."""
    this_year = (today or datetime.datetime.fromtimestamp(time.time(), tz=datetime.UTC)).year
    query = Query()
    text = text.strip()
    postcode = POSTCODE_IN_TEXT.search(text)
    if postcode:
        query.postcode = f"{postcode.group(1)} {postcode.group(2)}".upper()
        text = text[: postcode.start()] + " " + text[postcode.end() :]
    nhs_number = NHS_NUMBER_IN_TEXT.search(text)
    if nhs_number:
        query.nhs_number = "".join(nhs_number.groups())
        text = text[: nhs_number.start()] + " " + text[nhs_number.end() :]
    for token in text.split():
        parsed = None
        for pattern in DATE_FORMATS:
            found = pattern.match(token)
            if found:
                a, b, c = (int(x) for x in found.groups())
                parsed = (c, b, a) if pattern is DATE_FORMATS[0] else (a, b, c)
                break
        short = TWO_DIGIT_YEAR.match(token)
        if short:
            day, month, year = (int(x) for x in short.groups())
            year += 2000 if 2000 + year <= this_year else 1900
            parsed = (year, month, day)
        if parsed:
            year, month, day = parsed
            as_typed = _date_or_none(year, month, day)
            swapped = _date_or_none(year, day, month)
            query.typed_date = as_typed or swapped
            query.dates = list(dict.fromkeys(d for d in (as_typed, swapped) if d is not None))
            continue
        query.words.extend(name_parts(token))
    return query


# Scoring ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Candidate:
    given_names: tuple[str, ...]  # legal, preferred and other given names
    family_names: tuple[str, ...]  # current and previous surnames
    date_of_birth: datetime.date | None
    postcodes: tuple[str, ...] = ()
    nhs_number: str = ""


@dataclass(frozen=True)
class Score:
    value: float
    reasons: tuple[str, ...]


# Scoring compares every typed word with every name of up to a few hundred candidates; the same
# few hundred names recur, so their parts and sounds are worked out once.
@functools.lru_cache(maxsize=65536)
def _parts(name: str) -> tuple[str, ...]:
    return tuple(name_parts(name))


@functools.lru_cache(maxsize=65536)
def _sound(word: str) -> str:
    return jellyfish.metaphone(word)


@functools.lru_cache(maxsize=4096)
def _forms(word: str) -> frozenset[str]:
    return frozenset(name_forms(word))


def _best_similarity(word: str, names: Iterable[str]) -> tuple[float, str]:
    best, how = 0.0, ""
    forms, sound = _forms(word), _sound(word)
    for name in names:
        for part in _parts(name):
            if word == part:
                return 1.0, "exact"
            if part in forms:
                best, how = max((best, how), (0.95, "short form"))
                continue
            if sound == _sound(part):
                best, how = max((best, how), (0.9, "sounds like"))
                continue
            similarity = JaroWinkler.similarity(word, part)
            if similarity > best and similarity >= 0.8:
                best, how = similarity, "spelt like"
    return best, how


def score(query: Query, candidate: Candidate) -> Score:
    """How well `candidate` matches `query`, from 0 to 1, and why."""
    reasons: list[str] = []
    total = weight = 0.0

    if query.nhs_number:
        weight += 3
        if candidate.nhs_number == query.nhs_number:
            total += 3
            reasons.append("NHS number exact")

    if query.words:
        given = [_best_similarity(word, candidate.given_names) for word in query.words]
        family = [_best_similarity(word, candidate.family_names) for word in query.words]
        if len(query.words) == 1:
            best = max(given[0][0], family[0][0])
            weight += 2
            total += 2 * best
            if best:
                which = "surname" if family[0][0] >= given[0][0] else "first name"
                how = family[0][1] if which == "surname" else given[0][1]
                reasons.append(f"{which} {how}")
        else:
            # Each typed word is the first name or the surname, not both: the best pairing of
            # two different words, so swapped names ("Jones Amy") and hyphenated surnames still
            # score, but "Aisha Ralph" no longer matches Aisha Fairshaw through "aisha" twice.
            _, g, f = max(
                (given[i][0] + family[j][0], i, j)
                for i in range(len(query.words))
                for j in range(len(query.words))
                if i != j
            )
            weight += 4
            total += 2 * given[g][0] + 2 * family[f][0]
            if family[f][0]:
                reasons.append(f"surname {family[f][1]}")
            if given[g][0]:
                reasons.append(f"first name {given[g][1]}")

    if query.dates:
        weight += 2
        born = candidate.date_of_birth
        if born is not None:
            if born == query.typed_date:
                total += 2
                reasons.append("date of birth exact")
            elif born in query.dates:
                total += 1.6
                reasons.append("date of birth with day and month swapped")
            elif (born.year, born.month) == (query.dates[0].year, query.dates[0].month) or (
                born.month == query.dates[0].month and born.day == query.dates[0].day
            ):
                total += 0.8
                reasons.append("date of birth close")

    if query.postcode:
        weight += 1
        if query.postcode in candidate.postcodes:
            total += 1
            reasons.append("postcode exact")

    value = total / weight if weight else 0.0
    return Score(round(value, 3), tuple(reasons))
