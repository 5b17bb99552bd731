"""The period review (monthly, quarterly, year to date): every goal and measure of an org unit with its
target and actual for the period, achieved or not, the change since the previous period, its status
and its comment (the countermeasure of an item off track); counts achieved / not achieved per unit.
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from functools import cache

from . import figures, monitoring, owed, periods
from .calendar import add_months
from .errors import NotFoundError, ValidationError
from .excel.values import NotAPeriod, parse_period
from .fields import ValueProblem
from .i18n import _, enumerated, labelled, ngettext, quoted
from .labels import a_kind_label
from .model import QUANTIFIED, Actual, Aggregation, Kind, Node, Status
from .perf import paused_gc
from .plan_settings import MonitorSettings
from .status import measure_status
from .storage import Plan


@dataclass(frozen=True)
class ReviewRow:
    node: Node
    depth: int
    unit: Node                   # the objective (org unit) the item belongs to
    target: float | None
    actual: float | None
    previous: float | None       # the same figure for the period before
    achieved: bool | None        # None: no number or no target for the period
    status: Status
    comment: str
    comment_period: str | None   # the period whose comment holds the countermeasure (None: none started)
    owed: tuple[str, ...] | None = None   # the periods due without a number (see core/owed.py)

    @property
    def change(self) -> float | None:
        return None if self.actual is None or self.previous is None else self.actual - self.previous


@dataclass
class Review:
    period: str                  # 2026-05, 2026-Q2 or 2026 (the year to date)
    as_of: dt.date
    unit: Node | None
    rows: list[ReviewRow] = field(default_factory=list)

    def counts(self) -> dict[int, tuple[Node, int, int, int, int]]:
        """Per unit (objective id): ``(unit, achieved, not achieved, without a number, without a target)``."""
        out: dict[int, list] = {}
        for r in self.rows:
            entry = out.setdefault(r.unit.id, [r.unit, 0, 0, 0, 0])
            entry[_tally(r)] += 1
        return {k: tuple(v) for k, v in out.items()}

    def totals(self) -> tuple[int, int, int, int]:
        """``(achieved, not achieved, without a number, without a target)`` of every row."""
        out = [0, 0, 0, 0]
        for r in self.rows:
            out[_tally(r) - 1] += 1
        return tuple(out)


def _tally(row: ReviewRow) -> int:
    """Where a row is counted: 1 achieved, 2 not achieved, 3 without a number (no actual for the period),
    4 without a target (an actual, and no target to judge it by). A figure not judged while numbers are
    owed (:func:`owed.verdict`) is counted without a number."""
    if row.achieved is not None:
        return 1 if row.achieved else 2
    return 3 if row.actual is None or (row.owed and row.target is not None) else 4


NOTE_CODES = 12          # the codes a note under a review names at most (the mark is on every row)
BESIDE_FROM = 1000       # the figures of the period before of more measures than this are read beside the rest
OWED_MARK = "*"           # beside "achieved" of a row with periods due without a number (see :func:`owed_notes`)


def owed_mark(row: ReviewRow) -> str:
    """The mark after the "achieved" of ``row``: periods are due without a number."""
    return OWED_MARK if row.owed else ""


def periods_text(keys: tuple[str, ...]) -> str:
    """Periods as a user reads them: each of a few; of many, the first ones, the last and how many."""
    if len(keys) <= 6:
        return enumerated(keys)
    return ngettext("{first}, … {last} ({count} period)", "{first}, … {last} ({count} periods)", len(keys)).format(
        first=enumerated(keys[:3]), last=keys[-1], count=len(keys))


def owed_note(row: ReviewRow) -> str:
    """Which periods of ``row`` are due without a number, as a user reads it (empty: none)."""
    if not row.owed:
        return ""
    return ngettext("{count} period due without a number: {periods}", "{count} periods due without a number: "
                    "{periods}", len(row.owed)).format(count=len(row.owed), periods=periods_text(row.owed))


def owed_notes(rows: list[ReviewRow]) -> list[str]:
    """The notes under a review's table (without the mark): what the mark says, then, per set of periods
    due without a number, the codes of the goals and measures owing them."""
    owing: dict[tuple[str, ...], list[str]] = {}
    for r in rows:
        if r.owed:
            owing.setdefault(r.owed, []).append(r.node.code)
    if not owing:
        return []
    out = [_("periods due without a number: a goal or measure owing them counts as achieved or not only when "
             "the numbers owed cannot change it, else as without a number")]
    for keys, codes in owing.items():
        shown = enumerated(codes[:NOTE_CODES])
        if len(codes) > NOTE_CODES:
            more = len(codes) - NOTE_CODES
            shown = ngettext("{codes} and {n} more", "{codes} and {n} more", more).format(codes=shown, n=more)
        out.append(labelled(periods_text(keys), shown))
    return out


def change_note(review: Review) -> str | None:
    """What the change beside a figure is measured against (None: no row shows one): the period before,
    over as many of its periods as hold a number now (a quarter with numbers for October alone is set
    against July alone, not against the whole of the quarter before)."""
    if all(r.change is None for r in review.rows):
        return None
    before = previous_period(review.period)
    if periods.kind_of(review.period) == "month":
        return _("change: against {before}").format(before=before)
    return _("change: against {before}, over as many of its periods as hold a number in {period}").format(
        before=before, period=review.period)


def review_period(text) -> str:
    """A review period as written (2026-05, 2026年5月, 2026Q2, 2026-Q2, 2026): its canonical key."""
    try:
        key = parse_period(text)
    except NotAPeriod:                  # (its examples name a week, which a review is not)
        raise ValueProblem(_("not a review period: {text} (a month, a quarter or a year: 2026-10, 2026Q3, "
                             "2026年10月, 2026)").format(text=quoted(text))) from None
    if periods.kind_of(key) == "week":
        raise ValueProblem(_("a review covers a month, a quarter or a year, not a week ({text})").format(
            text=quoted(text)))
    return key


def refuse_not_begun(key: str, as_of: dt.date, settings: MonitorSettings) -> None:
    """ValidationError for a review period that begins after ``as_of``: a typo (2030 for 2026) would print a
    pack of "no data"."""
    begins = span(key, settings.calendar_for(as_of))[0]
    if begins > as_of:
        raise ValidationError(_("the review of {period} begins on {day}, after the date the numbers are judged "
                                "as of ({as_of}): nothing in it is due yet").format(
            period=key, day=begins.isoformat(), as_of=as_of.isoformat()))


def previous_period(key: str) -> str:
    start = periods.period_bounds(key)[0] - dt.timedelta(days=1)
    kind = periods.kind_of(key)
    if kind == "year":
        return f"{start.year:04d}"
    return periods.period_containing(start, "quarterly" if kind == "quarter" else "monthly")


def span(key: str, calendar) -> tuple[dt.date, dt.date]:
    """The days a review period covers: a month or a quarter; a year is the plan year that starts in it
    (a fiscal year too)."""
    first, last = periods.period_bounds(key)
    if periods.kind_of(key) == "year":
        first = dt.date(int(key), calendar.first_month, 1)
        end = dt.date(int(key) + (calendar.first_month > 1), (calendar.first_month - 2) % 12 + 1, 1)
        last = periods.period_bounds(f"{end.year:04d}-{end.month:02d}")[1]
    return first, last


def _figure(node: Node, series: list[Actual], key: str, as_of: dt.date, settings: MonitorSettings,
            start: dt.date | None = None) -> tuple[float | None, float | None, Actual | None, owed.Owed | None]:
    """``(actual, target, last row, periods owed)`` of ``node`` over period ``key``, value by value: the
    periods that end in it and have started by the as-of date; the target counts the periods owed a number
    from ``start`` on (:func:`owed.first_day`; None: none are)."""
    calendar = settings.calendar_for(as_of)
    first, last = span(key, calendar)
    inside = [a for a in series if first <= periods.period_bounds(a.period)[1] <= last
              and figures.period_start(a.period) <= as_of]
    valued = [a for a in inside if a.actual is not None]
    last_row = valued[-1] if valued else (inside[-1] if inside else None)
    if not valued:
        judged = [t for t in (figures.period_target(node, a) for a in inside) if t is not None]
        return None, _owed_target(node, len(inside), sum(judged), len(judged), last_row), last_row, None
    due = owed.owed(node, inside, start, first, _due_end(node, last, as_of, settings))
    if node.target_mode == "cumulative":
        return figures.year_to_date(node, series, valued[-1].period, calendar), valued[-1].target, last_row, due
    targets = [figures.period_target(node, a) for a in valued]
    target = None if None in targets else figures.aggregate(targets, node.aggregation)
    return figures.aggregate([a.actual for a in valued], node.aggregation), target, last_row, due


def _due_end(node: Node, last: dt.date, as_of: dt.date, settings: MonitorSettings) -> dt.date:
    """The last day a period of ``node`` owed a number as of ``as_of`` ends, within a period ending ``last``."""
    return owed.until(node, min(last, owed.due_end(node.frequency, as_of, settings.grace_days)))


def _owed_target(node: Node, count: int, judged_total: float | None, judged_count: int, last_row: Actual | None
                ) -> float | None:
    """The target of a period that holds no value yet, from its ``count`` rows holding only a target or a
    comment (``last_row`` the newest; their judged targets, as ``figures.period_target`` has them, add up to
    ``judged_total``, ``judged_count`` of them): aggregated as a period with values has it, none when one
    of them has none; without a row, the measure's level target."""
    if last_row is None:
        return figures.level_target(node)
    if node.target_mode == "cumulative":
        return last_row.target
    return monitoring.aggregate_target(node, count, judged_total, judged_count, last_row)


