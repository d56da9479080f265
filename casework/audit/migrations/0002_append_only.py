"""The database refuses UPDATE and DELETE on the audit table (see casework.audit.guard)."""

from typing import Any

from django.db import migrations


def install(apps: Any, schema_editor: Any) -> None:
    from casework.audit import guard

    guard.install(schema_editor)


def remove(apps: Any, schema_editor: Any) -> None:
    from casework.audit import guard

    guard.remove(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(install, remove, elidable=False)]
