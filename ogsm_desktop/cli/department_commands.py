"""``split`` and ``merge``: a department's part of the plan out to its own file, and back."""

from __future__ import annotations

from ..core import departments, merge, refresh
from ..core.history import actual_text, setting_text, short
from ..core.i18n import _, enumerated
from ..core.labels import field_label, setting_label
from ..core.storage import Plan
from .common import err, out


def cmd_split(args) -> int:
    with Plan.open(args.plan) as plan:
        origin = departments.split(plan, args.code, args.out, args.reason or "", overwrite=args.force)
        size = 1 + len(plan.nodes.tree().descendants(origin.unit_id))
    out(_("wrote the department plan of {unit} to {path}: {nodes} nodes to work on, the company's {context} above "
          "them for context (locked)").format(unit=origin.unit_code, path=args.out, nodes=size,
                                              context=len(origin.context)))
    return 0


def describe(conflict: merge.Conflict, direction: str = merge.MERGE) -> str:
    """One line: what changed on both sides, with both values ("here" is the company plan in a merge, the
    department file in a refresh)."""
    if conflict.kind == "field":
        return _("{code} {field}: company {company} / department {department}").format(
            code=conflict.code, field=field_label(conflict.what), company=short(conflict.company),
            department=short(conflict.department))
    if conflict.kind == "actual":
        return _("{code} {period}: company {company} / department {department}").format(
            code=conflict.code, period=conflict.what, company=_value(conflict.company),
            department=_value(conflict.department))
    if direction == merge.REFRESH and conflict.kind == "deleted_here":
        return _("{code} was deleted in the department and edited in the company").format(code=conflict.code)
    if direction == merge.REFRESH and conflict.kind == "deleted_there":
        return _("{code} was edited in the department and deleted in the company (or moved out of the department's "
                 "part)").format(code=conflict.code)
    if conflict.kind == "deleted_here":
        return _("{code} was deleted here and edited in the department").format(code=conflict.code)
    if conflict.kind == "deleted_there":
        return _("{code} was edited here and deleted in the department").format(code=conflict.code)
    if conflict.kind == "moved_out":
        return _("{code} was moved here out of the department's part, and edited there").format(code=conflict.code)
    return _("{code} was moved on both sides").format(code=conflict.code)


def _value(value) -> str:
    """A period's numbers as the conflict holds them (actual, target, comment): all of them, as the window
    shows them (the actual alone hid a target that differed)."""
    return actual_text(tuple(value)) if isinstance(value, tuple | list) and len(value) == 3 else \
        "—" if value is None else short(value)


def cmd_merge(args) -> int:
    with Plan.open(args.plan, readonly=args.dry_run) as plan:
        try:
            preview = merge.preview(plan, args.department, as_new_under=args.as_new_under)
        except merge.UnitGone as gone:
            err(str(gone))
            err(_("to bring it back as a new unit, name the strategy it is to serve: --as-new-under CODE"))
            return 1
        out(_("{file} ({unit}): {added} added, {removed} removed, {edited} edited, {moved} moved, {numbers} "
              "number(s), {conflicts} conflict(s)").format(file=args.department, unit=preview.origin.unit_code,
                                                          **preview.counts()))
        return _bring(plan, preview, args, merge.apply,
                      nothing=_("nothing new since the last merge; nothing was changed"),
                      choose=_("{n} conflict(s): choose with --prefer company or --prefer department (or merge in "
                               "the window, one by one); nothing was changed"),
                      done=_("merged as batch #{batch}"))


def cmd_refresh(args) -> int:
    with Plan.open(args.plan, readonly=args.dry_run) as dept:
        preview = refresh.preview(dept, args.company)
        out(_("{file}: {added} added, {removed} removed, {edited} edited, {moved} moved, {numbers} number(s), "
              "{conflicts} conflict(s)").format(file=args.company, **preview.counts()))
        if preview.context_moved:
            out(_("the department now serves {code} in the company plan").format(code=preview.context[-1].code))
        for key, (old, new) in preview.settings.items():     # judged as the company judges
            out(_("~ plan setting {key} ({setting}): {old} → {new}").format(
                key=key, setting=setting_label(key), old=setting_text(key, old), new=setting_text(key, new)))
        return _bring(dept, preview, args, refresh.apply,
                      nothing=_("nothing new in the company plan since the last refresh or merge; nothing was "
                                "changed"),
                      choose=_("{n} conflict(s): choose with --prefer company or --prefer department (or refresh in "
                               "the window, one by one); nothing was changed"),
                      done=_("refreshed as batch #{batch}"))


def _list_changes(here: Plan, preview: merge.MergePlan) -> None:
    """Each node the merge or refresh adds, removes, edits or moves, by its code (a dry run says what)."""
    nodes = here.nodes.some(set(preview.removed) | set(preview.edits) | set(preview.moves))
    for node in preview.added:
        code = preview.renumbered.get(node.id)
        if code is None:
            out(f"  + {node.code} {node.title}")
            continue
        why = preview.renumbered_why.get(node.id)
        text = (_("{code} {title} (new; {there} in the department file, under a node whose code changed)")
                if why == merge.CODE_FOLLOWS else
                _("{code} {title} (new; {there} in the department file, another node's here before)")
                if why == merge.CODE_USED else _("{code} {title} (new; {there} in the department file, taken here)"))
        out("  + " + text.format(code=code, title=node.title, there=node.code))
    for cid in preview.removed:
        if cid in nodes:
            out("  - " + _("{code} {title}, with what is below it").format(code=nodes[cid].code, title=nodes[cid].title))
    for cid, fields in preview.edits.items():
        if cid in nodes:
            named = [field_label(f) if f != "code" or cid not in preview.codes_kept else _(
                "{label} ({code} is taken here by another node: it stays {stays})").format(
                label=field_label(f), code=fields[f], stays=nodes[cid].code) for f in fields]
            out("  ~ " + _("{code} {title}: {fields}").format(code=nodes[cid].code, title=nodes[cid].title,
                                                             fields=enumerated(named)))
    for cid, (parent_there, index) in preview.moves.items():
        if cid not in nodes:
            continue
        node = nodes[cid]
        if preview.parent_here(parent_there) == node.parent_id:                        # elsewhere among its siblings
            out("  > " + _("{code} {title}: to place {place} among its siblings").format(
                code=node.code, title=node.title, place=index + 1))
        else:
            parent = preview.there_nodes.get(parent_there)
            out("  > " + _("{code} {title}: moved under {parent}").format(
                code=node.code, title=node.title, parent=parent.code if parent is not None else "—"))


def _bring(plan: Plan, preview: merge.MergePlan, args, writer, *, nothing: str, choose: str, done: str) -> int:
    """The conflicts listed, then written with ``writer`` unless there is nothing, a conflict is left
    without --prefer (exit 1), or it is a dry run."""
    _list_changes(plan, preview)
    for conflict in preview.conflicts:
        out("  ! " + describe(conflict, preview.direction))
    if preview.empty:
        out(nothing)
        return 0
    if preview.conflicts and not args.prefer:
        err(choose.format(n=len(preview.conflicts)))
        return 1
    if args.dry_run:
        out(_("dry run: nothing was written"))
        return 0
    changes = writer(plan, preview, prefer=args.prefer, reason=args.reason or "")
    out(done.format(batch=changes.batch_id))
    return 0
