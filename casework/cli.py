"""The `casework` command: Django's management commands under the project's own name."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casework.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line
    from django.db.utils import OperationalError

    try:
        execute_from_command_line(["casework", *sys.argv[1:]])
    except (OperationalError, ImproperlyConfigured) as error:
        # A wrong DATABASE_URL or a database that is down deserves one line, not a traceback.
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error)
        sys.stderr.write(
            f"casework: cannot use the database ({first_line}). Check DATABASE_URL "
            "(postgres://user:password@host:5432/name), or unset it for the demo's SQLite file.\n"
        )
        sys.exit(2)


if __name__ == "__main__":
    main()
