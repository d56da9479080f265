import uuid

from django.db.models import QuerySet

from casework.audit.models import AuditEvent


def trail_for_person(person_id: uuid.UUID) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(person_id=person_id).select_related("actor").order_by("-at")
