"""The values a plan's rows may hold, checked in SQL when a plan is opened (and by ``check``).

SQLite stores whatever a damaged or crafted file puts in a column: text where a number belongs, a date
that is none, a node whose parent is missing or that is its own ancestor, history that names a field no
node has. Each rule below finds the first row that breaks it with one query (SQLite does the scanning,
so the cost stays small even on a big plan); the first rule broken is reported in one line naming the
row, and the plan is refused unchanged, instead of a crash (or nodes silently left out) later.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator

from .. import periods
from ..i18n import N_, _
from ..model import ALL_FIELDS, Aggregation, Direction, Frequency, Kind, Status, TargetMode
from .errors import damaged

NUMBERS = ("baseline", "target", "amber", "red", "weight", "serves_target")
TEXTS = ("code", "title", "description", "owner", "org_unit", "status", "unit", "due_date", "direction",
         "frequency", "alerts_off", "aggregation", "target_mode", "serves_title")
JOURNALED_FIELDS = tuple(f for f in ALL_FIELDS if f not in ("id", "kind"))

_NUMBER = "typeof({c}) NOT IN ('real', 'integer', 'null')"
_WHOLE = "typeof({c}) != 'integer'"


def _among(values) -> str:
    return ",".join(f"'{v}'" for v in values)


def _node_rules(has: set[str]) -> list[tuple[str, str, str]]:
    """(column, SQL condition true for a damaged node, what is wrong) for every column the plan's format has.
    What is wrong is marked for the catalogue and said with ``_(text).format(column=…, value=…)``."""
    rules = [("kind", f"kind NOT IN ({_among(Kind)})", N_("kind {value!r} is not a kind of node"))]
    rules += [(c, _NUMBER.format(c=c), N_("{column} {value!r} is not a number")) for c in NUMBERS]
    rules += [(c, f"{_WHOLE.format(c=c)} AND {c} IS NOT NULL", N_("{column} {value!r} is not a whole number"))
              for c in ("streak", "serves_id")]
    rules += [(c, f"typeof({c}) != 'text'", N_("{column} {value!r} is not text")) for c in TEXTS]
    for column, enum in (("status", Status), ("direction", Direction), ("frequency", Frequency),
                         ("aggregation", Aggregation), ("target_mode", TargetMode)):
        rules.append((column, f"{column} NOT IN ({_among(enum)})", N_("{column} {value!r} is not one of its choices")))
    rules += [
        ("position", f"{_WHOLE.format(c='position')} OR position < 0", N_("position {value!r} is not a place")),
        ("parent_id", "typeof(parent_id) NOT IN ('integer', 'null')", N_("parent {value!r} is not a node id")),
        ("due_date", "due_date != '' AND (date(due_date) IS NOT due_date OR due_date NOT GLOB "
                     "'[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' OR due_date < '0001')",
         N_("due date {value!r} is not a date")),
        ("streak", "streak IS NOT NULL AND streak NOT BETWEEN 1 AND 52", N_("streak {value!r} is not between 1 and 52")),
        ("code", "length(code) NOT BETWEEN 1 AND 40 OR code GLOB '*[ ' || char(1) || '-' || char(31) || char(127) || ']*'",
         N_("code {value!r} is not a valid code")),
    ]
    return [rule for rule in rules if rule[0] in has]


def check_nodes(conn: sqlite3.Connection, where, columns_of_nodes: tuple[str, ...]) -> None:
    """Values SQLite stores but no plan has (an unknown kind, text where a number belongs), in one pass."""
    has = set(columns_of_nodes)
    rules = _node_rules(has)
    columns = [c for c in ("id", "code", "kind", "parent_id", "position", *NUMBERS, "streak", "serves_id", *TEXTS[1:])
               if c in has]
    cur = conn.cursor()
    cur.row_factory = sqlite3.Row
    bad = cur.execute(f"SELECT {', '.join(columns)}, {', '.join(f'({sql})' for _c, sql, _t in rules)} FROM nodes "
                      f"WHERE {' OR '.join(f'({sql})' for _c, sql, _t in rules)} LIMIT 1").fetchone()
    if bad is not None:
        values = {c: bad[c] for c in columns}
        column, text = next((c, text) for i, (c, _sql, text) in enumerate(rules) if bad[len(columns) + i])
        what = _(text).format(column=column, value=values[column])
        raise damaged(where, _("node {id} ({code}) is damaged: {problem}").format(
            id=values["id"], code=values["code"], problem=what))


def _tree_problems(conn: sqlite3.Connection) -> Iterator[str]:
    bad = conn.execute("SELECT n.id, n.code, n.parent_id FROM nodes n LEFT JOIN nodes p ON p.id = n.parent_id "
                       "WHERE n.parent_id IS NOT NULL AND p.id IS NULL LIMIT 1").fetchone()
    if bad is not None:
        yield _("node {id} ({code}) is damaged: its parent {parent} is missing").format(
            id=bad[0], code=bad[1], parent=bad[2])
    bad = conn.execute(
        "WITH RECURSIVE reach(id) AS (SELECT id FROM nodes WHERE parent_id IS NULL "
        "UNION ALL SELECT n.id FROM nodes n JOIN reach r ON n.parent_id = r.id) "
        "SELECT id, code FROM nodes WHERE id NOT IN (SELECT id FROM reach) LIMIT 1").fetchone()
    if bad is not None:        # every parent exists, yet the node is not under a top: it is its own ancestor
        yield _("node {id} ({code}) is damaged: it is among its own ancestors").format(id=bad[0], code=bad[1])


def _history_rules() -> list[tuple[str, str]]:
    """(query of the first damaged row's id, what is wrong with it) for the values of every period ever
    recorded: a scan of the whole history, a second on the big plan. What is wrong is said with
    ``_(text).format(row=…)``."""
    return [
        (f"SELECT id FROM actuals WHERE {_NUMBER.format(c='actual')} OR {_NUMBER.format(c='target')} LIMIT 1",
         N_("actual value row {row} is damaged: its value is not a number")),
        ("SELECT id FROM actuals WHERE typeof(batch_id) != 'integer' OR "
         "typeof(ended_batch) NOT IN ('integer', 'null') LIMIT 1",
         N_("actual value row {row} is damaged: its batch is not a batch number")),
        ("SELECT a.id FROM actuals a LEFT JOIN nodes n ON n.id = a.node_id "
         "WHERE a.ended_batch IS NULL AND n.id IS NULL LIMIT 1",
         N_("actual value row {row} is damaged: its node is missing")),
    ]


def _period_problem(conn: sqlite3.Connection) -> str | None:
    """What is wrong with the first value whose period is not a canonical period (2026, 2026-03, 2026-Q1,
    2026-W05: see periods.py, which reads them), or whose period end is not its period's (the values'
    order, and the index that keeps one current value a period, rely on it); None when none is.

    A plan holds a few dozen periods among its values: each is checked once, here, by the code that
    reads them, and SQLite only matches every value's end against theirs, both reads in one snapshot.
    (With SQL working out each value's period and end, a department's 37,440 values took 0.20 s to check
    where they take 0.10 s now.)"""
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN")
    try:
        return _period_problem_in(conn)
    finally:
        if own:
            conn.execute("COMMIT")


def _period_problem_in(conn: sqlite3.Connection) -> str | None:
    ends: dict[str, str] = {}
    for (period,) in conn.execute("SELECT DISTINCT period FROM actuals"):
        try:
            ends[period] = periods.period_end(period) if isinstance(period, str) else ""
        except ValueError:
            ends[period] = ""
        if not ends[period]:
            row = conn.execute("SELECT MIN(id) FROM actuals WHERE period IS ?", (period,)).fetchone()[0]
            return _("actual value row {row} is damaged: its period is not a period").format(row=row)
    bad = conn.execute("SELECT a.id FROM actuals a LEFT JOIN (SELECT key AS period, value AS period_end FROM "
                       "json_each(?)) e ON e.period = a.period WHERE e.period_end IS NOT a.period_end LIMIT 1",
                       (json.dumps(ends),)).fetchone()
    if bad is not None:
        return _("actual value row {row} is damaged: the end of its period is wrong").format(row=bad[0])
    return None


def _other_rules(tables: dict[str, tuple[str, ...]]) -> list[tuple[str, str]]:
    """(query of the first damaged row's id, what is wrong with the row) beyond the nodes and the history
    of values: small tables, or scans that stay small on the big plan (said as in :func:`_history_rules`)."""
    rules = [
        (f"SELECT node_id FROM latest_actuals WHERE {_NUMBER.format(c='actual')} OR {_NUMBER.format(c='target')} "
         "LIMIT 1", N_("the newest value of node {row} is damaged: not a number")),
        (f"SELECT id FROM journal WHERE action NOT IN ('create', 'delete', 'update', 'move') "
         f"OR (action IN ('create', 'delete') AND field IS NOT NULL) "
         f"OR (action IN ('update', 'move') AND (field IS NULL OR field NOT IN ({_among(JOURNALED_FIELDS)}))) LIMIT 1",
         N_("journal row {row} is damaged: it names no field of a node")),
        ("SELECT id FROM journal WHERE (old IS NOT NULL AND NOT json_valid(old)) "
         "OR (new IS NOT NULL AND NOT json_valid(new)) OR typeof(node_id) != 'integer' LIMIT 1",
         N_("journal row {row} is damaged")),
        ("SELECT v.id FROM versions v LEFT JOIN batches b ON b.id = v.batch_id "
         "WHERE typeof(v.batch_id) != 'integer' OR b.id IS NULL LIMIT 1",
         N_("version {row} is damaged: it points at no batch")),
    ]
    if "meta_journal" in tables:
        rules.append(("SELECT id FROM meta_journal WHERE typeof(old) NOT IN ('text', 'null') "
                      "OR typeof(new) NOT IN ('text', 'null') LIMIT 1",
                      N_("settings journal row {row} is damaged: its value is not text")))
    return rules


def check_rows(conn: sqlite3.Connection, where, tables: dict[str, tuple[str, ...]], *, history: bool = True) -> None:
    """The rules of this module on the open connection; the first damage found is raised. ``history``:
    the recorded values of every period too (opens of a big plan leave that scan to ``check``, and a
    damaged value is then named when it is read)."""
    check_nodes(conn, where, tables["nodes"])
    for problem in _tree_problems(conn):
        raise damaged(where, problem)
    for sql, says in _other_rules(tables) + (_history_rules() if history else []):
        bad = conn.execute(sql).fetchone()
        if bad is not None:
            raise damaged(where, _(says).format(row=bad[0]))
    problem = _period_problem(conn) if history else None
    if problem is not None:
        raise damaged(where, problem)
