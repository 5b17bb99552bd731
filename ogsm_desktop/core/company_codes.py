"""One code for one node in the company plan and its department files: a refresh gives the department's
nodes the company's codes.

Each file gives codes on its own, so a node both sides made meanwhile can get the same code in each (both
add a measure under D1-S3: D1-S3-M2 on either side). The company's code is the one that counts: a merge
gives a department's node the next free code when the company gave its code to another node (see
:func:`.merge_write.add_copy`), and that merge is not read back by the refresh (nothing travels back to where
it came from: :mod:`.sync`), so the department has to be told. A refresh therefore gives every node of the
department's part that the company has its code there, unless the department renamed it itself since its
last merge (that rename is still to go to the company); and a node the department made that the company
does not have yet gives up a code the company has given to another node (it takes one free in both files).
A code a department node gives up that way, or a node it made let go of (deleted or renamed), goes to the
company's node that carries it: in a department file the department's own codes are provisional until
merged — the company's plan is the one that lasts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .merge_plan import MERGE, may_come_back
from .model import Kind, Node, Tree
from .storage import Plan
from .storage.journal import JournalRow

if TYPE_CHECKING:
    from .merge_plan import MergePlan


def plan_codes(plan: MergePlan, dept: Plan, dept_tree: Tree, company: Plan, company_part: list[Node],
               dept_ids: dict[int, int], renamed: list[JournalRow], foreign: frozenset[int]) -> None:
    """Fill ``plan.codes`` (department id → the code it is to carry) and show each as an edit of the code.
    ``dept_ids``: company id → department id of the nodes of the part both have; ``renamed``: the
    department's journal rows since its last merge, ``foreign`` its refreshes among them: a code it renamed
    since (and not back: an undone refresh is no rename) is still to go to the company."""
    then: dict[int, object] = {}
    last: dict[int, bool] = {}
    for row in renamed:
        if row.action == "update" and row.field == "code":
            then.setdefault(row.node_id, row.old)
            last[row.node_id] = row.batch_id not in foreign
    own = {n for n, mine in last.items() if mine and n in dept_tree.nodes and dept_tree.nodes[n].code != then[n]}
    claimed = {n.code for n in company_part}                          # the company's codes of the part
    # A rename the department's last merge read was answered there (taken, or kept the company's way): the
    # company's code counts, it is no conflict again.
    plan.conflicts = [c for c in plan.conflicts if not (c.key[0] == "field" and c.key[2] == "code"
                                                        and c.key[1] not in own)]
    conflicts = {c.key[1] for c in plan.conflicts if c.key[0] == "field" and c.key[2] == "code"}
    for node in company_part:
        dept_id = dept_ids.get(node.id)
        mine = dept_tree.nodes.get(dept_id) if dept_id is not None else None
        if (mine is None or mine.code == node.code or dept_id in own or dept_id in conflicts
                or dept_id in plan.removed or "code" in plan.edits.get(dept_id, {})):
            continue
        plan.codes[dept_id] = node.code
    known = set(plan.ids.values()) | (plan.known or set())          # the department's nodes the company has
    # A node the company deleted is deleted here after the company's new nodes are made: carrying a code the
    # company has given another node, it gives it up first, as a node the company does not have yet does (in
    # plan.codes, not shown as an edit of a node that goes), and the company's node finds its code free.
    leaving = set(plan.removed)
    avoid = set(claimed)
    for mine, _depth in dept_tree.walk(plan.origin.unit_id):
        if (mine.id in known and mine.id not in leaving) or mine.code not in claimed:
            continue                                 # the company's node, or a code the company has not given
        code = dept.nodes.codes.suggest(mine.parent_id, mine.kind, frozenset(avoid))
        while company.nodes.codes.node_ids(code):     # free in both files: the merge keeps it
            avoid.add(code)
            code = dept.nodes.codes.suggest(mine.parent_id, mine.kind, frozenset(avoid))
        avoid.add(code)
        plan.codes[mine.id] = code
    for dept_id, code in plan.codes.items():
        if dept_id not in leaving:                   # (a node deleted gives its code up unseen: no edit to show)
            plan.edits.setdefault(dept_id, {})["code"] = code


def take_codes(dept: Plan, plan: MergePlan, taken: frozenset[tuple] | set[tuple] = frozenset()) -> None:
    """Give the department's nodes the codes the refresh gives them — those of ``plan.codes``, the company's
    renames (the edits), and the company's code of each code conflict taken the company's way (``taken``) —
    inside the refresh's batch, before the company's new nodes are made, so that they find their codes free.
    A code goes to its node once no node carries it any more; the code of a node renamed here is let go when
    the company has given it to another node (a rename the company made is no different from a code it gave:
    written later as a plain edit it would find its code still held, and be dropped). (Two nodes whose codes
    the company swapped keep theirs here.)"""
    pending = plan.codes | {dept_id: fields["code"] for dept_id, fields in plan.edits.items() if fields.get("code")}
    for c in plan.conflicts:
        if c.key in taken and c.key[0] == "field" and c.key[2] == "code" and c.company:
            pending[c.key[1]] = c.company
    renamed: set[int] = set()
    moving = True
    while pending and moving:
        moving = False
        for dept_id, code in list(pending.items()):
            holders = dept.nodes.codes.node_ids(code)
            if (holders and holders != [dept_id] and holders[0] not in renamed
                    and not _no_longer_carried(dept, holders[0], code)):
                continue                             # carried here by a node still to be renamed, or for good
            if holders and holders != [dept_id]:
                dept.nodes.codes.release(code)
            dept.nodes.update(dept_id, code=code)
            renamed.add(dept_id)
            del pending[dept_id]
            moving = True
    for node in may_come_back(plan, taken):          # the company's new nodes, with the codes they have there
        holders = dept.nodes.codes.node_ids(node.code)
        if holders and (holders[0] in renamed or _no_longer_carried(dept, holders[0], node.code)):
            dept.nodes.codes.release(node.code)


def _no_longer_carried(dept: Plan, node_id: int, code: str) -> bool:
    """Whether ``node_id`` no longer carries ``code`` (deleted, or renamed) in the department file. A code the
    company gives a node (its own code, or a new node's) was never another company node's (the company reuses
    none), so such a holder had it as the department's own — a node it made, or a rename it gave a node the
    company has, merged or not (a merge may have given its copy another code): it goes to the company's node
    (a copy an undone refresh made, gone, among them)."""
    now = dept.nodes.some([node_id]).get(node_id)
    return now is None or now.code != code


def codes_made(target: Plan, plan: MergePlan, taken: frozenset[tuple] | set[tuple] | None = None) -> dict[int, str]:
    """The code each node made there (``plan.added``, parents first) gets when it is made in ``target``: its
    own, unless a node here has carried it (codes are never reused) or the edits give it to a node renamed
    there — then the next free one under its parent here. In a merge, a node under a parent that got another
    code takes one under that code, as its parent's children there carry their parent's (in a refresh the
    company's codes count: a code free in the department file is kept). By id there; the merge's preview
    shows them (not knowing yet which side of a code conflict is taken: either value is kept clear), its
    writing gives them (:func:`.merge_write.write`, ``taken``: the conflicts taken from there — the side a code
    conflict leaves is free for a new node, when no node here has carried it)."""

    codes = target.nodes.codes
    out: dict[int, str] = {}
    level: dict[int, int] = {}                       # objectives on a new node's chain, itself included
    # codes the merge's edits give nodes there renamed (a conflict's either value): not for a new node
    given = {fields["code"] for fields in plan.edits.values() if fields.get("code")}
    for c in plan.conflicts:
        if c.key[0] == "field" and c.key[2] == "code":
            there, here = (c.department, c.company) if plan.direction == MERGE else (c.company, c.department)
            sides = (there, here) if taken is None else (there,) if c.key in taken else (here,)
            given |= {value for value in sides if value}
    for node in plan.added:
        if node.parent_id in out:
            parent_code, above = out[node.parent_id], level[node.parent_id]
            there_parent = plan.there_nodes.get(node.parent_id)
            renamed = (plan.direction == MERGE and there_parent is not None and there_parent.code != parent_code
                       and node.code.startswith(there_parent.code + "-"))
        else:
            here = plan.ids.get(node.parent_id, node.parent_id)
            parent = target.nodes.some([here]).get(here) if here is not None else None
            parent_code, above, renamed = (parent.code if parent else ""), codes.objectives_above(here), False
        taken = frozenset(out.values()) | given
        held = codes.node_ids(node.code)
        if node.id in plan.returning and held in ([], [plan.returning[node.id]]):
            out[node.id] = node.code                 # a node deleted here coming back as itself, with its code
        elif node.kind is Kind.OBJECTIVE and (node.code in taken or held):
            out[node.id] = codes.suggest_like(node.code, above, taken)       # P1 → P2, not its depth's T1
        elif renamed or node.code in taken or held:
            out[node.id] = codes.suggest_at(parent_code, above, node.kind, taken)
        else:
            out[node.id] = node.code
        level[node.id] = above + (node.kind is Kind.OBJECTIVE)
    return out
