"""Importing measures and actuals from a workbook: validate everything first, then write all or nothing.

:func:`analyse` reads the file and compares it with the plan without writing: which sheets and columns
were recognised, what would be new, changed or unchanged, and every problem with its sheet, row and
column. :func:`apply` writes an analysis with no problems as one journal batch whose reason names the
file. The sheets it understands are read by ``measures_sheet`` (goal and measure definitions) and
``actuals_sheet`` (numbers in long or wide form, or through a :class:`Mapping` for workbooks written
by other people).
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from operator import itemgetter
from pathlib import Path

from ..changes import ChangeSet
from ..errors import PlanError, ValidationError
from ..i18n import _, enumerated, ngettext, quoted
from ..perf import paused_gc
from ..periods import period_end
from ..plan_settings import MonitorSettings
from ..storage import Plan
from . import conflicts as conflicts_
from . import thresholds
from .actuals_sheet import finish_mapped, read_actuals, read_mapped
from .books import Sheet, WorkbookError, open_book
from .measures_sheet import read_measures
from .origin import read_properties, same_plan
from .preview import (
    UNMEASURED,
    ImportCancelled,
    Layout,
    Mapping,
    Preview,
    Problem,
    Progress,
    import_cancelled,
)
from .reader import HEADER_SCAN, Reader, node_period, nonempty
from .values import ACTUAL_ROLES, cell_text, header_role, looks_like_period, names_a_due_date

# Sheet names matched in either language whatever the language spoken (never translated text).
MEASURES_NAMES = {"measures", "measure", "指标", "衡量指标", "指标定义", "衡量"}
SKIP_NAMES = {"cascade", "级联", "分解", "outline", "大纲"}

__all__ = ["ImportCancelled", "Layout", "Mapping", "Preview", "Problem", "analyse", "apply", "import_cancelled"]


def _no_progress(_what: str, _done: int, _total: int) -> bool:
    return True


SHEET_KINDS = ("numbers", "definitions", "skip")


def _asking(progress: Progress, what: str, every: float = 0.1):
    """Called between two blocks of a sheet's check: asks ``progress`` (whether to go on) at most every ``every``
    seconds, not at each block (hundreds a second), and stops the check at a cancel."""
    asked = time.monotonic()

    def between() -> None:
        nonlocal asked
        now = time.monotonic()
        if now - asked >= every:
            asked = now
            if not progress(what, 0, UNMEASURED):
                raise import_cancelled()
    return between


# A million values read or written are as many small tuples and lists, none in a cycle: the cycle collector's
# passes over them took 1.3-2 s of the big import's analysis (read without them: 9.6-10.2 s against 11.9-13 s).
# The rows the preview keeps go to the oldest generation as they are (an analysis is made once in a while).
@paused_gc(kept_as_old=True)
def analyse(plan: Plan, path: str | Path, mappings: list[Mapping] | None = None,
            progress: Progress = _no_progress, kinds: dict[str, str] | None = None,
            columns: dict[str, dict[int, str]] | None = None) -> Preview:
    """Read ``path`` and compare it with the plan; writes nothing. WorkbookError for a file refused whole.

    Where the program's own reading is not what the user wants, they say so: ``kinds`` — what a sheet is,
    "numbers" (actuals and targets per period), "definitions" (goals and measures) or "skip"; ``columns`` —
    per sheet, what a column holds (code, period, actual, target, comment… or "ignore")."""
    path = Path(path)
    kinds = kinds or {}
    preview = Preview(path)
    mapped = {m.sheet: m for m in mappings or []}
    with open_book(path, _asking(progress, _("reading {file}").format(file=path.name))) as book:
        _origin(plan, preview, book.properties())
        for name in mapped:
            if name not in book.sheet_names:
                raise WorkbookError(_("{path}: no sheet named {name!r} (sheets: {sheets})").format(
                    path=path, name=name, sheets=enumerated(book.sheet_names)))
        names = book.sheet_names
        # definitions first: the numbers of every sheet are read for the measures (and in the units) they leave
        ordered = sorted(names, key=lambda n: (kinds.get(n, "definitions" if n.strip().casefold() in MEASURES_NAMES
                                                         else None) != "definitions", names.index(n)))
        first = next((n for n in ordered if _left_out(n, kinds, mapped) is None), None)
        if first is not None:
            book.prepare(first)                 # checked, then loaded while the plan is read
            while not book.checked(0.1):        # (the check and the plan's read both need Python's lock)
                if not progress(_("reading sheet {name}").format(name=first), 0, UNMEASURED):
                    raise import_cancelled()
        reader = Reader(plan, preview, progress, columns)
        found_any = False
        for name in ordered:
            why = _left_out(name, kinds, mapped)
            if why is not None:
                _not_imported(preview, name, why)
                continue
            reading = _("reading sheet {name}").format(name=name)
            if not progress(reading, 0, UNMEASURED):
                raise import_cancelled()
            sheet = book.sheet(name, _asking(progress, reading))
            if name in mapped:
                read_mapped(reader, sheet, mapped[name])
                found_any = True
            elif kinds.get(name) == "definitions" and read_measures(reader, sheet, chosen=True):
                found_any = True
            elif kinds.get(name) == "numbers" and read_actuals(reader, sheet):
                found_any = True
            elif name not in kinds and (read_measures(reader, sheet) or read_actuals(reader, sheet)):
                found_any = True
            else:
                _not_imported(preview, name, _why_not(sheet))
                preview.unrecognised.append(name)
            del sheet
        # (a cancel is asked for before and after: on a million rows these take seconds)
        if not progress(_("checking the rows read"), 0, UNMEASURED):
            raise import_cancelled()
        finish_mapped(reader)
        reader.check_repeats()
        thresholds.say_problems(reader)             # with the targets of every sheet read
        if not progress(_("checking the rows read"), 0, UNMEASURED):
            raise import_cancelled()
        if preview.since is not None:
            conflicts_.refuse_moved_codes(plan, preview, preview.since)
        order = {name: i for i, name in enumerate(book.sheet_names)}
        preview.problems.sort(key=lambda p: (order.get(p.sheet, -1), p.row or 0, p.column or 0))
    if not found_any:
        reasons = "; ".join(preview.skipped) or _("the workbook has no sheets")
        preview.problems.append(Problem(None, None, None, _("no sheet of measures or actuals was recognised: "
                                                            "{reasons}").format(reasons=reasons)))
    if preview.problems:
        preview.rows.clear()
        return preview
    if not progress(_("comparing with the plan"), 0, UNMEASURED):
        raise import_cancelled()
    preview.diff = plan.actuals.compare_prepared(preview.rows, as_workbooks_keep=True)
    if preview.since is not None:
        found = conflicts_.find(plan, preview, preview.since)
        same = conflicts_.untouched(found)          # changed in the plan only: the plan's values stay
        if same:
            preview = conflicts_.keep_plan(plan, preview, same)          # (said below, not as empty cells)
            preview.warnings.append(ngettext(
                "{n} value changed in the plan since the workbook was exported, and left as it was in the "
                "workbook, keeps the plan's value", "{n} values changed in the plan since the workbook was "
                "exported, and left as they were in the workbook, keep the plan's values", len(same)).format(n=len(same)))
        preview.conflicts = [c for c in found if c.key not in same]
        conflicts_.leave_out_deleted(plan, preview, preview.since)
    _outside_the_year(plan, preview)
    _outside_the_unit(plan, preview)
    return preview


def _outside_the_year(plan: Plan, preview: Preview) -> None:
    """Say how many values imported are for periods outside the plan year: kept, but the views and statuses
    of the year do not show them (a sheet of another year mapped in seemed to change nothing)."""
    calendar = MonitorSettings.of(plan).calendar_for(dt.date.today())
    periods = Counter(map(itemgetter(1), preview.diff.inserted))          # (a million rows: counted in C)
    periods.update(map(itemgetter(1), preview.pending))
    count = sum(n for period, n in periods.items() if not calendar.contains(period))
    if count:
        preview.warnings.append(ngettext(
            "{n:,} value imported is for a period outside the plan year ({year}): the plan year's views and "
            "statuses do not show it", "{n:,} values imported are for periods outside the plan year ({year}): the "
            "plan year's views and statuses do not show them", count).format(n=count, year=calendar.label()))


def _outside_the_unit(plan: Plan, preview: Preview) -> None:
    """Name the values a unit's workbook gives goals and measures outside that unit (imported all the same:
    the planner decides, with the preview)."""
    origin = preview.origin
    unit = plan.nodes.carrier(origin.unit_code) if origin is not None and origin.unit_code else None
    if unit is None or preview.since is None:
        return
    part = set(plan.nodes.subtree_ids(unit))
    outside = Counter(row[0] for row in preview.diff.inserted if row[0] not in part)
    if outside:
        codes = plan.nodes.some(outside.keys())
        named = sorted(codes[i].code for i in outside if i in codes)
        preview.warnings.append(ngettext(
            "{n:,} value is for goals and measures outside {unit}, the part this workbook was exported for: {codes}",
            "{n:,} values are for goals and measures outside {unit}, the part this workbook was exported for: "
            "{codes}", sum(outside.values())).format(n=sum(outside.values()), unit=origin.unit_code,
                                                    codes=enumerated(named[:8]) + (" …" if len(named) > 8 else "")))


def _origin(plan: Plan, preview: Preview, properties: dict[str, str]) -> None:
    """Where the workbook came from: from this plan, at which point (its later changes are then checked for
    conflicts); from another plan, or from a point this plan file has not reached, said as a warning."""
    origin = read_properties(properties)
    preview.origin = origin
    if origin is None:
        return
    name = preview.path.name
    if not same_plan(plan, origin):
        preview.warnings.append(_("{file} was exported from another plan ({plan}): its values are imported as from "
                                  "any workbook, without checking what was changed here since").format(
            file=name, plan=origin.plan_name or "?"))
    elif origin.batch > plan.journal.last_batch_id():
        preview.warnings.append(_("{file} was exported from this plan at a later point than this plan file has "
                                  "reached (a copy that went further, or a file put back from a backup): what was "
                                  "changed here since cannot be told, so its values are imported as from any "
                                  "workbook").format(file=name))
    else:
        preview.since = origin.batch


def _left_out(name: str, kinds: dict[str, str], mapped: dict[str, Mapping]) -> str | None:
    """Why the sheet ``name`` is not read at all (None: it is read)."""
    if kinds.get(name) == "skip":
        return _("not imported, as chosen")
    if name.strip().casefold() in SKIP_NAMES and name not in mapped and name not in kinds:
        return _("the cascade outline is for reading, not imported")
    return None


def _not_imported(preview: Preview, sheet: str, why: str) -> None:
    preview.not_imported[sheet] = why
    preview.skipped.append(_("sheet {sheet!r}: {why}").format(sheet=sheet, why=why))


def _why_not(sheet: Sheet) -> str:
    """Why a sheet was not recognised, naming what its first rows hold."""
    heads = next((row for row in sheet.head[:HEADER_SCAN] if sum(nonempty(v) for v in row) >= 2), None)
    if heads is None:
        return _("no header row in the first {rows} rows").format(rows=HEADER_SCAN)
    texts = [cell_text(v) for v in heads if nonempty(v) and not looks_like_period(v)]
    n_periods = sum(looks_like_period(v) for v in heads)
    found = enumerated(quoted(t) for t in texts[:6])
    if n_periods:
        found = _("{headers} and {n} period column(s)").format(headers=found, n=n_periods)
    roles = {header_role(v, ACTUAL_ROLES) for v in heads                 # (a due date is no period)
             if nonempty(v) and not looks_like_period(v) and not names_a_due_date(v)}
    if "code" in roles and "period" not in roles and not n_periods:
        return _("a column of plan codes but none of periods, and no period as a column header (found {found})"
                 ).format(found=found)
    if "code" in roles and "period" in roles:
        return _("columns of plan codes and periods but none of actuals, targets or comments (found {found})"
                 ).format(found=found)
    return _("no column of plan codes (found {found}); map its key columns to the plan's measures to import "
             "it").format(found=found)


@paused_gc()
def apply(plan: Plan, preview: Preview, reason: str = "", progress: Progress = _no_progress,
          choices: dict[tuple, str] | None = None, prefer: str | None = None) -> ChangeSet:
    """Write an analysis with no problems as one batch; returns its change set (``batch_id`` None:
    nothing changed). Each conflict (a value changed in the plan since the workbook was exported) takes
    ``choices[key]`` ("plan" or "workbook"), else ``prefer``; one without either refuses the import
    (ValidationError), nothing written."""
    if preview.problems:
        n = len(preview.problems)
        raise PlanError(ngettext("{path}: {n} problem in the file; nothing was written",
                                 "{path}: {n} problems in the file; nothing was written", n).format(
            path=preview.path, n=n))
    if preview.since is not None and preview.diff is not None and preview.diff.as_of_batch != plan.journal.last_batch_id():
        raise ValidationError(_("{path}: the plan was changed after the workbook was read; read it again (its "
                                "conflicts may have changed); nothing was written").format(path=preview.path))
    preview = conflicts_.settle(preview, choices, prefer)
    # TRANSLATORS: the reason of an import in the plan's history (the file's name)
    label = reason.strip() if reason and reason.strip() else _("import {name}").format(name=preview.path.name)
    if preview.path.name not in label:
        label = f"{label} ({preview.path.name})"
    stale = preview.diff is not None and preview.diff.as_of_batch != plan.journal.last_batch_id()
    with plan.batch("import", label) as changes:
        for fields in preview.new_measures:
            values = {k: v for k, v in fields.items() if k not in ("parent", "kind", "code")}
            parent = plan.nodes.by_code(fields["parent"])
            plan.nodes.add(parent.id, fields["kind"], code=fields["code"], **values)
        for node_id, fields in preview.changed_measures:
            plan.nodes.update(node_id, **fields)
        if not progress(_("writing"), 0, 2):
            raise import_cancelled()
        diff = preview.diff
        if diff is None or stale:        # the plan changed since the analysis: compare again, in this batch
            diff = plan.actuals.compare_prepared(preview.rows, as_workbooks_keep=True)
        plan.actuals.apply(diff)
        if preview.pending:              # values of the measures just created
            ids = {c: plan.nodes.by_code(c).id for c in {row[0] for row in preview.pending}}
            rows = sorted(((ids[c], p, period_end(p), a, t, m, 0) for c, p, a, t, m in preview.pending), key=node_period)
            plan.actuals.apply(plan.actuals.compare_prepared(rows, as_workbooks_keep=True))
        if not progress(_("writing"), 2, 2):
            raise import_cancelled()
    return changes
