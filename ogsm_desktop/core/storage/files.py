"""Putting a complete plan file in place: a new plan, the demo, a Save As copy.

The file is always made beside its target and moved into place whole (one rename), so a crash, a kill or
a full disk leaves either the old file or the new one, never an empty or half-written plan. Replacing an
existing plan first takes its lock (a plan open in a window is refused) and folds its WAL into it, so
the old plan is whole on its own until the rename.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

from ..errors import PlanFileError
from ..lock import PlanLock
from ..outputs import fsync_folder, os_problem
from .connection import remove_file


def check_target(target: Path, *, overwrite: bool) -> None:
    """Refuse (one line, nothing written) a target that cannot take a new plan."""
    try:
        st = target.stat()
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise PlanFileError(os_problem(target, exc)) from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise PlanFileError(f"{target}: is a folder; give the name of a plan file")
        if not stat.S_ISREG(st.st_mode):
            raise PlanFileError(f"{target}: is not a regular file (a device or a pipe); choose a plan file name")
        if not overwrite:
            raise PlanFileError(f"{target}: already exists; choose another name")
    if not target.parent.is_dir():
        raise PlanFileError(f"{target}: the folder does not exist")


def temporary_beside(target: Path) -> Path:
    return target.with_name(f".{target.name[:200]}.{os.getpid()}.new")


def install(tmp: Path, target: Path, *, overwrite: bool) -> None:
    """Move the complete plan ``tmp`` to ``target`` in one step (see the module's note)."""
    check_target(target, overwrite=overwrite)
    try:
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        if not target.exists():
            try:
                os.link(tmp, target)      # never replaces a file that appeared in the meantime
                tmp.unlink()
            except FileExistsError:
                raise
            except OSError:               # a file system without hard links (FAT, some network shares)
                os.replace(tmp, target)
        else:
            with PlanLock(target):
                _fold_wal(target)
                for suffix in ("-wal", "-shm"):
                    Path(f"{target}{suffix}").unlink(missing_ok=True)
                os.replace(tmp, target)
        fsync_folder(target.parent)
    except FileExistsError:
        raise PlanFileError(f"{target}: already exists; choose another name") from None
    except OSError as exc:
        remove_file(tmp)
        raise PlanFileError(os_problem(target, exc)) from None


def _fold_wal(path: Path) -> None:
    """Write what is still in an existing plan's WAL into the plan file itself (nothing when ``path`` is not
    an SQLite database or has no WAL)."""
    if not Path(f"{path}-wal").exists():
        return
    try:
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        pass          # not a plan (or damaged): it is being replaced, as the user asked
