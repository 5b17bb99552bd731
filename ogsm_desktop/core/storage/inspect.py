"""Checking a file before it is used as a plan, without writing a byte of it.

Refused, each in one line: anything that is not a regular file (a folder, a pipe, a device), a file
that is not an SQLite database, a database of another program, a plan from a newer program, a plan
whose format number, tables or columns are damaged, and a plan holding tables, views or triggers this
program did not make (a crafted plan must not change history when it is edited). SQLite's integrity
check runs on every open of a small plan; its quick check on a big one opened for writing (or for
reading below 64 MB). ``check`` runs every check there is, for the command and the menu item of that name.
"""

from __future__ import annotations

import json
import re
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path

from ..errors import PlanFileError
from ..model import Direction, Frequency, Kind, Status
from ..outputs import os_problem
from .connection import connect_readonly
from .errors import damaged, plan_error
from .schema import APP_MARK, SCHEMA_VERSION, SQLITE_MAGIC, STRUCTURE

QUICK_CHECK_BELOW = 64 * 1024 * 1024       # bytes: read-only opens of smaller files run the quick check too
FULL_CHECK_BELOW = 16 * 1024 * 1024        # bytes: smaller files get SQLite's full integrity check on every open
_FORMAT = re.compile(r"^[1-9][0-9]{0,3}$")
_NUMBERS = ("baseline", "target", "amber", "red", "weight")
_TEXTS = ("code", "title", "description", "owner", "org_unit", "status", "unit", "due_date", "direction",
          "frequency", "alerts_off")


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
            raise damaged(where, "its table definitions are damaged")
        cols = tuple(r[1] for r in conn.execute(f'PRAGMA table_info("{name}")')) if kind == "table" else ()
        out[(kind, name)] = cols
    return out


def inspect(path: Path, *, writing: bool) -> int:
    """Check ``path`` as the module says and return its format number; PlanFileError otherwise."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise PlanFileError(f"{path}: no such file") from None
    except OSError as exc:
        raise PlanFileError(os_problem(path, exc).replace("cannot be written", "cannot be read")) from None
    if stat.S_ISDIR(st.st_mode):
        raise PlanFileError(f"{path}: is a folder, not a plan file")
    if not stat.S_ISREG(st.st_mode):
        raise PlanFileError(f"{path}: is not a regular file (a pipe or a device), not a plan file")
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise PlanFileError(f"{path}: cannot be read ({exc.strerror})") from None
    if head != SQLITE_MAGIC:
        raise PlanFileError(f"{path}: not an OGSM plan (not an SQLite database)")
    conn = connect_readonly(path)
    try:
        version = format_number(conn, path)
        check_structure(conn, path, version)
        if st.st_size < FULL_CHECK_BELOW:
            quick_check(conn, path, full=True)
        elif writing or st.st_size < QUICK_CHECK_BELOW:
            quick_check(conn, path)
        check_nodes(conn, path, version)
    except sqlite3.Error as exc:
        raise plan_error(exc, path) from None
    except UnicodeDecodeError:
        raise damaged(path, "some of its text is not valid UTF-8") from None
    finally:
        conn.close()
    return version


def format_number(conn: sqlite3.Connection, where) -> int:
    try:
        rows = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('app', 'schema_version')"))
    except sqlite3.DatabaseError:
        raise PlanFileError(f"{where}: not an OGSM plan (an SQLite database without plan tables)") from None
    if rows.get("app") != APP_MARK or "schema_version" not in rows:
        raise PlanFileError(f"{where}: not an OGSM plan (an SQLite database of another program)")
    text = rows["schema_version"]
    if not isinstance(text, str) or not _FORMAT.match(text):
        raise damaged(where, f"its format number is {text!r}, not a number this program knows")
    version = int(text)
    if version > SCHEMA_VERSION:
        raise PlanFileError(f"{where}: made by a newer OGSM Desktop (plan format {version}; this program reads up to "
                            f"{SCHEMA_VERSION}); update the program to open it. The file was not changed.")
    return version


def check_structure(conn: sqlite3.Connection, where, version: int) -> None:
    want = expected(version)
    found = _objects(conn, where)
    for (kind, name), cols in sorted(found.items()):
        if kind in ("trigger", "view") or (kind == "table" and name not in want.tables) or (
                kind == "index" and name not in want.indexes):
            raise PlanFileError(f"{where}: contains a {kind} {name!r} that OGSM Desktop did not make; refused, "
                                "unchanged (a damaged or crafted plan file)")
        if kind == "table" and cols != want.tables[name]:
            raise damaged(where, f"table {name} has columns that are not a plan's ({', '.join(cols)})")
    for name in want.tables:
        if ("table", name) not in found:
            raise damaged(where, f"table {name} is missing")
    for name in want.indexes:
        if ("index", name) not in found:
            raise damaged(where, f"index {name} is missing")


def quick_check(conn: sqlite3.Connection, where, full: bool = False) -> None:
    result = conn.execute("PRAGMA integrity_check(1)" if full else "PRAGMA quick_check(1)").fetchone()[0]
    if result != "ok":
        raise damaged(where, " ".join(str(result).replace("*** in database main ***", "").split()))


def _node_rules(has) -> list[tuple[str, str]]:
    """(SQL condition that is true for a damaged value, what is wrong) for every column of a node that the
    plan's format has (``has``)."""
    def among(values) -> str:
        return ",".join(f"'{v}'" for v in values)

    rules = [(f"kind NOT IN ({among(Kind)})", "kind {kind!r} is not a kind of node")]
    rules += [(f"typeof({c}) NOT IN ('real', 'integer', 'null')", f"{c} {{{c}!r}} is not a number") for c in _NUMBERS]
    rules += [("typeof(streak) NOT IN ('integer', 'null')", "streak {streak!r} is not a whole number")]
    rules += [(f"typeof({c}) != 'text'", f"{c} {{{c}!r}} is not text") for c in _TEXTS]
    for column, enum in (("status", Status), ("direction", Direction), ("frequency", Frequency)):
        rules.append((f"{column} NOT IN ({among(enum)})", f"{column} {{{column}!r}} is not one of its choices"))
    return [(sql, text) for sql, text in rules if text.split(" ", 1)[0] in has]


