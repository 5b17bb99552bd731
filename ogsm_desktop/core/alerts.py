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

Each alert says which rule, since when, and the numbers behind it.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Callable, Generator, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType

from . import figures, monitoring, owed, periods
from .calendar import PlanCalendar
from .fields import rule_set
from .i18n import _, labelled, listed
from .model import QUANTIFIED, Actual, Direction, Kind, Node, Status
from .perf import let_window_first, paused_gc, workers_go
from .plan_settings import MonitorSettings
from .status import limits, measure_status
from .storage import Plan
from .storage.monitoring_reads import MonitoringReads

FORECAST_POINTS = 6
SHARE = 2_500        # measures read at a time on a big plan (see _sparingly)
DEFAULTS = MonitorSettings()
_NONE: Mapping[str, object] = MappingProxyType({})      # no extra facts about a node
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
    return text.format(forecast=_fmt(n["forecast"]), due=n["due"], target=_fmt(n["target"]))


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


def _owed_by(node: Node, as_of: dt.date, grace_days: int, calendar: PlanCalendar) -> tuple[str, dt.date, bool]:
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


def _judged(node: Node, rows: list[Actual], calendar: PlanCalendar) -> list[tuple[Actual, float, float | None]]:
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


def _run_below(node: Node, judged: list[tuple[Actual, float, float | None]]) -> int:
    """How many of the newest judged values in a row are worse than their targets."""
    run = 0
    for _a, value, target in reversed(judged):
        if target is None or not worse(node, value, target):
            break
        run += 1
    return run


def _first_period(node: Node, rows: list[Actual], created: dt.date | None,
                  first_end: str | None = None) -> dt.date | None:
    if first_end is not None:
        first = _start_of(dt.date.fromisoformat(first_end), node.frequency)
    else:
        first = figures.period_start(rows[0].period) if rows else None
    if created is not None:
        made = _start_of(created, node.frequency)
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
def _start_of(day: dt.date, frequency: str) -> dt.date:
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
                by_due: tuple[str, float] | None | object = _UNREAD) -> list[Alert]:
    """The alerts of one node as of ``as_of``: a goal's or measure's from its actuals (``rows``, in period
    order, values and targets), an action's from its due date. ``created``: the day the node was made.
    A caller that passes only the recent values gives what the rest would have told: the year to date of
    the newest value (``to_date``), the end of the first period the node has (``first_end``) and, when
    every value passed is below target, the whole run (``longer_run``: its length and first period) — and
    the values already judged (``judged``: each row with its figure and target, periods started by
    ``as_of`` only) and how many of the newest of them are below target (``run``); and what it reached by
    its due date, if that has passed (``by_due``: :func:`reached`)."""
    if node.kind is Kind.ACTION:
        return action_alerts(node, as_of, settings)
    if node.kind not in QUANTIFIED:
        return []
    calendar = settings.calendar_for(as_of)
    disabled = (settings.off | rule_set(node.alerts_off)) if node.alerts_off else settings.off
    if judged is None:
        rows = figures.started(rows, as_of, calendar)
        judged = _judged(node, rows, calendar)
    out: list[Alert] = []
    streak = node.streak or settings.streak
    if "below_target" not in disabled and len(judged) >= streak:
        if run is None:
            run = _run_below(node, judged)
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
        due, due_start, in_year = _owed_by(node, as_of, settings.grace_days, calendar)
        first = _first_period(node, rows, created, first_end)
        if in_year and first is not None and due_start >= first:
            newest = judged[-1][0].period if judged else None
            if newest is None or periods.sort_key(newest) < periods.sort_key(due):
                since = _first_missing(node.frequency, newest, first, calendar)
                out.append(Alert(node, "stale", since, {"due": due, "latest": newest}))
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


class Stopped(Exception):
    """An evaluation given up, as its ``stop`` asked (its answer was no longer wanted)."""


def evaluate(plan: Plan, as_of: dt.date | None = None, tree=None, at_batch: int | None = None,
             node_ids=None, stop: Callable[[], bool] | None = None) -> list[Alert]:
    """Every alert of the plan (of ``node_ids`` only, when given; of ``tree`` as it stood after
    ``at_batch``) as of ``as_of``, in tree order. ``stop``: asked between shares of the measures; when it
    says True, :class:`Stopped` is raised (a worker whose answer is outdated ends at once).

    The plan as it is now is read sparingly: the few newest values of each measure from the index (more
    only where a run below target goes back further), the years to date of summed measures with a due
    date from SQLite's sums, and the first period only of measures created after the period due."""
    with paused_gc():                 # tens of thousands of rows and alerts built: no cycles among them
        return _evaluate(plan, as_of, tree, at_batch, node_ids, stop)


