"""What a merge (or a refresh) would do, as data: the changes there to take, the conflicts with what was done
here, and how nodes there are named here (:func:`here_id_of`). Made by :mod:`.merge` (and :mod:`.refresh`),
written by :mod:`.merge_write`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .departments import Origin
from .model import Node

COMPANY, DEPARTMENT = "company", "department"
# Why a new node gets another code here (MergePlan.renumbered_why): another node here has its code (or gets it
# in this merge), a node here had it before (deleted or renamed: codes are never given twice), or its objective
# got another code.
CODE_TAKEN, CODE_USED, CODE_FOLLOWS = "taken", "used", "follows"
MERGE, REFRESH = "merge", "refresh"        # department → company, company → department
EDITABLE = ("code", "title", "description", "owner", "org_unit", "status", "unit", "baseline", "target", "due_date",
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
    """What merging a department file would do: its changes, its conflicts, nothing written yet.

    In a merge "here" is the company plan and "there" the department file; in a refresh (:mod:`.refresh`)
    the other way round. Node ids are "there" ids where the change is keyed by the node there, "here" ids
    where it is keyed by the node here.
    """

    source: Path
    origin: Origin
    dept_batch: int                                     # the department file's newest batch
    added: list[Node] = field(default_factory=list)     # nodes new there since, parents first
    removed: list[int] = field(default_factory=list)    # here ids deleted there
    edits: dict[int, dict[str, object]] = field(default_factory=dict)     # here id → field → value
    moves: dict[int, tuple[int, int]] = field(default_factory=dict)       # here id → (there parent id, index)
    numbers: dict[tuple[int, str], tuple | None] = field(default_factory=dict)   # (there node id, period) → value
    conflicts: list[Conflict] = field(default_factory=list)
    ids: dict[int, int] = field(default_factory=dict)   # there id → here id, known so far
    there_nodes: dict[int, Node] = field(default_factory=dict)
    direction: str = MERGE
    company_batch: int = 0                              # the company's newest batch read (a refresh's)
    context: list[Node] = field(default_factory=list)   # a refresh's: the company's chain above the unit now
    context_moved: bool = False                         # a refresh's: the unit serves another strategy now
    known: set[int] | None = None                       # a refresh's: the company ids the file was cut with
    new_there: set[int] = field(default_factory=set)    # there ids of nodes made there since (made here, or not)
    comebacks: dict[tuple[int, str], tuple] = field(default_factory=dict)  # numbers of branches that may come back
    written_ids: dict[int, int] = field(default_factory=dict)  # there id → here id, once written
    settings: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)  # a refresh's: key → (old, new)
    codes: dict[int, str] = field(default_factory=dict)   # a refresh's: department id → the code it takes
    made: dict[int, dt.date] = field(default_factory=dict)   # there id → the day it was first made (a copy keeps it)
    renumbered: dict[int, str] = field(default_factory=dict)  # a merge's: there id → the code a new node gets here
    renumbered_why: dict[int, str] = field(default_factory=dict)  # there id → CODE_TAKEN, CODE_USED or CODE_FOLLOWS
    codes_kept: dict[int, str] = field(default_factory=dict)  # a merge's: here id → a code renamed there, taken here
    moved_in: set[int] = field(default_factory=set)     # there ids moved there under a branch deleted here
    cut: set[int] = field(default_factory=set)          # a merge's: the ids the department file was cut with
    returning: dict[int, int] = field(default_factory=dict)   # there id of a new node → the node deleted here it is
    mapped_here: set[int] = field(default_factory=set)  # here ids another node there stands for now (ids' values)
    left: dict[int, str] = field(default_factory=dict)  # a refresh's: department id → where the company moved it
                                                        # out of the department's part (a code): it leaves the file
    unread_kept: list = field(default_factory=list)     # what the last sync this way kept here and no sync the
                                                        # other way has read yet (decisions.kept_keys): kept on record
    own_lists: set[int | None] = field(default_factory=set)  # parents here whose list of children this side changed
                                                        # since the other side last read it (sibling_order)
    answered: set[tuple] = field(default_factory=set)   # conflict keys here the last sync the other way decided,
                                                        # untouched here since (decisions.answered): taken, not asked

    @property
    def there_side(self) -> str:
        """Whose values "take" means: the department's in a merge, the company's in a refresh."""
        return DEPARTMENT if self.direction == MERGE else COMPANY

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.edits or self.moves or self.numbers or self.conflicts
                    or self.context_moved or self.settings)

    def counts(self) -> dict[str, int]:
        return {"added": len(self.added), "removed": len(self.removed), "edited": len(self.edits),
                "moved": len(self.moves), "numbers": len(self.numbers), "conflicts": len(self.conflicts)}

    @property
    def same_ids(self) -> set[int]:
        """The ids that name the same node in both files: those the department file was cut with (in a refresh,
        less those mapped to other nodes since)."""
        return self.known if self.known is not None else self.cut

    def parent_here(self, there_parent: int | None) -> int | None:
        """The id here of a parent there (None when it has none here): a move to it keeps a node under its parent
        here when that is the node's parent already — a new place among its siblings."""
        return None if there_parent is None else here_id_of(self, there_parent, self.new_there)

    def same_node(self, there_id: int) -> int | None:
        """The id here of the node there that is the same node on both sides (mapped, or cut with the file);
        None for one made there on its own."""
        return self.ids.get(there_id, there_id if there_id in self.same_ids else None)


def plan_children(nodes: dict[int, Node]) -> dict[int | None, list[Node]]:
    """Parent id → its children, in order."""
    out: dict[int | None, list[Node]] = {}
    for node in sorted(nodes.values(), key=lambda n: (n.position, n.id)):
        out.setdefault(node.parent_id, []).append(node)
    return out


def subtree(below: dict[int | None, list[Node]], top: int) -> list[int]:
    """``top`` and every node below it, parents first."""
    out, pending = [top], [top]
    while pending:
        kids = [k.id for k in below.get(pending.pop(0), [])]
        out += kids
        pending += kids
    return out


def there_id_of(plan: MergePlan, here_id: int) -> int | None:
    """The id there of a node here: mapped, or its own if the file was cut with it (and no other node there
    stands for it); None for a node the file there never had."""
    for there, here in plan.ids.items():
        if here == here_id:
            return there
    return here_id if here_id in plan.same_ids and here_id not in plan.mapped_here else None


def here_id_of(plan: MergePlan, there_id: int, added_there: set[int]) -> int | None:
    """The id here of a node there: carried over (mapped), new there since (None), else its own if the file
    was cut with it (:attr:`MergePlan.same_ids`) — another node of the same id is not the same node: each
    file numbers the nodes it makes on its own."""
    if there_id in plan.ids:
        return plan.ids[there_id]
    if there_id in added_there or there_id not in plan.same_ids:
        return None
    if there_id in plan.mapped_here:      # a node there made anew (a branch brought back) stands for it now
        return None
    return there_id


def may_come_back(plan: MergePlan, taken: set[tuple] | frozenset[tuple] | None = None) -> list[Node]:
    """The nodes there that a merge (refresh) may make here though the diff says they were made there: those
    new there (``plan.added``) and those of the kind below a branch deleted here that may come back (a
    deleted_here conflict; ``taken``: only those taken) — a node kept there by the last sync the other way
    is one (it comes back as itself: :attr:`MergePlan.returning`)."""
    below = plan_children(plan.there_nodes)
    out = list(plan.added)
    for c in plan.conflicts:
        if c.kind == "deleted_here" and (taken is None or c.key in taken):
            out += [plan.there_nodes[i] for i in subtree(below, c.key[1]) if i in plan.new_there]
    return out
