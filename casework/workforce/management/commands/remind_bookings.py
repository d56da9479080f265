"""`casework remind_bookings`: email a reminder to everyone booked on an event starting within
the next day. Run it hourly; it never sends the same reminder twice."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from casework.workforce import recruitment


class Command(BaseCommand):
    help = "Send reminders for events starting soon"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--hours", type=int, default=24, help="How far ahead to look")

    def handle(self, *args: Any, **options: Any) -> None:
        sent = recruitment.send_reminders(within_hours=options["hours"])
        self.stdout.write(f"Sent {sent} reminder{'s' if sent != 1 else ''}")
