"""The changes between two states of the plan as a report lists them (no Qt): each change old → new, with
the reason and the person of the batch that made it, grouped by the unit whose one-page plan it is on.

A comparison (:func:`versions.compare`) says what differs; the journal and the actuals' history say which
batch made each difference: the last batch between the two states that wrote that field of that node
(or that number of that period).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import versions as ver
from .history import SHORT, change_text, short, short_pair
from .i18n import _
from .labels import field_label
from .model import Kind, Node, Tree
from .storage import Batch, Plan

MAX_PER_UNIT = 200          # a unit's lines beyond these are counted, not listed (a big import)
REPORT_TEXT = 240           # characters of a title or a comment a report lists whole (the board reads what it became)
WHOLE = frozenset({"title", "owner", "org_unit", "unit", "code"})   # fields listed whole, up to REPORT_TEXT


@dataclass(frozen=True)
class ChangeItem:
    node: Node
    what: str                   # the field's name, "created", "deleted" or "actual 2026-10", in the language spoken
    old: str
    new: str
    batch: Batch | None         # the batch that made the change: its reason, who and when


@dataclass
class UnitChanges:
    unit: Node                  # the objective whose one-page plan the changed nodes are on
    items: list[ChangeItem] = field(default_factory=list)
    more: int = 0               # lines left out beyond MAX_PER_UNIT

    def by_batch(self) -> list[tuple[Batch | None, list[ChangeItem]]]:
        """The items under the batches that made them, oldest batch first."""
        groups: dict[int, tuple[Batch | None, list[ChangeItem]]] = {}
        for item in self.items:
            key = item.batch.id if item.batch is not None else 0
            groups.setdefault(key, (item.batch, []))[1].append(item)
        return [groups[k] for k in sorted(groups)]


def _place(tree: Tree, node_id: int) -> str:
    """Where a node stands among its siblings, counted from 1."""
    node = tree.nodes.get(node_id)
    siblings = tree.children.get(node.parent_id, []) if node is not None else []
    return str(siblings.index(node_id) + 1) if node_id in siblings else "—"


def _makers(plan: Plan, diff: ver.Diff) -> tuple[dict[tuple, int], dict[tuple, int]]:
    """Which batch made each node change ``(node id, field or action)`` and each of a period's numbers ``(node id,
    period, 0 for the actual, 1 the target, 2 the comment)`` between the two states: the last one that wrote it — but an undo or a redo that brings back a
    value written before names the batch that wrote it first (a restore undone gives back the merge's work:
    the merge made it)."""
    lo, hi = sorted((diff.a.batch_id, diff.b.batch_id))
    kinds = {b.id: b.kind for b in diff.batches}
    ids = {c.node.id for c in diff.nodes}
    nodes = _Makers(kinds)
    if ids:
        for r in plan.journal.rows(after_batch=lo, node_ids=ids):
            if r.batch_id <= hi:
                key = r.action if r.action in ("create", "delete", "move") else r.field
                nodes.wrote((r.node_id, key), r.batch_id, (r.field, r.old), (r.field, r.new))
    actuals = _Makers(kinds)
    if diff.actuals:
        for c in plan.actuals.history([a.node.id for a in diff.actuals]):
            if lo < c.batch_id <= hi:               # each of the period's actual, target and comment on its own
                for i, (old, new) in enumerate(zip(c.old or _NOTHING, c.new or _NOTHING, strict=True)):
                    if old != new:
                        actuals.wrote((c.node_id, c.period, i), c.batch_id, old, new)
    return nodes.made, actuals.made


_NOTHING = (None, None, None)       # a period's actual, target and comment before its first value, after its last


class _Makers:
    """Per key, the batch whose value it holds: each value written remembers the batch that made it, so that
    an undo or a redo writing a value seen before hands it back to its maker."""

    def __init__(self, kinds: dict[int, str]):
        self.kinds = kinds
        self.made: dict[tuple, int] = {}
        self._seen: dict[tuple, dict[str, int | None]] = {}

    def wrote(self, key: tuple, batch_id: int, old, new) -> None:
        seen = self._seen.get(key)
        if seen is None:
            seen = self._seen[key] = {_token(old): None}          # the value before: made by no batch between
        maker = seen.get(_token(new)) if self.kinds.get(batch_id) in ("undo", "redo") else None
        maker = maker or batch_id
        seen[_token(new)] = maker
        self.made[key] = maker


def _token(value) -> str:
    """A value as a key (node fields and actuals hold JSON's kinds of values)."""
    return repr(value)


def changes_by_unit(plan: Plan, diff: ver.Diff, tree_b: Tree, units_in_scope: set[int] | None = None,
                    limit: int = MAX_PER_UNIT, *, with_batches: bool = True) -> list[UnitChanges]:
    """``diff``'s changes, each with the batch that made it, grouped by unit (in the order of ``tree_b``,
    the plan as it is at the later state; a unit only in the earlier state comes last); only the units of
    ``units_in_scope`` (ids of objectives) when given. Without ``with_batches``, the changes alone (whether
    there are any: the batches are most of the work on a big plan)."""
    batches = {b.id: b for b in diff.batches}
    made_nodes, made_actuals = _makers(plan, diff) if with_batches else ({}, {})
    tree_a: Tree | None = None
    units: dict[int, UnitChanges] = {}

    def add(node: Node, tree: Tree, what: str, old: str, new: str, batch_id: int | None,
            unit: Node | None = None) -> None:
        unit = unit or tree.unit_of(node)
        if units_in_scope is not None and unit.id not in units_in_scope:
            return
        group = units.setdefault(unit.id, UnitChanges(unit))
        if len(group.items) >= limit:
            group.more += 1
            return
        group.items.append(ChangeItem(node, what, old, new, batches.get(batch_id) if batch_id else None))

    for change in diff.nodes:
        node = change.node
        if change.change == "added":
            add(node, tree_b, _("created"), "—", short(node.title, REPORT_TEXT), made_nodes.get((node.id, "create")))
            continue
        if change.change == "removed":
            tree_a = tree_a or ver.tree_at(plan, diff.a.batch_id)
            told = (_("deleted"), short(node.title, REPORT_TEXT), "—", made_nodes.get((node.id, "delete")))
            add(node, tree_a, *told)
            if (home := _home(tree_a, node)).id != tree_a.unit_of(node).id:       # a unit: told in the one above
                add(node, tree_a, *told, unit=home)
            continue
        if change.change == "moved":
            old_parent, new_parent = change.old_parent, change.new_parent
            if (old_parent and old_parent.id) != (new_parent and new_parent.id):
                told = (field_label("parent"), old_parent.code if old_parent else "—",
                        new_parent.code if new_parent else "—", made_nodes.get((node.id, "move")))
                add(node, tree_b, *told)
                tree_a = tree_a or ver.tree_at(plan, diff.a.batch_id)
                left = _home(tree_a, tree_a.nodes[node.id]) if node.id in tree_a.nodes else None
                told_in = {tree_b.unit_of(node).id}
                for unit in (left, _home(tree_b, node)):          # told in the unit it left and the one it joined
                    if unit is not None and unit.id not in told_in:
                        told_in.add(unit.id)
                        add(node, tree_b, *told, unit=unit)
            else:
                tree_a = tree_a or ver.tree_at(plan, diff.a.batch_id)
                add(node, tree_b, field_label("position"), _place(tree_a, node.id), _place(tree_b, node.id),
                    made_nodes.get((node.id, "move")))
        for name, old, new in change.fields:
            add(node, tree_b, field_label(name), *change_text(name, old, new, REPORT_TEXT if name in WHOLE else SHORT),
                made_nodes.get((node.id, name)))
    for block in diff.actuals:
        tree = tree_b if block.node.id in tree_b.nodes else (tree_a := tree_a or ver.tree_at(plan, diff.a.batch_id))
        for period, old, new in block.values:         # a line for each of actual, target and comment changed
            old, new = old or (None, None, ""), new or (None, None, "")
            for i, (what, before, after) in enumerate(zip(
                    (_("actual {period}"), _("target {period}"), _("comment {period}")), old, new, strict=True)):
                if before != after and (_recorded(before) or _recorded(after)):
                    add(block.node, tree, what.format(period=period), *short_pair(before, after, REPORT_TEXT),
                        made_actuals.get((block.node.id, period, i)))
    order = {n.id: i for i, (n, _depth) in enumerate(tree_b.walk()) if n.kind is Kind.OBJECTIVE}
    return sorted(units.values(), key=lambda g: (order.get(g.unit.id, len(order)), g.unit.code))


def _home(tree: Tree, node: Node) -> Node:
    """The unit a node is part of: its own page's; for a unit (an objective), the unit above it, from whose
    strategy it cascades (itself at the top)."""
    if node.kind is Kind.OBJECTIVE and node.parent_id in tree.nodes:
        return tree.unit_of(tree.nodes[node.parent_id])
    return tree.unit_of(node)


def _recorded(value) -> bool:
    """A value a period holds: 0 is one; no value and an empty comment are not."""
    return value is not None and value != ""
