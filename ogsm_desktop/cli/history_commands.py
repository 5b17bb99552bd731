"""The journal and versions on the command line: history, versions, snapshot, diff, restore."""

from __future__ import annotations

from ..core import versions as ver
from ..core.errors import PlanError
from ..core.history import actual_text, change_text, field_change, setting_text, short
from ..core.i18n import N_, _, labelled, listed, quoted
from ..core.labels import KIND_LABELS, batch_kind_label, field_label, label, setting_label
from ..core.storage import Plan
from .common import codes, out

# How each change of a node is headed in a diff (said with _()).
CHANGE_HEADS = {"added": N_("+ added"), "removed": N_("- removed"), "moved": N_("> moved"), "changed": N_("~ changed")}


def cmd_history(args) -> int:
    with Plan.open(args.plan, readonly=True) as plan:
        node_ids = None
        if args.code:
            node_ids = plan.nodes.ids_for_code(args.code)
            if not node_ids:
                raise PlanError(_("{plan}: no node has ever had the code {code}").format(plan=args.plan,
                                                                                         code=quoted(args.code)))
        rows = plan.journal.rows(node_ids=node_ids)
        actual_changes = plan.actuals.history(node_ids)
        codes = {n.id: n.code for n in plan.nodes.tree().nodes.values()}
        parents: dict[int, str] = {}
        by_batch: dict[int, list[str]] = {}
        for r in rows:
            if r.action == "create":
                line = _("+ {code} created: {kind} {title}").format(
                    code=r.code, kind=label(KIND_LABELS, r.new.get("kind")), title=short(r.new.get("title")))
            elif r.action == "delete":
                line = _("- {code} deleted: {kind} {title}").format(
                    code=r.code, kind=label(KIND_LABELS, r.old.get("kind")), title=short(r.old.get("title")))
            else:                                   # (a move names the parents by their codes)
                old, new = field_change(plan, r, parents)
                line = f"~ {r.code} " + labelled(field_label(r.field), f"{old} → {new}")
            by_batch.setdefault(r.batch_id, []).append(line)
        if not args.code:
            for m in plan.journal.meta_rows():
                by_batch.setdefault(m.batch_id, []).append(_("~ plan setting {key} ({setting}): {old} → {new}").format(
                    key=m.key, setting=setting_label(m.key), old=setting_text(m.key, m.old),
                    new=setting_text(m.key, m.new)))
        grouped: dict[int, list] = {}
        for c in actual_changes:
            grouped.setdefault(c.batch_id, []).append(c)
        for batch_id, changes in grouped.items():
            lines = by_batch.setdefault(batch_id, [])
            if args.code or len(changes) <= args.limit:
                for c in changes:
                    code = codes.get(c.node_id, f"#{c.node_id}")
                    lines.append("= " + labelled(f"{code} {c.period}", f"{actual_text(c.old)} → {actual_text(c.new)}"))
            else:
                new = sum(c.old is None for c in changes)
                gone = sum(c.new is None for c in changes)
                lines.append(_("= {count} actual values ({new} new, {changed} changed, {removed} removed)").format(
                    count=len(changes), new=new, changed=len(changes) - new - gone, removed=gone))
        for batch in plan.journal.batches():
            if batch.id not in by_batch:
                if batch.kind == "version" and not args.code:
                    by_batch[batch.id] = []
                else:
                    continue
            out(f"#{batch.id}  {batch.at}  {batch.who}  {batch_kind_label(batch.kind)}" + (f"  — {batch.reason}" if batch.reason else ""))
            for line in by_batch[batch.id]:
                out(f"    {line}")
    return 0


def cmd_versions(args) -> int:
    with Plan.open(args.plan, readonly=True) as plan:
        versions = plan.versions.all()
        for v in versions:
            out(f"{v.name}  {v.at}  {v.who}  — {v.reason}")
        if not versions:
            out(_("no versions yet (save one with: snapshot PLAN --name N --reason R)"))
    return 0


