"""Reading the journal: the batches with their reasons, and the node and settings changes of each."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from ..i18n import _
from .batch import last_batch_id, load
from .errors import damaged
from .sql import chunks, marks

# The rows of batches (?1, ?2], node by node (by id), each node's newest first. Their ids' range, found on the
# batch index, lets SQLite walk the table itself and sort only the rows asked for: on the index, half a big
# history is read out of order.
_UNDO_ROWS = ("SELECT id, node_id, action, coalesce(field, '') AS field, old FROM journal WHERE +batch_id > ?1 AND "
              "+batch_id <= ?2 AND id BETWEEN (SELECT min(id) FROM journal WHERE batch_id > ?1 AND batch_id <= ?2) "
              "AND (SELECT max(id) FROM journal WHERE batch_id > ?1 AND batch_id <= ?2) ORDER BY node_id, id DESC")
_UNDO_AS_ONE = ("SELECT count(*), group_concat(id), group_concat(node_id), group_concat(action), group_concat(field), "
                "group_concat(coalesce(old, 'null')), min(typeof(node_id) = 'integer' AND (old IS NULL OR "
                f"(typeof(old) = 'text' AND json_valid(old)))) FROM ({_UNDO_ROWS})")
_BATCH_COLUMNS = "id, at, who, kind, reason, node_changes, actuals_added, actuals_ended, meta_changes"
_ROW_COLUMNS = "id, batch_id, node_id, code, action, field, old, new"


@dataclass(frozen=True)
class Batch:
    id: int
    at: str
    who: str
    kind: str
    reason: str
    node_changes: int = 0
    actuals_added: int = 0
    actuals_ended: int = 0
    meta_changes: int = 0


@dataclass(frozen=True)
class JournalRow:
    id: int
    batch_id: int
    node_id: int
    code: str
    action: str          # create / update / move / delete
    field: str | None
    old: object
    new: object


@dataclass(frozen=True)
class MetaRow:
    batch_id: int
    key: str
    old: str | None
    new: str | None


def _value(text, where, row_id: int, action: str, side: str):
    """A journaled value, read back; a damaged one names its row instead of crashing whoever reads it."""
    try:
        value = load(text)
    except (ValueError, RecursionError):          # RecursionError: nested deeper than any value we write
        if side == "old":
            raise damaged(where, _("journal row {row} is damaged (its old value is not readable)").format(
                row=row_id)) from None
        raise damaged(where, _("journal row {row} is damaged (its new value is not readable)").format(
            row=row_id)) from None
    if (action, side) in (("create", "new"), ("delete", "old")) and not isinstance(value, dict):
        if action == "create":
            raise damaged(where, _("journal row {row} is damaged (a create without the node's fields)").format(
                row=row_id))
        raise damaged(where, _("journal row {row} is damaged (a delete without the node's fields)").format(row=row_id))
    return value


class UndoRows(NamedTuple):
    """Journal rows as columns, row ``i`` of each (see :meth:`JournalStore.undo_rows`): no object per row."""

    ids: list[int]
    node_ids: list[int]
    actions: list[str]
    fields: list[str]          # '' for a row that made or deleted a node
    olds: list                 # the values before (a deleted node's fields as a dict; None for a creation)

    def deletes_whole(self) -> bool:
        """Whether every deletion holds the node's fields (else the row is read on its own, and named)."""
        return "delete" not in self.actions or all(
            isinstance(old, dict) for action, old in zip(self.actions, self.olds, strict=True) if action == "delete")

    def in_order(self) -> UndoRows:
        """These rows node by node, each node's newest first (as they almost always come)."""
        keys = [(node << 64) - row for node, row in zip(self.node_ids, self.ids, strict=True)]   # (ids: 64-bit)
        if all(map(int.__lt__, keys, keys[1:])):
            return self
        order = sorted(range(len(keys)), key=keys.__getitem__)
        return UndoRows(*([column[i] for i in order] for column in self))


