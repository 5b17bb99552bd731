"""Named versions: points in the batch sequence (a name, a reason, the batch it freezes); no copies."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from ..errors import NotFoundError, ValidationError
from ..i18n import _, enumerated
from .batch import BatchWriter
from .connection import now

_COLUMNS = "id, name, reason, batch_id, at, who"


@dataclass(frozen=True)
class Version:
    id: int
    name: str
    reason: str
    batch_id: int
    at: str
    who: str


class VersionStore:
    def __init__(self, conn: sqlite3.Connection, writer: BatchWriter):
        self.conn, self.writer = conn, writer

    def all(self) -> list[Version]:
        return [Version(*r) for r in self.conn.execute(f"SELECT {_COLUMNS} FROM versions ORDER BY id")]

    def get(self, name: str) -> Version:
        r = self.conn.execute(f"SELECT {_COLUMNS} FROM versions WHERE name = ?", (name,)).fetchone()
        if r is None:
            known = enumerated(v.name for v in self.all()) or _("none yet")
            raise NotFoundError(_("no version named {name!r} (versions: {known})").format(name=name, known=known))
        return Version(*r)

    def insert(self, name: str, reason: str) -> Version:
        """Name the state the running batch leaves behind."""
        changes = self.writer.require()
        if self.conn.execute("SELECT 1 FROM versions WHERE name = ?", (name,)).fetchone():
            raise ValidationError(_("a version named {name!r} already exists; choose another name").format(name=name))
        self.conn.execute("INSERT INTO versions (name, reason, batch_id, at, who) VALUES (?, ?, ?, ?, ?)",
                          (name, reason, changes.batch_id, now(), self.writer.user))
        return self.get(name)