def _evaluate(plan: Plan, as_of: dt.date | None, tree, at_batch: int | None, node_ids, stop) -> list[Alert]:
    as_of = as_of or dt.date.today()
    tree = tree or plan.nodes.tree()
    settings = MonitorSettings.of(plan)
    shown = [n for n, _depth in tree.walk()] if node_ids is None else tree.in_order(node_ids)   # in tree order
    nodes = [n for n in shown if n.kind in QUANTIFIED]
    ids = None if node_ids is None else [n.id for n in nodes]
    if at_batch is not None:
        created = plan.journal.created_on(ids)
        extra = {nid: {"created": day} for nid, day in created.items()}
        _by_due_before_window(plan, nodes, as_of, settings, at_batch, extra)
        shares = iter([(nodes, monitoring.rows_of(plan, as_of, settings, ids, at_batch), extra)])
    else:
        shares = _by_due_date(plan, _sparingly(plan, nodes, ids, as_of, settings), nodes, as_of, settings)
    found: dict[int, list[Alert]] = {}
    try:
        for share, rows, extra in shares:    # each share as soon as it is read: the next ones are read meanwhile
            if stop is not None and stop():
                raise Stopped
            for node in share:
                let_window_first()
                found[node.id] = node_alerts(node, rows.get(node.id, []), as_of, settings, **extra.get(node.id, _NONE))
    finally:
        if isinstance(shares, Generator):    # a failure here stops the reads and closes the second connection now
            shares.close()
    out: list[Alert] = []
    for node in shown:
        if node.kind in QUANTIFIED:
            out.extend(found[node.id])
        elif node.kind is Kind.ACTION:
            out.extend(action_alerts(node, as_of, settings))
    return out


def _by_due_before_window(plan: Plan, nodes: list[Node], as_of: dt.date, settings: MonitorSettings, at_batch: int,
                          extra: dict[int, dict]) -> None:
    """Into ``extra``, what each goal or measure whose year up to its due date starts before the periods read
    row by row (:func:`.monitoring.window`: a plan year long past, or of several years) reached by it, read
    from its values of that year as they stood after ``at_batch`` — as the plan as it is now reads it
    (:func:`_by_due_date`)."""
    start = monitoring.window(as_of, settings.calendar_for(as_of))[0]
    spans = {n.id: (n, span) for n in nodes
             if (span := missed_span(n, as_of, settings)) is not None and span[0].isoformat() < start}
    if not spans:
        return
    first = min(span[0] for _n, span in spans.values()).isoformat()
    last = max(span[1] for _n, span in spans.values()).isoformat()
    rows = plan.actuals.between(first, last, list(spans), at_batch=at_batch)
    for node_id, (node, span) in spans.items():
        extra[node_id] = {**extra.get(node_id, _NONE), "by_due": reached(node, rows.get(node_id, []), span)}


def _by_due_date(plan: Plan, shares: Iterator, nodes: list[Node], as_of: dt.date, settings: MonitorSettings
                 ) -> Iterator[tuple[list[Node], dict[int, list[Actual]], dict[int, dict]]]:
    """``shares`` with what each goal or measure whose due date has passed reached by it (:func:`reached`),
    from SQLite's sums over its year up to the due date (the shares' values reach back a few periods only):
    one statement for them all, made before the shares are read."""
    spans = {n.id: span for n in nodes if (span := missed_span(n, as_of, settings)) is not None}
    found = plan.actuals.span_figures({i: (first.isoformat(), due.isoformat()) for i, (first, due) in spans.items()})
    try:
        for share, rows, extra in shares:
            for node in share:
                if node.id in spans:
                    sums = found.get(node.id)
                    by_due = None if sums is None else (sums[4], monitoring.aggregate_value(node, sums[0], sums[1],
                                                                                           sums[5]))
                    extra[node.id] = {**extra.get(node.id, _NONE), "by_due": by_due}
            yield share, rows, extra
    finally:
        shares.close()                   # (stopped early: the reads stop and the second connection closes now)


