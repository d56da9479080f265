from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from casework.accounts import services
from casework.accounts.models import User


class Command(BaseCommand):
    help = "Print a new API token for a user (the token is shown once; only its hash is kept)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="command line", help="What the token is for")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active user called {options['username']!r}")
        self.stdout.write(services.issue_token(user, options["name"]))
