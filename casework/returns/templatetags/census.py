"""The census problems in a social worker's own children's records, for their tray."""

from typing import Any

from django import template

from casework.returns import quality

register = template.Library()
TRAY_LIMIT = 20


@register.inclusion_tag("returns/_tray_problems.html", takes_context=True)
def census_problems(context: Any) -> dict[str, Any]:
    user = context.get("user")
    year = quality.current_year()
    report = quality.report_for(user, year)
    problems = report.problems
    return {
        "problems": problems[:TRAY_LIMIT],
        "more": max(0, len(problems) - TRAY_LIMIT),
        "year": year,
    }
