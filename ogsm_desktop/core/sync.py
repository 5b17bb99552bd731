"""What a company plan and one of its department files last agreed on, in each direction: the records and
the points read from them.

A merge carries the department's changes to the company, a refresh the company's to the department;
neither carries the other way, so each direction keeps its own point: a merge reads the department's
journal from where the last merge of this file read it up to, and the company's from that merge on; a
refresh the same the other way round. A change the other direction wrote (a refresh batch in the
department file, a merge of this file in the company plan) is not the side's own: it is left out, so
nothing travels back to where it came from.

Which of a side's changes since are its own is worked out in :mod:`.sync_own`, from these points.

The records: the company plan keeps, per department file (its fork), the last merge (the department's
batch read up to, the company's merge batch, every merge batch of the file, and the ids of the nodes the
merges made); the department file keeps the last refresh likewise.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from .departments import MERGES_KEY, REFRESH_KEY, Origin
from .errors import PlanFileError
from .i18n import _
from .storage import Plan


def merges(company: Plan) -> dict:
    """The company plan's record of the department files merged so far, by fork."""
    return _record(company, MERGES_KEY, _("{where}: the record of merged department files is damaged"))


def refreshes(dept: Plan) -> dict:
    """The department file's record of its last refresh from the company plan."""
    return _record(dept, REFRESH_KEY, _("{where}: the record of the department's refreshes is damaged"))


def _record(plan: Plan, key: str, damaged: str) -> dict:
    text = plan.meta.get(key)
    try:
        found = json.loads(text) if text else {}
        if not isinstance(found, dict):
            raise ValueError(key)
        return found
    except ValueError:
        raise PlanFileError(damaged.format(where=plan.path)) from None


@dataclass(frozen=True)
class Points:
    """Where one direction reads each journal from (the batches after these), and the ids carried over."""

    dept_batch: int
    company_batch: int
    ids: dict[int, int]           # department id → company id, for nodes made on the other side
    foreign: frozenset[int]       # the batches of the side read that the other direction wrote
    standing: frozenset[int] = frozenset()   # those of them not undone (nor gone with a restored version)


def recorded_ids(ids: dict[int, int], same: set[int]) -> dict[str, int]:
    """Department id → company id of the nodes one side made and the other copied, for a sync's record: every
    pair but those the file was cut with (``same``: the same id names the same node on both sides). A copy
    that got the id its node has on the other side is recorded too (each file numbers its new nodes on its
    own, so the ids can meet): left out, the next sync took it for another node of the same id, and made the
    node a second time."""
    return {str(d): c for d, c in sorted(ids.items()) if d != c or d not in same}


def known_ids(company: Plan, dept: Plan, origin: Origin) -> dict[int, int]:
    """Department id → company id of the nodes one side made and the other copied, from both records; where
    they differ the later one counts (by the company's point each was made at): after the company restored a
    version saved before a merge and merged the file again, the refresh taken in between still maps the
    department's nodes to the copies the restore removed. Unless the later one names a copy the company no
    longer has and the other one that it has: the company restored a version saved after a merge, before
    the merge the refresh read (the file merged again after that merge was undone) — its merge record is
    back to the first merge, whose copies stand again, while the refresh still names the second's. Likewise
    a company node named by two department nodes — a refresh's copy the department undid, the merge after it
    still recording it, and the copy a refresh made again — is the one the department file still has."""
    records = [merges(company).get(origin.fork_id, {}), refreshes(dept)]
    records.sort(key=lambda record: int(record.get("company_batch", 0)))
    found = [{int(k): int(v) for k, v in record.get("ids", {}).items()} for record in records]
    ids: dict[int, int] = {}
    for one in found:
        ids.update(one)
    differ = {d for d in ids if any(d in one and one[d] != ids[d] for one in found)}
    if differ:
        standing = company.nodes.some({one[d] for one in found for d in differ if d in one})
        for d in differ:
            if ids[d] not in standing:
                ids[d] = next((one[d] for one in reversed(found) if one.get(d) in standing), ids[d])
    for same in _same_id_copies(company, dept, origin, ids):
        ids[same] = same
    named: dict[int, list[int]] = {}
    for d, c in ids.items():
        named.setdefault(c, []).append(d)
    twice = [ds for ds in named.values() if len(ds) > 1]
    if twice:
        here = dept.nodes.some({d for ds in twice for d in ds})
        for ds in twice:
            if any(d in here for d in ds):
                for d in ds:
                    if d not in here:
                        del ids[d]
    return ids