def _limits(key: str, as_of: dt.date, settings: MonitorSettings) -> tuple[str, dict[str, str]]:
    """The first period end of ``key`` and, per frequency, its last (of periods started by the as-of date)."""
    first, last = span(key, settings.calendar_for(as_of))
    return first.isoformat(), {f: min(bound, last.isoformat()) for f, bound in monitoring.bounds(as_of).items()}


def _summed(plan: Plan, key: str, as_of: dt.date, settings: MonitorSettings, ids) -> dict[int, tuple]:
    """SQLite's sums over period ``key`` (``ActualStore.window_figures``) of the nodes ``ids`` (None: all)."""
    return plan.actuals.window_figures(*_limits(key, as_of, settings), ids)


def matching_day(key: str, before: str, as_of: dt.date, calendar) -> dt.date:
    """The day of the period ``before`` that matches ``as_of`` in period ``key``: a quarter to date is
    compared with the same months of the quarter before, not with all of it."""
    first, last = span(key, calendar)
    if as_of >= last:
        return as_of
    months = (as_of.year - first.year) * 12 + as_of.month - first.month
    start = span(before, calendar)[0]
    month = add_months(f"{start.year:04d}-{start.month:02d}", months)
    first_day, last_day = periods.period_bounds(month)
    return first_day.replace(day=min(as_of.day, last_day.day))


