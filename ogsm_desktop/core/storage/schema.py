"""The plan file's schema, its version, and the forward migrations between versions.

A plan is one SQLite file. ``meta.schema_version`` says which schema it has; a file from a newer
program is refused before anything is written, an older one is copied aside and migrated step by step.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import PlanFileError
from ..i18n import _
from ..places import os_reason
from .errors import one_line, plan_error, sqlite_reason

if TYPE_CHECKING:      # sqlite-utils is imported only when a schema is created or migrated (start-up)
    import sqlite_utils

APP_MARK = "ogsm-desktop"
SCHEMA_VERSION = 6
SQLITE_MAGIC = b"SQLite format 3\x00"

_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE nodes (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,  -- stable: never reused, even after a delete
    parent_id   INTEGER,
    position    INTEGER NOT NULL DEFAULT 0,
    kind        TEXT NOT NULL,
    code        TEXT NOT NULL UNIQUE,
    title       TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    owner       TEXT NOT NULL DEFAULT '',
    org_unit    TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'not_started',
    unit        TEXT NOT NULL DEFAULT '',
    baseline    REAL,
    target      REAL,
    due_date    TEXT NOT NULL DEFAULT '',
    direction   TEXT NOT NULL DEFAULT 'higher',
    frequency   TEXT NOT NULL DEFAULT 'monthly',
    amber       REAL,
    red         REAL,
    weight      REAL
);
CREATE INDEX nodes_parent ON nodes (parent_id, position);
-- Every code ever given, and to which node: codes are never silently reused.
CREATE TABLE used_codes (code TEXT PRIMARY KEY, node_id INTEGER NOT NULL) WITHOUT ROWID;
-- One batch per user action (an edit, an import, a restore, a cascade, a version), with its reason.
CREATE TABLE batches (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    at     TEXT NOT NULL,
    who    TEXT NOT NULL,
    kind   TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    node_changes   INTEGER NOT NULL DEFAULT 0,   -- journal rows of the batch
    actuals_added  INTEGER NOT NULL DEFAULT 0,   -- actual rows it wrote
    actuals_ended  INTEGER NOT NULL DEFAULT 0    -- actual rows it replaced or removed
);
-- The node journal: one row per created, deleted, moved node and per edited field; old/new as JSON.
CREATE TABLE journal (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    batch_id INTEGER NOT NULL,
    node_id  INTEGER NOT NULL,
    code     TEXT NOT NULL,
    action   TEXT NOT NULL,
    field    TEXT,
    old      TEXT,
    new      TEXT
);
CREATE INDEX journal_batch ON journal (batch_id);
CREATE INDEX journal_node ON journal (node_id);
-- Actuals keep their own history: a row is valid from batch_id until ended_batch (NULL: still current).
-- A change ends the current row and adds a new one, so the table is the journal of actuals too.
CREATE TABLE actuals (
    id          INTEGER PRIMARY KEY,
    node_id     INTEGER NOT NULL,
    period      TEXT NOT NULL,
    period_end  TEXT NOT NULL,                  -- ISO date the period ends: orders mixed period kinds
    actual      REAL,
    target      REAL,
    comment     TEXT NOT NULL DEFAULT '',
    batch_id    INTEGER NOT NULL,
    ended_batch INTEGER
);
CREATE UNIQUE INDEX actuals_current ON actuals (node_id, period) WHERE ended_batch IS NULL;
-- Derived, for speed: each node's newest current actual that has a value (status and progress read
-- only this). Rewritten for the nodes a batch touched, inside the same transaction.
CREATE TABLE latest_actuals (
    node_id    INTEGER PRIMARY KEY,
    period     TEXT NOT NULL,
    period_end TEXT NOT NULL,
    actual     REAL NOT NULL,
    target     REAL,
    comment    TEXT NOT NULL DEFAULT ''
);
-- A named version is a point in the batch sequence: no copy of the plan is made.
CREATE TABLE versions (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    name     TEXT NOT NULL UNIQUE,
    reason   TEXT NOT NULL,
    batch_id INTEGER NOT NULL,
    at       TEXT NOT NULL,
    who      TEXT NOT NULL
);
"""


