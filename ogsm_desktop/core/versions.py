"""Named versions, the state of the plan at any point, comparison with impact, and restore.

A version is a point in the batch sequence, not a copy: the state at a version is the current nodes
with the journal after it undone, and the actuals valid then (actuals keep their own history).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache

from .errors import ValidationError
from .i18n import _, quoted
from .model import ALL_FIELDS, FIELD_INDEX, NODE_DEFAULTS, Node, Tree, node_fields, node_from_fields
from .perf import paused_gc
from .periods import sort_key
from .storage import Batch, Plan, Version
from .storage.plan import FILE_KEYS

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
        return Point(NOW, plan.journal.last_batch_id())
    version = plan.versions.get(name)
    return Point(version.name, version.batch_id, version)


def tree_at(plan: Plan, batch_id: int, current: Tree | None = None) -> Tree:
    """The plan's nodes as they were right after batch ``batch_id``.

    Built on the current tree (``current``, when the caller has read it already; it is not changed): the
    journal after that batch is undone node by node, and only the nodes and child lists it touches are
    replaced, so the cost follows the size of the change.
    """
    return _rebuilt(plan, batch_id, current or plan.nodes.tree())[0]


def _rebuilt(plan: Plan, batch_id: int, current: Tree, upto: int | None = None) -> tuple[Tree, dict, dict]:
    """:func:`tree_at`, built on ``current``: the state right after batch ``upto`` (by default the plan now);
    the nodes the journal touched in between (their ids are the keys); and for each node kept from
    ``current``, the fields the journal changed as bits of :data:`FIELD_INDEX` (``ANY``: a node brought back
    from its deletion): its other fields are those of ``current``'s node."""
    if batch_id >= (plan.journal.last_batch_id() if upto is None else upto):
        return current, {}, {}
    with paused_gc():
        edited: dict[int, dict | None] = {}   # node id → its fields then, or None: it did not exist
        named: dict[int, int] = {}            # plain ints, not sets: nothing for the cycle collector to walk
        nodes_now = current.nodes
        bits_of, placing, new_node = _BITS.get, _PLACING, object.__new__
        undo = plan.journal.undo_rows(batch_id, upto)        # node by node, each node's newest row first
        for node_id, action, field_name, old in zip(undo.node_ids, undo.actions, undo.fields, undo.olds, strict=True):
            bit = bits_of(field_name)
            if bit is not None and action != "delete":      # a field's update or move (the most rows)
                values = edited.get(node_id)
                if values is None:
                    values = edited[node_id] = node_fields(nodes_now[node_id])
                    named[node_id] = bit
                else:
                    named[node_id] |= bit
                values[field_name] = old
            elif action == "create":
                edited[node_id] = None
            elif action == "delete":   # as journaled: read as a node only if it is in the state asked for
                edited[node_id] = {name: old.get(name, NODE_DEFAULTS.get(name)) for name in ALL_FIELDS}
                named[node_id] = ANY
        if not edited:
            return current, edited, named
        nodes = dict(nodes_now)
        by_parent: dict[int | None, set[int]] = {}
        affected: set[int | None] = set()         # parents whose children are others, or in another order
        for nid, values in edited.items():
            if values is None:
                now = nodes_now.get(nid)
                nodes.pop(nid, None)
                if now is not None:
                    affected.add(now.parent_id)
                continue
            bits = named[nid]
            if bits == ANY:                       # journaled at its deletion: the kind as text
                node = node_from_fields(values)
            else:                                 # a copy of the node's own fields (node_from_fields, inline)
                node = new_node(Node)
                node.__dict__ = values
            nodes[nid] = node
            if bits & placing:                    # its parent or place then (or it was deleted since)
                now = nodes_now.get(nid)
                if now is None or now.parent_id != node.parent_id or now.position != node.position:
                    if now is not None:
                        affected.add(now.parent_id)
                    affected.add(node.parent_id)
                    by_parent.setdefault(node.parent_id, set()).add(nid)
        children = dict(current.children)
        for parent in affected:
            candidates = set(current.children.get(parent, ())) | by_parent.get(parent, set())
            kept = [i for i in candidates if i in nodes and nodes[i].parent_id == parent]
            kept.sort(key=lambda i: (nodes[i].position, i))
            if kept:
                children[parent] = kept
            else:
                children.pop(parent, None)
    return Tree(nodes, children, current.context), edited, named     # (the context as the file locks it now)


