"""A refresh and the order of siblings: each list the department has not changed since the last merge read it
takes the company's order.

The merge places what the department made or moved after its nearest sibling there (:func:`.merge_write._index_here`),
and the company may have reordered the same list meanwhile; the refresh, measuring the company's reorder against
the department's list, could then settle on another order, and both files said they were up to date. The company's
list already holds what the merge brought, so a department list with nothing of its own since the merge follows
it: the moves it takes are shown in the refresh's preview (:func:`order_moves`), and what the nodes made by the
refresh change of it is settled once they are written (:func:`follow`)."""

from __future__ import annotations

from collections.abc import Callable

from .merge_plan import MergePlan, here_id_of, plan_children
from .model import Tree
from .storage import Plan
from .versions import longest_increasing


def own_lists(dept: Plan, since: int, syncs: frozenset[int]) -> set[int | None]:
    """The department's parents whose list of children its own batches after ``since`` changed: a node made or
    deleted there, moved in or out, or put elsewhere among its siblings (``syncs``: the refreshes' batches, not
    its own)."""
    parents: set[int | None] = set()
    placed: set[int] = set()
    for row in dept.journal.rows(after_batch=since):
        if row.batch_id in syncs:
            continue
        if row.action == "create" and isinstance(row.new, dict):
            parents.add(row.new.get("parent_id"))
        elif row.action == "delete" and isinstance(row.old, dict):
            parents.add(row.old.get("parent_id"))
        elif row.field == "parent_id":
            parents.update((row.old, row.new))
        elif row.field == "position":
            placed.add(row.node_id)
    parents.update(node.parent_id for node in dept.nodes.some(placed).values())
    return parents


def order_moves(plan: MergePlan, dept_tree: Tree, there: Tree, dept_id: Callable[[int], int | None]) -> None:
    """Add to ``plan.moves`` the fewest nodes that put each list not of ``plan.own_lists`` in the company's order
    (the nodes both files have; those moved or made by the refresh are placed by it already)."""
    for there_parent, kids in there.children.items():
        parent = dept_id(there_parent) if there_parent is not None else None
        if parent is None or parent in plan.own_lists or parent not in dept_tree.nodes:
            continue
        here = dept_tree.children.get(parent, [])
        rank = {d: r for r, k in enumerate(kids) if (d := dept_id(k)) is not None}
        both = [d for d in here if d in rank]
        if len(both) < 2:
            continue
        keep = longest_increasing([rank[d] for d in both])
        for k, d in enumerate(both):
            if k not in keep and d not in plan.moves:
                plan.moves[d] = (there_parent, rank[d])


def follow(dept: Plan, plan: MergePlan, ids: dict[int, int]) -> None:
    """Once the refresh is written (``ids``: company id → department id, the nodes it made included), put each list
    not of ``plan.own_lists`` in the company's order: the nodes of the company's list where the department has
    them, the department's others where they are."""
    for there_parent, kids in plan_children(plan.there_nodes).items():
        parent = _here(plan, ids, there_parent) if there_parent is not None else None
        if parent is None or parent in plan.own_lists or not dept.nodes.exists(parent):
            continue
        here = [n.id for n in dept.nodes.children(parent)]
        present = set(here)
        wanted = [d for k in kids if (d := _here(plan, ids, k.id)) in present]
        if len(set(wanted)) != len(wanted) or [d for d in here if d in set(wanted)] == wanted:
            continue
        slots = iter(wanted)
        order = [next(slots) if d in set(wanted) else d for d in here]
        for index, node_id in enumerate(order):
            if here[index] != node_id:
                dept.nodes.move(node_id, parent, index)
                here.remove(node_id)
                here.insert(index, node_id)


def _here(plan: MergePlan, ids: dict[int, int], there_id: int) -> int | None:
    return ids[there_id] if there_id in ids else here_id_of(plan, there_id, plan.new_there)
