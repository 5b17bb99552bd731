"""A workbook exported from this plan, imported after the plan changed: what would silently be reverted.

The workbook remembers the point of the plan's journal it was written at (:mod:`.origin`). Every value the
import would write whose cell was changed in the plan since that point — a field of a goal or measure
(read from the journal's rows since the point), an actual, target or comment of a period (the actuals'
own history) — and that differs from the plan's value now is an :class:`ImportConflict`: it is written
only if the user takes the workbook's value. Values the plan did not change since are imported as from any
workbook. A goal or measure deleted in the plan since is left out, said so (its code is never given again,
so the workbook cannot bring it back).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..errors import ValidationError
from ..fields import same_value
from ..i18n import _, ngettext
from ..storage import Plan
from ..storage.actuals import KEEP, ActualDiff
from .preview import Preview, Problem
from .reader import node_period

PLAN, WORKBOOK = "plan", "workbook"
VALUE_FIELDS = ("actual", "target", "comment")
_NONE = (None, None, "")


@dataclass(frozen=True)
class ImportConflict:
    """One value changed in the plan since the export, which the workbook would set otherwise."""

    key: tuple            # ("field", node_id, field) | ("value", node_id, period, field)
    code: str
    title: str
    what: str             # the field ("target", "owner", "actual", …)
    period: str           # "" for a field of the node
    exported: object      # the plan's value when the workbook was written (None: none)
    plan: object          # the plan's value now (None: none, or deleted)
    workbook: object      # the value in the workbook

    @property
    def kind(self) -> str:
        return self.key[0]


def find(plan: Plan, preview: Preview, since: int) -> list[ImportConflict]:
    """The conflicts of an analysis (problems none, diff made) against the plan's changes after batch
    ``since``; reads only."""
    if since >= plan.journal.last_batch_id():
        return []
    return _fields(plan, preview, since) + _values(plan, preview, since)


def _fields(plan: Plan, preview: Preview, since: int) -> list[ImportConflict]:
    ids = [node_id for node_id, _fields in preview.changed_measures]
    if not ids:
        return []
    then: dict[tuple[int, str], object] = {}          # (node, field) → its value at the point
    created: set[int] = set()
    for row in plan.journal.rows(after_batch=since, node_ids=ids):
        if row.action == "create":
            created.add(row.node_id)
        elif row.action == "update":
            then.setdefault((row.node_id, row.field), row.old)
    nodes = plan.nodes.some(ids)
    out = []
    for node_id, fields in preview.changed_measures:
        node = nodes[node_id]
        for name, new in fields.items():
            now = getattr(node, name)
            if node_id in created or ((node_id, name) in then and not same_value(then[(node_id, name)], now)):
                exported = None if node_id in created else then[(node_id, name)]
                out.append(ImportConflict(("field", node_id, name), node.code, node.title, name, "", exported, now,
                                          new))
    return out


def _values(plan: Plan, preview: Preview, since: int) -> list[ImportConflict]:
    if not preview.rows:
        return []
    changed = plan.actuals.changes_between(since, plan.journal.last_batch_id())
    out = []
    for row in preview.rows:
        key = (row[0], row[1])
        if key not in changed:
            continue
        then, now = changed[key]
        then, now = then or _NONE, now or _NONE
        for i, name in enumerate(VALUE_FIELDS):
            given = row[3 + i]
            if given is KEEP or same_value(then[i], now[i]) or same_value(given, now[i]):
                continue
            code, title = preview.codes.get(row[0], ("?", ""))
            out.append(ImportConflict(("value", row[0], row[1], name), code, title, name, row[1], then[i],
                                      now[i], given))
    return out


def refuse_moved_codes(plan: Plan, preview: Preview, since: int) -> None:
    """A problem for each code the workbook names (a row's measure, a new measure's parent) that belonged to
    another node when the workbook was exported: a department file's refresh gives the company's node the
    code the department's own carried (that one takes another), and the workbook's rows would go to the
    company's node; undoing that refresh deletes the company's node and gives its code back to the
    department's. A code nobody had then that the plan has given since to a node of its own (made by hand,
    pasted, merged) is refused as well: the workbook's rows are its own new measure's, or rows it could not
    know; one an earlier import made (of this workbook, say) is not."""
    if since >= plan.journal.last_batch_id():
        return
    then: dict[int, object] = {}                  # node → its code at the point, if changed or deleted since
    gone: dict[int, str] = {}                     # node deleted since → its title
    created: set[int] = set()
    imports = {b.id for b in plan.journal.batches() if b.id > since and b.kind == "import"}
    made_here: set[int] = set()                   # made since by the plan's own hand, not by an import
    for row in plan.journal.rows(after_batch=since):
        if row.action == "create":
            created.add(row.node_id)
            if row.batch_id not in imports:
                made_here.add(row.node_id)
        elif row.action == "update" and row.field == "code":
            then.setdefault(row.node_id, row.old)
        elif row.action == "delete":
            then.setdefault(row.node_id, row.code)
            gone[row.node_id] = (row.old or {}).get("title", "")
    holder = {code: node_id for node_id, code in then.items() if node_id not in created}   # then, of those codes
    named = {preview.codes[r[0]][0] for r in preview.rows if r[0] in preview.codes}
    named |= {preview.codes[node_id][0] for node_id, _fields in preview.changed_measures if node_id in preview.codes}
    named |= {m["parent"] for m in preview.new_measures}
    by_code = {code: node_id for node_id, (code, _title) in preview.codes.items()}
    for code in sorted(named):
        now = by_code.get(code)
        before = holder.get(code)
        if before is None and now in made_here:   # the workbook's own new measure, or a code it cannot know
            preview.problems.append(Problem(None, None, None, _(
                "{code} was no node's code when the workbook was exported; the plan has given it since to “{now}”, "
                "so the workbook's rows of {code} are not taken as that node's: if they are a new measure of the "
                "workbook, give it a code of its own; if they are for “{now}”, export the workbook again and type "
                "them there").format(code=code, now=preview.codes[now][1])))
            continue
        if now is None or before is None or before == now or not (now in created or now in then):
            continue
        if before in gone:
            message = _("{code} was the code of “{then}” when the workbook was exported; “{then}” has been deleted "
                        "since and {code} is now that of “{now}”: take the workbook's rows of {code} out, or export "
                        "the workbook again").format(code=code, then=gone[before], now=preview.codes[now][1])
        else:
            old_code, old_title = preview.codes.get(before, ("?", ""))
            message = _(
                "{code} was the code of “{then}” when the workbook was exported; it is now that of “{now}”, and "
                "“{then}” is {then_code}: write {then_code} in the workbook's rows of “{then}”, or export the "
                "workbook again").format(code=code, then=old_title, now=preview.codes[now][1], then_code=old_code)
        preview.problems.append(Problem(None, None, None, message))


def leave_out_deleted(plan: Plan, preview: Preview, since: int) -> None:
    """Leave out the goals and measures the workbook would create whose code was a node the plan deleted
    after the export (with their values), and say so."""
    if not preview.new_measures or since >= plan.journal.last_batch_id():
        return
    wanted = {m["code"] for m in preview.new_measures}
    gone = {row.code for row in plan.journal.rows(after_batch=since) if row.action == "delete" and row.code in wanted}
    if not gone:
        return
    preview.new_measures = [m for m in preview.new_measures if m["code"] not in gone]
    preview.pending = [p for p in preview.pending if p[0] not in gone]
    for code in sorted(gone):
        preview.warnings.append(_("{code} was deleted in the plan after the workbook was exported: its row and its "
                                  "values are left out").format(code=code))


def settle(preview: Preview, choices: dict[tuple, str] | None = None, prefer: str | None = None) -> Preview:
    """The analysis with every conflict decided: the plan's value kept (the workbook's left out) or the
    workbook's taken. ValidationError, nothing decided, while a conflict has no choice."""
    choices = choices or {}
    open_ = [c for c in preview.conflicts if choices.get(c.key, prefer) not in (PLAN, WORKBOOK)]
    if open_:
        n = len(open_)
        raise ValidationError(ngettext(
            "{path}: {n} value was changed in the plan since the workbook was exported; choose keep plan or take "
            "workbook for it (in the window, or with --prefer plan|workbook); nothing was written",
            "{path}: {n} values were changed in the plan since the workbook was exported; choose keep plan or take "
            "workbook for each (in the window, or with --prefer plan|workbook); nothing was written", n).format(
            path=preview.path, n=n))
    return leave_out(preview, {c.key for c in preview.conflicts if choices.get(c.key, prefer) == PLAN})


