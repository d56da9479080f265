"""Trigram indexes for name search on PostgreSQL. SQLite uses the phonetic key indexes instead."""

from typing import Any

from django.db import migrations

TRIGRAM_INDEXES = [
    ("people_person_family_trgm", "people_person", "family_name"),
    ("people_person_given_trgm", "people_person", "given_name"),
    ("people_personname_family_trgm", "people_personname", "family_name"),
]


def install(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in TRIGRAM_INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)"
        )


def remove(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _, _ in TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("people", "0002_person_details")]
    operations = [migrations.RunPython(install, remove)]
