"""The journal and versions on the command line: history, versions, snapshot, diff, restore."""

from __future__ import annotations

from ..core import versions as ver
from ..core.errors import PlanError
from ..core.history import actual_text, short
from ..core.storage import Plan
from .common import codes, out


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
            out(f"#{batch.id}  {batch.at}  {batch.who}  {batch.kind}" + (f"  — {batch.reason}" if batch.reason else ""))
            for line in by_batch[batch.id]:
                out(f"    {line}")
    return 0


def cmd_versions(args) -> int:
    with Plan.open(args.plan, readonly=True) as plan:
        versions = plan.versions.all()
        for v in versions:
            out(f"{v.name}  {v.at}  {v.who}  — {v.reason}")
        if not versions:
            out("no versions yet (save one with: snapshot PLAN --name N --reason R)")
    return 0


def _print_impact(imp: ver.Impact) -> None:
    parts = []
    if imp.below:
        parts.append(f"below: {len(imp.below)} node(s) ({codes(imp.below)})")
    if imp.above:
        parts.append("rolls up into " + " → ".join(n.code for n in imp.above))
    if parts:
        out("      impact: " + "; ".join(parts))


def print_diff(diff: ver.Diff) -> None:
    out(f"{diff.a.label} → {diff.b.label}")
    for b in diff.batches:
        if b.reason and b.kind != "version":
            out(f"  #{b.id} {b.at} {b.who} {b.kind}: {b.reason}")
    for c in diff.nodes:
        n = c.node
        head = {"added": "+ added", "removed": "- removed", "moved": "> moved", "changed": "~ changed"}[c.change]
        out(f"{head} {n.code} [{n.kind}] {n.title}")
        if c.change == "moved":
            old = c.old_parent.code if c.old_parent else "(top)"
            new = c.new_parent.code if c.new_parent else "(top)"
            out(f"      from {old} to {new}" if old != new else f"      new place among the children of {new}")
        for field, old, new in c.fields:
            out(f"      {field}: {short(old)} → {short(new)}")
        _print_impact(c.impact)
    for key, old, new in diff.settings:
        out(f"~ plan setting {key}: {short(old)} → {short(new)}")
    for a in diff.actuals:
        out(f"= actuals of {a.node.code} {a.node.title}")
        for period, old, new in a.values:
            out(f"      {period}: {actual_text(old)} → {actual_text(new)}")
    counts = diff.counts()
    if diff.empty:
        out("no differences")
    else:
        out(f"{counts['added']} added, {counts['removed']} removed, {counts['moved']} moved, "
            f"{counts['changed']} changed, {counts['actuals']} actual value(s)"
            + (f", {counts['settings']} plan setting(s)" if counts["settings"] else ""))


def cmd_diff(args) -> int:
    with Plan.open(args.plan, readonly=True) as plan:
        diff = ver.compare(plan, ver.resolve(plan, args.a), ver.resolve(plan, args.b))
        print_diff(diff)
    return 0


def cmd_snapshot(args) -> int:
    with Plan.open(args.plan) as plan:
        since = ver.changes_since_last_version(plan)
        version = ver.save_version(plan, args.name, args.reason)
        out(f"saved version {version.name!r}: {version.reason}")
        if since is not None:
            out(f"changes since {since.a.label!r}:")
            print_diff(since)
    return 0


def cmd_restore(args) -> int:
    with Plan.open(args.plan) as plan:
        diff = ver.restore(plan, args.version, args.reason, numbers=args.numbers)
        if diff.empty:
            out(f"the plan already matches version {args.version!r}; nothing changed")
        else:
            out(f"restored version {args.version!r} (reason: {args.reason}); the changes made:")
            print_diff(diff)
        if diff.kept:
            out(f"kept {diff.kept} actual value(s) recorded since the version (restore them too with --numbers)")
    return 0
