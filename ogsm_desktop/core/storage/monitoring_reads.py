"""The reads monitoring asks of the actuals — the newest values of many measures at once, the runs below
target, the first periods, the values and figures of a window of periods — each one statement (or one per
chunk of nodes) however many measures are asked about. Mixed into :class:`~.actuals.ActualStore`, and
offered on a second connection of their own by :class:`SideReader` (a big plan's alerts)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable
from itertools import groupby
from operator import itemgetter

from ..model import Actual
from .journal import created_on
from .sql import NEWEST_FIRST, OLDEST_FIRST, chunks, marks, period_length

_node = itemgetter(0)
# a node n's level target: what a period without a target of its own is judged against (figures.level_target)
_LEVEL = "CASE WHEN n.aggregation <> 'sum' AND n.target_mode = 'period' THEN n.target END"
# A value worse than its target (its own, else the level ``p.level``), as figures.short_of says: within the
# rounding of binary arithmetic it meets it.
_SHORT_OF = ("CASE WHEN p.lower THEN actual > COALESCE(target, p.level) ELSE actual < COALESCE(target, p.level) END "
             "AND abs(actual - COALESCE(target, p.level)) > 1.4e-14 * max(abs(actual), abs(COALESCE(target, p.level)))")
# A node's figures over its rows ``a`` (the newest row's columns beside MAX: SQLite's bare columns).
_FIGURES = (f"SELECT n.id, COUNT(a.actual), SUM(a.actual), SUM(COALESCE(a.target, {_LEVEL})), "
            f"COUNT(COALESCE(a.target, {_LEVEL})), MAX(a.period_end), a.period, a.actual, a.target, a.comment")
# Every node's figures are read node by node (the nodes in order, each one's rows found by the index, grouped as
# they come): scanning the whole index instead reads every value of every year, and grouping rows that come in
# another order sorts them first. A third faster on the big plan's 1,000,000 values. (CROSS JOIN: in this order.)
_ALL_NODES = "FROM nodes n CROSS JOIN actuals a ON a.node_id = n.id"
SPANS_BY_NODE = 1000        # spans of more nodes than this are read node by node too


# The current rows ``a`` of a node ``n`` whose periods end from a first end to the bound of the node's frequency
# (the arguments: :func:`_window_args`).
_IN_WINDOW = ("a.ended_batch IS NULL AND a.period_end >= ? AND a.period_end <= CASE n.frequency "
              "WHEN 'weekly' THEN ? WHEN 'quarterly' THEN ? ELSE ? END")


def _window_args(first_end: str, bounds: dict[str, str]) -> list[str]:
    return [first_end, bounds["weekly"], bounds["quarterly"], bounds["monthly"]]


def _figures_of(r: tuple) -> tuple:
    """A row of ``_FIGURES`` as the figures its readers take (the node id and MAX(period_end) left out)."""
    return r[1], r[2], r[3], r[4], r[6], r[7], r[8], r[9]


def _valid(at_batch: int | None) -> tuple[str, list]:
    """The SQL condition (and its arguments) of the actuals current now, or right after ``at_batch``."""
    if at_batch is None:
        return "ended_batch IS NULL", []
    return "batch_id <= ? AND (ended_batch IS NULL OR ended_batch > ?)", [at_batch, at_batch]


class MonitoringReads:
    """Mixed into ActualStore, which provides the connection; also :class:`SideReader`'s.

    The reads a side reader makes answer in one row, their rows gathered by SQLite into one JSON text
    (ids, counts, periods and dates only: SQLite's JSON writes a REAL with 15 digits, not exactly) — all
    but :meth:`window_figures`, whose sums must be exact (one row a summed measure with a forecast). A
    statement answering row by row lets go of Python's lock while SQLite finds each row and takes it
    back for each: on a thread beside one that is working, it waits for the lock at every row."""

    conn: sqlite3.Connection

    def _cursor(self) -> sqlite3.Cursor:
        cur = self.conn.cursor()
        cur.row_factory = None
        return cur

    def recent_values(self, count: int, node_ids: Iterable[int], until: dict[int, str] | None = None,
                      since: str = "") -> dict[int, list[Actual]]:
        """The ``count`` newest current actuals that have a value, per node, oldest first — their values and
        targets: their comments are not read (each is ""; the alerts do not read them) — from one statement
        that reads a short stretch of the index of current values (actuals_now) per node; ``until`` per node
        the last period end to read, ``since`` the first."""
        wanted = [[node_id, "9999" if until is None else until.get(node_id, "9999")]
                  for node_id in dict.fromkeys(node_ids)]      # (each once: a node's rows come together)
        out: dict[int, list[Actual]] = {}
        if not wanted:
            return out
        # The rows are put in order by SQLite (one sort of the few rows read), and only the columns read are
        # made Python objects: less time than sorting them here, by keys read for it. Periods of one measure
        # that end on the same day (a month and its quarter, kept by an older program, or from before its
        # frequency changed) are listed the longer first, as the plan lists them. (Which of them is read when
        # the count ends among them is left to the index: the few newest of each node, read by LIMIT, ordered
        # by their length too cost a sort a node, a quarter more time for the alerts' reads.)
        rows = self._cursor().execute(
            "SELECT a.node_id, a.period, a.actual, a.target FROM json_each(?1) j JOIN actuals a ON a.id IN "
            "(SELECT id FROM actuals WHERE node_id = json_extract(j.value, '$[0]') AND ended_batch IS NULL AND "
            "actual IS NOT NULL AND period_end BETWEEN ?2 AND json_extract(j.value, '$[1]') ORDER BY period_end "
            f"DESC LIMIT ?3) ORDER BY j.key, a.period_end, {period_length('a.period')} DESC",
            (json.dumps(wanted), since, count)).fetchall()
        for node_id, group in groupby(rows, _node):
            out[node_id] = [Actual(*r) for r in group]
        return out

    def runs_below(self, wanted: Iterable[tuple[int, str, bool]], first_end: str) -> dict[int, tuple[int, str]]:
        """Per node of ``wanted`` — ``(node_id, bound, lower_is_better)`` — the run of values below target that
        ends its values up to ``bound`` (read from ``first_end`` on): how many, and the first period of the
        run — every value after the newest one that met its target (its own, else the measure's level target,
        as ``figures.level_target`` says) or had none to meet. Nodes whose newest value met it are left out.
        One statement for them all, that answers in one row (see the class). The level target is read from
        the node's row, not sent as JSON text: before SQLite 3.43, where ``long double`` is no wider than
        ``double`` (Windows, arm64 macOS), SQLite's text-to-number conversion may miss the exact double."""
        spec = json.dumps([[node_id, bound, 1 if lower else 0] for node_id, bound, lower in wanted])
        found = self._cursor().execute(
                "WITH p(id, bound, lower, level) AS MATERIALIZED (SELECT n.id, json_extract(j.value, '$[1]'), "
                f"json_extract(j.value, '$[2]'), {_LEVEL} FROM json_each(?1) j "
                "JOIN nodes n ON n.id = json_extract(j.value, '$[0]')), "
                # every value read, in one pass: the newest that met its target, how many, the first (its end
                # and period, as one text: the end is ten characters long)
                "w(id, bound, x) AS MATERIALIZED (SELECT p.id, p.bound, (SELECT json_array(MAX(CASE WHEN NOT "
                f"(COALESCE(target, p.level) IS NOT NULL AND {_SHORT_OF}) THEN period_end END), COUNT(*), "
                "MIN(period_end || period)) FROM actuals WHERE node_id = p.id AND ended_batch IS NULL AND actual "
                "IS NOT NULL AND period_end BETWEEN ?2 AND p.bound) FROM p), "
                "m(id, bound, met, n, first) AS (SELECT id, bound, json_extract(x, '$[0]'), json_extract(x, '$[1]'), "
                "json_extract(x, '$[2]') FROM w) "
                # none met: the run is every value read; else every value after the newest that met, counted
                # node by node (a join grouped by node sorts them all)
                "SELECT json_group_array(CASE WHEN m.met IS NULL THEN json_array(m.id, m.n, substr(m.first, 11)) "
                "ELSE json((SELECT json_array(m.id, COUNT(*), a.period, MIN(a.period_end)) FROM actuals a "
                "WHERE a.node_id = m.id AND a.ended_batch IS NULL AND a.actual IS NOT NULL "
                "AND a.period_end > m.met AND a.period_end BETWEEN ?2 AND m.bound)) END) FROM m",
                (spec, first_end)).fetchone()[0]
        return {node_id: (count, period) for node_id, count, period, *_end in json.loads(found) if count}

    def first_ends(self, node_ids: Iterable[int], since: str = "") -> dict[int, str]:
        """Per node, the end of its first current period (a value or only a target) from ``since`` on; one
        statement that answers in one row (see the class)."""
        found = self._cursor().execute(
            "SELECT json_group_array(json_array(id, first)) FROM (SELECT j.value AS id, (SELECT MIN(period_end) "
            "FROM actuals WHERE node_id = j.value AND ended_batch IS NULL AND period_end >= ?2) AS first "
            "FROM json_each(?1) j) WHERE first IS NOT NULL", (json.dumps(list(node_ids)), since)).fetchone()[0]
        return dict(json.loads(found))

    def between(self, first_end: str, last_end: str, node_ids: Iterable[int] | None = None,
                at_batch: int | None = None) -> dict[int, list[Actual]]:
        """Per node, the actuals (with a value or only a target) of the periods that end from ``first_end``
        to ``last_end`` (ISO dates), oldest first; now, or as they stood right after batch ``at_batch``.
        One pass that SQLite filters: what the statuses of a year read."""
        valid, args = _valid(at_batch)
        sql = (f"SELECT node_id, period, actual, target, comment FROM actuals WHERE {valid} "
               "AND period_end BETWEEN ? AND ?")
        args = [*args, first_end, last_end]
        out: dict[int, list[Actual]] = {}
        cur = self._cursor()
        if node_ids is None:
            for r in cur.execute(sql + f" ORDER BY node_id, {OLDEST_FIRST}", args):
                out.setdefault(r[0], []).append(Actual(*r))
            return out
        for part in chunks(sorted(set(node_ids))):
            for r in cur.execute(sql + f" AND node_id IN ({marks(part)}) ORDER BY node_id, {OLDEST_FIRST}",
                                 [*args, *part]):
                out.setdefault(r[0], []).append(Actual(*r))
        return out

    def last_values(self, first_end: str, bounds: dict[str, str], node_ids: Iterable[int] | None = None
                    ) -> dict[int, tuple[str, float, float | None]]:
        """Per goal or measure, its newest current value whose period ends from ``first_end`` to the bound of
        its frequency (``bounds`` as for :meth:`window_figures`): ``(period, actual, target)``. Read from
        ``latest_actuals`` where the newest value is within the bound (the usual case: nothing recorded
        ahead of the as-of date), from the index for the others."""
        cur = self._cursor()
        wanted = None if node_ids is None else set(node_ids)
        out: dict[int, tuple[str, float, float | None]] = {}
        later: list[tuple[int, str]] = []
        for node_id, period, end, actual, target, frequency in cur.execute(
                "SELECT l.node_id, l.period, l.period_end, l.actual, l.target, n.frequency FROM latest_actuals l "
                "JOIN nodes n ON n.id = l.node_id"):
            if wanted is not None and node_id not in wanted:
                continue
            bound = bounds.get(frequency, bounds["monthly"])
            if end <= bound:
                if end >= first_end:
                    out[node_id] = (period, actual, target)
            else:
                later.append((node_id, bound))
        sql = ("SELECT period, actual, target, period_end FROM actuals WHERE node_id = ? AND ended_batch IS NULL "
               f"AND actual IS NOT NULL AND period_end <= ? ORDER BY {NEWEST_FIRST} LIMIT 1")
        for node_id, bound in later:
            r = cur.execute(sql, (node_id, bound)).fetchone()
            if r is not None and r[3] >= first_end:
                out[node_id] = (r[0], r[1], r[2])
        return out

    def window_figures(self, first_end: str, bounds: dict[str, str], node_ids: Iterable[int] | None = None
                       ) -> dict[int, tuple]:
        """Per goal or measure, its current values whose period ends from ``first_end`` to the bound of the
        node's frequency (``bounds``: frequency → ISO date; periods that started by an as-of date):
        ``(count, sum, judged-target sum, judged-target count, last period, last actual, last target, last
        comment)``.

        The judged target of a row is its own, or the node's target for a level (an averaged or last-value
        measure with per-period targets), as ``figures.period_target`` says. SQLite does the scanning and
        the sums, so a big plan's figures cost one pass, not a Python object per value."""
        args = _window_args(first_end, bounds)
        cur = self._cursor()
        out: dict[int, tuple] = {}
        if node_ids is None:
            for r in cur.execute(f"{_FIGURES} {_ALL_NODES} WHERE a.actual IS NOT NULL AND {_IN_WINDOW} GROUP BY n.id",
                                 args):
                out[r[0]] = _figures_of(r)
            return out
        sql = f"{_FIGURES} FROM actuals a JOIN nodes n ON n.id = a.node_id WHERE a.actual IS NOT NULL AND {_IN_WINDOW}"
        for part in chunks(sorted(set(node_ids))):
            for r in cur.execute(sql + f" AND a.node_id IN ({marks(part)}) GROUP BY a.node_id", [*args, *part]):
                out[r[0]] = _figures_of(r)
        return out

    def below_zero(self, first_end: str, bounds: dict[str, str], node_ids: Iterable[int]) -> set[int]:
        """Those of ``node_ids`` with a current value below zero among those :meth:`window_figures` counts."""
        sql = f"SELECT DISTINCT a.node_id FROM actuals a JOIN nodes n ON n.id = a.node_id WHERE a.actual < 0 AND {_IN_WINDOW}"
        args = _window_args(first_end, bounds)
        out: set[int] = set()
        for part in chunks(sorted(set(node_ids))):
            out.update(r[0] for r in self._cursor().execute(sql + f" AND a.node_id IN ({marks(part)})", [*args, *part]))
        return out

    def span_figures(self, spans: dict[int, tuple[str, str]]) -> dict[int, tuple]:
        """:meth:`window_figures` over a span of each node's own: ``spans`` maps a node to the first and the
        last period end counted (ISO dates). One pass however the spans differ (a review's period before,
        counted as far as each measure's newest value now reaches)."""
        if not spans:
            return {}
        if len(spans) > SPANS_BY_NODE:          # (see _ALL_NODES; the spans looked up by node)
            sql = ("WITH s(id, first, last) AS MATERIALIZED (SELECT CAST(key AS INTEGER), json_extract(value, '$[0]'), "
                   f"json_extract(value, '$[1]') FROM json_each(?)) {_FIGURES} FROM nodes n CROSS JOIN s "
                   "CROSS JOIN actuals a ON a.node_id = n.id WHERE s.id = n.id AND a.ended_batch IS NULL "
                   "AND a.actual IS NOT NULL AND a.period_end >= s.first AND a.period_end <= s.last GROUP BY n.id")
        else:
            sql = (f"{_FIGURES} FROM json_each(?) j CROSS JOIN actuals a ON a.node_id = CAST(j.key AS INTEGER) "
                   "JOIN nodes n ON n.id = a.node_id WHERE a.ended_batch IS NULL AND a.actual IS NOT NULL "
                   "AND a.period_end >= json_extract(j.value, '$[0]') AND a.period_end <= json_extract(j.value, '$[1]') "
                   "GROUP BY a.node_id")
        out: dict[int, tuple] = {}
        for r in self._cursor().execute(sql, [json.dumps({str(k): v for k, v in spans.items()})]):
            out[r[0]] = _figures_of(r)
        return out

    def unvalued_periods(self, groups: dict[int, list[tuple[str, str, str]]], nodes: list[tuple[int, int]]
                         ) -> list[tuple[int, str, float | None]]:
        """Per node of ``nodes`` — ``(node id, group)`` — the periods of its group (``groups``: group → its
        periods, ``(key, first day, last day)`` in ISO dates) in which no current value of the node ends, with
        the target each is judged by (its row's own, else the node's level target, as
        ``figures.period_target`` says; None: none): ``(node id, period, target)``, each node's in the order
        of its group. One statement that probes the index of current values per node and period."""
        if not nodes:
            return []
        spec = json.dumps({"groups": {str(g): list(keys) for g, keys in groups.items()}, "nodes": nodes})
        return self._cursor().execute(
            "WITH k(g, n, period, first, last) AS MATERIALIZED (SELECT CAST(g.key AS INTEGER), x.key, "
            "json_extract(x.value, '$[0]'), json_extract(x.value, '$[1]'), json_extract(x.value, '$[2]') "
            "FROM json_each(?1, '$.groups') g, json_each(g.value) x), "
            "w(id, g) AS MATERIALIZED (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') "
            "FROM json_each(?1, '$.nodes')) "
            "SELECT w.id, k.period, COALESCE((SELECT target FROM actuals WHERE node_id = w.id AND period_end = k.last "
            f"AND period = k.period AND ended_batch IS NULL), {_LEVEL}) FROM w JOIN k ON k.g = w.g JOIN nodes n ON n.id = w.id "
            "WHERE NOT EXISTS (SELECT 1 FROM actuals a WHERE a.node_id = w.id AND a.ended_batch IS NULL "
            "AND a.actual IS NOT NULL AND a.period_end BETWEEN k.first AND k.last) ORDER BY w.id, k.n",
            (spec,)).fetchall()

    def last_rows(self, first_end: str, bounds: dict[str, str], node_ids: Iterable[int]
                  ) -> dict[int, tuple[str, str, int, float | None, int, float | None]]:
        """Per node, its current rows (a value or only a target) whose period ends from ``first_end`` to the
        bound of its frequency: ``(last period, last comment, rows, judged-target sum, judged-target count,
        last target)`` — the judged targets as :meth:`window_figures` reads them."""
        sql = (f"SELECT a.node_id, MAX(a.period_end), a.period, a.comment, COUNT(*), SUM(COALESCE(a.target, {_LEVEL})), "
               f"COUNT(COALESCE(a.target, {_LEVEL})), a.target FROM actuals a JOIN nodes n ON n.id = a.node_id "
               "WHERE a.ended_batch IS NULL AND a.period_end >= ? AND a.period_end <= CASE n.frequency "
               "WHEN 'weekly' THEN ? WHEN 'quarterly' THEN ? ELSE ? END")
        args = [first_end, bounds["weekly"], bounds["quarterly"], bounds["monthly"]]
        out: dict[int, tuple[str, str, int, float | None, int, float | None]] = {}
        for part in chunks(sorted(set(node_ids))):
            for r in self._cursor().execute(sql + f" AND a.node_id IN ({marks(part)}) GROUP BY a.node_id",
                                            [*args, *part]):
                out[r[0]] = (r[2], r[3], r[4], r[5], r[6], r[7])
        return out


class SideReader(MonitoringReads):
    """The monitoring reads on a read-only connection of their own to the plan file
    (:meth:`.Plan.side_reader`), for a thread that reads beside the one using the plan's connection;
    closed when done (a context manager)."""

    def __init__(self, conn: sqlite3.Connection):
        # Without the pauses a worker's reads make inside a statement (connection.connect_readonly): each
        # takes Python's lock, which the alerts' thread beside, working in Python, hands over only every few
        # ms — a fifth of the big plan's alerts' time. Its reader pauses between statements instead
        # (plan_alerts._sparingly), most of which answer in one row (see the class).
        conn.set_progress_handler(None, 0)
        self.conn = conn

    def created_on(self, node_ids: Iterable[int] | None = None) -> dict[int, dt.date]:
        """The day each node was made (:meth:`.Journal.created_on`)."""
        return created_on(self.conn, node_ids)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SideReader:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
