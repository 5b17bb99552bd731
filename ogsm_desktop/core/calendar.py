"""The plan calendar: the months the plan's year runs over (2026-01 … 2026-12, or a fiscal year such as
2026-04 … 2027-03), and the periods a measure of each frequency has in it. A period belongs to the plan
year it ends in (ISO week 2026-W53, which ends on 2027-01-03, is 2027's), as its year to date does.

Actuals and targets stay stored under canonical period keys (``2026-03``, ``2026-W05``, ``2026-Q1``);
the calendar says which of them belong to the plan's year, where a year to date starts, and which periods
are due. Quarters are calendar quarters; a fiscal year that starts in another month than a quarter's
takes the quarters that overlap it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from . import periods
from .fields import ValueProblem
from .i18n import N_, _, quoted

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
MAX_MONTHS = 36
_NOT_A_MONTH = {             # what a month that is not one is refused with, by what it was to be
    "month": N_("the plan's month must be a month like 2026-01, not {key}"),
    "first month": N_("the plan's first month must be a month like 2026-01, not {key}"),
    "last month": N_("the plan's last month must be a month like 2026-01, not {key}"),
}


def _month(key: str, what: str) -> tuple[int, int]:
    m = _MONTH.match(str(key).strip())
    if m is None:
        raise ValueProblem(_(_NOT_A_MONTH[what]).format(key=quoted(key)))
    return int(m[1]), int(m[2])


def month_key(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def add_months(key: str, count: int) -> str:
    year, month = _month(key, "month")
    index = year * 12 + month - 1 + count
    return month_key(index // 12, index % 12 + 1)


@lru_cache(maxsize=64)
def _periods(calendar: PlanCalendar, frequency: str) -> tuple[str, ...]:
    out: list[str] = []
    day = calendar.first_day
    while day <= calendar.last_day:
        key = periods.period_containing(day, frequency)
        end = periods.period_bounds(key)[1]
        if end <= calendar.last_day:
            out.append(key)
        day = end + dt.timedelta(days=1)
    return tuple(out)


@dataclass(frozen=True)
class PlanCalendar:
    """The months of the plan's year, first and last included."""

    start: str
    end: str

    def __post_init__(self) -> None:
        first, last = _month(self.start, "first month"), _month(self.end, "last month")
        months = (last[0] - first[0]) * 12 + last[1] - first[1] + 1
        if months < 1:
            raise ValueProblem(_("the plan's year must end after it starts ({start} … {end})").format(
                start=self.start, end=self.end))
        if months > MAX_MONTHS:
            raise ValueProblem(_("the plan's year runs {months} months ({start} … {end}); at most {most}").format(
                months=months, start=self.start, end=self.end, most=MAX_MONTHS))

    @classmethod
    def calendar_year(cls, year: int) -> PlanCalendar:
        return cls(month_key(year, 1), month_key(year, 12))

    @property
    def first_day(self) -> dt.date:
        return periods.period_bounds(self.start)[0]

    @property
    def last_day(self) -> dt.date:
        return periods.period_bounds(self.end)[1]

    @property
    def first_month(self) -> int:
        """The month (1–12) a plan year starts in: where a year to date begins."""
        return int(self.start[5:7])

    def contains(self, period: str) -> bool:
        """True when the period ends in the plan's year."""
        return self.first_day <= periods.period_bounds(period)[1] <= self.last_day

    def periods(self, frequency: str) -> list[str]:
        """The periods of ``frequency`` (weekly, monthly, quarterly) that end in the plan's year, in order."""
        return list(_periods(self, frequency))

    def year_start(self, period: str) -> dt.date:
        """The first day of the plan year (of this calendar's shape) that ``period`` ends in: where its
        year to date starts. Periods of other years have their own year, starting in the same month."""
        end = periods.period_bounds(period)[1]
        year = end.year if end.month >= self.first_month else end.year - 1
        return dt.date(year, self.first_month, 1)

    def label(self) -> str:
        return f"{self.start} … {self.end}"

    def year_before(self) -> PlanCalendar:
        """The plan year before this one, of the same months."""
        return PlanCalendar(add_months(self.start, -12), add_months(self.end, -12))