class JournalStore:
    def __init__(self, conn: sqlite3.Connection, where: str = "plan"):
        self.conn, self.where = conn, where

    def _row(self, r) -> JournalRow:
        return JournalRow(r[0], r[1], r[2], r[3], r[4], r[5], _value(r[6], self.where, r[0], r[4], "old"),
                          _value(r[7], self.where, r[0], r[4], "new"))

    def last_batch_id(self) -> int:
        return last_batch_id(self.conn)

    # ----------------------------------------------------------------- batches
    def batches(self) -> list[Batch]:
        return [Batch(*r) for r in self.conn.execute(f"SELECT {_BATCH_COLUMNS} FROM batches ORDER BY id")]

    def batches_page(self, before: int | None, limit: int) -> list[Batch]:
        """Up to ``limit`` batches older than ``before`` (None: the newest), newest first."""
        rows = self.conn.execute(f"SELECT {_BATCH_COLUMNS} FROM batches WHERE id < ? ORDER BY id DESC LIMIT ?",
                                 (before if before is not None else 1 << 62, limit))
        return [Batch(*r) for r in rows]

    def batch(self, batch_id: int) -> Batch | None:
        r = self.conn.execute(f"SELECT {_BATCH_COLUMNS} FROM batches WHERE id = ?", (batch_id,)).fetchone()
        return Batch(*r) if r else None

    def batch_nodes(self, batch_id: int, limit: int = 4) -> tuple[int, list[str]]:
        """How many nodes a batch changed, and the codes of the first few: a node whose only row is its place
        among siblings shifted around a node moved or deleted is none of them (unless that is all the batch
        did: a reorder)."""
        grouped = ("SELECT code, MIN(id) AS first, MAX(NOT (action = 'move' AND field = 'position')) AS own "
                   "FROM journal WHERE batch_id = ? GROUP BY node_id")
        own = f"SELECT {{what}} FROM ({grouped}) WHERE own"
        count = self.conn.execute(own.format(what="COUNT(*)"), (batch_id,)).fetchone()[0]
        if not count:                        # a reorder: the siblings' places are all it did
            own = f"SELECT {{what}} FROM ({grouped})"
            count = self.conn.execute(own.format(what="COUNT(*)"), (batch_id,)).fetchone()[0]
        codes = self.conn.execute(own.format(what="code") + " ORDER BY first LIMIT ?", (batch_id, limit))
        return count, [r[0] for r in codes]

    # ----------------------------------------------------------------- node changes
    def rows(self, *, after_batch: int = 0, node_ids: Iterable[int] | None = None,
             placing: bool = False) -> list[JournalRow]:
        """The journal rows after batch ``after_batch`` (of ``node_ids`` only, when given), oldest first; ``placing``:
        only those that made, deleted or placed a node (its parent, its place among its siblings)."""
        sql = f"SELECT {_ROW_COLUMNS} FROM journal WHERE batch_id > ?"
        if placing:
            sql += " AND (action IN ('create', 'delete') OR field IN ('parent_id', 'position'))"
        if node_ids is None:
            return [self._row(r) for r in self.conn.execute(sql + " ORDER BY id", (after_batch,))]
        found = []
        for part in chunks(sorted(set(node_ids))):
            found += self.conn.execute(sql + f" AND node_id IN ({marks(part)})", [after_batch, *part]).fetchall()
        found.sort(key=lambda r: r[0])
        return [self._row(r) for r in found]

    def batch_rows(self, batch_id: int, newest_first: bool = False) -> list[JournalRow]:
        """The journal rows of one batch, in the order they were written (or the reverse)."""
        order = "DESC" if newest_first else ""
        return [self._row(r) for r in self.conn.execute(
            f"SELECT {_ROW_COLUMNS} FROM journal WHERE batch_id = ? ORDER BY id {order}", (batch_id,))]

    def undo_rows(self, after_batch: int, upto: int | None = None) -> UndoRows:
        """Every journal row after batch ``after_batch`` (up to batch ``upto`` with it, when given): what it takes
        to rebuild an earlier state. Node by node, in the order of their ids, and each node's rows newest first:
        a node's rows are undone in turn, and the nodes' in the order they lie in memory (a big history's
        50,000 rows in random order took twice as long to undo)."""
        last = (1 << 63) - 1 if upto is None else upto
        try:
            # SQLite reads every row in one pass, each column joined by commas: ids, actions and field names hold
            # none, and the nodes and values are joined once each node is known to be a whole number and each
            # value one value of strict JSON (json_valid: strict in every SQLite, where json() reads JSON5 from
            # 3.42 on; a node written 'true' read as node 1), so that Python reads tens of thousands of rows in
            # a few calls. Their order is checked, not assumed. Else each row is read on its own, naming a
            # damaged one.
            count, ids, node_ids, actions, fields, olds, strict = self.conn.execute(
                _UNDO_AS_ONE, (after_batch, last)).fetchone()
            if not count:
                return UndoRows([], [], [], [], [])
            if strict == 1:
                rows = UndoRows(json.loads(f"[{ids}]"), json.loads(f"[{node_ids}]"), actions.split(","),
                                fields.split(","), json.loads(f"[{olds}]"))
                if all(len(column) == count for column in rows) and rows.deletes_whole():
                    return rows.in_order()
        except (sqlite3.DatabaseError, ValueError, RecursionError):   # no JSON in SQLite; too big
            pass
        read = self.conn.execute(_UNDO_ROWS, (after_batch, last)).fetchall()
        for r in read:
            if type(r[1]) is not int:      # (a file damaged while open: opening refuses it, row_checks)
                raise damaged(self.where, _("journal row {row} is damaged").format(row=r[0]))
        return UndoRows([r[0] for r in read], [r[1] for r in read], [r[2] for r in read], [r[3] for r in read],
                        [_value(r[4], self.where, r[0], r[2], "old") for r in read])

    def touched_after(self, batch_id: int) -> list[tuple[int, int]]:
        """``(node, batch)`` for each node the journal touched after batch ``batch_id``, by each batch."""
        return self.conn.execute("SELECT DISTINCT node_id, batch_id FROM journal WHERE batch_id > ?",
                                 (batch_id,)).fetchall()

    def left_after(self, batch_id: int) -> list[tuple[int, int, object]]:
        """``(node, batch, parent it left)`` for each node deleted or moved to another parent after batch
        ``batch_id``."""
        rows = self.conn.execute("SELECT id, node_id, batch_id, action, old FROM journal WHERE batch_id > ? AND "
                                 "(action = 'delete' OR (action = 'move' AND field = 'parent_id'))", (batch_id,))
        out = []
        for row_id, node_id, batch, action, old in rows.fetchall():
            value = _value(old, self.where, row_id, action, "old")
            out.append((node_id, batch, value.get("parent_id") if isinstance(value, dict) else value))
        return out

    def last_code(self, node_id: int) -> str:
        """The code a node had when the journal last touched it (a deleted node's own, to name it)."""
        row = self.conn.execute("SELECT code FROM journal WHERE node_id = ? ORDER BY id DESC LIMIT 1",
                                (node_id,)).fetchone()
        return row[0] if row else f"#{node_id}"

    def created_in(self, batch_ids: Iterable[int]) -> dict[int, set[int]]:
        """The nodes each of the batches ``batch_ids`` created (a batch that created none: not a key)."""
        found: dict[int, set[int]] = {}
        for part in chunks(sorted(set(batch_ids))):
            for batch_id, node_id in self.conn.execute(
                    f"SELECT batch_id, node_id FROM journal WHERE action = 'create' AND batch_id IN ({marks(part)})",
                    part):
                found.setdefault(batch_id, set()).add(node_id)
        return found

    def created_after(self, batch_id: int) -> set[int]:
        """The nodes some batch after ``batch_id`` created (made, or made again after a deletion)."""
        return {r[0] for r in self.conn.execute(
            "SELECT DISTINCT node_id FROM journal WHERE action = 'create' AND batch_id > ?", (batch_id,))}

    def created_on(self, node_ids: Iterable[int] | None = None) -> dict[int, dt.date]:
        """The day each node was created (its first ``create`` row), for the given nodes or all. A node
        created again by an undo of its deletion keeps its first day; a node copied from another file (a
        department file's split, a refresh, a merge) keeps the day it was made there, which its ``create``
        row holds as its old value."""
        return created_on(self.conn, node_ids)

    # ----------------------------------------------------------------- settings changes
    def meta_rows(self, *, batch_id: int | None = None, after_batch: int = 0) -> list[MetaRow]:
        """Changes of plan settings, in the order they were made: of one batch, or after a batch."""
        if batch_id is not None:
            where, args = "batch_id = ?", (batch_id,)
        else:
            where, args = "batch_id > ?", (after_batch,)
        return [MetaRow(*r) for r in self.conn.execute(
            f"SELECT batch_id, key, old, new FROM meta_journal WHERE {where} ORDER BY id", args)]


def created_on(conn: sqlite3.Connection, node_ids: Iterable[int] | None = None) -> dict[int, dt.date]:
    """:meth:`Journal.created_on` on ``conn``: one statement, that answers in one row (a side reader's, see
    :class:`.MonitoringReads`), about any number of nodes."""
    where, args = "", []
    if node_ids is not None:
        args = [json.dumps(list(node_ids))]
        where = " AND j.node_id IN (SELECT value FROM json_each(?))"
    found = conn.execute(
        "SELECT json_group_array(json_array(node_id, at)) FROM (SELECT j.node_id AS node_id, "
        "CASE WHEN typeof(MIN(b.at)) = 'text' THEN MIN(CASE WHEN json_type(j.old) = 'text' "
        "THEN json_extract(j.old, '$') ELSE b.at END) END AS at FROM journal j JOIN batches b "
        f"ON b.id = j.batch_id WHERE j.action = 'create'{where} GROUP BY j.node_id)", args).fetchone()[0]
    out: dict[int, dt.date] = {}
    for node_id, at in json.loads(found):
        try:
            out[node_id] = dt.date.fromisoformat(at[:10])
        except (TypeError, ValueError):    # a damaged time stamp: no creation day (nothing is held against it)
            pass
    return out
