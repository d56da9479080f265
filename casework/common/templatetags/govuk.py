"""Template helpers loaded in every template (see TEMPLATES builtins)."""

import datetime
from typing import Any

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def govuk_date(value: Any) -> str:
    """27 March 2026, the GOV.UK style for dates."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return f"{value.day} {value:%B %Y}"


@register.filter
def govuk_datetime(value: Any) -> str:
    """27 March 2026 at 2:05pm, in London time."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    hour = local.hour % 12 or 12
    suffix = "am" if local.hour < 12 else "pm"
    return f"{local.day} {local:%B %Y} at {hour}:{local:%M}{suffix}"


@register.filter
def govuk_time(value: Any) -> str:
    local = timezone.localtime(value)
    hour = local.hour % 12 or 12
    return f"{hour}:{local:%M}{'am' if local.hour < 12 else 'pm'}"


@register.simple_tag(takes_context=True)
def nav_active(context: Any, prefix: str) -> str:
    request = context.get("request")
    if request is None:
        return ""
    path = request.path
    active = path == "/" if prefix == "/" else path.startswith(prefix)
    return "govuk-service-navigation__item--active" if active else ""
