"""A measure's figures over periods: what its quarter and its year to date come to, and which figure its
status is judged on as of a date.

Actual values are stored per period. A measure's ``aggregation`` says how periods make a longer one
(sales add up, a satisfaction score averages, a headcount takes the last value); its ``target_mode`` says
whether a period's target is that period's own figure or the figure due by the period's end this year
(cumulative, year to date). Only periods that have started by the as-of date count: looking back
"as of 2026-06-30" sees what a planner saw then (as far as the periods go).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from . import periods
from .calendar import PlanCalendar
from .i18n import _
from .model import Actual, Aggregation, Node, TargetMode

LATEST, QUARTER = "latest", "quarter"


def short_of(value: float, limit: float, lower_is_better: bool) -> bool:
    """Whether ``value`` is worse than ``limit`` (a target, a threshold): above it when lower is better, else
    below. A value within the rounding of binary arithmetic meets the limit: ten months of 8.1 add up to
    80.99999999999999, which meets a total of 81 typed as the target. The slack (:data:`SLACK` of the larger,
    some 32 to 64 steps of a double there) covers the sums of hundreds of values, and no whole unit of any
    figure a plan holds: four yuan short of five trillion are short."""
    if not (value > limit if lower_is_better else value < limit):
        return False
    return abs(value - limit) > SLACK * max(abs(value), abs(limit))


SLACK = 1.4e-14          # relative: what short_of (and the alerts' SQL, storage/monitoring_reads.py) leaves out


@lru_cache(maxsize=8192)
def period_start(key: str) -> dt.date:
    return periods.period_bounds(key)[0]


@lru_cache(maxsize=8192)
def _end(key: str) -> dt.date:
    return periods.period_bounds(key)[1]


def quarter_of(key: str) -> str:
    """The calendar quarter a period ends in."""
    end = _end(key)
    return f"{end.year:04d}-Q{(end.month - 1) // 3 + 1}"


def aggregate(values: list[float], how: str) -> float | None:
    """Several periods' values as one: their sum, their average or the last of them (None for none)."""
    if not values:
        return None
    if how == Aggregation.AVERAGE:
        return sum(values) / len(values)
    if how == Aggregation.LAST:
        return values[-1]
    return sum(values)


def started(rows: list[Actual], as_of: dt.date, calendar: PlanCalendar | None = None) -> list[Actual]:
    """The rows of periods that have started by ``as_of`` (rows in period order); with the plan's
    ``calendar``, while ``as_of`` is in its year, not those ending after it (the week of New Year's Eve
    belongs to the next year: see :func:`monitoring.bounds`)."""
    if calendar is not None and as_of <= calendar.last_day:
        last = calendar.last_day
        return [r for r in rows if period_start(r.period) <= as_of and _end(r.period) <= last]
    return [r for r in rows if period_start(r.period) <= as_of]


def period_target(node: Node, row: Actual) -> float | None:
    """The target a period's figure is judged against: the period's own target; without one, the measure's
    :func:`level_target`."""
    return row.target if row.target is not None else level_target(node)


def level_target(node: Node) -> float | None:
    """The target of a period without one of its own: the measure's target when that is a level each
    period is to reach (an averaged or last-value measure). A summed measure's target is the year's
    total, and a cumulative target is due by the year's end: a period of theirs without a target of its
    own has none."""
    if node.aggregation != Aggregation.SUM and node.target_mode == TargetMode.PERIOD:
        return node.target
    return None


def year_to_date(node: Node, rows: list[Actual], through: str, calendar: PlanCalendar) -> float | None:
    """The measure's figure for its plan year up to and including period ``through``; a period belongs to
    the year it ends in (ISO week 2026-W01, which starts on 2025-12-29, is 2026's)."""
    first, last = calendar.year_start(through), _end(through)
    values = [r.actual for r in rows if r.actual is not None and first <= _end(r.period) <= last]
    return aggregate(values, node.aggregation)


