"""`casework holidays --from 2015 --to 2035`: load England and Wales bank holidays."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from casework.common.clock import seed_bank_holidays

# Ten years ahead covers the longest clock (6-monthly reviews) many times over, and the package
# only knows proclaimed one-off days once they are announced, so further out adds little.
_YEARS_AHEAD = 10
_FIRST_DEFAULT = 2015
# The current list starts with the Banking and Financial Dealings Act 1971; the upper bound is
# there to catch typing slips such as 20235.
_EARLIEST, _LATEST = 1971, 2200


class Command(BaseCommand):
    help = "Add England and Wales bank holidays to the calendar, keeping rows added by hand."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--from",
            dest="first",
            type=int,
            default=_FIRST_DEFAULT,
            help=f"First year (default {_FIRST_DEFAULT})",
        )
        parser.add_argument(
            "--to",
            dest="last",
            type=int,
            default=None,
            help=f"Last year (default this year + {_YEARS_AHEAD})",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        first: int = options["first"]
        chosen_last: int | None = options["last"]
        last = timezone.localdate().year + _YEARS_AHEAD if chosen_last is None else chosen_last
        for year in (first, last):
            if not _EARLIEST <= year <= _LATEST:
                raise CommandError(f"Years must be between {_EARLIEST} and {_LATEST}, not {year}.")
        if first > last:
            raise CommandError(f"--from {first} is after --to {last}.")
        added = seed_bank_holidays(first, last)
        noun = "bank holiday" if added == 1 else "bank holidays"
        if options["verbosity"] > 0:
            self.stdout.write(f"Added {added} {noun} for {first} to {last}.")
