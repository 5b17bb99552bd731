"""What a printed report holds, gathered from the plan (no Qt): the one-page OGSM of each org unit in
scope, the cascade overview, the cascade map, measure charts, alerts and the changes since a version —
now, or as the plan stood at a named version.

Two presets put a pack together for a review meeting: the board pack (a cover; the company's one-page
OGSM; the cascade map of the company and its departments; the review of the period with the counts
achieved and not achieved, the alerts and the changes since the last version, of the company and its
departments) and the department pack (the same for one unit and everything below it)."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from . import alerts as alert_rules
from . import charts, monitoring, periods, plan_alerts
from . import versions as ver
from .change_list import UnitChanges, changes_by_unit
from .departments import origin_of
from .errors import ValidationError
from .i18n import _, quoted
from .model import QUANTIFIED, Kind, Node, Tree
from .review import Review, review
from .status import Standing
from .storage import Plan

MAX_CHARTS = 24


@dataclass
class ReportOptions:
    scope: str = "plan"                 # plan / objective (one page) / below (that objective and its cascade)
    node_id: int | None = None          # the objective (or a node inside it) for objective / below
    onepages: bool = True
    overview: bool = True
    charts: bool = True
    alerts: bool = True
    changes_since: str | None = None    # a version name: list what changed since
    version: str | None = None          # print that version instead of the current plan
    today: dt.date | None = None        # the as-of date numbers are judged on
    review: str | None = None           # a review period (2026-05, 2026-Q2, 2026) of the units in scope
    cascade_map: bool = False           # the cascade map of the units in scope
    preset: str | None = None           # BOARD or DEPARTMENT: a pack (the other options are set from it)


BOARD, DEPARTMENT = "board", "department"


@dataclass(frozen=True)
class Cover:
    """A pack's first page: what it is, of which unit, for which period, and the headline numbers."""

    preset: str
    unit: Node
    period: str | None
    achieved: int
    not_achieved: int
    without: int                        # goals and measures without a number (an actual) for the period
    without_target: int                 # goals and measures with a number and no target to judge it by
    alerts: int
    since: str | None                   # the version the changes are told since


@dataclass
class ReportContent:
    plan_name: str
    plan_path: Path | None
    version_label: str                  # "current" (in the language spoken) or the version's name
    printed_on: dt.date
    tree: Tree
    standing: dict[int, Standing]
    as_of: dt.date | None = None        # the date statuses and numbers were judged as of
    units: list[Node] = field(default_factory=list)
    overview: list[tuple[Node, int]] = field(default_factory=list)
    charts: list[charts.MeasureSeries] = field(default_factory=list)
    alerts: list[alert_rules.Alert] = field(default_factory=list)
    changes: ver.Diff | None = None
    change_units: list[UnitChanges] = field(default_factory=list)    # the changes told one by one, by unit
    review: Review | None = None
    map_units: list[Node] = field(default_factory=list)      # the units whose cascade map pages are printed
    cover: Cover | None = None

    @property
    def sections(self) -> int:
        """How many pieces of work rendering takes (for progress)."""
        return (len(self.units) + bool(self.overview) + len(self.charts) + bool(self.alerts) + bool(self.changes)
                + bool(self.review) + len(self.map_units) + bool(self.cover))


def preset_options(plan: Plan, preset: str, node_id: int | None = None, period: str | None = None,
                   today: dt.date | None = None) -> ReportOptions:
    """The options of a pack: the board's (of the plan's top objective) or a department's (of the objective
    ``node_id`` belongs to; in a department file, by default its own unit); the review of ``period`` (default: the quarter of ``today``), the changes since
    the newest version the plan has changed since."""
    today = today or dt.date.today()
    if preset not in (BOARD, DEPARTMENT):
        raise ValidationError(_("{preset!r} is not a report preset (board, department)").format(preset=preset))
    if preset == DEPARTMENT and node_id is None and (origin := origin_of(plan)) is not None:
        if plan.nodes.exists(origin.unit_id):
            node_id = origin.unit_id                 # a department file: its own unit
    if preset == DEPARTMENT and node_id is None:
        raise ValidationError(_("a department pack is of one unit: name its objective"))
    return ReportOptions(scope="below", node_id=node_id, overview=False, charts=False, alerts=True,
                         changes_since=_last_version_changed_since(plan, *_pack_units(plan, preset, node_id)),
                         today=today,
                         review=period or periods.period_containing(today, "quarterly"), cascade_map=True,
                         preset=preset)


