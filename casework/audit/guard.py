"""The append-only guard on the audit table, and the one sanctioned way around it.

PostgreSQL: a trigger raises unless the transaction has set `casework.audit_purge = on`.
SQLite: a trigger raises unless the connection's `casework_audit_purge_allowed()` function returns
1. The function is registered on every connection Django opens and answers from a flag that only
`allow_purge()` sets, so any other tool that opens the file (sqlite3 on the command line) fails
with "no such function" and cannot change the table either. Retention-driven destruction and the
test suite's table flush are the only callers of `allow_purge()`.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, transaction

_state = threading.local()

TABLE = "audit_auditevent"

SQLITE_INSTALL = [
    f"""CREATE TRIGGER IF NOT EXISTS audit_refuse_update BEFORE UPDATE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS audit_refuse_delete BEFORE DELETE ON {TABLE}
        WHEN casework_audit_purge_allowed() = 0
        BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
]
SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS audit_refuse_update",
    "DROP TRIGGER IF EXISTS audit_refuse_delete",
]

POSTGRES_INSTALL = [
    """CREATE OR REPLACE FUNCTION casework_audit_refuse() RETURNS trigger AS $$
       BEGIN
         IF TG_OP = 'DELETE' AND current_setting('casework.audit_purge', true) = 'on' THEN
           RETURN OLD;
         END IF;
         RAISE EXCEPTION 'audit events are append-only';
       END $$ LANGUAGE plpgsql""",
    f"""CREATE TRIGGER audit_refuse_change BEFORE UPDATE OR DELETE ON {TABLE}
        FOR EACH ROW EXECUTE FUNCTION casework_audit_refuse()""",
]
POSTGRES_REMOVE = [
    f"DROP TRIGGER IF EXISTS audit_refuse_change ON {TABLE}",
    "DROP FUNCTION IF EXISTS casework_audit_refuse()",
]


def purge_allowed() -> int:
    return 1 if getattr(_state, "allowed", False) else 0


def register_sqlite_function(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "casework_audit_purge_allowed", 0, purge_allowed, deterministic=False
        )


@contextmanager
def allow_purge() -> Iterator[None]:
    """Lets the enclosed code delete audit rows (never update them)."""
    _state.allowed = True
    try:
        if connection.vendor == "postgresql":
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SET LOCAL casework.audit_purge = 'on'")
                yield
        else:
            yield
    finally:
        _state.allowed = False


def install(schema_editor: Any) -> None:
    statements = POSTGRES_INSTALL if schema_editor.connection.vendor == "postgresql" else None
    if schema_editor.connection.vendor == "sqlite":
        statements = SQLITE_INSTALL
    for sql in statements or []:
        schema_editor.execute(sql)


def remove(schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    for sql in POSTGRES_REMOVE if vendor == "postgresql" else SQLITE_REMOVE:
        schema_editor.execute(sql)
