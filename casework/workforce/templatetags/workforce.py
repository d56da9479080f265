from typing import Any

from django import template

from casework.workforce import access

register = template.Library()

RECRUITMENT_LINKS = (
    ("workforce:dashboard", "Dashboard"),
    ("workforce:board", "Recruitment board"),
    ("workforce:applications", "Applications"),
    ("workforce:staff_vacancies", "Vacancies"),
    ("workforce:staff_questions", "Champions' questions"),
    ("workforce:champions", "Champions"),
    ("workforce:staff_stories", "Stories"),
    ("workforce:careers_pages", "Careers pages"),
    ("workforce:staff_events", "Events"),
    ("workforce:cohorts", "Academy"),
    ("workforce:region", "Region"),
)


@register.inclusion_tag("workforce/staff/_nav.html", takes_context=True)
def recruitment_nav(context: Any) -> dict[str, Any]:
    """The links between recruitment staff's pages; nothing for anyone else."""
    request = context.get("request")
    user = getattr(request, "user", None)
    links = RECRUITMENT_LINKS if access.is_recruitment_staff(user) else ()
    return {"recruitment_links": links, "request": request}