def _then_day(key: str, before: str, newest: str, calendar, as_of: dt.date) -> dt.date:
    """The as-of day of the period before that counts as many periods as ``key`` holds values for, up to
    ``newest`` (a quarter whose October alone has a value is compared with July alone, whatever the date:
    a change that moved with the calendar, nothing entered, would not be one)."""
    if periods.kind_of(newest) == "week":      # weeks do not fall on months: the day's place, as before
        return matching_day(key, before, as_of, calendar)
    return matching_day(key, before, figures.period_start(newest), calendar)


def _then_spans(tree, now: dict[int, tuple], key: str, before: str, calendar, as_of: dt.date,
                settings: MonitorSettings) -> dict[int, tuple[str, str]]:
    """Per measure with a value now, the span of the period before its figure is compared with: as many
    periods as hold a value now (up to its newest, ``now[node][4]``), as :func:`_then_day` says."""
    limits: dict[str, tuple[str, dict[str, str]]] = {}       # the newest period now → the span before
    spans = {}
    for node_id, entry in now.items():
        newest = entry[4]
        if newest not in limits:
            limits[newest] = _limits(before, _then_day(key, before, newest, calendar, as_of), settings)
        first, last = limits[newest]
        spans[node_id] = (first, last.get(tree.nodes[node_id].frequency, last["monthly"]))
    return spans


