"""Search before create: find a person from whatever the worker has (names with typos, a date of
birth perhaps with day and month swapped, a postcode, an NHS number), ranked, with reasons.

Retrieval narrows the candidates with indexes: exact NHS number, dates of birth, postcode, and
names by phonetic key (both databases) and trigram similarity (PostgreSQL). Ranking is one
Python function, `casework.lib.matching.score`, so both databases rank the same way.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Prefetch, Q, QuerySet

from casework.lib import matching
from casework.people import selectors
from casework.people.models import Address, Person, PersonName

CANDIDATE_LIMIT = 400
MINIMUM_SCORE = 0.45


@dataclass(frozen=True)
class Result:
    person: Person
    score: float
    reasons: tuple[str, ...]

    @property
    def likely_same(self) -> bool:
        return self.score >= 0.85


def _name_filter(words: list[str]) -> Q:
    keys = {matching.phonetic_key(form) for word in words for form in matching.name_forms(word)}
    keys.discard("")
    condition = (
        Q(family_key__in=keys)
        | Q(given_key__in=keys)
        | Q(other_names__family_key__in=keys)
        | Q(other_names__given_key__in=keys)
    )
    if connection.vendor == "postgresql":
        for word in words:
            condition |= Q(family_name__trigram_similar=word) | Q(given_name__trigram_similar=word)
    return condition


def _candidates(base: QuerySet[Person], query: matching.Query) -> QuerySet[Person]:
    strong = Q(pk__in=[])
    if query.nhs_number:
        strong |= Q(nhs_number=query.nhs_number)
    if query.dates:
        strong |= Q(date_of_birth__in=query.dates) | Q(expected_date_of_birth__in=query.dates)
    if query.postcode:
        strong |= Q(addresses__postcode=query.postcode)
    if query.words:
        names = _name_filter(query.words)
        # With a date, names alone still retrieve (the date may be wrong), but only names that
        # sound alike; without one, they are the whole search.
        condition = strong | names
    else:
        condition = strong
    ids = list(
        base.filter(condition).values_list("pk", flat=True).distinct()[: CANDIDATE_LIMIT * 3]
    )
    return base.filter(pk__in=ids).prefetch_related(
        Prefetch(
            "other_names",
            queryset=PersonName.objects.only("person_id", "given_name", "family_name"),
        ),
        Prefetch("addresses", queryset=Address.objects.only("person_id", "postcode")),
    )


def as_candidate(person: Person) -> matching.Candidate:
    other = list(person.other_names.all())
    return matching.Candidate(
        given_names=tuple(
            n
            for n in (person.given_name, person.preferred_name, *(o.given_name for o in other))
            if n
        ),
        family_names=tuple(n for n in (person.family_name, *(o.family_name for o in other)) if n),
        date_of_birth=person.date_of_birth or person.expected_date_of_birth,
        postcodes=tuple(a.postcode for a in person.addresses.all()),
        nhs_number=person.nhs_number,
    )


def search(user: Any, text: str, limit: int = 10) -> list[Result]:
    """The people `user` may see who best match `text`, best first."""
    query = matching.parse_query(text[:200])
    if query.is_empty:
        return []
    base = selectors.visible_to(user).filter(merged_into__isnull=True)
    results = []
    for person in _candidates(base, query):
        scored = matching.score(query, as_candidate(person))
        if scored.value >= MINIMUM_SCORE:
            results.append(Result(person, scored.value, scored.reasons))
    results.sort(key=lambda r: (-r.score, r.person.family_name, r.person.given_name))
    return results[:limit]


def likely_duplicates(
    user: Any, given_name: str, family_name: str, date_of_birth: datetime.date | None
) -> list[Result]:
    """What a new person might already be, for the confirm step of creating a record."""
    text = f"{given_name} {family_name}"
    if date_of_birth:
        text += f" {date_of_birth:%d/%m/%Y}"
    return [r for r in search(user, text, limit=5) if r.score >= 0.7]
