"""The periods owed a number: a period of a measure's frequency that has ended, whose grace days have passed
(as for the "no actual" alert), from the measure's first period on (its creation, or its first target or
value if earlier) to the period holding its due date, and that holds no value. A review does not call a goal or measure achieved, or not, on
the periods with a number while others are owed, unless the numbers owed cannot change it
(:func:`verdict`): a year whose last two months were never entered is not achieved on the ten that were,
and a cost is not kept under its budget by months left unreported."""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from . import figures, periods
from .model import Actual, Aggregation, Direction, Node, TargetMode


@dataclass(frozen=True)
class Owed:
    """The periods owed a number (oldest first) and their targets' sum (None: one of them has no target);
    ``fell``: a value counted beside them is below zero (the numbers owed may be too)."""

    periods: tuple[str, ...]
    total: float | None
    fell: bool = False


@lru_cache(maxsize=1024)
def keys(frequency: str, start: dt.date, first: dt.date, last: dt.date) -> tuple[str, ...]:
    """The periods of ``frequency`` that end from ``first`` to ``last`` (where a figure counts a period: a
    week ending on 4 January 2026 is 2026's) and start on or after ``start``, oldest first."""
    out = []
    key = periods.period_containing(first, frequency)
    begin, end = periods.period_bounds(key)
    while end <= last:
        if begin >= start:
            out.append(key)
        key = periods.period_containing(end + dt.timedelta(days=1), frequency)
        begin, end = periods.period_bounds(key)
    return tuple(out)


def earliest(frequency: str, start: dt.date, first: dt.date) -> dt.date:
    """``start`` no earlier than the start of the period of ``frequency`` holding ``first`` (the same
    :func:`keys` for every measure that started before the span)."""
    return max(start, periods.period_bounds(periods.period_containing(first, frequency))[0])


@lru_cache(maxsize=256)
def due_end(frequency: str, as_of: dt.date, grace_days: int) -> dt.date:
    """The last day a period owed as of ``as_of`` may end: the period's grace days have passed."""
    day = as_of - dt.timedelta(days=grace_days)
    running = periods.period_containing(day + dt.timedelta(days=1), frequency)    # not ended by ``day``
    return periods.period_bounds(running)[0] - dt.timedelta(days=1)


def due_period(node: Node) -> str | None:
    """The period of the node's frequency holding its due date: the last one it owes a number (None: no due
    date, or one that is not a date)."""
    if not node.due_date:
        return None
    return period_of(node.due_date, node.frequency)


@lru_cache(maxsize=1024)
def period_of(day: str, frequency: str) -> str | None:
    """The period of ``frequency`` holding the day ``day`` (ISO text; None: not a date)."""
    try:
        return periods.period_containing(dt.date.fromisoformat(day), frequency)
    except ValueError:
        return None


def until(node: Node, day: dt.date) -> dt.date:
    """``day`` (the last day a period owed may end), no later than the end of :func:`due_period`."""
    last = due_period(node)
    return day if last is None else min(day, periods.period_bounds(last)[1])


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
    from its ``rows`` (those its figure counts, oldest first). A period counts as having a number when
    a value's period ends inside it (a month kept beside its quarter by an older program)."""
    if start is None or last < first:
        return None
    ends = sorted(periods.period_bounds(r.period)[1] for r in rows if r.actual is not None)
    own = {r.period: r for r in rows}
    fell = any(r.actual is not None and r.actual < 0 for r in rows)
    found = []
    for key in keys(node.frequency, earliest(node.frequency, start, first), first, last):
        begin, end = periods.period_bounds(key)
        at = bisect_left(ends, begin)
        if at < len(ends) and ends[at] <= end:
            continue
        found.append((key, figures.period_target(node, own.get(key) or Actual(node.id, key, None, None))))
    return gathered(found, fell)


def gathered(unvalued: list[tuple[str, float | None]], fell: bool = False) -> Owed | None:
    """The periods owed a number from those without a value (oldest first, each with the target it is
    judged by; None: none); None when there are none. ``fell``: see :class:`Owed`."""
    if not unvalued:
        return None
    targets = [t for _k, t in unvalued]
    return Owed(tuple(k for k, _t in unvalued), None if None in targets else math.fsum(targets), fell)


def verdict(node: Node, actual: float, target: float, due: Owed | None, newest: str | None = None) -> bool | None:
    """Whether the figure ``actual`` of the periods with a number achieves ``target`` (theirs), the periods
    ``due`` owing theirs: as it stands when none is owed; else only what the numbers owed cannot change — a
    figure that takes the last value, all of whose owed periods end before ``newest`` (the newest period
    with a number: its value and target are the figure's whatever the earlier ones bring); a summed figure
    (values added, none below zero: a measure that has gone down may go down in the periods owed too) that
    meets the targets of every period, owed ones too, for higher is better, or that is already beyond them
    for lower is better — and None (not judged) otherwise."""
    lower = node.direction == Direction.LOWER
    if due is None or (node.aggregation == Aggregation.LAST and newest is not None
                       and periods.period_bounds(due.periods[-1])[1] < periods.period_bounds(newest)[1]):
        return not figures.short_of(actual, target, lower)
    if node.aggregation != Aggregation.SUM or node.target_mode != TargetMode.PERIOD or due.total is None or due.fell:
        return None
    full = target + due.total
    if lower:
        return False if figures.short_of(actual, full, lower) else None
    return True if not figures.short_of(actual, full, lower) else None
