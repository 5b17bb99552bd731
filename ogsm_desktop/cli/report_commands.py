"""Monitoring and reports on the command line: alerts, and the PDF report."""

from __future__ import annotations

import signal
from pathlib import Path

from ..core.i18n import _
from ..core.labels import RULE_LABELS
from ..core.outputs import check_output
from ..core.storage import Plan
from .common import err, out


def cmd_alerts(args) -> int:

    from ..core import plan_alerts

    with Plan.open(args.plan, readonly=True) as plan:
        found = plan_alerts.evaluate(plan, args.as_of)
    for a in found:
        who = " · ".join(x for x in (a.node.owner, a.node.org_unit) if x)
        out(_("{code}  {title}  [{rule}] since {since}: {message}").format(
            code=a.node.code, title=a.node.title, rule=_(RULE_LABELS[a.rule]), since=a.since, message=a.message)
            + (f"  — {who}" if who else ""))
    out(_("{count} alert(s)").format(count=len(found)) if found
        else _("no alerts: every measure is where it should be"))
    return 0


def cmd_report(args) -> int:
    from ..core.excel.exporter import unit_objective
    from ..core.report_data import BOARD, ReportOptions, gather, preset_options

    check_output(args.out, reading=[Path(args.plan)])          # before the work, not after it
    with Plan.open(args.plan, readonly=True) as plan:
        if args.unit and args.preset == BOARD:
            err(_("the board pack is of the whole plan: leave out --unit, or print a department pack (--preset "
                  "department --unit {code})").format(code=args.unit))
            return 1
        # a pack is of a unit (its objective); a plain report of any branch
        unit = (unit_objective(plan, args.unit) if args.preset else plan.nodes.by_code(args.unit)) if args.unit else None
        if args.preset and args.version:
            err(_("a pack is of the current plan (its review is): leave out --version, or print the version "
                  "without --preset"))
            return 1
        if args.preset:
            options = preset_options(plan, args.preset, unit.id if unit else None, args.review, args.as_of)
            options.version = args.version
            options.changes_since = args.changes_since or options.changes_since
        else:
            options = ReportOptions(scope="below" if unit else "plan", node_id=unit.id if unit else None,
                                    version=args.version, changes_since=args.changes_since, today=args.as_of,
                                    review=args.review, cascade_map=args.cascade_map)
        content = gather(plan, options)
    # A KeyboardInterrupt raised inside Qt (or while PySide imports itself) surfaces as a SystemError or
    # a traceback from the binding; from here on Ctrl-C is noted and honoured between sections instead.
    interrupted: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda *_: interrupted.append(1))
    try:
        from ..gui.app import headless_app
        from ..gui.report import write_pdf

        _app = headless_app()
        pages = write_pdf(content, args.out, lambda *_: not interrupted, paper=args.paper)
    except Exception:
        if interrupted:                       # cancelled at the next section, the partial PDF discarded
            raise KeyboardInterrupt from None
        raise
    finally:
        signal.signal(signal.SIGINT, previous)     # a Ctrl-C after the last page: the report is done
    out(_("wrote {path}: {pages} page(s), {units} one-page OGSM(s), version {version}").format(
        path=args.out, pages=pages, units=len(content.units), version=content.version_label))
    return 0


# ------------------------------------------------------------------------------------------ parser
