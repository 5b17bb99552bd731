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

from . import figures
from .calendar import PlanCalendar
from .model import QUANTIFIED, Actual, Tree
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


def readings(plan, tree: Tree, as_of: dt.date, settings: MonitorSettings | None = None,
             node_ids: Iterable[int] | None = None, at_batch: int | None = None) -> dict[int, figures.Reading]:
    """Each goal's and measure's reading as of ``as_of`` (those of ``node_ids`` only, when given)."""
    settings = settings or MonitorSettings.of(plan)
    calendar = settings.calendar_for(as_of)
    rows = rows_of(plan, as_of, settings, node_ids, at_batch)
    out: dict[int, figures.Reading] = {}
    for nid, series in rows.items():
        node = tree.nodes.get(nid)
        if node is not None and node.kind in QUANTIFIED:
            found = figures.reading(node, series, as_of, calendar, settings.basis)
            if found is not None:
                out[nid] = found
    return out


def standings(plan, as_of: dt.date, tree: Tree | None = None, settings: MonitorSettings | None = None,
              at_batch: int | None = None) -> dict[int, Standing]:
    """Every node's standing as of ``as_of``: the plan now, or ``tree`` as it stood after ``at_batch``."""
    tree = tree or plan.nodes.tree()
    settings = settings or MonitorSettings.of(plan)
    return roll_up(tree, readings(plan, tree, as_of, settings, at_batch=at_batch), settings)
