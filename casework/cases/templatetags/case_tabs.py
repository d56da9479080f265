"""`{% case_tabs person "meetings" %}`: the tab navigation of a child's case record. No
queries: every tab is a link to its own page."""

from typing import Any

from django import template
from django.urls import reverse

from casework.cases.tabs import TAB_KEYS, TABS
from casework.people.models import Person

register = template.Library()


@register.inclusion_tag("cases/_case_tabs.html")
def case_tabs(person: Person, active: str) -> dict[str, Any]:
    if active not in TAB_KEYS:
        raise template.TemplateSyntaxError(f"No case record tab called {active!r}")
    tabs = [
        {
            "label": tab.label,
            "href": reverse(tab.url_name, args=[person.pk]),
            "current": tab.key == active,
        }
        for tab in TABS
        if person.is_child or tab.for_adults
    ]
    return {"tabs": tabs}
