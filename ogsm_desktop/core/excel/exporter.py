"""Exporting the plan to a workbook a planner can read and edit, and import again unchanged.

Sheets: **Cascade** (the plan as an indented outline that folds, with Excel outline levels),
**Measures** (every goal and measure with its definition, targets and thresholds) and **Actuals**
(long form: code, period, actual, target, comment). Styled headers, sized columns, frozen panes,
number and date formats. Written with openpyxl's write-only mode to a temporary file that replaces
the target only when complete (``core.outputs``: never onto a plan, a folder or a device).

An export may be limited to one org unit (its objective, everything below it, their measures and
actuals). Every workbook records where it came from (:mod:`.origin`), so that importing it after the plan
has changed shows the plan's later changes as conflicts instead of reverting them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from .. import monitoring
from ..errors import PlanError, ValidationError
from ..fields import CONTROL, visible
from ..i18n import N_, _
from ..labels import status_label
from ..model import QUANTIFIED, Kind
from ..outputs import atomic_output
from ..storage import Plan
from .origin import origin_of_plan, write_properties

NUMBER_FORMAT = "#,##0.###"
DATE_FORMAT = "yyyy-mm-dd"
HEADER_FILL = "37474F"

# The headers are marked here and written in the language spoken (_() in _header). The import reads a
# workbook back in either language by the words it knows for each column (excel/values.py: ACTUAL_ROLES,
# MEASURE_ROLES), never by translated text: the translation of a header of the Measures and Actuals
# sheets must be one of those words (the Chinese words they know are named for the translators below).
CASCADE_COLUMNS = ((N_("Code"), 16), (N_("Kind"), 11), (N_("Title"), 60), (N_("Owner"), 14), (N_("Org unit"), 18),
                   (N_("Status"), 12), (N_("Progress"), 10), (N_("Due date"), 12))
MEASURE_COLUMNS = (
    # TRANSLATORS: a column header of the exported workbook that the import reads back: translate with 编号
    (N_("Code"), 16),
    # TRANSLATORS: a column header the import reads back: translate with 上级 (or 上级编号)
    (N_("Parent"), 14),
    # TRANSLATORS: a column header the import reads back: translate with 类型
    (N_("Kind"), 10),
    # TRANSLATORS: a column header the import reads back: translate with 标题
    (N_("Title"), 44),
    # TRANSLATORS: a column header the import reads back: translate with 描述
    (N_("Description"), 40),
    # TRANSLATORS: a column header the import reads back: translate with 负责人
    (N_("Owner"), 14),
    # TRANSLATORS: a column header the import reads back: translate with 部门
    (N_("Org unit"), 18),
    # TRANSLATORS: a column header the import reads back: translate with 单位
    (N_("Unit"), 10),
    # TRANSLATORS: a column header the import reads back: translate with 基线
    (N_("Baseline"), 12),
    # TRANSLATORS: a column header the import reads back: translate with 目标值
    (N_("Target"), 12),
    # TRANSLATORS: a column header the import reads back: translate with 截止日期
    (N_("Due date"), 12),
    # TRANSLATORS: a column header the import reads back: translate with 方向
    (N_("Direction"), 10),
    # TRANSLATORS: a column header the import reads back: translate with 频率
    (N_("Frequency"), 11),
    # TRANSLATORS: a column header the import reads back (the amber threshold): translate with 黄灯 or 预警值
    (N_("Amber"), 11),
    # TRANSLATORS: a column header the import reads back (the red threshold): translate with 红灯
    (N_("Red"), 11),
    # TRANSLATORS: a column header the import reads back: translate with 权重
    (N_("Weight"), 9),
)
ACTUAL_COLUMNS = (
    (N_("Code"), 16),
    # TRANSLATORS: a column header the import reads back: translate with 期间
    (N_("Period"), 11),
    # TRANSLATORS: a column header the import reads back: translate with 实际
    (N_("Actual"), 14),
    (N_("Target"), 14),
    # TRANSLATORS: a column header the import reads back: translate with 备注
    (N_("Comment"), 40),
)

Progress = Callable[[str, int, int], bool]


class ExportCancelled(PlanError):
    """The user cancelled; the target file was not written."""


def _header(ws, columns) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill

    font = Font(bold=True, color="FFFFFF")
    fill = PatternFill("solid", fgColor=HEADER_FILL)
    align = Alignment(vertical="center")
    cells = []
    for title, width in columns:
        cell = WriteOnlyCell(ws, _(title))
        cell.font, cell.fill, cell.alignment = font, fill, align
        cells.append(cell)
        ws.column_dimensions[_letter(len(cells) - 1)].width = width
    ws.freeze_panes = "A2"
    ws.append(cells)


def _text(ws, value):
    """Text that begins with "=" would be written as a live formula (a link, a web call); it is written as
    a text cell instead, and reads back as the same text. A control character no cell can hold (in a plan
    from an older version) is written as its visible symbol (ESC → ␛)."""
    if value.__class__ is not str:
        return value
    if CONTROL.search(value):
        value = visible(value, in_cell=True)
    if value[:1] == "=":
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(ws, value)
        cell.data_type = "s"
        return cell
    return value


def _texts(ws, row: list) -> list:
    return [_text(ws, v) for v in row]


def _letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col + 1)


def _number_cell(ws, value):
    from openpyxl.cell import WriteOnlyCell

    if value is None:
        return None
    cell = WriteOnlyCell(ws, value)
    cell.number_format = NUMBER_FORMAT
    return cell


def _date_cell(ws, iso: str):
    from openpyxl.cell import WriteOnlyCell

    if not iso:
        return None
    cell = WriteOnlyCell(ws, dt.date.fromisoformat(iso))
    cell.number_format = DATE_FORMAT
    return cell


SHEETS = ("Cascade", "Measures", "Actuals")          # which sheets to write; each is named in the language spoken


def unit_objective(plan: Plan, code: str):
    """The org unit's objective ``code`` names (NotFoundError for an unknown code, ValidationError for a
    node that is not an objective)."""
    node = plan.nodes.by_code(code)
    if node.kind is not Kind.OBJECTIVE:
        raise ValidationError(_("{code} is not the objective of an org unit: name the objective a unit's part of "
                                "the plan begins with (D1, …)").format(code=code))
    return node


def export(plan: Plan, path: str | Path, progress: Progress | None = None, sheets: tuple[str, ...] = SHEETS,
           unit: str | None = None) -> Path:
    """Write the workbook (``sheets``: which of Cascade, Measures, Actuals; ``unit``: only the org unit whose
    objective has this code, and everything below it); returns its path. The file appears only when it is
    complete. Reads only: give the plan its identity first (:func:`.origin.identify`)."""
    from openpyxl import Workbook

    progress = progress or (lambda _w, _d, _t: True)
    tree = plan.nodes.tree()
    top = unit_objective(plan, unit) if unit else None
    rows = [(top, 0), *tree.walk(top.id, 1)] if top is not None else list(tree.walk())
    standing = monitoring.standings(plan, dt.date.today(), tree=tree)
    total = plan.actuals.count() if top is None else 0
    origin = origin_of_plan(plan, top.code if top is not None else "")
    with atomic_output(path, reading=[plan.path]) as tmp:
        wb = Workbook(write_only=True)
        try:
            if "Cascade" in sheets:
                _write_cascade(wb, rows, standing)
            if "Measures" in sheets:
                _write_measures(wb, tree, rows)
            if "Actuals" in sheets:
                _write_actuals(wb, plan, [n for n, _d in rows], progress, total, whole=top is None)
            write_properties(wb, origin)
            progress(_("saving"), total, total)
            _save(wb, tmp)
        except BaseException:
            _discard(wb)
            raise
    return Path(path)


def _save(wb, path: Path) -> None:
    """``wb.save(path)``, with the archive closed even when writing fails (a full disk): openpyxl leaves it
    open then, and it fails again, noisily, when it is collected."""
    import zipfile

    from openpyxl.writer.excel import ExcelWriter

    wb.properties.modified = dt.datetime.now(dt.UTC).replace(tzinfo=None)      # as openpyxl's save does
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).write_data()


def _discard(wb) -> None:
    """Close the sheets of an abandoned write-only workbook and remove their temporary files (else they
    stay in the temporary folder, and their writers complain when they are collected)."""
    for ws in wb.worksheets:
        with contextlib.suppress(OSError, ValueError):     # the export is failing already; say that, not this
            if ws._rows is not None:
                ws._rows.close()
            if ws._writer is not None:
                ws._writer.close()
                ws._writer.cleanup()


def _write_cascade(wb, rows, standing) -> None:
    """The plan as an outline: each row's depth is its Excel outline level, so the cascade folds."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.worksheet.dimensions import RowDimension

    # TRANSLATORS: a sheet name; the import skips a sheet named 分解 (or 级联, cascade, outline, 大纲)
    ws = wb.create_sheet(_("Cascade"))
    _header(ws, CASCADE_COLUMNS)
    ws.sheet_properties.outlinePr.summaryBelow = False
    row_number = 1
    for node, depth in rows:
        row_number += 1
        if depth:
            ws.row_dimensions[row_number] = RowDimension(ws, index=row_number, outlineLevel=min(depth, 7))
        s = standing.get(node.id)
        progress_cell = None
        if s is not None and s.progress is not None:
            progress_cell = WriteOnlyCell(ws, s.progress)
            progress_cell.number_format = "0%"
        ws.append(_texts(ws, [node.code, str(node.kind), "    " * depth + node.title, node.owner, node.org_unit,
                              status_label(s.status) if s else "", progress_cell, _date_cell(ws, node.due_date)]))


