"""Files the program reads besides plans (workbooks, CSV, mapping files): checked before they are opened.

A pipe would make the read wait forever and a device never ends: only a regular file is read. Each
refusal is one line naming the file.
"""

from __future__ import annotations

from pathlib import Path

from .errors import PlanError
from .i18n import _
from .places import look


class InputError(PlanError):
    """The file cannot be read as asked; nothing was read into the plan."""


def check_input(path: str | Path) -> Path:
    """``path`` if it is a regular file that can be opened; InputError (one line) otherwise."""
    return look(path, InputError, _("a file"), must_exist=True).path
