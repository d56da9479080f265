"""A calendar file (iCalendar, RFC 5545) for one event, so people can add what they booked to
their own calendar. Times are written in UTC, which every calendar program understands."""

import datetime

_FOLD_AT = 75


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1)."""
    encoded = line.encode()
    if len(encoded) <= _FOLD_AT:
        return line
    parts: list[str] = []
    current = ""
    for char in line:
        limit = _FOLD_AT if not parts else _FOLD_AT - 1
        if len((current + char).encode()) > limit:
            parts.append(current)
            current = char
        else:
            current += char
    parts.append(current)
    return "\r\n ".join(parts)


def _utc(value: datetime.datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("Calendar times must be aware")
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar_file(
    *,
    uid: str,
    summary: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    stamped_at: datetime.datetime,
    location: str = "",
    description: str = "",
    cancelled: bool = False,
    repeat_days: int = 1,
) -> str:
    """`repeat_days` above one repeats the entry (from `starts_at` to `ends_at`) on that many
    consecutive days: a drop-in open the same hours each day. The repeats keep the first day's
    UTC times, so one spanning a change of the clocks would move by an hour; councils do not
    run drop-ins over the last weekend of March or October, and we accept that."""
    if repeat_days < 1:
        raise ValueError("An event happens on at least one day")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Casework//Careers events//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:CANCEL" if cancelled else "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{_utc(stamped_at)}",
        f"DTSTART:{_utc(starts_at)}",
        f"DTEND:{_utc(ends_at)}",
        f"SUMMARY:{_escape(summary)}",
    ]
    if repeat_days > 1:
        lines.append(f"RRULE:FREQ=DAILY;COUNT={repeat_days}")
    if location:
        lines.append(f"LOCATION:{_escape(location)}")
    if description:
        lines.append(f"DESCRIPTION:{_escape(description)}")
    lines.append("STATUS:CANCELLED" if cancelled else "STATUS:CONFIRMED")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
