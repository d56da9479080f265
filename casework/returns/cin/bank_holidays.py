"""The working-day calendar for checking a census: the council's bank holidays table, or the
`holidays` package when the table is empty or there is no database to read.

`casework validate cin-census` needs only the file and this calendar, so that an analyst can
check a file on a machine that has never been migrated.
"""

import holidays
from django.db import DatabaseError

from casework.common.clock import working_calendar
from casework.lib.workdays import WorkingCalendar
from casework.returns.cin.years import CensusYear


def census_calendar(year: CensusYear) -> WorkingCalendar:
    """England and Wales working days around the census `year`."""
    try:
        calendar = working_calendar()
    except DatabaseError:
        calendar = None
    if calendar is not None and calendar.holidays:
        return calendar
    # The same list `casework holidays` loads (England and Wales share one), for the years a
    # census's working-day rules can reach: the year before the period to the year after it.
    days = holidays.country_holidays(
        "GB", subdiv="ENG", years=range(year.start.year - 1, year.end.year + 2)
    )
    return WorkingCalendar(days.keys())
