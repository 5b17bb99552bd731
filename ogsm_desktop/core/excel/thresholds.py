"""The thresholds of goals and measures as an import would leave them, checked against the targets it would
leave them (``lint.threshold_problem``): said in the preview as warnings, never refused.

Checked once every sheet is read, since a workbook may give a measure its thresholds in one sheet and its
periods' targets in another: the measures a Measures sheet adds or changes, and the plan's measures with
thresholds of their own whose periods get targets from the workbook.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from operator import itemgetter

from ..i18n import labelled
from ..lint import has_own_limits, judged_as_set, judged_targets, threshold_problem
from ..model import Node
from ..storage.actuals import KEEP
from .reader import Reader

_node_of, _period_of, _target_of = itemgetter(0), itemgetter(1), itemgetter(4)


def check_later(reader: Reader, node: Node, before: Node | None = None) -> None:
    """Check ``node`` (as the import would leave it; ``before``: as the plan has it, None for a new one)
    once every sheet is read."""
    if has_own_limits(node):
        reader.limits_to_check.append((node, before))


def say_problems(reader: Reader) -> None:
    """Warn of the thresholds the import makes wrong, or wrong in another way; not of a problem the plan
    already has. ``reader``'s rows are sorted by node (``Reader.check_repeats``)."""
    checked = {(before.id if before is not None else node.code): (node, before) for node, before in reader.limits_to_check}
    for node in reader.nodes.values():           # the plan's, if the workbook gives their periods targets
        if has_own_limits(node) and node.id not in checked:
            checked[node.id] = (node, node)
    settings = reader.settings
    changing = {}
    added: dict[str, dict[str, float]] = {}      # the targets of the measures the workbook adds, by code
    for code, period, _actual, target, *_rest in reader.preview.pending:
        if target is not None and target is not KEEP:
            added.setdefault(code, {})[period] = target
    rows = reader.preview.rows
    ids = list(map(_node_of, rows)) if any(not isinstance(key, str) for key in checked) else []
    for key, (node, before) in checked.items():
        part = None if isinstance(key, str) else _part(rows, ids, key)
        values = added.get(key, {}).values() if part is None else _targets_in(part)
        if values or node is not before:         # its thresholds or its targets change
            changing[key] = (node, before, part, values)
    stored_of = reader.plan.actuals.period_targets(k for k in changing if not isinstance(k, str))
    for key, (node, before, part, values) in changing.items():
        stored_by_period = stored_of.get(key, {})
        if _short_way(node, before, stored_by_period, settings.basis):
            wrong = threshold_problem(node, settings, values, level=False)
        else:
            given = added.get(key, {}) if part is None else _given(part)
            stored = judged_targets(node, stored_by_period, settings.basis)
            after = judged_targets(node, {**stored_by_period, **given}, settings.basis)   # the workbook's replace
            if node is before:                   # its thresholds as they are: what the new targets make of them
                wrong = threshold_problem(node, settings, set(after) - set(stored), level=False)
            else:
                wrong = threshold_problem(node, settings, after)
                if wrong and before is not None and threshold_problem(before, settings, stored) and \
                        threshold_problem(before, settings, after) == wrong:
                    continue                     # the plan has it already, and the change does not alter it
        if wrong:
            reader.warn(labelled(node.code, wrong))


def _short_way(node: Node, before: Node | None, stored_by_period: dict[str, float], basis: str) -> bool:
    """Whether the node's new targets are what its thresholds are checked against, as they are: a plan's measure
    whose thresholds the import leaves, whose periods have no targets yet, judged against its periods' targets (the
    usual case: 17,000 measures a million rows give targets, their targets' values taken in C)."""
    return node is before and not stored_by_period and judged_as_set(node, basis)


def _part(rows: list[tuple], ids: list[int], node_id: int) -> list[tuple]:
    """The rows of the node ``node_id`` (``rows``: ``(node id, period, end, actual, target, …)`` sorted by node;
    ``ids``: their node ids), found by bisection: a million rows over 17,000 measures with thresholds of their
    own took 0.18 s one by one."""
    first = bisect_left(ids, node_id)
    if first == len(ids) or ids[first] != node_id:
        return []
    return rows[first:bisect_right(ids, node_id, lo=first)]


def _targets_in(part: list[tuple]) -> set[float]:
    """The targets the rows ``part`` give (not those they leave as they are, nor empty ones)."""
    values = set(map(_target_of, part))
    values.discard(None)
    values.discard(KEEP)
    return values


def _given(part: list[tuple]) -> dict[str, float]:
    """The periods' targets the rows ``part`` give, by period."""
    given = dict(zip(map(_period_of, part), map(_target_of, part), strict=True))
    keep, values = KEEP, given.values()
    if None in values or keep in values:          # (KEEP equals nothing but itself)
        given = {p: t for p, t in given.items() if t is not None and t is not keep}
    return given
