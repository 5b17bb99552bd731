"""Whose changes are whose, for a sync: of a file's changes since the other file last read it, those that are
this side's own — without what the other direction's syncs wrote last (nothing travels back to where it came
from), with the nodes made here again that the other file has (measured from what it got of them). The records
and the points these are read from: :mod:`.sync`."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from .model import ALL_FIELDS, NODE_DEFAULTS, Node, node_from_values
from .periods import sort_key
from .storage import Plan
from .storage.journal import JournalRow
from .versions import ActualsChange, Diff, NodeChange


def own_changes(plan: Plan, diff: Diff, base: int, foreign: frozenset[int], undone: frozenset[int] = frozenset(),
                held: Callable[[int, str, object], bool] | None = None, standing: frozenset[int] | None = None) -> Diff:
    """``diff`` (of ``plan`` from batch ``base`` to now) without what the batches of ``foreign`` wrote last:
    a node they made or deleted, a field or a place they set, a number they wrote. A node they made (one
    the other side sent) keeps what this side did to it since: its fields, its place, its deletion — unless
    it went with their undoing (``undone``: :func:`.sync.undone_copies`), which is not this side's doing. A number
    they wrote that the other file did not send (``held``: :func:`.sync.held_by`) is this side's: the side kept in
    a conflict, or a period merged field by field — without it the other file would never get it. A field
    or a number this side changed after they wrote it is measured from what they wrote (the other file has
    it): putting back what was there before is a change too, though the diff from ``base`` has none."""
    if not foreign and not undone:
        return diff
    standing = foreign if standing is None else standing
    sent, touched = set(), set()
    for b in foreign:
        for row in plan.journal.batch_rows(b):
            touched.add(row.node_id)
            if row.action == "create":
                sent.add(row.node_id)
    last: dict[tuple, int] = {}
    first: dict[tuple, object] = {}
    given: dict[tuple, object] = {}                 # what the other side's batches wrote last, per node field
    deleted: dict[int, JournalRow] = {}
    for row in plan.journal.rows(after_batch=base, node_ids=[c.node.id for c in diff.nodes] + sorted(touched)):
        key = (row.node_id, row.field if row.action in ("update", "move") else row.action)
        last[key] = row.batch_id
        if row.batch_id in foreign:
            if row.action in ("update", "move") and row.batch_id in standing:
                given[key] = row.new
            elif row.action == "create":         # made again by the other side: its deletion here is undone
                deleted.pop(row.node_id, None)
        else:
            first.setdefault(key, row.old)
            if row.action == "delete":
                deleted[row.node_id] = row
            elif row.action == "create":         # made again here since (an undo of its deletion): it stands
                deleted.pop(row.node_id, None)
    # A node this side made again since (an undo of its deletion, a version restored) wrote all its fields then.
    remade = {nid: batch for (nid, action), batch in last.items() if action == "create" and batch not in foreign}

    def own(nid: int, name: str) -> bool:        # this side wrote the field last
        batch = last.get((nid, name))
        return batch not in foreign or remade.get(nid, 0) > batch

    back = {key: value for key, value in given.items() if own(*key)}    # changed here since
    nodes = []
    listed = {c.node.id for c in diff.nodes}
    for change in diff.nodes:
        nid = change.node.id
        if change.change == "added" and nid in sent:              # sent by the other side: what was done since
            change = dataclasses.replace(change, change="changed", fields=[
                (f, first.get((nid, f)), getattr(change.node, f)) for f in ALL_FIELDS
                if (nid, f) in last and last[(nid, f)] not in foreign and (nid, f) in first
                and f not in ("parent_id", "position")])
            if any(last.get((nid, f)) not in (None, *foreign) for f in ("parent_id", "position")):
                change = dataclasses.replace(change, change="moved")
        elif change.change in ("added", "removed"):
            if last.get((nid, "create" if change.change == "added" else "delete")) in foreign or nid in undone:
                continue
            nodes.append(change)
            continue
        fields = [(f, back.get((nid, f), old), new) for f, old, new in change.fields
                  if own(nid, f) and back.get((nid, f), old) != new]
        moved = change.change == "moved" and (
            any(last[(nid, f)] not in foreign for f in ("parent_id", "position") if (nid, f) in last)
            or (nid in remade and (nid, "parent_id") not in back))
        if (nid, "parent_id") in back and change.node.parent_id != back[(nid, "parent_id")]:
            moved = True                     # put back under the parent it had before their batch moved it
        if moved or fields:
            nodes.append(dataclasses.replace(change, fields=fields, change="moved" if moved else "changed"))
    nodes += _put_back(plan, {key: value for key, value in back.items() if key[0] not in listed | sent | undone})
    for nid, row in deleted.items():                # sent by the other side, then deleted here
        if nid in sent and nid not in listed and nid not in undone and isinstance(row.old, dict):
            values = [row.old.get(name, NODE_DEFAULTS.get(name)) for name in ALL_FIELDS]
            nodes.append(NodeChange("removed", node_from_values(values)))
    gone = undone | {nid for (nid, action), batch in last.items() if action == "delete" and batch in foreign
                     and last.get((nid, "create"), 0) < batch}        # (not one made again since: it is back)
    return dataclasses.replace(diff, nodes=nodes, actuals=_own_numbers(plan, diff, base, foreign, frozenset(gone),
                                                                       held, standing))


def made_again(plan: Plan, diff: Diff, there_has: Callable[[int], bool], read: list[int],
               standing: frozenset[int]) -> Diff:
    """``diff`` (of ``plan``, from the point this direction last read it) with the nodes it has as made since
    that the other file has as the same node (``there_has``) measured from what the other file last got of
    them — made again here by an undo of their deletion or of a restore: not news as made, and not none either.
    What it got: the node as it was at the last point a sync this way read ``plan`` up to (``read``, the cut's
    point among them) while the node stood, with what the other direction's batches (``standing``) wrote since
    — a refresh's copy as the refresh made it. Whatever this side did since is its news: a place, a field, a
    number. Without it a refresh's copy moved here, then gone with a restored version when the merge read this
    side, is back by an undo of the restore with a move no merge ever reads (its rows are before the point the
    next merge reads from): the files differ for good, each saying it is up to date (4809).

    A node that stood at that point too, deleted and made again since (by the other direction's sync, say), is
    measured so as well: the diff from the point sees no change where this side moved back what that sync had
    moved, and the other file kept the sync's place for good (9000)."""
    again = {c.node.id: c.node for c in diff.nodes if c.change == "added" and there_has(c.node.id)}
    listed = {c.node.id: c.change for c in diff.nodes}
    remade = [nid for nid in plan.journal.created_after(diff.a.batch_id)
              if nid not in again and listed.get(nid) != "removed" and there_has(nid)]
    if remade:
        again |= plan.nodes.some(remade)
    if not again:
        return diff
    rows: dict[int, list[JournalRow]] = {}
    for row in plan.journal.rows(node_ids=again):
        rows.setdefault(row.node_id, []).append(row)
    agreed: dict[int, tuple[Node | None, int]] = {}
    for nid, node in again.items():
        mine = rows.get(nid, [])
        point = max((p for p in read if _fields_at(node, mine, p) is not None), default=None)
        values = _fields_at(node, mine, point) if point is not None else None
        for row in mine:                              # what the other direction wrote since: the other file's
            if row.batch_id not in standing or (point is not None and row.batch_id <= point):
                continue
            if row.action == "create":
                values = dict(row.new)
            elif row.action == "delete":
                values = None
            elif values is not None:
                values[row.field] = row.new
        agreed[nid] = (None if values is None else node_from_values(
            [values.get(name, NODE_DEFAULTS.get(name)) for name in ALL_FIELDS]), point or 0)
    nodes = []

    def measured(node: Node, then: Node, reordered: bool = False) -> None:
        fields = [(f, getattr(then, f), getattr(node, f)) for f in ALL_FIELDS
                  if f not in ("id", "kind", "parent_id", "position") and getattr(then, f) != getattr(node, f)]
        if then.parent_id != node.parent_id or reordered:      # (a new place among its siblings: the diff's)
            nodes.append(NodeChange("moved", node, fields))
        elif fields:
            nodes.append(NodeChange("changed", node, fields))

    for change in diff.nodes:
        then = agreed.get(change.node.id, (None, 0))[0] if change.change != "removed" else None
        if then is None:
            nodes.append(change)
            continue
        node = again[change.node.id]                  # (one made again: its place among its siblings counts too)
        measured(node, then, change.change != "added" and then.position != node.position)
    for nid in again.keys() - listed:                  # made again, as it stood at the point: no change listed
        then = agreed[nid][0]
        if then is not None:
            measured(again[nid], then, then.position != again[nid].position)
    # (the numbers of a node made again that stood at the point too: the diff's, from the point, as they are)
    known = {nid for nid, (then, _p) in agreed.items() if then is not None and listed.get(nid) == "added"}
    actuals = [b for b in diff.actuals if b.node.id not in known]
    written: dict[int, dict] = {}                     # (one read per point, not per node)
    for nid in sorted(known):
        point = agreed[nid][1]
        if point not in written:
            written[point] = plan.actuals.written_by({b for b in standing if b > point})
        then = plan.actuals.values(nid, point) if point else {}
        then |= {period: value for (node_id, period), value in written[point].items() if node_id == nid}
        now = plan.actuals.values(nid)
        values = [(period, then.get(period), now.get(period)) for period in sorted(then.keys() | now.keys(), key=sort_key)
                  if then.get(period) != now.get(period)]
        if values:
            actuals.append(ActualsChange(again[nid], values))
    return dataclasses.replace(diff, nodes=nodes, actuals=actuals)


def _fields_at(node: Node, rows: list[JournalRow], point: int) -> dict | None:
    """The fields of ``node`` (as it is now) right after batch ``point``, from its journal rows (``rows``,
    oldest first): None when it did not stand then."""
    values: dict | None = node.as_dict()
    for row in reversed(rows):
        if row.batch_id <= point:
            break
        if row.action == "create":
            values = None
        elif row.action == "delete":
            values = dict(row.old)
        elif values is not None:
            values[row.field] = row.old
    return values


def _put_back(plan: Plan, back: dict[tuple, object]) -> list[NodeChange]:
    """The nodes whose fields (or parent) this side set back to what they were before the other side's batch
    wrote them (``back``: (node, field) → what that batch wrote): no change from the base, a change from what
    the other file has."""
    now = plan.nodes.some({nid for nid, _f in back})
    fields: dict[int, list] = {}
    moved: set[int] = set()
    for (nid, name), value in back.items():
        node = now.get(nid)
        if node is None or name == "position" or getattr(node, name) == value:
            continue
        if name == "parent_id":
            moved.add(nid)
        else:
            fields.setdefault(nid, []).append((name, value, getattr(node, name)))
    return [NodeChange("moved" if nid in moved else "changed", now[nid], sorted(fields.get(nid, [])))
            for nid in sorted(fields.keys() | moved)]


def _own_numbers(plan: Plan, diff: Diff, base: int, foreign: frozenset[int], undone: frozenset[int],
                 held: Callable[[int, str, object], bool] | None, standing: frozenset[int]) -> list:
    """:func:`own_changes` of the numbers: a period the other side's batches wrote last is left out (unless
    the other file does not hold it); one this side wrote since is measured from what they wrote. Those of
    the nodes ``undone`` (gone with an undone batch, or deleted by the other side's and not made again since:
    a node that left the department's part takes its numbers with it) are none of this side's."""
    given = plan.actuals.written_by(standing) if standing else {}
    blocks = {b.node.id: b for b in diff.actuals}
    writers = plan.actuals.last_writers(blocks.keys() | {key[0] for key in given}, base)
    # (a value their batch wrote that the other file did not send — a period merged field by field, this
    # side's own actual beside the other's target — is not agreed: this side's part of it is still news)
    back = {key: value for key, value in given.items() if writers.get(key) not in foreign
            and (held is None or held(key[0], key[1], value))}
    values_now: dict[int, dict[str, tuple]] = {}
    extra: dict[int, list] = {}
    for (nid, period), value in back.items():
        if nid in undone or (nid in blocks and any(v[0] == period for v in blocks[nid].values)):
            continue
        if nid not in values_now:
            values_now[nid] = plan.actuals.values(nid)
        if values_now[nid].get(period) != value:
            extra.setdefault(nid, []).append((period, value, values_now[nid].get(period)))
    actuals = []
    for block in diff.actuals:
        if block.node.id in undone:
            continue
        nid = block.node.id
        values = [(period, back.get((nid, period), old), new) for period, old, new in block.values
                  if (writers.get((nid, period)) not in foreign or (held is not None and not held(nid, period, new)))
                  and ((nid, period) not in back or back[(nid, period)] != new)]
        values += extra.pop(nid, [])
        if values:
            actuals.append(dataclasses.replace(block, values=sorted(values, key=lambda v: sort_key(v[0]))))
    if extra:
        now = plan.nodes.some(extra.keys())
        actuals += [ActualsChange(now[nid], sorted(values, key=lambda v: sort_key(v[0])))
                    for nid, values in sorted(extra.items()) if nid in now]
    return actuals
