"""Node codes: every code ever given stays with its node, so a code is never silently reused.

Codes are generated from the cascade (C, C-G1, C-S2, C-S2-M1, D1, T3, P12…) and may be edited.
"""

from __future__ import annotations

import re
import sqlite3

from ..errors import NotFoundError, ValidationError
from ..fields import clean_field
from ..i18n import _
from ..model import Kind

_KIND_LETTER = {Kind.GOAL: "G", Kind.STRATEGY: "S", Kind.MEASURE: "M", Kind.ACTION: "A"}
_LEVEL_PREFIX = ("C", "D", "T", "P")
_FAMILY = re.compile(r"(.*\D)\d+")           # a code's family: all but the number it ends in


class CodeBook:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def check(self, code: str, node_id: int | None) -> str:
        """``code`` if ``node_id`` (None: a new node) may carry it; ValidationError otherwise."""
        code = clean_field("code", code)
        r = self.conn.execute("SELECT node_id FROM used_codes WHERE code = ?", (code,)).fetchone()
        if r is not None and r[0] != node_id:
            owner = self.conn.execute("SELECT title FROM nodes WHERE id = ?", (r[0],)).fetchone()
            if owner is not None:
                raise ValidationError(_("code {code!r} is already used by {owner}").format(
                    code=code, owner=owner[0] or _("another node")))
            raise ValidationError(_("code {code!r} belonged to a node that was deleted; codes are never reused, "
                                    "choose another").format(code=code))
        return code

    def claim(self, code: str, node_id: int) -> None:
        """Note that ``node_id`` carries ``code`` (checked before, or put back from the history). A code put
        back with its node by an undo or a redo is handed over from a node that no longer carries it: in a
        department file a refresh lets a code go (:meth:`release`) to the company's node, and undoing the
        refresh removes that node and gives the code back to the department's (redoing it, the other way)."""
        self.conn.execute("UPDATE used_codes SET node_id = ?1 WHERE code = ?2 AND node_id <> ?1 AND NOT EXISTS "
                          "(SELECT 1 FROM nodes WHERE id = used_codes.node_id AND code = ?2)", (node_id, code))
        self.conn.execute("INSERT OR IGNORE INTO used_codes (code, node_id) VALUES (?, ?)", (code, node_id))

    def claim_many(self, pairs) -> None:
        self.conn.executemany("INSERT INTO used_codes (code, node_id) VALUES (?, ?)", pairs)

    def release(self, code: str) -> None:
        """Let ``code`` go from the node it was given to, so that another node may carry it. Only for a
        department file taking the company's code for a node whose code there was the department's own
        (see :mod:`..company_codes`); that node carries the company's code for it now."""
        self.conn.execute("DELETE FROM used_codes WHERE code = ?", (code,))

    def node_ids(self, code: str) -> list[int]:
        """Every node that has ever carried ``code`` (a code belongs to one node for good)."""
        return [r[0] for r in self.conn.execute("SELECT node_id FROM used_codes WHERE code = ?", (code,))]

    def suggest(self, parent_id: int | None, kind: Kind, avoid: frozenset[str] = frozenset()) -> str:
        """The next unused code for a new ``kind`` under ``parent_id`` (and not one of ``avoid``)."""
        if kind is Kind.OBJECTIVE:
            return self.suggest_at("", self.objectives_above(parent_id), kind, avoid)
        r = self.conn.execute("SELECT code FROM nodes WHERE id = ?", (parent_id,)).fetchone()
        if r is None:
            raise NotFoundError(_("no node with id {id}").format(id=parent_id))
        return self.suggest_at(r[0], 0, kind, avoid)

    def objectives_above(self, node_id: int | None) -> int:
        """How many objectives the chain from ``node_id`` up holds (itself included): the level of an
        objective made under it."""
        depth = 0
        while node_id is not None:
            r = self.conn.execute("SELECT parent_id, kind FROM nodes WHERE id = ?", (node_id,)).fetchone()
            if r is None:
                break
            depth += r[1] == Kind.OBJECTIVE
            node_id = r[0]
        return depth

    def suggest_at(self, parent_code: str, depth: int, kind: Kind, avoid: frozenset[str] = frozenset()) -> str:
        """:meth:`suggest` under a parent told by its code and :meth:`objectives_above` (one not made yet)."""
        if kind is Kind.OBJECTIVE:
            prefix = _LEVEL_PREFIX[depth] if depth < len(_LEVEL_PREFIX) else f"L{depth + 1}-"
            return self._next(prefix, avoid, bare_first=depth == 0)
        return self._next(f"{parent_code}-{_KIND_LETTER[kind]}", avoid)

    def suggest_like(self, code: str, depth: int, avoid: frozenset[str] = frozenset()) -> str:
        """The next unused objective code of ``code``'s family (P2 for P1, OPS-T3 for OPS-T1): an objective that
        needs another code keeps the letters its planners gave it, whatever its depth; that of its depth
        (:meth:`suggest_at`) when ``code`` does not end in a number after a letter."""
        found = _FAMILY.fullmatch(code)
        if found is None:
            return self.suggest_at("", depth, Kind.OBJECTIVE, avoid)
        return self._next(found.group(1), avoid)

    def _next(self, prefix: str, avoid: frozenset[str] = frozenset(), bare_first: bool = False) -> str:
        used = {r[0][len(prefix):] for r in self.conn.execute(
            "SELECT code FROM used_codes WHERE substr(code, 1, ?) = ?", (len(prefix), prefix))}
        used |= {code[len(prefix):] for code in avoid if code.startswith(prefix)}
        if bare_first and "" not in used:
            return prefix
        numbers = [int(s) for s in used if s.isdigit()]
        return f"{prefix}{max(numbers, default=0) + 1}"
