"""A goal's or measure's numbers period by period — what the Numbers panel and ``ogsm-desktop numbers``
show — and writing them: one journaled batch that changes only the field given (an actual keeps its
target, a target its actual), refused whole when one value or period is wrong.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from . import figures, periods
from .errors import ValidationError
from .excel.values import parse_period
from .fields import ValueProblem, incoming_text, parse_amount, plain_number
from .i18n import _, labelled, quoted
from .labels import a_kind_label, frequency_label, period_kind_label
from .model import QUANTIFIED, Actual, Node, Status
from .plan_settings import MonitorSettings
from .status import measure_status
from .storage import Plan
from .storage.actuals import KEEP

FIELDS = ("actual", "target", "comment")


@dataclass(frozen=True)
class PeriodRow:
    period: str
    in_year: bool               # inside the plan calendar (rows outside it are shown greyed)
    started: bool               # the period has started by the as-of date
    actual: float | None
    target: float | None        # the period's own target, as stored
    judged_target: float | None # what the period is judged against (its own, or the measure's level)
    figure: float | None        # what is judged: the actual, or the year to date for cumulative targets
    comment: str
    status: Status | None       # None: nothing to judge yet
    changed_at: str = ""
    changed_by: str = ""


def period_rows(plan: Plan, node: Node, as_of: dt.date, settings: MonitorSettings | None = None) -> list[PeriodRow]:
    """One row per period of the plan year (the measure's frequency), plus any period outside it that
    holds a number, in order."""
    settings = settings or MonitorSettings.of(plan)
    calendar = settings.calendar_for(as_of)
    stored = {a.period: (a, at, who) for a, at, who in plan.actuals.stamped(node.id)}
    keys = set(calendar.periods(node.frequency)) | set(stored)
    series = [stored[k][0] for k in sorted(stored, key=periods.sort_key)]
    out = []
    for key in sorted(keys, key=periods.sort_key):
        actual, at, who = stored.get(key, (Actual(node.id, key, None), "", ""))
        judged = figures.period_target(node, actual)
        figure = actual.actual
        if node.target_mode == "cumulative" and actual.actual is not None:
            figure = figures.year_to_date(node, series, key, calendar)
        status = None
        if figure is not None and figures.period_start(key) <= as_of:     # later periods: not judged yet
            status = measure_status(node, figure, judged, settings)
        out.append(PeriodRow(key, calendar.contains(key), figures.period_start(key) <= as_of, actual.actual,
                             actual.target, judged, figure, actual.comment, status, at[:16].replace("T", " "), who))
    return out


def parse_value(field: str, text, node: Node) -> float | str | None:
    """What a person typed for ``field`` of ``node`` (an actual or target: a number on its scale, "" to clear
    — a per cent only for a measure in %; a comment: text)."""
    if field == "comment":
        return incoming_text("" if text is None else str(text).strip(), _("the comment"))
    if isinstance(text, str) and _DASH.fullmatch(unicodedata.normalize("NFKC", text)):
        return DASH
    return parse_amount(text, node.unit, node.code)


# A dash alone (-, −, —): "none" in a pasted report, but also how Excel's Comma Style and Accounting formats
# show (and copy) a zero, " -   ". Where the period has no number it leaves it so; over a number it is refused
# (:func:`write`) — read as nothing, it cleared an actual of 770 without a word.
DASH = type("Dash", (), {"__repr__": lambda self: "DASH"})()
_DASH = re.compile(r"\s*[-\u2012\u2013\u2014\u2015\u2212]+\s*")


def period_key(node: Node, text) -> str:
    """A period a person wrote (2026-05, 2026年5月, 202605 …) as the measure's canonical key; a period of
    another length than the measure's frequency is refused."""
    key = parse_period(text, node.frequency)
    kind, wanted = periods.kind_of(key), periods.FREQUENCY_KIND.get(node.frequency, "month")
    if kind != wanted:
        raise ValueProblem(_("{text} is a {kind}, but {code} is measured {frequency}").format(
            text=quoted(str(text).strip()), kind=period_kind_label(kind), code=node.code,
            frequency=frequency_label(node.frequency)))
    return key


def write(plan: Plan, node: Node, values: dict[str, dict[str, object]]) -> dict[str, int]:
    """Write ``{period: {field: value}}`` for one goal or measure in the running batch (or its own);
    fields not given keep the plan's value. ValidationError, with nothing written, when one is wrong."""
    if node.kind not in QUANTIFIED:
        raise ValidationError(_("{code} is {a_kind}: only goals and measures take numbers").format(
            code=node.code, a_kind=a_kind_label(node.kind)))
    rows, emptied = [], []
    held = plan.actuals.values(node.id)
    for period, given in values.items():
        unknown = set(given) - set(FIELDS)
        if unknown:
            raise ValidationError(_("not a field of a period: {fields}").format(fields=", ".join(sorted(unknown))))
        now = held.get(period, (None, None, ""))
        for i, f in enumerate(FIELDS):
            if given.get(f) is DASH:
                if now[i] is not None:
                    raise ValidationError(labelled(f"{node.code} {period}", _(
                        "a dash is no number, and {value} is there: give 0 for zero, or clear the value to leave "
                        "none").format(value=plain_number(now[i]))))
                given = {k: v for k, v in given.items() if k != f}          # none there, none given: as it is
        after = tuple(given.get(f, now[i]) for i, f in enumerate(FIELDS))
        if after[0] is None and after[1] is None and not after[2]:
            if period in held:
                emptied.append(period)    # nothing left in the period: its row goes (its history stays)
            continue
        rows.append((node.id, period, *(given.get(f, KEEP) for f in FIELDS)))
    with plan.batch("edit"):
        diff = plan.actuals.diff(rows)
        plan.actuals.apply(diff)
        if emptied:
            plan.actuals.restore_values({(node.id, p): None for p in emptied})
    counts = dict(diff.counts)
    counts["changed"] += len(emptied)
    return counts