class Impact:
    """What a change touches: the cascaded subtree below the node and the roll-ups above it.

    Worked out when first asked for, so a comparison with thousands of changes stays fast.
    """

    def __init__(self, tree: Tree | None = None, node_id: int | None = None):
        self._tree, self._node_id = tree, node_id

    @cached_property
    def below(self) -> list[Node]:
        if self._tree is None or self._node_id not in self._tree.nodes:
            return []
        return self._tree.descendants(self._node_id)

    @cached_property
    def above(self) -> list[Node]:
        """Parent first, the top objective last."""
        if self._tree is None or self._node_id not in self._tree.nodes:
            return []
        return self._tree.ancestors(self._node_id)


@dataclass(slots=True)
class NodeChange:
    change: str                    # added / removed / moved / changed
    node: Node                     # the node as it is in B (as it was in A when removed)
    fields: list[tuple[str, object, object]] = field(default_factory=list)   # (field, old, new)
    old_parent: Node | None = None
    new_parent: Node | None = None
    tree: Tree | None = field(default=None, repr=False, compare=False)   # the state ``node`` is in
    _impact: Impact | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def impact(self) -> Impact:
        """What the change touches, worked out when first asked for."""
        if self._impact is None:
            self._impact = Impact(self.tree, self.node.id)
        return self._impact


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
    settings: list[tuple[str, str | None, str | None]] = field(default_factory=list)   # (key, in A, in B)
    kept: int = 0                  # a restore's plan: actual values recorded since that it keeps

    @property
    def empty(self) -> bool:
        return not self.nodes and not self.actuals and not self.settings

    def counts(self) -> dict[str, int]:
        out = {"added": 0, "removed": 0, "moved": 0, "changed": 0}
        for c in self.nodes:
            out[c.change] += 1
        out["actuals"] = sum(len(a.values) for a in self.actuals)
        out["settings"] = len(self.settings)
        return out


_BITS = {name: 1 << i for name, i in FIELD_INDEX.items()}    # a set of fields as one int: see _rebuilt
ANY = -1                                                       # every field
_PLACING = _BITS["parent_id"] | _BITS["position"]             # the bits of a node's place (ANY has them)
_COMPARED = {f: i for i, f in enumerate(ALL_FIELDS) if f not in ("id", "parent_id", "position")}  # not a move


@lru_cache(maxsize=1024)
def _compared(bits: int) -> tuple[str, ...] | None:
    """The fields of ``bits`` that are compared (not the node's place), in the fields' order; None for ANY."""
    return None if bits == ANY else tuple(f for f in _COMPARED if bits & _BITS[f])


def _field_changes(old: Node, new: Node, fields: tuple[str, ...] | None = None) -> list[tuple[str, object, object]]:
    """``(field, old, new)`` of every field but the node's place that differs, in the fields' order; of
    ``fields`` only, when the others are known to be the same."""
    was, now = old.__dict__, new.__dict__
    if fields is not None:
        return [(f, was[f], now[f]) for f in fields if was[f] != now[f]]
    if was == now:
        return []
    try:
        differ = {f for f, _value in was.items() ^ now.items()}     # one pass in C over both nodes
    except TypeError:                                              # a value that cannot be hashed
        differ = {f for f in _COMPARED if was[f] != now[f]}
    return [(f, was[f], now[f]) for f in sorted(differ & _COMPARED.keys(), key=_COMPARED.__getitem__)]


def longest_increasing(seq: list[int]) -> set[int]:
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


