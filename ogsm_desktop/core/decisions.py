"""What one sync decided, for the file that did not get it: each merge and refresh may decide a conflict its
own way, and a decision is news for the other file — the next sync the other way brings it there, so the two
files agree after a merge and a refresh whichever way each decided.

A sync records what it kept of the file it writes against the other file's value (:func:`kept_keys`: fields,
periods, nodes kept deleted, places); the next sync the other way sends them (:func:`kept_news`), takes them
without asking where its own side has not touched them since (:func:`answered`), and brings back the nodes the
other file kept (:func:`kept_there`) but for those a later sync this way kept deleted (:func:`kept_gone`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING

from .merge_plan import plan_children, subtree
from .periods import sort_key
from .storage import Plan
from .versions import ActualsChange, Diff, NodeChange

if TYPE_CHECKING:
    from .merge_plan import MergePlan


def kept_there(theirs: Diff, part: list, here: Plan, here_id: Callable[[int], int | None], read: int,
               undone: set[int] | frozenset[int] = frozenset(), gone: frozenset[int] = frozenset()) -> Diff:
    """``theirs`` (what the file there sends) with the nodes of its part (``part``, parents first) whose node
    here was deleted at or before ``read`` — the point the last sync the other way read this file up to — and
    that the file there still has: that sync kept them there (its conflict went the other file's way), so
    they come back here, as themselves (not news of the file there otherwise: its diff has nothing of them).
    A sync this way that brought one back and no longer stands (``undone``: its batches) did not: the
    deletion that undid it is not this side's. The nodes made there stay parents first: one made there
    since below such a node comes after it. Not those a later sync this way kept deleted here (``gone``:
    :func:`kept_gone`): that decision is the later one."""
    listed = {c.node.id for c in theirs.nodes if c.change in ("added", "removed")}     # (one changed there since
    mine = {node.id: here_id(node.id) for node in part if node.id not in listed}        # comes back as it is now)
    mine = {there: m for there, m in mine.items() if m is not None and m not in gone}
    standing = here.nodes.some(mine.values())                     # one read for the whole part
    missing = {m for m in mine.values() if m not in standing}
    if not missing:
        return theirs
    deleted: dict[int, int] = {}
    remade: set[int] = set()
    for r in here.journal.rows(node_ids=missing):                 # oldest first: the last deletion wins
        if r.action == "create" and r.batch_id in undone:
            remade.add(r.node_id)
        elif r.action == "delete" and r.node_id in remade:
            remade.discard(r.node_id)                             # (the undoing of that sync)
        elif r.action == "delete":
            deleted[r.node_id] = r.batch_id
    back = [NodeChange("added", node) for node in part
            if node.id in mine and mine[node.id] in missing and deleted.get(mine[node.id], read + 1) <= read]
    if not back:
        return theirs
    # A node the file there made below one that comes back, that this file never got (the sync this way kept
    # the branch deleted, the node in it), comes with it: the branch comes back whole (9086).
    returning = {c.node.id for c in back}
    for node in part:
        if node.parent_id in returning and node.id not in returning and node.id not in listed \
                and here_id(node.id) is None:
            back.append(NodeChange("added", node))
            returning.add(node.id)
    depth: dict[int, int] = {}
    for node in part:
        depth[node.id] = depth.get(node.parent_id, -1) + 1
    added = sorted([c for c in theirs.nodes if c.change == "added"] + back, key=lambda c: depth.get(c.node.id, 0))
    returned = {c.node.id for c in back}
    return dataclasses.replace(theirs, nodes=[*added, *(c for c in theirs.nodes
                                                        if c.change != "added" and c.node.id not in returned)])


def kept_keys(plan: MergePlan, taken: set[tuple]) -> list[list]:
    """What a sync kept of the file it writes against the other file's value, for its record: each field and
    each period whose conflict went this file's way, and each node this file keeps deleted against the other
    file's (a deleted_here conflict not taken: ``["gone", id]``) — ids of this file — with those the last sync
    this way kept that no sync the other way has read since (``plan.unread_kept``), but for a node this sync
    brings back. The next sync the other way sends them (:func:`kept_news`): a decision is news for the file
    that did not get it."""
    kept = [list(c.key) for c in plan.conflicts if c.key[0] in ("field", "actual") and c.key not in taken]
    back = set()                                  # (nodes this sync brings back: no longer kept deleted)
    below = None
    for c in plan.conflicts:
        if c.kind == "deleted_here" and (here := plan.same_node(c.key[1])) is not None:
            if c.key in taken:
                back.add(here)
                continue
            kept.append(["gone", here])
            # A node the other file moved into the branch kept deleted keeps its place here: that is kept
            # too, or the branch coming back before the other file hears of it leaves the node apart (9130).
            below = plan_children(plan.there_nodes) if below is None else below
            kept += [["place", moved] for there_id in subtree(below, c.key[1]) if there_id in plan.moved_in
                     and (moved := plan.same_node(there_id)) is not None]
        elif c.kind in ("moved_out", "moved_both", "deleted_there") and c.key not in taken:
            kept.append(["place", c.key[1]])      # (its place here, kept against the other file's)
    return [*(k for k in plan.unread_kept if k not in kept and not (k[0] == "gone" and k[1] in back)), *kept]


def kept_gone(plan: MergePlan) -> frozenset[int]:
    """The nodes the last sync this way kept deleted here against the other file's, which no sync the other
    way has read since (:func:`kept_keys`): not nodes the other file kept, to bring back (:func:`kept_there`)."""
    return frozenset(int(k[1]) for k in plan.unread_kept if k[0] == "gone")


def kept_news(theirs: Diff, there: Plan, here: Plan, here_id: Callable[[int], int | None], kept: list) -> Diff:
    """``theirs`` (what the file there sends) with the fields and periods its last sync this file has not
    read since kept there against this file's values (``kept``: :func:`kept_keys` of that sync, ids there)
    where this file still holds another value: the file there decided them, and without this they would
    never reach this file (its values were written before the point this direction reads from: the files
    would differ for good, each saying it is up to date)."""
    if not kept:
        return theirs
    listed = {c.node.id: c for c in theirs.nodes}
    numbered = {b.node.id: b for b in theirs.actuals}
    nodes_there = there.nodes.some({int(k[1]) for k in kept})
    wanted = {int(k[1]): here_id(int(k[1])) for k in kept}
    nodes_here = here.nodes.some({h for h in wanted.values() if h is not None})
    fields: dict[int, list] = {}
    periods: dict[int, list] = {}
    removed: list[NodeChange] = []
    moved: set[int] = set()
    values_there: dict[int, dict] = {}
    values_here: dict[int, dict] = {}
    for kind, nid, *rest in kept:
        nid, what = int(nid), (rest or [None])[0]
        mine, hid = nodes_there.get(nid), wanted.get(nid)
        if kind == "gone":                            # deleted there, kept here by the sync this way: it goes
            if mine is None and hid in nodes_here and nid not in listed:
                removed.append(NodeChange("removed", dataclasses.replace(nodes_here[hid], id=nid)))
            continue
        if kind == "place":                           # its place there: it moves here too
            if mine is not None and hid in nodes_here and (parent := here_id(mine.parent_id)) is not None \
                    and parent != nodes_here[hid].parent_id:
                moved.add(nid)
            continue
        if mine is None or hid not in nodes_here:
            continue                                  # gone on either side since: its own changes say so
        if kind == "field":
            if nid in listed and any(f == what for f, _o, _n in listed[nid].fields):
                continue                              # changed there since: in the diff already
            value, theirs_value = getattr(mine, what), getattr(nodes_here[hid], what)
            if what == "serves_id" or value == theirs_value:
                continue
            fields.setdefault(nid, []).append((what, theirs_value, value))
        else:
            if nid in numbered and any(p == what for p, _o, _n in numbered[nid].values):
                continue
            if nid not in values_there:                  # (one read a node, however many of its periods)
                values_there[nid], values_here[nid] = there.actuals.values(nid), here.actuals.values(hid)
            value, theirs_value = values_there[nid].get(what), values_here[nid].get(what)
            if value != theirs_value:
                periods.setdefault(nid, []).append((what, theirs_value, value))
    if not fields and not periods and not removed and not moved:
        return theirs
    nodes = [*removed, *(dataclasses.replace(c, fields=[*c.fields, *fields.pop(c.node.id, [])],
                                             change="moved" if c.node.id in moved else c.change)
             if c.node.id in fields.keys() | moved and c.change in ("changed", "moved") else c for c in theirs.nodes)]
    moved -= {c.node.id for c in theirs.nodes}
    nodes += [NodeChange("moved" if nid in moved else "changed", nodes_there[nid], sorted(fields.get(nid, [])))
              for nid in sorted(fields.keys() | moved)]
    actuals = [dataclasses.replace(b, values=sorted([*b.values, *periods.pop(b.node.id)], key=lambda v: sort_key(v[0])))
               if b.node.id in periods else b for b in theirs.actuals]
    actuals += [ActualsChange(nodes_there[nid], sorted(values, key=lambda v: sort_key(v[0])))
                for nid, values in sorted(periods.items())]
    return dataclasses.replace(theirs, nodes=nodes, actuals=actuals)


def decided_there(plan: MergePlan, theirs: Diff, kept: list, there: Plan, here: Plan,
                  here_id: Callable[[int], int | None], read: int, foreign: frozenset[int]) -> Diff:
    """What the last sync the other way decided and no sync this way has read since (``kept``: its record's
    :func:`kept_keys`, ids there; ``read``: its point in this side's journal; ``foreign``: the batches the other
    direction wrote here): its answers taken without asking (:func:`answered`, into ``plan.answered``), its
    decisions sent as the file there's news (:func:`kept_news`)."""
    plan.answered = answered(kept, here, here_id, read, foreign)
    return kept_news(theirs, there, here, here_id, kept)


def answered(kept: list, here: Plan, here_id: Callable[[int], int | None], read: int,
             foreign: frozenset[int] = frozenset()) -> set[tuple]:
    """The conflicts the last sync the other way decided (``kept``: :func:`kept_keys` of it, ids there) that this
    side has not touched since that sync read it (``read``: its point in this side's journal; ``foreign``: the
    batches the other direction wrote here): keys here, as this side's conflicts name them. That sync read this
    side's change and decided against it: it is no longer this side's news, and the decision comes here as the
    other side's (not asked again — the files would otherwise differ after a merge and a refresh that decided
    opposite ways, each then saying it is up to date). A node kept deleted there is the branch below it: that
    sync asked once, at its top, for the whole of it — this side asks of the node it changed in it (2068)."""
    keys = {}
    for kind, nid, *rest in kept:
        hid = here_id(int(nid))
        if hid is None:
            continue
        if kind == "place":                           # (a move both sides made, or one out of the part)
            keys.update({("node", hid): hid, ("move", hid): hid})
        elif kind == "gone":
            keys.update({("node", below): below for below in here.nodes.subtree_ids(hid)})
        else:
            keys[(kind, hid, rest[0])] = hid
    if not keys:
        return set()
    touched = {(r.node_id, r.field) for r in here.journal.rows(after_batch=read, node_ids=set(keys.values()))
               if r.batch_id not in foreign}
    touched_nodes = {nid for nid, _f in touched}
    numbers = {key for key, batch in here.actuals.last_writers(set(keys.values()), read).items()
               if batch not in foreign}
    numbered = {nid for nid, _period in numbers}

    def changed_since(key: tuple, hid: int) -> bool:
        if key[0] == "node":                          # (a number typed on it changes it too)
            return hid in touched_nodes or hid in numbered
        if key[0] == "move":
            return hid in touched_nodes
        return (hid, key[2]) in (touched if key[0] == "field" else numbers)
    return {key for key, hid in keys.items() if not changed_since(key, hid)}
