from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from casework.oversight.models import ManagementDecision
from casework.people.models import Person


def decisions_for(subject: models.Model) -> QuerySet[ManagementDecision]:
    """Every decision recorded about `subject`, newest first."""
    return ManagementDecision.objects.filter(
        content_type=ContentType.objects.get_for_model(subject), object_id=str(subject.pk)
    ).select_related("decided_by", "person")


def latest_for_person(person: Person) -> ManagementDecision | None:
    return (
        ManagementDecision.objects.filter(person=person)
        .select_related("decided_by")
        .order_by("-decided_at")
        .first()
    )


def decisions_for_person(person: Person) -> QuerySet[ManagementDecision]:
    return (
        ManagementDecision.objects.filter(person=person)
        .select_related("decided_by", "content_type")
        .order_by("-decided_at")
    )
