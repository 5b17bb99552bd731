"""The periods owed a number: a period of a measure's frequency that has ended, whose grace days have passed
(as for the "no actual" alert), from the measure's first period on (its creation, or its first target or
value if earlier), and that holds no value. A review judges a figure against the targets of the periods
owed as well as those of the periods with a value: a year whose last two months were never entered is not
achieved on the ten that were."""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from . import figures, periods
from .model import Actual, Aggregation, Node, TargetMode


@dataclass(frozen=True)
class Owed:
    """The periods owed a number that have a target to judge by: how many, their targets' sum, the first and
    the newest of them and the newest's target."""

    count: int
    total: float
    first: str
    last: str
    last_target: float

    @property
    def span(self) -> tuple[str, str, int]:
        return self.first, self.last, self.count


@lru_cache(maxsize=1024)
def keys(frequency: str, first: dt.date, last: dt.date) -> tuple[str, ...]:
    """The periods of ``frequency`` that start on or after ``first`` and end by ``last``, oldest first."""
    out = []
    key = periods.period_containing(first, frequency)
    start, end = periods.period_bounds(key)
    if start < first:
        key = periods.period_containing(end + dt.timedelta(days=1), frequency)
        start, end = periods.period_bounds(key)
    while end <= last:
        out.append(key)
        key = periods.period_containing(end + dt.timedelta(days=1), frequency)
        end = periods.period_bounds(key)[1]
    return tuple(out)


@lru_cache(maxsize=256)
def due_end(frequency: str, as_of: dt.date, grace_days: int) -> dt.date:
    """The last day a period owed as of ``as_of`` may end: the period's grace days have passed."""
    day = as_of - dt.timedelta(days=grace_days)
    running = periods.period_containing(day + dt.timedelta(days=1), frequency)    # not ended by ``day``
    return periods.period_bounds(running)[0] - dt.timedelta(days=1)


def first_day(node: Node, first_end: dt.date | None, created: dt.date | None) -> dt.date | None:
    """The first day of the measure's first period: that of its first row (a target or a value; the period
    of its frequency holding ``first_end``, the day that row's period ends), or of its creation if earlier."""
    days = [figures.period_start(periods.period_containing(first_end, node.frequency))] if first_end else []
    if created is not None:
        days.append(figures.period_start(periods.period_containing(created, node.frequency)))
    return min(days) if days else None


def owed(node: Node, rows: list[Actual], start: dt.date | None, first: dt.date, last: dt.date) -> Owed | None:
    """The periods of ``node`` owed a number that end from ``first`` to ``last`` (``last`` no later than
    :func:`due_end`) and start on or after ``start`` (:func:`first_day`; None: no period is owed), read
    from its ``rows`` (those of the span at least, oldest first). A period counts as having a number when
    a value's period ends inside it (a month kept beside its quarter by an older program). Periods without
    a target to judge by (a summed measure's period without one of its own) are left out: nothing was
    planned for them."""
    if start is None or last < first:
        return None
    ends = sorted(periods.period_bounds(r.period)[1] for r in rows if r.actual is not None)
    own = {r.period: r for r in rows}
    found = []
    for key in keys(node.frequency, max(start, first), last):
        begin, end = periods.period_bounds(key)
        at = bisect_left(ends, begin)
        if at < len(ends) and ends[at] <= end:
            continue
        found.append((key, figures.period_target(node, own.get(key) or Actual(node.id, key, None, None))))
    return gathered(found)


def gathered(unvalued: list[tuple[str, float | None]]) -> Owed | None:
    """The periods owed a number from those without a value (oldest first, each with the target it is
    judged by): those with a target; None when none has."""
    found = [(key, target) for key, target in unvalued if target is not None]
    if not found:
        return None
    return Owed(len(found), math.fsum([t for _k, t in found]), found[0][0], found[-1][0], found[-1][1])


def with_owed(node: Node, target: float | None, count: int, target_total: float | None, newest: str,
              due: Owed | None) -> float | None:
    """The target of ``count`` periods with a value (aggregated: ``target``; their judged targets summing to
    ``target_total``; the newest of them ``newest``) and of the periods owed ``due``."""
    if due is None or target is None:
        return target
    later = periods.sort_key(due.last) > periods.sort_key(newest)
    if node.target_mode == TargetMode.CUMULATIVE or node.aggregation == Aggregation.LAST:
        return due.last_target if later else target
    if node.aggregation == Aggregation.AVERAGE:
        return ((target_total if target_total is not None else target * count) + due.total) / (count + due.count)
    return target + due.total