def _reordered(ta: Tree, tb: Tree, parents: set[int | None]) -> set[int]:
    """Nodes under ``parents`` that kept their parent but changed place among their siblings.

    Only the fewest nodes that explain the new order count as moved: moving one node to the front
    does not mark all the others.
    """
    out: set[int] = set()
    for parent in parents:
        ids_a = ta.children.get(parent, [])
        ids_b = tb.children.get(parent, [])
        if ids_a == ids_b:
            continue
        in_a = set(ids_a)
        stayed = [i for i in ids_b if i in in_a]
        stayed_set = set(stayed)
        rank_a = {nid: r for r, nid in enumerate(i for i in ids_a if i in stayed_set)}
        keep = longest_increasing([rank_a[i] for i in stayed])
        out.update(nid for k, nid in enumerate(stayed) if k not in keep)
    return out


class _DisplayOrder:
    """Sort keys that put nodes in the tree's display order (depth first, by position), memoised so
    that thousands of changed nodes share the work for their common ancestors."""

    def __init__(self, tree: Tree):
        self._tree = tree
        self._keys: dict[int | None, tuple[int, ...]] = {None: ()}
        self._ranks: dict[int | None, dict[int, int]] = {}

    def key(self, node_id: int | None) -> tuple[int, ...]:
        found = self._keys.get(node_id)
        if found is None:
            parent = self._tree.nodes[node_id].parent_id
            ranks = self._ranks.get(parent)
            if ranks is None:
                ranks = self._ranks[parent] = {c: r for r, c in enumerate(self._tree.children[parent])}
            found = self._keys[node_id] = (*self.key(parent), ranks[node_id])
        return found


def _in_display_order(tree: Tree, changes: list[NodeChange]) -> list[NodeChange]:
    """The changes in the order ``tree`` shows their nodes: a few by their own paths, many (a tenth of the
    plan or more) by one walk of the whole tree."""
    if len(changes) * 10 >= len(tree.nodes):
        of = {c.node.id: c for c in changes}
        out, stack, children = [], list(reversed(tree.children.get(None, []))), tree.children
        while stack:
            nid = stack.pop()
            change = of.get(nid)
            if change is not None:
                out.append(change)
            below = children.get(nid)
            if below:
                stack.extend(reversed(below))
        if len(out) == len(of):
            return out                        # (else a node the walk does not reach: its path says where it goes)
    order = _DisplayOrder(tree)
    return sorted(changes, key=lambda c: order.key(c.node.id))


def compare(plan: Plan, a: Point, b: Point) -> Diff:
    """Everything that differs from state ``a`` to state ``b``, each change with its impact.

    Only the nodes the journal touched between the two points can differ, so only they are compared.
    """
    with paused_gc():      # (not kept_as_old: a report compares every version in turn; a review found young
        return _compare(plan, a, b)     # garbage left for a full pass)


def _compare(plan: Plan, a: Point, b: Point) -> Diff:
    # The later state is built on the plan now, and the earlier one on the later: the journal between the two
    # is undone once, and the journal after both once, whatever the distance between them.
    lo, hi = sorted((a.batch_id, b.batch_id))
    later = _rebuilt(plan, hi, plan.nodes.tree())[0]
    # (up to the plan now: every row after ``lo``, as tree_at undoes them, even one whose batch is missing)
    upto = None if hi >= plan.journal.last_batch_id() else hi
    earlier, touched, named = _rebuilt(plan, lo, later, upto)     # touched: every node that can differ
    ta, tb = (earlier, later) if a.batch_id <= b.batch_id else (later, earlier)
    # Sibling lists not rebuilt for the earlier state are the same list in both: their order cannot differ.
    parents = {p for p in ta.children.keys() | tb.children.keys() if ta.children.get(p) is not tb.children.get(p)}
    reordered = _reordered(ta, tb, parents)
    added, removed, kept = [], [], []
    nodes_a, nodes_b = ta.nodes, tb.nodes
    in_a, in_b, named_in = nodes_a.get, nodes_b.get, named.get
    for nid in touched:
        old, new = in_a(nid), in_b(nid)
        if old is new:
            continue                          # the same node (or created and deleted again between the two)
        if old is None:
            added.append(NodeChange("added", new, [], None, in_b(new.parent_id), tb))
        elif new is None:
            removed.append(NodeChange("removed", old, [], in_a(old.parent_id), None, ta))
        else:
            fields = _compared(named_in(nid, 0))
            if fields is None:
                diffs = _field_changes(old, new)
            else:                             # (_field_changes of these fields, inline: a big history has many)
                was, now = old.__dict__, new.__dict__
                diffs = [(f, was[f], now[f]) for f in fields if was[f] != now[f]]
            moved = old.parent_id != new.parent_id or nid in reordered
            if moved or diffs:
                kept.append(NodeChange("moved" if moved else "changed", new, diffs,
                                       nodes_a.get(old.parent_id), nodes_b.get(new.parent_id), tb))
    changes = _in_display_order(tb, added + kept) + _in_display_order(ta, removed)
    raw = plan.actuals.changes_between(lo, hi)
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
    batches = [bt for bt in plan.journal.batches() if lo < bt.id <= hi]
    at_a, at_b = settings_at(plan, a.batch_id), settings_at(plan, b.batch_id)
    settings = [(key, at_a.get(key), at_b.get(key)) for key in sorted(at_a.keys() | at_b.keys())
                if at_a.get(key) != at_b.get(key)]
    return Diff(a, b, changes, actuals, batches, settings)


