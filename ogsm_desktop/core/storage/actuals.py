"""Actual values of goals and measures, per period, with their own history.

A row is valid from ``batch_id`` until ``ended_batch`` (NULL: still current). A change ends the current
row and adds a new one, so the table is the journal of actuals too, and any earlier state can be read.
``latest_actuals`` (each node's newest current value) is rewritten for the nodes a batch touched,
inside the same transaction.
"""

from __future__ import annotations

import json
import sqlite3
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter

from .. import periods
from ..changes import ChangeSet
from ..errors import NotFoundError, ValidationError
from ..fields import same_values
from ..i18n import _
from ..labels import a_kind_label
from ..model import QUANTIFIED, Actual, Kind
from .batch import BatchWriter, last_batch_id
from .monitoring_reads import MonitoringReads, _valid
from .sql import CHUNK, NEWEST_FIRST, chunks, marks

_node_of = itemgetter(0)

_INSERT = ("INSERT INTO actuals (node_id, period, period_end, actual, target, comment, batch_id) "
           "VALUES (?, ?, ?, ?, ?, ?, ?)")


@dataclass(frozen=True)
class ActualChange:
    batch_id: int
    node_id: int
    period: str
    old: tuple | None    # (actual, target, comment) before, None when new
    new: tuple | None    # after, None when removed


# A value the source does not give (no column for it, or an empty cell): the plan's value stays. A bare object,
# not an instance of a class of its own, which the cycle collector would track: a tuple holding one stays
# tracked, and a big import's million rows were then walked by every full collection while its preview was
# open (0.17 s each); rows of numbers, text and KEEP are left alone by the collector once it has seen them.
KEEP = object()


def merged(new: tuple, current: tuple | None) -> tuple:
    """``(actual, target, comment)`` with every KEEP taken from ``current`` (None / "" when there is none)."""
    if current is None:
        current = (None, None, "")
    return tuple(c if v is KEEP else v for v, c in zip(new, current, strict=True))


def combine(first: tuple, second: tuple) -> tuple | None:
    """Two sources' ``(actual, target, comment)`` for one measure and period as one (a sheet of actuals and a
    sheet of targets); None when they give different values for one field."""
    out = []
    for a, b in zip(first, second, strict=True):
        if a is KEEP or a == b:
            out.append(b)
        elif b is KEEP:
            out.append(a)
        else:
            return None
    return tuple(out)


@dataclass
class ActualDiff:
    """What an upsert of actual values changes: rows to end, rows to add, and the counts."""

    as_of_batch: int                 # the plan's last batch when the diff was made
    ended: list[int] = field(default_factory=list)
    inserted: list[tuple] = field(default_factory=list)
    # kept: actuals and targets the source left empty or did not give, which keep the plan's (KEEP)
    counts: dict[str, int] = field(default_factory=lambda: {"new": 0, "changed": 0, "unchanged": 0, "kept": 0})
    previous: dict[tuple[int, str], tuple] = field(default_factory=dict)   # changed values as they were


