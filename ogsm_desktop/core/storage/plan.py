"""An open plan file: the facade that opens it and hands out its stores.

``plan.nodes`` (the tree and its edits), ``plan.actuals`` (values per period), ``plan.journal`` (batches
and what each changed), ``plan.versions`` (named versions), ``plan.meta`` (plan settings). Every change
runs in ``with plan.batch(kind, reason) as changes:`` — one journaled transaction whose change set the
caller gets back.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TypeVar

from ..changes import ChangeSet
from ..errors import PlanError, PlanFileError, ReadOnlyPlanError
from ..i18n import _
from ..lock import PlanLock
from . import connection, files
from .actuals import ActualStore
from .batch import BatchWriter
from .errors import one_line, sqlite_reason
from .inspect import first_checks, inspect
from .journal import JournalStore
from .meta import FILE_KEYS, IDENTITY_KEY, MetaStore  # noqa: F401  (the identity's keys, named here too)
from .monitoring_reads import SideReader
from .nodes import NodeStore
from .revert import revert_batch
from .schema import SCHEMA_VERSION, migrate
from .versions import VersionStore

# The meta key of a department plan file: where it came from (see core/departments.py).
DEPARTMENT_KEY = "department"

T = TypeVar("T")
_ASK_EVERY = 20_000         # steps of a statement between two questions of a read beside the checks


class Plan:
    """Build with :meth:`open`, :meth:`create` or :meth:`in_memory`."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None = None, *, readonly: bool = False,
                 where: Path | None = None):
        self.conn = conn
        self.path = path
        where = where or path
        self.readonly = readonly
        self.user = connection.current_user()
        self._identity = connection.file_identity(path)
        self._lock: PlanLock | None = None
        self.kept_copy: Path | None = None      # the plan as an older format had it, when opening converted it
        self._writer = BatchWriter(conn, self.user, readonly=readonly, where=str(where or "plan"),
                                   before_write=self.check_file)
        self.actuals = ActualStore(conn, self._writer)
        self.nodes = NodeStore(conn, self._writer, self.actuals)
        self.journal = JournalStore(conn, str(where or "plan"))
        self.versions = VersionStore(conn, self._writer)
        self.meta = MetaStore(conn, self._writer)
        self.nodes.locked = self._context_nodes()
        self.meta.on_change = self._setting_changed
        self._writer.after_rollback.append(self.reload_context)

    def _setting_changed(self, key: str) -> None:
        if key == DEPARTMENT_KEY:            # a refresh, or its undo: the locked context follows the record
            self.reload_context()

    def reload_context(self) -> None:
        """Read the locked context again from the department record (after a refresh, its undo, or a
        batch or trial rolled back)."""
        self.nodes.locked = self._context_nodes()

    def _context_nodes(self) -> frozenset[int]:
        """A department plan file's context (the company's nodes above the department): read-only here."""
        try:
            text = self.meta.get(DEPARTMENT_KEY)
        except sqlite3.Error:                # a file being created has no meta table yet
            return frozenset()
        if not text:
            return frozenset()
        try:
            return frozenset(int(i) for i in json.loads(text).get("context", []))
        except (ValueError, TypeError, AttributeError):
            raise PlanFileError(_("{where}: the department record of this plan file is damaged").format(
                where=self._writer.where)) from None

    # ----------------------------------------------------------------- opening and closing
    @classmethod
    def open(cls, path: str | Path, *, readonly: bool = False, durable: bool = True,
             lock: PlanLock | None = None, inspected: int | None = None) -> Plan:
        """Open an existing plan; refuses (PlanFileError) a missing, foreign or newer file unchanged.

        A writable plan holds the plan file's write lock while open: a plan another process is editing
        is refused. A plan from an older version is read from an up-to-date copy in memory, its file
        untouched, when it is opened read-only or cannot be written. ``lock``: the lock :meth:`claim` took
        (the plan is opened for writing with it; released when the open fails). ``inspected``: the format
        number :func:`.inspect.inspect` found, when the caller has checked the file itself (or reads what it
        reads only once its check has passed).
        """
        path = Path(path)
        try:
            version = inspected if inspected is not None else inspect(path, writing=not readonly)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        if readonly:
            conn = connection.connect_readonly(path)
            try:
                if version < SCHEMA_VERSION:
                    conn = connection.memory_copy(conn)
                    migrate(conn, None, version)
                return cls(conn, path, readonly=True)
            except BaseException:
                conn.close()                  # now, not when the error's traceback goes (a Windows handle)
                raise
        held = lock or cls.claim(path)
        conn = None
        try:
            conn = connection.connect(path, durable=durable)
            plan = cls(conn, path)
            plan._lock = held
            plan.kept_copy = migrate(conn, path, version)
        except BaseException:
            if conn is not None:          # closed now, not when the error's traceback goes (a Windows handle)
                conn.close()
            held.release()
            raise
        return plan

    @classmethod
    def open_reading(cls, path: str | Path, read: Callable[[Plan], T], *, readonly: bool = False,
                     lock: PlanLock | None = None) -> tuple[Plan, T]:
        """:meth:`open` with ``read(plan)`` run while the file is checked: the plan, opened once its checks
        have passed, and what ``read`` returned. A big plan is read for a one-shot command without waiting for
        its checks first: they run on a thread beside the read, on the plan opened read-only (they are mostly
        SQLite's work, a read mostly Python's). Refused as :meth:`open` refuses, in the same words and order.
        What a read runs is checked first (:func:`.inspect.first_checks`: the tables are this program's, no view,
        no trigger); when the other checks refuse the file, the read's statements are stopped and their refusal
        is raised whatever ``read`` returned or raised (what a damaged file gave it is not believed), but for an
        interruption (Ctrl+C); nothing was written. A file put in the plan's place meanwhile is refused. A plan
        of an older format is checked first, then opened (brought up to date as :meth:`open` does) and read.
        ``lock``: as for :meth:`open`, let go when this fails (and at once when ``readonly``)."""
        path = Path(path)
        if readonly and lock is not None:
            lock.release()
            lock = None
        try:
            version = first_checks(path)
            identity = connection.file_identity(path)
            held = None if readonly else lock or cls._claimed(path)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        if version != SCHEMA_VERSION:
            plan = cls.open(path, readonly=readonly, lock=held)
            try:
                return plan, read(plan)
            except BaseException:
                plan.close()
                raise
        checks = _Checks(path, writing=not readonly)
        try:
            checks.start()
            try:
                with cls.open(path, readonly=True, inspected=SCHEMA_VERSION) as reading:
                    result = checks.reading(reading, read)
            except Exception:
                checks.join()
                raise
            checks.join()                     # (not for Ctrl+C: the checks end on their own, a daemon thread)
            checks.raise_refusal()
            _same_file(path, identity, connection.file_identity(path))   # before the open for writing writes
            plan = cls.open(path, readonly=readonly, lock=held, inspected=checks.version)
        except BaseException as exc:
            if held is not None:
                held.release()
            if isinstance(exc, Exception) and checks.refusal is not None and exc is not checks.refusal:
                raise checks.refusal from None
            raise
        try:
            _same_file(path, identity, plan._identity)
        except PlanFileError:
            plan.close()
            raise
        return plan, result

    @classmethod
    def _claimed(cls, path: Path) -> PlanLock:
        """:meth:`claim`, refused as :meth:`open` refuses: a file its checks refuse is said to be damaged first
        (they run now, before the lock's refusal is said)."""
        try:
            return cls.claim(path)
        except PlanError:
            inspect(path, writing=True)
            raise

    @classmethod
    def claim(cls, path: str | Path) -> PlanLock:
        """What opening ``path`` for writing refuses before reading it — a place that cannot be written
        (ReadOnlyPlanError), a name too long or one of several (hard links), a plan open for editing
        elsewhere — checked at once; the plan's write lock, held, for :meth:`open` ``(lock=…)``."""
        path = Path(path)
        if not connection.writable(path):
            raise ReadOnlyPlanError(_("{path}: is in a place that cannot be written (a read-only file, folder or "
                                      "disk); nothing was changed. Open it read-only, or copy it to a folder you can "
                                      "write.").format(path=path))
        connection.check_name_length(path)
        connection.check_one_name(path)
        return PlanLock(path).acquire()

    @classmethod
    def create(cls, path: str | Path, *, overwrite: bool = False, durable: bool = True,
               fill: Callable[[Plan], None] | None = None) -> Plan:
        """A new plan at ``path``, open for writing: empty, or as ``fill`` makes it. The file is made beside
        it (and filled there) and moved into place complete; ``overwrite`` replaces an existing plan
        (taking its lock first, so a plan open elsewhere is refused), and the old file stays whole until
        the new one takes its place. Every failure names ``path``, not the file beside it.
        ``durable=False``: no fsync while open, for generators that write a plan in one go."""
        path = Path(path)
        files.check_target(path, overwrite=overwrite)
        tmp = files.temporary_beside(path)
        try:
            # made in one go and synced whole by install(): no fsync per batch while it is filled
            conn = connection.connect(tmp, durable=False, where=path)
            try:
                migrate(conn, None, 0, where=path)
                if fill is not None:
                    fill(cls(conn, None, where=path))
            finally:
                conn.close()
            files.install(tmp, path, overwrite=overwrite)
        finally:
            connection.remove_file(tmp)
        return cls.open(path, durable=durable)

    @classmethod
    def in_memory(cls) -> Plan:
        plan = cls(connection.connect_memory())
        migrate(plan.conn, None, 0)
        return plan

    def interrupt(self) -> None:
        """Stop the statement this plan's connection is running, from another thread (a worker's read no
        longer wanted): it raises there. Nothing happens on a closed plan."""
        try:
            self.conn.interrupt()
        except sqlite3.ProgrammingError:
            pass

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
        """Refuse to write without the plan's lock, or when the file was deleted, replaced or made
        read-only since it was opened."""
        if self.path is not None and (self._lock is None or not self._lock.held):
            raise PlanFileError(_("{path}: not open for editing (its lock is not held); nothing was changed").format(
                path=self.path))
        connection.check_same_file(self.path, self._identity)

    def copy_to(self, target: str | Path) -> Path:
        """Write a complete, consistent copy of the plan to ``target`` (Save As)."""
        target = Path(target)
        if self.path is not None and target.exists() and os.path.samefile(target, self.path):
            raise PlanFileError(_("{target}: that is the open plan itself; choose another name").format(target=target))
        files.check_target(target, overwrite=True)
        tmp = files.temporary_beside(target)
        try:
            connection.copy_database(self.conn, tmp)
            files.install(tmp, target, overwrite=True)
        except sqlite3.Error as exc:
            raise PlanFileError(_("{target}: cannot be written ({reason})").format(
                target=target, reason=sqlite_reason(exc, one_line(str(exc))))) from None
        finally:
            connection.remove_file(tmp)
        return target

    def side_reader(self) -> SideReader | None:
        """The monitoring reads on a second, read-only connection to the plan file, for a thread that reads
        beside the one using this plan (SQLite works on both at once); the caller closes it. None where it
        would not see what this plan sees: a plan in memory, or read from an up-to-date copy in memory (an
        older format), while a batch or trial runs (its changes are not committed), or when the file at the
        plan's path is no longer the one this plan reads (replaced or deleted since it was opened)."""
        if self.path is None or self.conn.in_transaction:
            return None
        main = self.conn.execute("PRAGMA database_list").fetchone()
        if not main or not main[2] or Path(main[2]).resolve() != self.path.resolve():
            return None
        if self._identity is None or connection.file_identity(self.path) != self._identity:
            return None
        try:
            conn = connection.connect_readonly(self.path)
        except (sqlite3.Error, PlanFileError):
            return None
        if connection.file_identity(self.path) != self._identity:     # replaced while it was being opened
            conn.close()
            return None
        return SideReader(conn)

    def checkpoint(self) -> None:
        connection.checkpoint(self.conn)

    def is_file(self, path: str | Path) -> bool:
        """True when ``path`` names the very file this plan opened (not one put in its place since)."""
        return self._identity is not None and connection.file_identity(Path(path)) == self._identity

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


