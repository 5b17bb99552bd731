"""Bringing a department plan file back into the company plan: a three-way merge from the journals.

The department's changes are what its journal recorded since the cut (or since its last merge), the
company's are what the company's journal recorded since the fork (or since that merge) — both read with
:func:`versions.compare`, which replays the journal between two points. A department change the company
did not touch is taken; where both changed the same thing differently — the same field, the same period's
number, a node edited there but deleted here, a node moved here out of the department's part — it is a
:class:`Conflict` with both values, resolved by the user (keep company / take department). Nothing is
written by :func:`preview`; :func:`apply` writes one journaled batch and records, in the same batch, how
far the department file has been merged, so merging the same file again changes nothing and a later file
of the same department brings only what is new.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .changes import ChangeSet
from .departments import MERGES_KEY, Origin, origin_of, plan_identity
from .errors import PlanFileError, ValidationError
from .i18n import _
from .model import Node, Tree
from .storage import Plan
from .versions import Diff, Point, compare

COMPANY, DEPARTMENT = "company", "department"
_EDITABLE = ("code", "title", "description", "owner", "org_unit", "status", "unit", "baseline", "target", "due_date",
             "direction", "frequency", "amber", "red", "weight", "streak", "alerts_off", "aggregation",
             "target_mode", "serves_id", "serves_title", "serves_target")


@dataclass(frozen=True)
class Conflict:
    """The same thing changed on both sides since the last common point."""

    key: tuple                 # ("field", node, field) | ("node", node) | ("actual", node, period)
    kind: str                  # field | deleted_here | moved_out | actual
    code: str
    title: str
    what: str                  # the field, the period, or "" for the node itself
    company: object            # the value here (None: deleted here)
    department: object         # the value in the department file


@dataclass
class MergePlan:
    """What merging a department file would do: its changes, its conflicts, nothing written yet."""

    source: Path
    origin: Origin
    dept_batch: int                                     # the department file's newest batch
    added: list[Node] = field(default_factory=list)     # department nodes new since, parents first
    removed: list[int] = field(default_factory=list)    # company ids the department deleted
    edits: dict[int, dict[str, object]] = field(default_factory=dict)     # company id → field → value
    moves: dict[int, tuple[int, int]] = field(default_factory=dict)       # company id → (dept parent id, index)
    numbers: dict[tuple[int, str], tuple | None] = field(default_factory=dict)   # (dept node id, period) → value
    conflicts: list[Conflict] = field(default_factory=list)
    ids: dict[int, int] = field(default_factory=dict)   # department id → company id, known so far
    dept_nodes: dict[int, Node] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.edits or self.moves or self.numbers or self.conflicts)

    def counts(self) -> dict[str, int]:
        return {"added": len(self.added), "removed": len(self.removed), "edited": len(self.edits),
                "moved": len(self.moves), "numbers": len(self.numbers), "conflicts": len(self.conflicts)}


def _records(company: Plan) -> dict:
    text = company.meta.get(MERGES_KEY)
    try:
        return json.loads(text) if text else {}
    except ValueError:
        raise PlanFileError(_("{where}: the record of merged department files is damaged").format(
            where=company.path)) from None


def _check(company: Plan, dept: Plan, path: Path) -> Origin:
    origin = origin_of(dept)
    if origin is None:
        raise ValidationError(_("{path} is not a department plan file (File → Export department plan… writes "
                                "one)").format(path=path))
    if origin.plan_id != plan_identity(company):
        raise ValidationError(_("{path} is a department file of another plan ({name}); nothing was "
                                "changed").format(path=path, name=origin.plan_name or "?"))
    if not company.nodes.exists(origin.unit_id):
        raise ValidationError(_("the department {code} of {path} no longer exists in this plan (it was deleted "
                                "here); nothing was changed").format(code=origin.unit_code, path=path))
    return origin


def preview(company: Plan, path: str | Path) -> MergePlan:
    """What merging the department file at ``path`` would change, and its conflicts; writes nothing."""
    path = Path(path)
    with Plan.open(path, readonly=True) as dept:
        origin = _check(company, dept, path)
        record = _records(company).get(origin.fork_id, {})
        dept_base = int(record.get("dept_batch", origin.start_batch))
        company_base = int(record.get("company_batch", origin.fork_batch))
        dept_last = dept.journal.last_batch_id()
        plan = MergePlan(path, origin, dept_last, ids={int(k): int(v) for k, v in record.get("ids", {}).items()})
        if dept_last <= dept_base:
            return plan
        theirs = compare(dept, Point("base", dept_base), Point("now", dept_last))
        dept_tree = dept.nodes.tree()
    ours = _company_side(company, company_base, origin.unit_id,
                         {plan.ids.get(i, i) for i in dept_tree.nodes} | {c.node.id for c in theirs.nodes})
    _plan(plan, theirs, ours, dept_tree)
    return plan


@dataclass
class _Here:
    """What the company did since the last common point, for the department's nodes only — read from the
    company's journal by node (its whole tree is not read: thirty merges into a big plan stay quick)."""

    part: set[int]                                    # the department's part as it is here now
    nodes: dict[int, Node]                            # those of the asked-for nodes that exist here
    fields: dict[int, dict[str, object]]              # node → field → its value now, for fields changed here
    moved: set[int]                                   # nodes given another parent here
    numbers: dict[tuple[int, str], tuple | None]      # (node, period) → value now, changed here


