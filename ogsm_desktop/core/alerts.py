"""Early warning: the alert rules, evaluated on the plan's actuals as of a date.

Rules, each switchable per goal or measure (``alerts_off``) with plan-wide defaults:

- ``below_target`` — worse than its period's target N periods in a row (N: the measure's ``streak``, else
  the plan's default, 2), direction-aware; "since" is the first period of the run;
- ``stale`` — no actual for the last period that is due: inside the plan calendar, from the measure's
  first period on (its creation, or its first target or value if earlier) to the period holding its due
  date, once the plan's grace days after the period's end have passed;
- ``forecast`` — at this pace the measure misses its target by its due date;
- ``missed`` — its due date (in the plan year) has passed, and what it reached by then falls short of its
  target: "since" is the period of that figure;
- ``red`` — the figure it is judged on is beyond the red limit (the plan's % of target, or its own);
- ``overdue`` — an action whose due date has passed and that is not done.

Each alert says which rule, since when, and the numbers behind it. Here one node at a time; every alert of a
plan, read sparingly, is :func:`.plan_alerts.evaluate`'s.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from . import figures, owed, periods
from .calendar import PlanCalendar
from .fields import rule_set
from .i18n import _, labelled, listed
from .model import QUANTIFIED, Actual, Direction, Kind, Node, Status
from .plan_settings import MonitorSettings
from .status import limits, measure_status

FORECAST_POINTS = 6
DEFAULTS = MonitorSettings()
_UNREAD = object()        # a fact not read by the caller: worked out from the rows given


@dataclass(frozen=True, slots=True)
class Alert:
    node: Node
    rule: str
    since: str                      # the period the condition started (or is about)
    numbers: dict = field(default_factory=dict, hash=False)     # compared: a longer run is a changed alert

    @property
    def message(self) -> str:
        """What the alert says, with its numbers — written when asked for (a plan has tens of thousands)."""
        return _MESSAGES[self.rule](self)


def _fmt(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def _below_target(a: Alert) -> str:
    sign = ">" if a.node.direction == Direction.LOWER else "<"
    n = a.numbers
    detail = listed((labelled(p, f"{_fmt(v)} {sign} {_fmt(t)}")
                     for p, v, t in zip(n["periods"], n["actuals"], n["targets"], strict=True)), parts=True)
    return _("worse than target {run} periods in a row ({detail})").format(run=n["run"], detail=detail)


def _red(a: Alert) -> str:
    n = a.numbers
    return _("{actual} in {period} is beyond the red limit {red} (target {target})").format(
        actual=_fmt(n["actual"]), period=a.since, red=_fmt(n["red"]), target=_fmt(n["target"]))


def _stale(a: Alert) -> str:
    latest, due = a.numbers["latest"], a.numbers["due"]
    if a.since != due:
        periods_missing = _("{first} to {last}").format(first=a.since, last=due)
    else:
        periods_missing = due
    if latest:
        return _("no actual for {period} (the latest is {latest})").format(period=periods_missing, latest=latest)
    return _("no actual for {period} (none yet)").format(period=periods_missing)


def _forecast(a: Alert) -> str:
    n = a.numbers
    if a.node.direction == Direction.LOWER:
        text = _("at this pace it reaches {forecast} by {due}, over the target {target}")
    else:
        text = _("at this pace it reaches {forecast} by {due}, short of the target {target}")
    return text.format(forecast=_as_precise_as(n["forecast"], n["target"]), due=n["due"], target=_fmt(n["target"]))


def _as_precise_as(value: float, target: float) -> str:
    """A projection said with the target's decimals (a count of bookings: no hundredths), rounded half up, and
    with more, as many as it takes, where that is what tells it from the target (2.999, short of the target 3)."""
    text = _fmt(target)
    places = len(text.split(".")[1]) if "." in text else 0
    while True:
        rounded = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
        said = f"{rounded + 0:,f}"                  # (+ 0: no negative zero)
        if "." in said:
            said = said.rstrip("0").rstrip(".")
        if said != text or places >= _MOST_PLACES or value == target:
            return said
        places += 1


_MOST_PLACES = 9        # decimals a forecast is said with at most


def _missed(a: Alert) -> str:
    n = a.numbers
    if a.node.direction == Direction.LOWER:
        text = _("by its due date {due} it reached {reached} (up to {period}), over the target {target}")
    else:
        text = _("by its due date {due} it reached {reached} (up to {period}), short of the target {target}")
    return text.format(due=n["due"], reached=_fmt(n["reached"]), period=a.since, target=_fmt(n["target"]))


def _overdue(a: Alert) -> str:
    return _("due {due} ({days} day(s) ago) and not done").format(due=a.numbers["due"], days=a.numbers["days"])


_MESSAGES = {"below_target": _below_target, "red": _red, "stale": _stale, "forecast": _forecast,
             "missed": _missed, "overdue": _overdue}


def worse(node: Node, value: float, limit: float) -> bool:
    """:func:`figures.short_of` for ``node``'s direction (asked only of a value on the worse side: the hot path)."""
    if node.direction == Direction.LOWER:
        return value > limit and figures.short_of(value, limit, True)
    return value < limit and figures.short_of(value, limit, False)


