"""What one side of a department round (the company plan or a department file) did since the two files last
agreed: its own changes to the department's nodes, read from its journal by node, with what the other
direction's batches wrote taken as agreed (:func:`side_changes`). The merge and the refresh set these against
the changes the other file sends (:mod:`.merge`)."""

from __future__ import annotations

from collections.abc import Callable
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
    made: dict[int, int] = field(default_factory=dict)  # nodes made here since → the batch that made them

    def find_holding(self) -> None:
        """What lies above a node made, moved in or renumbered here (its deletion there is a conflict)."""
        self.holding = set()
        nodes = self.nodes
        for node_id in (self.made.keys() & self.part) | (self.moved & self.part) | {
                key[0] for key in self.numbers if key[0] in self.part}:
            above = nodes[node_id].parent_id if node_id in nodes else None
            while above in nodes and above not in self.holding:
                self.holding.add(above)
                above = nodes[above].parent_id


def side_changes(plan: Plan, base: int, unit_id: int, ids: set[int], foreign: frozenset[int] = frozenset(),
                 synced: frozenset[int] = frozenset()) -> Side:
    """What ``plan`` did since batch ``base`` to the nodes ``ids`` and the part under ``unit_id``: its own doing
    only — what the batches of ``foreign`` (the other direction's, bringing the other file's values) wrote is
    agreed, and a change made after them is measured from what they wrote. ``synced``: every batch of the
    other direction, standing or not: a number one of them wrote last is the other file's, agreed (a version
    restored takes a sync's nodes and its record back, not the numbers entered since: see
    :func:`.sync.sync_kind_batches`)."""
    part = set(plan.nodes.subtree_ids(unit_id))
    wanted = ids | part
    nodes = plan.nodes.some(wanted)
    first: dict[tuple[int, str], object] = {}        # (node, field) → its value at the base (or as agreed since)
    parent_then: dict[int, object] = {}
    made: dict[int, int] = {}
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
            made.setdefault(row.node_id, row.batch_id)
    fields: dict[int, dict[str, object]] = {}
    for (node_id, name), then in first.items():      # a field changed and changed back is no change
        if node_id in nodes and getattr(nodes[node_id], name) != then:
            fields.setdefault(node_id, {})[name] = getattr(nodes[node_id], name)
    moved = {n for n, then in parent_then.items() if n in nodes and nodes[n].parent_id != then}
    last = plan.journal.last_batch_id()
    changed = {key: both for key, both in plan.actuals.changes_between(base, last).items() if key[0] in wanted}
    if foreign:
        changed = _own_periods(plan, base, changed, foreign, wanted)
    if synced and changed:
        writers = plan.actuals.last_writers({key[0] for key in changed}, base)
        changed = {key: both for key, both in changed.items() if writers.get(key) not in synced}
    numbers = {key: now for key, (_then, now) in changed.items()}
    side = Side(part, nodes, fields, moved, numbers, set(), {key: then for key, (then, _now) in changed.items()},
                frozenset(key[0] for key in numbers), written, made)
    side.find_holding()
    return side


def _own_periods(plan: Plan, base: int, changed: dict, foreign: frozenset[int], wanted: set[int]) -> dict:
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
            held[key[0]] = plan.actuals.values(key[0])
        now = held[key[0]].get(key[1])
        if now != start:
            out[key] = (start, now)
    return out