def _company_side(company: Plan, base: int, unit_id: int, ids: set[int]) -> _Here:
    part = set(company.nodes.subtree_ids(unit_id))
    wanted = ids | part
    nodes = company.nodes.some(wanted)
    fields: dict[int, dict[str, object]] = {}
    moved: set[int] = set()
    for row in company.journal.rows(after_batch=base, node_ids=wanted):
        if row.action == "update":
            fields.setdefault(row.node_id, {})[row.field] = row.new
        elif row.action == "move" and row.field == "parent_id":
            moved.add(row.node_id)
    for node_id, changed in fields.items():           # a field changed and changed back is no change
        if node_id in nodes:
            fields[node_id] = {f: getattr(nodes[node_id], f) for f in changed}
    last = company.journal.last_batch_id()
    numbers = {key: now for key, (_then, now) in company.actuals.changes_between(base, last).items() if key[0] in wanted}
    return _Here(part, nodes, fields, moved, numbers)


def _company_id(plan: MergePlan, dept_id: int, added_there: set[int]) -> int | None:
    """The company id of a department node: merged before (mapped), new since (None), else its own — the
    file was cut with the company's ids."""
    if dept_id in plan.ids:
        return plan.ids[dept_id]
    return None if dept_id in added_there else dept_id


def _plan(plan: MergePlan, theirs: Diff, here: _Here, there: Tree) -> None:
    origin = plan.origin
    plan.dept_nodes = there.nodes
    added_there = {c.node.id for c in theirs.nodes if c.change == "added"}
    for change in theirs.nodes:
        node = change.node
        if node.id in origin.context:
            continue                                   # locked in the file: never changed there
        if change.change == "added":
            plan.added.append(node)
            continue
        cid = _company_id(plan, node.id, added_there)
        changed_here = here.fields.get(cid, {})
        gone_here = cid is None or cid not in here.nodes
        if change.change == "removed":
            if gone_here:
                continue                               # deleted on both sides
            if changed_here or cid in here.moved:
                plan.conflicts.append(Conflict(("node", cid), "deleted_there", node.code, node.title, "",
                                               here.nodes[cid].code, None))
            else:
                plan.removed.append(cid)
            continue
        if gone_here:
            plan.conflicts.append(Conflict(("node", node.id), "deleted_here", node.code, node.title, "", None,
                                           node.code))
            continue
        if cid not in here.part:
            plan.conflicts.append(Conflict(("node", cid), "moved_out", node.code, node.title, "",
                                           here.nodes[cid].parent_id, node.parent_id))
            continue
        for name, _old, new in change.fields:
            if name not in _EDITABLE:
                continue
            if name in changed_here and changed_here[name] != new:
                plan.conflicts.append(Conflict(("field", cid, name), "field", node.code, node.title, name,
                                               changed_here[name], new))
            elif name not in changed_here:
                plan.edits.setdefault(cid, {})[name] = new
        if change.change == "moved":
            parent_there = there.nodes[node.id].parent_id
            siblings = [c.id for c in there.kids(parent_there)]
            if cid in here.moved and here.nodes[cid].parent_id != _company_id(plan, parent_there, added_there):
                plan.conflicts.append(Conflict(("move", cid), "moved_both", node.code, node.title, "",
                                               here.nodes[cid].parent_id, parent_there))
            else:
                plan.moves[cid] = (parent_there, siblings.index(node.id))
    for block in theirs.actuals:
        for period, _old, new in block.values:
            cid = _company_id(plan, block.node.id, added_there)
            if cid is not None and (cid, period) in here.numbers and here.numbers[(cid, period)] != new:
                plan.conflicts.append(Conflict(("actual", cid, period), "actual", block.node.code,
                                               block.node.title, period, here.numbers[(cid, period)], new))
            else:
                plan.numbers[(block.node.id, period)] = new       # written where the node is (or comes back)
    _topmost_comebacks(plan, there)


def _topmost_comebacks(plan: MergePlan, there: Tree) -> None:
    """A subtree deleted here comes back whole from its top: its lower nodes are not conflicts of their own."""
    back = {c.key[1] for c in plan.conflicts if c.kind == "deleted_here"}
    plan.conflicts = [c for c in plan.conflicts if c.kind != "deleted_here"
                      or not any(a.id in back for a in there.ancestors(c.key[1]))]


