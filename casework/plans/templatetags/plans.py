"""The "Plans and visits" section of a child's page, so the people app need not know about plans.

A fixed number of queries whatever the size of the case: the current plan, the last visit, the
open supervision directions, and whether the user's team holds the case."""

from typing import Any

from django import template
from django.utils import timezone

from casework.oversight import selectors as oversight_selectors
from casework.people.models import Person
from casework.plans import access, selectors

register = template.Library()


@register.inclusion_tag("plans/_person_summary.html", takes_context=True)
def plans_and_visits(context: Any, person: Person) -> dict[str, Any]:
    user = context["request"].user
    return {
        "person": person,
        "plan": selectors.current_plan(person),
        "last_visit": selectors.last_visit(person),
        "directions": list(oversight_selectors.open_directions_for_person(person)[:20]),
        "can_change": access.in_allocated_team(user, person),
        "today": timezone.localdate(),
    }
