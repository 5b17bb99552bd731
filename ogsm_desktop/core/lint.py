"""The method checks of OGSM: advice, never a block. Each warning names the node it concerns."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from . import periods
from .figures import QUARTER, level_target, quarter_of
from .i18n import _, ngettext, quoted
from .labels import choice_label
from .model import Aggregation, Direction, Kind, Node, TargetMode, Tree
from .plan_settings import MonitorSettings
from .status import limits

_DEFAULTS = MonitorSettings()
_NUMBER = re.compile(r"\d|%|[０-９]")


@dataclass(frozen=True)
class MethodWarning:
    node: Node
    rule: str
    message: str


def _advice(count: int, low: int, high: int, kind: Kind) -> str | None:
    """Too few or too many goals or strategies under an objective (the method advises low–high)."""
    if low <= count <= high:
        return None
    if kind is Kind.GOAL:
        text = (ngettext("has {count} goal; the method advises {low}–{high}",
                         "has {count} goals; the method advises {low}–{high}", count) if count < low else
                ngettext("has {count} goal; the method advises {low}–{high} (focus)",
                         "has {count} goals; the method advises {low}–{high} (focus)", count))
    else:
        text = (ngettext("has {count} strategy; the method advises {low}–{high}",
                         "has {count} strategies; the method advises {low}–{high}", count) if count < low else
                ngettext("has {count} strategy; the method advises {low}–{high} (focus)",
                         "has {count} strategies; the method advises {low}–{high} (focus)", count))
    return text.format(count=count, low=low, high=high)


TargetsOf = Callable[[int], Mapping[str, float]]      # a node's periods' targets, by period


def check_node(tree: Tree, node: Node, settings: MonitorSettings = _DEFAULTS,
               targets_of: TargetsOf | None = None) -> list[MethodWarning]:
    """The method warnings of one node (they depend on the node and its children only, on the plan's
    ``settings`` and, for thresholds, on the targets of the node's periods: ``targets_of(node_id)``). A
    department file's locked context has none: it holds the department's part of it only (the company's
    plan is where it is checked)."""
    out: list[MethodWarning] = []
    if node.id in tree.context:
        return out
    kids = tree.kids(node.id)
    if node.kind is Kind.OBJECTIVE:
        if _NUMBER.search(node.title):
            out.append(MethodWarning(node, "objective-words",
                                     _("an objective is written in words, without numbers (numbers belong in goals)")))
        for kind, rule in ((Kind.GOAL, "goals-count"), (Kind.STRATEGY, "strategies-count")):
            msg = _advice(sum(k.kind is kind for k in kids), 3, 5, kind)
            if msg:
                out.append(MethodWarning(node, rule, msg))
    elif node.kind is Kind.STRATEGY:
        if not node.owner.strip():
            out.append(MethodWarning(node, "strategy-owner", _("a strategy needs an owner")))
        if not any(k.kind is Kind.MEASURE for k in kids):
            out.append(MethodWarning(node, "strategy-measure", _("a strategy needs at least one measure")))
        if not any(k.kind in (Kind.ACTION, Kind.OBJECTIVE) for k in kids):
            out.append(MethodWarning(node, "strategy-action",
                                     _("a strategy needs at least one action or a cascade to a lower level")))
    elif node.kind is Kind.GOAL:
        stale = serving_changed(tree, node)
        if stale:
            out.append(MethodWarning(node, "serves-changed", stale))
        if node.target is None:
            out.append(MethodWarning(node, "goal-target", _("a goal needs a target")))
        if not node.due_date:
            out.append(MethodWarning(node, "goal-due", _("a goal needs a due date")))
    elif node.kind is Kind.MEASURE and node.target is None:
        out.append(MethodWarning(node, "measure-target",
                                 _("a measure needs a target to show whether the strategy works")))
    if node.kind in (Kind.GOAL, Kind.MEASURE):
        wrong = has_own_limits(node) and threshold_problem(
            node, settings, judged_targets(node, targets_of(node.id), settings.basis) if targets_of else ())
        if wrong:
            out.append(MethodWarning(node, "thresholds-side", wrong))
    return out


def judged_targets(node: Node, by_period: Mapping[str, float], basis: str) -> list[float]:
    """The targets the node's figures are judged against, from its periods' (``by_period``): each period's;
    with statuses judged on the quarter to date (``basis``), a summed measure's sums of its quarter's periods
    so far too (``figures.reading``: February's figure is January and February, against their targets)."""
    targets = list(by_period.values())
    if judged_as_set(node, basis):
        return targets
    so_far: dict[str, float] = {}
    for period in sorted(by_period, key=periods.sort_key):
        quarter = quarter_of(period)
        so_far[quarter] = total = so_far.get(quarter, 0.0) + by_period[period]
        targets.append(total)
    return targets


def judged_as_set(node: Node, basis: str) -> bool:
    """Whether the node's figures are judged against its periods' targets as they are (:func:`judged_targets`
    gives them back), not against sums of a quarter's too."""
    return basis != QUARTER or node.aggregation != Aggregation.SUM or node.target_mode != TargetMode.PERIOD


def has_own_limits(node: Node) -> bool:
    """Whether the goal or measure sets an amber or red threshold of its own (the plan's percentages alone
    are always in order; own ones are checked against its periods' targets)."""
    return node.amber is not None or node.red is not None


def threshold_problem(node: Node, settings: MonitorSettings = _DEFAULTS, period_targets: Iterable[float] = (),
                      level: bool = True) -> str | None:
    """Why the goal's or measure's amber and red limits cannot be right for its direction (None: they can),
    as they stand: its own thresholds where set, else the plan's percentages of the target (``status.limits``).
    A limit not beyond the target makes any shortfall read at risk or off track at once; red before amber
    means at risk never shows. A figure is judged against its period's target (``period_targets``, the
    targets its periods have) or, for a level each period is to reach, the measure's own (``level``: False
    for the period targets alone)."""
    if not has_own_limits(node):
        return None
    targets = {t for t in (*period_targets, level_target(node) if level else None) if t is not None}
    for target in sorted(targets):
        wrong = _limits_problem(node, target, settings)
        if wrong:
            return wrong
    return None


def _limits_problem(node: Node, target: float, settings: MonitorSettings) -> str | None:
    lower = node.direction == Direction.LOWER
    amber, red = limits(node, target, settings)

    def before(a: float, b: float) -> bool:         # a is strictly on the good side of b
        return a < b if lower else a > b

    def shown(value: float, own: float | None, pct: float) -> str:
        if own is not None:
            return _number(value)
        # the margin lies above the target for lower is better (or a negative target): 95 % stands for 105 %
        share = 200 - pct if lower != (target < 0) else pct
        return _("{value} ({pct}% of the target {target})").format(value=_number(value), pct=_number(share),
                                                                 target=_number(target))

    if not (before(red, target) or before(amber, target) or before(red, amber)):
        return None                                 # (the words below only for a problem: plans have thousands)
    words = {"target": _number(target), "direction": choice_label("direction", node.direction),
             "amber": shown(amber, node.amber, settings.amber_pct), "red": shown(red, node.red, settings.red_pct)}
    if before(red, target):
        return _("its off-track limit {red} is not beyond its target {target} for {direction}: any figure worse "
                 "than the target would read off track").format(**words)
    if before(amber, target):
        return _("its at-risk limit {amber} is not beyond its target {target} for {direction}: any figure worse "
                 "than the target would read at risk").format(**words)
    if before(red, amber):
        return _("its off-track limit {red} comes before its at-risk limit {amber} for {direction}: a figure "
                 "would never read at risk, only on track or off track").format(**words)
    return None


def _number(value) -> str:
    if value is None:
        return _("none")
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4f}".rstrip("0").rstrip(".")


def serving_changed(tree: Tree, goal: Node) -> str | None:
    """What changed in the measure above since ``goal`` last saw it (None: nothing, or no link)."""
    if goal.serves_id is None:
        return None
    above = tree.nodes.get(goal.serves_id)
    if above is None:
        return _("the measure above that this goal serves was deleted; link it to another or remove the link")
    changes = []
    if above.title != goal.serves_title:
        changes.append(_("title {old} → {new}").format(old=quoted(goal.serves_title), new=quoted(above.title)))
    if above.target != goal.serves_target:
        changes.append(_("target {old} → {new}").format(old=_number(goal.serves_target), new=_number(above.target)))
    if not changes:
        return None
    return _("the measure above, {code}, changed since this goal was set ({changes}): check it").format(
        code=above.code, changes="; ".join(changes))


def servers_of(tree: Tree, node_ids) -> set[int]:
    """The goals that serve any of ``node_ids`` (to check them again when those change)."""
    ids = set(node_ids)
    return {n.id for n in tree.nodes.values() if n.serves_id is not None and n.serves_id in ids}


def check(tree: Tree, settings: MonitorSettings = _DEFAULTS, targets_of: TargetsOf | None = None) -> list[MethodWarning]:
    """Every method warning of the plan, in tree order."""
    out: list[MethodWarning] = []
    codes = Counter(n.code for n in tree.nodes.values())
    for root in tree.roots()[1:]:
        out.append(MethodWarning(root, "one-objective",
                                 _("a plan page holds one objective; this is a second top objective")))
    for node, _depth in tree.walk():
        if codes[node.code] > 1:
            out.append(MethodWarning(node, "unique-code", _("code {code} is used {count} times").format(
                code=node.code, count=codes[node.code])))
        out.extend(check_node(tree, node, settings, targets_of))
    return out
