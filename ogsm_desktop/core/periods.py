"""Reporting periods: the canonical keys actuals are stored under, their order and their dates.

Canonical keys: ``2026-03`` (month), ``2026-W05`` (ISO week), ``2026-Q1`` (quarter), ``2026`` (year).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache

from .i18n import _

# whole keys of ASCII digits only ("$" would let a key end in a line break, and \d match other scripts' digits)
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])\Z", re.ASCII)
_WEEK = re.compile(r"^(\d{4})-W(0[1-9]|[1-4]\d|5[0-3])\Z", re.ASCII)
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])\Z", re.ASCII)
_YEAR = re.compile(r"^(\d{4})\Z", re.ASCII)


FREQUENCY_KIND = {"weekly": "week", "monthly": "month", "quarterly": "quarter"}


def kind_of(key: str) -> str:
    """week, month, quarter or year: how long the canonical period ``key`` is."""
    if _MONTH.match(key):
        return "month"
    if _WEEK.match(key):
        return "week"
    if _QUARTER.match(key):
        return "quarter"
    return "year"


def is_period(key: str) -> bool:
    """Whether ``key`` is a canonical period that a date can hold (2025-W53 is written like one, but 2025 has
    52 ISO weeks)."""
    try:
        period_bounds(key)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=16384)
def period_bounds(key: str) -> tuple[dt.date, dt.date]:
    """First and last day of the period; ``ValueError`` for a key that is not canonical, or a period no date
    can hold (year 0, week 53 of a year of 52, the last week of 9999)."""
    try:
        if m := _MONTH.match(key):
            y, mo = int(m[1]), int(m[2])
            return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1])
        if m := _WEEK.match(key):
            start = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return start, start + dt.timedelta(days=6)
        if m := _QUARTER.match(key):
            y, q = int(m[1]), int(m[2])
            return dt.date(y, 3 * q - 2, 1), dt.date(y, 3 * q, calendar.monthrange(y, 3 * q)[1])
        if m := _YEAR.match(key):
            return dt.date(int(m[1]), 1, 1), dt.date(int(m[1]), 12, 31)
    except (ValueError, OverflowError):
        pass
    raise ValueError(_("not a period: {key!r} (expected 2026-03, 2026-W05, 2026-Q1 or 2026)").format(key=key))


@lru_cache(maxsize=4096)
def period_end(key: str) -> str:
    """The ISO date the period ends (how the plan file orders periods of different kinds)."""
    return period_bounds(key)[1].isoformat()


def sort_key(key: str) -> tuple[dt.date, dt.date]:
    """Order periods by their end, then their start (a quarter sorts before its last month, which starts later
    and ends with it)."""
    start, end = period_bounds(key)
    return end, start


@lru_cache(maxsize=16384)
def period_containing(day: dt.date, frequency: str) -> str:
    """The canonical period of ``frequency`` (weekly, monthly, quarterly) that holds ``day``."""
    if frequency == "weekly":
        year, week, _day = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if frequency == "quarterly":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    return f"{day.year:04d}-{day.month:02d}"
