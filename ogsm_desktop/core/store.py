"""The plan file: opening, the node and actual tables, and the journal. This module owns the SQL.

Every change runs inside a *batch*: one SQLite transaction, one ``batches`` row (when, who, kind,
reason) and one journal row per created, deleted or moved node and per edited field. A crash or a
kill leaves the file at the state before or after a batch, never between.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import periods
from .errors import GrammarError, NotFoundError, PlanError, PlanFileError, ValidationError
from .lock import PlanLock
from .model import (
    ALERT_RULES,
    ALL_FIELDS,
    EDITABLE_FIELDS,
    ENUM_FIELDS,
    INTEGER_FIELDS,
    NODE_DEFAULTS,
    NUMERIC_FIELDS,
    QUANTIFIED,
    Actual,
    Kind,
    Node,
    Tree,
    check_child,
    node_from_values,
)
from .perf import paused_gc
from .schema import SCHEMA_VERSION, migrate, read_schema_version

_CODE_RE = re.compile(r"^[^\s]{1,40}$")
_NODE_COLUMNS = ", ".join(ALL_FIELDS)


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some containers): still journal something honest
        return "unknown"


def _now() -> str:
    return dt.datetime.now(dt.UTC).astimezone().isoformat(timespec="seconds")


def _dump(value) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _load(text: str | None):
    return None if text is None else json.loads(text)


@dataclass(frozen=True)
class Batch:
    id: int
    at: str
    who: str
    kind: str
    reason: str
    node_changes: int = 0
    actuals_added: int = 0
    actuals_ended: int = 0


@dataclass(frozen=True)
class JournalRow:
    id: int
    batch_id: int
    node_id: int
    code: str
    action: str          # create / update / move / delete
    field: str | None
    old: object
    new: object


@dataclass(frozen=True)
class ActualChange:
    batch_id: int
    node_id: int
    period: str
    old: tuple | None    # (actual, target, comment) before, None when new
    new: tuple | None    # after, None when removed


@dataclass
class ActualDiff:
    """What an upsert of actual values changes: rows to end, rows to add, and the counts."""

    as_of_batch: int                 # the plan's last batch when the diff was made
    ended: list[int] = field(default_factory=list)
    inserted: list[tuple] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: {"new": 0, "changed": 0, "unchanged": 0})


@dataclass(frozen=True)
class Version:
    id: int
    name: str
    reason: str
    batch_id: int
    at: str
    who: str


class Plan:
    """An open plan file. Build with :meth:`open` or :meth:`create`; or hand in a connection (tests)."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None = None, *, readonly: bool = False):
        conn.row_factory = sqlite3.Row
        self.conn = conn
        self.path = path
        self.readonly = readonly
        self.user = current_user()
        self._batch_id: int | None = None
        self._node_changes = self._actuals_added = self._actuals_ended = 0
        self._actual_nodes: set[int] = set()      # nodes whose actuals this batch touched
        self._tree: Tree | None = None
        self.last_batch: int | None = None        # the newest batch this object committed (None: no change)
        self.last_actual_nodes: frozenset[int] = frozenset()   # nodes whose actuals that batch touched
        self._identity = self._file_identity()
        self._lock: PlanLock | None = None

    # ----------------------------------------------------------------- opening and closing
    @classmethod
    def open(cls, path: str | Path, *, readonly: bool = False, lock: bool = False) -> Plan:
        """Open an existing plan; refuses (PlanFileError) a missing, foreign or newer file unchanged.

        ``lock``: hold the plan's write lock while open, refusing a plan another process is editing.
        """
        path = Path(path)
        version = read_schema_version(path)
        if readonly:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None,
                                   check_same_thread=False)
            return cls(conn, path, readonly=True)
        held = PlanLock(path).acquire() if lock else None
        try:
            plan = cls(cls._connect(path), path)
            migrate(plan.conn, path, version)
        except BaseException:
            if held is not None:
                held.release()
            raise
        plan._lock = held
        return plan

    @classmethod
    def create(cls, path: str | Path, *, overwrite: bool = False) -> Plan:
        path = Path(path)
        if path.exists() and not overwrite:
            raise PlanFileError(f"{path}: already exists; choose another name")
        if path.exists():
            path.unlink()
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        try:
            conn = cls._connect(path)
        except sqlite3.Error as exc:
            raise PlanFileError(f"{path}: cannot be created ({exc})") from None
        plan = cls(conn, path)
        migrate(plan.conn, None, 0)
        return plan

    @classmethod
    def in_memory(cls) -> Plan:
        plan = cls(sqlite3.connect(":memory:", isolation_level=None))
        migrate(plan.conn, None, 0)
        return plan

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        try:
            # Long work (imports, exports) may run on a worker thread while the window waits for it;
            # one thread at a time uses the connection.
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA busy_timeout=3000")
        except sqlite3.Error as exc:
            raise PlanFileError(f"{path}: cannot be opened for writing ({exc})") from None
        return conn

    def close(self) -> None:
        self.conn.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    # ----------------------------------------------------------------- the file under the plan
    def _file_identity(self) -> tuple[int, int] | None:
        if self.path is None:
            return None
        try:
            st = self.path.stat()
        except OSError:
            return None
        return st.st_dev, st.st_ino

    def check_file(self) -> None:
        """Refuse to write when the file was deleted, replaced or made read-only since it was opened:
        the change would otherwise be lost without a word. The open plan can still be saved elsewhere."""
        if self.path is None:
            return
        if self._file_identity() != self._identity or self._identity is None:
            raise PlanFileError(f"{self.path}: the plan file was deleted or replaced while open; nothing was "
                                "changed. Save the plan under a new name to keep working.")
        if not os.access(self.path, os.W_OK):
            raise PlanFileError(f"{self.path}: the plan file is read-only now; nothing was changed. "
                                "Save the plan under a new name to keep working.")

    def copy_to(self, target: str | Path) -> Path:
        """Write a complete, consistent copy of the plan to ``target`` (Save As)."""
        target = Path(target)
        if self.path is not None and target.resolve() == self.path.resolve():
            raise PlanFileError(f"{target}: that is the open plan itself; choose another name")
        tmp = target.with_name(target.name + ".saving")
        tmp.unlink(missing_ok=True)
        try:
            dest = sqlite3.connect(tmp)
            with dest:
                self.conn.backup(dest)
            dest.execute("PRAGMA journal_mode=WAL")
            dest.close()
            os.replace(tmp, target)
        except (OSError, sqlite3.Error) as exc:
            tmp.unlink(missing_ok=True)
            raise PlanFileError(f"{target}: cannot be written ({exc})") from None
        return target

    def __enter__(self) -> Plan:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return int(self.meta("schema_version") or SCHEMA_VERSION)

    def meta(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self.batch("edit"):
            self.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    @property
    def name(self) -> str:
        return self.meta("name") or (self.path.stem if self.path else "plan")

    # ----------------------------------------------------------------- batches
    @contextmanager
    def batch(self, kind: str = "edit", reason: str = "") -> Iterator[int]:
        """Run the enclosed changes as one journaled, atomic batch; nested batches join the outer one.

        A batch that changed nothing leaves no trace (re-importing the same data changes nothing).
        """
        if self.readonly:
            raise PlanError(f"{self.path}: opened read-only; nothing was changed")
        if self._batch_id is not None:
            yield self._batch_id
            return
        self.check_file()
        self.last_batch = None
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            cur = self.conn.execute(
                "INSERT INTO batches (at, who, kind, reason) VALUES (?, ?, ?, ?)",
                (_now(), self.user, kind, reason),
            )
            self._batch_id = cur.lastrowid
            self._node_changes = self._actuals_added = self._actuals_ended = 0
            self._actual_nodes = set()
            yield self._batch_id
            touched_actuals = frozenset(self._actual_nodes)
            self._refresh_latest()
            changed = self._node_changes + self._actuals_added + self._actuals_ended > 0 or kind == "version"
            if not changed:
                self.conn.execute("DELETE FROM batches WHERE id = ?", (self._batch_id,))
            else:
                self.conn.execute(
                    "UPDATE batches SET node_changes = ?, actuals_added = ?, actuals_ended = ? WHERE id = ?",
                    (self._node_changes, self._actuals_added, self._actuals_ended, self._batch_id))
            self.conn.execute("COMMIT")
            self.last_batch = self._batch_id if changed else None
            self.last_actual_nodes = touched_actuals
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        finally:
            self._batch_id = None
            self._tree = None

    def _log(self, action: str, node_id: int, code: str, field: str | None, old, new) -> None:
        self.conn.execute(
            "INSERT INTO journal (batch_id, node_id, code, action, field, old, new) VALUES (?,?,?,?,?,?,?)",
            (self._batch_id, node_id, code, action, field, _dump(old), _dump(new)),
        )
        self._node_changes += 1

    def last_batch_id(self) -> int:
        return self.conn.execute("SELECT COALESCE(MAX(id), 0) FROM batches").fetchone()[0]

    def batches(self) -> list[Batch]:
        return [Batch(*r) for r in self.conn.execute("SELECT id, at, who, kind, reason, node_changes, actuals_added, actuals_ended FROM batches ORDER BY id")]

    def batches_page(self, before: int | None, limit: int) -> list[Batch]:
        """Up to ``limit`` batches older than ``before`` (None: the newest), newest first."""
        rows = self.conn.execute(
            "SELECT id, at, who, kind, reason, node_changes, actuals_added, actuals_ended FROM batches WHERE id < ? ORDER BY id DESC LIMIT ?",
            (before if before is not None else 1 << 62, limit))
        return [Batch(*r) for r in rows]

    def batch_codes(self, batch_id: int, limit: int = 4) -> list[str]:
        """The first few codes a batch's journal touches."""
        rows = self.conn.execute("SELECT code FROM journal WHERE batch_id = ? ORDER BY id LIMIT ?", (batch_id, limit * 4))
        return list(dict.fromkeys(r[0] for r in rows))[:limit]

    def batch_info(self, batch_id: int) -> Batch | None:
        r = self.conn.execute("SELECT id, at, who, kind, reason, node_changes, actuals_added, actuals_ended FROM batches WHERE id = ?", (batch_id,)).fetchone()
        return Batch(*r) if r else None

    # ----------------------------------------------------------------- reading nodes
    def tree(self) -> Tree:
        """The whole plan as a :class:`Tree` (cached until the next change)."""
        if self._tree is None:
            with paused_gc():
                self._tree = Tree.build({node.id: node for node in self._read_nodes("")})
        return self._tree

    def _read_nodes(self, where: str, args: Sequence = ()) -> list[Node]:
        """Nodes from plain tuples (no per-row mapping objects: 50,000 nodes load in a fraction of a second)."""
        cur = self.conn.cursor()
        cur.row_factory = None
        return [node_from_values(r) for r in cur.execute(f"SELECT {_NODE_COLUMNS} FROM nodes {where}", args)]

    def node(self, node_id: int) -> Node:
        found = self._read_nodes("WHERE id = ?", (node_id,))
        if not found:
            raise NotFoundError(f"no node with id {node_id}")
        return found[0]

    def node_by_code(self, code: str) -> Node:
        found = self._read_nodes("WHERE code = ?", (code,))
        if not found:
            raise NotFoundError(f"no node with code {code!r} in this plan")
        return found[0]

    def nodes_by_ids(self, ids: Iterable[int]) -> list[Node]:
        """The current nodes among ``ids`` (ids of deleted nodes are left out)."""
        ids = list(ids)
        out: list[Node] = []
        for chunk in range(0, len(ids), 500):
            part = ids[chunk:chunk + 500]
            out += self._read_nodes(f"WHERE id IN ({','.join('?' * len(part))})", part)
        return out

    def latest_for(self, ids: Iterable[int]) -> dict[int, Actual]:
        """The newest actual with a value of each of ``ids`` that has one."""
        ids = list(ids)
        out: dict[int, Actual] = {}
        for chunk in range(0, len(ids), 500):
            part = ids[chunk:chunk + 500]
            for r in self.conn.execute(
                f"SELECT node_id, period, actual, target, comment FROM latest_actuals "
                f"WHERE node_id IN ({','.join('?' * len(part))})", part):
                out[r[0]] = Actual(*r)
        return out

    def node_ids_for_code(self, code: str) -> list[int]:
        """Every node that has ever carried ``code`` (a code belongs to one node for good)."""
        return [r[0] for r in self.conn.execute("SELECT node_id FROM used_codes WHERE code = ?", (code,))]

    def children(self, parent_id: int | None) -> list[Node]:
        return self._read_nodes("WHERE parent_id IS ? ORDER BY position, id", (parent_id,))

    def _parent_kind(self, parent_id: int | None) -> Kind | None:
        if parent_id is None:
            return None
        r = self.conn.execute("SELECT kind FROM nodes WHERE id = ?", (parent_id,)).fetchone()
        if r is None:
            raise NotFoundError(f"no node with id {parent_id}")
        return Kind(r[0])

    def _ancestor_ids(self, node_id: int | None) -> list[int]:
        out = []
        while node_id is not None:
            out.append(node_id)
            r = self.conn.execute("SELECT parent_id FROM nodes WHERE id = ?", (node_id,)).fetchone()
            node_id = r[0] if r else None
        return out

    def _subtree_ids(self, node_id: int) -> list[int]:
        """The node and everything below it, parents before children."""
        rows = self.conn.execute(
            """WITH RECURSIVE sub(id, depth) AS (
                   SELECT ?, 0 UNION ALL
                   SELECT n.id, sub.depth + 1 FROM nodes n JOIN sub ON n.parent_id = sub.id)
               SELECT id FROM sub ORDER BY depth""",
            (node_id,),
        )
        return [r[0] for r in rows]

    # ----------------------------------------------------------------- codes
    def _check_code(self, code: str, node_id: int | None) -> None:
        if not isinstance(code, str) or not _CODE_RE.match(code):
            raise ValidationError(f"code {code!r} is not valid: 1 to 40 characters, no spaces")
        r = self.conn.execute("SELECT node_id FROM used_codes WHERE code = ?", (code,)).fetchone()
        if r is not None and r[0] != node_id:
            owner = self.conn.execute("SELECT code, title FROM nodes WHERE id = ?", (r[0],)).fetchone()
            if owner is not None:
                raise ValidationError(f"code {code!r} is already used by {owner['title'] or 'another node'}")
            raise ValidationError(
                f"code {code!r} belonged to a node that was deleted; codes are never reused, choose another"
            )

    def _claim_code(self, code: str, node_id: int) -> None:
        self.conn.execute("INSERT OR IGNORE INTO used_codes (code, node_id) VALUES (?, ?)", (code, node_id))

    def suggest_code(self, parent_id: int | None, kind: Kind) -> str:
        """The next unused code for a new ``kind`` under ``parent_id``: C, C-G1, C-S2, C-S2-M1, D1, T3…"""
        if kind is Kind.OBJECTIVE:
            depth = sum(
                1 for a in self._ancestor_ids(parent_id) if self.node(a).kind is Kind.OBJECTIVE
            )
            prefix = ("C", "D", "T", "P")[depth] if depth < 4 else f"L{depth + 1}-"
            if depth == 0:
                return self._next_code(prefix, start=0, bare_first=True)
            return self._next_code(prefix)
        parent = self.node(parent_id)
        letter = {Kind.GOAL: "G", Kind.STRATEGY: "S", Kind.MEASURE: "M", Kind.ACTION: "A"}[kind]
        return self._next_code(f"{parent.code}-{letter}")

    def _next_code(self, prefix: str, start: int = 0, bare_first: bool = False) -> str:
        used = {
            r[0][len(prefix):]
            for r in self.conn.execute("SELECT code FROM used_codes WHERE substr(code, 1, ?) = ?", (len(prefix), prefix))
        }
        if bare_first and "" not in used:
            return prefix
        numbers = [int(s) for s in used if s.isdigit()]
        return f"{prefix}{max(numbers, default=start) + 1}"

    # ----------------------------------------------------------------- validating field values
    def _clean(self, field: str, value, node_id: int | None):
        if field not in EDITABLE_FIELDS:
            raise ValidationError(f"{field!r} is not a field of a plan node")
        if field in INTEGER_FIELDS:
            if value is None or value == "":
                return None
            try:
                number = int(value)
            except (TypeError, ValueError):
                raise ValidationError(f"{field} must be a whole number, not {value!r}") from None
            if number < 1 or number > 52:
                raise ValidationError(f"{field} must be between 1 and 52 periods, not {number}")
            return number
        if field == "alerts_off":
            names = [n.strip() for n in str(value or "").split(",") if n.strip()]
            unknown = [n for n in names if n not in ALERT_RULES]
            if unknown:
                raise ValidationError(f"unknown alert rule(s) {', '.join(unknown)}; rules: {', '.join(ALERT_RULES)}")
            return ",".join(dict.fromkeys(names))
        if field in NUMERIC_FIELDS:
            if value is None or value == "":
                return None
            if isinstance(value, bool):
                raise ValidationError(f"{field} must be a number, not {value!r}")
            try:
                number = float(value)
            except (TypeError, ValueError):
                raise ValidationError(f"{field} must be a number, not {value!r}") from None
            if number != number or number in (float("inf"), float("-inf")):
                raise ValidationError(f"{field} must be a finite number, not {value!r}")
            return number
        if field in ENUM_FIELDS:
            allowed = [str(e) for e in ENUM_FIELDS[field]]
            if str(value) not in allowed:
                raise ValidationError(f"{field} must be one of {', '.join(allowed)}, not {value!r}")
            return str(value)
        value = "" if value is None else str(value)
        if field == "due_date" and value:
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise ValidationError(f"due date must be a date like 2026-12-31, not {value!r}") from None
        if field == "code":
            self._check_code(value, node_id)
        return value

    # ----------------------------------------------------------------- changing nodes
    def add_node(self, parent_id: int | None, kind: Kind | str, index: int | None = None, **values) -> Node:
        """Create a node under ``parent_id`` at ``index`` among its siblings (default: last)."""
        kind = Kind(kind)
        check_child(self._parent_kind(parent_id), kind)
        code = values.pop("code", None) or self.suggest_code(parent_id, kind)
        clean = {f: self._clean(f, v, None) for f, v in values.items()}      # refuse before writing
        self._check_code(code, None)
        with self.batch("edit"):
            siblings = self._sibling_ids(parent_id)
            index = len(siblings) if index is None else max(0, min(index, len(siblings)))
            cur = self.conn.execute(
                "INSERT INTO nodes (parent_id, position, kind, code) VALUES (?, ?, ?, ?)",
                (parent_id, index, str(kind), code),
            )
            node_id = cur.lastrowid
            if clean:
                sets = ", ".join(f"{f} = ?" for f in clean)
                self.conn.execute(f"UPDATE nodes SET {sets} WHERE id = ?", (*clean.values(), node_id))
            self._claim_code(code, node_id)
            self._renumber(parent_id, siblings[:index] + [node_id] + siblings[index:], skip=node_id)
            node = self.node(node_id)
            self._log("create", node_id, code, None, None, node.as_dict())
        return node

    def update_node(self, node_id: int, **values) -> Node:
        """Set fields of a node; journals each field that really changes."""
        node = self.node(node_id)
        clean = {field: self._clean(field, value, node_id) for field, value in values.items()}
        with self.batch("edit"):
            for field, value in clean.items():
                old = getattr(node, field)
                if old == value:
                    continue
                self.conn.execute(f"UPDATE nodes SET {field} = ? WHERE id = ?", (value, node_id))
                if field == "code":
                    self._claim_code(value, node_id)
                self._log("update", node_id, node.code if field != "code" else value, field, old, value)
                setattr(node, field, value)
        return node

    def move_node(self, node_id: int, new_parent_id: int | None, index: int | None = None) -> None:
        """Move a node (with its subtree) under ``new_parent_id`` at ``index``; refuses grammar breaks."""
        node = self.node(node_id)
        if new_parent_id is not None and node_id in self._ancestor_ids(new_parent_id):
            target = self.node(new_parent_id)
            where = "itself" if target.id == node_id else f"{target.code}, which is below it"
            raise GrammarError(f"{node.code} cannot move into its own subtree ({where})")
        try:
            check_child(self._parent_kind(new_parent_id), node.kind)
        except GrammarError as exc:
            where = "the top of the plan" if new_parent_id is None else self.node(new_parent_id).code
            raise GrammarError(f"{node.code} cannot move to {where}: {exc}") from None
        with self.batch("edit"):
            old_siblings = [i for i in self._sibling_ids(node.parent_id) if i != node_id]
            new_siblings = old_siblings if new_parent_id == node.parent_id else self._sibling_ids(new_parent_id)
            index = len(new_siblings) if index is None else max(0, min(index, len(new_siblings)))
            if new_parent_id != node.parent_id:
                self.conn.execute("UPDATE nodes SET parent_id = ? WHERE id = ?", (new_parent_id, node_id))
                self._log("move", node_id, node.code, "parent_id", node.parent_id, new_parent_id)
                self._renumber(node.parent_id, old_siblings)
            self._renumber(new_parent_id, new_siblings[:index] + [node_id] + new_siblings[index:])

    def delete_node(self, node_id: int) -> list[int]:
        """Delete a node, everything below it and their actuals; returns the deleted ids."""
        node = self.node(node_id)
        with self.batch("edit"):
            ids = self._subtree_ids(node_id)
            for nid in reversed(ids):          # children first, so undo can recreate parents first
                gone = self.node(nid)
                self.conn.execute("DELETE FROM nodes WHERE id = ?", (nid,))
                self._log("delete", nid, gone.code, None, gone.as_dict(), None)
            marks = ",".join("?" * len(ids))
            cur = self.conn.execute(
                f"UPDATE actuals SET ended_batch = ? WHERE ended_batch IS NULL AND node_id IN ({marks})",
                (self._batch_id, *ids),
            )
            self._actuals_ended += cur.rowcount
            self._actual_nodes.update(ids)
            self._renumber(node.parent_id, [i for i in self._sibling_ids(node.parent_id) if i != node_id])
        return ids

    def _sibling_ids(self, parent_id: int | None) -> list[int]:
        rows = self.conn.execute("SELECT id FROM nodes WHERE parent_id IS ? ORDER BY position, id", (parent_id,))
        return [r[0] for r in rows]

    def _renumber(self, parent_id: int | None, ordered_ids: list[int], skip: int | None = None) -> None:
        """Give ``ordered_ids`` positions 0..n-1, journaling each node whose position changes."""
        if not ordered_ids:
            return
        marks = ",".join("?" * len(ordered_ids))
        current = {
            r[0]: (r[1], r[2])
            for r in self.conn.execute(f"SELECT id, position, code FROM nodes WHERE id IN ({marks})", ordered_ids)
        }
        for position, nid in enumerate(ordered_ids):
            old, code = current[nid]
            if old != position:
                self.conn.execute("UPDATE nodes SET position = ? WHERE id = ?", (position, nid))
                if nid != skip:
                    self._log("move", nid, code, "position", old, position)

    # ----------------------------------------------------------------- low-level state writes (restore)
    def _insert_node_row(self, data: dict) -> None:
        cols = [f for f in ALL_FIELDS if f in data]
        self.conn.execute(
            f"INSERT INTO nodes ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            [str(data[c]) if c == "kind" else data[c] for c in cols],
        )
        self._claim_code(data["code"], data["id"])
        self._log("create", data["id"], data["code"], None, None, data)

    def _delete_node_row(self, node: Node) -> None:
        self.conn.execute("DELETE FROM nodes WHERE id = ?", (node.id,))
        self._log("delete", node.id, node.code, None, node.as_dict(), None)

    def _set_node_field(self, node: Node, field: str, value) -> None:
        self.conn.execute(f"UPDATE nodes SET {field} = ? WHERE id = ?", (value, node.id))
        if field == "code":
            self._claim_code(value, node.id)
        action = "move" if field in ("parent_id", "position") else "update"
        self._log(action, node.id, value if field == "code" else node.code, field, getattr(node, field), value)

    def revert_batch(self, batch_id: int, reason: str, kind: str = "undo") -> int | None:
        """Undo batch ``batch_id`` as a new journaled batch (undo, redo, undoing an import).

        Refuses (PlanError, nothing written) when what the batch wrote was changed since.
        Returns the new batch's id, or None when there was nothing to undo.
        """
        rows = self.conn.execute(
            "SELECT id, batch_id, node_id, code, action, field, old, new FROM journal "
            "WHERE batch_id = ? ORDER BY id DESC", (batch_id,)).fetchall()
        info = self.batch_info(batch_id)
        added = self.conn.execute(      # the counts spare a scan of the actuals for plain edits
            "SELECT id, node_id, period, ended_batch FROM actuals WHERE batch_id = ?", (batch_id,)
        ).fetchall() if info is None or info.actuals_added else []
        removed = self.conn.execute(
            "SELECT node_id, period, actual, target, comment FROM actuals WHERE ended_batch = ?", (batch_id,)
        ).fetchall() if info is None or info.actuals_ended else []
        what = f"batch #{batch_id}" + (f" ({info.reason})" if info and info.reason else "")

        def conflict(detail: str) -> PlanError:
            return PlanError(f"cannot undo {what}: {detail} was changed after it; nothing was changed")

        with self.batch(kind, reason):
            for r in rows:
                node_id, code, action, field = r[2], r[3], r[4], r[5]
                old, new = _load(r[6]), _load(r[7])
                if action == "create":
                    try:
                        self._delete_node_row(self.node(node_id))
                    except NotFoundError:
                        raise conflict(code) from None
                elif action == "delete":
                    if self.conn.execute("SELECT 1 FROM nodes WHERE id = ?", (node_id,)).fetchone():
                        raise conflict(code)
                    self._insert_node_row(old)
                else:
                    try:
                        node = self.node(node_id)
                    except NotFoundError:
                        raise conflict(code) from None
                    if getattr(node, field) != new:
                        raise conflict(f"{code} ({field})")
                    self._set_node_field(node, field, old)
            if any(a[3] is not None for a in added):
                raise conflict("an actual value it wrote")
            self._end_actuals([(self._batch_id, a[0]) for a in added])
            self._actual_nodes.update(a[1] for a in added)
            self._insert_actuals(removed)
        return self.last_batch

    # ----------------------------------------------------------------- actuals
    def actuals(self, node_id: int) -> list[Actual]:
        rows = self.conn.execute(
            "SELECT node_id, period, actual, target, comment FROM actuals "
            "WHERE node_id = ? AND ended_batch IS NULL",
            (node_id,),
        )
        out = [Actual(*r) for r in rows]
        out.sort(key=lambda a: periods.sort_key(a.period))
        return out

    def latest_actuals(self) -> dict[int, Actual]:
        """Each goal's and measure's newest period that has a value (what status and progress use)."""
        cur = self.conn.cursor()
        cur.row_factory = None
        rows = cur.execute("SELECT node_id, period, actual, target, comment FROM latest_actuals")
        return {r[0]: Actual(*r[:5]) for r in rows}

    def latest_actuals_at(self, batch_id: int) -> dict[int, Actual]:
        """Like :meth:`latest_actuals`, as the plan stood right after batch ``batch_id``."""
        cur = self.conn.cursor()
        cur.row_factory = None
        rows = cur.execute(
            "SELECT node_id, period, actual, target, comment, MAX(period_end) FROM actuals "
            "WHERE batch_id <= ?1 AND (ended_batch IS NULL OR ended_batch > ?1) AND actual IS NOT NULL "
            "GROUP BY node_id", (batch_id,))
        return {r[0]: Actual(*r[:5]) for r in rows}

    def _valid(self, at_batch: int | None) -> tuple[str, list]:
        if at_batch is None:
            return "ended_batch IS NULL", []
        return "batch_id <= ? AND (ended_batch IS NULL OR ended_batch > ?)", [at_batch, at_batch]

    def actuals_at(self, node_id: int, at_batch: int | None = None) -> list[Actual]:
        """A node's actuals now, or as they stood right after batch ``at_batch``."""
        valid, args = self._valid(at_batch)
        rows = self.conn.execute(
            f"SELECT node_id, period, actual, target, comment FROM actuals WHERE node_id = ? AND {valid}",
            [node_id, *args])
        out = [Actual(*r) for r in rows]
        out.sort(key=lambda a: periods.sort_key(a.period))
        return out

    def recent_actuals(self, count: int, node_ids: Iterable[int] | None = None,
                       at_batch: int | None = None) -> dict[int, list[Actual]]:
        """The ``count`` newest actuals that have a value, per node, oldest first (now, or as they stood
        right after batch ``at_batch``)."""
        cur = self.conn.cursor()
        cur.row_factory = None
        out: dict[int, list[Actual]] = {}
        if at_batch is None:       # one short index read per measure (actuals_recent)
            if node_ids is None:
                node_ids = [r[0] for r in cur.execute("SELECT id FROM nodes WHERE kind IN ('goal', 'measure')")]
            sql = ("SELECT node_id, period, actual, target, comment FROM actuals WHERE node_id = ? AND "
                   "ended_batch IS NULL AND actual IS NOT NULL ORDER BY period_end DESC, period DESC LIMIT ?")
            for node_id in node_ids:
                rows = cur.execute(sql, (node_id, count)).fetchall()
                if rows:
                    out[node_id] = [Actual(*r) for r in reversed(rows)]
            return out
        valid, args = self._valid(at_batch)
        where = ""
        if node_ids is not None:
            ids = list(node_ids)
            where = f" AND node_id IN ({','.join('?' * len(ids))})"
            args = args + ids
        args = args + [count]
        for node_id, period, actual, target, comment in cur.execute(
            "SELECT node_id, period, actual, target, comment FROM ("
            " SELECT node_id, period, actual, target, comment, period_end,"
            " ROW_NUMBER() OVER (PARTITION BY node_id ORDER BY period_end DESC, period DESC) AS rn"
            f" FROM actuals WHERE {valid} AND actual IS NOT NULL{where})"
            " WHERE rn <= ? ORDER BY node_id, period_end, period", args):
            out.setdefault(node_id, []).append(Actual(node_id, period, actual, target, comment))
        return out

    def iter_actuals(self) -> Iterator[tuple]:
        """Every current actual as ``(node_id, period, actual, target, comment)``, by node and period."""
        cur = self.conn.cursor()
        cur.row_factory = None
        yield from cur.execute(
            "SELECT node_id, period, actual, target, comment FROM actuals WHERE ended_batch IS NULL "
            "ORDER BY node_id, period_end, period")

    def count_actuals(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM actuals WHERE ended_batch IS NULL").fetchone()[0]

    def write_actuals(self, rows: Iterable[tuple]) -> dict[str, int]:
        """Upsert ``(node_id, period, actual, target, comment)`` rows by node and period.

        Unchanged values are left alone (so a re-import changes nothing); a changed value ends the
        current row and adds a new one. Returns counts of ``new``, ``changed`` and ``unchanged``.
        """
        with self.batch("edit"):
            diff = self.diff_actuals(rows)
            self.apply_prepared(diff)
        return diff.counts

    def diff_actuals(self, rows: Iterable[tuple]) -> ActualDiff:
        """What upserting ``(node_id, period, actual, target, comment)`` rows would change; writes nothing.

        Checks the periods and the nodes, and refuses one node and period given two different values.
        """
        seen: dict[tuple[int, str], tuple] = {}
        for n, p, a, t, c in rows:
            key, value = (int(n), str(p)), (a, t, c or "")
            if key in seen:
                if seen[key] != value:
                    raise ValidationError(
                        f"two different values for node {key[0]}, period {key[1]}: {seen[key][0]!r} and {a!r}")
                continue
            seen[key] = value
        ends: dict[str, str] = {}
        for _, period in seen:
            if period not in ends:
                if not periods.is_period(period):
                    raise ValidationError(f"not a period: {period!r} (expected 2026-03, 2026-W05, 2026-Q1 or 2026)")
                ends[period] = periods.period_end(period)
        node_ids = sorted({n for n, _ in seen})
        for chunk in range(0, len(node_ids), 500):
            part = node_ids[chunk:chunk + 500]
            kinds = dict(self.conn.execute(
                f"SELECT id, kind FROM nodes WHERE id IN ({','.join('?' * len(part))})", part))
            for nid in part:
                if nid not in kinds:
                    raise NotFoundError(f"no node with id {nid} for an actual value")
                if Kind(kinds[nid]) not in QUANTIFIED:
                    raise ValidationError(f"only goals and measures take actual values, not a {kinds[nid]}")
        prepared = sorted(((n, p, ends[p], *value, 0) for (n, p), value in seen.items()), key=lambda r: (r[0], r[1]))
        return self.compare_prepared(prepared)

    # ----------------------------------------------------------------- big imports
    def compare_prepared(self, rows: list[tuple]) -> ActualDiff:
        """Compare ``(node_id, period, period_end, actual, target, comment, …)`` rows, sorted by node and
        without repeated keys, with the current values, a few hundred nodes at a time (memory stays
        small whatever the size of the file). Writes nothing."""
        diff = ActualDiff(self.last_batch_id())
        counts = diff.counts
        cur = self.conn.cursor()
        cur.row_factory = None
        i, n = 0, len(rows)
        while i < n:
            nodes: list[int] = []
            j = i
            while j < n and (len(nodes) < 500 or rows[j][0] == nodes[-1]):
                if not nodes or rows[j][0] != nodes[-1]:
                    nodes.append(rows[j][0])
                j += 1
            current = {
                (r[1], r[2]): (r[0], (r[3], r[4], r[5]))
                for r in cur.execute(
                    f"SELECT id, node_id, period, actual, target, comment FROM actuals WHERE ended_batch IS NULL "
                    f"AND node_id IN ({','.join('?' * len(nodes))})", nodes)
            }
            if not current:
                diff.inserted.extend(rows[i:j])
                counts["new"] += j - i
            else:
                for row in rows[i:j]:
                    found = current.get((row[0], row[1]))
                    if found is None:
                        counts["new"] += 1
                        diff.inserted.append(row)
                    elif found[1] == (row[3], row[4], row[5]):
                        counts["unchanged"] += 1
                    else:
                        counts["changed"] += 1
                        diff.ended.append(found[0])
                        diff.inserted.append(row)
            i = j
        return diff

    def apply_prepared(self, diff: ActualDiff) -> None:
        """Write a diff from :meth:`compare_prepared` in the current batch."""
        if self._batch_id is None:
            raise PlanError("actual values are written inside a batch")
        self._end_actuals([(self._batch_id, row_id) for row_id in diff.ended])
        batch_id = self._batch_id
        cur = self.conn.executemany(
            "INSERT INTO actuals (node_id, period, period_end, actual, target, comment, batch_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)", ((r[0], r[1], r[2], r[3], r[4], r[5], batch_id) for r in diff.inserted))
        self._actuals_added += cur.rowcount
        self._actual_nodes.update(r[0] for r in diff.inserted)

    def _insert_actuals(self, rows: Iterable[tuple]) -> int:
        """Insert ``(node_id, period, actual, target, comment)`` rows as current values of this batch."""
        touched = self._actual_nodes

        def prepared():
            batch_id, end = self._batch_id, periods.period_end
            for n, p, a, t, c in rows:
                touched.add(n)
                yield n, p, end(p), a, t, c, batch_id

        cur = self.conn.executemany(
            "INSERT INTO actuals (node_id, period, period_end, actual, target, comment, batch_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            prepared(),
        )
        self._actuals_added += cur.rowcount
        return cur.rowcount

    def _end_actuals(self, ended: list[tuple[int, int]]) -> None:
        """Close ``(batch_id, row id)`` actual rows (their value is replaced or removed in this batch)."""
        self.conn.executemany("UPDATE actuals SET ended_batch = ? WHERE id = ?", ended)
        self._actuals_ended += len(ended)

    def _refresh_latest(self) -> None:
        """Rewrite ``latest_actuals`` for the nodes whose actuals this batch touched."""
        if not self._actual_nodes:
            return
        ids = sorted(self._actual_nodes)
        self._actual_nodes = set()
        for chunk in range(0, len(ids), 30_000):
            part = ids[chunk:chunk + 30_000]
            self.conn.execute("CREATE TEMP TABLE IF NOT EXISTS refresh_ids (id INTEGER PRIMARY KEY)")
            self.conn.execute("DELETE FROM refresh_ids")
            self.conn.executemany("INSERT INTO refresh_ids (id) VALUES (?)", ((i,) for i in part))
            self.conn.execute("DELETE FROM latest_actuals WHERE node_id IN (SELECT id FROM refresh_ids)")
            self.conn.execute(
                "INSERT INTO latest_actuals (node_id, period, period_end, actual, target, comment) "
                "SELECT node_id, period, MAX(period_end), actual, target, comment FROM actuals "
                "WHERE ended_batch IS NULL AND actual IS NOT NULL AND node_id IN (SELECT id FROM refresh_ids) "
                "GROUP BY node_id"
            )

    def actual_changes(self, lo: int, hi: int) -> dict[tuple[int, str], tuple[tuple | None, tuple | None]]:
        """Actuals that differ between the state after batch ``lo`` and after batch ``hi`` (lo ≤ hi).

        Returns ``{(node_id, period): (value_at_lo, value_at_hi)}`` where a value is
        ``(actual, target, comment)`` or None when absent.
        """
        before: dict[tuple[int, str], tuple] = {}
        after: dict[tuple[int, str], tuple] = {}
        for r in self.conn.execute(
            "SELECT node_id, period, actual, target, comment, batch_id, ended_batch FROM actuals "
            "WHERE (batch_id > ?1 AND batch_id <= ?2) OR (ended_batch > ?1 AND ended_batch <= ?2)",
            (lo, hi),
        ):
            key, value, start, end = (r[0], r[1]), (r[2], r[3], r[4]), r[5], r[6]
            if start <= lo:
                before[key] = value
            if start <= hi and (end is None or end > hi):
                after[key] = value
        out = {}
        for key in before.keys() | after.keys():
            old, new = before.get(key), after.get(key)
            if old != new:
                out[key] = (old, new)
        return out

    def _restore_actuals(self, wanted: dict[tuple[int, str], tuple | None]) -> None:
        """Make the current actuals equal ``wanted`` for the given keys (None: remove)."""
        ended, inserted = [], []
        for (node_id, period), value in wanted.items():
            r = self.conn.execute(
                "SELECT id FROM actuals WHERE node_id = ? AND period = ? AND ended_batch IS NULL",
                (node_id, period),
            ).fetchone()
            if r is not None:
                ended.append((self._batch_id, r[0]))
                self._actual_nodes.add(node_id)
            if value is not None:
                inserted.append((node_id, period, *value))
        self._end_actuals(ended)
        self._insert_actuals(inserted)

    # ----------------------------------------------------------------- journal and versions
    def journal(self, *, after_batch: int = 0, node_ids: Iterable[int] | None = None) -> list[JournalRow]:
        sql = "SELECT id, batch_id, node_id, code, action, field, old, new FROM journal WHERE batch_id > ?"
        args: list = [after_batch]
        if node_ids is not None:
            ids = list(node_ids)
            sql += f" AND node_id IN ({','.join('?' * len(ids))})"
            args += ids
        sql += " ORDER BY id"
        return [
            JournalRow(r[0], r[1], r[2], r[3], r[4], r[5], _load(r[6]), _load(r[7]))
            for r in self.conn.execute(sql, args)
        ]

    def undo_rows(self, after_batch: int) -> Iterator[tuple[int, str, str | None, object]]:
        """``(node_id, action, field, old)`` of every journal row after ``after_batch``, newest first:
        what it takes to rebuild an earlier state."""
        cur = self.conn.cursor()
        cur.row_factory = None
        for node_id, action, field_name, old in cur.execute(
            "SELECT node_id, action, field, old FROM journal WHERE batch_id > ? ORDER BY id DESC", (after_batch,)
        ):
            yield node_id, action, field_name, _load(old)

    def batch_journal(self, batch_id: int) -> list[JournalRow]:
        """The journal rows of one batch, in the order they were written."""
        rows = self.conn.execute(
            "SELECT id, batch_id, node_id, code, action, field, old, new FROM journal WHERE batch_id = ? ORDER BY id",
            (batch_id,))
        return [JournalRow(r[0], r[1], r[2], r[3], r[4], r[5], _load(r[6]), _load(r[7])) for r in rows]

    def journal_node_ids(self, lo: int, hi: int) -> list[int]:
        """The nodes the journal touched after batch ``lo`` up to batch ``hi``."""
        rows = self.conn.execute(
            "SELECT DISTINCT node_id FROM journal WHERE batch_id > ? AND batch_id <= ?", (lo, hi))
        return [r[0] for r in rows]

    def actual_history(self, node_ids: Iterable[int] | None = None) -> list[ActualChange]:
        """Every change of an actual value, oldest first: new, changed and removed values."""
        sql = "SELECT node_id, period, actual, target, comment, batch_id, ended_batch FROM actuals"
        args: list = []
        if node_ids is not None:
            ids = list(node_ids)
            sql += f" WHERE node_id IN ({','.join('?' * len(ids))})"
            args = ids
        by_key: dict[tuple[int, str], list] = {}
        for r in self.conn.execute(sql + " ORDER BY id", args):
            by_key.setdefault((r[0], r[1]), []).append(r)
        changes = []
        for (node_id, period), rows in by_key.items():
            previous = None
            for r in rows:
                old = None
                if previous is not None:
                    if previous[6] == r[5]:            # replaced in the same batch: a change
                        old = tuple(previous[2:5])
                    else:                              # removed earlier, added again later
                        changes.append(ActualChange(previous[6], node_id, period, tuple(previous[2:5]), None))
                changes.append(ActualChange(r[5], node_id, period, old, tuple(r[2:5])))
                previous = r
            if previous[6] is not None:
                changes.append(ActualChange(previous[6], node_id, period, tuple(previous[2:5]), None))
        changes.sort(key=lambda c: (c.batch_id, c.node_id, periods.sort_key(c.period)))
        return changes

    def versions(self) -> list[Version]:
        return [Version(*r) for r in self.conn.execute(
            "SELECT id, name, reason, batch_id, at, who FROM versions ORDER BY id")]

    def version(self, name: str) -> Version:
        r = self.conn.execute(
            "SELECT id, name, reason, batch_id, at, who FROM versions WHERE name = ?", (name,)
        ).fetchone()
        if r is None:
            known = ", ".join(v.name for v in self.versions()) or "none yet"
            raise NotFoundError(f"no version named {name!r} (versions: {known})")
        return Version(*r)

    def _insert_version(self, name: str, reason: str) -> Version:
        if self.conn.execute("SELECT 1 FROM versions WHERE name = ?", (name,)).fetchone():
            raise ValidationError(f"a version named {name!r} already exists; choose another name")
        self.conn.execute(
            "INSERT INTO versions (name, reason, batch_id, at, who) VALUES (?, ?, ?, ?, ?)",
            (name, reason, self._batch_id, _now(), self.user),
        )
        return self.version(name)

    def bulk_insert(self, nodes: list[dict], actuals: list[tuple]) -> None:
        """Insert prepared node dicts (with ids and codes) and ``(node_id, period, actual, target,
        comment)`` rows in one batch. For generators: the caller vouches for grammar and codes."""
        with self.batch("create", "bulk load"):
            cols = list(ALL_FIELDS)
            self.conn.executemany(
                f"INSERT INTO nodes ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                ([str(n[c]) if c == "kind" else n.get(c, NODE_DEFAULTS.get(c)) for c in cols] for n in nodes),
            )
            self.conn.executemany(
                "INSERT INTO used_codes (code, node_id) VALUES (?, ?)", ((n["code"], n["id"]) for n in nodes)
            )
            self.conn.executemany(
                "INSERT INTO journal (batch_id, node_id, code, action, field, old, new) "
                "VALUES (?, ?, ?, 'create', NULL, NULL, ?)",
                ((self._batch_id, n["id"], n["code"], _dump({**n, "kind": str(n["kind"])})) for n in nodes),
            )
            self._node_changes += len(nodes)
            self._insert_actuals(actuals)