def _print_impact(imp: ver.Impact) -> None:
    parts = []
    if imp.below:
        parts.append(_("below: {count} node(s) ({codes})").format(count=len(imp.below), codes=codes(imp.below)))
    if imp.above:
        parts.append(_("rolls up into {codes}").format(codes=" → ".join(n.code for n in imp.above)))
    if parts:
        out("      " + _("impact: {parts}").format(parts=listed(parts, parts=True)))


def _point(point: ver.Point) -> str:
    """A version by its name; the plan as it is now in the language spoken (typed "now" on the command line)."""
    return point.label if point.version is not None else _("now (current plan)")


def print_diff(diff: ver.Diff) -> None:
    out(f"{_point(diff.a)} → {_point(diff.b)}")
    for b in diff.batches:
        if b.reason and b.kind != "version":
            out("  " + labelled(f"#{b.id} {b.at} {b.who} {batch_kind_label(b.kind)}", b.reason))
    for c in diff.nodes:
        n = c.node
        out(f"{_(CHANGE_HEADS[c.change])} {n.code} [{label(KIND_LABELS, n.kind)}] {n.title}")
        if c.change == "moved":
            old = c.old_parent.code if c.old_parent else _("(top)")
            new = c.new_parent.code if c.new_parent else _("(top)")
            out("      " + (_("from {old} to {new}").format(old=old, new=new) if old != new
                             else _("new place among the children of {parent}").format(parent=new)))
        for field, old, new in c.fields:
            old, new = change_text(field, old, new)
            out("      " + labelled(field_label(field), f"{old} → {new}"))
        _print_impact(c.impact)
    for key, old, new in diff.settings:
        out(_("~ plan setting {key} ({setting}): {old} → {new}").format(key=key, setting=setting_label(key),
                                                                         old=setting_text(key, old),
                                                                         new=setting_text(key, new)))
    for a in diff.actuals:
        out(_("= actuals of {code} {title}").format(code=a.node.code, title=a.node.title))
        for period, old, new in a.values:
            out("      " + labelled(period, f"{actual_text(old)} → {actual_text(new)}"))
    counts = diff.counts()
    if diff.empty:
        out(_("no differences"))
    else:
        out(_("{added} added, {removed} removed, {moved} moved, {changed} changed, {actuals} actual value(s)").format(
            added=counts["added"], removed=counts["removed"], moved=counts["moved"], changed=counts["changed"],
            actuals=counts["actuals"])
            + (_(", {count} plan setting(s)").format(count=counts["settings"]) if counts["settings"] else ""))


def cmd_diff(args) -> int:
    with Plan.open(args.plan, readonly=True) as plan:
        diff = ver.compare(plan, ver.resolve(plan, args.a), ver.resolve(plan, args.b))
        print_diff(diff)
    return 0


def cmd_snapshot(args) -> int:
    with Plan.open(args.plan) as plan:
        since = ver.changes_since_last_version(plan)
        version = ver.save_version(plan, args.name, args.reason)
        out(_("saved version {name}: {reason}").format(name=quoted(version.name), reason=version.reason))
        if since is not None:
            out(_("changes since {version}:").format(version=quoted(since.a.label)))
            print_diff(since)
    return 0


def cmd_restore(args) -> int:
    with Plan.open(args.plan) as plan:
        diff = ver.restore(plan, args.version, args.reason, numbers=args.numbers)
        if diff.empty:
            out(_("the plan already matches version {name}; nothing changed").format(name=quoted(args.version)))
        else:
            out(_("restored version {name} (reason: {reason}); the changes made:").format(name=quoted(args.version),
                                                                                         reason=args.reason))
            print_diff(diff)
        if diff.kept:
            out(_("kept {count} actual value(s) recorded since the version (restore them too with --numbers)").format(
                count=diff.kept))
    return 0
