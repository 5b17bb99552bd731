"""Named versions, the state of the plan at any point, comparison with impact, and restore.

A version is a point in the batch sequence, not a copy: the state at a version is the current nodes
with the journal after it undone, and the actuals valid then (actuals keep their own history).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import ValidationError
from .model import ALL_FIELDS, Node, Tree
from .periods import sort_key
from .store import Batch, Plan, Version

NOW = "now"


@dataclass(frozen=True)
class Point:
    """A state of the plan that can be compared: a named version or "now"."""

    label: str
    batch_id: int
    version: Version | None = None


def resolve(plan: Plan, name: str | None) -> Point:
    """``None`` or ``"now"`` → the current state; otherwise the version of that name (NotFoundError)."""
    if name is None or name == NOW:
        return Point(NOW, plan.last_batch_id())
    version = plan.version(name)
    return Point(version.name, version.batch_id, version)


def tree_at(plan: Plan, batch_id: int) -> Tree:
    """The plan's nodes as they were right after batch ``batch_id``."""
    if batch_id >= plan.last_batch_id():
        return plan.tree()
    nodes = plan.load_nodes_raw()
    for row in plan.journal(after_batch=batch_id, descending=True):
        if row.action == "create":
            nodes.pop(row.node_id, None)
        elif row.action == "delete":
            nodes[row.node_id] = dict(row.old)
        else:
            nodes[row.node_id][row.field] = row.old
    return Tree.build({i: Node.from_mapping(d) for i, d in nodes.items()})


@dataclass
class Impact:
    """What a change touches: the cascaded subtree below the node and the roll-ups above it."""

    below: list[Node] = field(default_factory=list)
    above: list[Node] = field(default_factory=list)   # parent first, the top objective last


def impact(tree: Tree, node_id: int) -> Impact:
    if node_id not in tree.nodes:
        return Impact()
    return Impact(below=tree.descendants(node_id), above=tree.ancestors(node_id))


@dataclass
class NodeChange:
    change: str                    # added / removed / moved / changed
    node: Node                     # the node as it is in B (as it was in A when removed)
    fields: list[tuple[str, object, object]] = field(default_factory=list)   # (field, old, new)
    old_parent: Node | None = None
    new_parent: Node | None = None
    impact: Impact = field(default_factory=Impact)


@dataclass
class ActualsChange:
    node: Node
    values: list[tuple[str, tuple | None, tuple | None]]   # (period, old, new); a value = (actual, target, comment)


@dataclass
class Diff:
    a: Point
    b: Point
    nodes: list[NodeChange]
    actuals: list[ActualsChange]
    batches: list[Batch]           # the batches between the two points, with their reasons

    @property
    def empty(self) -> bool:
        return not self.nodes and not self.actuals

    def counts(self) -> dict[str, int]:
        out = {"added": 0, "removed": 0, "moved": 0, "changed": 0}
        for c in self.nodes:
            out[c.change] += 1
        out["actuals"] = sum(len(a.values) for a in self.actuals)
        return out


_COMPARED = [f for f in ALL_FIELDS if f not in ("id", "parent_id", "position")]


def _longest_increasing(seq: list[int]) -> set[int]:
    """Indexes of one longest strictly increasing subsequence of ``seq`` (patience sorting)."""
    tails: list[int] = []          # index into seq of the smallest tail of each length
    back: list[int | None] = []
    for i, value in enumerate(seq):
        lo, hi = 0, len(tails)
        while lo < hi:
            mid = (lo + hi) // 2
            if seq[tails[mid]] < value:
                lo = mid + 1
            else:
                hi = mid
        back.append(tails[lo - 1] if lo else None)
        if lo == len(tails):
            tails.append(i)
        else:
            tails[lo] = i
    keep, i = set(), (tails[-1] if tails else None)
    while i is not None:
        keep.add(i)
        i = back[i]
    return keep


def _reordered(ta: Tree, tb: Tree, common: set[int]) -> set[int]:
    """Nodes that kept their parent but changed place among their siblings.

    Only the fewest nodes that explain the new order count as moved: moving one node to the front
    does not mark all the others.
    """
    out: set[int] = set()
    for parent, ids_b in tb.children.items():
        if parent is not None and parent not in common:
            continue
        stayed = [i for i in ids_b if i in common and ta.nodes[i].parent_id == parent]
        stayed_set = set(stayed)
        rank_a = {nid: r for r, nid in enumerate(i for i in ta.children.get(parent, []) if i in stayed_set)}
        seq = [rank_a[i] for i in stayed]
        keep = _longest_increasing(seq)
        out.update(nid for k, nid in enumerate(stayed) if k not in keep)
    return out