class ActualStore(MonitoringReads):
    def __init__(self, conn: sqlite3.Connection, writer: BatchWriter):
        self.conn, self.writer = conn, writer
        writer.finishers.append(self._refresh_latest)

    # ----------------------------------------------------------------- reading
    def of(self, node_id: int, at_batch: int | None = None) -> list[Actual]:
        """A node's actuals by period, now or as they stood right after batch ``at_batch``."""
        valid, args = _valid(at_batch)
        rows = self.conn.execute(
            f"SELECT node_id, period, actual, target, comment FROM actuals WHERE node_id = ? AND {valid}",
            [node_id, *args])
        out = [Actual(*r) for r in rows]
        out.sort(key=lambda a: periods.sort_key(a.period))
        return out

    def values(self, node_id: int, at_batch: int | None = None) -> dict[str, tuple]:
        """A node's ``(actual, target, comment)`` by period, now or right after batch ``at_batch``."""
        return {a.period: (a.actual, a.target, a.comment) for a in self.of(node_id, at_batch)}

    def targets(self, node_id: int) -> dict[str, float]:
        """The targets a node's periods now have, by period (what its figures are judged against)."""
        return self.period_targets([node_id]).get(node_id, {})

    def period_targets(self, node_ids: Iterable[int]) -> dict[int, dict[str, float]]:
        """Of the nodes ``node_ids``, those whose periods have targets, each with ``{period: target}``."""
        out: dict[int, dict[str, float]] = {}
        for chunk in chunks(list(node_ids)):
            for node_id, period, target in self.conn.execute(
                    "SELECT node_id, period, target FROM actuals WHERE ended_batch IS NULL AND target IS NOT NULL "
                    f"AND node_id IN ({marks(chunk)})", chunk):
                out.setdefault(node_id, {})[period] = target
        return out

    def any_numbers(self, node_ids: Iterable[int]) -> bool:
        """Whether a period of the nodes ``node_ids`` now holds a number (an actual or a target; not a comment)."""
        return any(self.conn.execute(
            "SELECT 1 FROM actuals WHERE ended_batch IS NULL AND (actual IS NOT NULL OR target IS NOT NULL) "
            f"AND node_id IN ({marks(chunk)}) LIMIT 1", chunk).fetchone() for chunk in chunks(list(node_ids)))

    def comments(self, wanted: Iterable[tuple[int, str]]) -> dict[tuple[int, str], str]:
        """The current comments of the periods ``wanted`` (``(node id, period)``) that have one."""
        sql = ("SELECT a.node_id, a.period, a.comment FROM json_each(?) j CROSS JOIN actuals a "
               "ON a.node_id = json_extract(j.value, '$[0]') AND a.period_end = json_extract(j.value, '$[2]') "
               "AND a.period = json_extract(j.value, '$[1]') WHERE a.ended_batch IS NULL AND a.comment != ''")
        keys = [(node_id, period, periods.period_end(period)) for node_id, period in wanted]
        return {(n, p): c for n, p, c in self.conn.execute(sql, [json.dumps(keys)])}

    def stamped(self, node_id: int) -> list[tuple[Actual, str, str]]:
        """A node's current actuals by period, each with when and by whom it was last written."""
        rows = self.conn.execute(
            "SELECT a.node_id, a.period, a.actual, a.target, a.comment, b.at, b.who FROM actuals a "
            "JOIN batches b ON b.id = a.batch_id WHERE a.node_id = ? AND a.ended_batch IS NULL", (node_id,))
        out = [(Actual(*r[:5]), r[5], r[6]) for r in rows]
        out.sort(key=lambda x: periods.sort_key(x[0].period))
        return out

    def latest(self) -> dict[int, Actual]:
        """Each goal's and measure's newest period that has a value (what status and progress use)."""
        return {r[0]: Actual(*r) for r in self._cursor().execute(
            "SELECT node_id, period, actual, target, comment FROM latest_actuals")}

    def iter_current(self) -> Iterator[tuple]:
        """Every current actual as ``(node_id, period, actual, target, comment)``, by node and period."""
        yield from self._cursor().execute(
            "SELECT node_id, period, actual, target, comment FROM actuals WHERE ended_batch IS NULL "
            "ORDER BY node_id, period_end, period")

    def size_hint(self) -> int:
        """About how many actual rows the plan holds (ended ones too), without counting them."""
        return self.conn.execute("SELECT COALESCE(MAX(id), 0) FROM actuals").fetchone()[0]

    def count(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM actuals WHERE ended_batch IS NULL").fetchone()[0]

    # ----------------------------------------------------------------- upserts: diff, then apply
    def write(self, rows: Iterable[tuple]) -> dict[str, int]:
        """Upsert ``(node_id, period, actual, target, comment)`` rows by node and period.

        Unchanged values are left alone (so a re-import changes nothing); a changed value ends the
        current row and adds a new one. Returns counts of ``new``, ``changed`` and ``unchanged``.
        """
        with self.writer.batch("edit"):
            diff = self.diff(rows)
            self.apply(diff)
        return diff.counts

    def diff(self, rows: Iterable[tuple]) -> ActualDiff:
        """What upserting ``(node_id, period, actual, target, comment)`` rows would change; writes nothing.

        Checks the periods and the nodes, and refuses one node and period given two different values.
        """
        seen: dict[tuple[int, str], tuple] = {}
        for n, p, a, t, c in rows:
            key, value = (int(n), str(p)), (a, t, c or "")
            if key in seen:
                if seen[key] != value:
                    raise ValidationError(_("two different values for node {id}, period {period}: {first!r} and "
                                            "{second!r}").format(id=key[0], period=key[1], first=seen[key][0], second=a))
                continue
            seen[key] = value
        ends: dict[str, str] = {}
        for _node, period in seen:
            if period not in ends:
                if not periods.is_period(period):
                    raise ValidationError(_("not a period: {key!r} (expected 2026-03, 2026-W05, 2026-Q1 or 2026)").format(
                        key=period))
                ends[period] = periods.period_end(period)
        node_ids = sorted({n for n, _period in seen})
        for part in chunks(node_ids):
            kinds = dict(self.conn.execute(f"SELECT id, kind FROM nodes WHERE id IN ({marks(part)})", part))
            for nid in part:
                if nid not in kinds:
                    raise NotFoundError(_("no node with id {id} for an actual value").format(id=nid))
                if Kind(kinds[nid]) not in QUANTIFIED:
                    raise ValidationError(_("only goals and measures take actual values, not {a_kind}").format(
                        a_kind=a_kind_label(kinds[nid])))
        prepared = sorted(((n, p, ends[p], *value, 0) for (n, p), value in seen.items()), key=lambda r: (r[0], r[1]))
        return self.compare_prepared(prepared)

    def compare_prepared(self, rows: list[tuple], *, as_workbooks_keep: bool = False) -> ActualDiff:
        """Compare ``(node_id, period, period_end, actual, target, comment, …)`` rows, sorted by node and
        without repeated keys, with the current values, a few hundred nodes at a time (memory stays
        small whatever the size of the file). Writes nothing. A value given as :data:`KEEP` keeps the
        plan's value: a source changes only what it gives. ``as_workbooks_keep``: a number equal to 15
        significant digits is no change (a workbook's, which keeps no more); a number typed is exact."""
        diff = ActualDiff(last_batch_id(self.conn))
        counts = diff.counts
        cur = self._cursor()
        # The rows of CHUNK nodes at a time, found without a Python step per row (a million rows: 0.1 s less).
        ids = list(map(_node_of, rows))
        distinct = list(dict.fromkeys(ids))
        i = 0
        for start in range(0, len(distinct), CHUNK):
            nodes = distinct[start:start + CHUNK]
            j = bisect_right(ids, nodes[-1], lo=i)
            current = {(r[1], r[2]): (r[0], (r[3], r[4], r[5])) for r in cur.execute(
                "SELECT id, node_id, period, actual, target, comment FROM actuals WHERE ended_batch IS NULL "
                f"AND node_id IN ({marks(nodes)})", nodes)}
            if not current:
                diff.inserted.extend(rows[i:j])
                counts["new"] += j - i
            else:
                for row in rows[i:j]:
                    found = current.get((row[0], row[1]))
                    if found is None:
                        counts["new"] += 1
                        diff.inserted.append(row)
                        continue
                    value = (row[3], row[4], row[5])
                    if KEEP in value:
                        counts["kept"] += (value[0] is KEEP and found[1][0] is not None) + \
                            (value[1] is KEEP and found[1][1] is not None)
                        value = merged(value, found[1])
                        row = (*row[:3], *value, *row[6:])
                    if found[1] == value or (as_workbooks_keep and same_values(found[1], value)):
                        counts["unchanged"] += 1
                    else:
                        counts["changed"] += 1
                        diff.ended.append(found[0])
                        diff.inserted.append(row)
                        diff.previous[(row[0], row[1])] = found[1]
            i = j
        return diff

    def apply(self, diff: ActualDiff) -> None:
        """Write a diff from :meth:`compare_prepared` in the running batch."""
        changes = self.writer.require()
        self.end(diff.ended)
        batch_id = changes.batch_id
        keep = KEEP

        def rows():
            for r in diff.inserted:
                a, t, c = r[3], r[4], r[5]
                yield (r[0], r[1], r[2], None if a is keep else a, None if t is keep else t, "" if c is keep else c,
                       batch_id)

        cur = self.conn.executemany(_INSERT, rows())
        changes.actuals_added += cur.rowcount
        changes.actual_nodes.update(map(_node_of, diff.inserted))

    # ----------------------------------------------------------------- low-level writes (undo, restore, loads)
    def insert(self, rows: Iterable[tuple]) -> int:
        """Insert ``(node_id, period, actual, target, comment)`` rows as current values of this batch."""
        changes = self.writer.require()
        touched, batch_id, end = changes.actual_nodes, changes.batch_id, periods.period_end

        def prepared():
            for n, p, a, t, c in rows:
                touched.add(n)
                yield n, p, end(p), a, t, c, batch_id

        cur = self.conn.executemany(_INSERT, prepared())
        changes.actuals_added += cur.rowcount
        return cur.rowcount

    def without_node(self, node_ids: Iterable[int]) -> list[int]:
        """Those of ``node_ids`` that hold current values but are not in the plan (any more), in order."""
        found: set[int] = set()
        for part in chunks(sorted(set(node_ids))):
            found.update(r[0] for r in self.conn.execute(
                f"SELECT DISTINCT node_id FROM actuals WHERE ended_batch IS NULL AND node_id IN ({marks(part)}) "
                "AND node_id NOT IN (SELECT id FROM nodes)", part))
        return sorted(found)

    def end(self, row_ids: list[int]) -> None:
        """Close current rows (their value is replaced or removed in this batch)."""
        changes = self.writer.require()
        self.conn.executemany("UPDATE actuals SET ended_batch = ? WHERE id = ?",
                              ((changes.batch_id, row_id) for row_id in row_ids))
        changes.actuals_ended += len(row_ids)

    def end_for_nodes(self, node_ids: list[int]) -> None:
        """Close every current value of these nodes (they are deleted)."""
        changes = self.writer.require()
        for part in chunks(node_ids):
            cur = self.conn.execute(f"UPDATE actuals SET ended_batch = ? WHERE ended_batch IS NULL AND node_id IN "
                                    f"({marks(part)})", (changes.batch_id, *part))
            changes.actuals_ended += cur.rowcount
        changes.actual_nodes.update(node_ids)

    def revert(self, batch_id: int) -> bool:
        """Undo the actual values of batch ``batch_id`` in the running batch; False, writing nothing, when
        a value it wrote or removed is not as it left it any more.

        The check is on values, not rows: an undo and a redo in between put the same values back as
        new rows, and the batch can still be undone after them."""
        written = {(r[0], r[1]): (r[2], r[3], r[4]) for r in self.conn.execute(
            "SELECT node_id, period, actual, target, comment FROM actuals "
            "WHERE batch_id = ?1 AND (ended_batch IS NULL OR ended_batch != ?1)", (batch_id,))}
        removed = self.conn.execute(
            "SELECT node_id, period, actual, target, comment FROM actuals "
            "WHERE ended_batch = ?1 AND batch_id != ?1", (batch_id,)).fetchall()
        keys = set(written) | {(r[0], r[1]) for r in removed}
        current: dict[tuple[int, str], tuple[int, tuple]] = {}
        for part in chunks(sorted({k[0] for k in keys})):
            for r in self._cursor().execute(
                    "SELECT id, node_id, period, actual, target, comment FROM actuals WHERE ended_batch IS NULL "
                    f"AND node_id IN ({marks(part)})", part):
                if (r[1], r[2]) in keys:
                    current[(r[1], r[2])] = (r[0], (r[3], r[4], r[5]))
        for key, value in written.items():
            if key not in current or current[key][1] != value:
                return False
        if any((r[0], r[1]) in current and (r[0], r[1]) not in written for r in removed):
            return False
        self.end([current[key][0] for key in written])
        self.writer.require().actual_nodes.update(key[0] for key in written)
        self.insert(removed)
        return True

    def restore_values(self, wanted: dict[tuple[int, str], tuple | None]) -> None:
        """Make the current actuals equal ``wanted`` for the given keys (None: remove)."""
        changes = self.writer.require()
        written = sorted({node_id for (node_id, _period), value in wanted.items() if value is not None})
        found = set()
        for part in chunks(written):
            found.update(r[0] for r in self.conn.execute(f"SELECT id FROM nodes WHERE id IN ({marks(part)})", part))
        if len(found) < len(written):             # a number never goes where no node is: the file would be damaged
            raise NotFoundError(_("numbers for a node that is not in the plan (#{id}); nothing was changed").format(
                id=min(set(written) - found)))
        ended, inserted = [], []
        for (node_id, period), value in wanted.items():
            r = self.conn.execute("SELECT id FROM actuals WHERE node_id = ? AND period = ? AND ended_batch IS NULL",
                                  (node_id, period)).fetchone()
            if r is not None:
                ended.append(r[0])
                changes.actual_nodes.add(node_id)
            if value is not None:
                inserted.append((node_id, period, *value))
        self.end(ended)
        self.insert(inserted)

    def _refresh_latest(self, changes: ChangeSet) -> None:
        """Rewrite ``latest_actuals`` for the nodes whose actuals the batch touched; note them in the
        change set, so that whoever follows the plan need not read them."""
        if not changes.actual_nodes:
            return
        ids = sorted(changes.actual_nodes)
        self.conn.execute("CREATE TEMP TABLE IF NOT EXISTS refresh_ids (id INTEGER PRIMARY KEY)")
        for start in range(0, len(ids), 30_000):
            part = ids[start:start + 30_000]
            self.conn.execute("DELETE FROM refresh_ids")
            self.conn.executemany("INSERT INTO refresh_ids (id) VALUES (?)", ((i,) for i in part))
            self.conn.execute("DELETE FROM latest_actuals WHERE node_id IN (SELECT id FROM refresh_ids)")
            # Each node's newest row is found from the index, reading a row or two: not all of its values.
            self.conn.execute(
                "INSERT INTO latest_actuals (node_id, period, period_end, actual, target, comment) "
                "SELECT a.node_id, a.period, a.period_end, a.actual, a.target, a.comment FROM refresh_ids r "
                "JOIN actuals a ON a.id = (SELECT id FROM actuals WHERE node_id = r.id AND ended_batch IS NULL "
                f"AND actual IS NOT NULL ORDER BY {NEWEST_FIRST} LIMIT 1)")
            found = {r[0]: Actual(*r) for r in self._cursor().execute(
                "SELECT node_id, period, actual, target, comment FROM latest_actuals "
                "WHERE node_id IN (SELECT id FROM refresh_ids)")}
            changes.latest.update({i: found.get(i) for i in part})

    # ----------------------------------------------------------------- history
    def changes_between(self, lo: int, hi: int) -> dict[tuple[int, str], tuple[tuple | None, tuple | None]]:
        """Actuals that differ between the state after batch ``lo`` and after batch ``hi`` (lo ≤ hi):
        ``{(node_id, period): (value_at_lo, value_at_hi)}``, a value being ``(actual, target, comment)``
        or None when absent."""
        touched = self.conn.execute("SELECT COALESCE(SUM(actuals_added + actuals_ended), 0) FROM batches "
                                    "WHERE id > ? AND id <= ?", (lo, hi)).fetchone()[0]
        if not touched:                  # no batch between them wrote a number: nothing to read
            return {}
        before: dict[tuple[int, str], tuple] = {}
        after: dict[tuple[int, str], tuple] = {}
        for r in self.conn.execute(
            "SELECT node_id, period, actual, target, comment, batch_id, ended_batch FROM actuals "
            "WHERE (batch_id > ?1 AND batch_id <= ?2) OR (ended_batch > ?1 AND ended_batch <= ?2)", (lo, hi)):
            key, value, start, end = (r[0], r[1]), (r[2], r[3], r[4]), r[5], r[6]
            if start <= lo:
                before[key] = value
            if start <= hi and (end is None or end > hi):
                after[key] = value
        return {key: (before.get(key), after.get(key)) for key in before.keys() | after.keys()
                if before.get(key) != after.get(key)}

    def last_writers(self, node_ids: Iterable[int], after: int) -> dict[tuple[int, str], int]:
        """Per ``(node, period)`` written after batch ``after``, the batch that wrote it last: its value's
        batch, or the batch that removed it."""
        out: dict[tuple[int, str], int] = {}
        for part in chunks(sorted(set(node_ids))):
            for node_id, period, batch in self.conn.execute(
                    "SELECT node_id, period, MAX(COALESCE(ended_batch, batch_id)) FROM actuals "
                    f"WHERE node_id IN ({marks(part)}) AND (batch_id > ? OR ended_batch > ?) GROUP BY node_id, period",
                    [*part, after, after]):
                out[(node_id, period)] = batch
        return out

    def written_after(self, batch_id: int) -> list[tuple[int, int]]:
        """``(node, batch)`` for each node some batch after ``batch_id`` wrote a value of (or removed one), by
        each batch: one pass over the actuals' history."""
        return self.conn.execute("SELECT node_id, batch_id FROM actuals WHERE batch_id > ?1 UNION "
                                 "SELECT node_id, ended_batch FROM actuals WHERE ended_batch > ?1",
                                 (batch_id,)).fetchall()

    def written_by(self, batches: Iterable[int]) -> dict[tuple[int, str], tuple | None]:
        """Per ``(node, period)`` one of ``batches`` wrote, its value ``(actual, target, comment)`` right after
        the last of them that did (None: that batch removed it)."""
        ids = json.dumps(sorted(set(batches)))
        out: dict[tuple[int, str], tuple | None] = {}
        when: dict[tuple[int, str], int] = {}
        for node_id, period, batch, actual, target, comment in self.conn.execute(
                "SELECT node_id, period, batch_id, actual, target, comment FROM actuals "
                "WHERE batch_id IN (SELECT value FROM json_each(?))", (ids,)):
            if batch >= when.get((node_id, period), batch):
                when[(node_id, period)], out[(node_id, period)] = batch, (actual, target, comment)
        for node_id, period, batch in self.conn.execute(
                "SELECT node_id, period, ended_batch FROM actuals WHERE ended_batch IN (SELECT value FROM json_each(?))",
                (ids,)):
            if batch > when.get((node_id, period), 0):         # (a value it changed: the new row is its value)
                when[(node_id, period)], out[(node_id, period)] = batch, None
        return out

    def history(self, node_ids: Iterable[int] | None = None) -> list[ActualChange]:
        """Every change of an actual value, oldest first: new, changed and removed values."""
        sql = "SELECT node_id, period, actual, target, comment, batch_id, ended_batch FROM actuals"
        args: list = []
        if node_ids is not None:         # any number of them: one variable (a big import's changes name a million)
            args = [json.dumps(list(node_ids))]
            sql += " WHERE node_id IN (SELECT value FROM json_each(?))"
        by_key: dict[tuple[int, str], list] = {}
        for r in self.conn.execute(sql + " ORDER BY id", args):
            by_key.setdefault((r[0], r[1]), []).append(r)
        changes = []
        for (node_id, period), rows in by_key.items():
            previous = None
            for r in rows:
                old = None
                if previous is not None:
                    if previous[6] == r[5]:            # replaced in the same batch: a change
                        old = tuple(previous[2:5])
                    else:                              # removed earlier, added again later
                        changes.append(ActualChange(previous[6], node_id, period, tuple(previous[2:5]), None))
                changes.append(ActualChange(r[5], node_id, period, old, tuple(r[2:5])))
                previous = r
            if previous[6] is not None:
                changes.append(ActualChange(previous[6], node_id, period, tuple(previous[2:5]), None))
        changes.sort(key=lambda c: (c.batch_id, c.node_id, periods.sort_key(c.period)))
        return changes
