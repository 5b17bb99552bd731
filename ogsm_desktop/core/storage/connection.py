"""The plan file on disk: opening and creating it, the identity of the file under an open plan, copies.

Every function here receives or returns an ``sqlite3`` connection; nothing keeps one of its own.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
import sqlite3
from pathlib import Path

from ..errors import PlanFileError, TwoNamesPlanError
from ..i18n import _
from ..perf import pause_in_reads
from .errors import damaged, is_busy, plan_error


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some containers): still journal something honest
        return "unknown"


def now() -> str:
    return dt.datetime.now(dt.UTC).astimezone().isoformat(timespec="seconds")


def _harden(conn: sqlite3.Connection) -> sqlite3.Connection:
    """Plan files from others are untrusted input: SQL functions in their schema may not run, and no
    extension is ever loaded (Python's sqlite3 keeps extension loading off unless asked)."""
    conn.execute("PRAGMA trusted_schema=OFF")
    return conn


BUSY_MS = 5000      # how long a read waits for a commit in progress (and a commit for the readers)


def connect(path: Path, *, durable: bool = True, where: Path | None = None) -> sqlite3.Connection:
    """A writable connection with a rollback journal and full fsync (``durable=False``: none, for
    generators).

    The rollback journal, not WAL: a plan is a document that people copy, mail and put on sticks while
    the program is open, and with a rollback journal every committed batch is in the plan file itself
    (WAL keeps them in a -wal file beside it until a checkpoint). ``synchronous=EXTRA`` also syncs the
    folder when the journal is deleted, so a commit survives a power loss right after it. A plan an
    older version left in WAL mode is switched back on open (SQLite folds its -wal in first); while
    another program has it open, it stays in WAL mode for this session, its -wal folded in now and after
    every commit. Failures name ``where`` (default ``path``: a temporary file is named after its target)."""
    try:
        # Long work (imports, exports) may run on a worker thread while the window waits for it;
        # one thread at a time uses the connection.
        conn = _harden(sqlite3.connect(path, isolation_level=None, check_same_thread=False))
        conn.execute(f"PRAGMA busy_timeout={BUSY_MS}")
        try:
            conn.execute("PRAGMA journal_mode=DELETE")
        except sqlite3.OperationalError:      # another program has the WAL-mode file open
            conn.execute("PRAGMA wal_autocheckpoint=1")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute(f"PRAGMA synchronous={'EXTRA' if durable else 'OFF'}")
    except sqlite3.Error as exc:
        raise plan_error(exc, where or path) from None
    return conn


def connect_readonly(path: Path) -> sqlite3.Connection:
    """A connection that cannot write a byte of the file. Where SQLite cannot keep its shared-memory file
    beside the plan (a read-only folder or disk, a full disk), the file is read as immutable.

    A plan a writer left half-written (killed in the middle of a commit) has the journal beside it
    that undoes the half: SQLite plays it back on the first open that may write, so where the place
    can be written that happens first; where it cannot, the plan is refused rather than read half-done.
    A WAL-mode plan from an older version whose log cannot be read here is refused likewise."""
    uri = path.resolve().as_uri()
    try:
        return _open_read_only(f"{uri}?mode=ro")
    except sqlite3.Error as exc:
        if getattr(exc, "sqlite_errorname", "") == "SQLITE_READONLY_ROLLBACK":
            _finish_interrupted(path)
            return _open_read_only(f"{uri}?mode=ro")
        if is_busy(exc):       # another connection is writing it (a window's long edit): said, to be tried again,
            raise plan_error(exc, path) from None     # never read around the lock as immutable
        # no -shm possible here: read the file alone, as it is, if it is whole on its own
    except UnicodeDecodeError:
        raise damaged(path, _("its table definitions are not readable")) from None
    for suffix in ("-journal", "-wal"):
        companion = Path(f"{path}{suffix}")
        try:
            unfinished = companion.stat().st_size > 0
        except OSError:
            unfinished = False
        if unfinished:
            raise PlanFileError(_needs_writing(path, companion))
    try:
        return _open_read_only(f"{uri}?mode=ro&immutable=1")
    except sqlite3.Error as exc:
        raise plan_error(exc, path) from None


def _needs_writing(path: Path, companion: Path) -> str:
    return _("{path}: the plan's last changes are in {companion} beside it and can only be read where the folder "
             "can be written; nothing was read. Copy both files to a folder you can write, or open it "
             "there.").format(path=path, companion=companion.name)


def _finish_interrupted(path: Path) -> None:
    """Let SQLite undo what a killed writer left half-done (its hot journal), as any writable open would."""
    if not writable(path):
        raise PlanFileError(_needs_writing(path, Path(f"{path}-journal")))
    try:
        conn = _harden(sqlite3.connect(path, isolation_level=None))
        try:
            conn.execute(f"PRAGMA busy_timeout={BUSY_MS}")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise plan_error(exc, path) from None


def _open_read_only(uri: str) -> sqlite3.Connection:
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    try:
        _harden(conn).execute(f"PRAGMA busy_timeout={BUSY_MS}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except (sqlite3.Error, UnicodeDecodeError):
        conn.close()
        raise
    pause_in_reads(conn)            # a worker's reads wait while the window's thread asks
    return conn


def connect_memory() -> sqlite3.Connection:
    return sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)


def memory_copy(conn: sqlite3.Connection) -> sqlite3.Connection:
    """A copy of the database in memory (to bring an older plan up to date without touching its file)."""
    copy = connect_memory()
    conn.backup(copy)
    conn.close()
    return copy


def writable(path: Path) -> bool:
    """Whether the plan file and its folder (where SQLite keeps the WAL) can be written."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


COMPANIONS = ("-journal", "-wal", "-shm")    # the files SQLite keeps beside a database, named after it


def remove_file(path: Path) -> None:
    """Remove a plan file and the files SQLite keeps beside it."""
    for suffix in ("", *COMPANIONS):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def file_identity(path: Path | None) -> tuple[int, int] | None:
    """Device and inode of the file: which file is under an open plan."""
    if path is None:
        return None
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


NAME_MAX = 255      # bytes in one file name, on every common file system


def check_name_length(path: Path) -> None:
    """Refuse a plan name that leaves no room for the journal SQLite keeps beside it (NAME-journal)."""
    room = NAME_MAX - max(len(s) for s in COMPANIONS)
    if len(os.fsencode(path.name)) > room:
        raise PlanFileError(_("{name}…: the file name is too long for a plan (at most {room} bytes, SQLite keeps "
                              "a file named after it beside it); choose a shorter name").format(
            name=path.name[:40], room=room))


def check_one_name(path: Path, st: os.stat_result | None = None) -> None:
    """Refuse to write a plan file that has more than one name (hard links). SQLite keeps its journal
    beside the file under the name it was opened by: a write or a crash under one name is not seen
    under the other, and the plan gets damaged. Reading stays possible."""
    try:
        links = (st or path.stat()).st_nlink
    except OSError:
        return
    if links > 1:
        raise TwoNamesPlanError(_("{path}: the plan file has more than one name (hard links), and a plan is kept "
                                  "safe under one name only; nothing was changed. Open it read-only, or copy it to "
                                  "a file of its own.").format(path=path))


def check_same_file(path: Path | None, identity: tuple[int, int] | None) -> None:
    """Refuse to write when the file was deleted, replaced or made read-only since it was opened, or was
    given a second name: the change would otherwise be lost without a word. The open plan can still be
    saved elsewhere."""
    if path is None:
        return
    try:
        st = path.stat()
    except OSError:
        st = None
    if identity is None or st is None or (st.st_dev, st.st_ino) != identity:
        raise PlanFileError(_("{path}: the plan file was deleted or replaced while open; nothing was changed. "
                              "Save the plan under a new name to keep working.").format(path=path))
    check_one_name(path, st)
    if not os.access(path, os.W_OK):
        raise PlanFileError(_("{path}: the plan file is read-only now; nothing was changed. Save the plan under a "
                              "new name to keep working.").format(path=path))


def copy_database(conn: sqlite3.Connection, target: Path) -> None:
    """Write a complete, consistent copy of the database behind ``conn`` to the new file ``target`` (SQLite's
    online backup: what is still in the WAL is in the copy)."""
    dest = sqlite3.connect(target)
    try:
        with dest:
            conn.backup(dest)
        dest.execute("PRAGMA journal_mode=DELETE")      # the copy is whole on its own, whatever the source
    finally:
        dest.close()


def checkpoint(conn: sqlite3.Connection) -> None:
    """Move everything still in a WAL into the main file (a plan left in WAL mode; nothing otherwise)."""
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
