"""The order of siblings between the company plan and a department file: each list one side has not changed since
the other side last read it takes the other side's order.

The merge places what the department made or moved after its nearest sibling there
(:func:`.merge_write._index_here`), and the company may have reordered the same list meanwhile; measuring one
side's reorder against the other side's list, the merge and the refresh could settle on two orders, and both files
said they were up to date. So a refresh puts each department list with nothing of the department's own since the
last merge read it in the company's order (the company's list holds what the merge brought), and a merge puts each
company list with nothing of the company's own since the last refresh read it in the department's order (the
department's list holds what the refresh brought, with its own moves since: reading them move by move against the
company's, the merge could take the department's move for the company's and send nothing). The moves are shown in
the preview (:func:`order_moves`); what the nodes made by the sync change of them is settled once they are written
(:func:`follow`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .merge_plan import MergePlan, here_id_of, plan_children
from .storage import Plan
from .versions import longest_increasing


def own_lists(plan: Plan, since: int, syncs: frozenset[int], node_ids: Iterable[int] | None = None) -> set[int | None]:
    """The parents whose list of children ``plan``'s own batches after ``since`` changed: a node made or deleted
    there, moved in or out, or put elsewhere among its siblings (``syncs``: the other direction's batches, not its
    own; ``node_ids``: the nodes to look at, all when None)."""
    parents: set[int | None] = set()
    placed: set[int] = set()
    for row in plan.journal.rows(after_batch=since, node_ids=node_ids, placing=True):
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
    parents.update(node.parent_id for node in plan.nodes.some(placed).values())
    return parents


def order_moves(plan: MergePlan, children_here: dict[int | None, list[int]], children_there: dict[int | None, list[int]],
                here_of: Callable[[int], int | None]) -> None:
    """Add to ``plan.moves`` the fewest nodes that put each list here not of ``plan.own_lists`` in the order there
    (the nodes both files have; those the sync moves or makes are placed by it already). ``here_of``: a node's id
    here from its id there (None: none here)."""
    for there_parent, kids in children_there.items():
        parent = here_of(there_parent) if there_parent is not None else None
        if parent is None or parent in plan.own_lists or parent not in children_here:
            continue
        rank = {h: r for r, k in enumerate(kids) if (h := here_of(k)) is not None}
        both = [h for h in children_here[parent] if h in rank]
        if len(both) < 2:
            continue
        keep = longest_increasing([rank[h] for h in both])
        for k, h in enumerate(both):
            if k not in keep and h not in plan.moves:
                plan.moves[h] = (there_parent, rank[h])


def follow(target: Plan, plan: MergePlan, ids: dict[int, int]) -> None:
    """Once the sync is written into ``target`` (``ids``: id there → id here, the nodes it made included), put each
    list not of ``plan.own_lists`` in the order there: the nodes of the list there where ``target`` has them, its
    others where they are."""
    for there_parent, kids in plan_children(plan.there_nodes).items():
        parent = _here(plan, ids, there_parent) if there_parent is not None else None
        if parent is None or parent in plan.own_lists or not target.nodes.exists(parent):
            continue
        here = [n.id for n in target.nodes.children(parent)]
        present = set(here)
        wanted = [h for k in kids if (h := _here(plan, ids, k.id)) in present]
        chosen = set(wanted)
        if len(chosen) != len(wanted) or [h for h in here if h in chosen] == wanted:
            continue
        slots = iter(wanted)
        order = [next(slots) if h in chosen else h for h in here]
        for index, node_id in enumerate(order):
            if here[index] != node_id:
                target.nodes.move(node_id, parent, index)
                here.remove(node_id)
                here.insert(index, node_id)


def _here(plan: MergePlan, ids: dict[int, int], there_id: int) -> int | None:
    return ids[there_id] if there_id in ids else here_id_of(plan, there_id, plan.new_there)