# Tens of thousands of rows built, none in a cycle: the collector's passes over what the process holds (the
# Alerts panel's alerts, say) took a quarter of a big plan's review.
@paused_gc()
def review(plan: Plan, period, unit_code: str | None = None, as_of: dt.date | None = None, *,
           row_by_row: bool = False, tree=None) -> Review:
    """The review of ``period`` for the org unit ``unit_code`` (an objective's code; None: the whole plan).

    Figures come from SQLite's sums; cumulative measures (whose year to date matters) and measures
    without a value in the period are read value by value — all of them with ``row_by_row`` (the same
    figures, what the sums are checked against). ``tree``: the plan's, when the caller has it as it is now."""
    as_of = as_of or dt.date.today()
    key = review_period(period)
    tree = tree or plan.nodes.tree()
    settings = MonitorSettings.of(plan)
    refuse_not_begun(key, as_of, settings)
    top = None
    if unit_code is not None:
        top = plan.nodes.by_code(unit_code)
        if top is None:
            raise NotFoundError(_("no node with code {code}").format(code=quoted(unit_code)))
        if top.kind is not Kind.OBJECTIVE:
            raise ValidationError(_("{code} is {a_kind}; a review is of an objective (an org unit)").format(
                code=unit_code, a_kind=a_kind_label(top.kind)))
        top = tree.nodes[top.id]
    scope = [(top, 0)] + [(n, d + 1) for n, d in tree.walk(top.id)] if top else list(tree.walk())
    items = [(n, d) for n, d in scope if n.kind in QUANTIFIED]
    before = previous_period(key)
    whole = {n.id for n, _depth in items if row_by_row or n.target_mode == "cumulative"}
    others = [n.id for n, _depth in items if n.id not in whole]
    ids = None if top is None and not whole else others
    calendar = settings.calendar_for(as_of)
    now = _summed(plan, key, as_of, settings, ids) if others else {}
    spans = _then_spans(tree, now, key, before, calendar, as_of, settings)
    # The figures of the period before, for many measures, are read on a second connection on a thread of its
    # own while this one reads the rest (SQLite works on both at once, Python's lock let go while it does).
    side = plan.side_reader() if len(spans) > BESIDE_FROM else None
    with ExitStack() as reading:
        beside = None
        if side is not None:
            reading.enter_context(side)             # (closed once the thread below has ended)
            beside = reading.enter_context(ThreadPoolExecutor(1, "review-read")).submit(side.span_figures, spans)
        empty = [i for i in others if i not in now]         # no value in the period: its last row keeps the note
        notes = plan.actuals.last_rows(*_limits(key, as_of, settings), empty) if empty else {}
        first = periods.period_bounds(before)[0] - dt.timedelta(days=366)     # a previous year to date's start
        last = periods.period_bounds(key)[1] + dt.timedelta(days=400)          # a fiscal year ends later
        rows = plan.actuals.between(first.isoformat(), last.isoformat(), sorted(whole)) if whole else {}
        gaps = _owed_of(plan, tree, now, key, as_of, settings)
        starts = _starts(plan, tree, sorted(whole)) if whole else {}
        then = plan.actuals.span_figures(spans) if beside is None else beside.result()
    out = Review(key, as_of, top)
    kept_elsewhere: list[tuple[int, str]] = []          # (node, period) of countermeasures outside the rows read
    kept_in = cache(lambda frequency: _comment_period(frequency, key, as_of, calendar))
    for node, depth in items:
        if node.id in whole:
            series = rows.get(node.id, [])
            start = starts.get(node.id)
            actual, target, last_row, due = _figure(node, series, key, as_of, settings, start)
            previous = None if actual is None else \
                _figure(node, series, before, _then_day(key, before, last_row.period, calendar, as_of), settings)[0]
            comment, comment_period = (last_row.comment, last_row.period) if last_row else ("", None)
        elif node.id not in now:
            actual = None
            comment_period, comment, count, t_total, t_count, own = notes.get(node.id, (None, "", 0, None, 0, None))
            target = _owed_target(node, count, t_total, t_count,
                                 None if comment_period is None else Actual(node.id, comment_period, None, own))
            previous = None                      # (no change without a figure now)
        else:
            count, total, t_total, t_count, period, value, own, comment = now[node.id]
            newest = Actual(node.id, period, value, own)
            actual = monitoring.aggregate_value(node, count, total, value)
            target = monitoring.aggregate_target(node, count, t_total, t_count, newest)
            due = gaps.get(node.id)
            comment_period = period
            past = then.get(node.id)
            previous = None if past is None else monitoring.aggregate_value(node, past[0], past[1], past[5])
        if actual is None:
            due = None
        achieved = None
        status = Status.NO_DATA if actual is None else Status.NO_TARGET
        if actual is not None and target is not None:
            achieved = owed.verdict(node, actual, target, due, comment_period)
            status = measure_status(node, actual, target, settings)
        if comment_period is None and (comment_period := kept_in(node.frequency)) is not None:
            kept_elsewhere.append((node.id, comment_period))
        out.rows.append(ReviewRow(node, depth, tree.unit_of(node), target, actual, previous, achieved, status,
                                  comment, comment_period, due.periods if due else None))
    if kept_elsewhere:          # the countermeasure shown is the one typing there replaces
        found = plan.actuals.comments(kept_elsewhere)
        if found:
            out.rows = [replace(r, comment=found[r.node.id, r.comment_period]) if (r.node.id, r.comment_period) in found
                        else r for r in out.rows]
    return out