def _pack_units(plan: Plan, preset: str, node_id: int | None) -> tuple[Tree, set[int]]:
    """The plan's tree and the units whose changes a pack tells: the company and its departments for the
    board, the unit and every unit below it for a department."""
    tree = plan.nodes.tree()
    top = _pack_top(tree, ReportOptions(scope="below", node_id=node_id, preset=preset))
    objectives = [] if top is None else [top] + [n for n in tree.descendants(top.id) if n.kind is Kind.OBJECTIVE]
    return tree, _shown_units(tree, top, objectives, preset)


def _last_version_changed_since(plan: Plan, tree: Tree, units: set[int]) -> str | None:
    """The name of the newest version the pack's ``units`` have changed since (a version saved just before
    printing, nothing of theirs changed after it, is their part as it is: the changes since the one before are
    told); the newest when none.

    Only the batches that wrote their part are read first (its nodes, their numbers, a node deleted from it
    or moved out of it: from the journal and the actuals' history, one pass each). A version with none after it
    is their part as it is; of the others, only those with such a batch between them and the next newer one
    are compared in full (an edit and its undo leave the part as the version froze it) — a version with none
    is, for the part, the same as the next."""
    saved = plan.versions.all()
    if not saved:
        return None
    mine = {n.id for n in tree.nodes.values() if tree.unit_of(n).id in units}
    oldest = saved[0].batch_id
    written = {batch for node, batch in plan.journal.touched_after(oldest) if node in mine}
    written |= {batch for node, batch, parent in plan.journal.left_after(oldest) if parent in mine}
    written |= {batch for node, batch in plan.actuals.written_after(oldest) if node in mine}
    writes = sorted(written)
    now = ver.resolve(plan, ver.NOW)
    newer = None                                       # the batch of the next newer version
    for version in reversed(saved):
        since = bisect.bisect_right(writes, version.batch_id)
        until = len(writes) if newer is None else bisect.bisect_right(writes, newer)
        newer = version.batch_id
        if since == until:                             # no write of theirs between it and the next newer one
            continue
        diff = ver.compare(plan, ver.resolve(plan, version.name), now)
        if not diff.empty and changes_by_unit(plan, diff, tree, units, limit=1, with_batches=False):
            return version.name
    return saved[-1].name


