"""Excel on the command line: import (with a mapping for workbooks without plan codes) and export."""

from __future__ import annotations

from pathlib import Path

from ..core import history
from ..core.errors import PlanError
from ..core.history import value_text
from ..core.i18n import _, enumerated, labelled, listed, quoted
from ..core.inputs import check_input
from ..core.labels import field_label
from ..core.outputs import check_output
from ..core.places import os_problem
from ..core.storage import Plan
from .common import PROG, UsageError, err, out


def cmd_export(args) -> int:
    from ..core.excel.exporter import export

    check_output(args.out, reading=[Path(args.plan)])          # before the work, not after it
    _identify(args.plan)
    with Plan.open(args.plan, readonly=True) as plan:
        path = export(plan, args.out, unit=args.unit)
        if args.unit:
            from ..core.excel.exporter import unit_objective
            from ..core.model import QUANTIFIED

            nodes = plan.nodes.some(plan.nodes.subtree_ids(unit_objective(plan, args.unit).id))
            values = plan.actuals.between("", "9999-12-31", [i for i, n in nodes.items() if n.kind in QUANTIFIED])
            out(_("wrote {path}: {unit} and everything below it, {nodes} nodes, {actuals} actual values").format(
                path=path, unit=args.unit, nodes=f"{len(nodes):,}", actuals=f"{sum(map(len, values.values())):,}"))
        else:
            out(_("wrote {path}: {nodes} nodes, {actuals} actual values").format(
                path=path, nodes=f"{len(plan.nodes.tree().nodes):,}", actuals=f"{plan.actuals.count():,}"))
    return 0


def _identify(plan_path: str) -> None:
    """Give the plan its identity before its first export, so the workbook names it wherever the plan file
    goes; a plan open for editing elsewhere, or in a place that cannot be written, is exported without
    (the workbook then names the plan's file)."""
    from ..core.departments import plan_identity
    from ..core.errors import PlanFileError
    from ..core.excel.origin import identify

    with Plan.open(plan_path, readonly=True) as plan:
        if plan_identity(plan) is not None:
            return
    try:
        with Plan.open(plan_path) as plan:
            identify(plan)
    except PlanFileError:
        pass


def describe(conflict) -> str:
    """One line: a value changed in the plan since the export, the plan's value now and the workbook's."""

    what = field_label(conflict.what)
    if conflict.kind == "value":                 # a period's value (a node's own target has no period)
        what = f"{conflict.period} {what}"
    return _("{code} {what}: plan {plan} / workbook {workbook} (when exported: {exported})").format(
        code=conflict.code, what=what, plan=value_text(conflict.what, conflict.plan),
        workbook=value_text(conflict.what, conflict.workbook), exported=value_text(conflict.what, conflict.exported))


def field_change(field: str, old, new) -> str:
    """A field old → new, in words; two long texts are cut where they differ."""
    old, new = history.change_text(field, old, new)
    return _("{field} {old} → {new}").format(field=field_label(field), old=old, new=new)


def _described(head: str, change) -> str:
    """``head``: each field of ``change`` (a MeasureChange or a ValueChange) old → new, or the values a new
    one is given (empty ones left out)."""
    parts = [field_change(f, old, new) if change.old is not None
             else _("{field} {value}").format(field=field_label(f), value=value_text(f, new))
             for f, old, new in change.fields() if change.old is not None or new not in (None, "")]
    return labelled(head, listed(parts, parts=True))


def _read_mapping(args):
    """--sheet/--key/--map: how to read a sheet that has no column of plan codes."""
    from ..core.excel.importer import Mapping

    if not args.sheet:
        if args.key or args.map or args.period or args.value:
            raise UsageError(_("--key, --map, --period and --value go with --sheet"))
        return None
    if not args.key:
        raise UsageError(_("--sheet needs --key: the column letters whose values make a row's key (e.g. A,B)"))
    if bool(args.period) != bool(args.value):
        raise UsageError(_("--period and --value go together: the period column and the value column of a long "
                           "sheet"))
    columns = _letters("--key", args.key)
    period = _letters("--period", args.period)[0] if args.period else None
    value = _letters("--value", args.value)[0] if args.value else None
    keys: dict[str, tuple[str, str]] = {}
    if args.map:
        import csv

        try:
            with open(check_input(args.map), encoding="utf-8-sig", newline="") as fh:
                for line_no, row in enumerate(csv.reader(fh), start=1):
                    if not row or row[0].startswith("#") or (line_no == 1 and row[0].strip().casefold() == "key"):
                        continue
                    if len(row) < 2:
                        raise PlanError(_("{file}, line {line}: expected key,code[,actual|target]").format(
                            file=args.map, line=line_no))
                    field = (row[2].strip().casefold() if len(row) > 2 and row[2].strip() else "actual")
                    if field not in ("actual", "target"):
                        raise PlanError(_("{file}, line {line}: {field} is not actual or target").format(
                            file=args.map, line=line_no, field=quoted(row[2])))
                    keys[row[0].strip()] = (row[1].strip(), field)
        except OSError as exc:
            raise PlanError(os_problem(args.map, exc, "read")) from None
        except UnicodeDecodeError:
            raise PlanError(_("{file}: is not UTF-8 text; save it as “CSV UTF-8” and try again").format(
                file=args.map)) from None
    return [Mapping(args.sheet, columns, keys, period_column=period, value_column=value)]


