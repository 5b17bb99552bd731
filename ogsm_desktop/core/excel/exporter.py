"""Exporting the plan to a workbook a planner can read and edit, and import again unchanged.

Sheets: **Cascade** (the plan as an indented outline that folds, with Excel outline levels),
**Measures** (every goal and measure with its definition, targets and thresholds) and **Actuals**
(long form: code, period, actual, target, comment). Styled headers, sized columns, frozen panes,
number and date formats, and drop-down lists of the words the import reads for the Measures sheet's kind,
direction and frequency. Written with rustpy-xlsxwriter (Python's binding of the Rust rust_xlsxwriter: the
actuals' rows go to its own files as they are written, about ten times as fast as openpyxl's write-only
mode, with the outline, formats and frozen panes kept), then copied to a temporary file that replaces the
target only when complete (``core.outputs``: never onto a plan, a folder or a device), the record of the
workbook's origin added on the way (the writer cannot write custom document properties itself).

An export may be limited to one org unit (its objective, everything below it, their measures and
actuals). Every workbook records where it came from (:mod:`.origin`), so that importing it after the plan
has changed shows the plan's later changes as conflicts instead of reverting them.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Callable
from pathlib import Path

from .. import monitoring
from ..errors import CancelledError, PlanError, ValidationError
from ..fields import CONTROL, MOST_CHARACTERS, choices, visible
from ..i18n import N_, _
from ..labels import choice_label, status_label
from ..model import QUANTIFIED, Kind
from ..native import is_rust_panic, quiet_panics, temporary_folder
from ..outputs import OutputError, atomic_output
from ..storage import Plan
from .books.properties import with_custom_properties
from .origin import origin_of_plan

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

# The Measures sheet's choice columns (by index) and the values each offers in its drop-down list: a goal or
# a measure is all a Measures sheet defines (the import refuses any other kind there).
MEASURE_CHOICES = {2: ("kind", tuple(str(k) for k in Kind if k in QUANTIFIED)), 11: ("direction", choices("direction")),
                   12: ("frequency", choices("frequency"))}
SPARE_ROWS = 500             # empty rows below a sheet's records whose choice cells still offer the drop-down

Progress = Callable[[str, int, int], bool]
PROGRESS_EVERY = 20_000      # rows of actuals between two reports of progress (and chances to cancel)


class ExportCancelled(CancelledError):
    """The user cancelled; the target file was not written."""




def _formats(xw):
    """The cell formats: the header (white on dark), numbers, dates and percentages."""
    return {"header": xw.Format().set_bold().set_font_color("#FFFFFF").set_background_color("#" + HEADER_FILL)
            .set_pattern("solid").set_align("vcenter"),
            "number": xw.Format().set_num_format(NUMBER_FORMAT), "date": xw.Format().set_num_format(DATE_FORMAT),
            "percent": xw.Format().set_num_format("0%")}


def _text(value, code: str = ""):
    """A text as a cell holds it. A control character no cell can hold (in a plan from an older version)
    is written as its visible symbol (ESC → ␛); a text longer than a cell holds refuses the export, naming
    the node, rather than being cut short (an import would then take the cut text as a change). Text that
    begins with "=" is written as text, never as a live formula: the writer makes formulas only when asked."""
    if value.__class__ is str:
        if len(value) > MOST_CHARACTERS:
            raise ValidationError(_("{code}: a text of {count:,} characters is longer than a cell of a workbook "
                                    "holds ({most:,}); shorten it before exporting").format(
                                        code=code, count=len(value), most=MOST_CHARACTERS))
        if CONTROL.search(value):
            return visible(value, in_cell=True)
    return value or None


def _choice(field: str, value):
    """A choice (kind, direction, frequency…) as the user reads it, in the language spoken: the import reads
    the word back in either language (fields.CHOICE_WORDS holds every word of labels.CHOICE_LABELS)."""
    return choice_label(field, value) if value else None


def _number(value):
    # a stored number is always finite (fields.py); a worked-out one that is not is left out, not written
    return value if value is not None and math.isfinite(value) else None


def _date(iso: str):
    return dt.date.fromisoformat(iso) if iso else None


SHEETS = ("Cascade", "Measures", "Actuals")          # which sheets to write; each is named in the language spoken


def _headers(columns) -> list[str]:
    """A sheet's headers in the language spoken."""
    return [_(title) for title, _width in columns]


def _drop_down(field: str, values) -> dict | None:
    """The data validation that offers a choice's words (in the language spoken) in a drop-down list, and warns
    about another word (Excel would otherwise refuse a synonym the import reads); None when a word cannot be in
    Excel's inline list (a comma or a quotation mark would split or end it)."""
    words = [choice_label(field, v) for v in values]
    if any("," in w or '"' in w for w in words):
        return None
    # A warning, not a stop: the import also reads each choice's other words (越低, "lower", in either
    # language), and Excel would refuse them; the list offers the words, the message says what is read.
    return {"type": "list", "values": words, "ignore_blank": True, "error_style": "warning",
            "error_title": _("Not one of the listed words"),
            "error_message": _("The import reads the listed words and their usual synonyms, in English or "
                               "Chinese. Keep this word if it is one of those.")}


