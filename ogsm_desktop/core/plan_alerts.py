"""Every alert of a plan: the rules of :mod:`.alerts` over all its goals and measures as of a date, read
sparingly — a share of the measures at a time, the few newest values of each from the index, and the reads
that follow from them on a second connection on a thread of their own meanwhile (a big plan); or value by
value as the plan stood after a batch (a version's alerts)."""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Callable, Generator, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from types import MappingProxyType

from . import monitoring, periods
from .alerts import (
    FORECAST_POINTS,
    Alert,
    action_alerts,
    judge_rows,
    missed_span,
    node_alerts,
    owed_by,
    reached,
    run_below,
    start_of,
)
from .model import QUANTIFIED, Actual, Direction, Kind, Node
from .perf import holding, let_window_first, paused_gc
from .plan_settings import MonitorSettings
from .storage import Plan
from .storage.monitoring_reads import MonitoringReads

SHARE = 2_500        # measures read at a time on a big plan (see _sparingly)
NO_FACTS: Mapping[str, object] = MappingProxyType({})      # no extra facts about a node


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
                found[node.id] = node_alerts(node, rows.get(node.id, []), as_of, settings, **extra.get(node.id, NO_FACTS))
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
        extra[node_id] = {**extra.get(node_id, NO_FACTS), "by_due": reached(node, rows.get(node_id, []), span)}


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
                    extra[node.id] = {**extra.get(node.id, NO_FACTS), "by_due": by_due}
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
    # The side thread pauses between its statements, not inside them (SideReader), as a worker does while the
    # window's thread asks — unless this thread is the window's, holding the workers (an edit's alerts checked):
    # it would wait for that hold at each.
    pause = (lambda: None) if holding() else let_window_first

    def created() -> dict[int, dt.date]:
        pause()
        return side.created_on(ids)

    with side, ThreadPoolExecutor(max_workers=1, thread_name_prefix="alerts-read") as reader:
        made = reader.submit(created)                   # read while the first share's newest values are
        pending: deque[_Pending] = deque()
        try:
            for share in shares:
                for waiting in pending:
                    if waiting.reading.done():
                        waiting.reading.result()      # a read that failed fails the evaluation now, not at the end
                share_rows, share_extra, further = _judge(plan, share, share.newest(plan.actuals), as_of, settings)
                pending.append(_Pending(share.nodes, share_rows, share_extra, further,   # (one worker, in order:
                                        reader.submit(lambda f=further: _further(side, made.result(), f, pause))))   # made is done)
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
    later: dict[int, str]                  # per node whose values read all end later, the end of the period owed
    unvalued: frozenset[int] = frozenset()  # no value read by the period owed: its first period (where a stale
                                            # alert starts) is read


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
            out.update(reads.recent_values(count, [nid for nid, c in self.need.items() if c == count],
                                           until=self.until, since=self.first_read))
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
        judged = judge_rows(n, values, calendar)
        run = run_below(n, judged)
        extra[n.id].update(judged=judged, run=run)
        if len(values) == share.need[n.id] and run == len(judged):
            # below target in every value read: the run may start earlier
            longer.append((n.id, share.until[n.id], n.direction == Direction.LOWER))
    rows.update(recent)
    by_year: dict[str, list[int]] = {}           # a summed forecast adds the pace to the year to date
    for n in share.others:
        if n.aggregation == "sum" and n.due_date and n.target is not None and recent.get(n.id):
            by_year.setdefault(calendar.year_start(recent[n.id][-1].period).isoformat(), []).append(n.id)
    owing, later, unvalued = {}, {}, set()
    for n in share.others:
        due, start, _in_year = owed_by(n, as_of, settings.grace_days, calendar)
        owing[n.id] = (n.frequency, start)
        values = recent.get(n.id)
        due_end = periods.period_end(due)
        if not values or periods.period_end(values[0].period) > due_end:
            unvalued.add(n.id)                   # no value by the period owed read: its first period is read
            if values and len(values) == share.need[n.id]:
                later[n.id] = due_end            # and, as others may be before the values read, read back to it
    return rows, extra, _Further([n.id for n in share.nodes], share.first_read, share.bounds, longer, by_year, owing,
                                 later, frozenset(unvalued))


def _further(reads: MonitoringReads, created: dict[int, dt.date], further: _Further,
             pause: Callable[[], None] = lambda: None) -> dict[int, dict]:
    """The facts that follow from the newest values, by node: the whole run below target of those whose
    every value read is below it, the year to date of summed forecasts, and the first period of those
    made after the period owed now (``created``: the day each node was made, told too). ``pause``: called
    before each read (the side thread's, see _sparingly)."""
    out: dict[int, dict] = {nid: {"created": created.get(nid)} for nid in further.nodes}
    pause()
    below = reads.runs_below(further.longer, further.first_read)
    for nid, *_rest in further.longer:           # the whole run: every value after the last that met its target
        out[nid]["longer_run"] = below.get(nid)
    for first, group in further.by_year.items():
        pause()
        found = reads.window_figures(first, further.bounds, group)
        for nid in group:
            out[nid]["to_date"] = found[nid][1] if nid in found else None
    late = []
    for nid, (frequency, owed_start) in further.owed.items():
        made = created.get(nid)
        if made is None or start_of(made, frequency) > owed_start or nid in further.unvalued:
            late.append(nid)                     # made after the period owed, or no value: its first period decides
    pause()
    firsts = reads.first_ends(late, since=further.first_read)
    for nid in late:
        out[nid]["first_end"] = firsts.get(nid)
    if further.later:                        # (rare: values typed ahead of a period owed, or many grace days)
        pause()
        before = reads.recent_values(1, list(further.later), since=further.first_read, until=further.later)
        for nid in further.later:                # (the newest that ends by then: any of those ending that day)
            out[nid]["until_owed"] = before[nid][0].period if nid in before else None
    return out
