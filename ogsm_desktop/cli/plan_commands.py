"""Commands that write or read the plan as a whole: demo, tree, lint."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..core import lint as method
from ..core import monitoring
from ..core.i18n import _, bracketed, labelled
from ..core.labels import KIND_LABELS, label, status_label
from ..core.plan_settings import MonitorSettings
from ..core.storage import Plan
from .common import out


def cmd_demo(args) -> int:
    from ..core import demo

    path = demo.write(args.out, overwrite=args.force)
    with Plan.open(path, readonly=True) as plan:
        out(_("wrote the demo plan to {path}: {nodes} nodes, {actuals} actual values, {versions} versions").format(
            path=path, nodes=len(plan.nodes.tree().nodes), actuals=plan.actuals.count(),
            versions=len(plan.versions.all())))
    return 0


def cmd_tree(args) -> int:
    with Plan.open(args.plan, readonly=True) as plan:
        tree = plan.nodes.tree()
        standing = monitoring.standings(plan, args.as_of or dt.date.today(), tree=tree)
        out(f"{plan.name}{bracketed(plan.path)}")
        for node, depth in tree.walk():
            s = standing.get(node.id)             # (none: a department file's context, judged in the company)
            status = "—" if s is None else status_label(s.status)
            if s is not None and s.progress is not None:
                status += f" {s.progress:.0%}"
            kind = label(KIND_LABELS, node.kind)
            who = " · ".join(x for x in (node.owner, node.org_unit) if x)
            out(f"{'  ' * depth}{node.code}  [{kind}]  {node.title}" + (f"  — {who}" if who else "")
                 + f"  — {status}")
    return 0


def cmd_lint(args) -> int:
    with Plan.open(args.plan, readonly=True) as plan:
        warnings = method.check(plan.nodes.tree(), MonitorSettings.of(plan), plan.actuals.targets)
    for w in warnings:
        out(labelled(f"{w.node.code}  {w.node.title}", w.message) + f"  [{w.rule}]")
    out(_("{count} method warning(s)").format(count=len(warnings)) if warnings
        else _("no method warnings: the plan follows the method"))
    return 0


def cmd_check(args) -> int:
    from ..core.storage.inspect import check

    out(check(Path(args.plan)))
    return 0