def _spare(records, headers, count: int):
    """The records, then ``count`` empty ones: rows the writer leaves out of the file, but over which the
    sheet's data validation reaches (it covers the records given)."""
    yield from records
    for _i in range(count):
        yield dict.fromkeys(headers)


def _or_header(records, headers):
    """The records, or (for a sheet with none) one empty record, so that the sheet still has its headers."""
    empty = True
    for record in records:
        empty = False
        yield record
    if empty:
        yield dict.fromkeys(headers)


class _Book:
    """The sheets of the workbook and how each looks, gathered for one call of the writer."""

    def __init__(self, xw):
        self.formats = _formats(xw)
        self.entries: list[tuple[str, object]] = []
        self.widths: dict[str, list[float]] = {}
        self.column_formats: dict[str, dict[str, object]] = {}
        self.outline: dict[str, dict] = {}
        self.validations: dict[str, dict[str, dict]] = {}

    def add(self, name: str, columns, records, formats: dict[int, str] | None = None,
            choices: dict[int, tuple[str, tuple[str, ...]]] | None = None) -> None:
        """Add a sheet: its records are dicts keyed by its headers (:func:`_headers`), all in their order
        (the writer takes the headers from the first record and each record's values by position).
        ``choices``: columns (by index) that hold a choice field, with the values offered: each gets a
        drop-down list of their words, down to :data:`SPARE_ROWS` rows below the records."""
        headers = _headers(columns)
        rows = _or_header(records, headers)
        if choices:
            rules = {headers[col]: rule for col, (field, values) in choices.items()
                     if (rule := _drop_down(field, values)) is not None}
            if rules:
                self.validations[name] = rules
                rows = _spare(rows, headers, SPARE_ROWS)
        self.entries.append((name, rows))
        self.widths[name] = [width for _title, width in columns]
        self.column_formats[name] = {headers[col]: self.formats[kind] for col, kind in (formats or {}).items()}

    def close(self) -> None:
        """End the sheets' records where the writer left them (the plan's reads among them), now."""
        for _name, records in self.entries:
            records.close()

    def write(self, xw, target) -> None:
        names = [name for name, _records in self.entries]
        xw.write_worksheets(self.entries, target, freeze_panes={"general": {"row": 1, "col": 0}},
                            header_format={name: self.formats["header"] for name in names},
                            column_widths=self.widths, column_formats=self.column_formats, outline=self.outline,
                            data_validations=self.validations)


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
    import rustpy_xlsxwriter as xw

    progress = progress or (lambda _w, _d, _t: True)
    tree = plan.nodes.tree()
    top = unit_objective(plan, unit) if unit else None
    rows = [(top, 0), *tree.walk(top.id, 1)] if top is not None else list(tree.walk())
    standing = monitoring.standings(plan, dt.date.today(), tree=tree)
    total = plan.actuals.count() if top is None else 0
    origin = origin_of_plan(plan, top.code if top is not None else "")
    if total > LAST_ROW and "Actuals" in sheets:
        raise _too_many()
    book = _Book(xw)
    if "Cascade" in sheets:
        _cascade(book, rows, standing)
    if "Measures" in sheets:
        _measures(book, tree, rows)
    if "Actuals" in sheets:
        _actuals(book, plan, [n for n, _d in rows], progress, total, whole=top is None)
    with atomic_output(path, reading=[plan.path]) as tmp:
        # The rows are written as they come (constant memory: the writer keeps each sheet's rows in a file
        # of its own until it packs them) into a packed workbook in memory; the record of the workbook's
        # origin is then added while it is copied to the file by Python, whose writes say plainly when the
        # disk is full.
        packed = io.BytesIO()
        try:
            with quiet_panics():
                book.write(xw, packed)
        except RuntimeError as exc:            # the writer's own refusal (what it cannot write)
            raise ValidationError(_("the workbook could not be written: {reason}").format(reason=exc)) from None
        except BaseException as exc:
            if not is_rust_panic(exc):
                raise
            raise _writer_failed(exc) from None
        finally:
            book.close()
        progress(_("saving"), total, total)
        with open(tmp, "wb") as fh:
            with_custom_properties(packed, origin.properties(), fh)
    return Path(path)


def _writer_failed(exc: BaseException) -> PlanError:
    """What the writer's panic means: it stops so when it cannot write the row files it keeps in its
    temporary folder until the workbook is packed, a full disk the most likely. (Rust names the kind of
    error the same on every system; its code is an errno here and a Windows error code on Windows.)"""
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if re.search(r"\bkind: (StorageFull|QuotaExceeded)\b", reason):
        return OutputError(_("the temporary folder {folder} is full; nothing was written. Free some space there "
                             "and try again.").format(folder=temporary_folder()))
    return ValidationError(_("the workbook could not be written: {reason}").format(reason=reason))


