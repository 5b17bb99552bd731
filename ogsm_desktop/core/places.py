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
from .i18n import _, labelled, language


def os_problem(path: Path | str, exc: OSError, doing: str = "written") -> str:
    """One line saying why ``path`` could not be ``doing`` ("written", "read" or "opened"; "used": what was
    being done is not known), in the user's terms and language: the common refusals each in their own words,
    any other with :func:`os_reason`. Every message about a file the system refused is said here (never the
    system's English inside a translated sentence)."""
    path = Path(os.fsdecode(path))       # (an OSError's filename is bytes when the call was given bytes)
    code = exc.errno
    if doing == "used":
        return labelled(str(path), os_reason(exc))
    if _held_elsewhere(exc):
        return _("{path}: it is open in another program (Excel?); close it there and try again").format(path=path)
    if code in (errno.ENOSPC, errno.EDQUOT):
        return _("{path}: the disk is full; nothing was written. Free some space and try again.").format(path=path)
    if code == errno.EROFS:
        return _("{path}: the disk or folder is read-only; nothing was written").format(path=path)
    if code in (errno.EACCES, errno.EPERM):
        if doing == "written":
            return _("{path}: permission denied; nothing was written").format(path=path)
        return _("{path}: permission denied; nothing was read").format(path=path)
    if code == errno.ENAMETOOLONG:
        return _("{name}…: the file name is too long").format(name=path.name[:40])
    if code == errno.ENOENT:
        if doing == "written":
            return _("{path}: the folder does not exist").format(path=path)
        return _("{path}: no such file").format(path=path)
    if code == errno.EISDIR:
        if doing == "written":
            return _("{path}: is a folder; nothing was written").format(path=path)
        return _("{path}: is a folder; nothing was read").format(path=path)
    if code == errno.EEXIST:
        return _("{path}: already exists; nothing was written").format(path=path)
    if code is None:                  # raised by the program itself (a painter Qt could not start): no reason
        if doing == "written":
            return _("{path}: cannot be written").format(path=path)
        if doing == "opened":
            return _("{path}: cannot be opened").format(path=path)
        return _("{path}: cannot be read").format(path=path)
    reason = os_reason(exc)
    if doing == "written":
        return _("{path}: cannot be written ({reason})").format(path=path, reason=reason)
    if doing == "opened":
        return _("{path}: cannot be opened ({reason})").format(path=path, reason=reason)
    return _("{path}: cannot be read ({reason})").format(path=path, reason=reason)


def _held_elsewhere(exc: OSError) -> bool:
    """Windows refused because another program has the file open (Excel keeps its workbooks so): a sharing or
    lock violation, which Python names EACCES like a real lack of permission."""
    return getattr(exc, "winerror", None) in (32, 33)     # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION


def os_reason(exc: OSError) -> str:
    """Why the system refused, as a few words in the user's language to put in brackets after what could not be
    done. A refusal rarer than the common ones keeps the system's words in English, and is named by its code
    (EIO, EBUSY …) in any other language: the system's English is never said inside a translated sentence."""
    code = exc.errno
    if _held_elsewhere(exc):
        return _("it is open in another program")
    if code in (errno.EACCES, errno.EPERM):
        return _("permission denied")
    if code == errno.ENOENT:
        return _("no such file or folder")
    if code in (errno.ENOSPC, errno.EDQUOT):
        return _("the disk is full")
    if code == errno.EROFS:
        return _("the disk or folder is read-only")
    if code == errno.EISDIR:
        return _("it is a folder")
    if code == errno.EEXIST:
        return _("it already exists")
    if code == errno.ENOTDIR:
        return _("a part of the path is not a folder")
    if code == errno.ENAMETOOLONG:
        return _("the name is too long")
    name = errno.errorcode.get(code) if code is not None else None
    if language() == "en" and exc.strerror:
        return exc.strerror
    if name is None:
        return _("the system gave no reason")
    # TRANSLATORS: a rarer refusal of the system, named by its code (EIO, EBUSY …)
    return _("system error {code}").format(code=name)


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
