"""What is at a path the user named, looked at once for every kind of file the program reads or writes.

A folder, a pipe or a device where a file is wanted is refused in one line (a pipe would make a read or
a write wait forever, a device never ends); what cannot be looked at says why, in the user's words.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .errors import PlanError


def os_problem(path: Path, exc: OSError, doing: str = "written") -> str:
    """One line saying why ``path`` could not be ``doing`` (written or read), in the user's terms."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"{path}: the disk is full; nothing was written. Free some space and try again."
    if exc.errno == errno.EROFS:
        return f"{path}: the disk or folder is read-only; nothing was written"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"{path}: permission denied; nothing was {'written' if doing == 'written' else 'read'}"
    if exc.errno == errno.ENAMETOOLONG:
        return f"{path.name[:40]}…: the file name is too long"
    if exc.errno == errno.ENOENT:
        return f"{path}: the folder does not exist"
    return f"{path}: cannot be {doing} ({exc.strerror or exc})"


@dataclass(frozen=True)
class Place:
    path: Path
    st: os.stat_result | None            # None: nothing is there yet

    def head(self, size: int, error: type[PlanError]) -> bytes:
        """The file's first ``size`` bytes."""
        try:
            with self.path.open("rb") as fh:
                return fh.read(size)
        except OSError as exc:
            raise error(os_problem(self.path, exc, "read")) from None


def look(path: str | Path, error: type[PlanError], wanted: str, *, must_exist: bool = False) -> Place:
    """What is at ``path`` where ``wanted`` (say "a plan file") is wanted: nothing, or a regular file;
    ``error`` (one line) otherwise."""
    path = Path(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        if must_exist:
            raise error(f"{path}: no such file") from None
        return Place(path, None)
    except OSError as exc:
        raise error(os_problem(path, exc, "read" if must_exist else "written")) from None
    if stat.S_ISDIR(st.st_mode):
        raise error(f"{path}: is a folder; give the name of {wanted}")
    if not stat.S_ISREG(st.st_mode):
        raise error(f"{path}: is not a regular file (a device or a pipe); give the name of {wanted}")
    return Place(path, st)
