"""The child's chronology: every significant event in date order, with analysis.

Entries come from the record itself. Each app registers a source (a function from a person to
entries) in its AppConfig.ready(), so a referral, an allocation or a decision appears in the
chronology the moment it is saved, without being copied into a second table. What a worker adds
by hand is a SignificantEvent, which is a source like any other.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from casework.people.models import Person


@dataclass(frozen=True)
class Entry:
    occurred_on: datetime.date
    title: str
    detail: str = ""
    analysis: str = ""
    by: str = ""
    url: str = ""
    source: str = ""


Source = Callable[[Person], Iterable[Entry]]
_SOURCES: dict[str, Source] = {}


def register(name: str, source: Source) -> None:
    _SOURCES[name] = source


def entries_for(person: Person) -> list[Entry]:
    """Newest first. One query per source, whatever the size of the case."""
    found: list[Entry] = []
    for name, source in _SOURCES.items():
        found.extend(
            Entry(**{**entry.__dict__, "source": entry.source or name}) for entry in source(person)
        )
    return sorted(found, key=lambda entry: entry.occurred_on, reverse=True)