@lru_cache(maxsize=256)
def last_due_period(frequency: str, today: dt.date, grace_days: int = 7) -> str:
    """The newest period of ``frequency`` that ended at least ``grace_days`` before ``today``."""
    return periods.period_containing(owed.due_end(frequency, today, grace_days), frequency)


@lru_cache(maxsize=256)
def _owed(frequency: str, as_of: dt.date, grace_days: int, calendar: PlanCalendar) -> tuple[str, dt.date, bool]:
    """The period of ``frequency`` whose value is owed as of ``as_of`` (the newest one due; after the plan
    year, its last one), the day it starts, and whether it is in the plan year."""
    due = last_due_period(frequency, as_of, grace_days)
    year_end = calendar.periods(frequency)[-1]
    if figures.period_start(due) > figures.period_start(year_end):
        due = year_end                    # after the plan year: its last period is the one still owed
    return due, figures.period_start(due), calendar.contains(due)


def owed_by(node: Node, as_of: dt.date, grace_days: int, calendar: PlanCalendar) -> tuple[str, dt.date, bool]:
    """:func:`_owed` of ``node``: no later than the period holding its due date (nothing is owed after a
    goal or measure is due)."""
    if not node.due_date:
        return _owed(node.frequency, as_of, grace_days, calendar)
    return _owed_until(node.frequency, node.due_date, as_of, grace_days, calendar)


@lru_cache(maxsize=1024)
def _owed_until(frequency: str, due_date: str, as_of: dt.date, grace_days: int, calendar: PlanCalendar
                ) -> tuple[str, dt.date, bool]:
    due, start, in_year = _owed(frequency, as_of, grace_days, calendar)
    last = owed.period_of(due_date, frequency)
    if last is not None and figures.period_start(last) < start:
        return last, figures.period_start(last), calendar.contains(last)
    return due, start, in_year


def judge_rows(node: Node, rows: list[Actual], calendar: PlanCalendar) -> list[tuple[Actual, float, float | None]]:
    """Each period with a value, with the figure judged for it and its target (a cumulative measure:
    the year to date against the period's cumulative target)."""
    if node.target_mode == "cumulative":
        return [(a, figures.year_to_date(node, rows, a.period, calendar), a.target)
                for a in rows if a.actual is not None]
    level = figures.level_target(node)        # as figures.period_target, once for all the rows
    return [(a, a.actual, level if a.target is None else a.target) for a in rows if a.actual is not None]


def forecast(node: Node, values: list[Actual], calendar: PlanCalendar,
             to_date: float | None = None) -> tuple[float, str] | None:
    """Where the measure gets by its due date at the pace of its recent periods: ``(figure, due date)``;
    None without a due date, a target or two values. Summed measures add the recent periods' average for
    each period still to come to the year to date; levels (averaged, last value) follow a straight line
    through the recent values."""
    if not node.due_date or node.target is None:
        return None
    recent = values[-FORECAST_POINTS:]
    if len(recent) < 2:
        return None
    due = dt.date.fromisoformat(node.due_date)
    if node.aggregation == "sum":
        last = recent[-1].period
        to_come = 0
        day = periods.period_bounds(last)[1] + dt.timedelta(days=1)
        while day <= due:
            to_come += 1
            day = periods.period_bounds(periods.period_containing(day, node.frequency))[1] + dt.timedelta(days=1)
        pace = sum(a.actual for a in recent) / len(recent)
        if to_date is None:
            to_date = figures.year_to_date(node, values, last, calendar)
        return to_date + pace * to_come, node.due_date
    xs = [(periods.period_bounds(a.period)[1] - due).days for a in recent]
    ys = [a.actual for a in recent]
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum([(x - mx) ** 2 for x in xs])
    if sxx == 0:
        return None
    slope = sum([(x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)]) / sxx
    return my - slope * mx, node.due_date          # x = 0 at the due date