def chosen(plan: Plan, preview: Preview, choices: dict[tuple, str] | None = None, prefer: str | None = None) -> Preview:
    """The analysis as the import would write it with the choices made so far: the plan's value stays where
    it is chosen (a conflict without a choice still shows the workbook's). What a preview lists as changing
    is read from this, so that it never names a value the plan keeps. Reads only."""
    choices = choices or {}
    return keep_plan(plan, preview, {c.key for c in preview.conflicts if choices.get(c.key, prefer) == PLAN})


def keep_plan(plan: Plan, preview: Preview, kept: set[tuple]) -> Preview:
    """The analysis without the workbook's values of ``kept`` (conflict keys), the periods they touch
    compared again with the plan's (only those: a choice in the window redoes this). A value the plan keeps
    is no empty cell of the workbook: the count of those stays."""
    if not kept:
        return preview
    out = leave_out(preview, kept)
    if preview.diff is not None:
        touched = _periods(kept)
        before = plan.actuals.compare_prepared([r for r in preview.rows if (r[0], r[1]) in touched],
                                               as_workbooks_keep=True)
        after = plan.actuals.compare_prepared([r for r in out.rows if (r[0], r[1]) in touched], as_workbooks_keep=True)
        out.diff = _swapped(preview.diff, touched, before, after)
    return out


