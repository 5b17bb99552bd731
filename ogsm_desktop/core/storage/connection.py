"""The plan file on disk: opening and creating it, the identity of the file under an open plan, copies.

Every function here receives or returns an ``sqlite3`` connection; nothing keeps one of its own.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
import sqlite3
from pathlib import Path

from ..errors import PlanFileError
from .errors import damaged, plan_error


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


def connect(path: Path, *, durable: bool = True) -> sqlite3.Connection:
    """A writable connection in WAL mode with full fsync (``durable=False``: none, for generators)."""
    try:
        # Long work (imports, exports) may run on a worker thread while the window waits for it;
        # one thread at a time uses the connection.
        conn = _harden(sqlite3.connect(path, isolation_level=None, check_same_thread=False))
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute(f"PRAGMA synchronous={'FULL' if durable else 'OFF'}")
        conn.execute("PRAGMA busy_timeout=3000")
    except sqlite3.Error as exc:
        raise plan_error(exc, path) from None
    return conn


def connect_readonly(path: Path) -> sqlite3.Connection:
    """A connection that cannot write a byte of the file. Where SQLite cannot keep its shared-memory file
    beside the plan (a read-only folder or disk, a full disk), the file is read as immutable."""
    uri = path.resolve().as_uri()
    try:
        return _open_read_only(f"{uri}?mode=ro")
    except sqlite3.Error:
        pass              # no -shm possible here: read the file alone, as it is
    except UnicodeDecodeError:
        raise damaged(path, "its table definitions are not readable") from None
    try:
        return _open_read_only(f"{uri}?mode=ro&immutable=1")
    except sqlite3.Error as exc:
        raise plan_error(exc, path) from None


def _open_read_only(uri: str) -> sqlite3.Connection:
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    try:
        _harden(conn).execute("SELECT count(*) FROM sqlite_master").fetchone()
    except (sqlite3.Error, UnicodeDecodeError):
        conn.close()
        raise
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


def remove_file(path: Path) -> None:
    """Remove a plan file and its WAL and shared-memory files."""
    for suffix in ("", "-wal", "-shm"):
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


def check_same_file(path: Path | None, identity: tuple[int, int] | None) -> None:
    """Refuse to write when the file was deleted, replaced or made read-only since it was opened: the
    change would otherwise be lost without a word. The open plan can still be saved elsewhere."""
    if path is None:
        return
    if identity is None or file_identity(path) != identity:
        raise PlanFileError(f"{path}: the plan file was deleted or replaced while open; nothing was "
                            "changed. Save the plan under a new name to keep working.")
    if not os.access(path, os.W_OK):
        raise PlanFileError(f"{path}: the plan file is read-only now; nothing was changed. "
                            "Save the plan under a new name to keep working.")


def copy_database(conn: sqlite3.Connection, target: Path) -> None:
    """Write a complete, consistent copy of the database behind ``conn`` to the new file ``target`` (SQLite's
    online backup: what is still in the WAL is in the copy)."""
    dest = sqlite3.connect(target)
    try:
        with dest:
            conn.backup(dest)
        dest.execute("PRAGMA journal_mode=WAL")
    finally:
        dest.close()


def checkpoint(conn: sqlite3.Connection) -> None:
    """Move everything in the WAL into the main file (before the file is copied by other means)."""
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
