"""Files the program reads besides plans (workbooks, CSV, mapping files): checked before they are opened.

A pipe would make the read wait forever and a device never ends: only a regular file is read. Each
refusal is one line naming the file.
"""

from __future__ import annotations

import stat
from pathlib import Path

from .errors import PlanError


class InputError(PlanError):
    """The file cannot be read as asked; nothing was read into the plan."""


def check_input(path: str | Path) -> Path:
    """``path`` if it is a regular file that can be opened; InputError (one line) otherwise."""
    path = Path(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        if exc.errno == 36:                          # ENAMETOOLONG
            raise InputError(f"{path.name[:40]}…: the file name is too long") from None
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{path}: is a folder; give the name of a file")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"{path}: is not a regular file (a device or a pipe); give the name of a file")
    return path