def _swapped(diff: ActualDiff, touched: set[tuple], before: ActualDiff, after: ActualDiff) -> ActualDiff:
    """``diff`` with the part of the periods ``touched`` (``before``, as the diff has it) replaced by
    ``after``."""
    ended = set(before.ended)
    out = ActualDiff(diff.as_of_batch, [i for i in diff.ended if i not in ended] + after.ended,
                     [r for r in diff.inserted if (r[0], r[1]) not in touched] + after.inserted,
                     {k: diff.counts[k] - before.counts[k] + after.counts[k] for k in diff.counts},
                     {k: v for k, v in diff.previous.items() if k not in touched} | after.previous)
    out.inserted.sort(key=node_period)             # in the order the analysis lists them
    out.counts["kept"] = diff.counts["kept"]
    return out


def untouched(conflicts: list[ImportConflict]) -> set[tuple]:
    """The conflicts the workbook did not make: its value is the one the plan had when it was exported, so
    only the plan changed it since — the plan's value stays, nothing to choose."""
    return {c.key for c in conflicts if same_value(c.workbook, c.exported)}


def leave_out(preview: Preview, kept: set[tuple]) -> Preview:
    """The analysis without the workbook's values of ``kept`` (conflict keys): the plan's stay."""
    if not kept:
        return preview
    measures, unchanged = [], preview.unchanged_measures
    for node_id, fields in preview.changed_measures:
        fields = {name: value for name, value in fields.items() if ("field", node_id, name) not in kept}
        if fields:
            measures.append((node_id, fields))
        else:
            unchanged += 1           # every change of it left out: counted with the unchanged, not lost
    touched = _periods(kept)
    rows = [] if touched else list(preview.rows)
    for row in preview.rows if touched else ():
        if (row[0], row[1]) not in touched:
            rows.append(row)
            continue
        value = tuple(KEEP if ("value", row[0], row[1], name) in kept else row[3 + i]
                      for i, name in enumerate(VALUE_FIELDS))
        if value != tuple(row[3:6]) and all(v is KEEP or v is None or v == "" for v in value):
            continue                 # nothing of the workbook's left for this period: no row (not an empty one)
        rows.append((*row[:3], *value, *row[6:]))
    return replace(preview, changed_measures=measures, unchanged_measures=unchanged, rows=rows, diff=None)


def _periods(kept: set[tuple]) -> set[tuple[int, str]]:
    """The (node, period) of the value conflicts among ``kept``."""
    return {(key[1], key[2]) for key in kept if key[0] == "value"}


def describe_origin(preview: Preview) -> str:
    """One line on where a workbook of this plan came from, for the preview ("" for any other)."""
    origin = preview.origin
    if origin is None or preview.since is None:
        return ""
    unit = origin.unit_code or _("the whole plan")
    when = origin.exported[:16].replace("T", " ")
    return _("exported from this plan ({unit}) on {when}").format(unit=unit, when=when)
