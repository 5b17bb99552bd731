"""Early warning: the alert rules, evaluated on the plan's current actuals.

Rules, each switchable per goal or measure (``alerts_off``) with plan-wide defaults:

- ``below_target`` — worse than target N periods in a row (N: the measure's ``streak``, else the plan's
  default, 2), direction-aware;
- ``stale`` — no actual for the last period that is due (ended more than the grace days ago);
- ``forecast`` — the trend of the latest actuals misses the target by the due date;
- ``red`` — the latest actual is beyond the red threshold.

Each alert says which rule, since when, and the numbers behind it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from . import periods
from .fields import ValueProblem, parse_rules, parse_whole, rule_set
from .model import QUANTIFIED, Actual, Direction, Node
from .storage import Plan

DEFAULT_STREAK = 2
STALE_GRACE_DAYS = 7
FORECAST_POINTS = 6
STREAK_KEY, OFF_KEY = "alert_streak", "alerts_off"      # the plan settings that hold the defaults
SETTING_KEYS = frozenset({STREAK_KEY, OFF_KEY})


@dataclass(frozen=True)
class AlertDefaults:
    """The plan-wide alert settings: periods below target before an alert, and rules switched off."""

    streak: int = DEFAULT_STREAK
    off: frozenset[str] = frozenset()

    @classmethod
    def of(cls, plan: Plan) -> AlertDefaults:
        """The plan's defaults; a setting that cannot be read (edited by hand) counts as unset."""
        try:
            streak = parse_whole(plan.meta.get(STREAK_KEY), 1, 52) or DEFAULT_STREAK
        except ValueProblem:
            streak = DEFAULT_STREAK
        try:
            off = rule_set(parse_rules(plan.meta.get(OFF_KEY, "")))
        except ValueProblem:
            off = frozenset()
        return cls(streak, off)

    def settings(self) -> dict[str, str]:
        """The plan settings that hold these defaults, as stored."""
        return {STREAK_KEY: str(self.streak), OFF_KEY: parse_rules(self.off)}

    def periods_needed(self, nodes) -> int:
        """How many recent actuals per measure the rules read for ``nodes``."""
        return max([FORECAST_POINTS, self.streak] + [n.streak or 0 for n in nodes])


@dataclass(frozen=True)
class Alert:
    node: Node
    rule: str
    since: str                      # the period the condition started (or is about)
    message: str
    numbers: dict = field(default_factory=dict, compare=False, hash=False)


def _fmt(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def worse(node: Node, value: float, limit: float) -> bool:
    return value > limit if node.direction == Direction.LOWER else value < limit


def last_due_period(frequency: str, today: dt.date, grace_days: int = STALE_GRACE_DAYS) -> str:
    """The newest period of ``frequency`` that ended at least ``grace_days`` before ``today``."""
    day = today - dt.timedelta(days=grace_days)
    running = periods.period_containing(day + dt.timedelta(days=1), frequency)   # has not ended by ``day``
    return periods.period_containing(periods.period_bounds(running)[0] - dt.timedelta(days=1), frequency)


def forecast(node: Node, recent: list[Actual]) -> tuple[float, float, str] | None:
    """A straight line through the recent actuals, read at the due date: ``(slope per day,
    forecast value, due date)``; None without a due date, a target or two actuals."""
    if not node.due_date or node.target is None:
        return None
    points = [(periods.period_bounds(a.period)[1], a.actual) for a in recent if a.actual is not None]
    if len(points) < 2:
        return None
    due = dt.date.fromisoformat(node.due_date)
    xs = [(d - due).days for d, _ in points]
    ys = [v for _, v in points]
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        return None
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx
    return slope, my - slope * mx, node.due_date          # x = 0 at the due date


def node_alerts(node: Node, recent: list[Actual], today: dt.date,
                defaults: AlertDefaults = AlertDefaults()) -> list[Alert]:
    """The alerts of one goal or measure from its most recent actuals (oldest first)."""
    if node.kind not in QUANTIFIED:
        return []
    disabled = defaults.off | rule_set(node.alerts_off)
    out: list[Alert] = []
    with_values = [a for a in recent if a.actual is not None]
    streak = node.streak or defaults.streak
    if "below_target" not in disabled and len(with_values) >= streak:
        tail = with_values[-streak:]
        pairs = [(a, a.target if a.target is not None else node.target) for a in tail]
        if all(t is not None and worse(node, a.actual, t) for a, t in pairs):
            sign = ">" if node.direction == Direction.LOWER else "<"
            detail = "; ".join(f"{a.period}: {_fmt(a.actual)} {sign} {_fmt(t)}" for a, t in pairs)
            out.append(Alert(node, "below_target", tail[0].period,
                             f"worse than target {streak} periods in a row ({detail})",
                             {"periods": [a.period for a, _ in pairs], "actuals": [a.actual for a, _ in pairs],
                              "targets": [t for _, t in pairs]}))
    if "red" not in disabled and node.red is not None and with_values:
        last = with_values[-1]
        if worse(node, last.actual, node.red):
            out.append(Alert(node, "red", last.period,
                             f"{_fmt(last.actual)} in {last.period} is beyond the red threshold {_fmt(node.red)}",
                             {"actual": last.actual, "red": node.red}))
    if "stale" not in disabled and (node.target is not None or with_values):
        due = last_due_period(node.frequency, today)
        if not any(a.period == due for a in with_values):
            latest = with_values[-1].period if with_values else None
            if latest is None or periods.sort_key(latest) < periods.sort_key(due):
                out.append(Alert(node, "stale", due, f"no actual for {due}" +
                                 (f" (the latest is {latest})" if latest else " (none yet)"), {"due": due}))
    if "forecast" not in disabled:
        line = forecast(node, with_values[-FORECAST_POINTS:])
        if line is not None and dt.date.fromisoformat(node.due_date) >= today:
            _slope, value, due_date = line
            if worse(node, value, node.target):
                out.append(Alert(node, "forecast", with_values[-1].period,
                                 f"the trend reaches {_fmt(value)} by {due_date}, short of the target {_fmt(node.target)}",
                                 {"forecast": value, "target": node.target, "due": due_date}))
    return out


def evaluate(plan: Plan, today: dt.date | None = None, tree=None, at_batch: int | None = None) -> list[Alert]:
    """Every alert of the plan (or of ``tree`` as it stood after ``at_batch``), in tree order."""
    today = today or dt.date.today()
    tree = tree or plan.nodes.tree()
    defaults = AlertDefaults.of(plan)
    recent = plan.actuals.recent(defaults.periods_needed(tree.nodes.values()), at_batch=at_batch)
    out: list[Alert] = []
    for node, _depth in tree.walk():
        if node.kind in QUANTIFIED:
            out.extend(node_alerts(node, recent.get(node.id, []), today, defaults))
    return out
