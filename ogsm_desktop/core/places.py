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
from .i18n import _


def os_problem(path: Path, exc: OSError, doing: str = "written") -> str:
    """One line saying why ``path`` could not be ``doing`` (written or read), in the user's terms."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return _("{path}: the disk is full; nothing was written. Free some space and try again.").format(path=path)
    if exc.errno == errno.EROFS:
        return _("{path}: the disk or folder is read-only; nothing was written").format(path=path)
    if exc.errno in (errno.EACCES, errno.EPERM):
        if doing == "written":
            return _("{path}: permission denied; nothing was written").format(path=path)
        return _("{path}: permission denied; nothing was read").format(path=path)
    if exc.errno == errno.ENAMETOOLONG:
        return _("{name}…: the file name is too long").format(name=path.name[:40])
    if exc.errno == errno.ENOENT:
        return _("{path}: the folder does not exist").format(path=path)
    reason = exc.strerror or exc
    if doing == "written":
        return _("{path}: cannot be written ({reason})").format(path=path, reason=reason)
    if doing == "read":
        return _("{path}: cannot be read ({reason})").format(path=path, reason=reason)
    return f"{path}: cannot be {doing} ({reason})"


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
    """What is at ``path`` where ``wanted`` (say "a plan file", in the language spoken) is wanted: nothing,
    or a regular file; ``error`` (one line) otherwise."""
    path = Path(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        if must_exist:
            raise error(_("{path}: no such file").format(path=path)) from None
        return Place(path, None)
    except OSError as exc:
        raise error(os_problem(path, exc, "read" if must_exist else "written")) from None
    if stat.S_ISDIR(st.st_mode):
        raise error(_("{path}: is a folder; give the name of {wanted}").format(path=path, wanted=wanted))
    if not stat.S_ISREG(st.st_mode):
        raise error(_("{path}: is not a regular file (a device or a pipe); give the name of {wanted}").format(
            path=path, wanted=wanted))
    return Place(path, st)
