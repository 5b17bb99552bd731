"""Putting a complete plan file in place: a new plan, the demo, a Save As copy.

The file is always made beside its target and moved into place whole (one rename), so a crash, a kill or
a full disk leaves either the old file or the new one, never an empty or half-written plan. Replacing an
existing plan first takes its lock (a plan open in a window is refused) and is settled (a killed writer's
journal played back, an older version's WAL folded in), so the old plan is whole on its own until the
rename and nothing beside it is played into the new file. Only a plan (or an empty file) is replaced.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from ..errors import PlanFileError
from ..i18n import _
from ..lock import PlanLock
from ..outputs import SQLITE_MAGIC, fsync_folder
from ..places import look, os_problem
from .connection import COMPANIONS, check_name_length, remove_file


def check_target(target: Path, *, overwrite: bool) -> None:
    """Refuse (one line, nothing written) a target that cannot take a new plan."""
    check_name_length(target)
    place = look(target, PlanFileError, _("a plan file"))
    if place.st is not None:
        if not overwrite:
            raise PlanFileError(_("{target}: already exists; choose another name").format(target=target))
        if place.st.st_size and place.head(len(SQLITE_MAGIC), PlanFileError) != SQLITE_MAGIC:
            raise PlanFileError(_("{target}: is not a plan file, and only a plan is replaced by a new one; choose "
                                  "another name. Nothing was written.").format(target=target))
    if not target.parent.is_dir():
        raise PlanFileError(_("{target}: the folder does not exist").format(target=target))


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
                _settle(target)
                for suffix in COMPANIONS:
                    Path(f"{target}{suffix}").unlink(missing_ok=True)
                os.replace(tmp, target)
        fsync_folder(target.parent)
    except FileExistsError:
        raise PlanFileError(_("{target}: already exists; choose another name").format(target=target)) from None
    except OSError as exc:
        remove_file(tmp)
        raise PlanFileError(os_problem(target, exc)) from None


def _settle(path: Path) -> None:
    """Make the plan being replaced whole on its own, so that it is intact until the rename and nothing
    beside it can be played into the new file: SQLite undoes what a killed writer left half-done (its
    journal) and folds an older version's -wal into the file. Refused while another program reads that
    -wal (it could not be folded whole); a file SQLite cannot read is replaced as it is."""
    try:
        conn = sqlite3.connect(path, isolation_level=None)
    except sqlite3.Error:
        return
    try:
        conn.execute("PRAGMA trusted_schema=OFF")
        conn.execute("PRAGMA busy_timeout=1000")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        busy, log, folded = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.DatabaseError:
        return        # damaged: it is being replaced, as the user asked
    finally:
        conn.close()
    if busy or (log > 0 and folded < log):
        raise PlanFileError(_("{path}: is being read by another program, and its last changes cannot be kept safe "
                              "while it is replaced; close it there and try again. Nothing was changed.").format(
            path=path))
