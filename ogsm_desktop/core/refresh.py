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

from . import decisions, sibling_order, sync, sync_own
from .changes import ChangeSet
from .company_codes import plan_codes, take_codes
from .departments import REFRESH_KEY, Origin, origin_of, plan_identity
from .errors import ValidationError
from .i18n import _
from .merge import carry_comebacks, carry_made, carry_numbers, chosen, plan_changes
from .merge_plan import EDITABLE, REFRESH, MergePlan, may_come_back
from .merge_write import add_copy, write
from .model import Tree
from .plan_settings import SETTING_KEYS, MonitorSettings
from .sides import drop_delivered, side_changes
from .storage import Plan
from .storage.plan import DEPARTMENT_KEY
from .versions import Diff, NodeChange, Point, compare


def _check(dept: Plan, company: Plan, path: Path) -> Origin:
    origin = origin_of(dept)
    if origin is None and origin_of(company) is not None:     # the two the other way round
        raise ValidationError(_("this plan is not a department plan file, but {path} is: a department file is "
                                "refreshed from the company plan, not the other way round; nothing was "
                                "changed").format(path=path))
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
        points = sync.for_refresh(company, dept, origin)
        unit_here = points.ids.get(origin.unit_id, origin.unit_id)      # a unit merged back as a new one
        if not company.nodes.exists(unit_here):
            raise ValidationError(_("the department {code} no longer exists in {path} (it was deleted there); "
                                    "nothing was changed").format(code=origin.unit_code, path=path))
        unit = company.nodes.get(unit_here)
        chain = company.nodes.chain(unit.parent_id)[::-1]                # top first
        part = company.nodes.subtree_ids(unit.id)
        nodes = company.nodes.some(chain + part)
        company_last = company.journal.last_batch_id()
        cut = sync.cut_ids(dept, origin)
        plan = MergePlan(path, origin, dept.journal.last_batch_id(), ids={c: d for d, c in points.ids.items()},
                         direction=REFRESH, company_batch=company_last, context=[nodes[i] for i in chain],
                         known=cut - set(points.ids))    # (one mapped: another node now)
        merged = sync.merges(company).get(origin.fork_id, {})
        read = sync.merged_point(company, origin)                          # what the last merge read of this file

        def dept_id(company_id: int) -> int | None:
            return _dept_id(plan, company_id)

        if company_last > points.company_batch:
            theirs = compare(company, Point("base", points.company_batch), Point("now", company_last))
            theirs = sync_own.own_changes(company, theirs, points.company_batch, points.foreign,
                                          sync.undone_merge_copies(company, origin),
                                          held=sync.held_by(dept, dept_id, read), standing=points.standing)
            theirs = sync_own.made_again(company, theirs, lambda cid: (did := dept_id(cid)) is not None and
                                         dept.nodes.exists(did), [r for r, _b in sync.refresh_syncs(dept)]
                                         + [origin.fork_batch], sync.merge_batches(company, origin, 0))
        else:
            theirs = Diff(Point("now", company_last), Point("now", company_last), [], [], [])
        if int(merged.get("company_batch", 0)) > points.company_batch:      # a merge no refresh has read since
            theirs = decisions.decided_there(plan, theirs, merged.get("kept", []), company, dept, dept_id, read,
                                             sync.refresh_batches(dept, read))
        refreshed = sync.refreshes(dept)
        if int(refreshed.get("dept_batch", 0)) > read:                    # (no merge read it)
            plan.unread_kept = refreshed.get("kept", [])
        there = Tree.build(nodes)
        theirs = decisions.kept_there(theirs, [nodes[i] for i in part], dept, dept_id, read,
                                      sync.undone_refreshes(dept)[0], decisions.kept_gone(plan))
        theirs, moved_in = _in_part(plan, theirs, set(part), set(chain), dept_tree, there)
        parents = company.nodes.some({p for p in plan.left.values() if p is not None})
        plan.left = {d: parents[p].code if p in parents else "" for d, p in plan.left.items()}
        wanted = {_dept_id(plan, i) for i in part} | {_dept_id(plan, c.node.id) for c in theirs.nodes}
        base = sync.unseen_since(points.dept_batch, read)
        here = side_changes(dept, base, origin.unit_id, wanted - {None}, sync.refresh_batches(dept, base),
                            sync.sync_kind_batches(dept, "refresh", base))
        drop_delivered(here, dept, company, lambda did: points.ids.get(did, did if did in cut else None),
                       sync.merge_syncs(company, origin))  # what the merges brought the company is no news
        plan_changes(plan, theirs, here, there)
        plan.own_lists = sibling_order.own_lists(dept, read, sync.sync_kind_batches(dept, "refresh", read))
        sibling_order.order_moves(plan, dept_tree.children, there.children, dept_id)
        plan.returning = {n.id: d for n in may_come_back(plan)
                          if (d := plan.same_node(n.id)) is not None
                          and not dept.nodes.exists(d)}
        carry_numbers(plan, company, [n.id for n in plan.added])   # new here: all its numbers
        carry_numbers(plan, company, moved_in)        # a branch moved into the part comes with its numbers
        carry_comebacks(plan, company)
        carry_made(plan, company)
        plan.settings = _settings(company, dept)
        _codes(plan, dept, dept_tree, company, [nodes[i] for i in part])
    _context_edits(plan, dept_tree)
    plan.context_moved = [plan.ids.get(n.id, n.id) for n in plan.context] != list(origin.context)
    return plan