def settings_at(plan: Plan, batch_id: int) -> dict[str, str | None]:
    """The plan settings the journal knows (name, alert defaults…) as they stood right after batch ``batch_id``;
    not the file's own keys (its identity), which no version takes back."""
    rows = [m for m in plan.journal.meta_rows() if m.key not in FILE_KEYS]
    values: dict[str, str | None] = {m.key: plan.meta.get(m.key) for m in rows}
    for m in reversed(rows):
        if m.batch_id > batch_id:
            values[m.key] = m.old
    return values


def save_version(plan: Plan, name: str, reason: str) -> Version:
    """Freeze the current state under ``name``; a reason is required."""
    name, reason = (name or "").strip(), (reason or "").strip()
    if not name:
        raise ValidationError(_("a version needs a name"))
    if name == NOW:
        raise ValidationError(_("{now} stands for the current state; choose another version name").format(
            now=quoted(NOW)))
    if not reason:
        raise ValidationError(_("a version needs a reason: say why this state is worth keeping"))
    with plan.batch("version", reason):
        return plan.versions.insert(name, reason)


def changes_since_last_version(plan: Plan) -> Diff | None:
    """What changed since the newest version (None when there is no version yet)."""
    versions = plan.versions.all()
    if not versions:
        return None
    return compare(plan, resolve(plan, versions[-1].name), resolve(plan, NOW))


def restore_reason(reason: str, name: str) -> str:
    """What a restore's batch says: the user's reason and the version restored (in the user's language,
    kept as written)."""
    return _("{reason} (restored version {name})").format(reason=reason, name=quoted(name))


def restore_plan(plan: Plan, name: str, numbers: bool = False) -> tuple[Point, Diff, dict]:
    """What restoring version ``name`` changes: ``(the version, the changes, the actual values to set)``.

    The plan's structure, definitions, settings and the targets of the periods the version knew come
    back as they were. Actual values (and their comments) recorded since are facts and stay, and so do
    periods the version did not know, unless ``numbers``: then the numbers are made as they were too.
    Values the version had and that were removed since (with a node, by an import) come back either
    way; the values of nodes the restore removes go with them."""
    point = resolve(plan, name)
    now = resolve(plan, NOW)
    diff = compare(plan, now, point)
    target = tree_at(plan, point.batch_id)
    wanted: dict[tuple[int, str], tuple | None] = {}
    kept = 0
    changed = plan.actuals.changes_between(point.batch_id, now.batch_id)
    for key, (at_version, current) in changed.items():
        if key[0] not in target.nodes or numbers or current is None:
            value = None if key[0] not in target.nodes else at_version
        elif at_version is None:
            value = current                   # a period the version did not know: recorded since, kept
            kept += 1
        else:
            value = (current[0], at_version[1], current[2])
            kept += value != at_version
        if value != current:
            wanted[key] = value
    diff.actuals = _actual_changes(plan, target, wanted, changed)
    diff.kept = kept
    return point, diff, wanted