def check_nodes(conn: sqlite3.Connection, where, version: int) -> None:
    """Values SQLite stores but no plan has (an unknown kind, text where a number belongs), in one pass."""
    has = set(expected(version).tables["nodes"])
    rules = _node_rules(has)
    columns = [c for c in ("id", "code", "kind", *_NUMBERS, "streak", *_TEXTS[1:]) if c in has]
    cur = conn.cursor()
    cur.row_factory = sqlite3.Row
    bad = cur.execute(f"SELECT {', '.join(columns)}, {', '.join(f'({c})' for c, _ in rules)} FROM nodes "
                      f"WHERE {' OR '.join(f'({c})' for c, _ in rules)} LIMIT 1").fetchone()
    if bad is not None:
        values = {c: bad[c] for c in columns}
        what = next(text for i, (_c, text) in enumerate(rules) if bad[len(columns) + i])
        raise damaged(where, f"node {values['id']} ({values['code']}) is damaged: {what.format(**values)}")


def check(path: Path) -> str:
    """Every check there is (the structure, SQLite's full integrity check, every row's values and text);
    one line saying the plan is sound, or PlanFileError naming the first damage found."""
    version = inspect(path, writing=False)
    conn = connect_readonly(path)
    try:
        quick_check(conn, path, full=True)
        conn.text_factory = bytes
        counts = {}
        for table in expected(version).tables:
            counts[table] = _check_text(conn, path, table)
        for row_id, old, new in conn.execute("SELECT id, old, new FROM journal"):
            for value in (old, new):
                try:
                    if value is not None:
                        json.loads(value)
                except ValueError:
                    raise damaged(path, f"journal row {row_id} is damaged") from None
        bad = conn.execute("SELECT id FROM actuals WHERE typeof(actual) NOT IN ('real', 'integer', 'null') OR "
                           "typeof(target) NOT IN ('real', 'integer', 'null') LIMIT 1").fetchone()
        if bad is not None:
            raise damaged(path, f"actual value row {bad[0]} is damaged: not a number")
    except sqlite3.Error as exc:
        raise plan_error(exc, path) from None
    finally:
        conn.close()
    return (f"{path}: the plan file is sound ({counts['nodes']:,} nodes, {counts['journal']:,} journal rows, "
            f"{counts['actuals']:,} actual value rows; format {version})")


def _check_text(conn: sqlite3.Connection, where, table: str) -> int:
    """Every text of a table decodes as UTF-8 (read as bytes); returns the number of rows. A row is named
    by its first column (its id, or its key)."""
    rows = 0
    for row in conn.execute(f'SELECT * FROM "{table}"'):
        rows += 1
        for value in row:
            if isinstance(value, bytes):
                try:
                    value.decode("utf-8")
                except UnicodeDecodeError:
                    key = row[0].decode("utf-8", "replace") if isinstance(row[0], bytes) else row[0]
                    raise damaged(where, f"{table} row {key} holds text that is not valid UTF-8") from None
    return rows
