"""Plan settings (the plan's name, alert defaults…): a small key → text table, journaled like node fields."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from ..i18n import _
from .batch import BatchWriter
from .errors import damaged

# Keys the program itself keeps (format, identity); they are not plan settings and are never journaled.
INTERNAL_KEYS = frozenset({"app", "schema_version"})
# The plan's identity, given once (with its first department file or exported workbook) and never taken
# back: the files made from the plan name it. Journaled, but it belongs to the file, not to the plan's
# content: a version neither compares nor restores it, and an undo leaves it (a version saved before it
# was given would take it away, and every department file and workbook would be "of another plan").
IDENTITY_KEY = "plan_id"
FILE_KEYS = frozenset({IDENTITY_KEY})


class MetaStore:
    def __init__(self, conn: sqlite3.Connection, writer: BatchWriter):
        self.conn, self.writer = conn, writer
        self.on_change: Callable[[str], None] | None = None    # told the key of every setting written

    def get(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set(self, key: str, value: str | None) -> None:
        """Set (or with None remove) a plan setting, journaled; a value that does not change leaves no trace."""
        if key in INTERNAL_KEYS:
            raise ValueError(f"{key!r} is kept by the program, not a plan setting")
        if value is not None and type(value) is not str:     # put back from a damaged journal (undo, restore)
            raise damaged(self.writer.where, _("the history of the setting {key!r} is damaged: {value!r} is not "
                                               "text").format(key=key, value=value))
        old = self.get(key)
        if old == value:
            return
        with self.writer.batch("edit"):
            if value is None:
                self.conn.execute("DELETE FROM meta WHERE key = ?", (key,))
            else:
                self.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))
            self.writer.log_meta(key, old, value)
        if self.on_change is not None:
            self.on_change(key)
