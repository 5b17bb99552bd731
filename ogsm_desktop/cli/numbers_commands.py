"""The monthly routine on the command line: a measure's numbers period by period (and writing them),
and the period review of an org unit."""

from __future__ import annotations

import datetime as dt

from ..core import numbers
from ..core.errors import NotFoundError, ValidationError
from ..core.fields import ValueProblem
from ..core.i18n import N_, _, quoted
from ..core.labels import FREQUENCY_LABELS, label, status_label
from ..core.review import OWED_MARK, owed_mark, owed_notes, review
from ..core.storage import Plan
from .common import out, row

# Said with _() where printed.
AGGREGATIONS = {"sum": N_("sum"), "average": N_("average"), "last": N_("last value")}
WRITTEN = {"actual": N_("{code}: {new} new, {changed} changed, {unchanged} unchanged actual value(s)"),
           "target": N_("{code}: {new} new, {changed} changed, {unchanged} unchanged target value(s)"),
           "comment": N_("{code}: {new} new, {changed} changed, {unchanged} unchanged comment value(s)")}


def _fmt(value) -> str:
    if value is None:
        return "—"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def _settings(node, given: list[str], field: str) -> dict[str, dict[str, object]]:
    """``--set P=V`` arguments as ``{period: {field: value}}``; every problem named, nothing half-read."""
    values: dict[str, dict[str, object]] = {}
    problems = []
    for item in given:
        period_text, sep, value_text = item.partition("=")
        if not sep:
            problems.append(_("{item} is not PERIOD=VALUE").format(item=quoted(item)))
            continue
        try:
            key = numbers.period_key(node, period_text)
            values.setdefault(key, {})[field] = numbers.parse_value(field, value_text, node)
        except ValueProblem as exc:
            problems.append(f"{item}: {exc}")
    if problems:
        raise ValidationError(_("nothing was written: {problems}").format(problems="; ".join(problems)))
    return values


def cmd_numbers(args) -> int:
    as_of = args.as_of or dt.date.today()
    with Plan.open(args.plan, readonly=not args.set) as plan:
        node = plan.nodes.by_code(args.code)
        if node is None:
            raise NotFoundError(_("no node with code {code}").format(code=quoted(args.code)))
        if args.set:
            field = "target" if args.target else "comment" if args.comment else "actual"
            values = _settings(node, args.set, field)
            with plan.batch("edit", args.reason or ""):
                counts = numbers.write(plan, node, values)
            out(_(WRITTEN[field]).format(code=node.code, new=counts["new"], changed=counts["changed"],
                                         unchanged=counts["unchanged"]))
        rows = numbers.period_rows(plan, node, as_of)
        out(_("{code}  {title}  ({unit}; {frequency}; periods add up as: {aggregation}; targets: {targets})").format(
            code=node.code, title=node.title, unit=node.unit or _("no unit"),
            frequency=label(FREQUENCY_LABELS, node.frequency), aggregation=_(AGGREGATIONS[str(node.aggregation)]),
            targets=_("cumulative") if node.target_mode == "cumulative" else _("per period")))
        out(row([(_("period"), 10, "<"), (_("target"), 12, ">"), (_("actual"), 12, ">"), (_("status"), 10, "<"),
                 (_("comment"), 0, "<")]))
        for r in rows:
            mark = "" if r.in_year else "  " + _("(outside the plan year)")
            status = status_label(r.status) if r.status is not None else ("" if r.started else _("not due"))
            # a period without a target of its own: the measure's, in brackets (as the window shows it)
            target = f"({_fmt(r.judged_target)})" if r.target is None and r.judged_target is not None else _fmt(r.target)
            out(row([(r.period, 10, "<"), (target, 12, ">"), (_fmt(r.actual), 12, ">"), (status, 10, "<"),
                     (r.comment + mark, 0, "<")]))
    return 0


def cmd_review(args) -> int:
    as_of = args.as_of or dt.date.today()
    period = args.period or f"{as_of.year:04d}-Q{(as_of.month - 1) // 3 + 1}"
    with Plan.open(args.plan, readonly=True) as plan:
        result = review(plan, period, args.unit, as_of)
    scope = f"{result.unit.code} {result.unit.title}" if result.unit else _("the whole plan")
    out(_("review of {period} for {scope}, as of {date}").format(period=result.period, scope=scope,
                                                                 date=as_of.isoformat()))
    out(row([(_("code"), 10, "<"), (_("target"), 12, ">"), (_("actual"), 12, ">"), (_("achieved"), 8, "<"),
             (_("status"), 10, "<"), (_("title"), 0, "<")]))
    for r in result.rows:
        achieved = (_("yes") if r.achieved else _("no") if r.achieved is False else "—") + owed_mark(r)
        title = "  " * r.depth + r.node.title + (f"  [{r.comment}]" if r.comment else "")
        out(row([(r.node.code, 10, "<"), (_fmt(r.target), 12, ">"), (_fmt(r.actual), 12, ">"),
                 (achieved, 8, "<"), (status_label(r.status), 10, "<"), (title, 0, "<")]))
    for i, note in enumerate(owed_notes(result.rows)):
        out(f"{OWED_MARK} {note}" if i == 0 else f"  {note}")
    for unit, done, missed, empty, untargeted in result.counts().values():
        out(_("{code} {unit}: {done} achieved, {missed} not achieved, {empty} without a number, "
              "{untargeted} without a target").format(code=unit.code, unit=unit.org_unit or unit.title, done=done,
                                                      missed=missed, empty=empty, untargeted=untargeted))
    done, missed, empty, untargeted = result.totals()
    out(_("{done} achieved, {missed} not achieved, {empty} without a number, {untargeted} without a target").format(
        done=done, missed=missed, empty=empty, untargeted=untargeted))
    return 0
