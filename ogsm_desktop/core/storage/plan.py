"""An open plan file: the facade that opens it and hands out its stores.

``plan.nodes`` (the tree and its edits), ``plan.actuals`` (values per period), ``plan.journal`` (batches
and what each changed), ``plan.versions`` (named versions), ``plan.meta`` (plan settings). Every change
runs in ``with plan.batch(kind, reason) as changes:`` — one journaled transaction whose change set the
caller gets back.
"""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from pathlib import Path

from ..changes import ChangeSet
from ..errors import PlanFileError
from ..lock import PlanLock
from . import connection
from .actuals import ActualStore
from .batch import BatchWriter
from .journal import JournalStore
from .meta import MetaStore
from .nodes import NodeStore
from .revert import revert_batch
from .schema import SCHEMA_VERSION, migrate, read_schema_version
from .versions import VersionStore


class Plan:
    """Build with :meth:`open`, :meth:`create` or :meth:`in_memory`."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None = None, *, readonly: bool = False):
        self.conn = conn
        self.path = path
        self.readonly = readonly
        self.user = connection.current_user()
        self._identity = connection.file_identity(path)
        self._lock: PlanLock | None = None
        self._writer = BatchWriter(conn, self.user, readonly=readonly, where=str(path or "plan"),
                                   before_write=self.check_file)
        self.actuals = ActualStore(conn, self._writer)
        self.nodes = NodeStore(conn, self._writer, self.actuals)
        self.journal = JournalStore(conn)
        self.versions = VersionStore(conn, self._writer)
        self.meta = MetaStore(conn, self._writer)

    # ----------------------------------------------------------------- opening and closing
    @classmethod
    def open(cls, path: str | Path, *, readonly: bool = False, lock: bool = False) -> Plan:
        """Open an existing plan; refuses (PlanFileError) a missing, foreign or newer file unchanged.

        ``lock``: hold the plan's write lock while open, refusing a plan another process is editing.
        A plan from an older version is read from an up-to-date copy in memory, its file untouched,
        when it is opened read-only or cannot be written.
        """
        path = Path(path)
        version = read_schema_version(path)
        if readonly or (version < SCHEMA_VERSION and not connection.writable(path)):
            conn = connection.connect_readonly(path)
            if version < SCHEMA_VERSION:
                conn = connection.memory_copy(conn)
                migrate(conn, None, version)
            return cls(conn, path, readonly=True)
        held = PlanLock(path).acquire() if lock else None
        try:
            plan = cls(connection.connect(path), path)
            migrate(plan.conn, path, version)
        except BaseException:
            if held is not None:
                held.release()
            raise
        plan._lock = held
        return plan

    @classmethod
    def create(cls, path: str | Path, *, overwrite: bool = False, durable: bool = True) -> Plan:
        """A new, empty plan file (``durable=False``: no fsync, for generators that write it in one go)."""
        path = Path(path)
        if path.exists() and not overwrite:
            raise PlanFileError(f"{path}: already exists; choose another name")
        connection.remove_file(path)
        plan = cls(connection.connect(path, durable=durable), path)
        migrate(plan.conn, None, 0)
        return plan

    @classmethod
    def in_memory(cls) -> Plan:
        plan = cls(connection.connect_memory())
        migrate(plan.conn, None, 0)
        return plan

    def close(self) -> None:
        self.conn.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Plan:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ----------------------------------------------------------------- the file under the plan
    def check_file(self) -> None:
        """Refuse to write when the file was deleted, replaced or made read-only since it was opened."""
        connection.check_same_file(self.path, self._identity)

    def copy_to(self, target: str | Path) -> Path:
        """Write a complete, consistent copy of the plan to ``target`` (Save As)."""
        target = Path(target)
        if self.path is not None and target.resolve() == self.path.resolve():
            raise PlanFileError(f"{target}: that is the open plan itself; choose another name")
        return connection.copy_database(self.conn, target)

    def checkpoint(self) -> None:
        connection.checkpoint(self.conn)

    # ----------------------------------------------------------------- changes
    def batch(self, kind: str = "edit", reason: str = "") -> AbstractContextManager[ChangeSet]:
        """Run the enclosed changes as one journaled, atomic batch (nested batches join the outer one);
        yields the :class:`ChangeSet`, complete once the batch has committed."""
        return self._writer.batch(kind, reason)

    def trial(self, kind: str = "edit", reason: str = "") -> AbstractContextManager[ChangeSet]:
        """Run the enclosed changes and roll them back: would the plan take them, and would they change
        anything? Nothing is written."""
        return self._writer.trial(kind, reason)

    def revert_batch(self, batch_id: int, reason: str, kind: str = "undo") -> ChangeSet:
        """Undo batch ``batch_id`` as a new journaled batch; refuses when it was changed since."""
        return revert_batch(self, batch_id, reason, kind)

    # ----------------------------------------------------------------- about the plan
    @property
    def schema_version(self) -> int:
        return int(self.meta.get("schema_version") or SCHEMA_VERSION)

    @property
    def name(self) -> str:
        return self.meta.get("name") or (self.path.stem if self.path else "plan")
