"""The command line: ``ogsm-desktop [PLAN]`` opens the window; ``ogsm-desktop COMMAND …`` works without one.

Exit codes: 0 success, 1 input refused (nothing written), 2 usage error. Messages go to stderr and
name the file (and, for spreadsheets, the sheet, row and column). Qt and matplotlib are imported
only by the commands that need them, so the command line starts fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from . import __version__
from .core import lint as method
from .core import versions as ver
from .core.errors import PlanError
from .core.history import actual_text, short
from .core.labels import RULE_LABELS, status_label
from .core.status import roll_up
from .core.storage import Plan

PROG = "ogsm-desktop"


def _out(text: str = "") -> None:
    print(text)


def _codes(nodes, limit: int = 6) -> str:
    codes = [n.code for n in nodes]
    more = f", … {len(codes) - limit} more" if len(codes) > limit else ""
    return ", ".join(codes[:limit]) + more


# ------------------------------------------------------------------------------------------ commands
def cmd_demo(args) -> int:
    from .core import demo

    path = demo.write(args.out, overwrite=args.force)
    with Plan.open(path, readonly=True) as plan:
        _out(f"wrote the demo plan to {path}: {len(plan.nodes.tree().nodes)} nodes, "
             f"{plan.actuals.count()} actual values, {len(plan.versions.all())} versions")
    return 0


def cmd_tree(args) -> int:
    with Plan.open(args.plan, readonly=True) as plan:
        tree = plan.nodes.tree()
        standing = roll_up(tree, plan.actuals.latest())
        _out(f"{plan.name}  ({plan.path})")
        for node, depth in tree.walk():
            s = standing[node.id]
            status = status_label(s.status)
            if s.progress is not None:
                status += f" {s.progress:.0%}"
            kind = str(node.kind)
            who = " · ".join(x for x in (node.owner, node.org_unit) if x)
            _out(f"{'  ' * depth}{node.code}  [{kind}]  {node.title}" + (f"  — {who}" if who else "")
                 + f"  — {status}")
    return 0


def cmd_lint(args) -> int:
    with Plan.open(args.plan, readonly=True) as plan:
        warnings = method.check(plan.nodes.tree())
    for w in warnings:
        _out(f"{w.node.code}  {w.node.title}: {w.message}  [{w.rule}]")
    _out(f"{len(warnings)} method warning(s)" if warnings else "no method warnings: the plan follows the method")
    return 0


def cmd_history(args) -> int:
    with Plan.open(args.plan, readonly=True) as plan:
        node_ids = None
        if args.code:
            node_ids = plan.nodes.ids_for_code(args.code)
            if not node_ids:
                raise PlanError(f"{args.plan}: no node has ever had the code {args.code!r}")
        rows = plan.journal.rows(node_ids=node_ids)
        actual_changes = plan.actuals.history(node_ids)
        codes = {n.id: n.code for n in plan.nodes.tree().nodes.values()}
        by_batch: dict[int, list[str]] = {}
        for r in rows:
            if r.action == "create":
                line = f"+ {r.code} created: {r.new.get('kind')} {short(r.new.get('title'))}"
            elif r.action == "delete":
                line = f"- {r.code} deleted: {r.old.get('kind')} {short(r.old.get('title'))}"
            else:
                line = f"~ {r.code} {r.field}: {short(r.old)} → {short(r.new)}"
            by_batch.setdefault(r.batch_id, []).append(line)
        if not args.code:
            for m in plan.journal.meta_rows():
                by_batch.setdefault(m.batch_id, []).append(f"~ plan setting {m.key}: {short(m.old)} → {short(m.new)}")
        grouped: dict[int, list] = {}
        for c in actual_changes:
            grouped.setdefault(c.batch_id, []).append(c)
        for batch_id, changes in grouped.items():
            lines = by_batch.setdefault(batch_id, [])
            if args.code or len(changes) <= args.limit:
                for c in changes:
                    code = codes.get(c.node_id, f"#{c.node_id}")
                    lines.append(f"= {code} {c.period}: {actual_text(c.old)} → {actual_text(c.new)}")
            else:
                new = sum(c.old is None for c in changes)
                gone = sum(c.new is None for c in changes)
                lines.append(f"= {len(changes)} actual values ({new} new, {len(changes) - new - gone} changed, "
                             f"{gone} removed)")
        for batch in plan.journal.batches():
            if batch.id not in by_batch:
                if batch.kind == "version" and not args.code:
                    by_batch[batch.id] = []
                else:
                    continue
            _out(f"#{batch.id}  {batch.at}  {batch.who}  {batch.kind}" + (f"  — {batch.reason}" if batch.reason else ""))
            for line in by_batch[batch.id]:
                _out(f"    {line}")
    return 0


def cmd_versions(args) -> int:
    with Plan.open(args.plan, readonly=True) as plan:
        versions = plan.versions.all()
        for v in versions:
            _out(f"{v.name}  {v.at}  {v.who}  — {v.reason}")
        if not versions:
            _out("no versions yet (save one with: snapshot PLAN --name N --reason R)")
    return 0


def _print_impact(imp: ver.Impact) -> None:
    parts = []
    if imp.below:
        parts.append(f"below: {len(imp.below)} node(s) ({_codes(imp.below)})")
    if imp.above:
        parts.append("rolls up into " + " → ".join(n.code for n in imp.above))
    if parts:
        _out("      impact: " + "; ".join(parts))


def print_diff(diff: ver.Diff) -> None:
    _out(f"{diff.a.label} → {diff.b.label}")
    for b in diff.batches:
        if b.reason and b.kind != "version":
            _out(f"  #{b.id} {b.at} {b.who} {b.kind}: {b.reason}")
    for c in diff.nodes:
        n = c.node
        head = {"added": "+ added", "removed": "- removed", "moved": "> moved", "changed": "~ changed"}[c.change]
        _out(f"{head} {n.code} [{n.kind}] {n.title}")
        if c.change == "moved":
            old = c.old_parent.code if c.old_parent else "(top)"
            new = c.new_parent.code if c.new_parent else "(top)"
            _out(f"      from {old} to {new}" if old != new else f"      new place among the children of {new}")
        for field, old, new in c.fields:
            _out(f"      {field}: {short(old)} → {short(new)}")
        _print_impact(c.impact)
    for a in diff.actuals:
        _out(f"= actuals of {a.node.code} {a.node.title}")
        for period, old, new in a.values:
            _out(f"      {period}: {actual_text(old)} → {actual_text(new)}")
    counts = diff.counts()
    if diff.empty:
        _out("no differences")
    else:
        _out(f"{counts['added']} added, {counts['removed']} removed, {counts['moved']} moved, "
             f"{counts['changed']} changed, {counts['actuals']} actual value(s)")


def cmd_diff(args) -> int:
    with Plan.open(args.plan, readonly=True) as plan:
        diff = ver.compare(plan, ver.resolve(plan, args.a), ver.resolve(plan, args.b))
        print_diff(diff)
    return 0


def cmd_snapshot(args) -> int:
    with Plan.open(args.plan, lock=True) as plan:
        since = ver.changes_since_last_version(plan)
        version = ver.save_version(plan, args.name, args.reason)
        _out(f"saved version {version.name!r}: {version.reason}")
        if since is not None:
            _out(f"changes since {since.a.label!r}:")
            print_diff(since)
    return 0


def cmd_restore(args) -> int:
    with Plan.open(args.plan, lock=True) as plan:
        diff = ver.restore(plan, args.version, args.reason)
        if diff.empty:
            _out(f"the plan already matches version {args.version!r}; nothing changed")
        else:
            _out(f"restored version {args.version!r} (reason: {args.reason}); the changes made:")
            print_diff(diff)
    return 0


def cmd_export(args) -> int:
    from .core.excel.exporter import export

    with Plan.open(args.plan, readonly=True) as plan:
        path = export(plan, args.out)
        _out(f"wrote {path}: {len(plan.nodes.tree().nodes):,} nodes, {plan.actuals.count():,} actual values")
    return 0


def _read_mapping(args):
    """--sheet/--key/--map: how to read a sheet that has no column of plan codes."""
    from .core.excel.importer import Mapping

    if not args.sheet:
        if args.key or args.map:
            raise UsageError("--key and --map go with --sheet")
        return None
    if not args.key:
        raise UsageError("--sheet needs --key: the column letters whose values make a row's key (e.g. A,B)")
    columns = []
    for letter in args.key.split(","):
        letter = letter.strip().upper()
        if not letter.isalpha():
            raise UsageError(f"--key: {letter!r} is not a column letter")
        number = 0
        for ch in letter:
            number = number * 26 + ord(ch) - 64
        columns.append(number - 1)
    keys: dict[str, tuple[str, str]] = {}
    if args.map:
        import csv

        try:
            with open(args.map, encoding="utf-8-sig", newline="") as fh:
                for line_no, row in enumerate(csv.reader(fh), start=1):
                    if not row or row[0].startswith("#") or (line_no == 1 and row[0].strip().casefold() == "key"):
                        continue
                    if len(row) < 2:
                        raise PlanError(f"{args.map}, line {line_no}: expected key,code[,actual|target]")
                    field = (row[2].strip().casefold() if len(row) > 2 and row[2].strip() else "actual")
                    if field not in ("actual", "target"):
                        raise PlanError(f"{args.map}, line {line_no}: {row[2]!r} is not actual or target")
                    keys[row[0].strip()] = (row[1].strip(), field)
        except OSError as exc:
            raise PlanError(f"{args.map}: cannot be read ({exc.strerror})") from None
    return [Mapping(args.sheet, columns, keys)]


def cmd_import(args) -> int:
    from .core.excel import importer

    mappings = _read_mapping(args)
    with Plan.open(args.plan, readonly=args.dry_run, lock=not args.dry_run) as plan:
        preview = importer.analyse(plan, args.xlsx, mappings)
        for layout in preview.layouts:
            _out(f"recognised {layout.describe()}")
        for skipped in preview.skipped:
            _out(f"skipped {skipped}")
        for sheet, keys in preview.keys_found.items():
            unmapped = [k for k in keys if mappings and k not in mappings[0].keys]
            if unmapped:
                _out(f"keys in sheet {sheet!r} without a mapping (skipped): " + "; ".join(unmapped[:40])
                     + (" …" if len(unmapped) > 40 else ""))
        for problem in preview.problems:
            print(f"{PROG} import: {args.xlsx}, {problem}", file=sys.stderr)
        if preview.problems:
            print(f"{PROG} import: {args.xlsx}: {len(preview.problems)} problem(s); nothing was written",
                  file=sys.stderr)
            return 1
        _out(preview.summary())
        if args.dry_run:
            _out("dry run: nothing was written")
            return 0
        if not preview.changes_anything:
            _out("the plan already holds these values: nothing changed")
            return 0
        changes = importer.apply(plan, preview, args.reason or "")
        _out(f"imported as batch #{changes.batch_id}: {changes.reason}")
    return 0


def cmd_alerts(args) -> int:
    import datetime as dt

    from .core import alerts

    today = dt.date.fromisoformat(args.today) if args.today else None
    with Plan.open(args.plan, readonly=True) as plan:
        found = alerts.evaluate(plan, today)
    for a in found:
        who = " · ".join(x for x in (a.node.owner, a.node.org_unit) if x)
        _out(f"{a.node.code}  {a.node.title}  [{RULE_LABELS[a.rule]}] since {a.since}: {a.message}" + (f"  — {who}" if who else ""))
    _out(f"{len(found)} alert(s)" if found else "no alerts: every measure is where it should be")
    return 0


def cmd_report(args) -> int:
    from .core.report_data import ReportOptions, gather

    with Plan.open(args.plan, readonly=True) as plan:
        content = gather(plan, ReportOptions(version=args.version, changes_since=args.changes_since))
    from .gui.app import headless_app
    from .gui.report import write_pdf

    _app = headless_app()
    try:
        pages = write_pdf(content, args.out)
    except OSError as exc:
        raise PlanError(f"{args.out}: cannot be written ({exc})") from None
    _out(f"wrote {args.out}: {pages} page(s), {len(content.units)} one-page OGSM(s), version {content.version_label}")
    return 0


# ------------------------------------------------------------------------------------------ parser
COMMANDS: dict[str, tuple[Callable, str]] = {
    "demo": (cmd_demo, "write the demo plan (JD.com's new-energy-vehicle OGSM) to a new file"),
    "tree": (cmd_tree, "print the cascade, indented, with owner, org unit, status and progress"),
    "lint": (cmd_lint, "print the method warnings (advice, never a block)"),
    "history": (cmd_history, "print the journal: every change with when, who, old → new and reason"),
    "versions": (cmd_versions, "list the named versions"),
    "snapshot": (cmd_snapshot, "save the current state as a named version (a reason is required)"),
    "diff": (cmd_diff, "compare two versions, or a version and now, with the impact of each change"),
    "restore": (cmd_restore, "make the plan equal to a version again, as one journaled change"),
    "import": (cmd_import, "import measures and actuals from an xlsx: all or nothing, problems named"),
    "export": (cmd_export, "export the cascade, measures and actuals to an xlsx"),
    "alerts": (cmd_alerts, "print the alerts: measures below target, stale, off course, past red"),
    "report": (cmd_report, "write the whole-plan report (one-page OGSM per unit, overview, charts, alerts) as PDF"),
}


class UsageError(Exception):
    """Arguments that do not fit together (exit 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors: exit 2 with the usage line
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="OGSM Desktop: offline editor for OGSM strategy plans.",
                     epilog=f"Without a command, opens the window: {PROG} [PLAN]")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, (_func, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        if name == "demo":
            p.add_argument("out", metavar="OUT.ogsm")
            p.add_argument("--force", action="store_true", help="replace OUT if it exists")
            continue
        p.add_argument("plan", metavar="PLAN")
        if name == "history":
            p.add_argument("--code", help="only the changes of the node with this code")
            p.add_argument("--limit", type=int, default=20,
                           help="list actual values one by one up to this many per batch (default 20)")
        elif name == "snapshot":
            p.add_argument("--name", required=True)
            p.add_argument("--reason", required=True)
        elif name == "diff":
            p.add_argument("a", metavar="A", help="a version name, or 'now'")
            p.add_argument("b", metavar="B", nargs="?", default=ver.NOW, help="a version name (default: now)")
        elif name == "restore":
            p.add_argument("version", metavar="A")
            p.add_argument("--reason", required=True)
        elif name == "import":
            p.add_argument("xlsx", metavar="XLSX")
            p.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
            p.add_argument("--reason", help="the reason journaled with the import (default: the file name)")
            p.add_argument("--sheet", help="a sheet without plan codes, read through --key and --map")
            p.add_argument("--key", help="that sheet's key columns, as letters: A or A,B")
            p.add_argument("--map", help="a CSV of key,code[,actual|target] lines mapping keys to plan measures")
        elif name == "export":
            p.add_argument("out", metavar="OUT.xlsx")
        elif name == "report":
            p.add_argument("out", metavar="OUT.pdf")
            p.add_argument("--version", help="print this named version instead of the current plan")
            p.add_argument("--changes-since", metavar="VERSION", help="add the changes since this version")
        elif name == "alerts":
            p.add_argument("--today", help="evaluate as of this date (YYYY-MM-DD; default: today)")
    return parser


def _utf8_stdio() -> None:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower().replace("-", "") != "utf8":
            stream.reconfigure(encoding="utf-8", errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _utf8_stdio()
    if not argv or (argv[0] not in COMMANDS and not argv[0].startswith("-")) or argv[0] == "--gui":
        if argv and argv[0] == "--gui":
            argv = argv[1:]
        if len(argv) > 1:
            build_parser().error(f"unknown command {argv[0]!r} (or more than one plan file given)")
        from .gui.app import run_gui

        return run_gui(argv[0] if argv else None)
    args = build_parser().parse_args(argv)
    if args.command is None:
        build_parser().error("a command is required")
    func = COMMANDS[args.command][0]
    try:
        return func(args)
    except UsageError as exc:
        build_parser().error(str(exc))
    except PlanError as exc:
        print(f"{PROG} {args.command}: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:      # `… | head` closed the pipe: not an error of ours
        return 0


if __name__ == "__main__":
    sys.exit(main())
