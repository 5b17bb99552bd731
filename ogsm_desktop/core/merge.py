"""Bringing a department plan file back into the company plan: a three-way merge from the journals.

The department's changes are what its journal recorded since the cut (or since its last merge), the
refreshes it took from the company left out; the company's are what the company's journal recorded since
the fork (or since that merge) — read with :func:`versions.compare`, which replays the journal between two
points, and by node (see :mod:`.sync` for the points and whose changes are whose). A department change the company
did not touch is taken; where both changed the same thing differently — the same field, the same period's
number, a node edited there but deleted here, a node moved here out of the department's part — it is a
:class:`Conflict` with both values, resolved by the user (keep company / take department). Nothing is
written by :func:`preview`; :func:`apply` writes one journaled batch and records, in the same batch, how
far the department file has been merged, so merging the same file again changes nothing and a later file
of the same department brings only what is new.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import decisions, sibling_order, sync, sync_own
from .changes import ChangeSet
from .company_codes import codes_made
from .departments import MERGES_KEY, Origin, origin_of, plan_identity
from .errors import ValidationError
from .i18n import _
from .merge_plan import (
    CODE_FOLLOWS,
    CODE_TAKEN,
    CODE_USED,
    COMPANY,
    DEPARTMENT,
    EDITABLE,
    MERGE,
    REFRESH,
    Conflict,
    MergePlan,
    here_id_of,
    may_come_back,
    plan_children,
    subtree,
    there_id_of,
)
from .merge_write import add_copy, code_free, write
from .model import Kind, Node, Tree
from .sides import Side, drop_delivered, side_changes
from .storage import Plan
from .versions import Diff, Point, compare

# The merge's vocabulary, for those who merge (the window, the command line, the refresh) in one place.
__all__ = ["CODE_FOLLOWS", "CODE_TAKEN", "CODE_USED", "COMPANY", "DEPARTMENT", "EDITABLE", "MERGE", "REFRESH", "Conflict", "MergePlan", "UnitGone", "add_copy",
           "apply", "carry_comebacks", "carry_made", "carry_numbers", "chosen", "plan_changes", "preview", "write"]


class UnitGone(ValidationError):
    """The department's unit was deleted in the company plan: its file can still come back whole, as a new
    unit under a strategy the user chooses (``preview(..., as_new_under=CODE)``)."""

    def __init__(self, message: str, origin: Origin):
        super().__init__(message)
        self.origin = origin


def _check(company: Plan, dept: Plan, path: Path) -> Origin:
    origin, here = origin_of(dept), origin_of(company)
    if origin is None and here is not None:          # the two the other way round
        raise ValidationError(_("{path} is not a department plan file, but this plan is: a department file is "
                                "merged into the company plan, not the other way round; nothing was "
                                "changed").format(path=path.name))
    if origin is None:
        raise ValidationError(_("{path} is not a department plan file (File → Export department plan… writes "
                                "one)").format(path=path))
    if here is not None:                             # a department file is merged into its company's plan
        raise ValidationError(_("this plan is itself a department file ({unit} of {name}): merge {path} into the "
                                "company plan it was cut from; nothing was changed").format(
            unit=here.unit_code, name=here.plan_name or "?", path=path.name))
    if origin.plan_id != plan_identity(company):
        raise ValidationError(_("{path} is a department file of another plan ({name}); nothing was "
                                "changed").format(path=path, name=origin.plan_name or "?"))
    return origin


def preview(company: Plan, path: str | Path, *, as_new_under: str | None = None) -> MergePlan:
    """What merging the department file at ``path`` would change, and its conflicts; writes nothing.
    A file whose unit was deleted here is refused (:class:`UnitGone`) unless ``as_new_under`` names the
    strategy it is to come back under, as a new unit."""
    path = Path(path)
    with Plan.open(path, readonly=True) as dept:
        origin = _check(company, dept, path)
        points = sync.for_merge(company, dept, origin)
        unit_here = points.ids.get(origin.unit_id, origin.unit_id)
        dept_last = dept.journal.last_batch_id()
        if not company.nodes.exists(unit_here):
            if as_new_under is None:
                raise UnitGone(_("the department {code} of {path} no longer exists in this plan (it was deleted "
                                 "here); nothing was changed").format(code=origin.unit_code, path=path), origin)
            return _renumbered(company, _as_new_unit(company, dept, MergePlan(path, origin, dept_last, ids=points.ids),
                                                     as_new_under))
        cut = sync.cut_ids(dept, origin)
        plan = MergePlan(path, origin, dept_last, ids=points.ids,
                         mapped_here={c for d, c in points.ids.items() if d != c}, cut=cut)
        refreshed = sync.refreshes(dept)
        read = sync.refreshed_point(dept, origin)                  # what the last refresh read of this plan
        merged = sync.merges(company).get(origin.fork_id, {})
        if int(merged.get("company_batch", 0)) > read:                   # (no refresh read it)
            plan.unread_kept = merged.get("kept", [])
        if dept_last <= points.dept_batch:
            return plan

        def here_id(did: int) -> int | None:
            return points.ids.get(did, did if did in cut else None)

        theirs = compare(dept, Point("base", points.dept_batch), Point("now", dept_last))
        theirs = sync_own.own_changes(dept, theirs, points.dept_batch, points.foreign, sync.undone_copies(dept),
                                      sync.held_by(company, here_id, read), standing=points.standing)
        theirs = sync_own.made_again(dept, theirs, lambda did: (cid := here_id(did)) is not None and
                                     company.nodes.exists(cid), [r for r, _b in sync.merge_syncs(company, origin)]
                                     + [origin.start_batch], sync.refresh_batches(dept, 0))
        dept_tree = dept.nodes.tree()
        theirs = decisions.kept_there(theirs, [n for n, _depth in dept_tree.walk(origin.unit_id)], company, here_id,
                                      read, sync.undone_merges(company, origin)[0], decisions.kept_gone(plan))
        if int(refreshed.get("dept_batch", 0)) > points.dept_batch:      # a refresh no merge has read since
            theirs = decisions.decided_there(plan, theirs, refreshed.get("kept", []), dept, company, here_id, read,
                                             sync.merge_batches(company, origin, read))
        theirs.nodes = [c for c in theirs.nodes if c.node.id not in origin.context]   # locked there: unchanged
        base = sync.unseen_since(points.company_batch, read)
        ours = side_changes(company, base, unit_here,
                            {plan.ids.get(i, i) for i in dept_tree.nodes} | {c.node.id for c in theirs.nodes},
                            sync.merge_batches(company, origin, base))
        back = {c: d for d, c in points.ids.items()}     # what the refreshes brought the department is no news
        drop_delivered(ours, company, dept, lambda cid: back.get(cid, cid if cid in cut else None),
                       sync.refresh_syncs(dept))
        plan_changes(plan, theirs, ours, dept_tree)
        # the company's part, as side_changes read it (its ids and nodes): not read again
        plan.own_lists = sibling_order.own_lists(company, read, sync.merge_batches(company, origin, read), ours.part)
        lists = {p: [n.id for n in kids] for p, kids in plan_children({i: ours.nodes[i] for i in ours.part}).items()}
        sibling_order.order_moves(plan, lists, dept_tree.children, here_id)
        plan.returning = {n.id: n.id for n in may_come_back(plan) if n.id in cut and n.id not in points.ids
                          and n.id not in plan.mapped_here and not company.nodes.exists(n.id)}
        carry_numbers(plan, dept, [n.id for n in plan.added])    # new here: all its numbers, whoever wrote them
        carry_comebacks(plan, dept)
        carry_made(plan, dept)
    return _renumbered(company, plan)


def _renumbered(company: Plan, plan: MergePlan) -> MergePlan:
    """Tell the preview which new nodes get another code here (:func:`.company_codes.codes_made`), and which
    renames there are not taken here: the code went to another node here meanwhile (the node keeps its
    code; the next refresh gives the department file the company's). A rename there that conflicts with
    one here is no choice when its code went to another node here: it cannot be taken (taking it would keep
    the company's code silently), so it is such a rename, not a conflict."""
    for c in [c for c in plan.conflicts if c.key[0] == "field" and c.key[2] == "code"]:
        if c.department and not code_free(company, c.department, c.key[1]):
            plan.conflicts.remove(c)
            plan.edits.setdefault(c.key[1], {})["code"] = c.department
    plan.renumbered = {there_id: code for there_id, code in codes_made(company, plan).items()
                       if code != plan.there_nodes[there_id].code}
    plan.renumbered_why = {there_id: _why_renumbered(company, plan, plan.there_nodes[there_id])
                           for there_id in plan.renumbered}
    plan.codes_kept = {cid: fields["code"] for cid, fields in plan.edits.items()
                       if fields.get("code") and not code_free(company, fields["code"], cid)}
    return plan


def _why_renumbered(company: Plan, plan: MergePlan, node: Node) -> str:
    """Why ``node`` (new there) gets another code here: its objective got another (its code is made under its
    parent's), a node here carries its code (or another of this merge's nodes or renames gets it), or a node
    here carried it before — deleted or renamed since (codes are never given twice)."""
    parent = plan.there_nodes.get(node.parent_id)
    if (node.kind is not Kind.OBJECTIVE and node.parent_id in plan.renumbered and parent is not None
            and node.code.startswith(parent.code + "-")):
        return CODE_FOLLOWS
    holders = company.nodes.codes.node_ids(node.code)
    carrying = company.nodes.some(holders) if holders else {}
    if not holders or any(n.code == node.code for n in carrying.values()):
        return CODE_TAKEN
    return CODE_USED                                   # a node here had it: deleted since, or renamed


def _as_new_unit(company: Plan, dept: Plan, plan: MergePlan, code: str) -> MergePlan:
    """The department's whole part as it is in its file, with its numbers, made anew under the strategy
    ``code`` here (its unit was deleted here)."""
    strategy = company.nodes.by_code(code)
    if strategy.kind is not Kind.STRATEGY:
        raise ValidationError(_("{code} is not a strategy: a department comes back under the strategy it is to "
                                "serve").format(code=code))
    unit_id = plan.origin.unit_id
    tree = dept.nodes.tree()
    part = [unit_id, *(node.id for node, _depth in tree.walk(unit_id))]          # parents first
    plan.ids = {k: v for k, v in plan.ids.items() if k not in set(part)}        # all of them are new here
    plan.ids[tree.nodes[unit_id].parent_id] = strategy.id
    plan.added = [tree.nodes[i] for i in part]
    plan.new_there = set(part)
    plan.there_nodes = tree.nodes
    carry_numbers(plan, dept, part)
    carry_made(plan, dept)
    return plan


def carry_comebacks(plan: MergePlan, there: Plan) -> None:
    """The numbers of the branches deleted here that may come back (a deleted_here conflict taken): all of
    them, not only those changed there."""
    below = plan_children(plan.there_nodes)
    for c in plan.conflicts:
        if c.kind == "deleted_here":
            ids = subtree(below, c.key[1])
            for node_id, rows in there.actuals.between("", "9999-12-31", ids).items():
                for a in rows:
                    plan.comebacks[(node_id, a.period)] = (a.actual, a.target, a.comment)


def carry_made(plan: MergePlan, there: Plan) -> None:
    """The day each node that may be made here was first made there (the nodes new there, the branches
    deleted here that may come back, a refresh's chain above the unit): its copy keeps it, so that both
    files owe a measure's numbers from the same period on (:func:`.owed.first_day`)."""
    below = plan_children(plan.there_nodes)
    ids = {n.id for n in plan.added} | {n.id for n in plan.context}
    for c in plan.conflicts:
        if c.kind == "deleted_here":
            ids.update(subtree(below, c.key[1]))
    plan.made = there.journal.created_on(ids) if ids else {}


def carry_numbers(plan: MergePlan, there: Plan, node_ids) -> None:
    """Every current number of ``node_ids`` there, to be written where they are made (or kept) here."""
    for node_id, rows in there.actuals.between("", "9999-12-31", node_ids).items():
        for a in rows:
            plan.numbers[(node_id, a.period)] = (a.actual, a.target, a.comment)


def _as_here(plan: MergePlan, name: str, value, added_there: set[int]):
    """A field's value there as it reads here: the measure a goal serves by its id here (one made there has
    none yet: it differs from any here)."""
    if name != "serves_id" or value is None:
        return value
    here = here_id_of(plan, value, added_there)
    return object() if here is None else here


def plan_changes(plan: MergePlan, theirs: Diff, here: Side, there: Tree) -> None:
    """Sort the changes made there into those to take and the conflicts with what was done here."""
    plan.there_nodes = there.nodes
    added_there = {c.node.id for c in theirs.nodes if c.change == "added"}
    plan.new_there |= added_there

    def conflict(key, kind, node, what, here_value, there_value) -> None:
        company, department = (here_value, there_value) if plan.direction == MERGE else (there_value, here_value)
        plan.conflicts.append(Conflict(key, kind, node.code, node.title, what, company, department))

    alive: set[int] = set()
    for change in theirs.nodes:
        node = change.node
        if change.change == "added":
            mine = plan.same_node(node.id)
            if mine is not None and mine in here.nodes:  # deleted there, kept here, and made there again (an undo):
                alive.add(node.id)                       # the same node, as it stands here — no news
                continue
            gone = _gone_above(plan, there, here, node, added_there)
            if gone is None:
                plan.added.append(node)
            else:                                      # made under a branch deleted here: it comes back, or not
                conflict(("node", gone.id), "deleted_here", gone, "", None, gone.code)
            continue
        cid = here_id_of(plan, node.id, added_there)
        changed_here = here.fields.get(cid, {})
        gone_here = cid is None or cid not in here.nodes
        if change.change == "removed":
            if gone_here:
                continue                               # deleted on both sides
            if ("node", cid) not in plan.answered and (changed_here or cid in here.moved or cid in here.holding
                                                       or cid in here.numbered):
                conflict(("node", cid), "deleted_there", node, "", here.nodes[cid].code, None)
            else:
                plan.removed.append(cid)
            continue
        if gone_here:                                  # it comes back from the top of what was deleted here
            top = _gone_above(plan, there, here, node, added_there) or node
            conflict(("node", top.id), "deleted_here", top, "", None, top.code)
            continue
        moved_out = cid not in here.part             # its place is a conflict; its fields are news all the same
        if moved_out and ("node", cid) in plan.answered and change.change == "moved":
            moved_out = False                          # (decided by the last sync the other way: it moves)
        elif moved_out:
            conflict(("node", cid), "moved_out", node, "", here.nodes[cid].parent_id, node.parent_id)
        for name, _old, new in change.fields:
            if name not in EDITABLE:
                continue
            if (name in changed_here and changed_here[name] != _as_here(plan, name, new, added_there)
                    and ("field", cid, name) not in plan.answered):
                conflict(("field", cid, name), "field", node, name, changed_here[name], new)
            elif name not in changed_here or ("field", cid, name) in plan.answered:
                plan.edits.setdefault(cid, {})[name] = new
        if change.change == "moved" and not moved_out:
            parent_there = there.nodes[node.id].parent_id
            siblings = [c.id for c in there.kids(parent_there)]
            gone = _gone_above(plan, there, here, node, added_there)
            if gone is not None:                       # moved under a branch deleted here: it comes back, or not
                conflict(("node", gone.id), "deleted_here", gone, "", None, gone.code)
                plan.moved_in.add(node.id)
            elif (cid in here.moved and here.nodes[cid].parent_id != here_id_of(plan, parent_there, added_there)
                  and ("move", cid) not in plan.answered):
                conflict(("move", cid), "moved_both", node, "", here.nodes[cid].parent_id, parent_there)
            else:
                plan.moves[cid] = (parent_there, siblings.index(node.id))
    for block in theirs.actuals:
        if block.node.id in alive:
            continue
        for period, old, new in block.values:
            cid = here_id_of(plan, block.node.id, added_there)
            if cid is None and block.node.id not in plan.new_there:
                continue                               # no node here, none made: another node there stands for it
            if (cid is not None and cid not in here.nodes and block.node.id in there.nodes
                    and block.node.id not in plan.new_there):
                top = _gone_above(plan, there, here, block.node, added_there) or block.node
                conflict(("node", top.id), "deleted_here", top, "", None, top.code)
                break                                  # a number typed on it there: it comes back with its numbers
            if cid is not None and (cid, period) in here.numbers and here.numbers[(cid, period)] != new:
                kept, taken, clash = _merged_value(here.numbers_then.get((cid, period)), here.numbers[(cid, period)],
                                                     old, new)
                if clash and ("actual", cid, period) in plan.answered:
                    kept = new                         # decided the other way by the last sync that way: as there
                elif clash:                            # each side's choice keeps the other side's other fields
                    conflict(("actual", cid, period), "actual", block.node, period, kept, taken)
                    continue
                new = kept
            plan.numbers[(block.node.id, period)] = new           # written where the node is (or comes back)
    _topmost_comebacks(plan, there)
    _topmost_deletions(plan, here)


def _merged_value(then_here: tuple | None, here: tuple | None, then_there: tuple | None, there: tuple | None
                  ) -> tuple[tuple | None, tuple | None, bool]:
    """A period's numbers changed on both sides since the common point, merged field by field (actual,
    target, comment): a field one side changed takes that side's value. ``(as kept here, as taken from
    there, whether a field was changed on both sides to different values)``; without a clash both are the
    same. A period deleted on one side merges with nothing."""
    if here is None or there is None:
        return here, there, True
    base_here = then_here if then_here is not None else (None, None, "")
    base_there = then_there if then_there is not None else (None, None, "")
    mine, theirs, clash = [], [], False
    for h, b_h, t, b_t in zip(here, base_here, there, base_there, strict=True):
        here_changed, there_changed = h != b_h, t != b_t
        if here_changed and there_changed and h != t:
            clash = True
            mine.append(h)
            theirs.append(t)
        else:
            mine.append(t if there_changed else h)
            theirs.append(t if there_changed else h)
    return tuple(mine), tuple(theirs), clash


def _gone_above(plan: MergePlan, there: Tree, here: Side, node: Node, added_there: set[int]) -> Node | None:
    """For a node made there: the topmost node above it that is there but was deleted here (None: its place
    is here)."""
    gone = None
    parent = node.parent_id
    while parent is not None and parent in there.nodes:
        if parent not in added_there:               # (one made there too: look above it)
            cid = here_id_of(plan, parent, added_there)
            if cid is not None and cid in here.nodes:
                break
            gone = there.nodes[parent]
        parent = there.nodes[parent].parent_id
    return gone


def _topmost_comebacks(plan: MergePlan, there: Tree) -> None:
    """A subtree deleted here comes back whole from its top: its lower nodes are not conflicts of their own."""
    back = {c.key[1] for c in plan.conflicts if c.kind == "deleted_here"}
    seen: set[tuple] = set()
    kept = []
    for c in plan.conflicts:
        if c.kind == "deleted_here" and (c.key in seen or any(a.id in back for a in there.ancestors(c.key[1]))):
            continue
        seen.add(c.key)
        kept.append(c)
    plan.conflicts = kept


def _topmost_deletions(plan: MergePlan, here: Side) -> None:
    """A branch deleted there with something new here below it is one decision, at its top: the conflicts of
    the nodes below it (their deletion, their numbers) and their plain removals go with it — kept, the whole
    branch stays; taken, it goes whole."""
    tops = {c.key[1] for c in plan.conflicts if c.kind == "deleted_there"}
    if not tops:
        return

    def below(cid: int) -> bool:
        above = here.nodes[cid].parent_id if cid in here.nodes else None
        while above is not None:
            if above in tops:
                return True
            above = here.nodes[above].parent_id if above in here.nodes else None
        return False

    under = {cid for cid in here.nodes if below(cid)}

    def gone_with(cid: int) -> bool:           # (a node still there elsewhere keeps its own decisions)
        there_id = there_id_of(plan, cid)
        return (cid in tops or cid in under) and (there_id is None or there_id not in plan.there_nodes)

    plan.conflicts = [c for c in plan.conflicts if not (c.kind == "deleted_there" and c.key[1] in under)
                      and not (c.key[0] == "actual" and gone_with(c.key[1]))]
    plan.removed = [cid for cid in plan.removed if cid not in under]
    plan.numbers = {key: value for key, value in plan.numbers.items()     # (a node still there elsewhere keeps them)
                    if key[0] in plan.there_nodes or here_id_of(plan, key[0], plan.new_there) not in tops | under}


def apply(company: Plan, plan: MergePlan, choices: dict[tuple, str] | None = None, prefer: str | None = None,
          reason: str = "") -> ChangeSet:
    """Write the merge as one journaled batch. Each conflict takes ``choices[key]`` (``company`` or
    ``department``), else ``prefer``; an unresolved conflict refuses the whole merge (ValidationError),
    nothing written."""
    taken = chosen(plan, choices, prefer)
    origin = plan.origin
    why = reason or _("merge {file} ({unit})").format(file=plan.source.name, unit=origin.unit_code)
    with company.batch("merge", why) as changes:
        ids = write(company, plan, taken)
        sibling_order.follow(company, plan, ids)
        records = sync.merges(company)
        before = records.get(origin.fork_id, {})
        records[origin.fork_id] = {"dept_batch": plan.dept_batch, "company_batch": changes.batch_id,
                                   "batches": [*before.get("batches", []), changes.batch_id],
                                   "ids": sync.recorded_ids(ids, plan.same_ids), "unit": origin.unit_code,
                                   "file": plan.source.name, "kept": decisions.kept_keys(plan, taken)}
        company.meta.set(MERGES_KEY, json.dumps(records, ensure_ascii=False, sort_keys=True))
    plan.written_ids = ids                             # the department's unit and nodes as they are here now
    return changes


def chosen(plan: MergePlan, choices: dict[tuple, str] | None, prefer: str | None) -> set[tuple]:
    """The conflicts whose "there" value is taken; ValidationError while any conflict is unresolved."""
    choices = dict(choices or {})
    open_ = [c for c in plan.conflicts if choices.get(c.key, prefer) not in (COMPANY, DEPARTMENT)]
    if open_:
        raise ValidationError(_("{n} conflict(s) to resolve first (keep company or take department); nothing was "
                                "changed").format(n=len(open_)))
    return {c.key for c in plan.conflicts if choices.get(c.key, prefer) == plan.there_side}