def compare(plan: Plan, a: Point, b: Point) -> Diff:
    """Everything that differs from state ``a`` to state ``b``, each change with its impact."""
    ta, tb = tree_at(plan, a.batch_id), tree_at(plan, b.batch_id)
    changes: list[NodeChange] = []
    common = ta.nodes.keys() & tb.nodes.keys()
    reordered = _reordered(ta, tb, common)
    for node, _ in tb.walk():
        if node.id not in ta.nodes:
            changes.append(NodeChange("added", node, impact=impact(tb, node.id),
                                      new_parent=tb.nodes.get(node.parent_id)))
            continue
        old = ta.nodes[node.id]
        diffs = [(f, getattr(old, f), getattr(node, f)) for f in _COMPARED if getattr(old, f) != getattr(node, f)]
        moved = old.parent_id != node.parent_id or node.id in reordered
        if moved or diffs:
            changes.append(NodeChange(
                "moved" if moved else "changed", node, diffs,
                old_parent=ta.nodes.get(old.parent_id), new_parent=tb.nodes.get(node.parent_id),
                impact=impact(tb, node.id),
            ))
    for node, _ in ta.walk():
        if node.id not in tb.nodes:
            changes.append(NodeChange("removed", node, impact=impact(ta, node.id),
                                      old_parent=ta.nodes.get(node.parent_id)))
    lo, hi = sorted((a.batch_id, b.batch_id))
    raw = plan.actual_changes(lo, hi)
    by_node: dict[int, list] = {}
    for (node_id, period), (at_lo, at_hi) in raw.items():
        old, new = (at_lo, at_hi) if a.batch_id <= b.batch_id else (at_hi, at_lo)
        by_node.setdefault(node_id, []).append((period, old, new))
    actuals = []
    for node_id, values in by_node.items():
        node = tb.nodes.get(node_id) or ta.nodes.get(node_id)
        if node is None:   # a node that exists in neither state (added and removed between them)
            continue
        values.sort(key=lambda v: sort_key(v[0]))
        actuals.append(ActualsChange(node, values))
    actuals.sort(key=lambda a_: a_.node.code)
    batches = [bt for bt in plan.batches() if lo < bt.id <= hi]
    return Diff(a, b, changes, actuals, batches)


def save_version(plan: Plan, name: str, reason: str) -> Version:
    """Freeze the current state under ``name``; a reason is required."""
    name, reason = (name or "").strip(), (reason or "").strip()
    if not name:
        raise ValidationError("a version needs a name")
    if name == NOW:
        raise ValidationError(f"{NOW!r} stands for the current state; choose another version name")
    if not reason:
        raise ValidationError("a version needs a reason: say why this state is worth keeping")
    with plan.batch("version", reason):
        return plan._insert_version(name, reason)


def changes_since_last_version(plan: Plan) -> Diff | None:
    """What changed since the newest version (None when there is no version yet)."""
    versions = plan.versions()
    if not versions:
        return None
    return compare(plan, resolve(plan, versions[-1].name), resolve(plan, NOW))


def restore(plan: Plan, name: str, reason: str) -> Diff:
    """Make the current plan equal to version ``name`` as one journaled batch; returns what changed.

    Nothing is rewritten: the restore is a new batch, so the history keeps every state.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("a restore needs a reason")
    point = resolve(plan, name)
    diff = compare(plan, resolve(plan, NOW), point)
    target = tree_at(plan, point.batch_id)
    current = plan.tree()
    with plan.batch("restore", f"{reason} (restored version {point.label!r})"):
        for node, _ in reversed(list(current.walk())):
            if node.id not in target.nodes:
                plan._delete_node_row(node)
        for node, _ in target.walk():
            if node.id not in current.nodes:
                plan._insert_node_row(node.as_dict())
        for node_id, wanted in target.nodes.items():
            have = current.nodes.get(node_id)
            if have is None:
                continue
            for f in ALL_FIELDS:
                if f not in ("id", "kind") and getattr(have, f) != getattr(wanted, f):
                    plan._set_node_field(have, f, getattr(wanted, f))
        raw = plan.actual_changes(point.batch_id, diff.a.batch_id)
        plan._restore_actuals({key: at_version for key, (at_version, _now) in raw.items()})
    return diff