def _same_id_copies(company: Plan, dept: Plan, origin: Origin, ids: dict[int, int]) -> set[int]:
    """The copies a sync made under the id their node has on the other side, in files whose records left such
    pairs out (builds before stop 14; :func:`recorded_ids`): nodes a standing refresh made in the department
    file or a standing merge of it made in the company plan that the record that very sync wrote names in no
    pair (a copy under another id is always recorded), and no pair names now.

    The record the sync wrote, not the record now: a pair can leave the record since without its copy
    leaving — a unit merged back as a new one (``merge._as_new_unit``) maps the department's nodes to their
    new copies, and a copy an earlier merge made that the company had moved out of the unit stands on, named
    by no pair — and the department's own node that happens to get its id is another node (it was read as
    that node: the department's new measure never reached the company, its edits went to the other one).
    Whether the copy still stands on either side does not matter, as with a recorded pair: a copy deleted on
    one side is the node the next sync deletes on the other (read as no node there, the deletion never came)."""
    made = (_unnamed_copies(dept, REFRESH_KEY, refresh_batches(dept, 0))
            | _unnamed_copies(company, MERGES_KEY, merge_batches(company, origin, 0), origin.fork_id))
    return made - (ids.keys() | set(ids.values()) | cut_ids(dept, origin))


def _unnamed_copies(plan: Plan, key: str, batches: frozenset[int], fork_id: str | None = None) -> set[int]:
    """The nodes the sync batches ``batches`` of ``plan`` made that the record each of them wrote (``key``: the
    company's record of merges, of the file ``fork_id``, or the department's record of its refreshes) names in
    no pair. A batch whose record cannot be read names none."""
    out: set[int] = set()
    for batch_id, nodes in plan.journal.created_in(batches).items():
        named: set[int] = set()
        for _batch, record in _journaled_records(plan, key, fork_id, batch_id):
            try:
                named = {int(d) for d in record["ids"]} | {int(c) for c in record["ids"].values()}
            except (ValueError, KeyError, TypeError, AttributeError):
                named = set()
        out |= nodes - named
    return out


def _journaled_records(plan: Plan, key: str, fork_id: str | None = None, batch_id: int | None = None):
    """``(batch, record)`` of every record ``key`` the settings' journal holds as written (by batch ``batch_id``
    only, when given), of the file ``fork_id`` in the company's record of merges; a damaged one is left out
    (reading the record now says so: :func:`merges`, :func:`refreshes`)."""
    for m in plan.journal.meta_rows() if batch_id is None else plan.journal.meta_rows(batch_id=batch_id):
        if m.key != key or not m.new:
            continue
        try:
            record = json.loads(m.new)
        except ValueError:
            continue
        if isinstance(record, dict) and fork_id is not None:
            record = record.get(fork_id, {})
        if isinstance(record, dict):
            yield m.batch_id, record


def for_merge(company: Plan, dept: Plan, origin: Origin) -> Points:
    """A merge reads the department file after the last merge's point (the refreshes it took left out) and
    the company plan after that merge."""
    last = merges(company).get(origin.fork_id, {})
    dept_batch = merged_point(company, origin)
    redone = _redone(dept, REFRESH_KEY, dept_batch)
    refreshed = frozenset({b.id for b in dept.journal.batches() if b.kind == "refresh" and b.id > dept_batch}
                          | redone)
    standing = {int(b) for b in refreshes(dept).get("batches", [])} | redone
    return Points(dept_batch, int(last.get("company_batch", origin.fork_batch)), known_ids(company, dept, origin),
                  refreshed, refreshed & standing)


def for_refresh(company: Plan, dept: Plan, origin: Origin) -> Points:
    """A refresh reads the company plan after the last refresh's point (the merges of this file left out)
    and the department file after that refresh."""
    last = refreshes(dept)
    company_batch = refreshed_point(dept, origin)
    merged = merge_batches(company, origin, company_batch)
    return Points(int(last.get("dept_batch", origin.start_batch)), company_batch, known_ids(company, dept, origin),
                  merged, merged)