def _actual_changes(plan: Plan, target: Tree, wanted: dict, changed: dict) -> list[ActualsChange]:
    """The values a restore sets, by node: ``(period, now, after the restore)``."""
    tree = plan.nodes.tree()
    by_node: dict[int, list] = {}
    for (node_id, period), value in wanted.items():
        by_node.setdefault(node_id, []).append((period, changed[(node_id, period)][1], value))
    out = []
    for node_id, values in by_node.items():
        node = tree.nodes.get(node_id) or target.nodes.get(node_id)
        if node is not None:
            values.sort(key=lambda v: sort_key(v[0]))
            out.append(ActualsChange(node, values))
    out.sort(key=lambda a: a.node.code)
    return out


def restore(plan: Plan, name: str, reason: str, numbers: bool = False) -> Diff:
    """Make the current plan equal to version ``name`` as one journaled batch; returns what changed.
    Actual values recorded since stay unless ``numbers`` (see :func:`restore_plan`).

    Nothing is rewritten: the restore is a new batch, so the history keeps every state.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("a restore needs a reason"))
    point, diff, wanted = restore_plan(plan, name, numbers)
    target = tree_at(plan, point.batch_id)
    current = plan.nodes.tree()
    with plan.batch("restore", restore_reason(reason, point.label)):
        have_of = dict(current.nodes)
        held = {node.code: node_id for node_id, node in have_of.items()}      # code → the node carrying it now
        _give_codes(plan, have_of, held, target)
        # What comes back first (parents first), so every node moved below always has its parent and an
        # undo, going newest first, never meets a node below one it removes.
        for node, _depth in target.walk():
            if node.id not in current.nodes:
                plan.nodes.insert_row(node.as_dict())
                held[node.code] = node.id
        moved_out = set()
        for node_id, wanted_node in target.nodes.items():     # out from under the nodes that go
            have = have_of.get(node_id)
            if have is not None and have.parent_id is not None and have.parent_id not in target.nodes:
                plan.nodes.set_field(have, "parent_id", wanted_node.parent_id)
                moved_out.add(node_id)
        for node, _depth in reversed(list(current.walk())):
            if node.id not in target.nodes:
                plan.nodes.delete_row(node)
                del held[node.code]
        _give_codes(plan, have_of, held, target)      # the codes the nodes removed carried, and those they freed
        for node_id, wanted_node in target.nodes.items():
            have = have_of.get(node_id)
            if have is None:
                continue
            for f in ALL_FIELDS:
                if f in ("id", "kind") or (f == "parent_id" and node_id in moved_out):
                    continue
                if getattr(have, f) != getattr(wanted_node, f):
                    plan.nodes.set_field(have, f, getattr(wanted_node, f))
        plan.actuals.restore_values(wanted)
        for key, _now, at_version in diff.settings:
            plan.meta.set(key, at_version)
    return diff


def _give_codes(plan: Plan, have_of: dict[int, Node], held: dict[str, int], target: Tree) -> None:
    """Give the nodes that stay (``have_of``: as they are now) the codes they had at the version, each once
    the node carrying it (``held``: code → node, kept up to date) has let it go — before any node comes
    back: a node coming back may carry a code one of them carries now (in a department file, a refresh hands
    the department's code to the company's node, and its undo hands it back); and again once the nodes the
    restore removes are gone, for the codes they carried. A chain of codes handed on is followed, not
    retried."""
    todo = {node_id: wanted.code for node_id, wanted in target.nodes.items()
            if node_id in have_of and have_of[node_id].code != wanted.code}
    waiting = {code: node_id for node_id, code in todo.items() if code in held}
    ready = [node_id for node_id, code in todo.items() if code not in held]
    while ready:
        node_id = ready.pop()
        have, code = have_of[node_id], todo.pop(node_id)
        plan.nodes.set_field(have, "code", code)
        del held[have.code]
        held[code] = node_id
        have_of[node_id] = replace(have, code=code)
        if have.code in waiting:
            ready.append(waiting.pop(have.code))
