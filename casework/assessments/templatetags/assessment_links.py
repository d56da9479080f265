"""The link from a child's page to the assessment of their open referral."""

from typing import Any

from django import template
from django.urls import reverse

from casework.assessments import access, selectors
from casework.cases.models import Episode

register = template.Library()


@register.inclusion_tag("assessments/_episode_link.html", takes_context=True)
def assessment_link(context: Any, episode: Episode) -> dict[str, Any]:
    """'Open the assessment' when the open referral has one; 'Start the assessment' when it has
    none and the reader's team may start it. Two queries, on the one open referral a child can
    have."""
    if episode.status != Episode.Status.OPEN:
        return {"href": "", "label": ""}
    assessment = selectors.latest_assessment(episode)
    if assessment is not None:
        return {"href": assessment.get_absolute_url(), "label": "Open the assessment"}
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is not None and access.may_write(user, episode.person):
        return {
            "href": reverse("assessments:start", args=[episode.person_id]),
            "label": "Start the assessment",
        }
    return {"href": "", "label": ""}
