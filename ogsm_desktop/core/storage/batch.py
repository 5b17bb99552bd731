"""Batches: every change to a plan runs inside one, and each batch hands back its change set.

A batch is one SQLite transaction, one ``batches`` row (when, who, kind, reason) and one journal row
per created, deleted or moved node, per edited field and per changed plan setting. A crash or a kill
leaves the file at the state before or after a batch, never between. A batch that changed nothing
leaves no trace (re-importing the same data changes nothing).
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from ..changes import ChangeSet, Entry
from ..errors import PlanError
from ..i18n import _
from ..perf import workers_go
from .connection import now
from .errors import plan_error


def dump(value) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def load(text: str | None):
    return None if text is None else json.loads(text)


# A write lets on the workers the window's thread holds (core.perf, "the window first"), from BEGIN to
# COMMIT: a reader held at its pause keeps the plan file's shared lock, which the write must have exclusive at
# COMMIT and whenever its page cache spills (the plan is one file: journal_mode=DELETE). Held, an edit waited
# 5 s and was refused as "another program is writing"; a big one waited 5 s at each of the reader's pauses.
class BatchWriter:
    """Opens and commits batches on one connection and journals what runs inside them.

    ``before_write`` is called before a batch opens (it refuses when the file went away);
    ``finishers`` run inside the transaction just before it commits (derived tables catch up).
    """

    def __init__(self, conn: sqlite3.Connection, user: str, *, readonly: bool, where: str,
                 before_write: Callable[[], None]):
        self.conn = conn
        self.user = user
        self.readonly = readonly
        self.where = where
        self.before_write = before_write
        self.finishers: list[Callable[[ChangeSet], None]] = []
        self.after_rollback: list[Callable[[], None]] = []     # state kept beside the file reads it again
        self.current: ChangeSet | None = None
        self.generation = 0             # bumped after every batch: caches of the plan's state compare it

    def require(self) -> ChangeSet:
        """The running batch; the storage's low-level writes refuse to run outside one."""
        if self.current is None:
            raise PlanError(_("plan data is written inside a batch"))
        return self.current

    @contextmanager
    def batch(self, kind: str = "edit", reason: str = "") -> Iterator[ChangeSet]:
        """Run the enclosed changes as one journaled, atomic batch; a nested batch joins the outer one.

        Yields the batch's :class:`ChangeSet`, complete once the outermost batch has committed.
        """
        if self.readonly:
            raise PlanError(_("{where}: opened read-only; nothing was changed").format(where=self.where))
        if self.current is not None:
            yield self.current
            return
        self.before_write()
        changes = ChangeSet(kind, reason)
        with workers_go():                     # (a write lets the workers on: see above)
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                cur = self.conn.execute("INSERT INTO batches (at, who, kind, reason) VALUES (?, ?, ?, ?)",
                                        (now(), self.user, kind, reason))
                changes.batch_id = cur.lastrowid
                self.current = changes
                yield changes
                for finish in self.finishers:
                    finish(changes)
                keep = changes.changed or kind == "version"
                if keep:
                    self.conn.execute(
                        "UPDATE batches SET node_changes = ?, actuals_added = ?, actuals_ended = ?, meta_changes = ? "
                        "WHERE id = ?", (changes.node_changes, changes.actuals_added, changes.actuals_ended,
                                         len(changes.meta), changes.batch_id))
                else:
                    self.conn.execute("DELETE FROM batches WHERE id = ?", (changes.batch_id,))
                self.conn.execute("COMMIT")
                changes.committed = keep
                if not keep:
                    changes.batch_id = None
            except sqlite3.Error as exc:          # a full disk, a damaged file: one line, nothing written
                self._rollback(changes)
                raise plan_error(exc, self.where) from None
            except BaseException:
                self._rollback(changes)
                raise
            finally:
                self.current = None
                self.generation += 1

    def _rollback(self, changes: ChangeSet) -> None:
        """Undo what the failed batch wrote. SQLite may have rolled back already (a full disk at COMMIT):
        then there is nothing to roll back, and saying so must not hide why the batch failed."""
        changes.batch_id = None
        if self.conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")
        for read_again in self.after_rollback:
            read_again()

    @contextmanager
    def trial(self, kind: str = "edit", reason: str = "") -> Iterator[ChangeSet]:
        """Run the enclosed changes as a batch would, then roll them back: whether the plan would take
        them, and what they would change, with nothing written. Refusals raise as in a batch."""
        if self.readonly:
            raise PlanError(_("{where}: opened read-only; nothing was changed").format(where=self.where))
        if self.current is not None:
            raise PlanError(_("a trial runs on its own, not inside a batch"))
        self.before_write()
        changes = ChangeSet(kind, reason)
        with workers_go():                     # (a write lets the workers on: see above)
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                changes.batch_id = self.conn.execute(
                    "INSERT INTO batches (at, who, kind, reason) VALUES (?, ?, ?, ?)", (now(), self.user, kind, reason)
                ).lastrowid
                self.current = changes
                yield changes
            except sqlite3.Error as exc:
                raise plan_error(exc, self.where) from None
            finally:
                self._rollback(changes)
                self.current = None
                self.generation += 1

    # ----------------------------------------------------------------- the journal of the running batch
    def log(self, action: str, node_id: int, code: str, field: str | None, old, new) -> None:
        changes = self.require()
        self.conn.execute(
            "INSERT INTO journal (batch_id, node_id, code, action, field, old, new) VALUES (?,?,?,?,?,?,?)",
            (changes.batch_id, node_id, code, action, field, dump(old), dump(new)))
        changes.entries.append(Entry(node_id, code, action, field, old, new))
        changes.node_changes += 1

    def log_created(self, nodes: Iterable[dict], made: dict | None = None) -> None:
        """Journal many created nodes at once (bulk loads); the change set counts them without listing
        each, so whoever follows the plan reads it again. ``made``: node id → the day it was first made, in
        another file (a create row's old value)."""
        changes = self.require()
        made = made or {}
        cur = self.conn.executemany(
            "INSERT INTO journal (batch_id, node_id, code, action, field, old, new) "
            "VALUES (?, ?, ?, 'create', NULL, ?, ?)",
            ((changes.batch_id, n["id"], n["code"], dump(made[n["id"]].isoformat()) if n["id"] in made else None,
              dump(n)) for n in nodes))
        changes.node_changes += cur.rowcount
        changes.listed = False

    def log_meta(self, key: str, old: str | None, new: str | None) -> None:
        changes = self.require()
        self.conn.execute("INSERT INTO meta_journal (batch_id, key, old, new) VALUES (?, ?, ?, ?)",
                          (changes.batch_id, key, old, new))
        first_old = changes.meta[key][0] if key in changes.meta else old
        changes.meta[key] = (first_old, new)


def last_batch_id(conn: sqlite3.Connection) -> int:
    """The newest batch of the plan (0 for a new plan)."""
    return conn.execute("SELECT COALESCE(MAX(id), 0) FROM batches").fetchone()[0]
