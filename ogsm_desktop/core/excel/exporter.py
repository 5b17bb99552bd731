"""Exporting the plan to a workbook a planner can read and edit, and import again unchanged.

Sheets: **Cascade** (the plan as an indented outline that folds, with Excel outline levels),
**Measures** (every goal and measure with its definition, targets and thresholds) and **Actuals**
(long form: code, period, actual, target, comment). Styled headers, sized columns, frozen panes,
number and date formats. Written with XlsxWriter in its constant-memory mode (rows go to disk as they are
written; about twice as fast as openpyxl's write-only mode, with the outline, formats, frozen panes and
document properties kept) to a temporary file that replaces the target only when complete (``core.outputs``: never onto a plan, a folder or a device).

An export may be limited to one org unit (its objective, everything below it, their measures and
actuals). Every workbook records where it came from (:mod:`.origin`), so that importing it after the plan
has changed shows the plan's later changes as conflicts instead of reverting them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import math
import tempfile
from collections.abc import Callable
from pathlib import Path

from .. import monitoring
from ..errors import CancelledError, ValidationError
from ..fields import CONTROL, visible
from ..i18n import N_, _
from ..labels import status_label
from ..model import QUANTIFIED, Kind
from ..outputs import atomic_output
from ..storage import Plan
from .origin import origin_of_plan, write_properties

NUMBER_FORMAT = "#,##0.###"
LAST_ROW = 1_048_575          # the last row of a sheet below its header (Excel's limit: 1,048,576 rows)
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


class ExportCancelled(CancelledError):
    """The user cancelled; the target file was not written."""


class _Formats:
    """The workbook's cell formats (XlsxWriter makes each once per workbook)."""

    def __init__(self, wb):
        self.header = wb.add_format({"bold": True, "font_color": "#FFFFFF", "bg_color": "#" + HEADER_FILL,
                                     "pattern": 1, "valign": "vcenter"})
        self.number = wb.add_format({"num_format": NUMBER_FORMAT})
        self.date = wb.add_format({"num_format": DATE_FORMAT})
        self.percent = wb.add_format({"num_format": "0%"})


def _header(ws, columns, formats: _Formats) -> None:
    for col, (title, width) in enumerate(columns):
        ws.set_column(col, col, width)
        ws.write_string(0, col, _(title), formats.header)
    ws.freeze_panes(1, 0)


def _text(value):
    """A control character no cell can hold (in a plan from an older version) is written as its visible
    symbol (ESC → ␛). (Text that begins with "=" is written as text, never as a live formula: the
    workbook is made with ``strings_to_formulas`` off.)"""
    if value.__class__ is str and CONTROL.search(value):
        return visible(value, in_cell=True)
    return value


def _write_texts(ws, row: int, first: int, values) -> None:
    for col, value in enumerate(values, first):
        if value:
            ws.write_string(row, col, _text(value))


def _write_number(ws, row: int, col: int, value, fmt=None) -> None:
    # a stored number is always finite (fields.py); a worked-out one that is not is left out, not written
    if value is not None and math.isfinite(value):
        ws.write_number(row, col, value, fmt)


def _write_date(ws, row: int, col: int, iso: str, formats: _Formats) -> None:
    if iso:
        ws.write_datetime(row, col, dt.date.fromisoformat(iso), formats.date)


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
    import xlsxwriter

    progress = progress or (lambda _w, _d, _t: True)
    tree = plan.nodes.tree()
    top = unit_objective(plan, unit) if unit else None
    rows = [(top, 0), *tree.walk(top.id, 1)] if top is not None else list(tree.walk())
    standing = monitoring.standings(plan, dt.date.today(), tree=tree)
    total = plan.actuals.count() if top is None else 0
    origin = origin_of_plan(plan, top.code if top is not None else "")
    if total > LAST_ROW and "Actuals" in sheets:
        raise _too_many()
    with atomic_output(path, reading=[plan.path]) as tmp, tempfile.TemporaryDirectory() as scratch:
        # constant memory: each row goes to a file in ``scratch`` as it is written (a million rows in a few
        # megabytes); strings are never taken for formulas, numbers or links. The packed workbook is made in
        # memory and written by Python, whose writes say plainly when the disk is full (the zip writer left
        # to fail on its own file fails again, noisily, when it is collected).
        packed = io.BytesIO()
        wb = xlsxwriter.Workbook(packed, {"constant_memory": True, "tmpdir": scratch, "strings_to_formulas": False,
                                          "strings_to_numbers": False, "strings_to_urls": False})
        wb.use_zip64()
        try:
            formats = _Formats(wb)
            if "Cascade" in sheets:
                _write_cascade(wb, rows, standing, formats)
            if "Measures" in sheets:
                _write_measures(wb, tree, rows, formats)
            if "Actuals" in sheets:
                _write_actuals(wb, plan, [n for n, _d in rows], progress, total, formats, whole=top is None)
            write_properties(wb, origin)
            progress(_("saving"), total, total)
            _close(wb)
        except BaseException:
            _discard(wb)
            raise
        with open(tmp, "wb") as fh:
            fh.write(packed.getbuffer())
    return Path(path)


