"""A glance at a big plan's tree while it is being opened.

Opening a big plan checks the whole file and works out every status: seconds for 50,000 nodes. So
that the window shows the plan at once, the rows of the levels the user looks at are read here, one
parent's children at a time, through a connection that cannot write the file. Nothing is checked
here, and nothing read here is ever edited: the glance is only shown until the plan itself, checked,
takes its place. A file that is not plainly a plan of this program's format, or of an older one (the
columns read here are in every format), gives no glance (None), and a read that fails gives no rows —
the open that runs beside it says what is wrong.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from .connection import BUSY_MS
from .schema import APP_MARK, SCHEMA_VERSION

_CHILDREN = """
SELECT id, kind, code, title, owner, org_unit,
       EXISTS (SELECT 1 FROM nodes AS child WHERE child.parent_id = nodes.id)
FROM nodes WHERE parent_id IS ? ORDER BY position, id"""


@dataclass(frozen=True, slots=True)
class GlanceRow:
    id: int
    kind: str
    code: str
    title: str
    owner: str
    org_unit: str
    has_children: bool


class Glance:
    """Build with :meth:`open`."""

    def __init__(self, conn: sqlite3.Connection, version: int = SCHEMA_VERSION):
        self._conn: sqlite3.Connection | None = conn
        self._known: dict[int | None, list[GlanceRow]] | None = None     # every row, once read_all() has run
        self.version = version          # the plan's format: an older one is brought up to date when opened

    @classmethod
    def open(cls, path: str | Path) -> Glance | None:
        """A glance at ``path``: None unless it is an SQLite file marked as a plan of this program's
        format or an older one (a newer one is refused: no glance). A plan left in WAL mode gives none
        either: opening it puts it back in rollback mode, which a reader beside would stop."""
        try:
            with open(path, "rb") as fh:
                header = fh.read(100)
        except OSError:
            return None
        if len(header) < 100 or header[18] == 2 or header[19] == 2:         # WAL (SQLite's file header)
            return None
        try:
            conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, isolation_level=None,
                                   check_same_thread=False)
        except (sqlite3.Error, OSError, ValueError):
            return None
        try:
            conn.execute("PRAGMA trusted_schema=OFF")
            conn.execute(f"PRAGMA busy_timeout={BUSY_MS}")
            marks = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('app', 'schema_version')"))
            version = marks.get("schema_version")
            if marks.get("app") == APP_MARK and version in {str(v) for v in range(1, SCHEMA_VERSION + 1)}:
                return cls(conn, int(version))
        except (sqlite3.Error, UnicodeDecodeError, ValueError, TypeError):
            pass
        conn.close()
        return None

    @property
    def reads_the_file(self) -> bool:
        """Whether rows are still read from the file when asked for (False once :meth:`read_all` ran)."""
        return self._conn is not None

    def read_all(self) -> None:
        """Read every row now and let the file go: a plan of an older format is converted beside the glance,
        which holds the file for seconds, and a read then would hold the window up until it is done. (A
        glance that cannot read the rows gives none, as :meth:`children` does.)"""
        if self._conn is None:
            return
        known: dict[int | None, list[GlanceRow]] = {}
        try:
            rows = [row for row in self._conn.execute(
                "SELECT id, kind, code, title, owner, org_unit, parent_id FROM nodes ORDER BY position, id")
                if all(isinstance(v, str) for v in row[1:6]) and isinstance(row[0], int)]
        except (sqlite3.Error, UnicodeDecodeError):
            rows = []
        parents = {row[6] for row in rows}
        for row in rows:
            known.setdefault(row[6], []).append(GlanceRow(*row[:6], row[0] in parents))
        self._known = known
        self.close()

    def children(self, parent_id: int | None) -> list[GlanceRow]:
        """The nodes under ``parent_id`` (None: the top), in their order; [] when they cannot be read."""
        if self._known is not None:
            return self._known.get(parent_id, [])
        if self._conn is None:
            return []
        try:
            return [GlanceRow(*row[:6], bool(row[6])) for row in self._conn.execute(_CHILDREN, (parent_id,))
                    if all(isinstance(v, str) for v in row[1:6]) and isinstance(row[0], int)]
        except (sqlite3.Error, UnicodeDecodeError):
            return []

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
