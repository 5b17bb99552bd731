"""Files the program writes besides plans (workbooks, PDFs, charts): checked first, written beside the
target, moved into place only when complete.

Refused, each in one line, with nothing written: the plan being read, any plan file (or other SQLite
database, or a file named like a plan), the files kept beside a plan (SQLite's journal, WAL and shared
memory, the lock file), a folder, anything that is not a regular file (a device, a pipe), a folder
that does not exist or cannot be written. A write that fails half-way (a full disk) leaves the old file
as it was.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import PlanError
from .i18n import _
from .places import look, os_problem

SQLITE_MAGIC = b"SQLite format 3\x00"
PLAN_SUFFIX = ".ogsm"
BESIDE_A_PLAN = ("-journal", "-wal", "-shm")      # SQLite's files, named after the database they serve


class OutputError(PlanError):
    """The output cannot be written where the user asked; nothing was written."""


def check_output(target: str | Path, *, reading: Iterable[Path | None] = ()) -> Path:
    """``target`` if the program may write a new file there; OutputError (one line) otherwise."""
    target = Path(target)
    if _kept_beside_a_plan(target):
        raise OutputError(_("{target}: is a file kept beside the plan {plan}; choose another name. Nothing was "
                            "written.").format(target=target, plan=_kept_beside_a_plan(target)))
    for source in reading:
        if source is not None and source.exists() and target.exists() and os.path.samefile(source, target):
            raise OutputError(_("{target}: is the plan this writes from (the plan open); choose another file "
                                "name. Nothing was written.").format(target=target))
    place = look(target, OutputError, _("a file to write"))
    if place.st is not None:
        if target.suffix.lower() == PLAN_SUFFIX or place.head(len(SQLITE_MAGIC), OutputError) == SQLITE_MAGIC:
            raise OutputError(_("{target}: is a plan file (or another program's database) and is not overwritten; "
                                "choose another name").format(target=target))
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(_("{target}: the folder does not exist").format(target=target))
    if not os.access(folder, os.W_OK):
        raise OutputError(_("{target}: the folder cannot be written; nothing was written").format(target=target))
    return target


def _kept_beside_a_plan(target: Path) -> str | None:
    """The name of the plan (or other database) ``target`` would be a companion file of, if any."""
    name = target.name
    for suffix in BESIDE_A_PLAN:
        if name.endswith(suffix) and target.with_name(name[:-len(suffix)]).exists():
            return name[:-len(suffix)]
    if name.startswith(".") and name.endswith(".lock") and target.with_name(name[1:-5]).exists():
        return name[1:-5]
    return None


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (where the system allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def atomic_output(target: str | Path, *, reading: Iterable[Path | None] = ()) -> Iterator[Path]:
    """Check ``target``, yield a temporary path beside it to write, and move that into place when the
    block ends without an error; on any error the temporary file is removed and the target is as it was."""
    target = check_output(target, reading=reading)
    tmp = target.with_name(f".{target.name[:200]}.{os.getpid()}.writing")
    try:
        yield tmp
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        fsync_folder(target.parent)
    except OSError as exc:
        raise OutputError(os_problem(target, exc)) from None
    finally:
        tmp.unlink(missing_ok=True)