def _run_script(db: sqlite_utils.Database, script: str) -> None:
    # Statement by statement: executescript() would commit the migration's transaction half-way.
    for statement in script.split(";\n"):
        if statement.strip():
            db.execute(statement)


def _create_v1(db: sqlite_utils.Database) -> None:
    _run_script(db, _V1)


def _v2_alert_settings(db: sqlite_utils.Database) -> None:
    """Schema 2: per-measure alert settings (periods below target before an alert; rules switched off)."""
    db["nodes"].add_column("streak", int)
    db["nodes"].add_column("alerts_off", str, not_null_default="")
    # The newest actuals of a measure, straight from an index: what the alert rules read.
    db.execute("CREATE INDEX actuals_recent ON actuals (node_id, period_end) WHERE ended_batch IS NULL")


def _v3_settings_journal(db: sqlite_utils.Database) -> None:
    """Schema 3: plan settings (name, alert defaults) are journaled like node fields, so they show in
    the history and undo like any other change."""
    _run_script(db, """
CREATE TABLE meta_journal (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    batch_id INTEGER NOT NULL,
    key      TEXT NOT NULL,
    old      TEXT,
    new      TEXT
);
CREATE INDEX meta_journal_batch ON meta_journal (batch_id)""")
    db["batches"].add_column("meta_changes", int, not_null_default=0)


def _v4_period_figures(db: sqlite_utils.Database) -> None:
    """Schema 4: how a measure's periods add up (sum, average, last value) and whether its period targets
    are cumulative (year to date). Every measure of an older plan averages: the older program judged each
    period against the measure's target (a level), and so does an averaged measure; a planner switches
    figures that add up (sales) to sum and gives their months their own targets."""
    db["nodes"].add_column("aggregation", str, not_null_default="average")
    db["nodes"].add_column("target_mode", str, not_null_default="period")


def _v5_serves(db: sqlite_utils.Database) -> None:
    """Schema 5: a cascaded goal's link to the measure above it that it serves, with that measure's title
    and target as the goal last saw them."""
    db["nodes"].add_column("serves_id", int)
    db["nodes"].add_column("serves_title", str, not_null_default="")
    db["nodes"].add_column("serves_target", float)


def _v6_one_index_of_current_values(db: sqlite_utils.Database) -> None:
    """Schema 6: one index of the current values, by node, period end and period, does the work of the two
    before it (by node and period: one current value a period; by node and period end: the newest first).
    A period's end follows from the period: every write takes it from ``periods.period_end``, and a plan's
    rows are checked for it (on opening a plan under 16 MB, and by ``check``). So for every plan this
    program wrote the index is unique where the first one was; every value written updates one index
    less, and a million values take 13 MB less."""
    db.execute("DROP INDEX actuals_recent")
    db.execute("DROP INDEX actuals_current")
    db.execute("CREATE UNIQUE INDEX actuals_now ON actuals (node_id, period_end, period) WHERE ended_batch IS NULL")


# The tables (with their columns, in order) and indexes of each format, as the migrations make them: what
# opening a plan checks it against, without importing sqlite-utils. A test keeps this equal to the migrations.
_NODE_COLUMNS_V1 = ("id", "parent_id", "position", "kind", "code", "title", "description", "owner", "org_unit",
                    "status", "unit", "baseline", "target", "due_date", "direction", "frequency", "amber", "red",
                    "weight")
