"""Checking a file before it is used as a plan, without writing a byte of it.

Refused, each in one line: anything that is not a regular file (a folder, a pipe, a device), a file
that is not an SQLite database, a database of another program, a plan from a newer program, a plan
whose format number, tables or columns are damaged, and a plan holding tables, views or triggers this
program did not make (a crafted plan must not change history when it is edited), and rows holding what
no plan holds (row_checks.py). SQLite's integrity check runs on every open of a small plan; its quick
check on a big one opened for writing (or for reading below 64 MB). ``check`` runs every check there
is, for the command and the menu item of that name; a plan under 4 MB gets all of them on every open,
so nothing is written to a plan that ``check`` calls damaged.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import PlanFileError
from ..i18n import N_, _
from ..places import look
from .connection import connect_readonly
from .errors import DamagedPlanError, damaged, plan_error
from .row_checks import check_rows
from .schema import APP_MARK, SCHEMA_VERSION, SQLITE_MAGIC, STRUCTURE

QUICK_CHECK_BELOW = 64 * 1024 * 1024       # bytes: read-only opens of smaller files run the quick check too
FULL_CHECK_BELOW = 16 * 1024 * 1024        # bytes: smaller files get SQLite's full integrity check on every open
TEXT_CHECK_BELOW = 4 * 1024 * 1024         # bytes: smaller files get every check `check` runs on every open
_FORMAT = re.compile(r"^[1-9][0-9]{0,3}$")


@dataclass(frozen=True)
class Expected:
    tables: dict[str, tuple[str, ...]]      # table → its columns, in order
    indexes: frozenset[str]


def expected(version: int) -> Expected:
    """The tables, columns and indexes a plan of format ``version`` has, as this program makes them."""
    tables, indexes = STRUCTURE[version]
    return Expected(tables, indexes)


def _objects(conn: sqlite3.Connection, where="plan") -> dict[tuple[str, str], tuple[str, ...]]:
    out = {}
    for kind, name in conn.execute("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"):
        if not isinstance(kind, str) or not isinstance(name, str):
            raise damaged(where, _("its table definitions are damaged"))
        cols = tuple(r[1] for r in conn.execute(f'PRAGMA table_info("{name}")')) if kind == "table" else ()
        out[(kind, name)] = cols
    return out


def inspect(path: Path, *, writing: bool) -> int:
    """Check ``path`` as the module says and return its format number; PlanFileError otherwise."""
    with _looked_at(path) as (st, conn):
        version = format_number(conn, path)
        check_structure(conn, path, version)
        if st.st_size < FULL_CHECK_BELOW:
            quick_check(conn, path, full=True)
        elif writing or st.st_size < QUICK_CHECK_BELOW:
            quick_check(conn, path)
        check_rows(conn, path, expected(version).tables, history=st.st_size < FULL_CHECK_BELOW)
        if st.st_size < TEXT_CHECK_BELOW:
            check_every_text(conn, path, version)
    return version


def first_checks(path: Path) -> int:
    """The format number of the plan at ``path``, after the first of :func:`inspect`'s checks, refused in the same
    words: a file, an SQLite database, a plan of this program and not of a newer one, made of the tables, columns
    and indexes it makes and nothing else (no view, no trigger: what a read of it runs is this program's own). A
    few milliseconds, whatever the plan's size."""
    with _looked_at(path) as (_st, conn):
        version = format_number(conn, path)
        check_structure(conn, path, version)
    return version


@contextmanager
def _looked_at(path: Path) -> Iterator[tuple[os.stat_result, sqlite3.Connection]]:
    """A regular file beginning as an SQLite database: its status, and a read-only connection to it, closed after;
    what SQLite or a text's decoding raises meanwhile is said as the plan's damage."""
    place = look(path, PlanFileError, _("a plan file"), must_exist=True)
    if place.head(len(SQLITE_MAGIC), PlanFileError) != SQLITE_MAGIC:
        raise PlanFileError(_("{path}: not an OGSM plan (not an SQLite database)").format(path=path))
    conn = connect_readonly(path)
    try:
        yield place.st, conn
    except sqlite3.Error as exc:
        raise plan_error(exc, path) from None
    except UnicodeDecodeError:
        raise damaged(path, _("some of its text is not valid UTF-8")) from None
    finally:
        conn.close()


def format_number(conn: sqlite3.Connection, where) -> int:
    try:
        rows = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('app', 'schema_version')"))
    except sqlite3.DatabaseError:
        raise PlanFileError(_("{where}: not an OGSM plan (an SQLite database without plan tables)").format(
            where=where)) from None
    if rows.get("app") != APP_MARK or "schema_version" not in rows:
        raise PlanFileError(_("{where}: not an OGSM plan (an SQLite database of another program)").format(where=where))
    text = rows["schema_version"]
    if not isinstance(text, str) or not _FORMAT.match(text):
        raise damaged(where, _("its format number is {text!r}, not a number this program knows").format(text=text))
    version = int(text)
    if version > SCHEMA_VERSION:
        raise PlanFileError(_("{where}: made by a newer OGSM Desktop (plan format {version}; this program reads up "
                              "to {known}); update the program to open it. The file was not changed.").format(
            where=where, version=version, known=SCHEMA_VERSION))
    return version


# What SQLite calls the objects of a database, as a message names them (said with _()).
OBJECT_WORDS = {"table": N_("table"), "index": N_("index"), "trigger": N_("trigger"), "view": N_("view")}


def check_structure(conn: sqlite3.Connection, where, version: int) -> None:
    want = expected(version)
    found = _objects(conn, where)
    for (kind, name), cols in sorted(found.items()):
        if kind in ("trigger", "view") or (kind == "table" and name not in want.tables) or (
                kind == "index" and name not in want.indexes):
            raise PlanFileError(_("{where}: contains the {kind} {name!r}, which OGSM Desktop did not make; refused, "
                                  "unchanged (a damaged or crafted plan file)").format(
                where=where, kind=_(OBJECT_WORDS.get(kind, kind)), name=name))
        if kind == "table" and cols != want.tables[name]:
            raise damaged(where, _("table {name} has columns that are not a plan's ({columns})").format(
                name=name, columns=", ".join(cols)))
    for name in want.tables:
        if ("table", name) not in found:
            raise damaged(where, _("table {name} is missing").format(name=name))
    for name in want.indexes:
        if ("index", name) not in found:
            raise damaged(where, _("index {name} is missing").format(name=name))


def quick_check(conn: sqlite3.Connection, where, full: bool = False) -> None:
    result = conn.execute("PRAGMA integrity_check(1)" if full else "PRAGMA quick_check(1)").fetchone()[0]
    if result != "ok":
        raise damaged(where, " ".join(str(result).replace("*** in database main ***", "").split()))


def check(path: Path) -> str:
    """Every check there is (the structure, SQLite's full integrity check, every row's values and text);
    one line saying the plan is sound, or PlanFileError naming the first damage found."""
    try:
        return _check(path)
    except DamagedPlanError as exc:        # said without "a check says more": this is the check
        raise damaged(exc.where, exc.detail, hint=False) from None


def _check(path: Path) -> str:
    version = inspect(path, writing=False)
    conn = connect_readonly(path)
    try:
        quick_check(conn, path, full=True)
        check_rows(conn, path, expected(version).tables)
        counts = check_every_text(conn, path, version)
    except sqlite3.Error as exc:
        raise plan_error(exc, path) from None
    finally:
        conn.close()
    return _("{path}: the plan file is sound ({nodes:,} nodes, {journal:,} journal rows, {actuals:,} actual value "
             "rows; format {version})").format(path=path, nodes=counts["nodes"], journal=counts["journal"],
                                                actuals=counts["actuals"], version=version)


def check_every_text(conn: sqlite3.Connection, where, version: int) -> dict[str, int]:
    """Every text of every table is UTF-8 and every journaled value reads back (both in Python, row by
    row: SQLite checks neither); returns the rows of each table."""
    conn.text_factory = bytes
    try:
        counts = {table: _check_text(conn, where, table) for table in expected(version).tables}
        for row_id, old, new in conn.execute("SELECT id, old, new FROM journal"):
            for value in (old, new):
                try:
                    if value is not None:
                        json.loads(value)
                except (ValueError, RecursionError):
                    raise damaged(where, _("journal row {row} is damaged").format(row=row_id)) from None
    finally:
        conn.text_factory = str
    return counts


def _check_text(conn: sqlite3.Connection, where, table: str) -> int:
    """Every text of a table decodes as UTF-8 (read as bytes); returns the number of rows. A row is named
    by its first column (its id, or its key), and a node by its code too."""
    rows = 0
    cur = conn.execute(f'SELECT * FROM "{table}"')
    names = [d[0] for d in cur.description]
    code_at = names.index("code") if table == "nodes" else None
    for row in cur:
        rows += 1
        for value in row:
            if isinstance(value, bytes):
                try:
                    value.decode("utf-8")
                except UnicodeDecodeError:
                    key = row[0].decode("utf-8", "replace") if isinstance(row[0], bytes) else row[0]
                    if code_at is not None:
                        code = row[code_at].decode("utf-8", "replace") if isinstance(row[code_at], bytes) else row[code_at]
                        raise damaged(where, _("node {id} ({code}) holds text that is not valid UTF-8").format(
                            id=key, code=code)) from None
                    raise damaged(where, _("{table} row {key} holds text that is not valid UTF-8").format(
                        table=table, key=key)) from None
    return rows