def _owed_of(plan: Plan, tree, now: dict[int, tuple], key: str, as_of: dt.date, settings: MonitorSettings
             ) -> dict[int, owed.Owed]:
    """The periods owed a number of the measures with figures from SQLite's sums (``now``): SQLite finds the
    periods without a value (``unvalued_periods``), grouped by the periods each node is owed."""
    first, last = span(key, settings.calendar_for(as_of))
    due_ends = {f: min(last, owed.due_end(f, as_of, settings.grace_days)) for f in ("weekly", "monthly", "quarterly")}
    gaps = list(now)
    if not gaps:
        return {}
    starts = _starts(plan, tree, gaps, first)
    groups: dict[tuple, int] = {}
    wanted = []
    for node_id in gaps:
        node, start = tree.nodes[node_id], starts[node_id]
        if start is not None:
            spec = (node.frequency, owed.earliest(node.frequency, start, first), first,
                    owed.until(node, due_ends[node.frequency]))
            wanted.append((node_id, groups.setdefault(spec, len(groups))))
    periods_of = {g: [(k, *(d.isoformat() for d in periods.period_bounds(k))) for k in owed.keys(*spec)]
                  for spec, g in groups.items()}
    found: dict[int, list[tuple[str, float | None]]] = {}
    for node_id, period, target in plan.actuals.unvalued_periods(periods_of, wanted):
        found.setdefault(node_id, []).append((period, target))
    # a summed measure owing numbers whose figure counts a value below zero may be owed some (owed.verdict)
    summed = [i for i in found if tree.nodes[i].aggregation == Aggregation.SUM]
    fell = plan.actuals.below_zero(*_limits(key, as_of, settings), summed) if summed else set()
    return {node_id: due for node_id, unvalued in found.items()
            if (due := owed.gathered(unvalued, node_id in fell)) is not None}


def _starts(plan: Plan, tree, ids: list[int], since: dt.date | None = None) -> dict[int, dt.date | None]:
    """Per node, the first day of its first period (:func:`owed.first_day`); with ``since``, any day up to
    it for those whose first row starts by then (the day it was made is read for the others only)."""
    firsts = {i: owed.first_day(tree.nodes[i], dt.date.fromisoformat(end), None)
              for i, end in plan.actuals.first_ends(ids).items()}
    later = [i for i in ids if since is None or i not in firsts or firsts[i] > since]
    created = plan.journal.created_on(later) if later else {}
    out = dict.fromkeys(ids)
    for i in ids:
        out[i] = firsts.get(i) if i not in created else \
            min(filter(None, (firsts.get(i), owed.first_day(tree.nodes[i], None, created[i]))))
    return out


def _comment_period(frequency: str, key: str, as_of: dt.date, calendar) -> str | None:
    """Where a countermeasure goes when the period reviewed holds no row of the measure: its period (of the
    measure's frequency) holding the last day reviewed by the as-of date; one ending after the period
    reviewed (the week of New Year's Eve) gives way to the one before it, if that one ends within it. A
    measure of longer periods (quarterly, in a month's review) keeps it in the period holding that day."""
    first, last = span(key, calendar)
    day = min(last, as_of)
    if day < first:
        return None
    found = periods.period_containing(day, frequency)
    if periods.period_bounds(found)[1] > last:
        before = periods.period_containing(periods.period_bounds(found)[0] - dt.timedelta(days=1), frequency)
        if periods.period_bounds(before)[1] >= first:
            return before
    return found