def _write_measures(wb, tree, rows) -> None:
    """Every goal and measure with its definition: the sheet an import reads back."""
    # TRANSLATORS: a sheet name; the import reads it first when it is named 衡量指标 (or 衡量, 指标, 指标定义)
    ws = wb.create_sheet(_("Measures"))
    _header(ws, MEASURE_COLUMNS)
    for node, _depth in rows:
        if node.kind not in QUANTIFIED:
            continue
        parent = tree.nodes[node.parent_id].code if node.parent_id else ""
        ws.append(_texts(ws, [node.code, parent, str(node.kind), node.title, node.description, node.owner,
                              node.org_unit, node.unit, _number_cell(ws, node.baseline), _number_cell(ws, node.target),
                              _date_cell(ws, node.due_date), node.direction, node.frequency,
                              _number_cell(ws, node.amber), _number_cell(ws, node.red), _number_cell(ws, node.weight)]))


def _current(plan, node_ids):
    """The current actuals of some nodes, as ``iter_current`` gives those of all."""
    found = plan.actuals.between("", "9999-12-31", node_ids)
    for node_id in sorted(found):
        for a in found[node_id]:
            yield node_id, a.period, a.actual, a.target, a.comment


def _write_actuals(wb, plan, nodes, progress, total, whole: bool) -> None:
    """Every current actual in long form, by measure and period (of the nodes exported)."""
    # TRANSLATORS: a sheet name (found by its headers, whatever its name)
    ws = wb.create_sheet(_("Actuals"))
    _header(ws, ACTUAL_COLUMNS)
    codes = {n.id: n.code for n in nodes if n.kind in QUANTIFIED}
    values = plan.actuals.iter_current() if whole else _current(plan, list(codes))
    done = 0
    # Plain numbers (General format) here: a million styled cells would cost a third more time,
    # and Excel shows General numbers as typed.
    text = _text
    for node_id, period, actual, target, comment in values:
        code = codes[node_id]
        ws.append([text(ws, code) if code[:1] == "=" else code, period, actual, target,
                   text(ws, comment) if comment else None])
        done += 1
        if done % 20_000 == 0 and not progress(_("writing actuals"), done, total):
            raise ExportCancelled(_("export cancelled; no file was written"))

