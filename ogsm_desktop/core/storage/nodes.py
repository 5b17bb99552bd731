"""The plan's nodes: reading them, and every change to them (add, edit, move, delete), journaled.

Values are cleaned (``fields``) and the grammar checked (``model``) before a batch opens, so a
refused edit writes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Sequence

from .. import periods
from ..errors import GrammarError, NotFoundError, PlanError, ValidationError
from ..fields import clean_field, stored_problem
from ..i18n import _, ngettext
from ..labels import choice_label
from ..model import (
    ALL_FIELDS,
    NODE_DEFAULTS,
    Kind,
    Node,
    Tree,
    check_child,
    move_refusal,
    node_from_values,
    place_among,
)
from ..perf import paused_gc
from .actuals import ActualStore
from .batch import BatchWriter
from .codes import CodeBook
from .errors import damaged
from .sql import chunks, marks

_NODE_COLUMNS = ", ".join(ALL_FIELDS)
INHERITED_FIELDS = ("owner", "org_unit")      # a node added by hand takes these from its parent


class NodeStore:
    def __init__(self, conn: sqlite3.Connection, writer: BatchWriter, actuals: ActualStore):
        self.conn, self.writer, self.actuals = conn, writer, actuals
        self.codes = CodeBook(conn)
        # In a department plan file: the company's nodes above the department, shown for context and
        # never changed here (nor given new children).
        self.locked: frozenset[int] = frozenset()
        self._tree: Tree | None = None
        self._tree_generation = -1

    # ----------------------------------------------------------------- reading
    def tree(self) -> Tree:
        """The whole plan as a :class:`Tree` (kept until the next batch)."""
        if self._tree is None or self._tree_generation != self.writer.generation:
            with paused_gc():
                self._tree = Tree.build({node.id: node for node in self._read("")})
            self._tree_generation = self.writer.generation
        self._tree.context = self.locked          # (set when the file is opened or refreshed)
        return self._tree

    def _read(self, where: str, args: Sequence = ()) -> list[Node]:
        """Nodes from plain tuples (no per-row mapping objects: 50,000 nodes load in a fraction of a second)."""
        cur = self.conn.cursor()
        cur.row_factory = None
        try:
            return [node_from_values(r) for r in cur.execute(f"SELECT {_NODE_COLUMNS} FROM nodes {where}", args)]
        except sqlite3.OperationalError as exc:
            if "decode" not in str(exc):
                raise
            raise self._undecodable(where, args) from None

    def _undecodable(self, where: str, args: Sequence) -> Exception:
        """The first of these nodes whose text is not valid UTF-8, named."""
        self.conn.text_factory = bytes
        try:
            for row in self.conn.execute(f"SELECT id, code, {_NODE_COLUMNS} FROM nodes {where}", args):
                for value in row[2:]:
                    if isinstance(value, bytes):
                        try:
                            value.decode("utf-8")
                        except UnicodeDecodeError:
                            code = row[1].decode("utf-8", "replace")
                            return damaged(self.writer.where, _("node {id} ({code}) holds text that is not valid "
                                                                "UTF-8").format(id=row[0], code=code))
        finally:
            self.conn.text_factory = str
        return damaged(self.writer.where, _("some text is not valid UTF-8"))

    def get(self, node_id: int) -> Node:
        found = self._read("WHERE id = ?", (node_id,))
        if not found:
            raise NotFoundError(_("no node with id {id}").format(id=node_id))
        return found[0]

    def by_code(self, code: str) -> Node:
        found = self._read("WHERE code = ?", (code,))
        if not found:
            raise NotFoundError(_("no node with code {code!r} in this plan").format(code=code))
        return found[0]

    def carrier(self, code: str) -> int | None:
        """The node carrying ``code`` now (None: none)."""
        row = self.conn.execute("SELECT id FROM nodes WHERE code = ?", (code,)).fetchone()
        return None if row is None else row[0]

    def exists(self, node_id: int) -> bool:
        return self.conn.execute("SELECT 1 FROM nodes WHERE id = ?", (node_id,)).fetchone() is not None

    def children(self, parent_id: int | None) -> list[Node]:
        return self._read("WHERE parent_id IS ? ORDER BY position, id", (parent_id,))

    def ids_for_code(self, code: str) -> list[int]:
        return self.codes.node_ids(code)

    def _kind_of(self, node_id: int | None) -> Kind | None:
        if node_id is None:
            return None
        r = self.conn.execute("SELECT kind FROM nodes WHERE id = ?", (node_id,)).fetchone()
        if r is None:
            raise NotFoundError(_("no node with id {id}").format(id=node_id))
        return Kind(r[0])

    def _chain(self, node_id: int | None) -> list[int]:
        """``node_id`` and every node above it."""
        out = []
        while node_id is not None:
            out.append(node_id)
            r = self.conn.execute("SELECT parent_id FROM nodes WHERE id = ?", (node_id,)).fetchone()
            node_id = r[0] if r else None
        return out

    def chain(self, node_id: int | None) -> list[int]:
        """``node_id`` and every node above it, the node first."""
        return self._chain(node_id)

    def subtree_ids(self, node_id: int) -> list[int]:
        """``node_id`` and everything below it, parents before children (read by SQL, not from the tree)."""
        return self._subtree(node_id)

    def some(self, node_ids) -> dict[int, Node]:
        """Those of ``node_ids`` that exist, read by id (not the whole tree)."""
        out: dict[int, Node] = {}
        for part in chunks(sorted(set(node_ids))):
            out.update((n.id, n) for n in self._read(f"WHERE id IN ({marks(part)})", part))
        return out

    def _subtree(self, node_id: int) -> list[int]:
        """The node and everything below it, parents before children."""
        rows = self.conn.execute(
            """WITH RECURSIVE sub(id, depth) AS (
                   SELECT ?, 0 UNION ALL
                   SELECT n.id, sub.depth + 1 FROM nodes n JOIN sub ON n.parent_id = sub.id)
               SELECT id FROM sub ORDER BY depth""", (node_id,))
        return [r[0] for r in rows]

    def _siblings(self, parent_id: int | None) -> list[int]:
        rows = self.conn.execute("SELECT id FROM nodes WHERE parent_id IS ? ORDER BY position, id", (parent_id,))
        return [r[0] for r in rows]

    # ----------------------------------------------------------------- changing
    def _refuse_locked(self, node_id: int | None) -> None:
        if node_id is not None and node_id in self.locked:
            raise GrammarError(_("{code} belongs to the company's plan and is shown here for context: a department "
                                 "file cannot change it or add under it").format(code=self.get(node_id).code))

    def add(self, parent_id: int | None, kind: Kind | str, index: int | None = None, *,
            made: dt.date | None = None, carried: bool = False, **values) -> Node:
        """Create a node under ``parent_id`` at ``index`` among its siblings (default: last). ``made``: the
        day the node was first made, in another file (a copy from a department file or the company's plan;
        see :meth:`.JournalStore.created_on`); ``carried``: the values come from a node the plans hold already
        (:func:`.clean_field`)."""
        kind = Kind(kind)
        self._refuse_locked(parent_id)
        if parent_id is None and self.locked:
            raise GrammarError(_("a department file holds one department: a new top objective belongs in the "
                                 "company's plan"))
        check_child(self._kind_of(parent_id), kind)
        code = values.pop("code", None) or self.codes.suggest(parent_id, kind)
        clean = {f: clean_field(f, v, carried=carried) for f, v in values.items()}     # refuse before writing
        code = self.codes.check(code, None)
        with self.writer.batch("edit"):
            siblings = self._siblings(parent_id)
            index = len(siblings) if index is None else max(0, min(index, len(siblings)))
            node_id = self.conn.execute("INSERT INTO nodes (parent_id, position, kind, code) VALUES (?, ?, ?, ?)",
                                        (parent_id, index, str(kind), code)).lastrowid
            if clean:
                sets = ", ".join(f"{f} = ?" for f in clean)
                self.conn.execute(f"UPDATE nodes SET {sets} WHERE id = ?", (*clean.values(), node_id))
            self.codes.claim(code, node_id)
            self._renumber(parent_id, siblings[:index] + [node_id] + siblings[index:], skip=node_id)
            node = self.get(node_id)
            self.writer.log("create", node_id, code, None, made.isoformat() if made else None, node.as_dict())
        return node

    def add_new(self, parent_id: int | None, kind: Kind | str, index: int | None = None, *, carried: bool = False,
                **values) -> Node:
        """A node a planner adds by hand: it takes its parent's owner and org unit (unless ``values`` set
        them), and without an ``index`` it goes with the siblings of its kind — after the last of them, or
        before the kinds shown after it (a new goal after the objective's goals, before its strategies)."""
        kind = Kind(kind)
        if parent_id is not None:
            parent = self.get(parent_id)
            for field in INHERITED_FIELDS:
                if field not in values and getattr(parent, field):
                    values[field] = getattr(parent, field)
            if index is None:
                index = self._place_for(parent.kind, parent_id, kind)
        return self.add(parent_id, kind, index, carried=carried, **values)

    def _place_for(self, parent_kind: Kind, parent_id: int, kind: Kind) -> int | None:
        """Where a new ``kind`` goes among ``parent_id``'s children (None: last), kinds in display order."""
        kinds = [Kind(r[0]) for r in self.conn.execute(
            "SELECT kind FROM nodes WHERE parent_id IS ? ORDER BY position, id", (parent_id,))]
        return place_among(parent_kind, kinds, kind)

    def update(self, node_id: int, *, carried: bool = False, **values) -> Node:
        """Set fields of a node; journals each field that really changes. ``carried``: the values come from a
        node the plans hold already (:func:`.clean_field`)."""
        self._refuse_locked(node_id)
        node = self.get(node_id)
        clean = {f: clean_field(f, v, carried=carried) for f, v in values.items()}
        if "code" in clean:
            self.codes.check(clean["code"], node_id)
        if clean.get("frequency", node.frequency) != node.frequency:
            refusal = self.frequency_refusal(node, clean["frequency"])
            if refusal is not None:
                raise ValidationError(refusal)
        with self.writer.batch("edit"):
            for field, value in clean.items():
                if getattr(node, field) != value:
                    self.set_field(node, field, value)
                    setattr(node, field, value)
        return node

    def frequency_refusal(self, node: Node, frequency: str) -> str | None:
        """Why ``node`` cannot take ``frequency`` (None: it can). A measure's numbers are kept per period of
        its frequency: a new frequency is refused while it holds periods of another length (a monthly
        measure's months would not be quarters). Asked by an import's preview too, before it offers to
        write."""
        wanted = periods.FREQUENCY_KIND.get(frequency, "month")
        held = [r[0] for r in self.conn.execute(
            "SELECT period FROM actuals WHERE node_id = ? AND ended_batch IS NULL ORDER BY period_end", (node.id,))]
        other = [p for p in held if periods.kind_of(p) != wanted]
        if not other:
            return None
        return ngettext(
            "{code} holds numbers for {n} period of another length ({first}…); it cannot become {frequency} "
            "while it has them",
            "{code} holds numbers for {n} periods of another length ({first}…); it cannot become {frequency} "
            "while it has them", len(other)).format(code=node.code, n=len(other), first=other[0],
                                                    frequency=choice_label("frequency", frequency))

    def move(self, node_id: int, new_parent_id: int | None, index: int | None = None) -> None:
        """Move a node (with its subtree) under ``new_parent_id`` at ``index``; refuses grammar breaks."""
        self._refuse_locked(node_id)
        node = self.get(node_id)
        if self.locked and new_parent_id is None:
            raise GrammarError(_("a department file holds one department: a new top objective belongs in the "
                                 "company's plan"))
        if self.locked and (node.parent_id in self.locked) != (new_parent_id in self.locked):
            self._refuse_locked(node.parent_id if node.parent_id in self.locked else new_parent_id)
        refusal = move_refusal(node, None if new_parent_id is None else self.get(new_parent_id),
                               self._chain(new_parent_id))
        if refusal is not None:
            raise refusal
        old_parent_id = node.parent_id
        with self.writer.batch("edit"):
            old_siblings = [i for i in self._siblings(old_parent_id) if i != node_id]
            new_siblings = old_siblings if new_parent_id == old_parent_id else self._siblings(new_parent_id)
            index = len(new_siblings) if index is None else max(0, min(index, len(new_siblings)))
            if new_parent_id != old_parent_id:
                self.set_field(node, "parent_id", new_parent_id)
                self._renumber(old_parent_id, old_siblings)
            self._renumber(new_parent_id, new_siblings[:index] + [node_id] + new_siblings[index:])

    def delete(self, node_id: int) -> list[int]:
        """Delete a node, everything below it and their actuals; returns the deleted ids."""
        self._refuse_locked(node_id)
        node = self.get(node_id)
        if node.parent_id in self.locked:           # the department's own objective: the file's reason to be
            self._refuse_locked(node.parent_id)
        with self.writer.batch("edit"):
            ids = self._subtree(node_id)
            for nid in reversed(ids):          # children first, so undo can recreate parents first
                self.delete_row(self.get(nid))
            self.actuals.end_for_nodes(ids)
            self._renumber(node.parent_id, [i for i in self._siblings(node.parent_id) if i != node_id])
        return ids

    def _renumber(self, parent_id: int | None, ordered_ids: list[int], skip: int | None = None) -> None:
        """Give ``ordered_ids`` positions 0..n-1, journaling each node whose position changes."""
        if not ordered_ids:
            return
        current = {r[0]: (r[1], r[2]) for r in self.conn.execute(      # any number of siblings: one variable
            "SELECT id, position, code FROM nodes WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(ordered_ids),))}
        for position, nid in enumerate(ordered_ids):
            old, code = current[nid]
            if old != position:
                self.conn.execute("UPDATE nodes SET position = ? WHERE id = ?", (position, nid))
                if nid != skip:
                    self.writer.log("move", nid, code, "position", old, position)

    # ----------------------------------------------------------------- rows as they were (restore, undo)
    def insert_row(self, data: dict) -> None:
        """Put a node back exactly as ``data`` (from :meth:`Node.as_dict`) describes it."""
        self.writer.require()
        cols = [f for f in ALL_FIELDS if f in data]
        for c in cols:
            self._check_stored(data.get("code", data.get("id")), c, data[c])
        self.conn.execute(f"INSERT INTO nodes ({', '.join(cols)}) VALUES ({marks(cols)})",
                          [str(data[c]) if c == "kind" else data[c] for c in cols])
        self.codes.claim(data["code"], data["id"])
        self.writer.log("create", data["id"], data["code"], None, None, data)

    def has_children(self, node_id: int) -> bool:
        return self.conn.execute("SELECT 1 FROM nodes WHERE parent_id = ? LIMIT 1", (node_id,)).fetchone() is not None

    def delete_row(self, node: Node) -> None:
        """Remove one node's row, journaled; the nodes below it go first (a row is never left without its
        parent: PlanError, and the caller's batch writes nothing)."""
        self.writer.require()
        if self.has_children(node.id):
            raise PlanError(_("{code} cannot be removed alone: there are nodes below it").format(code=node.code))
        self.conn.execute("DELETE FROM nodes WHERE id = ?", (node.id,))
        self.writer.log("delete", node.id, node.code, None, node.as_dict(), None)

    def set_field(self, node: Node, field: str, value) -> None:
        """Write one field of ``node`` and journal it (``node`` itself, perhaps shared, is left as it was)."""
        self.writer.require()
        self._check_stored(node.code, field, value)
        old = getattr(node, field)
        self.conn.execute(f"UPDATE nodes SET {field} = ? WHERE id = ?", (value, node.id))
        if field == "code":
            self.codes.claim(value, node.id)
        action = "move" if field in ("parent_id", "position") else "update"
        self.writer.log(action, node.id, value if field == "code" else node.code, field, old, value)

    def _check_stored(self, code, field: str, value) -> None:
        """Values put back from the history (undo, restore) are checked like the file's own rows: a
        damaged one is named and the batch writes nothing, instead of a plan that no longer opens."""
        problem = stored_problem(field, value)
        if problem is not None:
            raise damaged(self.writer.where, _("the history of {code} is damaged: {problem}").format(
                code=code, problem=problem))

    def bulk_insert(self, nodes: list[dict], made: dict[int, dt.date] | None = None) -> None:
        """Insert prepared node dicts (with ids and codes) in the running batch. For generators: the
        caller vouches for grammar and codes. ``made``: node id → the day it was first made, in another
        file (a department file's nodes, cut from the company's plan)."""
        self.writer.require()
        cols = list(ALL_FIELDS)
        self.conn.executemany(
            f"INSERT INTO nodes ({', '.join(cols)}) VALUES ({marks(cols)})",
            ([str(n[c]) if c == "kind" else n.get(c, NODE_DEFAULTS.get(c)) for c in cols] for n in nodes))
        self.codes.claim_many((n["code"], n["id"]) for n in nodes)
        self.writer.log_created(({**n, "kind": str(n["kind"])} for n in nodes), made or {})