@dataclass(frozen=True)
class Reading:
    """The figure a measure's status is judged on."""

    period: str                 # the period judged: a period key, or the quarter for a quarter to date
    scope: str                  # "period", "quarter_to_date" or "year_to_date" (cumulative targets)
    actual: float
    target: float | None
    last_period: str            # the newest period that has a value
    to_date: float | None       # the year to date (of every value due): how far towards the measure's own target
    partial: bool = False       # the year to date is not worked out yet (a big plan's first look)
    newer: tuple[str, float] | None = None   # the same figure as of ``last_period`` when that period, newer
    #                                          than the one judged, has no target to be judged by
    through: str | None = None  # the newest period the figure judged counts (None: ``last_period``)

    @property
    def label(self) -> str:
        """The period of the figure judged as a user reads it: "2026-10", "2026-Q4 up to 2026-10"."""
        return figure_label(self.period, self.through or self.last_period)

    @property
    def latest_label(self) -> str:
        """The period of :attr:`latest` as a user reads it."""
        return figure_label(self.latest[0], self.last_period) if self.newer else self.label

    @property
    def latest(self) -> tuple[str, float]:
        """The newest figure and its period (or quarter): the one judged, or a newer one without a target."""
        return self.newer or (self.period, self.actual)


def figure_label(period: str, through: str) -> str:
    """A figure's period: a quarter to date says up to which period it counts ("2026-Q4 up to 2026-10")."""
    if through != period and periods.kind_of(period) == "quarter" and _end(through) < periods.period_bounds(period)[1]:
        return _("{quarter} up to {period}").format(quarter=period, period=through)
    return period


def reading(node: Node, rows: list[Actual], as_of: dt.date, calendar: PlanCalendar,
            basis: str = LATEST) -> Reading | None:
    """What ``node`` is judged on as of ``as_of`` (``rows``: its actuals in period order); None when no
    period that has started holds a value. The newest value that has a target to be judged against is
    judged (a newer value whose period has no target yet does not turn the status into "no data"); the
    year to date and the newest figure count every value due, whether its period has a target or not."""
    due = started(rows, as_of, calendar)
    valued = [r for r in reversed(due) if r.actual is not None]
    if not valued:
        return None
    newest = valued[0]
    last = next((r for r in valued if period_target(node, r) is not None), newest)
    year = calendar.year_start(last.period)      # the year to date is of the year judged (not of a new year
    counted = next(r for r in valued if calendar.year_start(r.period) == year)   # begun without targets)
    ytd = year_to_date(node, due, counted.period, calendar)
    period, scope, actual, target = _judged(node, due, last, calendar, basis)
    newer = None
    if last is not newest:
        figure = _judged(node, due, newest, calendar, basis)
        newer = (figure[0], figure[2])
    return Reading(period, scope, actual, target, newest.period, ytd, newer=newer, through=last.period)


def _judged(node: Node, due: list[Actual], last: Actual, calendar: PlanCalendar, basis: str
            ) -> tuple[str, str, float, float | None]:
    """``(period, scope, figure, target)`` of the period of ``last`` (whose value is the newest counted)."""
    due = [r for r in due if _end(r.period) <= _end(last.period)]
    if node.target_mode == TargetMode.CUMULATIVE:
        return last.period, "year_to_date", year_to_date(node, due, last.period, calendar), last.target
    if basis == QUARTER:
        quarter = quarter_of(last.period)
        inside = [r for r in due if r.actual is not None and quarter_of(r.period) == quarter]
        if len(inside) > 1 or inside[0].period != quarter:
            targets = [period_target(node, r) for r in inside]
            target = None if None in targets else aggregate(targets, node.aggregation)
            return quarter, "quarter_to_date", aggregate([r.actual for r in inside], node.aggregation), target
    return last.period, "period", last.actual, period_target(node, last)
