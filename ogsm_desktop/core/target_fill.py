"""Targets over a year: a yearly target spread into the periods of the plan year (equal split, a linear
ramp from the baseline, or the same value each period), or last year's targets copied — written as
per-period or cumulative (year to date) targets, as the measure keeps them."""

from __future__ import annotations

from decimal import Decimal

from . import periods
from .fields import ValueProblem
from .i18n import _, quoted
from .model import Actual, Node

METHODS = ("equal", "ramp", "same", "last_year")


def _round(value: float) -> float:
    return float(round(value, 4))


def _adding_up(keys: list[str], shares: list[float], total: float) -> dict[str, float]:
    """``shares`` rounded, the last period taking what the rounding left, so the periods add up to ``total``
    (100,000 in twelve months: eleven of 8,333.3333 and one of 8,333.3337, not 99,999.9996)."""
    rounded = [_round(v) for v in shares]
    rounded[-1] = _round(float(Decimal(repr(float(total))) - sum(Decimal(repr(v)) for v in rounded[:-1])))
    return dict(zip(keys, rounded, strict=True))


def spread(node: Node, keys: list[str], method: str, value: float | None,
           last_year: dict[str, float] | None = None, earlier: list[str] | None = None) -> dict[str, float]:
    """``{period: target}`` for ``keys`` (the plan year's periods, in order).

    - ``equal``: ``value`` (the year's total) split evenly;
    - ``ramp``: a straight line from the baseline (0 without one) up to ``value`` in the last period — for a
      summed measure with per-period targets, periods rising evenly that add up to ``value`` (from the
      baseline as the first period's figure, or in proportion 1, 2, 3 … without one);
    - ``same``: ``value`` in every period;
    - ``last_year``: the target of the same period a year earlier (``last_year``: period → target; ``earlier``:
      the periods of the plan year before, in order, paired with ``keys`` one for one).

    A cumulative measure gets the running total of an equal split, and the ramp's values as they are.
    """
    if not keys:
        raise ValueProblem(_("the plan year has no periods for this measure"))
    if method == "last_year":
        found = {}
        # ``earlier``: the periods of the year before, in order — its first week for this year's first, whatever
        # their numbers (a plan year may start with week 53 of the calendar year before); else by number
        pairs = zip(keys, earlier, strict=False) if earlier is not None else ((k, year_before(k)) for k in keys)
        for key, before in pairs:
            if before in (last_year or {}):
                found[key] = last_year[before]
        if not found:
            raise ValueProblem(_("{code} has no targets for the year before").format(code=node.code))
        return found
    if method not in METHODS:
        raise ValueProblem(_("unknown way to fill targets: {method}").format(method=quoted(method)))
    if value is None:
        raise ValueProblem(_("give the year's target first"))
    n = len(keys)
    if method == "same":
        return {k: _round(value) for k in keys}
    if method == "equal":
        share = value / n
        if node.target_mode == "cumulative":
            return {k: _round(share * (i + 1)) for i, k in enumerate(keys)}
        if node.aggregation == "sum":
            return _adding_up(keys, [share] * n, value)
        return {k: _round(share) for k in keys}
    if node.aggregation == "sum" and node.target_mode != "cumulative":
        if n == 1:
            return {keys[0]: _round(value)}
        if node.baseline is None:
            unit = value / (n * (n + 1) / 2)
            return _adding_up(keys, [unit * (i + 1) for i in range(n)], value)
        step = (value - n * node.baseline) / (n * (n - 1) / 2)
        return _adding_up(keys, [node.baseline + step * i for i in range(n)], value)
    start = node.baseline or 0.0
    return {k: _round(start + (value - start) * (i + 1) / n) for i, k in enumerate(keys)}


def year_before(key: str) -> str:
    """The same period a year earlier (2026-05 → 2025-05, 2026-Q2 → 2025-Q2, 2026-W10 → 2025-W10)."""
    kind = periods.kind_of(key)
    year = int(key[:4]) - 1
    if kind == "week" and key[6:] == "53":
        return f"{year:04d}-W52"
    return f"{year:04d}{key[4:]}"


def last_year_targets(rows: list[Actual]) -> dict[str, float]:
    return {a.period: a.target for a in rows if a.target is not None}
