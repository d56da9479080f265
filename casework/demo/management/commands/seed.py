from collections.abc import Iterable
from typing import Any, TypeVar

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from casework.accounts.models import User
from casework.demo.council import PERSONAS, build_council

T = TypeVar("T")


class Command(BaseCommand):
    help = "Build the synthetic demo council (teams, staff, the demo personas, children)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--children", type=int, default=2600, help="How many children")
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same council")
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if the demo personas exist"
        )
        parser.add_argument(
            "--force", action="store_true", help="Allow demo data even though DEBUG is off"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not (settings.DEMO_ALLOWED or options["force"]):
            raise CommandError(
                "Demo data is only written when DEBUG is on. Use --force if you really mean it."
            )
        if options["children"] < 0:
            raise CommandError("--children must be 0 or more")
        if options["if_empty"] and User.objects.filter(username=PERSONAS[0].username).exists():
            self.stdout.write("The demo council is already there.")
            return
        show = options["verbosity"] > 0

        def progress(items: Iterable[T], total: int, label: str) -> Iterable[T]:
            return tqdm(items, total=total, desc=label, disable=not show, unit=" rows")

        counts = build_council(options["children"], options["seed"], progress)
        summary = ", ".join(f"{value:,} {name}" for name, value in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Built the demo council: {summary}."))