def missed_span(node: Node, as_of: dt.date, settings: MonitorSettings) -> tuple[dt.date, dt.date] | None:
    """The year up to a goal's or measure's due date — ``(its first day, the due date)`` — once the due date
    has passed, while it is in the plan year (a plan that sets none: within the year before the as-of
    date); None otherwise, or without a due date or a target."""
    if not node.due_date or node.target is None:
        return None
    due = dt.date.fromisoformat(node.due_date)
    if due >= as_of:
        return None
    if settings.calendar is not None:
        if not settings.calendar.first_day <= due <= settings.calendar.last_day:
            return None
    elif (as_of - due).days > 366:
        return None
    return settings.calendar_for(due).year_start(periods.period_containing(due, "monthly")), due


def reached(node: Node, values: list[Actual], span: tuple[dt.date, dt.date]) -> tuple[str, float] | None:
    """What the measure reached by its due date — the figure of its year up to it (the values of
    ``values`` whose periods end in ``span``, added up, averaged or the last, as the measure aggregates
    them) — and the newest period counted; None without a value."""
    first, due = span
    inside = [a for a in values if a.actual is not None and first <= periods.period_bounds(a.period)[1] <= due]
    if not inside:
        return None
    return inside[-1].period, figures.aggregate([a.actual for a in inside], node.aggregation)


def run_below(node: Node, judged: list[tuple[Actual, float, float | None]]) -> int:
    """How many of the newest judged values in a row are worse than their targets."""
    run = 0
    for _a, value, target in reversed(judged):
        if target is None or not worse(node, value, target):
            break
        run += 1
    return run


def newest_until(judged: list[tuple[Actual, float, float | None]], end: str) -> str | None:
    """The newest period of ``judged`` (in the plan's order) that ends by ``end`` (an ISO date); None when there
    is none."""
    return next((a.period for a, _v, _t in reversed(judged) if periods.period_end(a.period) <= end), None)


def _first_period(node: Node, rows: list[Actual], created: dt.date | None,
                  first_end: str | None = None) -> dt.date | None:
    """The first day of the node's first period: the one of its frequency that holds the end of its first row
    (``first_end``, else that of ``rows``; a quarter's row on a monthly measure: its last month, as the review
    counts it, owed.first_day), or that holds the day it was made (``created``), whichever is first."""
    if first_end is None and rows:
        first_end = periods.period_end(rows[0].period)
    first = start_of(dt.date.fromisoformat(first_end), node.frequency) if first_end is not None else None
    if created is not None:
        made = start_of(created, node.frequency)
        first = made if first is None else min(first, made)
    return first


def _first_missing(frequency: str, newest: str | None, first: dt.date, calendar: PlanCalendar) -> str:
    """The first period owed a value since the newest that has one (``newest``; None: none yet), within the
    plan year and from the measure's first period on: where a stale alert starts, the same however many
    periods have gone by since."""
    start = max(first, calendar.first_day)
    if newest is not None:
        start = max(start, periods.period_bounds(newest)[1] + dt.timedelta(days=1))
    return periods.period_containing(start, frequency)


@lru_cache(maxsize=4096)
def start_of(day: dt.date, frequency: str) -> dt.date:
    """The first day of the period of ``frequency`` that holds ``day``."""
    return figures.period_start(periods.period_containing(day, frequency))


def action_alerts(node: Node, as_of: dt.date, settings: MonitorSettings = DEFAULTS) -> list[Alert]:
    """An action past its due date that is not done."""
    if "overdue" in settings.off or not node.due_date or node.status == Status.DONE:
        return []
    if dt.date.fromisoformat(node.due_date) >= as_of:
        return []
    late = (as_of - dt.date.fromisoformat(node.due_date)).days
    return [Alert(node, "overdue", node.due_date, {"due": node.due_date, "days": late, "status": str(node.status)})]