def _codes(plan: MergePlan, dept: Plan, dept_tree: Tree, company: Plan, part: list) -> None:
    """The company's codes for the department's nodes (see :mod:`.company_codes`), but for those the
    department renamed since its last merge."""
    dept_ids = {n.id: d for n in part if (d := _dept_id(plan, n.id)) is not None}
    merged = sync.for_merge(company, dept, plan.origin)
    renamed = dept.journal.rows(after_batch=merged.dept_batch, node_ids=dept_ids.values())
    plan_codes(plan, dept, dept_tree, company, part, dept_ids, renamed, merged.foreign)


def _settings(company: Plan, dept: Plan) -> dict[str, tuple[str | None, str | None]]:
    """The company's plan settings that the department file holds otherwise (its plan year, how statuses are
    judged, the alert defaults): the department judges its numbers as the company does. Compared as each
    file judges by them — a setting not stored is its default — and said so: a default the company stored
    is no change."""
    theirs, ours = MonitorSettings.of(company).settings(), MonitorSettings.of(dept).settings()
    return {key: (ours[key], theirs[key]) for key in sorted(SETTING_KEYS) if theirs[key] != ours[key]}


def _dept_id(plan: MergePlan, company_id: int) -> int | None:
    """The department's id of a company node: carried over (mapped), the same for one the file was cut
    with, else none (another company node is not the department's node that happens to have its id)."""
    if company_id in plan.ids:
        return plan.ids[company_id]
    return company_id if company_id in plan.known else None


def _in_part(plan: MergePlan, theirs: Diff, part: set[int], chain: set[int], dept_tree: Tree,
             there: Tree) -> tuple[Diff, list[int]]:
    """The company's changes that concern the department: those inside its part as it is now, a branch moved
    into it (new to the department) and one moved out of it or deleted (gone from it); the context above
    is brought up to date on its own. Also the ids of the nodes moved in."""
    locked = set(plan.origin.context)

    def in_dept(company_id: int) -> bool:
        dept_id = _dept_id(plan, company_id)
        return dept_id is not None and dept_id in dept_tree.nodes and dept_id not in locked

    kept, moved_in = [], []
    left: dict[int, int | None] = {}                 # department id → its company parent now, outside the part
    for change in theirs.nodes:
        cid = change.node.id
        if cid in chain or _dept_id(plan, cid) in locked:
            continue
        if change.change == "added":
            if cid in part:
                kept.append(change)
        elif change.change == "removed":
            if in_dept(cid):
                kept.append(change)
        elif cid in part and (in_dept(cid) or _dept_id(plan, cid) is not None):
            # (known to the department but gone from it: deleted there — a conflict, not a branch moved in)
            if _dept_id(plan, cid) == plan.origin.unit_id and change.change == "moved":   # the context's business
                change = dataclasses.replace(change, change="changed")
            kept.append(change)
        elif cid in part:
            moved_in.append(cid)
        elif in_dept(cid):
            kept.append(dataclasses.replace(change, change="removed"))     # gone out of the department's part
            left[_dept_id(plan, cid)] = change.node.parent_id
    seen = {c.node.id for c in kept if c.change == "added"}
    depth: dict[int, int] = {}
    for top in moved_in:                             # with what is below it, new to the department as well
        for node in [there.nodes[top], *(n for n, _d in there.walk(top))]:
            if node.id not in seen and _dept_id(plan, node.id) is None:
                kept.append(NodeChange("added", node))
                seen.add(node.id)
    for node, level in there.walk():
        depth[node.id] = level
    added = sorted((c for c in kept if c.change == "added"), key=lambda c: (depth.get(c.node.id, 0), c.node.position))
    others = [c for c in kept if c.change != "added"]
    actuals = [block for block in theirs.actuals if block.node.id in part and block.node.id not in moved_in]
    moved_below = sorted(seen - {c.node.id for c in theirs.nodes})
    plan.left = left                                 # (company ids: named by code once the company is read)
    return dataclasses.replace(theirs, nodes=added + others, actuals=actuals), moved_in + moved_below


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
            ids = dict(plan.ids)
            context = _place(dept, plan, ids)
            take_codes(dept, plan, taken)
            ids = write(dept, plan, taken, ids)
            sibling_order.follow(dept, plan, ids)
            for key, (_old, new) in plan.settings.items():
                dept.meta.set(key, new)
            dept.meta.set(DEPARTMENT_KEY, dataclasses.replace(plan.origin, context=tuple(context)).to_json())
            record = {"company_batch": plan.company_batch, "dept_batch": changes.batch_id,
                      "batches": [*sync.refreshes(dept).get("batches", []), changes.batch_id],
                      "ids": sync.recorded_ids({d: c for c, d in ids.items()}, plan.same_ids),
                      "kept": decisions.kept_keys(plan, taken)}
            dept.meta.set(REFRESH_KEY, json.dumps(record, sort_keys=True))
    finally:
        dept.reload_context()
    plan.written_ids = ids
    return changes


def _place(dept: Plan, plan: MergePlan, ids: dict[int, int]) -> list[int]:
    """Bring the chain above the department to the company's: new context nodes made, the department put
    under the strategy it now serves, context nodes no longer above it removed. The department ids of the
    chain, top first."""
    old = list(plan.origin.context)
    chain: list[int] = []
    parent = None
    for node in plan.context:
        dept_id = ids.get(node.id, node.id)
        if dept_id in old and dept.nodes.exists(dept_id):
            if dept.nodes.get(dept_id).parent_id != parent:
                dept.nodes.move(dept_id, parent)
        else:
            ids[node.id] = dept_id = add_copy(dept, node, parent, made=plan.made.get(node.id)).id
        chain.append(dept_id)
        parent = dept_id
    if dept.nodes.get(plan.origin.unit_id).parent_id != parent:
        dept.nodes.move(plan.origin.unit_id, parent)
    for dept_id in reversed(old):
        if dept_id not in chain and dept.nodes.exists(dept_id):
            dept.nodes.delete(dept_id)
    return chain
