"""`casework forget_applicants`: delete applicants' data once the retention period has passed.
Run it daily (from cron or the council's scheduler)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from casework.common.errors import RuleBroken
from casework.workforce import services


class Command(BaseCommand):
    help = "Delete applications and CVs older than the retention period"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=services.DEFAULT_RETENTION_DAYS,
            help="Keep applications changed within this many days (default "
            f"{services.DEFAULT_RETENTION_DAYS})",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            deleted = services.forget_applicants(
                today=timezone.localdate(), retention_days=options["days"]
            )
        except RuleBroken as broken:
            raise CommandError(broken.message) from None
        self.stdout.write(f"Deleted {deleted} application{'s' if deleted != 1 else ''}")
