"""What one side of a department round (the company plan or a department file) did since the two files last
agreed: its own changes to the department's nodes, read from its journal by node, with what the other
direction's batches wrote taken as agreed (:func:`side_changes`). The merge and the refresh set these against
the changes the other file sends (:mod:`.merge`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Node
from .storage import Plan


@dataclass
class Side:
    """What one side did since the last common point, for the department's nodes only — read from its
    journal by node (the company's whole tree is not read: thirty merges into a big plan stay quick)."""

    part: set[int]                                    # the department's part as it is on this side now
    nodes: dict[int, Node]                            # those of the asked-for nodes that exist on this side
    fields: dict[int, dict[str, object]]              # node → field → its value now, for fields changed
    moved: set[int]                                   # nodes given another parent
    numbers: dict[tuple[int, str], tuple | None]      # (node, period) → value now, changed
    holding: set[int] = field(default_factory=set)    # nodes with something new or renumbered below them
    numbers_then: dict[tuple[int, str], tuple | None] = field(default_factory=dict)   # …and at the common point
    numbered: frozenset[int] = frozenset()            # nodes with a number typed (or cleared) since
    written: dict[tuple[int, str], int] = field(default_factory=dict)   # (node, field) → the batch that set it last


def side_changes(plan: Plan, base: int, unit_id: int, ids: set[int], foreign: frozenset[int] = frozenset()) -> Side:
    """What ``plan`` did since batch ``base`` to the nodes ``ids`` and the part under ``unit_id``: its own doing
    only — what the batches of ``foreign`` (the other direction's, bringing the other file's values) wrote is
    agreed, and a change made after them is measured from what they wrote."""
    part = set(plan.nodes.subtree_ids(unit_id))
    wanted = ids | part
    nodes = plan.nodes.some(wanted)
    first: dict[tuple[int, str], object] = {}        # (node, field) → its value at the base (or as agreed since)
    parent_then: dict[int, object] = {}
    made: set[int] = set()
    written: dict[tuple[int, str], int] = {}
    for row in plan.journal.rows(after_batch=base, node_ids=wanted):
        theirs = row.batch_id in foreign
        if row.action == "update":
            if theirs:
                first[(row.node_id, row.field)] = row.new
            else:
                first.setdefault((row.node_id, row.field), row.old)
                written[(row.node_id, row.field)] = row.batch_id
        elif row.action == "move" and row.field == "parent_id":
            if theirs:
                parent_then[row.node_id] = row.new
            else:
                parent_then.setdefault(row.node_id, row.old)
                written[(row.node_id, "parent_id")] = row.batch_id
        elif row.action == "create" and not theirs:
            made.add(row.node_id)
    fields: dict[int, dict[str, object]] = {}
    for (node_id, name), then in first.items():      # a field changed and changed back is no change
        if node_id in nodes and getattr(nodes[node_id], name) != then:
            fields.setdefault(node_id, {})[name] = getattr(nodes[node_id], name)
    moved = {n for n, then in parent_then.items() if n in nodes and nodes[n].parent_id != then}
    last = plan.journal.last_batch_id()
    changed = {key: both for key, both in plan.actuals.changes_between(base, last).items() if key[0] in wanted}
    if foreign:
        changed = _own_numbers(plan, base, changed, foreign, wanted)
    numbers = {key: now for key, (_then, now) in changed.items()}
    holding: set[int] = set()              # what lies above a node made, moved in or renumbered here
    for node_id in (made & part) | (moved & part) | {key[0] for key in numbers if key[0] in part}:
        above = nodes[node_id].parent_id if node_id in nodes else None
        while above in nodes and above not in holding:
            holding.add(above)
            above = nodes[above].parent_id
    return Side(part, nodes, fields, moved, numbers, holding, {key: then for key, (then, _now) in changed.items()},
                frozenset(key[0] for key in numbers), written)


def _own_numbers(plan: Plan, base: int, changed: dict, foreign: frozenset[int], wanted: set[int]) -> dict:
    """``changed`` ((node, period) → (then, now) since ``base``) as this side's own doing: a period the batches
    of ``foreign`` wrote last is agreed, one changed after them is measured from what they wrote — put back as
    it was before them is a change too."""
    given = {key: value for key, value in plan.actuals.written_by(foreign).items() if key[0] in wanted}
    writers = plan.actuals.last_writers({key[0] for key in changed} | {key[0] for key in given}, base)
    out = {}
    for key, (then, now) in changed.items():
        start = given.get(key, then)
        if writers.get(key) not in foreign and start != now:
            out[key] = (start, now)
    held: dict[int, dict[str, tuple]] = {}
    for key, start in given.items():
        if key in changed or writers.get(key) in foreign:
            continue
        if key[0] not in held:
            held[key[0]] = {a.period: (a.actual, a.target, a.comment) for a in plan.actuals.of(key[0])}
        now = held[key[0]].get(key[1])
        if now != start:
            out[key] = (start, now)
    return out
