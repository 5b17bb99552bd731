"""Status and progress: each goal and measure from the figure it is judged on (see ``figures``), rolled
up through the cascade.

Status is judged against **the period's target**, direction-aware: a figure that meets or beats it is on
track, always. Short of it, the plan's percentages say how far is still on track (amber below 95 % of the
target, red below 90 % by default; for a lower-is-better measure, above 105 % and 110 %); a measure may
set absolute thresholds (``amber``, ``red``) on its own scale instead. Progress is how far the year to
date has come towards the measure's own target.
"""

from __future__ import annotations

from dataclasses import dataclass

from .figures import Reading, short_of
from .model import QUANTIFIED, Direction, Kind, Node, Status, Tree
from .perf import let_window_first, paused_gc
from .plan_settings import MonitorSettings

STATUS_COLOURS = {
    "on_track": "#2e7d32", "at_risk": "#ef8f00", "off_track": "#c62828",
    "done": "#1565c0", "not_started": "#757575", "no_data": "#9e9e9e",
    "no_target": "#9e9e9e",
}
_SEVERITY = {Status.OFF_TRACK: 3, Status.AT_RISK: 2, Status.ON_TRACK: 1, Status.DONE: 0}
_DEFAULTS = MonitorSettings()


@dataclass(frozen=True)
class Standing:
    status: Status
    progress: float | None      # 0..1, None when unknown
    derived: bool               # True when computed from actuals or from the nodes below
    reading: Reading | None = None


def limits(node: Node, target: float, settings: MonitorSettings = _DEFAULTS) -> tuple[float, float]:
    """The amber and red limits for a figure judged against ``target``: the measure's own absolute
    thresholds where it has them, else the plan's percentages of the target (direction-aware)."""
    lower = node.direction == Direction.LOWER

    def share(pct: float) -> float:
        margin = abs(target) * (100.0 - pct) / 100.0
        return target + margin if lower else target - margin

    amber = node.amber if node.amber is not None else share(settings.amber_pct)
    red = node.red if node.red is not None else share(settings.red_pct)
    return amber, red


def measure_status(node: Node, value: float, target: float | None,
                   settings: MonitorSettings = _DEFAULTS) -> Status:
    """Status of one figure of a goal or measure against its period's target (none: it cannot be judged)."""
    if target is None:
        return Status.NO_TARGET
    lower = node.direction == Direction.LOWER
    if not short_of(value, target, lower):
        return Status.ON_TRACK          # meets or beats the period's target: never amber or red
    amber, red = limits(node, target, settings)
    if short_of(value, red, lower):
        return Status.OFF_TRACK
    if short_of(value, amber, lower):
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


def standing_of(node: Node, reading: Reading | None, settings: MonitorSettings = _DEFAULTS) -> Standing:
    """A goal's or measure's standing from the figure it is judged on; other kinds keep their set status."""
    if node.kind in QUANTIFIED:
        if reading is None:
            return Standing(Status.NO_DATA, None, False)
        status = measure_status(node, reading.actual, reading.target, settings)
        if reading.partial:
            done = None                 # until the year to date is worked out
        elif node.target is not None and reading.to_date is not None:
            done = progress(node, reading.to_date, node.target)
        else:
            done = progress(node, reading.actual, reading.target)
        return Standing(status, done, True, reading)
    return Standing(Status(node.status), 1.0 if node.status == Status.DONE else None, False)


def _combine(parts: list[tuple[Standing, float]], own: Node) -> Standing:
    if not parts:
        return Standing(Status(own.status), None, False)
    total = value = 0.0
    worst, worst_rank = None, -1
    # weights as shares of the largest: huge weights (1e308 is a number a field takes) cannot overflow
    scale = max((abs(w) for s, w in parts if s.progress is not None), default=0.0) or 1.0
    for standing, weight in parts:
        if standing.progress is not None:
            total += weight / scale
            value += standing.progress * (weight / scale)
        rank = _SEVERITY.get(standing.status, -1)
        if rank > worst_rank:
            worst, worst_rank = standing.status, rank
    return Standing(worst if worst is not None else Status(own.status), value / total if total else None, True)


def _parts(node: Node, kinds, tree: Tree, out: dict[int, Standing]) -> list[tuple[Standing, float]]:
    # (a negative weight, refused now but taken before, counts for nothing)
    return [(out[k], 1.0 if tree.nodes[k].weight is None else max(tree.nodes[k].weight, 0.0))
            for k in tree.children.get(node.id, ()) if tree.nodes[k].kind in kinds and out[k].derived]


def _standing(tree: Tree, node: Node, readings: dict[int, Reading], out: dict[int, Standing],
              settings: MonitorSettings) -> Standing:
    """One node's standing, its children's standings being in ``out`` already."""
    if node.kind in QUANTIFIED or node.kind is Kind.ACTION:
        return standing_of(node, readings.get(node.id), settings)
    if node.kind is Kind.STRATEGY:
        return _combine(_parts(node, (Kind.MEASURE, Kind.OBJECTIVE), tree, out), node)
    return _combine(_parts(node, (Kind.GOAL,), tree, out) or _parts(node, (Kind.STRATEGY,), tree, out), node)


def roll_up(tree: Tree, readings: dict[int, Reading], settings: MonitorSettings = _DEFAULTS) -> dict[int, Standing]:
    """Standing of every node: measures and goals from their readings; strategies from their
    measures and cascaded objectives; objectives from their goals (or, without goals that have data,
    their strategies). Weights are optional and equal by default. A department file's locked context
    (``tree.context``) has none: it is judged in the company's plan, not from one department's part."""
    out: dict[int, Standing] = {}
    with paused_gc():
        for node, _ in reversed(list(tree.walk())):          # children before parents
            let_window_first()                               # (on a worker: see perf)
            if node.id not in tree.context:
                out[node.id] = _standing(tree, node, readings, out, settings)
    return out


def refresh(tree: Tree, readings: dict[int, Reading], out: dict[int, Standing], node_ids,
            settings: MonitorSettings = _DEFAULTS) -> set[int]:
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
        if nid in tree.context:                # judged in the company's plan (see roll_up)
            if out.pop(nid, None) is not None:
                changed.add(nid)
            continue
        new = _standing(tree, tree.nodes[nid], readings, out, settings)
        if out.get(nid) != new:
            out[nid] = new
            changed.add(nid)
    return changed
