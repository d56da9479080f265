"""The tabs of a child's case record. Each tab is its own page (its own URL, audited and
access-checked like any read of the record), so the summary page stays small and a tab costs
only what it shows. The list lives here, in one place; the apps own the pages."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Tab:
    key: str
    label: str
    url_name: str
    for_adults: bool = False


TABS = (
    Tab("summary", "Summary", "people:detail", for_adults=True),
    Tab("assessments", "Assessments", "assessments:person"),
    Tab("plans", "Plans", "plans:person"),
    Tab("visits", "Visits", "plans:visits"),
    Tab("meetings", "Meetings", "meetings:person"),
    Tab("notes", "Case notes", "cases:notes", for_adults=True),
    Tab("chronology", "Chronology", "cases:chronology", for_adults=True),
    Tab("documents", "Documents", "cases:documents", for_adults=True),
    Tab("people", "People", "people:people", for_adults=True),
)
TAB_KEYS = frozenset(tab.key for tab in TABS)
