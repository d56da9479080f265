"""Search before create: find a person from whatever the worker has (names with typos, a date of
birth perhaps with day and month swapped, a postcode, an NHS number), ranked, with reasons.

Retrieval narrows the candidates with indexes: exact NHS number, dates of birth, postcode, and
names by phonetic key (both databases); only when none of those finds anyone with both names
right and there is no date to go on does it widen to surnames spelt alike (pg_trgm on
PostgreSQL, the first letters on SQLite). Ranking is one Python function,
`casework.lib.matching.score`, so both databases rank the same way.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet

from casework.lib import matching
from casework.people import selectors
from casework.people.models import Address, Person, PersonName

CANDIDATE_LIMIT = 200
MINIMUM_SCORE = 0.45
# Both names exact, or one a known short form of the other: nobody need be looked for wider.
BOTH_NAMES_RIGHT = 0.975


@dataclass(frozen=True)
class Result:
    person: Person
    score: float
    reasons: tuple[str, ...]

    @property
    def likely_same(self) -> bool:
        return self.score >= 0.85


@dataclass(frozen=True)
class _Scored:
    pk: Any
    family_name: str
    given_name: str
    score: matching.Score


def _keys(words: list[str]) -> set[str]:
    keys = {matching.phonetic_key(form) for word in words for form in matching.name_forms(word)}
    keys.discard("")
    return keys


def _candidate_ids(base: QuerySet[Person], query: matching.Query) -> list[Any]:
    """Who to score. Each condition is its own query on one indexed column, the most selective
    first, so a right date or NHS number is never crowded out by a common name, and no OR across
    columns or across a join makes the database read the whole table. No ORDER BY: the order
    of candidates is the score's business."""
    found: dict[Any, None] = {}
    plain = base.order_by()

    def take(condition: Q, most: int) -> None:
        if most > 0:
            found.update(dict.fromkeys(plain.filter(condition).values_list("pk", flat=True)[:most]))

    if query.nhs_number:
        take(Q(nhs_number=query.nhs_number), 20)
    if query.dates:
        take(Q(date_of_birth__in=query.dates), CANDIDATE_LIMIT)
        take(Q(expected_date_of_birth__in=query.dates), 20)
    if query.postcode:
        take(Q(addresses__postcode=query.postcode), 100)
    if query.words:
        keys = _keys(query.words)
        if len(query.words) > 1:
            # A first name and a surname that both sound like words typed, in either order.
            take(Q(family_key__in=keys, given_key__in=keys), CANDIDATE_LIMIT)
            take(Q(other_names__family_key__in=keys, given_key__in=keys), 50)
        if not (query.dates or query.nhs_number or query.postcode):
            # Names are all there is: anyone with a surname (or, for one word, a first name)
            # that sounds like a word typed. With a date, postcode or NHS number those found
            # everyone a misspelt name could be; more namesakes would only crowd the scoring.
            take(Q(family_key__in=keys), CANDIDATE_LIMIT - len(found))
            take(Q(other_names__family_key__in=keys), CANDIDATE_LIMIT - len(found))
            if len(query.words) == 1:
                take(Q(given_key__in=keys), CANDIDATE_LIMIT - len(found))
    return list(found)


def _spelt_like_ids(base: QuerySet[Person], query: matching.Query, seen: set[Any]) -> list[Any]:
    """People with a first name that sounds like a word typed and a surname spelt like another:
    the misspelt surname with no date to go on. Costs a trigram index scan on PostgreSQL."""
    keys = _keys(query.words)
    found: dict[Any, None] = {}
    for word in query.words:
        similar: Any
        if connection.vendor == "postgresql":
            from django.contrib.postgres.search import TrigramSimilarity

            similar = (
                base.filter(family_name__trigram_similar=word, given_key__in=keys)
                .annotate(similarity=TrigramSimilarity("family_name", word))
                .order_by("-similarity")
                .values_list("pk", flat=True)[:50]
            )
        else:
            similar = (
                base.order_by()
                .filter(family_name__istartswith=word[:2], given_key__in=keys)
                .values_list("pk", flat=True)[:CANDIDATE_LIMIT]
            )
        found.update(dict.fromkeys(pk for pk in similar if pk not in seen))
    return list(found)


def _score(query: matching.Query, ids: list[Any]) -> list[_Scored]:
    """Score candidates from plain rows: three queries, whatever the number of candidates, and
    no model instances until the few that are shown."""
    if not ids:
        return []
    other: dict[Any, list[tuple[str, str]]] = {}
    for person_id, given, family in (
        PersonName.objects.filter(person_id__in=ids)
        .order_by()
        .values_list("person_id", "given_name", "family_name")
    ):
        other.setdefault(person_id, []).append((given, family))
    postcodes: dict[Any, list[str]] = {}
    for person_id, postcode in (
        Address.objects.filter(person_id__in=ids).order_by().values_list("person_id", "postcode")
    ):
        postcodes.setdefault(person_id, []).append(postcode)
    rows = (
        Person.objects.filter(pk__in=ids)
        .order_by()
        .values_list(
            "pk",
            "merged_into_id",
            "given_name",
            "preferred_name",
            "family_name",
            "date_of_birth",
            "expected_date_of_birth",
            "nhs_number",
        )
    )
    scored: list[_Scored] = []
    for pk, merged_into, given, preferred, family, born, expected, nhs_number in rows:
        if merged_into is not None:
            # Checked here, not in SQL: SQLite without statistics would pick the merged_into
            # index for "IS NULL", which every row matches, and read the whole table.
            continue
        names = other.get(pk, [])
        candidate = matching.Candidate(
            given_names=tuple(n for n in (given, preferred, *(g for g, _ in names)) if n),
            family_names=tuple(n for n in (family, *(f for _, f in names)) if n),
            date_of_birth=born or expected,
            postcodes=tuple(postcodes.get(pk, ())),
            nhs_number=nhs_number,
        )
        result = matching.score(query, candidate)
        if result.value >= MINIMUM_SCORE:
            scored.append(_Scored(pk, family, given, result))
    return scored


def search(user: Any, text: str, limit: int = 10) -> list[Result]:
    """The people `user` may see who best match `text`, best first."""
    query = matching.parse_query(text[:200])
    if query.is_empty:
        return []
    base = selectors.visible_to(user)
    ids = _candidate_ids(base, query)
    scored = _score(query, ids)
    if (
        len(query.words) > 1
        and not (query.dates or query.nhs_number or query.postcode)
        and not any(s.score.value >= BOTH_NAMES_RIGHT for s in scored)
    ):
        scored += _score(query, _spelt_like_ids(base, query, set(ids)))
    scored.sort(key=lambda s: (-s.score.value, s.family_name, s.given_name))
    top = scored[:limit]
    people = Person.objects.in_bulk([s.pk for s in top])
    return [Result(people[s.pk], s.score.value, s.score.reasons) for s in top]


def likely_duplicates(
    user: Any, given_name: str, family_name: str, date_of_birth: datetime.date | None
) -> list[Result]:
    """What a new person might already be, for the confirm step of creating a record."""
    text = f"{given_name} {family_name}"
    if date_of_birth:
        text += f" {date_of_birth:%d/%m/%Y}"
    return [r for r in search(user, text, limit=5) if r.score >= 0.7]
