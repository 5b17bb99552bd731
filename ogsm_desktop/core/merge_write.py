"""Writing a merge (or a refresh) into the plan: the nodes made there made here (with the codes they get), the
edits, the conflicts' chosen sides, the moves and deletions, the numbers — inside the caller's batch. A node
deleted here that comes back comes back as itself; a deletion takes no node the other file still has."""

from __future__ import annotations

import datetime as dt

from .company_codes import codes_made
from .errors import ValidationError
from .fields import as_copied
from .i18n import _
from .merge_plan import EDITABLE, MERGE, Conflict, MergePlan, here_id_of, plan_children, subtree, there_id_of
from .model import Node
from .storage import Plan


def write(target: Plan, plan: MergePlan, taken: set[tuple], ids: dict[int, int] | None = None) -> dict[int, int]:
    """Write the changes made there, and the conflicts' values taken from there, into ``target`` (inside the
    caller's batch); the map there id → here id (``ids``, else the plan's), with the nodes made here now.
    The plan itself is not changed: it is written twice (tried, then for good)."""
    ids = dict(plan.ids if ids is None else ids)
    codes = codes_made(target, plan, taken)
    below = plan_children(plan.there_nodes)
    for node in plan.added:                                        # parents first
        parent = ids.get(node.parent_id, node.parent_id)
        back = plan.returning.get(node.id)
        index = _index_here(target, plan, below, node, parent, ids)
        if back is not None and _bring_back(target, node, back, parent, ids, index):
            ids[node.id] = back                                    # deleted here, made there again: itself
            continue
        ids[node.id] = add_copy(target, node, parent, ids, plan.made.get(node.id), codes[node.id], index).id
    for node in plan.added:              # a goal made before the measure it serves (deeper down): named now
        if (node.serves_id in ids and node.serves_id in plan.new_there
                and target.nodes.get(ids[node.id]).serves_id != ids[node.serves_id]):
            target.nodes.update(ids[node.id], carried=True, serves_id=ids[node.serves_id])
    for cid, fields in plan.edits.items():
        target.nodes.update(cid, carried=True, **_without_taken_codes(target, cid, _here_values(fields, ids)))
    for key in taken:
        conflict = next(c for c in plan.conflicts if c.key == key)
        _take(target, plan, conflict, ids)
    for cid, (there_parent, index) in plan.moves.items():
        parent = ids.get(there_parent, there_parent)
        there = plan.there_nodes.get(there_id_of(plan, cid))
        if there is not None and there.parent_id == there_parent:      # (its place there, as a node made there)
            index = _index_here(target, plan, below, there, parent, ids, moving=cid)
        target.nodes.move(cid, parent, index)
    for cid in plan.removed:
        if target.nodes.exists(cid):
            _delete(target, plan, cid, ids)
    numbers = {}
    for (there_id, period), value in plan.numbers.items():
        if there_id not in ids and there_id in plan.new_there:
            continue                                   # made there, not made here (a branch kept deleted)
        cid = ids.get(there_id, there_id)
        if target.nodes.exists(cid):
            numbers[(cid, period)] = value
    for (there_id, period), value in plan.comebacks.items():
        if (there_id in ids and (there_id, period) not in plan.numbers       # a branch brought back, whole
                and target.nodes.exists(ids[there_id])):                    # (not one kept deleted)
            numbers[(ids[there_id], period)] = value
    for c in plan.conflicts:                           # the side taken, or kept: with the other side's other fields
        if c.key[0] == "actual":
            there, here = (c.department, c.company) if plan.direction == MERGE else (c.company, c.department)
            if target.nodes.exists(c.key[1]):
                numbers[(c.key[1], c.key[2])] = there if c.key in taken else here
    if numbers:
        target.actuals.restore_values(numbers)
    return ids


def _delete(target: Plan, plan: MergePlan, top: int, ids: dict[int, int]) -> None:
    """Delete ``top`` here with what is below it — but a node below it that the file there still has outside
    the branch (moved there, or moved in here) first goes where that file has it: a deletion takes no node
    the other file keeps."""
    there_of = {here: there for there, here in ids.items()}
    doomed = set(target.nodes.subtree_ids(top))
    for here_id in target.nodes.subtree_ids(top)[1:]:                  # parents first
        if here_id not in doomed:
            continue
        there_id = there_of.get(here_id, here_id if here_id in plan.same_ids and here_id not in plan.mapped_here
                                else None)
        node = plan.there_nodes.get(there_id) if there_id is not None else None
        if node is None or node.parent_id is None:
            continue
        parent = ids.get(node.parent_id, here_id_of(plan, node.parent_id, plan.new_there))
        if parent is not None and parent not in doomed and target.nodes.exists(parent):
            target.nodes.move(here_id, parent)
            doomed -= set(target.nodes.subtree_ids(here_id))
    target.nodes.delete(top)


