from typing import Any

from django.db.models import F
from django.utils import timezone

from casework.common.errors import StaleVersion
from casework.common.models import VersionedModel


def update_versioned[M: VersionedModel](
    instance: M, expected_version: int | None, changes: dict[str, Any]
) -> M:
    """Apply `changes` only if nobody has saved the record since `expected_version`.

    One conditional UPDATE does the check and the write, so two people saving at the same moment
    cannot both win. Raises StaleVersion with the other person's saved record otherwise.
    """
    model: Any = type(instance)
    if expected_version is None:
        expected_version = instance.version
    updated = model.objects.filter(pk=instance.pk, version=expected_version).update(
        **changes, version=F("version") + 1, updated_at=timezone.now()
    )
    if updated == 0:
        raise StaleVersion(model.objects.get(pk=instance.pk))
    return model.objects.get(pk=instance.pk)