def node_alerts(node: Node, rows: list[Actual], as_of: dt.date, settings: MonitorSettings = DEFAULTS,
                created: dt.date | None = None, *, to_date: float | None = None,
                first_end: str | None = None, longer_run: tuple[int, str] | None = None,
                judged: list[tuple[Actual, float, float | None]] | None = None, run: int | None = None,
                by_due: tuple[str, float] | None | object = _UNREAD,
                until_owed: str | None | object = _UNREAD) -> list[Alert]:
    """The alerts of one node as of ``as_of``: a goal's or measure's from its actuals (``rows``, in period
    order, values and targets), an action's from its due date. ``created``: the day the node was made.
    A caller that passes only the recent values gives what the rest would have told: the year to date of
    the newest value (``to_date``), the end of the first period the node has (``first_end``) and, when
    every value passed is below target, the whole run (``longer_run``: its length and first period) — and
    the values already judged (``judged``: each row with its figure and target, periods started by
    ``as_of`` only) and how many of the newest of them are below target (``run``); what it reached by
    its due date, if that has passed (``by_due``: :func:`reached`); and the newest period with a value that ends
    by the end of the one owed now, where the values passed all end later (``until_owed``: :func:`newest_until`)."""
    if node.kind is Kind.ACTION:
        return action_alerts(node, as_of, settings)
    if node.kind not in QUANTIFIED:
        return []
    calendar = settings.calendar_for(as_of)
    disabled = (settings.off | rule_set(node.alerts_off)) if node.alerts_off else settings.off
    if judged is None:
        rows = figures.started(rows, as_of, calendar)
        judged = judge_rows(node, rows, calendar)
    out: list[Alert] = []
    streak = node.streak or settings.streak
    if "below_target" not in disabled and len(judged) >= streak:
        if run is None:
            run = run_below(node, judged)
        if run >= streak:
            since = judged[-run][0].period
            if run == len(judged) and longer_run is not None:      # the values read are all in the run
                run, since = longer_run
            shown = judged[-streak:]
            out.append(Alert(node, "below_target", since,
                             {"run": run, "periods": [a.period for a, _v, _t in shown],
                              "actuals": [v for _a, v, _t in shown], "targets": [t for _a, _v, t in shown]}))
    if "red" not in disabled and judged:
        last, value, target = judged[-1]
        if target is not None and measure_status(node, value, target, settings) == Status.OFF_TRACK:
            red = limits(node, target, settings)[1]
            out.append(Alert(node, "red", last.period, {"actual": value, "red": red, "target": target}))
    if "stale" not in disabled and (node.target is not None or judged):
        due, due_start, in_year = owed_by(node, as_of, settings.grace_days, calendar)
        first = _first_period(node, rows, created, first_end)
        if in_year and first is not None and due_start >= first:
            # the period owed without a value, whatever later period has one (typed early); a value counts for the
            # period its own ends in, as the review counts it (owed.owed)
            if until_owed is _UNREAD:
                until_owed = newest_until(judged, periods.period_end(due))
            if until_owed is None or periods.period_end(until_owed) < due_start.isoformat():
                since = _first_missing(node.frequency, until_owed, first, calendar)
                out.append(Alert(node, "stale", since, {"due": due, "latest": judged[-1][0].period if judged else None}))
    if "forecast" not in disabled and node.due_date and node.target is not None:
        line = forecast(node, [a for a, _v, _t in judged], calendar, to_date)
        if line is not None and dt.date.fromisoformat(node.due_date) >= as_of:
            value, due_date = line
            if worse(node, value, node.target):
                out.append(Alert(node, "forecast", judged[-1][0].period, {"forecast": value, "target": node.target, "due": due_date}))
    if "missed" not in disabled and (span := missed_span(node, as_of, settings)) is not None:
        if by_due is _UNREAD:
            by_due = reached(node, [a for a, _v, _t in judged], span)
        if by_due is not None and worse(node, by_due[1], node.target):
            out.append(Alert(node, "missed", by_due[0], {"reached": by_due[1], "target": node.target,
                                                         "due": node.due_date}))
    return out