def merge_batches(company: Plan, origin: Origin, after: int) -> frozenset[int]:
    """The merges of the file ``origin`` after batch ``after`` that stand in the company plan (redone included)."""
    merged = {int(b) for b in merges(company).get(origin.fork_id, {}).get("batches", []) if int(b) > after}
    return frozenset(merged | _redone(company, MERGES_KEY, after, origin.fork_id))


def sync_kind_batches(plan: Plan, kind: str, after: int) -> frozenset[int]:
    """Every batch of ``kind`` ("refresh", "merge") after batch ``after``, standing or not. A version restored
    in the file takes the nodes back to before a sync, and the record of the syncs with them, but keeps the
    numbers entered since, the sync's among them: those still read as the sync wrote them are the other
    file's, agreed — not this file's change (2364: a refresh's comment kept by a restore was taken for the
    department's, against the company's deletion of its strategy)."""
    return frozenset(b.id for b in plan.journal.batches() if b.kind == kind and b.id > after)


def refresh_batches(dept: Plan, after: int) -> frozenset[int]:
    """The refreshes after batch ``after`` that stand in the department file (redone included)."""
    return frozenset({int(b) for b in refreshes(dept).get("batches", []) if int(b) > after}
                     | _redone(dept, REFRESH_KEY, after))


def unseen_since(point_this_way: int, point_other_way: int) -> int:
    """Where the receiving side's own changes are read from: the earlier of its point in this direction and
    the point the other direction last read it up to — a change made before the last merge (refresh) that
    the other file never took is still news to it."""
    return min(point_this_way, point_other_way)


def _redone(plan: Plan, key: str, after: int, fork_id: str | None = None) -> set[int]:
    """The batches after ``after`` that wrote a merge (``key``: the company's record of merges, of the file
    ``fork_id``) or a refresh (the department's record) again — a redo of its undo: each puts the merge or
    refresh back into the record, whose list of batches names the first, not the redo."""
    out = set()
    redone = {b.id for b in plan.journal.batches() if b.kind == "redo" and b.id > after}
    for m in plan.journal.meta_rows(after_batch=after):
        if m.key != key or m.batch_id not in redone:  # (a restore that brings a merge back is more than it)
            continue
        try:
            old, new = (json.loads(v) if v else {} for v in (m.old, m.new))
            if fork_id is not None:
                old, new = old.get(fork_id, {}), new.get(fork_id, {})
            if set(new.get("batches", [])) - set(old.get("batches", [])):
                out.add(m.batch_id)
        except (ValueError, AttributeError, TypeError):
            continue                    # a damaged record: reading it says so (merges(), refreshes())
    return out


def cut_ids(dept: Plan, origin: Origin) -> set[int]:
    """The nodes the department file was cut with (the company's ids)."""
    return {row.node_id for row in dept.journal.batch_rows(origin.start_batch) if row.action == "create"}


def undone_copies(dept: Plan) -> frozenset[int]:
    """The nodes refreshes made in the department file that are gone with their refresh — it was undone, or
    a version saved before it was restored: the record of the refreshes no longer holds it, nor the company
    ids of its copies. Neither their making nor their removal is the department's doing, and their ids name
    nothing in the company (another company node may have the same id). Every refresh, also one the last
    merge read: undone since, its copies' removal is after that merge (as :func:`undone_merge_copies`)."""
    gone, live = undone_refreshes(dept)
    return _gone_with(dept, gone, live) if gone else frozenset()


def undone_merge_copies(company: Plan, origin: Origin) -> frozenset[int]:
    """The nodes merges of the file ``origin`` made in the company plan that are gone with their merge —
    undone, or a version saved before it restored: the record of merges no longer holds it. Their removal is
    not the company's doing (the department keeps its own nodes, as when no refresh came in between)."""
    gone, live = undone_merges(company, origin)
    return _gone_with(company, gone, live) if gone else frozenset()


def undone_refreshes(dept: Plan) -> tuple[set[int], set[int]]:
    """The refresh batches of the department file that no longer stand (undone, or gone with a restored
    version), and those that do."""
    live = {int(b) for b in refreshes(dept).get("batches", [])}
    return {b.id for b in dept.journal.batches() if b.kind == "refresh"} - live, live


