"""The plan-wide settings monitoring reads: the plan calendar, how status is judged, and the alert
defaults. Kept as text in the plan's settings (journaled like node fields); a setting that cannot be
read (edited by hand) counts as unset, so a damaged setting never stops the plan from opening.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

from .calendar import PlanCalendar
from .fields import ValueProblem, parse_number, parse_rules, parse_whole, rule_set
from .i18n import _, quoted

DEFAULT_STREAK = 2
DEFAULT_GRACE_DAYS = 7
DEFAULT_AMBER_PCT = 95.0
DEFAULT_RED_PCT = 90.0
BASES = ("latest", "quarter")      # the status of a measure: its latest due period, or the quarter to date

KEYS = {"streak": "alert_streak", "off": "alerts_off", "grace_days": "stale_grace_days",
        "amber_pct": "amber_pct", "red_pct": "red_pct", "basis": "status_basis",
        "calendar_start": "calendar_start", "calendar_end": "calendar_end"}
SETTING_KEYS = frozenset(KEYS.values())


@lru_cache(maxsize=64)
def _calendar_year(year: int) -> PlanCalendar:
    return PlanCalendar.calendar_year(year)


def _read(plan, key: str, parse, default):
    try:
        value = parse(plan.meta.get(key))
    except (ValueProblem, ValueError):
        return default
    return default if value is None else value


def _pct(value) -> float | None:
    number = parse_number(value)
    if number is not None and not 0 < number <= 100:
        raise ValueProblem(_("a percentage of the target must be between 0 and 100, not {value}").format(
            value=quoted(value)))
    return number


def _basis(value) -> str | None:
    if value in (None, ""):
        return None
    if value not in BASES:
        raise ValueProblem(_("status basis must be one of {bases}, not {value}").format(
            bases=", ".join(BASES), value=quoted(value)))
    return value


@dataclass(frozen=True)
class MonitorSettings:
    """How the plan judges its numbers."""

    streak: int = DEFAULT_STREAK                 # periods below target before an alert
    off: frozenset[str] = frozenset()            # alert rules switched off plan-wide
    grace_days: int = DEFAULT_GRACE_DAYS         # days after a period ends before its actual is missed
    amber_pct: float = DEFAULT_AMBER_PCT         # at risk below this % of the period's target
    red_pct: float = DEFAULT_RED_PCT             # off track below this % of the period's target
    basis: str = "latest"
    calendar: PlanCalendar | None = field(default=None)     # None: the calendar year of the as-of date

    @classmethod
    def of(cls, plan) -> MonitorSettings:
        start, end = plan.meta.get(KEYS["calendar_start"]), plan.meta.get(KEYS["calendar_end"])
        try:
            calendar = PlanCalendar(start, end) if start and end else None
        except ValueProblem:
            calendar = None
        amber = _read(plan, KEYS["amber_pct"], _pct, DEFAULT_AMBER_PCT)
        red = _read(plan, KEYS["red_pct"], _pct, DEFAULT_RED_PCT)
        if red > amber:                       # inconsistent by hand: keep the defaults
            amber, red = DEFAULT_AMBER_PCT, DEFAULT_RED_PCT
        return cls(
            streak=_read(plan, KEYS["streak"], lambda v: parse_whole(v, 1, 52), DEFAULT_STREAK),
            off=_read(plan, KEYS["off"], lambda v: rule_set(parse_rules(v or "")), frozenset()),
            grace_days=_read(plan, KEYS["grace_days"], lambda v: parse_whole(v, 0, 90), DEFAULT_GRACE_DAYS),
            amber_pct=amber, red_pct=red,
            basis=_read(plan, KEYS["basis"], _basis, "latest"),
            calendar=calendar)

    def calendar_for(self, as_of: dt.date) -> PlanCalendar:
        """The plan calendar, or the calendar year of ``as_of`` when the plan has none."""
        return self.calendar or _calendar_year(as_of.year)

    def settings(self) -> dict[str, str | None]:
        """The plan settings that hold these values, as stored (None: not set)."""
        def number(value: float) -> str:
            return f"{value:g}"
        return {KEYS["streak"]: str(self.streak), KEYS["off"]: parse_rules(self.off),
                KEYS["grace_days"]: str(self.grace_days), KEYS["amber_pct"]: number(self.amber_pct),
                KEYS["red_pct"]: number(self.red_pct), KEYS["basis"]: self.basis,
                KEYS["calendar_start"]: self.calendar.start if self.calendar else None,
                KEYS["calendar_end"]: self.calendar.end if self.calendar else None}