def gather(plan: Plan, options: ReportOptions) -> ReportContent:
    today = options.today or dt.date.today()
    point = ver.resolve(plan, options.version)
    at_batch = None if point.version is None else point.batch_id
    tree = ver.tree_at(plan, point.batch_id)
    standing = monitoring.standings(plan, today, tree=tree, at_batch=at_batch)
    content = ReportContent(plan.name, plan.path, _("current") if point.version is None else point.label,
                            dt.date.today(), tree, standing, today)
    top = _pack_top(tree, options)
    if options.preset == BOARD and top is None:
        raise ValidationError(_("the plan has no objective to make a board pack of"))
    if options.scope == "objective" and top is not None:
        in_scope = [top] + [n for n in tree.descendants(top.id) if _same_page(tree, n, top)]
    elif top is not None:
        in_scope = [top] + tree.descendants(top.id)
    else:
        in_scope = [n for n, _depth in tree.walk()]
    objectives = [top] if options.scope == "objective" and top is not None else [
        n for n in in_scope if n.kind is Kind.OBJECTIVE]
    shown = _shown_units(tree, top, objectives, options.preset)
    if options.onepages:
        content.units = [top] if options.preset == BOARD else objectives
    if options.cascade_map:
        below = {u.id for u in objectives if any(k.kind is Kind.OBJECTIVE for s in tree.kids(u.id)
                                                 for k in tree.kids(s.id))}
        content.map_units = [top] if options.preset == BOARD else [u for u in objectives if u.id in below]
    if options.overview and options.scope != "objective":
        scope_ids = {n.id for n in in_scope}
        content.overview = [(n, d) for n, d in tree.walk() if n.id in scope_ids]
    scope_ids = {n.id for n in in_scope}
    if options.alerts or options.charts:
        found = plan_alerts.evaluate(plan, today, tree=tree, at_batch=at_batch)
        content.alerts = [a for a in found if a.node.id in scope_ids and tree.unit_of(a.node).id in shown
                          ] if options.alerts else []
        if options.charts:
            first = [a.node for a in found if a.node.id in scope_ids]
            if objectives:
                first += [n for n in tree.kids(objectives[0].id) if n.kind in QUANTIFIED]
                for strategy in (n for n in tree.kids(objectives[0].id) if n.kind is Kind.STRATEGY):
                    first += [n for n in tree.kids(strategy.id) if n.kind in QUANTIFIED]
            # goals and measures only: an action's alert (overdue) is told among the alerts, it has no numbers
            chosen = [n for n in {n.id: n for n in first}.values() if n.kind in QUANTIFIED][:MAX_CHARTS]
            content.charts = [charts.measure_series(plan, n, at_batch, today) for n in chosen]
    if options.changes_since:
        since = ver.resolve(plan, options.changes_since)
        if since.batch_id > point.batch_id:     # (compared, it would list them backwards: what was undone as made)
            raise ValidationError(_("the changes are told since {since}, which is later than the version printed "
                                    "({version}): choose a version saved before it").format(
                since=quoted(since.label), version=quoted(point.label)))
        diff = ver.compare(plan, since, point)
        content.changes = diff
        content.change_units = changes_by_unit(plan, diff, tree, None if top is None else {
            n.id for n in in_scope if n.kind is Kind.OBJECTIVE and n.id in shown})
    if options.review:
        if at_batch is not None:
            raise ValidationError(_("a review is of the current plan, not of a version"))
        content.review = review(plan, options.review, top.code if top is not None else None, today)
        content.review.rows = [r for r in content.review.rows if r.unit.id in shown]
    if options.preset is not None:
        totals = content.review.totals() if content.review is not None else (0, 0, 0, 0)
        period = content.review.period if content.review is not None else options.review   # as the review says it
        content.cover = Cover(options.preset, top, period, *totals, len(content.alerts),
                              options.changes_since)
    return content


def _shown_units(tree: Tree, top: Node | None, objectives: list[Node], preset: str | None) -> set[int]:
    """The units whose items a report tells (alerts, review rows, changes): those in scope; for the board,
    the company and the units right below it (its departments)."""
    if preset != BOARD or top is None:
        return {u.id for u in objectives} if top is not None else {n.id for n in tree.nodes.values()
                                                                   if n.kind is Kind.OBJECTIVE}
    return {top.id} | {k.id for s in tree.kids(top.id) if s.kind is Kind.STRATEGY for k in tree.kids(s.id)
                       if k.kind is Kind.OBJECTIVE}


def _pack_top(tree: Tree, options: ReportOptions) -> Node | None:
    """The objective a report is of: the plan's top one for the board, else the unit of the node chosen
    (None: the whole plan)."""
    if options.preset == BOARD:
        return next((n for n in tree.roots() if n.kind is Kind.OBJECTIVE), None)
    if options.scope == "plan" or options.node_id is None or options.node_id not in tree.nodes:
        return None
    return tree.unit_of(tree.nodes[options.node_id])


def _same_page(tree: Tree, node: Node, objective: Node) -> bool:
    """Whether ``node`` belongs to ``objective``'s own page (not to a lower objective's)."""
    parent = node.parent_id
    while parent is not None:
        above = tree.nodes[parent]
        if above.kind is Kind.OBJECTIVE:
            return above.id == objective.id
        parent = above.parent_id
    return False
