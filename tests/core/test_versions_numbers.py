"""The numbers of a version, over a random year of work: after values typed, changed and cleared, nodes
deleted and undone, versions saved and restored, a comparison of any two versions names exactly the numbers
that differ between them, and a restore makes them as the version had them (with its numbers), or as the
rules say (without: the targets of the periods the version knew come back, facts recorded since stay)."""

import random

import pytest

from ogsm_desktop.core import versions as ver
from ogsm_desktop.core.errors import PlanError
from ogsm_desktop.core.model import QUANTIFIED
from ogsm_desktop.core.storage import Plan

from .test_versions_rebuilt import _random_edit

PERIODS = ("2026-01", "2026-02", "2026-03", "2026-Q1", "2026-04", "2026-05", "2026-06", "2026")


def _numbers(plan: Plan) -> dict[tuple[int, str], tuple]:
    """Every current value as the file holds it: (actual, target, comment) by (node, period)."""
    return {(n, p): (a, t, c) for n, p, a, t, c in plan.conn.execute(
        "SELECT node_id, period, actual, target, comment FROM actuals WHERE ended_batch IS NULL")}


def _nodes(plan: Plan) -> set[int]:
    return {r[0] for r in plan.conn.execute("SELECT id FROM nodes")}


def _random_numbers(plan: Plan, rng: random.Random, step: int) -> None:
    tree = plan.nodes.tree()
    counted = sorted(n.id for n in tree.nodes.values() if n.kind in QUANTIFIED)
    if not counted:
        return
    op = rng.random()
    if op < 0.55:                     # values typed: a month's actual, its target, a comment, some at once
        rows = []
        for nid in rng.sample(counted, min(len(counted), rng.randint(1, 4))):
            period = rng.choice(PERIODS)
            actual = rng.choice([None, round(rng.uniform(0, 120), 2), 0.0])
            target = rng.choice([None, None, float(rng.randint(50, 150))])
            comment = rng.choice(["", "", f"note {step}", f"备注 {step}"])
            if actual is None and target is None and not comment:
                actual = 1.5
            rows.append((nid, period, actual, target, comment))
        plan.actuals.write(rows)
    elif op < 0.75:                   # a value cleared
        current = sorted(_numbers(plan))
        if current:
            with plan.batch("edit", f"clear {step}"):
                plan.actuals.restore_values({rng.choice(current): None})
    else:                             # one of the latest changes undone
        batches = [b.id for b in plan.journal.batches() if b.kind == "edit"]
        if batches:
            try:
                plan.revert_batch(rng.choice(batches[-4:]), f"undo {step}")
            except PlanError:
                pass


def _expected_without_numbers(version: dict, now: dict, nodes_then: set[int]) -> dict:
    """What a restore without the version's numbers leaves: the version's nodes' values, the targets of the
    periods the version knew as they were, the actuals and comments recorded since kept, and the periods the
    version did not know kept as they are."""
    out = {}
    for key in version.keys() | now.keys():
        if key[0] not in nodes_then:
            continue
        then, current = version.get(key), now.get(key)
        if current is None:
            value = then                        # (removed since: comes back)
        elif then is None:
            value = current                     # a period the version did not know
        else:
            value = (current[0], then[1], current[2])
        if value is not None:
            out[key] = value
    return out


@pytest.mark.parametrize("seed", range(8))
def test_the_numbers_of_every_version_compare_and_restore_exactly(demo_path, seed):
    rng = random.Random(seed)
    saved: dict[str, tuple[dict, set[int]]] = {}
    with Plan.open(demo_path) as plan:
        for step in range(70):
            if rng.random() < 0.6:
                _random_numbers(plan, rng, step)
            else:
                _random_edit(plan, rng, step)
            if step % 7 == 6:
                name = f"v{step}"
                ver.save_version(plan, name, "test")
                saved[name] = (_numbers(plan), _nodes(plan))
            if step in (30, 55) and saved:
                name = rng.choice(sorted(saved))
                version, nodes_then = saved[name]
                with_numbers = step == 30
                expected = dict(version) if with_numbers else _expected_without_numbers(version, _numbers(plan),
                                                                                         nodes_then)
                ver.restore(plan, name, "back", numbers=with_numbers)
                assert _numbers(plan) == expected, (name, with_numbers)
        saved[ver.NOW] = (_numbers(plan), _nodes(plan))
        names = sorted(saved)
        pairs = [(a, b) for a in names for b in names if a != b]
        for a, b in rng.sample(pairs, min(20, len(pairs))):
            (na, ids_a), (nb, ids_b) = saved[a], saved[b]
            diff = ver.compare(plan, ver.resolve(plan, a), ver.resolve(plan, b))
            got = {(c.node.id, period): (old, new) for c in diff.actuals for period, old, new in c.values}
            want = {key: (na.get(key), nb.get(key)) for key in na.keys() | nb.keys()
                    if na.get(key) != nb.get(key) and (key[0] in ids_a or key[0] in ids_b)}
            assert got == want, (a, b)
    with Plan.open(demo_path):          # every restore and undo left a plan that opens (its rows checked)
        pass
