"""Writing the audit trail. Every service that changes a child's record calls `record` inside its
own transaction; every page or API read of a child's record calls `record_view`."""

import datetime
import decimal
import uuid
from collections.abc import Iterable
from typing import Any

from django.db import models
from django.utils import timezone

from casework.audit.models import Action, AuditEvent
from casework.common import request_context


def _json_safe(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID | decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, list | tuple):
        return [_json_safe(item) for item in value]
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    return value


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The values of the named fields, in a form the JSON columns can hold."""
    result: dict[str, Any] = {}
    for name in fields:
        field = instance._meta.get_field(name)
        attname = getattr(field, "attname", name)
        result[name] = _json_safe(getattr(instance, attname))
    return result


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    return {key: after[key] for key in after if before.get(key) != after[key]}


def record(
    actor: Any,
    action: str,
    *,
    person_id: uuid.UUID | None = None,
    obj: models.Model | None = None,
    summary: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    context = request_context.current()
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        at=timezone.now(),
        actor=actor if is_user else None,
        actor_label=(actor.get_username() if is_user else "anonymous")[:150],
        action=action,
        person_id=person_id,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        summary=summary[:300],
        before=before,
        after=after,
        request_id=context.request_id,
        ip_address=context.ip_address,
        channel=context.channel,
    )


def record_view(actor: Any, person_id: uuid.UUID, obj: models.Model, summary: str = "") -> None:
    record(actor, Action.VIEW, person_id=person_id, obj=obj, summary=summary)