def _sparingly(plan: Plan, nodes: list[Node], ids: list[int] | None, as_of: dt.date, settings: MonitorSettings,
               ) -> Iterator[tuple[list[Node], dict[int, list[Actual]], dict[int, dict]]]:
    """The rows and the extra facts :func:`node_alerts` needs for the plan as it is now, a share of the
    measures at a time, in order: ``(the share's nodes, their rows, their facts)`` (``ids``: the ids of
    ``nodes``, or None for all the plan's).

    A big plan is read a share of its measures at a time. Each share's newest values are read here; the
    day each node was made, and the reads that follow from a share's newest values (the runs below target,
    the years to date, the first periods), are made on a second connection on a thread of their own,
    meanwhile. Each of those answers in one row, so SQLite reads it with Python's lock let go throughout
    (a read answering row by row would wait for the lock at every row while this thread works). Once every
    share's newest values are read, this thread makes the further reads the side thread has not started,
    from the newest share back, while the side thread goes on from the oldest. Without
    a second connection (a plan in memory, a batch running) or for a few measures, everything is read
    here, one after the other."""
    others = [n for n in nodes if n.target_mode != "cumulative"]
    # The newest values each rule needs: a run one longer than the longest streak asked for (the newest
    # value for "red" and "stale"), and the forecast's points for those with a due date and a target.
    runs = max([settings.streak] + [n.streak or 0 for n in others]) + 1
    side = plan.side_reader() if len(nodes) > SHARE else None
    if side is None:
        share = _Share.of(nodes, as_of, settings, runs)
        rows, extra, further = _judge(plan, share, share.newest(plan.actuals), as_of, settings)
        _merge(extra, _further(plan.actuals, plan.journal.created_on(ids), further))
        yield nodes, rows, extra
        return
    shares = [_Share.of(nodes[i:i + SHARE], as_of, settings, runs) for i in range(0, len(nodes), SHARE)]
    # The reads of the side thread are asked for by this one: on the window's thread holding the workers (an
    # edit's alerts checked), they would each wait for that hold at their pauses (core.perf).
    with workers_go(), side, ThreadPoolExecutor(max_workers=1, thread_name_prefix="alerts-read") as reader:
        made = reader.submit(side.created_on, ids)      # read while the first share's newest values are
        pending: deque[_Pending] = deque()
        try:
            for share in shares:
                for waiting in pending:
                    if waiting.reading.done():
                        waiting.reading.result()      # a read that failed fails the evaluation now, not at the end
                share_rows, share_extra, further = _judge(plan, share, share.newest(plan.actuals), as_of, settings)
                pending.append(_Pending(share.nodes, share_rows, share_extra, further,   # (one worker, in order:
                                        reader.submit(lambda f=further: _further(side, made.result(), f))))  # made is done)
                while len(pending) > 1 and pending[0].reading.done():     # the next share's reads are queued
                    yield pending.popleft().read()
            while pending:
                # Every share read: the side thread's further reads are what is left. Rather than wait for
                # the oldest, this thread makes the newest ones not started yet itself, on its connection.
                while not pending[0].reading.done() and _take_back(pending, plan.actuals, made):
                    pass
                yield pending.popleft().read()
        finally:
            for reading in [made, *(p.reading for p in pending)]:   # after a failure, the reads not started are not made
                reading.cancel()


@dataclass
class _Pending:
    """A share judged, its further reads asked of the side thread."""

    nodes: list[Node]
    rows: dict[int, list[Actual]]
    extra: dict[int, dict]
    further: _Further
    reading: Future

    def read(self) -> tuple[list[Node], dict, dict]:
        """The share with what its further reads found (awaited)."""
        _merge(self.extra, self.reading.result())
        return self.nodes, self.rows, self.extra


def _take_back(pending: deque[_Pending], reads: MonitoringReads, made: Future) -> bool:
    """The further reads of the newest share the side thread has not started, made here instead (the
    side thread goes from the oldest): True when there was one."""
    for waiting in reversed(pending):
        if waiting.reading.cancel():
            found: Future = Future()
            found.set_result(_further(reads, made.result(), waiting.further))
            waiting.reading = found
            return True
    return False


def _merge(extra: dict[int, dict], more: dict[int, dict]) -> None:
    for nid, facts in more.items():
        extra[nid].update(facts)


@dataclass
class _Further:
    """What is still to read for a share of the measures once their newest values are known."""

    nodes: list[int]                       # the share's
    first_read: str
    bounds: dict[str, str]
    longer: list[tuple[int, str, bool]]    # runs_below's question: every value read is below
    by_year: dict[str, list[int]]          # summed measures with a forecast, by the start of their plan year
    owed: dict[int, tuple[str, dt.date]]   # per node, its frequency and the start of the period owed now
    unvalued: frozenset[int] = frozenset()  # no value read: its first period (where a stale alert starts) is read