def _cascade(book: _Book, rows, standing) -> None:
    """The plan as an outline: each row's depth is its Excel outline level (at most 7), so the cascade
    folds, the summary row above its details."""
    # TRANSLATORS: a sheet name; the import skips a sheet named 分解 (or 级联, cascade, outline, 大纲)
    name = _("Cascade")
    records: list[dict] = []
    book.add(name, CASCADE_COLUMNS, records, {6: "percent", 7: "date"})
    code, kind, title, owner, org, status, done, due = _headers(CASCADE_COLUMNS)
    for node, depth in rows:
        s = standing.get(node.id)
        records.append({code: _text(node.code, node.code), kind: _choice("kind", node.kind),
                        title: _indented(node.title, depth, node.code), owner: _text(node.owner, node.code),
                        org: _text(node.org_unit, node.code), status: status_label(s.status) if s else None,
                        done: _number(s.progress) if s is not None else None, due: _date(node.due_date)})
    book.outline[name] = {"rows": _groups([depth for _node, depth in rows]), "symbols_above": True}


def _indented(title: str, depth: int, code: str):
    """The title as the Cascade sheet shows it, indented by its depth: a title a cell holds is never refused
    for its indent, which is cut off its end instead (the sheet is for reading; the import skips it)."""
    title = _text(title, code)
    return ("    " * depth + title)[:MOST_CHARACTERS] if title else None


def _groups(depths: list[int]) -> list[dict[str, int]]:
    """The row groups that give each row (sheet row i + 1 of depth d) the outline level min(d, 7): one
    group for the rows below each row of depth under 7 that has any."""
    groups: list[dict[str, int]] = []
    open_: list[tuple[int, int]] = []              # (depth, sheet row) of the rows whose details go on
    for index, depth in enumerate([*depths, 0]):
        row = index + 1
        while open_ and open_[-1][0] >= depth:
            _depth, first = open_.pop()
            if row - 1 > first:
                groups.append({"from": first + 1, "to": row - 1})
        if depth < 7 and index < len(depths):
            open_.append((depth, row))
    return groups


def _measures(book: _Book, tree, rows) -> None:
    """Every goal and measure with its definition: the sheet an import reads back."""
    # TRANSLATORS: a sheet name; the import reads it first when it is named 衡量指标 (or 衡量, 指标, 指标定义)
    name = _("Measures")
    records: list[dict] = []
    book.add(name, MEASURE_COLUMNS, records, {8: "number", 9: "number", 10: "date", 13: "number", 14: "number",
                                             15: "number"}, MEASURE_CHOICES)
    (code, parent_, kind, title, description, owner, org, unit, baseline, target, due, direction, frequency, amber,
     red, weight) = _headers(MEASURE_COLUMNS)
    for node, _depth in rows:
        if node.kind not in QUANTIFIED:
            continue
        parent = tree.nodes[node.parent_id].code if node.parent_id else ""
        records.append({code: _text(node.code, node.code), parent_: _text(parent, node.code),
                        kind: _choice("kind", node.kind),
                        title: _text(node.title, node.code), description: _text(node.description, node.code),
                        owner: _text(node.owner, node.code), org: _text(node.org_unit, node.code),
                        unit: _text(node.unit, node.code), baseline: _number(node.baseline),
                        target: _number(node.target), due: _date(node.due_date),
                        direction: _choice("direction", node.direction), frequency: _choice("frequency", node.frequency),
                        amber: _number(node.amber), red: _number(node.red), weight: _number(node.weight)})


def _too_many() -> ValidationError:
    return ValidationError(_("more current values than a sheet holds ({most:,} rows): export one org unit at a time "
                             "(File → Export unit to Excel…, or --unit)").format(most=LAST_ROW))


def _current(plan, node_ids):
    """The current actuals of some nodes, as ``iter_current`` gives those of all."""
    found = plan.actuals.between("", "9999-12-31", node_ids)
    for node_id in sorted(found):
        for a in found[node_id]:
            yield node_id, a.period, a.actual, a.target, a.comment


def _actuals(book: _Book, plan, nodes, progress, total, whole: bool) -> None:
    """Every current actual in long form, by measure and period (of the nodes exported), read as the
    writer asks for them."""
    # TRANSLATORS: a sheet name (found by its headers, whatever its name)
    book.add(_("Actuals"), ACTUAL_COLUMNS, _actual_records(plan, nodes, progress, total, whole))


def _actual_records(plan, nodes, progress, total, whole: bool):
    # Plain numbers (General format) here, as Excel shows numbers typed. This loop runs a million times.
    code_, period_, actual_, target_, comment_ = _headers(ACTUAL_COLUMNS)
    codes = {n.id: _text(n.code, n.code) for n in nodes if n.kind in QUANTIFIED}
    values = plan.actuals.iter_current() if whole else _current(plan, list(codes))
    row = 0
    try:
        for node_id, period, actual, target, comment in values:
            row += 1
            if row > LAST_ROW:
                raise _too_many()
            yield {code_: codes[node_id], period_: period, actual_: actual, target_: target,
                   comment_: _text(comment, codes[node_id]) if comment else None}
            if row % PROGRESS_EVERY == 0 and not progress(_("writing actuals"), row, total):
                raise ExportCancelled(_("export cancelled; no file was written"))
    finally:
        values.close()       # the plan's read ends here, not when a refusal's traceback is let go of
