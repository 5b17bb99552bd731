"""What SQLite says, in one line a planner can act on: a full disk, a damaged file, a read-only place."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from ..errors import PlanFileError
from ..i18n import N_, _, language

StorageError = sqlite3.Error          # what the storage may raise besides PlanError, for the front ends' last net

CHECK_HINT = N_("`ogsm-desktop check` (or File → Check plan file…) says more")     # said with _(CHECK_HINT)


class DamagedPlanError(PlanFileError):
    """The plan file is damaged or was not made by this program; it was not changed. ``where`` and ``detail``:
    the file and what is wrong with it, as :func:`damaged` said them."""

    def __init__(self, message: str, where=None, detail: str = ""):
        super().__init__(message)
        self.where, self.detail = where, detail


def one_line(text: str, limit: int = 200) -> str:
    """SQLite's words on one line, not too long (its messages may quote a whole damaged schema)."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


# SQLite's words for a damaged file, in a planner's (SQLite's own go to the log, not into a translated sentence)
_SQLITE_WORDS = {"database disk image is malformed": N_("its pages do not hold together (a copy that did not "
                                                         "finish, or a failing disk)"),
                 "file is not a database": N_("it is not a plan file, or it is encrypted")}


def damaged(where, detail: str, hint: bool = True) -> DamagedPlanError:
    """The plan file ``where`` is damaged, as ``detail`` says; ``hint``: say that a check says more (not when
    the check is what says it)."""
    detail = one_line(detail)
    words = _SQLITE_WORDS.get(detail.lower())
    if words is not None:
        detail = _(words)
    if hint:
        text = _("{where}: the plan file is damaged: {detail}; nothing was changed. {hint}").format(
            where=where, detail=detail, hint=_(CHECK_HINT))
    else:
        text = _("{where}: the plan file is damaged: {detail}; nothing was changed.").format(where=where, detail=detail)
    return DamagedPlanError(text, where, detail)


def _no_room(where) -> bool:
    """Whether the disk of the plan ``where`` is (nearly) full: SQLite reports a write that found no room
    as a plain I/O error."""
    try:
        st = os.statvfs(Path(str(where)).resolve().parent)
    except (OSError, AttributeError, ValueError):     # no statvfs (Windows), or no such place
        return False
    return st.f_bavail * st.f_frsize < 1024 * 1024


def _busy(exc: sqlite3.Error) -> bool:
    name = getattr(exc, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(exc)


def is_busy(exc: BaseException) -> bool:
    """Whether ``exc`` (or the SQLite error it was raised for) says another connection was writing the plan
    file: a read that may be tried again once the write is over."""
    seen = 0
    while exc is not None and seen < 8:
        if isinstance(exc, sqlite3.Error) and _busy(exc):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def sqlite_reason(exc: sqlite3.Error, text: str) -> str:
    """SQLite's words ``text`` for ``exc``, to put in brackets in a message: as SQLite says them in English;
    in another language its error code (SQLITE_CANTOPEN), never its English inside a translated sentence."""
    if language() == "en":
        return text
    name = getattr(exc, "sqlite_errorname", "") or ""
    # TRANSLATORS: a refusal SQLite reported, named by its code (SQLITE_CANTOPEN, SQLITE_IOERR_WRITE …)
    return _("SQLite error {code}").format(code=name) if name else _("an SQLite error")


def plan_error(exc: sqlite3.Error, where) -> PlanFileError:
    """A PlanFileError for an error SQLite raised while using the plan ``where``."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = one_line(str(exc))
    reason = sqlite_reason(exc, text)
    if name == "SQLITE_FULL" or "disk is full" in text or (name.startswith("SQLITE_IOERR") and _no_room(where)):
        return PlanFileError(_("{where}: the disk is full; nothing was changed. Free some space and try again.").format(
            where=where))
    if name in ("SQLITE_CORRUPT", "SQLITE_NOTADB") or "malformed" in text or "not a database" in text:
        return damaged(where, text)
    if "Could not decode to UTF-8" in text:
        return damaged(where, _("some text is not valid UTF-8"))
    if name.startswith("SQLITE_READONLY") or "readonly" in text:
        return PlanFileError(_("{where}: the plan file cannot be written here (read-only); nothing was changed").format(
            where=where))
    if _busy(exc):
        return PlanFileError(_("{where}: another program is writing the plan file; nothing was changed. "
                               "Try again.").format(where=where))
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        return PlanFileError(_("{where}: the plan file cannot be opened ({reason})").format(where=where, reason=reason))
    if name.startswith("SQLITE_IOERR") or "disk I/O error" in text:
        return PlanFileError(_("{where}: the disk could not be read or written ({reason}); nothing was "
                               "changed").format(where=where, reason=reason))
    return PlanFileError(_("{where}: the plan file cannot be used ({reason}); nothing was changed").format(
        where=where, reason=reason))