@dataclass
class _Share:
    """A share of the measures, and which of their newest values are read."""

    nodes: list[Node]
    others: list[Node]                     # all but the cumulative measures (whose every value is read)
    until: dict[int, str]                  # per node, the last period end read (periods started by as_of)
    first_read: str                        # the first period end read (what the value-by-value reading sees)
    bounds: dict[str, str]
    need: dict[int, int]                   # per node, how many newest values are read

    @classmethod
    def of(cls, nodes: list[Node], as_of: dt.date, settings: MonitorSettings, runs: int) -> _Share:
        limit = monitoring.bounds(as_of, settings.calendar_for(as_of))
        others = [n for n in nodes if n.target_mode != "cumulative"]
        # those with a due date and a target: a forecast's points, and one more. The index orders periods
        # that end the same day (a month and its quarter) by their text, not as the plan lists them: the one
        # more read lets the sort put such a pair right when it falls at the last point.
        paced = max(FORECAST_POINTS + 1, runs)
        return cls(nodes, others, {n.id: limit.get(n.frequency, limit["monthly"]) for n in nodes},
                   monitoring.window(as_of, settings.calendar_for(as_of))[0], limit,
                   {n.id: paced if n.due_date and n.target is not None else runs for n in others})

    def newest(self, reads: MonitoringReads) -> dict[int, list[Actual]]:
        """Each node's newest values: one statement per count read."""
        out: dict[int, list[Actual]] = {}
        for count in sorted(set(self.need.values())):
            out.update(reads.recent(count, [nid for nid, c in self.need.items() if c == count], until=self.until,
                                    since=self.first_read))
        return out


def _judge(plan: Plan, share: _Share, recent: dict[int, list[Actual]], as_of: dt.date,
           settings: MonitorSettings) -> tuple[dict[int, list[Actual]], dict[int, dict], _Further]:
    """The share's newest values (``recent``) judged, all values of its cumulative measures, and what is
    still to read."""
    calendar = settings.calendar_for(as_of)
    whole = [n.id for n in share.nodes if n.target_mode == "cumulative"]
    rows = monitoring.rows_of(plan, as_of, settings, whole) if whole else {}
    longer = []
    extra: dict[int, dict] = {n.id: {} for n in share.nodes}
    for n in share.others:                       # (read up to the periods started by as_of: judged as they are)
        values = recent.get(n.id, [])
        judged = _judged(n, values, calendar)
        run = _run_below(n, judged)
        extra[n.id].update(judged=judged, run=run)
        if len(values) == share.need[n.id] and run == len(judged):
            # below target in every value read: the run may start earlier
            longer.append((n.id, share.until[n.id], n.direction == Direction.LOWER))
    rows.update(recent)
    by_year: dict[str, list[int]] = {}           # a summed forecast adds the pace to the year to date
    for n in share.others:
        if n.aggregation == "sum" and n.due_date and n.target is not None and recent.get(n.id):
            by_year.setdefault(calendar.year_start(recent[n.id][-1].period).isoformat(), []).append(n.id)
    owing = {n.id: (n.frequency, _owed_by(n, as_of, settings.grace_days, calendar)[1]) for n in share.others}
    unvalued = frozenset(n.id for n in share.others if not recent.get(n.id))
    return rows, extra, _Further([n.id for n in share.nodes], share.first_read, share.bounds, longer, by_year, owing,
                                 unvalued)


def _further(reads: MonitoringReads, created: dict[int, dt.date], further: _Further) -> dict[int, dict]:
    """The facts that follow from the newest values, by node: the whole run below target of those whose
    every value read is below it, the year to date of summed forecasts, and the first period of those
    made after the period owed now (``created``: the day each node was made, told too)."""
    out: dict[int, dict] = {nid: {"created": created.get(nid)} for nid in further.nodes}
    below = reads.runs_below(further.longer, further.first_read)
    for nid, *_rest in further.longer:           # the whole run: every value after the last that met its target
        out[nid]["longer_run"] = below.get(nid)
    for first, group in further.by_year.items():
        found = reads.window_figures(first, further.bounds, group)
        for nid in group:
            out[nid]["to_date"] = found[nid][1] if nid in found else None
    late = []
    for nid, (frequency, owed_start) in further.owed.items():
        made = created.get(nid)
        if made is None or _start_of(made, frequency) > owed_start or nid in further.unvalued:
            late.append(nid)                     # made after the period owed, or no value: its first period decides
    firsts = reads.first_ends(late, since=further.first_read)
    for nid in late:
        out[nid]["first_end"] = firsts.get(nid)
    return out