def drop_delivered(side: Side, here: Plan, other: Plan, other_id: Callable[[int], int | None],
                   syncs: list[tuple[int, int]]) -> None:
    """Take out of ``side`` (what ``here`` changed) the fields, places and numbers a sync the other way
    already brought to the other file: ``syncs`` are (the batch of ``here`` it read up to, its batch in the
    other file). A value ``here`` held when a sync read it — written at or before that sync's point, or
    written since and put back (an undo of a refresh that took it away) — that the other file held as
    ``here`` holds it now right after that sync, is agreed, not news: a change the other file made to it
    since is its own, no conflict (the company's title the department took by a refresh and then put back
    is the department's to send; an empty sync later changes nothing of it). A period's numbers are agreed
    when the fields ``here`` changed are held so (a period merged field by field). ``other_id``: here's
    node id → the other file's (None: it has none)."""
    if not syncs:
        return
    latest = max(read for read, _batch in syncs)

    keys = [(nid, name) for nid, changed in side.fields.items() for name in changed]
    keys += [(nid, "parent_id") for nid in side.moved]
    mine_asked = {nid for nid, _name in keys}
    then_mine: dict[int, tuple[dict, set, dict]] = {}

    def candidates(key: tuple[int, str]) -> list[int]:
        if other_id(key[0]) is None:
            return []
        written = side.written.get(key, latest + 1)
        now = side.nodes[key[0]].parent_id if key[1] == "parent_id" else side.fields[key[0]][key[1]]
        return [batch for read, batch in syncs
                if written <= read or _held_then(here, then_mine, read, mine_asked, key[0], key[1]) == now]

    asked = {key: found for key in keys if (found := candidates(key))}
    theirs = {other_id(key[0]) for key in asked}             # the other file's nodes asked about, read once
    values: dict[int, tuple[dict, set, dict]] = {}
    for key, batches in asked.items():
        nid, name = key
        mine = side.nodes[nid].parent_id if name == "parent_id" else side.fields[nid][name]
        if name in ("parent_id", "serves_id"):        # a node's id: as the other file names it
            mine = None if mine is None else other_id(mine)
        if not any(_held_then(other, values, batch, theirs, other_id(nid), name) == mine
                   for batch in batches):
            continue
        if name == "parent_id":
            side.moved.discard(nid)
            continue
        del side.fields[nid][name]
        if not side.fields[nid]:
            del side.fields[nid]
    if side.numbers:
        writers = here.actuals.last_writers({nid for nid, _period in side.numbers}, min(r for r, _b in syncs))
        held: dict[tuple[int, int], dict[str, tuple]] = {}
        then_here: dict[tuple[int, int], dict[str, tuple]] = {}
        for key, value in list(side.numbers.items()):
            oid = other_id(key[0])
            if oid is None:
                continue
            written = writers.get(key, 0)
            delivered = None                         # (what the latest sync that read it brought there, if any)
            for read, batch in syncs:
                sent = value
                if written > read:                   # written here after that sync read it: changed since?
                    if (key[0], read) not in then_here:
                        then_here[(key[0], read)] = here.actuals.values(key[0], read)
                    sent = then_here[(key[0], read)].get(key[1])
                if (oid, batch) not in held:
                    held[(oid, batch)] = other.actuals.values(oid, batch)
                if _delivered(sent, side.numbers_then.get(key), held[(oid, batch)].get(key[1])):
                    if sent == value:
                        del side.numbers[key]
                        side.numbers_then.pop(key, None)
                        break
                    delivered = (read, sent) if delivered is None or read > delivered[0] else delivered
            else:
                if delivered is not None:            # changed since: measured from what the other file got
                    side.numbers_then[key] = delivered[1]
        side.numbered = frozenset(key[0] for key in side.numbers)
    # A node made here that a sync already brought there (the other file knows it) is no news below a branch.
    side.made = {n: batch for n, batch in side.made.items()
                 if other_id(n) is None or not any(batch <= read for read, _b in syncs)}
    side.find_holding()


def _delivered(now: tuple | None, then: tuple | None, held: tuple | None) -> bool:
    """Whether the other file held, right after a sync, what this side changed of a period (``then`` → ``now``):
    the row as here, or — a period merged field by field, the other side's actual beside this side's
    comment — each field changed here as here (the other fields are the other side's news)."""
    if held == now:
        return True
    if now is None or held is None:
        return False
    base = then if then is not None else (None, None, "")
    return all(h == n for n, b, h in zip(now, base, held, strict=True) if n != b)


_GONE = object()


def _held_then(other: Plan, cache: dict, batch: int, wanted: set, oid: int | None, name: str):
    """The value of field ``name`` of node ``oid`` in ``other`` right after its batch ``batch`` (a marker when
    the node was not there then)."""
    if batch not in cache:
        rows = other.journal.rows(after_batch=batch, node_ids=wanted - {None})
        then: dict[tuple, object] = {}
        for r in reversed(rows):                   # newest first: the oldest row after the sync says it last
            if r.action in ("update", "move"):
                then[(r.node_id, r.field)] = r.old
            elif r.action == "delete" and isinstance(r.old, dict):    # deleted since: its values as it went
                then.update(((r.node_id, name), value) for name, value in r.old.items())
        first: dict[int, str] = {}
        for r in rows:
            first.setdefault(r.node_id, r.action)
        # not there right after that sync: made since (not one deleted since and made again — an undo)
        made = {node_id for node_id, action in first.items() if action == "create"}
        cache[batch] = (then, made, other.nodes.some(wanted - {None}))
    then, made, now = cache[batch]
    if oid in made:
        return _GONE
    if (oid, name) in then:
        return then[(oid, name)]
    return getattr(now[oid], name) if oid in now else _GONE

