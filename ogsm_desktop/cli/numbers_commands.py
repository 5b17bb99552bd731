"""The monthly routine on the command line: a measure's numbers period by period (and writing them),
and the period review of an org unit."""

from __future__ import annotations

import datetime as dt

from ..core import numbers
from ..core.errors import NotFoundError, ValidationError
from ..core.fields import ValueProblem
from ..core.labels import status_label
from ..core.review import review
from ..core.storage import Plan
from .common import out


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
            problems.append(f"{item!r} is not PERIOD=VALUE")
            continue
        try:
            key = numbers.period_key(node, period_text)
            values.setdefault(key, {})[field] = numbers.parse_value(field, value_text)
        except ValueProblem as exc:
            problems.append(f"{item}: {exc}")
    if problems:
        raise ValidationError("nothing was written: " + "; ".join(problems))
    return values


def cmd_numbers(args) -> int:
    as_of = args.as_of or dt.date.today()
    with Plan.open(args.plan, readonly=not args.set) as plan:
        node = plan.nodes.by_code(args.code)
        if node is None:
            raise NotFoundError(f"no node with code {args.code!r}")
        if args.set:
            field = "target" if args.target else "comment" if args.comment else "actual"
            values = _settings(node, args.set, field)
            with plan.batch("edit", args.reason or ""):
                counts = numbers.write(plan, node, values)
            out(f"{node.code}: {counts['new']} new, {counts['changed']} changed, {counts['unchanged']} unchanged "
                f"{field} value(s)")
        rows = numbers.period_rows(plan, node, as_of)
        aggregation = {"sum": "sum", "average": "average", "last": "last value"}[str(node.aggregation)]
        out(f"{node.code}  {node.title}  ({node.unit or 'no unit'}; {node.frequency}; periods add up as: {aggregation}; "
            f"targets: {'cumulative' if node.target_mode == 'cumulative' else 'per period'})")
        out("period     target        actual        status      comment")
        for r in rows:
            mark = "" if r.in_year else "  (outside the plan year)"
            status = status_label(r.status) if r.status is not None else ("" if r.started else "not due")
            out(f"{r.period:<10} {_fmt(r.target):>12}  {_fmt(r.actual):>12}  {status:<10}  {r.comment}{mark}")
    return 0


def cmd_review(args) -> int:
    as_of = args.as_of or dt.date.today()
    period = args.period or f"{as_of.year:04d}-Q{(as_of.month - 1) // 3 + 1}"
    with Plan.open(args.plan, readonly=True) as plan:
        result = review(plan, period, args.unit, as_of)
    scope = f"{result.unit.code} {result.unit.title}" if result.unit else "the whole plan"
    out(f"review of {result.period} for {scope}, as of {as_of.isoformat()}")
    out("code        target        actual        achieved  status      title")
    for r in result.rows:
        achieved = "yes" if r.achieved else "no" if r.achieved is False else "—"
        out(f"{r.node.code:<10} {_fmt(r.target):>12}  {_fmt(r.actual):>12}  {achieved:<8}  "
            f"{status_label(r.status):<10}  {'  ' * r.depth}{r.node.title}" + (f"  [{r.comment}]" if r.comment else ""))
    for unit, done, missed, empty in result.counts().values():
        out(f"{unit.code} {unit.org_unit or unit.title}: {done} achieved, {missed} not achieved, {empty} without a number")
    done, missed, empty = result.totals()
    out(f"{done} achieved, {missed} not achieved, {empty} without a number")
    return 0