_TABLES_V1 = {
    "meta": ("key", "value"), "nodes": _NODE_COLUMNS_V1, "used_codes": ("code", "node_id"),
    "batches": ("id", "at", "who", "kind", "reason", "node_changes", "actuals_added", "actuals_ended"),
    "journal": ("id", "batch_id", "node_id", "code", "action", "field", "old", "new"),
    "actuals": ("id", "node_id", "period", "period_end", "actual", "target", "comment", "batch_id", "ended_batch"),
    "latest_actuals": ("node_id", "period", "period_end", "actual", "target", "comment"),
    "versions": ("id", "name", "reason", "batch_id", "at", "who"),
}
_INDEXES_V1 = frozenset({"nodes_parent", "journal_batch", "journal_node", "actuals_current"})
STRUCTURE: dict[int, tuple[dict[str, tuple[str, ...]], frozenset[str]]] = {1: (_TABLES_V1, _INDEXES_V1)}
STRUCTURE[2] = ({**_TABLES_V1, "nodes": (*_NODE_COLUMNS_V1, "streak", "alerts_off")},
                _INDEXES_V1 | {"actuals_recent"})
STRUCTURE[3] = ({**STRUCTURE[2][0], "batches": (*_TABLES_V1["batches"], "meta_changes"),
                 "meta_journal": ("id", "batch_id", "key", "old", "new")},
                STRUCTURE[2][1] | {"meta_journal_batch"})

STRUCTURE[4] = ({**STRUCTURE[3][0], "nodes": (*STRUCTURE[3][0]["nodes"], "aggregation", "target_mode")},
                STRUCTURE[3][1])

STRUCTURE[5] = ({**STRUCTURE[4][0], "nodes": (*STRUCTURE[4][0]["nodes"], "serves_id", "serves_title", "serves_target")},
                STRUCTURE[4][1])

STRUCTURE[6] = (STRUCTURE[5][0], (STRUCTURE[5][1] - {"actuals_current", "actuals_recent"}) | {"actuals_now"})

# MIGRATIONS[n] takes a file from schema n - 1 to schema n (MIGRATIONS[1] creates a new plan).
MIGRATIONS: dict[int, Callable[[sqlite_utils.Database], None]] = {
    1: _create_v1, 2: _v2_alert_settings, 3: _v3_settings_journal, 4: _v4_period_figures,
    5: _v5_serves, 6: _v6_one_index_of_current_values}


def _backup(conn: sqlite3.Connection, target: Path) -> None:
    """Copy the plan as it is, WAL included (SQLite's online backup), to ``target``, whole or not at all."""
    tmp = target.with_name(f".{target.name}.writing")
    tmp.unlink(missing_ok=True)
    try:
        dest = sqlite3.connect(tmp)
        try:
            with dest:
                conn.backup(dest)
        finally:
            dest.close()
        os.replace(tmp, target)
    except (OSError, sqlite3.Error) as exc:
        tmp.unlink(missing_ok=True)
        raise PlanFileError(_("{target}: the copy kept before converting the plan cannot be written ({reason}); "
                              "nothing was changed").format(
            target=target, reason=os_reason(exc) if isinstance(exc, OSError) else sqlite_reason(exc, one_line(str(exc))))
        ) from None


def migrate(conn: sqlite3.Connection, path: Path | None, from_version: int, where: Path | None = None
            ) -> Path | None:
    """Bring an open plan from ``from_version`` up to :data:`SCHEMA_VERSION`, one step per transaction.

    An existing file is first copied to ``<name>.schema<N>.bak`` so the user keeps the old form: that copy
    is returned (None when nothing was copied). A failure (a full disk) is one PlanFileError naming
    ``where`` (default ``path``), the step rolled back.
    """
    if from_version >= SCHEMA_VERSION:
        return None
    import sqlite_utils

    db = sqlite_utils.Database(conn)
    kept = None
    if from_version > 0 and path is not None:
        kept = path.with_name(f"{path.name}.schema{from_version}.bak")
        _backup(conn, kept)
    for version in range(from_version + 1, SCHEMA_VERSION + 1):
        db.conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version](db)
            if version == 1:
                db.conn.execute("INSERT INTO meta (key, value) VALUES ('app', ?)", (APP_MARK,))
            db.conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)", (str(version),)
            )
            db.conn.execute("COMMIT")
        except BaseException as exc:
            if db.conn.in_transaction:        # SQLite may have rolled back already (a full disk at COMMIT)
                db.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise plan_error(exc, where or path or "plan") from None
            raise
    return kept