def apply(company: Plan, plan: MergePlan, choices: dict[tuple, str] | None = None, prefer: str | None = None,
          reason: str = "") -> ChangeSet:
    """Write the merge as one journaled batch. Each conflict takes ``choices[key]`` (``company`` or
    ``department``), else ``prefer``; an unresolved conflict refuses the whole merge (ValidationError),
    nothing written."""
    choices = dict(choices or {})
    open_ = [c for c in plan.conflicts if choices.get(c.key, prefer) not in (COMPANY, DEPARTMENT)]
    if open_:
        raise ValidationError(_("{n} conflict(s) to resolve first (keep company or take department); nothing was "
                                "changed").format(n=len(open_)))
    taken = {c.key for c in plan.conflicts if choices.get(c.key, prefer) == DEPARTMENT}
    origin = plan.origin
    ids = dict(plan.ids)
    why = reason or _("merge {file} ({unit})").format(file=plan.source.name, unit=origin.unit_code)
    with company.batch("merge", why) as changes:
        for node in plan.added:                                        # parents first
            ids[node.id] = _add(company, node, ids.get(node.parent_id, node.parent_id)).id
        for cid, fields in plan.edits.items():
            company.nodes.update(cid, **_without_taken_codes(company, cid, fields))
        for key in taken:
            conflict = next(c for c in plan.conflicts if c.key == key)
            _take(company, plan, conflict, ids)
        for cid, (dept_parent, index) in plan.moves.items():
            company.nodes.move(cid, ids.get(dept_parent, dept_parent), index)
        for cid in plan.removed:
            if company.nodes.exists(cid):
                company.nodes.delete(cid)
        numbers = {}
        for (dept_id, period), value in plan.numbers.items():
            cid = ids.get(dept_id, dept_id)
            if company.nodes.exists(cid):
                numbers[(cid, period)] = value
        for c in plan.conflicts:
            if c.key[0] == "actual" and c.key in taken:
                numbers[(c.key[1], c.key[2])] = c.department
        if numbers:
            company.actuals.restore_values(numbers)
        records = _records(company)
        records[origin.fork_id] = {"dept_batch": plan.dept_batch, "company_batch": changes.batch_id,
                                   "ids": {str(k): v for k, v in ids.items() if k != v}, "unit": origin.unit_code,
                                   "file": plan.source.name}
        company.meta.set(MERGES_KEY, json.dumps(records, ensure_ascii=False, sort_keys=True))
    return changes


def _code_free(company: Plan, code: str, node_id: int | None) -> bool:
    """Whether ``node_id`` (None: a new node) may carry ``code`` here: codes are never reused."""
    return company.nodes.codes.node_ids(code) in ([], [node_id])


def _add(company: Plan, node: Node, parent_id: int | None) -> Node:
    """A department's node made here, at its place among its siblings there; its code kept unless the
    company has given it meanwhile (then the next free code)."""
    values = {f: getattr(node, f) for f in _EDITABLE if f != "code"}
    code = node.code if _code_free(company, node.code, None) else None
    return company.nodes.add(parent_id, node.kind, node.position, code=code, **values)


def _without_taken_codes(company: Plan, cid: int, fields: dict) -> dict:
    """A code the department gave that the company has given meanwhile to another node stays as it is here."""
    code = fields.get("code")
    if code is not None and not _code_free(company, code, cid):
        fields = {k: v for k, v in fields.items() if k != "code"}
    return fields


def _take(company: Plan, plan: MergePlan, conflict: Conflict, ids: dict[int, int]) -> None:
    kind = conflict.kind
    if kind == "field":
        _key, cid, name = conflict.key
        company.nodes.update(cid, **_without_taken_codes(company, cid, {name: conflict.department}))
    elif kind == "deleted_there":
        company.nodes.delete(conflict.key[1])
    elif kind == "deleted_here":              # the department's node comes back, with what is below it there
        dept_id = conflict.key[1]
        for node in [plan.dept_nodes[dept_id], *_below(plan.dept_nodes, dept_id)]:
            parent = ids.get(node.parent_id, node.parent_id)
            if not company.nodes.exists(parent):
                raise ValidationError(_("{code} cannot come back: the node it was under is gone here too").format(
                    code=node.code))
            ids[node.id] = _add(company, node, parent).id
    elif kind in ("moved_out", "moved_both"):
        cid = conflict.key[1]
        parent = ids.get(conflict.department, conflict.department)
        company.nodes.move(cid, parent)


def _below(nodes: dict[int, Node], node_id: int) -> list[Node]:
    out, pending = [], [node_id]
    while pending:
        parent = pending.pop(0)
        children = sorted((n for n in nodes.values() if n.parent_id == parent), key=lambda n: n.position)
        out += children
        pending += [c.id for c in children]
    return out