def undone_merges(company: Plan, origin: Origin) -> tuple[set[int], set[int]]:
    """The merge batches of the file ``origin`` that no longer stand in the company plan, and those that do."""
    merged = {b.id for b in company.journal.batches() if b.kind == "merge" and b.id > origin.fork_batch}
    live = {int(b) for b in merges(company).get(origin.fork_id, {}).get("batches", [])}
    if not merged:
        return set(), live
    ours = {m.batch_id for m in company.journal.meta_rows(after_batch=origin.fork_batch)
            if m.key == MERGES_KEY and m.batch_id in merged and origin.fork_id in _fork_ids(m.new)}
    return ours - live, live


def _gone_with(plan: Plan, gone: set[int], live: set[int]) -> frozenset[int]:
    """The nodes the batches ``gone`` made that are not in the plan now, nor made by a batch still ``live``
    (a redo puts a node back under the same id). Not a node such a batch only brought back (made before it,
    deleted here, and taken back from the other file as itself): gone with its batch, it is as this side had
    it — deleted by this side, which the other file is still to hear (7390)."""
    made: dict[int, int] = {}                       # node → the first gone batch that made it
    for b, nodes in sorted(plan.journal.created_in(gone).items()):
        for i in nodes:
            made.setdefault(i, b)
    for nodes in plan.journal.created_in(live).values():
        for i in nodes:
            made.pop(i, None)
    made = {i: b for i, b in made.items() if not plan.nodes.exists(i)}
    if made:
        earlier = {row.node_id for row in plan.journal.rows(node_ids=made)
                   if row.action == "create" and row.batch_id < made[row.node_id]}
        made = {i: b for i, b in made.items() if i not in earlier}
    return frozenset(made)


def _fork_ids(text: str | None) -> set[str]:
    try:
        found = json.loads(text) if text else {}
    except ValueError:
        return set()
    return set(found) if isinstance(found, dict) else set()


def held_by(other: Plan, other_id: Callable[[int], int | None], at_batch: int) -> Callable[[int, str, object], bool]:
    """Whether the file ``other`` held a period's numbers as given when it was last taken (right after its
    batch ``at_batch``: what it sent); ``other_id``: this side's node id → the other file's (None: a node it
    does not have)."""
    found: dict[int, dict[str, tuple]] = {}

    def held(node_id: int, period: str, value) -> bool:
        there = other_id(node_id)
        if there is None:
            return True
        if there not in found:
            found[there] = other.actuals.values(there, at_batch)
        return found[there].get(period) == value
    return held


def refresh_syncs(dept: Plan) -> list[tuple[int, int]]:
    """Each refresh standing in the department file: (the company's batch it read up to, its own batch)."""
    return _syncs(dept, REFRESH_KEY, {int(b) for b in refreshes(dept).get("batches", [])}, "company_batch",
                  "dept_batch")


def merge_syncs(company: Plan, origin: Origin) -> list[tuple[int, int]]:
    """Each merge of the file ``origin`` standing in the company plan: (the department's batch it read up to,
    its own batch)."""
    live = {int(b) for b in merges(company).get(origin.fork_id, {}).get("batches", [])}
    return _syncs(company, MERGES_KEY, live, "dept_batch", "company_batch", origin.fork_id)


def _syncs(plan: Plan, key: str, live: set[int], read: str, own: str, fork_id: str | None = None
           ) -> list[tuple[int, int]]:
    """(read, own) of every record ``key`` written whose own batch is still ``live`` (from the settings' journal)."""
    out = set()
    for _batch, record in _journaled_records(plan, key, fork_id):
        try:
            pair = int(record[read]), int(record[own])
        except (ValueError, KeyError, TypeError):
            continue                    # a damaged record: reading it says so (merges(), refreshes())
        if pair[1] in live:
            out.add(pair)
    return sorted(out)


def merged_point(company: Plan, origin: Origin) -> int:
    """The department file's batch the last merge of it read up to (what it sent)."""
    return int(merges(company).get(origin.fork_id, {}).get("dept_batch", origin.start_batch))


def refreshed_point(dept: Plan, origin: Origin) -> int:
    """The company plan's batch the last refresh read up to (what it sent)."""
    return int(refreshes(dept).get("company_batch", origin.fork_batch))
