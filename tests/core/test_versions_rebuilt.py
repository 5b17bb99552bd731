"""The state at a version is rebuilt from the journal, not kept: after random edits, moves, deletions,
undos and restores, every version must come back exactly as it was saved, and a comparison of any two
must name exactly the differences between them."""

import random

import pytest

from ogsm_desktop.core import versions as ver
from ogsm_desktop.core.errors import PlanError
from ogsm_desktop.core.model import ALL_FIELDS, Kind, Tree, node_values
from ogsm_desktop.core.storage import Plan

_EDITED = ("title", "owner", "description", "target", "status", "unit", "weight")


def _snapshot(tree: Tree) -> tuple[dict, dict]:
    return ({nid: node_values(n) for nid, n in tree.nodes.items()},
            {p: list(ids) for p, ids in tree.children.items() if ids})


def _fresh_tree(plan: Plan) -> Tree:
    """The nodes as the file holds them, read past every cache."""
    cols = ", ".join(ALL_FIELDS)
    rows = plan.conn.execute(f"SELECT {cols} FROM nodes").fetchall()
    from ogsm_desktop.core.model import node_from_values
    return Tree.build({r[0]: node_from_values(r) for r in rows})


def _random_edit(plan: Plan, rng: random.Random, step: int) -> None:
    tree = plan.nodes.tree()
    ids = sorted(tree.nodes)
    nid = rng.choice(ids)
    node = tree.nodes[nid]
    op = rng.random()
    if op < 0.45:
        field = rng.choice(_EDITED)
        if field == "target" or field == "weight":
            value = rng.choice([None, round(rng.uniform(0, 100), 3), 7])
        elif field == "status":
            value = rng.choice(["not_started", "on_track", "at_risk", "done"])
        else:
            value = rng.choice(["", f"{field} {step}", f"第{step}步 {field}", f"{field}\nline two"])
        plan.nodes.update(nid, **{field: value})
    elif op < 0.6:
        kind = {Kind.OBJECTIVE: [Kind.GOAL, Kind.STRATEGY], Kind.STRATEGY: [Kind.MEASURE, Kind.ACTION, Kind.OBJECTIVE],
                }.get(node.kind)
        if kind:
            siblings = len(tree.children.get(nid, []))
            plan.nodes.add(nid, rng.choice(kind), rng.randint(0, siblings), title=f"new {step}")
    elif op < 0.66:
        if node.kind is Kind.MEASURE:
            plan.actuals.write([(nid, f"2026-{rng.randint(1, 12):02d}", round(rng.uniform(0, 9), 2), None, "")])
    elif op < 0.74:
        if node.parent_id is not None:
            plan.nodes.delete(nid)
    elif op < 0.87:
        if node.parent_id is not None:
            same_kind = [p for p in ids if tree.nodes[p].kind == tree.nodes[node.parent_id].kind]
            parent = rng.choice(same_kind + [node.parent_id] * 3)
            with plan.batch("edit", f"move {step}"):
                try:
                    plan.nodes.move(nid, parent, rng.randint(0, len(tree.children.get(parent, []))))
                except PlanError:
                    pass
    else:
        batches = [b.id for b in plan.journal.batches() if b.kind in ("edit", "restore")]
        if batches:
            try:
                plan.revert_batch(rng.choice(batches[-6:]), f"undo {step}")
            except PlanError:
                pass


def _longest_kept(seq: list[int]) -> int:
    """The length of the longest increasing subsequence, the plain quadratic way."""
    best = [1] * len(seq)
    for i in range(len(seq)):
        for j in range(i):
            if seq[j] < seq[i]:
                best[i] = max(best[i], best[j] + 1)
    return max(best, default=0)


def _check_order(sa: tuple[dict, dict], sb: tuple[dict, dict], moved: set[int]) -> None:
    """Under every parent, the siblings that stayed and are not said to have moved keep their order, and
    only the fewest siblings that explain the new order are said to have moved."""
    for parent, kids_b in sb[1].items():
        kids_a = sa[1].get(parent, [])
        stayed = [k for k in kids_b if k in set(kids_a)]
        rank_a = {k: i for i, k in enumerate(k for k in kids_a if k in set(stayed))}
        still = [k for k in stayed if k not in moved]
        assert [rank_a[k] for k in still] == sorted(rank_a[k] for k in still), parent
        assert len(stayed) - len(still) == len(stayed) - _longest_kept([rank_a[k] for k in stayed]), parent


@pytest.mark.parametrize("seed", range(12))
def test_every_version_comes_back_as_saved_and_compares_exactly(demo_path, seed):
    rng = random.Random(seed)
    saved: dict[str, tuple[dict, dict]] = {}
    with Plan.open(demo_path) as plan:
        for step in range(60):
            _random_edit(plan, rng, step)
            if step % 6 == 5:
                name = f"v{step}"
                ver.save_version(plan, name, "test")
                saved[name] = _snapshot(_fresh_tree(plan))
            if step == 40 and saved:
                ver.restore(plan, rng.choice(sorted(saved)), "back")
        saved[ver.NOW] = _snapshot(_fresh_tree(plan))
        for name, expected in saved.items():
            assert _snapshot(ver.tree_at(plan, ver.resolve(plan, name).batch_id)) == expected, name
        names = sorted(saved)
        pairs = [(a, b) for a in names for b in names if a != b]
        for a, b in rng.sample(pairs, 25):
            sa, sb = saved[a], saved[b]
            diff = ver.compare(plan, ver.resolve(plan, a), ver.resolve(plan, b))
            got = {c.node.id: c for c in diff.nodes}
            assert {i for i, c in got.items() if c.change == "added"} == sb[0].keys() - sa[0].keys()
            assert {i for i, c in got.items() if c.change == "removed"} == sa[0].keys() - sb[0].keys()
            for nid in sa[0].keys() & sb[0].keys():
                fields = [(f, x, y) for f, x, y in zip(ALL_FIELDS, sa[0][nid], sb[0][nid], strict=True)
                          if x != y and f not in ("id", "parent_id", "position")]
                reparented = sa[0][nid][4] != sb[0][nid][4]
                change = got.get(nid)
                if change is None:
                    assert not fields and not reparented, (a, b, nid)
                    continue
                assert change.fields == fields, (a, b, nid)
                assert change.node.id == nid and node_values(change.node) == sb[0][nid]
                assert change.change == ("moved" if reparented else change.change)
                assert change.change == "moved" or fields, (a, b, nid)
            _check_order(sa, sb, {i for i, c in got.items() if c.change == "moved" and sa[0][i][4] == sb[0][i][4]})
    with Plan.open(demo_path):          # every undo and restore left a plan that opens (its rows checked)
        pass
