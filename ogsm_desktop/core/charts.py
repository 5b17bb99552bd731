"""The numbers behind the dashboard charts, as plain series (no Qt, no matplotlib): testable on their own
and drawn the same way in the window and in printed reports."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from . import alerts, figures, periods
from .calendar import PlanCalendar
from .model import QUANTIFIED, Kind, Node, Tree
from .plan_settings import MonitorSettings
from .status import Standing, limits
from .storage import Plan

STATUS_ORDER = ("on_track", "at_risk", "off_track", "no_target", "no_data", "done", "not_started")


@dataclass
class MeasureSeries:
    """A goal's or measure's actuals against its targets over time, with its bands and trend."""

    node: Node
    periods: list[str] = field(default_factory=list)
    ends: list[dt.date] = field(default_factory=list)          # where each period sits on a time axis
    actuals: list[float | None] = field(default_factory=list)
    targets: list[float | None] = field(default_factory=list)
    # per period, the limits its figure is judged by (status.limits: the measure's own, else the plan's
    # percentages of the period's target); None where the period has no target
    ambers: list[float | None] = field(default_factory=list)
    reds: list[float | None] = field(default_factory=list)
    forecast: list[tuple[dt.date, float]] = field(default_factory=list)   # from the last actual to the due date

    # One rule for the Dashboard and the printed report: a chart is drawn where there is a number to draw,
    # an actual or a target ("No numbers yet" else; no period has none); one without an actual says "No
    # actuals yet" in it.
    @property
    def has_numbers(self) -> bool:
        return self.has_actuals or any(v is not None for v in self.targets)

    @property
    def has_actuals(self) -> bool:
        return any(v is not None for v in self.actuals)


def measure_series(plan: Plan, node: Node, at_batch: int | None = None, as_of: dt.date | None = None
                   ) -> MeasureSeries:
    """``node``'s series now (or as it stood right after batch ``at_batch``); with ``as_of``, only the
    periods that had started by then (a chart looking back shows what was known then)."""
    out = MeasureSeries(node)
    if node.kind not in QUANTIFIED:
        return out
    values = plan.actuals.of(node.id, at_batch)
    if as_of is not None:
        values = figures.started(values, as_of)
    settings = MonitorSettings.of(plan)
    for a in values:
        target = figures.period_target(node, a)
        amber, red = (None, None) if target is None else limits(node, target, settings)
        out.periods.append(a.period)
        out.ends.append(periods.period_bounds(a.period)[1])
        out.actuals.append(a.actual)
        out.targets.append(target)
        out.ambers.append(amber)
        out.reds.append(red)
    with_values = [a for a in values if a.actual is not None]
    if node.aggregation == "sum" or node.target_mode == "cumulative":
        return out                  # its forecast is a year's total, not a point on this chart's axis
    line = alerts.forecast(node, with_values, PlanCalendar.calendar_year(dt.date.today().year))
    if line is not None and with_values:
        at_due, due = line
        last = with_values[-1]
        last_end = periods.period_bounds(last.period)[1]
        due_date = dt.date.fromisoformat(due)
        if due_date > last_end:
            out.forecast = [(last_end, last.actual), (due_date, at_due)]
    return out


def unit_progress(tree: Tree, standing: dict[int, Standing], objective_id: int, limit: int = 20
                  ) -> list[tuple[str, float]]:
    """Roll-up progress of each objective below ``objective_id`` (the cascade), labelled by org unit."""
    out = []
    for node, _depth in tree.walk(objective_id):        # walked only as far as the limit (a big plan's 50,000)
        if node.kind is Kind.OBJECTIVE:
            s = standing.get(node.id)
            if s is not None and s.progress is not None:
                out.append((node.org_unit or node.code, s.progress))
        if len(out) >= limit:
            break
    return out


def held_progress(tree: Tree, standing: dict[int, Standing], node_id: int) -> list[tuple[str, float | None, str]]:
    """What an objective or a strategy holds — an objective's goals, a strategy's measures — each as (code and
    title, progress or None without a number, status), in the plan's order."""
    wanted = Kind.GOAL if tree.nodes[node_id].kind is Kind.OBJECTIVE else Kind.MEASURE
    out = []
    for kid in tree.kids(node_id):
        if kid.kind is wanted:
            s = standing.get(kid.id)
            out.append((f"{kid.code} {kid.title}", s.progress if s is not None else None,
                        str(s.status) if s is not None else "no_data"))
    return out


def status_counts(tree: Tree, standing: dict[int, Standing], objective_id: int | None) -> dict[str, int]:
    """How many goals and measures below ``objective_id`` (None: the whole plan) stand in each status."""
    nodes = tree.descendants(objective_id) if objective_id is not None else list(tree.nodes.values())
    counts = Counter(str(standing[n.id].status) for n in nodes if n.kind in QUANTIFIED and n.id in standing)
    return {status: counts[status] for status in STATUS_ORDER if counts[status]}
