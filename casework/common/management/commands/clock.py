"""`casework clock RULE START_DATE`: when is it due? `casework clock --list`: what rules exist?"""

import re
import textwrap
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from casework.common.clock import due, rule_amount, working_calendar
from casework.lib.clock import RULES, ClockRule, UnknownRule, describe_amount, get_rule

# date.fromisoformat also takes "20261223" and week dates; people typing a start date should get
# one unambiguous form back in the error message, so only that form is accepted.
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_LIST_WIDTH = 100


def _show(d: date) -> str:
    return f"{d:%a} {d.day} {d:%b %Y}"


def _parse_start(text: str) -> date:
    if _ISO_DATE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise CommandError(f"{text!r} is not a date in the form YYYY-MM-DD (for example 2026-12-23).")


class Command(BaseCommand):
    help = "Show when a statutory or local clock falls due, or list the clock rules."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("rule", nargs="?", help="Rule code, for example icpc")
        parser.add_argument("start", nargs="?", help="Date the clock starts, as YYYY-MM-DD")
        parser.add_argument("--list", action="store_true", help="List every rule")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"]:
            self._list_rules()
            return
        code, start_text = options["rule"], options["start"]
        if not code or not start_text:
            raise CommandError("Give a RULE and a START_DATE (YYYY-MM-DD), or --list.")
        try:
            rule = get_rule(code)
        except UnknownRule as error:
            raise CommandError(str(error)) from None
        start = _parse_start(start_text)
        self._show_due(rule, start)

    def _show_due(self, rule: ClockRule, start: date) -> None:
        dates = due(rule.code, start)
        amount = rule_amount(rule.code)
        length = describe_amount(amount, rule.unit)
        if amount != rule.amount:
            length += f", local setting; national default {rule.amount}"
        line = f"{rule.code} from {_show(start)}: due {_show(dates.due)} ({length})"
        if dates.target != dates.due:
            line += f"; DfE target {_show(dates.target)}"
        calendar = working_calendar()
        if not calendar.is_working_day(dates.due):
            # 5d: calendar-unit deadlines are not moved, so warn that the last day is a closed one.
            line += "; not a working day, so aim for the working day before"
        self.stdout.write(line)
        loaded_years = {d.year for d in calendar.holidays}
        missing = [y for y in range(start.year, dates.due.year + 1) if y not in loaded_years]
        if missing:
            # Every year has bank holidays, so none loaded means the table was never seeded and
            # the date above has counted holidays as working days.
            years = ", ".join(str(y) for y in missing)
            self.stderr.write(
                self.style.WARNING(
                    f"No bank holidays are loaded for {years}; run `casework holidays` first."
                )
            )

    def _list_rules(self) -> None:
        width = max(len(code) for code in RULES)
        indent = " " * (width + 2)
        for rule in RULES.values():
            flags = []
            if rule.census_target:
                flags.append("DfE census target")
            if rule.local:
                amount = rule_amount(rule.code)
                flags.append(f"local: {amount}" if amount != rule.amount else "local")
            head = (
                f"{rule.code:<{width}}  {describe_amount(rule.amount, rule.unit):<17}  "
                f"{rule.status.value:<6}  {', '.join(flags)}"
            )
            self.stdout.write(head.rstrip())
            for text in (f"From: {rule.starts}", f"Until: {rule.completes}", rule.source):
                self.stdout.write(
                    textwrap.fill(
                        text, _LIST_WIDTH, initial_indent=indent, subsequent_indent=indent
                    )
                )
