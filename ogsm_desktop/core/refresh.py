"""A department takes the company's later changes: the merge of :mod:`.merge`, the other way round.

The company's changes are what its journal recorded since the last point both sides agree on (the cut,
the last merge of this file, or the last refresh), limited to the department's part as it is in the company
now and to the locked context above it; the department's are what its own journal recorded since. A
company change the department did not touch is taken; where both changed the same thing differently it
is a conflict (keep department / take company). The context above the department is brought up to date
whole: its titles, targets, … and, when the company has moved the department under another strategy, its
new chain. One journaled batch in the department file, undoable; it records the company's point it took,
so the next merge back and the next refresh start from there.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from .changes import ChangeSet
from .departments import REFRESH_KEY, Origin, origin_of, plan_identity
from .errors import ValidationError
from .i18n import _
from .merge import (
    EDITABLE,
    REFRESH,
    MergePlan,
    add_copy,
    chosen,
    common_point,
    plan_changes,
    side_changes,
    write,
)
from .model import Node, Tree
from .storage import Plan
from .storage.plan import DEPARTMENT_KEY
from .versions import Diff, NodeChange, Point, compare


def _check(dept: Plan, company: Plan, path: Path) -> Origin:
    origin = origin_of(dept)
    if origin is None:
        raise ValidationError(_("this plan is not a department plan file: there is no company plan to refresh it "
                                "from"))
    if origin.plan_id != plan_identity(company):
        raise ValidationError(_("{path} is not the company plan this department file was cut from ({name}); "
                                "nothing was changed").format(path=path, name=origin.plan_name or "?"))
    return origin


def preview(dept: Plan, path: str | Path) -> MergePlan:
    """What taking the company's later changes from the company plan at ``path`` would change in the
    department file ``dept``, and the conflicts; writes nothing."""
    path = Path(path)
    dept_tree = dept.nodes.tree()
    with Plan.open(path, readonly=True) as company:
        origin = _check(dept, company, path)
        common = common_point(company, dept, origin)
        unit_here = common.ids.get(origin.unit_id, origin.unit_id)      # a unit merged back as a new one
        if not company.nodes.exists(unit_here):
            raise ValidationError(_("the department {code} no longer exists in {path} (it was deleted there); "
                                    "nothing was changed").format(code=origin.unit_code, path=path))
        unit = company.nodes.get(unit_here)
        chain = company.nodes.chain(unit.parent_id)[::-1]                # top first
        part = company.nodes.subtree_ids(unit.id)
        nodes = company.nodes.some(chain + part)
        company_last = company.journal.last_batch_id()
        plan = MergePlan(path, origin, dept.journal.last_batch_id(), ids={c: d for d, c in common.ids.items()},
                         direction=REFRESH, company_batch=company_last, context=[nodes[i] for i in chain])
        if company_last > common.company_batch:
            theirs = compare(company, Point("base", common.company_batch), Point("now", company_last))
        else:
            theirs = Diff(Point("now", company_last), Point("now", company_last), [], [], [])
        theirs, moved_in = _in_part(plan, theirs, set(part), set(chain), dept_tree, nodes)
        carried = company.actuals.between("", "9999-12-31", moved_in) if moved_in else {}
    there = Tree.build(nodes)
    here = side_changes(dept, common.dept_batch, origin.unit_id,
                        {plan.ids.get(i, i) for i in part} | {plan.ids.get(c.node.id, c.node.id) for c in theirs.nodes})
    plan_changes(plan, theirs, here, there)
    for node_id, rows in carried.items():             # a branch moved into the part comes with its numbers
        for a in rows:
            plan.numbers[(node_id, a.period)] = (a.actual, a.target, a.comment)
    _context_edits(plan, dept_tree)
    plan.context_moved = [plan.ids.get(n.id, n.id) for n in plan.context] != list(origin.context)
    return plan


def _in_part(plan: MergePlan, theirs: Diff, part: set[int], chain: set[int], dept_tree: Tree,
             nodes: dict[int, Node]) -> tuple[Diff, list[int]]:
    """The company's changes that concern the department: those inside its part as it is now, a branch moved
    into it (new to the department) and one moved out of it or deleted (gone from it); the context above
    is brought up to date on its own. Also the ids of the nodes moved in."""
    locked = set(plan.origin.context)

    def in_dept(company_id: int) -> bool:
        dept_id = plan.ids.get(company_id, company_id)
        return dept_id in dept_tree.nodes and dept_id not in locked

    kept, moved_in = [], []
    for change in theirs.nodes:
        cid = change.node.id
        if cid in chain or plan.ids.get(cid, cid) in locked:
            continue
        if change.change == "added":
            if cid in part:
                kept.append(change)
        elif change.change == "removed":
            if in_dept(cid):
                kept.append(change)
        elif cid in part and in_dept(cid):
            if plan.ids.get(cid, cid) == plan.origin.unit_id and change.change == "moved":   # its place is the context's business
                change = dataclasses.replace(change, change="changed")
            kept.append(change)
        elif cid in part:
            moved_in.append(cid)
        elif in_dept(cid):
            kept.append(dataclasses.replace(change, change="removed"))     # gone out of the department's part
    seen = {c.node.id for c in kept if c.change == "added"}
    for top in moved_in:                             # with what is below it, new to the department as well
        for node_id in _subtree(nodes, top):
            if node_id not in seen and not in_dept(node_id):
                kept.append(NodeChange("added", nodes[node_id]))
                seen.add(node_id)
    depth = {node_id: _depth(nodes, node_id) for node_id in seen}
    added = sorted((c for c in kept if c.change == "added"), key=lambda c: (depth[c.node.id], c.node.position))
    others = [c for c in kept if c.change != "added"]
    actuals = [block for block in theirs.actuals if block.node.id in part and block.node.id not in moved_in]
    moved_below = sorted(seen - {c.node.id for c in theirs.nodes})
    return dataclasses.replace(theirs, nodes=added + others, actuals=actuals), moved_in + moved_below


def _subtree(nodes: dict[int, Node], top: int) -> list[int]:
    out, pending = [], [top]
    while pending:
        node_id = pending.pop()
        out.append(node_id)
        pending += [n.id for n in nodes.values() if n.parent_id == node_id]
    return out


def _depth(nodes: dict[int, Node], node_id: int) -> int:
    depth, parent = 0, nodes[node_id].parent_id
    while parent in nodes:
        depth, parent = depth + 1, nodes[parent].parent_id
    return depth


def _context_edits(plan: MergePlan, dept_tree: Tree) -> None:
    """The context's fields that differ from the company's: taken as they are (the department cannot edit
    them)."""
    for node in plan.context:
        dept_id = plan.ids.get(node.id, node.id)
        mine = dept_tree.nodes.get(dept_id)
        if mine is None or dept_id not in plan.origin.context:
            continue
        changed = {f: getattr(node, f) for f in EDITABLE if getattr(mine, f) != getattr(node, f)}
        if changed:
            plan.edits[dept_id] = changed


def apply(dept: Plan, plan: MergePlan, choices: dict[tuple, str] | None = None, prefer: str | None = None,
          reason: str = "") -> ChangeSet:
    """Write the refresh as one journaled batch in the department file. Each conflict takes
    ``choices[key]`` (``company`` or ``department``), else ``prefer``; an unresolved conflict refuses the
    whole refresh (ValidationError), nothing written."""
    taken = chosen(plan, choices, prefer)
    why = reason or _("refresh from {file}").format(file=plan.source.name)
    dept.nodes.locked = frozenset()                      # the context follows the company's
    try:
        with dept.batch("refresh", why) as changes:
            context = _place(dept, plan)
            ids = write(dept, plan, taken)
            dept.meta.set(DEPARTMENT_KEY, dataclasses.replace(plan.origin, context=tuple(context)).to_json())
            record = {"company_batch": plan.company_batch, "dept_batch": changes.batch_id,
                      "ids": {str(d): c for c, d in sorted(ids.items()) if c != d}}
            dept.meta.set(REFRESH_KEY, json.dumps(record, sort_keys=True))
    finally:
        dept.reload_context()
    return changes


def _place(dept: Plan, plan: MergePlan) -> list[int]:
    """Bring the chain above the department to the company's: new context nodes made, the department put
    under the strategy it now serves, context nodes no longer above it removed. The department ids of the
    chain, top first."""
    old = list(plan.origin.context)
    chain: list[int] = []
    parent = None
    for node in plan.context:
        dept_id = plan.ids.get(node.id, node.id)
        if dept_id in old and dept.nodes.exists(dept_id):
            if dept.nodes.get(dept_id).parent_id != parent:
                dept.nodes.move(dept_id, parent)
        else:
            plan.ids[node.id] = dept_id = add_copy(dept, node, parent).id
        chain.append(dept_id)
        parent = dept_id
    if dept.nodes.get(plan.origin.unit_id).parent_id != parent:
        dept.nodes.move(plan.origin.unit_id, parent)
    for dept_id in reversed(old):
        if dept_id not in chain and dept.nodes.exists(dept_id):
            dept.nodes.delete(dept_id)
    return chain