def _index_here(target: Plan, plan: MergePlan, below: dict, node: Node, parent: int | None,
                ids: dict[int, int], moving: int | None = None) -> int:
    """Where ``node``, made or moved there, goes among its siblings here (``moving``: its id here, when it moves):
    right after the nearest sibling before it there that is under the same parent here, first when none is. By its
    index there it went after siblings here that it comes before there (one moved away here, or made here), and
    the files kept two orders for good."""
    siblings = below.get(node.parent_id, [])
    here = [n.id for n in target.nodes.children(parent) if n.id != moving]
    for before in reversed(siblings[:next((i for i, n in enumerate(siblings) if n.id == node.id), 0)]):
        here_id = ids.get(before.id, here_id_of(plan, before.id, plan.new_there))
        if here_id in here:
            return here.index(here_id) + 1
    return 0


def code_free(plan: Plan, code: str, node_id: int | None) -> bool:
    """Whether ``node_id`` (None: a new node) may carry ``code`` here: codes are never reused."""
    return plan.nodes.codes.node_ids(code) in ([], [node_id])


def add_copy(target: Plan, node: Node, parent_id: int | None, ids: dict[int, int] | None = None,
             made: dt.date | None = None, code: str | None = None, index: int | None = None) -> Node:
    """A node made there, made here at its place among its siblings there; its code ``code``, else its own
    unless given here meanwhile (then the next free code); the measure a goal serves named by its id here;
    ``made``, the day it was first made there, kept."""
    values = as_copied(_here_values({f: getattr(node, f) for f in EDITABLE if f != "code"}, ids or {}))
    if code is None:
        code = node.code if code_free(target, node.code, None) else None
    return target.nodes.add(parent_id, node.kind, node.position if index is None else index, code=code, made=made,
                            carried=True, **values)


def _bring_back(target: Plan, node: Node, here_id: int, parent_id: int, ids: dict[int, int],
                index: int | None = None) -> bool:
    """Make a node deleted here, that comes back from there, again as itself: its id here, its code (the one
    it has there, else the one it had here), its first day; with its values there. False when it cannot be
    (its code carried here by another node meanwhile): it is then made anew."""
    code = node.code if code_free(target, node.code, here_id) else target.journal.last_code(here_id)
    if not code_free(target, code, here_id):
        return False
    values = as_copied(_here_values({f: getattr(node, f) for f in EDITABLE if f != "code"}, ids))
    target.nodes.insert_row({**node.as_dict(), **values, "id": here_id, "parent_id": parent_id, "code": code})
    target.nodes.move(here_id, parent_id, node.position if index is None else index)   # its place there
    return True


def _here_values(values: dict, ids: dict[int, int]) -> dict:
    """Field values from there with the node ids they hold (the measure a goal serves) as here."""
    if values.get("serves_id") in ids:
        values = {**values, "serves_id": ids[values["serves_id"]]}
    return values


def _without_taken_codes(target: Plan, cid: int, fields: dict) -> dict:
    """A code given there that was given here meanwhile to another node stays as it is here."""
    code = fields.get("code")
    if code is not None and not code_free(target, code, cid):
        fields = {k: v for k, v in fields.items() if k != "code"}
    return fields


def _take(target: Plan, plan: MergePlan, conflict: Conflict, ids: dict[int, int]) -> None:
    kind = conflict.kind
    value = conflict.department if plan.direction == MERGE else conflict.company
    if kind == "field":
        _key, cid, name = conflict.key
        target.nodes.update(cid, carried=True,
                            **_without_taken_codes(target, cid, _here_values({name: value}, ids)))
    elif kind == "deleted_there":
        if target.nodes.exists(conflict.key[1]):   # (gone already with a branch above it)
            _delete(target, plan, conflict.key[1], ids)
    elif kind == "deleted_here":              # the node there comes back, with what is below it there
        below = plan_children(plan.there_nodes)
        for node_id in subtree(below, conflict.key[1]):
            node = plan.there_nodes[node_id]
            parent = ids.get(node.parent_id, node.parent_id)
            if not target.nodes.exists(parent):
                raise ValidationError(_("{code} cannot come back: the node it was under is gone here too").format(
                    code=node.code))
            here_id = here_id_of(plan, node_id, plan.new_there)
            if here_id is None:                        # one made there again (kept there by the last sync)
                here_id = plan.returning.get(node_id)
            if here_id is not None and target.nodes.exists(here_id):
                if node_id in plan.moved_in:           # moved there under the branch: it goes with it
                    target.nodes.move(here_id, parent)
                ids[node_id] = here_id                 # (moved out here before the deletion: it stays)
                continue
            index = _index_here(target, plan, below, node, parent, ids)
            if here_id is not None and _bring_back(target, node, here_id, parent, ids, index):
                ids[node_id] = here_id
                continue
            ids[node.id] = add_copy(target, node, parent, ids, plan.made.get(node.id), index=index).id
    elif kind in ("moved_out", "moved_both"):
        cid = conflict.key[1]
        parent = ids.get(value, value)
        target.nodes.move(cid, parent)