def _letters(option: str, text: str) -> list[int]:
    """Column letters (A or A,B) as 0-based numbers."""
    columns = []
    for letter in text.split(","):
        letter = letter.strip().upper()
        if not letter.isalpha() or not letter.isascii():
            raise UsageError(_("{option}: {letter} is not a column letter").format(option=option, letter=quoted(letter)))
        number = 0
        for ch in letter:
            number = number * 26 + ord(ch) - 64
        columns.append(number - 1)
    if option != "--key" and len(columns) != 1:
        raise UsageError(_("{option}: one column letter").format(option=option))
    return columns


def cmd_import(args) -> int:
    from ..core.excel import conflicts, importer

    mappings = _read_mapping(args)
    # the workbook is read while the plan file is checked: nothing is said before the checks have passed
    plan, preview = Plan.open_reading(args.plan, lambda reading: importer.analyse(reading, args.xlsx, mappings),
                                      readonly=args.dry_run)
    with plan:
        for layout in preview.layouts:
            out(_("recognised {layout}").format(layout=layout.describe()))
        for skipped in preview.skipped:
            out(_("skipped {what}").format(what=skipped))
        for sheet, keys in preview.keys_found.items():
            unmapped = [k for k in keys if mappings and k not in mappings[0].keys]
            if unmapped:
                out(_("keys in sheet {sheet} without a mapping (skipped): {keys}").format(
                    sheet=quoted(sheet), keys=enumerated(unmapped[:40]) + (" …" if len(unmapped) > 40 else "")))
        for note in preview.notes:                 # rows left out on purpose (a total row), as the window lists them
            out(_("left out {note}").format(note=note))
        for warning in preview.warnings:
            err(f"{PROG} import: " + _("warning: {warning}").format(warning=warning))
        for problem in preview.problems:
            err(f"{PROG} import: " + listed([args.xlsx, problem]))
        if preview.problems:
            err(f"{PROG} import: " + labelled(args.xlsx, _("{count} problem(s); nothing was written").format(
                count=len(preview.problems))))
            return 1
        shown = conflicts.chosen(plan, preview, prefer=args.prefer)     # what would be written, as chosen
        out(shown.summary())
        for change in shown.measure_changes():
            out(("  + " if change.old is None else "  ~ ") + _described(f"{change.code} {change.title}", change))
        _list_values(shown.value_changes(), args.all)
        for conflict in preview.conflicts:
            out("  ! " + describe(conflict))
        if args.dry_run:
            out(_("dry run: nothing was written"))
            return 0
        if not preview.changes_anything:
            c = preview.counts()
            if c["values unchanged"] or c["measures unchanged"] or c["values kept"]:
                out(_("the plan already holds these values: nothing changed"))
            else:                                  # (rows left out, say, as said above): not "already held"
                out(_("no value was read from the workbook: nothing changed"))
            return 0
        if preview.conflicts and not args.prefer:
            err(f"{PROG} import: " + labelled(args.xlsx, _(
                "{n} value(s) changed in the plan since the workbook was exported: choose with --prefer plan or "
                "--prefer workbook (or import in the window, one by one); nothing was written").format(
                n=len(preview.conflicts))))
            return 1
        changes = importer.apply(plan, preview, args.reason or "", prefer=args.prefer)
        if changes.batch_id is None:
            out(_("the plan keeps its own values: nothing changed"))
        else:
            out(_("imported as batch #{batch}: {reason}").format(batch=changes.batch_id, reason=changes.reason))
    return 0


LISTED = 50      # values listed by an import, unless --all


def _list_values(changes, every: bool) -> None:
    """The values the import writes, the changed ones first (old → new), then the new ones; cut after
    :data:`LISTED` lines with how many more, unless ``every``."""
    changes = sorted(changes, key=lambda c: c.old is None)
    for change in changes if every else changes[:LISTED]:
        out(("  + " if change.old is None else "  ~ ") + _described(f"{change.code} {change.period}", change))
    if not every and len(changes) > LISTED:
        out("  … " + _("{n:,} more value(s) change: --all lists every one").format(n=len(changes) - LISTED))

