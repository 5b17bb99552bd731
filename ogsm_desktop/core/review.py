"""The period review (monthly, quarterly, year to date): every goal and measure of an org unit with its
target and actual for the period, achieved or not, the change since the previous period, its status
and its comment (the countermeasure of an item off track); counts achieved / not achieved per unit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from . import figures, periods
from .errors import NotFoundError, ValidationError
from .excel.values import parse_period
from .fields import ValueProblem
from .model import QUANTIFIED, Actual, Direction, Kind, Node, Status, Tree
from .plan_settings import MonitorSettings
from .status import measure_status
from .storage import Plan


@dataclass(frozen=True)
class ReviewRow:
    node: Node
    depth: int
    unit: Node                   # the objective (org unit) the item belongs to
    target: float | None
    actual: float | None
    previous: float | None       # the same figure for the period before
    achieved: bool | None        # None: no number or no target for the period
    status: Status
    comment: str
    comment_period: str | None   # the period whose comment holds the countermeasure (None: none started)

    @property
    def change(self) -> float | None:
        return None if self.actual is None or self.previous is None else self.actual - self.previous


@dataclass
class Review:
    period: str                  # 2026-05, 2026-Q2 or 2026 (the year to date)
    as_of: dt.date
    unit: Node | None
    rows: list[ReviewRow] = field(default_factory=list)

    def counts(self) -> dict[int, tuple[Node, int, int, int]]:
        """Per unit (objective id): ``(unit, achieved, not achieved, without a number)``."""
        out: dict[int, list] = {}
        for r in self.rows:
            entry = out.setdefault(r.unit.id, [r.unit, 0, 0, 0])
            entry[1 if r.achieved else 2 if r.achieved is False else 3] += 1
        return {k: tuple(v) for k, v in out.items()}

    def totals(self) -> tuple[int, int, int]:
        rows = self.rows
        return (sum(r.achieved is True for r in rows), sum(r.achieved is False for r in rows),
                sum(r.achieved is None for r in rows))


def review_period(text) -> str:
    """A review period as written (2026-05, 2026年5月, 2026Q2, 2026-Q2, 2026): its canonical key."""
    key = parse_period(text)
    if periods.kind_of(key) == "week":
        raise ValueProblem(f"a review covers a month, a quarter or a year, not a week ({text!r})")
    return key


def previous_period(key: str) -> str:
    start = periods.period_bounds(key)[0] - dt.timedelta(days=1)
    kind = periods.kind_of(key)
    if kind == "year":
        return f"{start.year:04d}"
    return periods.period_containing(start, "quarterly" if kind == "quarter" else "monthly")


def _figure(node: Node, series: list[Actual], key: str, as_of: dt.date, settings: MonitorSettings
            ) -> tuple[float | None, float | None, Actual | None]:
    """``(actual, target, last row)`` of ``node`` over period ``key`` (a year: its plan year to date)."""
    first, last = periods.period_bounds(key)
    calendar = settings.calendar_for(as_of)
    if periods.kind_of(key) == "year":          # the plan year that starts in that year (a fiscal year too)
        first = dt.date(int(key), calendar.first_month, 1)
        last = dt.date(int(key) + (calendar.first_month > 1), (calendar.first_month - 2) % 12 + 1, 1)
        last = periods.period_bounds(f"{last.year:04d}-{last.month:02d}")[1]
    inside = [a for a in series if first <= figures.period_start(a.period) and periods.period_bounds(a.period)[1] <= last
              and figures.period_start(a.period) <= as_of]
    valued = [a for a in inside if a.actual is not None]
    last_row = valued[-1] if valued else (inside[-1] if inside else None)
    if not valued:
        return None, None, last_row
    if node.target_mode == "cumulative":
        return figures.year_to_date(node, series, valued[-1].period, calendar), valued[-1].target, last_row
    targets = [figures.period_target(node, a) for a in valued]
    target = None if None in targets else figures.aggregate(targets, node.aggregation)
    return figures.aggregate([a.actual for a in valued], node.aggregation), target, last_row


def _unit_of(tree: Tree, node: Node) -> Node:
    return next(a for a in tree.ancestors(node.id) if a.kind is Kind.OBJECTIVE)


def review(plan: Plan, period, unit_code: str | None = None, as_of: dt.date | None = None) -> Review:
    """The review of ``period`` for the org unit ``unit_code`` (an objective's code; None: the whole plan)."""
    as_of = as_of or dt.date.today()
    key = review_period(period)
    tree = plan.nodes.tree()
    settings = MonitorSettings.of(plan)
    top = None
    if unit_code is not None:
        top = plan.nodes.by_code(unit_code)
        if top is None:
            raise NotFoundError(f"no node with code {unit_code!r}")
        if top.kind is not Kind.OBJECTIVE:
            raise ValidationError(f"{unit_code} is a {top.kind}; a review is of an objective (an org unit)")
        top = tree.nodes[top.id]
    scope = [(top, 0)] + [(n, d + 1) for n, d in tree.walk(top.id)] if top else list(tree.walk())
    items = [(n, d) for n, d in scope if n.kind in QUANTIFIED]
    before = previous_period(key)
    first = periods.period_bounds(before)[0] - dt.timedelta(days=366)     # a previous year to date's start
    last = periods.period_bounds(key)[1] + dt.timedelta(days=400)          # a fiscal year ends later
    rows = plan.actuals.between(first.isoformat(), last.isoformat(), [n.id for n, _ in items])
    out = Review(key, as_of, top)
    for node, depth in items:
        series = rows.get(node.id, [])
        actual, target, last_row = _figure(node, series, key, as_of, settings)
        previous = _figure(node, series, before, as_of, settings)[0]
        achieved = None
        status = Status.NO_DATA
        if actual is not None and target is not None:
            lower = node.direction == Direction.LOWER
            achieved = actual <= target if lower else actual >= target
            status = measure_status(node, actual, target, settings)
        out.rows.append(ReviewRow(node, depth, _unit_of(tree, node), target, actual, previous, achieved, status,
                                  last_row.comment if last_row else "",
                                  last_row.period if last_row else _comment_period(node, key, as_of)))
    return out


def _comment_period(node: Node, key: str, as_of: dt.date) -> str | None:
    """Where a countermeasure goes when the period holds no row yet: its last period (of the measure's
    frequency) that has started."""
    first, last = periods.period_bounds(key)
    day = min(last, as_of)
    if day < first:
        return None
    return periods.period_containing(day, node.frequency)