def _close(wb) -> None:
    """Pack the workbook; a file that could not be read or written is the OSError it was (XlsxWriter wraps
    it), so that a full disk is said as such."""
    from xlsxwriter.exceptions import FileCreateError

    try:
        wb.close()
    except FileCreateError as exc:
        cause = exc.args[0] if exc.args else None
        if isinstance(cause, OSError):
            raise cause from None
        raise


def _discard(wb) -> None:
    """Close the row files of an abandoned workbook (their folder is removed with them)."""
    for ws in wb.worksheets():
        fh = getattr(ws, "row_data_fh", None)
        if fh is not None:
            with contextlib.suppress(OSError, ValueError):     # the export is failing already; say that, not this
                fh.close()


def _write_cascade(wb, rows, standing, formats: _Formats) -> None:
    """The plan as an outline: each row's depth is its Excel outline level, so the cascade folds."""
    # TRANSLATORS: a sheet name; the import skips a sheet named 分解 (or 级联, cascade, outline, 大纲)
    ws = wb.add_worksheet(_("Cascade"))
    _header(ws, CASCADE_COLUMNS, formats)
    ws.outline_settings(True, False, True, False)           # the summary row above its details
    for row, (node, depth) in enumerate(rows, 1):
        if depth:
            ws.set_row(row, None, None, {"level": min(depth, 7)})
        s = standing.get(node.id)
        _write_texts(ws, row, 0, (node.code, str(node.kind), "    " * depth + node.title, node.owner, node.org_unit,
                                  status_label(s.status) if s else ""))
        if s is not None:
            _write_number(ws, row, 6, s.progress, formats.percent)
        _write_date(ws, row, 7, node.due_date, formats)


def _write_measures(wb, tree, rows, formats: _Formats) -> None:
    """Every goal and measure with its definition: the sheet an import reads back."""
    # TRANSLATORS: a sheet name; the import reads it first when it is named 衡量指标 (or 衡量, 指标, 指标定义)
    ws = wb.add_worksheet(_("Measures"))
    _header(ws, MEASURE_COLUMNS, formats)
    row = 0
    for node, _depth in rows:
        if node.kind not in QUANTIFIED:
            continue
        row += 1
        parent = tree.nodes[node.parent_id].code if node.parent_id else ""
        _write_texts(ws, row, 0, (node.code, parent, str(node.kind), node.title, node.description, node.owner,
                                  node.org_unit, node.unit))
        _write_number(ws, row, 8, node.baseline, formats.number)
        _write_number(ws, row, 9, node.target, formats.number)
        _write_date(ws, row, 10, node.due_date, formats)
        _write_texts(ws, row, 11, (node.direction, node.frequency))
        for col, value in ((13, node.amber), (14, node.red), (15, node.weight)):
            _write_number(ws, row, col, value, formats.number)


def _too_many() -> ValidationError:
    return ValidationError(_("more current values than a sheet holds ({most:,} rows): export one org unit at a time "
                             "(File → Export unit to Excel…, or --unit)").format(most=LAST_ROW))


def _current(plan, node_ids):
    """The current actuals of some nodes, as ``iter_current`` gives those of all."""
    found = plan.actuals.between("", "9999-12-31", node_ids)
    for node_id in sorted(found):
        for a in found[node_id]:
            yield node_id, a.period, a.actual, a.target, a.comment


def _write_actuals(wb, plan, nodes, progress, total, formats: _Formats, whole: bool) -> None:
    """Every current actual in long form, by measure and period (of the nodes exported)."""
    # TRANSLATORS: a sheet name (found by its headers, whatever its name)
    ws = wb.add_worksheet(_("Actuals"))
    _header(ws, ACTUAL_COLUMNS, formats)
    codes = {n.id: _text(n.code) for n in nodes if n.kind in QUANTIFIED}
    values = plan.actuals.iter_current() if whole else _current(plan, list(codes))
    # Plain numbers (General format) here: a million styled cells would cost more time, and Excel shows
    # General numbers as typed. The cell writers are called directly: this loop runs a million times.
    string, number = ws.write_string, ws.write_number
    row = 0
    for node_id, period, actual, target, comment in values:
        row += 1
        if row > LAST_ROW:
            raise _too_many()
        string(row, 0, codes[node_id])
        string(row, 1, period)
        if actual is not None:
            number(row, 2, actual)
        if target is not None:
            number(row, 3, target)
        if comment:
            string(row, 4, _text(comment))
        if row % 20_000 == 0 and not progress(_("writing actuals"), row, total):
            raise ExportCancelled(_("export cancelled; no file was written"))
