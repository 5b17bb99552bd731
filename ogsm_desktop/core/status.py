"""Status and progress: each goal and measure from its latest actual, rolled up through the cascade.

Direction-aware: for a lower-is-better measure, being under the target is good. Thresholds:
``amber`` and ``red`` are values on the measure's own scale; worse than ``amber`` is at risk, worse
than ``red`` is off track. Without thresholds, anything short of the target is at risk and more than
10 % short (of the target's size) is off track.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import QUANTIFIED, Actual, Direction, Kind, Node, Status, Tree
from .perf import paused_gc

DEFAULT_RED_SHORTFALL = 0.10
STATUS_COLOURS = {
    "on_track": "#2e7d32", "at_risk": "#ef8f00", "off_track": "#c62828",
    "done": "#1565c0", "not_started": "#757575", "no_data": "#9e9e9e",
}
_SEVERITY = {Status.OFF_TRACK: 3, Status.AT_RISK: 2, Status.ON_TRACK: 1, Status.DONE: 0}


@dataclass(frozen=True)
class Standing:
    status: Status
    progress: float | None      # 0..1, None when unknown
    derived: bool               # True when computed from actuals or from the nodes below


def latest(actuals: list[Actual]) -> Actual | None:
    """The newest period that has a value (``actuals`` ordered by period)."""
    return next((a for a in reversed(actuals) if a.actual is not None), None)


def _worse(value: float, limit: float, lower_is_better: bool) -> bool:
    return value > limit if lower_is_better else value < limit


def measure_status(node: Node, value: float, target: float | None) -> Status:
    """Status of one value of a goal or measure against its target and thresholds."""
    if target is None:
        return Status.NO_DATA
    lower = node.direction == Direction.LOWER
    red = node.red
    if red is None:
        margin = abs(target) * DEFAULT_RED_SHORTFALL
        red = target + margin if lower else target - margin
    amber = node.amber if node.amber is not None else target
    if _worse(value, red, lower):
        return Status.OFF_TRACK
    if _worse(value, amber, lower):
        return Status.AT_RISK
    return Status.ON_TRACK


def progress(node: Node, value: float, target: float | None) -> float | None:
    """How far the value has come from the baseline to the target, clipped to 0..1."""
    if target is None:
        return None
    if node.baseline is not None and node.baseline != target:
        ratio = (value - node.baseline) / (target - node.baseline)
    elif node.direction == Direction.LOWER:
        ratio = 1.0 if value <= target else (target / value if value > 0 else 0.0)
    elif target != 0:
        ratio = value / target
    else:
        ratio = 1.0 if value >= target else 0.0
    return max(0.0, min(1.0, ratio))


def standing_of(node: Node, last: Actual | None) -> Standing:
    """A goal's or measure's standing from its latest actual; other kinds keep their set status."""
    if node.kind in QUANTIFIED:
        if last is not None and last.actual is not None:
            # Status against this period's target; progress towards the goal's own (final) target.
            target = last.target if last.target is not None else node.target
            final = node.target if node.target is not None else target
            return Standing(measure_status(node, last.actual, target), progress(node, last.actual, final), True)
        return Standing(Status.NO_DATA, None, False)
    return Standing(Status(node.status), 1.0 if node.status == Status.DONE else None, False)


def _combine(parts: list[tuple[Standing, float]], own: Node) -> Standing:
    if not parts:
        return Standing(Status(own.status), None, False)
    total = value = 0.0
    worst, worst_rank = None, -1
    for standing, weight in parts:
        if standing.progress is not None:
            total += weight
            value += standing.progress * weight
        rank = _SEVERITY.get(standing.status, -1)
        if rank > worst_rank:
            worst, worst_rank = standing.status, rank
    return Standing(worst if worst is not None else Status(own.status), value / total if total else None, True)


def _parts(node: Node, kinds, tree: Tree, out: dict[int, Standing]) -> list[tuple[Standing, float]]:
    return [(out[k], 1.0 if tree.nodes[k].weight is None else tree.nodes[k].weight)
            for k in tree.children.get(node.id, ()) if tree.nodes[k].kind in kinds and out[k].derived]


def _standing(tree: Tree, node: Node, latest: dict[int, Actual], out: dict[int, Standing]) -> Standing:
    """One node's standing, its children's standings being in ``out`` already."""
    if node.kind in QUANTIFIED or node.kind is Kind.ACTION:
        return standing_of(node, latest.get(node.id))
    if node.kind is Kind.STRATEGY:
        return _combine(_parts(node, (Kind.MEASURE, Kind.OBJECTIVE), tree, out), node)
    return _combine(_parts(node, (Kind.GOAL,), tree, out) or _parts(node, (Kind.STRATEGY,), tree, out), node)


def roll_up(tree: Tree, latest: dict[int, Actual]) -> dict[int, Standing]:
    """Standing of every node: measures and goals from their latest actual; strategies from their
    measures and cascaded objectives; objectives from their goals (or, without goals that have data,
    their strategies). Weights are optional and equal by default."""
    out: dict[int, Standing] = {}
    with paused_gc():
        for node, _ in reversed(list(tree.walk())):          # children before parents
            out[node.id] = _standing(tree, node, latest, out)
    return out


def refresh(tree: Tree, latest: dict[int, Actual], out: dict[int, Standing], node_ids) -> set[int]:
    """Recompute the standings of ``node_ids`` and of everything above them, in place; returns the ids
    whose standing changed. Costs the depth of the tree, not its size."""
    todo: dict[int, int] = {}
    for nid in node_ids:
        if nid in tree.nodes and nid not in todo:
            chain = [nid] + [a.id for a in tree.ancestors(nid)]
            for depth, aid in enumerate(reversed(chain)):
                todo[aid] = max(todo.get(aid, 0), depth)
    for gone in [k for k in out if k not in tree.nodes]:
        del out[gone]
    changed = set()
    for nid in sorted(todo, key=todo.__getitem__, reverse=True):       # deepest first
        new = _standing(tree, tree.nodes[nid], latest, out)
        if out.get(nid) != new:
            out[nid] = new
            changed.add(nid)
    return changed