def _same_file(path: Path, identity, found) -> None:
    """Refuse when the file found at ``path`` (its identity, ``found``) is not the one first looked at,
    ``identity``: another was put in its place while it was read."""
    if found != identity:
        raise PlanFileError(_("{path}: the plan file was replaced while it was read; nothing was changed. Open it "
                              "again.").format(path=path))


class _Checks(threading.Thread):
    """:func:`.inspect.inspect` on a thread beside a read, which it stops when it refuses the file."""

    def __init__(self, path: Path, *, writing: bool):
        super().__init__(name="plan checks", daemon=True)      # (Ctrl+C: the program need not wait for them)
        self.path, self.writing = path, writing
        self.refusal: BaseException | None = None
        self.version: int | None = None
        self._refused = threading.Event()

    def run(self) -> None:
        try:
            self.version = inspect(self.path, writing=self.writing)
        except BaseException as exc:      # noqa: BLE001 — raised by the thread that reads
            self.refusal = exc
            self._refused.set()

    def reading(self, plan: Plan, read: Callable[[Plan], T]) -> T | None:
        """``read(plan)``, its statements stopped once the checks have refused the file (SQLite asks whether to
        go on every few thousand steps of a statement: one running, or any begun after)."""
        plan.conn.set_progress_handler(self._refused.is_set, _ASK_EVERY)
        try:
            return None if self._refused.is_set() else read(plan)
        finally:
            plan.conn.set_progress_handler(None, 0)

    def raise_refusal(self) -> None:
        if self.refusal is not None:
            raise self.refusal
