"""The figures of a whole plan (or of some of its nodes) as of a date: what the statuses, the tree, the
reports and the command line are judged on. Reads the plan through its storage; the rules themselves
are in ``figures`` and ``status``.

What is read: the periods from the start of the plan year before the as-of date's to the as-of date
(two plan years at most). A measure whose newest value is older shows no data, and the stale alert
names its newest period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from . import figures, periods
from .calendar import PlanCalendar
from .model import QUANTIFIED, Actual, Aggregation, Node, TargetMode, Tree
from .perf import let_window_first
from .plan_settings import MonitorSettings
from .status import Standing, roll_up


def window(as_of: dt.date, calendar: PlanCalendar) -> tuple[str, str]:
    """The period ends read for ``as_of``: from the start of the previous plan year to the end of a quarter
    that started by the as-of date."""
    this_year = calendar.year_start(f"{as_of.year:04d}-{as_of.month:02d}")
    first = dt.date(this_year.year - 1, this_year.month, 1)
    return first.isoformat(), (as_of + dt.timedelta(days=92)).isoformat()


def rows_of(plan, as_of: dt.date, settings: MonitorSettings, node_ids: Iterable[int] | None = None,
            at_batch: int | None = None) -> dict[int, list[Actual]]:
    first, last = window(as_of, settings.calendar_for(as_of))
    return plan.actuals.between(first, last, node_ids, at_batch=at_batch)


FREQUENCIES = ("weekly", "monthly", "quarterly")


def bounds(as_of: dt.date, calendar: PlanCalendar | None = None) -> dict[str, str]:
    """Per frequency, the last period end of a period that has started by ``as_of``; with the plan's
    ``calendar``, while ``as_of`` is in its year, none after its last day (a week ending in the next year is
    that year's: it is judged once the year has ended, not on New Year's Eve)."""
    out = {f: periods.period_bounds(periods.period_containing(as_of, f))[1].isoformat() for f in FREQUENCIES}
    if calendar is not None and as_of <= calendar.last_day:
        last = calendar.last_day.isoformat()
        out = {f: min(end, last) for f, end in out.items()}
    return out


def readings(plan, tree: Tree, as_of: dt.date, settings: MonitorSettings | None = None,
             node_ids: Iterable[int] | None = None, at_batch: int | None = None,
             to_date: bool = True) -> dict[int, figures.Reading]:
    """Each goal's and measure's reading as of ``as_of`` (those of ``node_ids`` only, when given).

    The plan as it is now is read through SQLite's sums (``ActualStore.window_figures``); a plan as it
    stood at a version, and cumulative measures (whose every period's year to date matters), are read
    row by row through ``figures.reading``. Both give the same readings (a test holds them equal).
    Without ``to_date`` the years to date of summed measures are left out (``partial`` readings: the
    statuses are right, the progress comes later) — one pass over the plan's values less."""
    settings = settings or MonitorSettings.of(plan)
    wanted = None if node_ids is None else set(node_ids)
    ids = [n.id for n in tree.nodes.values() if n.kind in QUANTIFIED and (wanted is None or n.id in wanted)]
    if at_batch is not None:
        return _row_by_row(plan, tree, as_of, settings, ids, at_batch)
    cumulative = [i for i in ids if tree.nodes[i].target_mode == TargetMode.CUMULATIVE]
    out = _row_by_row(plan, tree, as_of, settings, cumulative, None) if cumulative else {}
    if len(cumulative) < len(ids):
        out.update(_summed(plan, tree, as_of, settings, None if wanted is None and not cumulative else
                           [i for i in ids if tree.nodes[i].target_mode != TargetMode.CUMULATIVE], to_date))
    return out


def _row_by_row(plan, tree, as_of, settings, ids, at_batch) -> dict[int, figures.Reading]:
    calendar = settings.calendar_for(as_of)
    out: dict[int, figures.Reading] = {}
    for nid, series in rows_of(plan, as_of, settings, ids, at_batch).items():
        let_window_first()
        node = tree.nodes.get(nid)
        if node is not None and node.kind in QUANTIFIED:
            found = figures.reading(node, series, as_of, calendar, settings.basis)
            if found is not None:
                out[nid] = found
    return out


def aggregate_value(node: Node, count: int, total: float, last: float) -> float:
    """``count`` values summing to ``total`` (the newest ``last``) as the node aggregates them."""
    if node.aggregation == Aggregation.SUM:
        return total
    if node.aggregation == Aggregation.AVERAGE:
        return total / count
    return last


def aggregate_target(node: Node, count: int, target_total: float | None, target_count: int, last) -> float | None:
    """The aggregated target of ``count`` periods with values (None when one of them has none)."""
    if target_count != count:
        return None
    if node.aggregation == Aggregation.SUM:
        return target_total
    if node.aggregation == Aggregation.AVERAGE:
        return target_total / count
    return figures.period_target(node, last)


def _summed(plan, tree: Tree, as_of: dt.date, settings: MonitorSettings, ids,
            to_date: bool = True) -> dict[int, figures.Reading]:
    calendar = settings.calendar_for(as_of)
    limit = bounds(as_of, calendar)
    store = plan.actuals
    lasts = store.last_values(window(as_of, calendar)[0], limit, ids)
    starts: dict[str, list[int]] = {}
    quarters: dict[str, list[int]] = {}
    unjudged = [nid for nid, (period, actual, target) in lasts.items() if nid in tree.nodes
                and figures.period_target(tree.nodes[nid], Actual(nid, period, actual, target)) is None]
    if unjudged:                     # the newest value has no target: an older one may be judged instead
        for nid in unjudged:
            del lasts[nid]
    for nid, (period, _a, _t) in lasts.items():
        starts.setdefault(calendar.year_start(period).isoformat(), []).append(nid)
        quarters.setdefault(figures.quarter_of(period), []).append(nid)

    def sums(groups: dict[str, list[int]]) -> dict[int, tuple]:
        found: dict[int, tuple] = {}
        for first, group in groups.items():
            everyone = len(groups) == 1 and ids is None
            found.update(store.window_figures(first, limit, None if everyone else group))
        return found

    year = sums(starts) if to_date else {}
    quarter = sums({periods.period_bounds(q)[0].isoformat(): g for q, g in quarters.items()}) \
        if settings.basis == figures.QUARTER else {}
    out: dict[int, figures.Reading] = _row_by_row(plan, tree, as_of, settings, unjudged, None) if unjudged else {}
    for nid, (period, actual, target) in lasts.items():
        let_window_first()                    # (on a worker: see perf)
        node = tree.nodes.get(nid)
        if node is None or node.kind not in QUANTIFIED:
            continue
        last = Actual(nid, period, actual, target)
        ytd = aggregate_value(node, *year[nid][:2], actual) if to_date else None
        if nid in quarter:
            q_count, q_total, q_targets, q_target_count = quarter[nid][:4]
            q = figures.quarter_of(period)
            if q_count > 1 or period != q:
                out[nid] = figures.Reading(q, "quarter_to_date", aggregate_value(node, q_count, q_total, actual),
                                           aggregate_target(node, q_count, q_targets, q_target_count, last), period, ytd,
                                           not to_date)
                continue
        out[nid] = figures.Reading(period, "period", actual, figures.period_target(node, last), period, ytd,
                                   not to_date)
    return out


def standings(plan, as_of: dt.date, tree: Tree | None = None, settings: MonitorSettings | None = None,
              at_batch: int | None = None) -> dict[int, Standing]:
    """Every node's standing as of ``as_of``: the plan now, or ``tree`` as it stood after ``at_batch``."""
    tree = tree or plan.nodes.tree()
    settings = settings or MonitorSettings.of(plan)
    return roll_up(tree, readings(plan, tree, as_of, settings, at_batch=at_batch), settings)
