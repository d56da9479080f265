"""The statutory clock with this council's bank holidays and local settings applied.

casework.lib.clock knows the rules; this module supplies the two things that live in the
database: the BankHoliday table (so a one-off holiday needs no release) and ClockSetting
overrides for local-practice rules.

The receivers at the bottom must be connected at start-up, so CommonConfig.ready() imports this
module.
"""

import time
from datetime import date
from typing import Any

import holidays
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver

from casework.common.models import BankHoliday, ClockSetting
from casework.lib.clock import DueDates, due_dates, get_rule
from casework.lib.workdays import WorkingCalendar

# Signals only reach the process that made the change. Other web workers pick up an edited
# holiday after at most this long, which is ample for a change announced months ahead.
CALENDAR_CACHE_SECONDS = 300.0

_calendar: WorkingCalendar | None = None
_loaded_at = 0.0
# True while a transaction that changed BankHoliday is still open. A calendar read inside it
# may include rows that are later rolled back, so it must not be kept.
_unsettled = False


def working_calendar() -> WorkingCalendar:
    """England and Wales working days, from the BankHoliday table."""
    global _calendar, _loaded_at, _unsettled
    in_transaction = transaction.get_connection(DEFAULT_DB_ALIAS).in_atomic_block
    if _unsettled and not in_transaction:
        # The transaction that changed the table has ended. A commit would already have
        # cleared the flag, so it rolled back; either way the table is settled now.
        _unsettled = False
        _calendar = None
    cached = _calendar
    if cached is not None and time.monotonic() - _loaded_at < CALENDAR_CACHE_SECONDS:
        return cached
    fresh = WorkingCalendar(BankHoliday.objects.values_list("date", flat=True))
    if not _unsettled:
        _calendar, _loaded_at = fresh, time.monotonic()
    return fresh


def forget_working_calendar(using: str = DEFAULT_DB_ALIAS) -> None:
    """Drop the cached calendar. Needed after changes that send no signals (QuerySet.update,
    bulk_create, raw SQL); saves and deletes through the ORM call it automatically."""
    global _calendar, _unsettled
    _calendar = None
    if transaction.get_connection(using).in_atomic_block:
        _unsettled = True
        transaction.on_commit(_settled, using=using)


def _settled() -> None:
    global _calendar, _unsettled
    _unsettled = False
    _calendar = None


@receiver(post_save, sender=BankHoliday, dispatch_uid="casework.clock.bank_holiday_saved")
@receiver(post_delete, sender=BankHoliday, dispatch_uid="casework.clock.bank_holiday_deleted")
def _bank_holidays_changed(sender: type[BankHoliday], using: str, **kwargs: Any) -> None:
    forget_working_calendar(using)


@receiver(post_migrate, dispatch_uid="casework.clock.flushed")
def _tables_flushed(sender: Any, **kwargs: Any) -> None:
    # `flush` (used between TransactionTestCase tests) empties tables without delete signals
    # but does send post_migrate.
    forget_working_calendar(kwargs.get("using", DEFAULT_DB_ALIAS))


def rule_amount(code: str) -> int:
    """The amount in force for a rule: the council's setting for a local rule, else the
    national one. Settings on non-local rules are ignored rather than trusted, because a
    statutory timescale is not the council's to change."""
    rule = get_rule(code)
    if not rule.local:
        return rule.amount
    override = ClockSetting.objects.filter(rule_code=code).values_list("amount", flat=True).first()
    if override is None or override < 1:
        return rule.amount
    return override


def due(code: str, start: date) -> DueDates:
    """Due dates for the rule `code` started on `start`. Raises UnknownRule for a bad code."""
    return due_dates(get_rule(code), start, working_calendar(), rule_amount(code))


def _gov_uk_name(name: str) -> str:
    # gov.uk, which councils check against, says "substitute day" where the package says
    # "observed".
    return name.replace("(observed)", "(substitute day)")


def seed_bank_holidays(first_year: int, last_year: int) -> int:
    """Add England and Wales bank holidays for the years given, inclusive; returns how many were
    added. Dates already in the table are left alone, so rows an administrator added or
    renamed by hand survive and running it twice adds nothing the second time."""
    if first_year > last_year:
        raise ValueError(f"The first year ({first_year}) is after the last ({last_year}).")
    # England and Wales share one list under the Banking and Financial Dealings Act 1971; the
    # package's ENG subdivision is that list (Scotland and Northern Ireland differ).
    source = holidays.country_holidays("GB", subdiv="ENG", years=range(first_year, last_year + 1))
    with transaction.atomic():
        existing = set(
            BankHoliday.objects.filter(
                date__gte=date(first_year, 1, 1), date__lte=date(last_year, 12, 31)
            ).values_list("date", flat=True)
        )
        to_add = [
            BankHoliday(date=day, name=_gov_uk_name(name)[:200], added_by_hand=False)
            for day, name in sorted(source.items())
            # The package lists a holiday on its nominal date as well as on the substitute
            # weekday; a Saturday or Sunday is never a working day anyway, and gov.uk lists only
            # the day actually taken.
            if day.weekday() < 5 and day not in existing
        ]
        # ignore_conflicts covers a concurrent seed or hand edit between the read and the write.
        BankHoliday.objects.bulk_create(to_add, ignore_conflicts=True)
        # bulk_create sends no post_save signals.
        forget_working_calendar()
    return len(to_add)
