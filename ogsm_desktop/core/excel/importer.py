"""Importing measures and actuals from a workbook: validate everything first, then write all or nothing.

:func:`analyse` reads the file and compares it with the plan without writing: which sheets and columns
were recognised, what would be new, changed or unchanged, and every problem with its sheet, row and
column. :func:`apply` writes an analysis with no problems as one journal batch whose reason names the
file. Sheets it understands:

- an **Actuals** sheet in long form (code, period, actual, target, comment) or wide form (code and one
  column per period); headers in English or Chinese, in any of the first rows;
- a **Measures** sheet (code, parent, kind, title, unit, baseline, target, due date, direction,
  frequency, thresholds…): new codes become goals or measures under their parent, known codes are updated;
- any other sheet through a :class:`Mapping`: which columns make a row's key, and which plan measure
  (actual or target) each key goes to — for workbooks written by other people.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

from ..errors import PlanError
from ..model import QUANTIFIED, Direction, Frequency, Kind
from ..periods import period_end
from ..store import ActualDiff, Plan
from .values import (
    ACTUAL_ROLES,
    MEASURE_ROLES,
    ValueProblem,
    header_role,
    looks_like_period,
    parse_number,
    parse_period,
)
from .workbook import Sheet, Workbook, WorkbookError, cell_name, column_name

HEADER_SCAN = 30
MAX_PROBLEMS = 1000
ACTUALS_NAMES = {"actuals", "actual", "实际值", "实际", "完成情况"}
MEASURES_NAMES = {"measures", "measure", "指标", "衡量指标", "指标定义"}
SKIP_NAMES = {"cascade", "级联", "outline", "大纲"}
KIND_WORDS = {"goal": Kind.GOAL, "目标": Kind.GOAL, "measure": Kind.MEASURE, "衡量指标": Kind.MEASURE,
              "指标": Kind.MEASURE, "kpi": Kind.MEASURE}
DIRECTION_WORDS = {"higher": Direction.HIGHER, "up": Direction.HIGHER, "越高越好": Direction.HIGHER, "高": Direction.HIGHER,
                   "lower": Direction.LOWER, "down": Direction.LOWER, "越低越好": Direction.LOWER, "低": Direction.LOWER}
FREQUENCY_WORDS = {"weekly": Frequency.WEEKLY, "week": Frequency.WEEKLY, "每周": Frequency.WEEKLY, "周": Frequency.WEEKLY,
                   "monthly": Frequency.MONTHLY, "month": Frequency.MONTHLY, "每月": Frequency.MONTHLY,
                   "月": Frequency.MONTHLY, "quarterly": Frequency.QUARTERLY, "quarter": Frequency.QUARTERLY,
                   "每季度": Frequency.QUARTERLY, "季度": Frequency.QUARTERLY}


class ImportCancelled(PlanError):
    """The user cancelled; nothing was written."""


@dataclass(frozen=True)
class Problem:
    sheet: str | None
    row: int | None          # 1-based, as Excel shows it
    column: int | None       # 0-based
    message: str

    def where(self) -> str:
        parts = []
        if self.sheet is not None:
            parts.append(f"sheet {self.sheet!r}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column {column_name(self.column)}")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.where()
        return f"{where}: {self.message}" if where else self.message


@dataclass
class Mapping:
    """How to read a sheet that has no column of plan codes.

    ``key_columns``: the columns (0-based) whose values, joined with " | ", make a row's key.
    ``keys``: key → (plan code, "actual" or "target"); rows whose key is not listed are skipped.
    Period columns are the header cells that read as periods.
    """

    sheet: str
    key_columns: list[int]
    keys: dict[str, tuple[str, str]] = field(default_factory=dict)
    header_row: int | None = None          # 0-based; found when None


@dataclass
class Layout:
    sheet: str
    kind: str                # actuals-long / actuals-wide / measures / mapped
    header_row: int          # 0-based
    columns: dict[str, int]  # role → column
    periods: list[int] = field(default_factory=list)     # wide and mapped: the period columns

    def describe(self) -> str:
        cols = ", ".join(f"{role}={column_name(col)}" for role, col in self.columns.items())
        text = f"sheet {self.sheet!r}: {self.kind}, header row {self.header_row + 1}"
        if cols:
            text += f"; {cols}"
        if self.periods:
            text += f"; {len(self.periods)} period column(s) {column_name(self.periods[0])}–{column_name(self.periods[-1])}"
        return text


@dataclass
class Preview:
    """What importing a file would do. Nothing has been written."""

    path: Path
    layouts: list[Layout] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)               # sheets not imported, with why
    unrecognised: list[str] = field(default_factory=list)          # names of sheets that could be mapped
    problems: list[Problem] = field(default_factory=list)
    new_measures: list[dict] = field(default_factory=list)         # fields incl. code, parent code, kind
    changed_measures: list[tuple[int, dict]] = field(default_factory=list)   # node id → changed fields
    unchanged_measures: int = 0
    rows: list[tuple] = field(default_factory=list)      # (node_id, period, period_end, actual, target, comment, place)
    diff: ActualDiff | None = None
    pending: list[tuple] = field(default_factory=list)   # values of measures the file creates: (code, period, …)
    keys_found: dict[str, list[str]] = field(default_factory=dict)  # mapped sheets: the keys seen

    @property
    def ok(self) -> bool:
        return not self.problems

    def counts(self) -> dict[str, int]:
        staged = self.diff.counts if self.diff else {"new": 0, "changed": 0, "unchanged": 0}
        return {
            "values new": staged["new"] + len(self.pending), "values changed": staged["changed"],
            "values unchanged": staged["unchanged"], "measures new": len(self.new_measures),
            "measures changed": len(self.changed_measures), "measures unchanged": self.unchanged_measures,
        }

    def summary(self) -> str:
        c = self.counts()
        return (f"{c['values new']:,} new, {c['values changed']:,} changed, {c['values unchanged']:,} unchanged "
                f"actual value(s); {c['measures new']} new, {c['measures changed']} changed, "
                f"{c['measures unchanged']} unchanged measure(s)")

    @property
    def changes_anything(self) -> bool:
        c = self.counts()
        return bool(c["values new"] or c["values changed"] or c["measures new"] or c["measures changed"])


Progress = Callable[[str, int, int], bool]       # (what, done, total) → keep going?


_node_period = itemgetter(0, 1)


def _no_progress(_what: str, _done: int, _total: int) -> bool:
    return True


def _nonempty(value) -> bool:
    return value is not None and value != ""


class _Reader:
    """One analysis: the plan's codes, the problems found so far, the rows read."""

    def __init__(self, plan: Plan, preview: Preview, progress: Progress):
        self.plan, self.preview, self.progress = plan, preview, progress
        self.nodes = {n.code: n for n in plan.tree().nodes.values()}
        self.codes = {n.id: n.code for n in self.nodes.values()}
        self.new_codes: dict[str, str] = {}        # code → frequency, for measures the file creates
        self.mapped_values: dict[tuple[str, str], list] = {}
        self.buffer: list[tuple] = preview.rows      # every value read, checked for repeats at the end
        self.sheet_index: dict[str, int] = {}
        self.pending_keys: dict[tuple[str, str], tuple] = {}

    def problem(self, sheet, row, col, message) -> None:
        if len(self.preview.problems) < MAX_PROBLEMS:
            self.preview.problems.append(Problem(sheet, None if row is None else row + 1, col, message))

    # ----------------------------------------------------------------- finding the header
    def find_header(self, sheet: Sheet, roles, need) -> tuple[int, dict[str, int]] | None:
        for r, row in enumerate(sheet.head[:HEADER_SCAN]):
            found: dict[str, int] = {}
            for c, value in enumerate(row):
                if isinstance(value, str):
                    role = header_role(value, roles)
                    if role and role not in found:
                        found[role] = c
            if need(found, row):
                return r, found
        return None

    def merged_in_header(self, sheet: Sheet, header_row: int) -> bool:
        for r0, c0, r1, c1 in sheet.merged:
            if r0 <= header_row <= r1 and c1 > c0:
                self.problem(sheet.name, header_row, c0,
                             f"merged cells {cell_name(r0, c0)}:{cell_name(r1, c1)} in the header row; unmerge them "
                             "so that every column has its own header")
                return True
        return False

    # ----------------------------------------------------------------- measures sheet
    def measures(self, sheet: Sheet) -> bool:
        found = self.find_header(sheet, MEASURE_ROLES,
                                 lambda f, _row: "code" in f and "title" in f and ("target" in f or "parent" in f))
        if found is None:
            return False
        header, cols = found
        self.preview.layouts.append(Layout(sheet.name, "measures", header, cols))
        if self.merged_in_header(sheet, header):
            return True
        seen: dict[str, int] = {}
        for r in range(header + 1, len(sheet.rows)):
            row = sheet.rows[r]

            def cell(role, row=row):
                c = cols.get(role)
                return row[c] if c is not None and c < len(row) else None

            code = cell("code")
            code = str(code).strip() if _nonempty(code) else ""
            if not code:
                if any(_nonempty(v) for v in row):
                    self.problem(sheet.name, r, cols["code"], "a row without a code")
                continue
            if code in seen:
                self.problem(sheet.name, r, cols["code"], f"code {code} appears again (first in row {seen[code] + 1})")
                continue
            seen[code] = r
            values, bad = self._measure_values(sheet, r, cols, cell)
            if bad:
                continue
            node = self.nodes.get(code)
            if node is None:
                self._new_measure(sheet, r, cols, code, cell, values)
            else:
                if node.kind not in QUANTIFIED:
                    self.problem(sheet.name, r, cols["code"], f"{code} is a {node.kind} in the plan, not a goal or measure")
                    continue
                changes = {f: v for f, v in values.items() if f in cols and getattr(node, f) != v}
                if changes:
                    self.preview.changed_measures.append((node.id, changes))
                else:
                    self.preview.unchanged_measures += 1
        return True

    def _measure_values(self, sheet, r, cols, cell) -> tuple[dict, bool]:
        values: dict = {}
        bad = False
        for f in ("title", "description", "owner", "org_unit", "unit"):
            if f in cols:
                v = cell(f)
                values[f] = "" if v is None else (str(v).strip() if not isinstance(v, float) else f"{v:g}")
        for f in ("baseline", "target", "amber", "red", "weight"):
            if f in cols:
                try:
                    values[f] = parse_number(cell(f))
                except ValueProblem as exc:
                    self.problem(sheet.name, r, cols[f], str(exc))
                    bad = True
        if "due_date" in cols:
            v = cell("due_date")
            if not _nonempty(v):
                values["due_date"] = ""
            elif isinstance(v, dt.datetime | dt.date):
                values["due_date"] = (v.date() if isinstance(v, dt.datetime) else v).isoformat()
            else:
                try:
                    values["due_date"] = dt.date.fromisoformat(str(v).strip()[:10]).isoformat()
                except ValueError:
                    self.problem(sheet.name, r, cols["due_date"], f"not a date: {v!r} (for example 2026-12-31)")
                    bad = True
        for f, words in (("direction", DIRECTION_WORDS), ("frequency", FREQUENCY_WORDS)):
            if f in cols:
                v = cell(f)
                if not _nonempty(v):
                    continue
                word = words.get(str(v).strip().casefold())
                if word is None:
                    self.problem(sheet.name, r, cols[f], f"{f} {v!r} is not one of {', '.join(sorted({str(w) for w in words.values()}))}")
                    bad = True
                else:
                    values[f] = str(word)
        return values, bad

    def _new_measure(self, sheet, r, cols, code, cell, values) -> None:
        parent_code = cell("parent")
        parent_code = str(parent_code).strip() if _nonempty(parent_code) else ""
        parent = self.nodes.get(parent_code)
        if parent is None:
            col = cols.get("parent", cols["code"])
            self.problem(sheet.name, r, col, f"new code {code} needs the code of its parent (a strategy for a measure, "
                                             f"an objective for a goal); {parent_code!r} is not in the plan")
            return
        kind_text = cell("kind")
        if _nonempty(kind_text):
            kind = KIND_WORDS.get(str(kind_text).strip().casefold())
            if kind is None:
                self.problem(sheet.name, r, cols["kind"], f"kind {kind_text!r} is not goal or measure")
                return
        else:
            kind = Kind.GOAL if parent.kind is Kind.OBJECTIVE else Kind.MEASURE
        allowed = {Kind.OBJECTIVE: Kind.GOAL, Kind.STRATEGY: Kind.MEASURE}.get(parent.kind)
        if allowed is not kind:
            self.problem(sheet.name, r, cols.get("parent", cols["code"]),
                         f"a {kind} cannot sit under {parent.code} (a {parent.kind})")
            return
        if not values.get("title"):
            self.problem(sheet.name, r, cols["title"], f"new {kind} {code} needs a title")
            return
        self.preview.new_measures.append({**values, "code": code, "parent": parent.code, "kind": kind})
        self.new_codes[code] = values.get("frequency", Frequency.MONTHLY)

    # ----------------------------------------------------------------- actuals sheets
    def _target_node(self, sheet, r, c, code) -> tuple[int | None, str] | None:
        """``(node id, frequency)`` of a code (id None for a code the file creates); None when refused."""
        node = self.nodes.get(code)
        if node is not None:
            if node.kind not in QUANTIFIED:
                self.problem(sheet, r, c, f"{code} is a {node.kind}; only goals and measures take actual values")
                return None
            return node.id, node.frequency
        if code in self.new_codes:
            return None, self.new_codes[code]
        self.problem(sheet, r, c, f"unknown code {code!r}: not in the plan, nor a new code in a Measures sheet")
        return None

    def _record(self, sheet, r, c, code, node_id, period, actual, target, comment) -> None:
        """Keep one value for the import (staged in SQLite; measures the file creates wait in Python)."""
        if node_id is None:
            key, value = (code, period), (actual, target, comment)
            first = self.pending_keys.get(key)
            if first is None:
                self.pending_keys[key] = (sheet, r, value)
                self.preview.pending.append((code, period, actual, target, comment))
            elif first[2] != value:
                self.problem(sheet, r, c, f"{code} {period} appears again with other values (first in sheet "
                                          f"{first[0]!r}, row {first[1] + 1})")
            return
        self.buffer.append((node_id, period, period_end(period), actual, target, comment, self.place(sheet, r, c)))

    def place(self, sheet: str, row: int, col: int) -> int:
        """Where a value came from, as one number (sheet, row, column)."""
        index = self.sheet_index.setdefault(sheet, len(self.sheet_index))
        return (index << 40) | (row << 16) | col

    def where(self, place: int) -> tuple[str, int, int]:
        names = {i: n for n, i in self.sheet_index.items()}
        return names[place >> 40], (place >> 16) & 0xFFFFFF, place & 0xFFFF

    def check_repeats(self) -> None:
        """Sort the values by node and period; drop exact repeats, name repeats with other values."""
        rows = self.buffer
        rows.sort(key=_node_period)
        kept: list[tuple] = []
        previous = None
        for row in rows:
            if previous is not None and row[0] == previous[0] and row[1] == previous[1]:
                if row[3:6] != previous[3:6]:
                    first = min(previous[6], row[6])
                    later = max(previous[6], row[6])
                    sheet, r, c = self.where(later)
                    first_sheet, first_row, _ = self.where(first)
                    self.problem(sheet, r, c, f"{self.codes[row[0]]} {row[1]} appears again with other values "
                                              f"(first in sheet {first_sheet!r}, row {first_row + 1})")
                continue
            kept.append(row)
            previous = row
        if len(kept) != len(rows):
            rows[:] = kept

    def actuals(self, sheet: Sheet) -> bool:
        def long_form(f, _row):
            return "code" in f and "period" in f and ("actual" in f or "target" in f)

        def wide_form(f, row):
            return "code" in f and sum(1 for c, v in enumerate(row) if c not in f.values() and looks_like_period(v)) >= 1

        found = self.find_header(sheet, ACTUAL_ROLES, long_form)
        if found is not None:
            header, cols = found
            self.preview.layouts.append(Layout(sheet.name, "actuals-long", header, cols))
            if not self.merged_in_header(sheet, header):
                self._read_long(sheet, header, cols)
            return True
        found = self.find_header(sheet, ACTUAL_ROLES, wide_form)
        if found is not None:
            header, cols = found
            cols = {"code": cols["code"]}
            header_cells = sheet.head[header]
            period_cols = [c for c, v in enumerate(header_cells) if c != cols["code"] and looks_like_period(v)]
            self.preview.layouts.append(Layout(sheet.name, "actuals-wide", header, cols, period_cols))
            if not self.merged_in_header(sheet, header):
                self._read_wide(sheet, header, cols["code"], period_cols)
            return True
        return False

    def _read_long(self, sheet: Sheet, header: int, cols: dict[str, int]) -> None:
        """The hot loop of a big import: plain floats and repeated codes and periods take the fast paths."""
        c_code, c_period = cols["code"], cols["period"]
        c_actual, c_target, c_comment = cols.get("actual"), cols.get("target"), cols.get("comment")
        total = sheet.height
        name = sheet.name
        targets: dict = {}                   # code → (node id, frequency) or None
        period_of: dict = {}                 # (cell value, frequency) → (period key, its end)
        record, problem, buffer = self._record, self.problem, self.buffer
        base = self.place(name, 0, 0)
        for r, row in sheet.iter_rows(header + 1):
            if r % 50_000 == 0 and not self.progress(f"reading sheet {name}", r, total):
                raise ImportCancelled("import cancelled; nothing was written")
            code = row[c_code]
            if code.__class__ is not str:
                if code is None or code == "":
                    if any(v is not None and v != "" for v in row):
                        problem(name, r, c_code, "a row without a code")
                    continue
                code = f"{code:g}" if isinstance(code, float) else str(code)
            elif not code:
                if any(v is not None and v != "" for v in row):
                    problem(name, r, c_code, "a row without a code")
                continue
            target_of = targets.get(code, targets)
            if target_of is targets:
                target_of = targets[code] = self._target_node(name, r, c_code, code.strip())
            if target_of is None:
                continue
            node_id, frequency = target_of
            cell = row[c_period]
            try:
                period, end = period_of[cell, frequency]
            except KeyError:
                try:
                    period = parse_period(cell, frequency)
                    end = period_end(period)
                    period_of[cell, frequency] = period, end
                except ValueProblem as exc:
                    problem(name, r, c_period, str(exc))
                    continue
            except TypeError:                          # an unhashable cell value
                problem(name, r, c_period, f"not a period: {cell!r}")
                continue
            actual = target = None
            if c_actual is not None:
                actual = row[c_actual]
                if actual.__class__ is not float:
                    try:
                        actual = parse_number(actual)
                    except ValueProblem as exc:
                        problem(name, r, c_actual, str(exc))
                        continue
            if c_target is not None:
                target = row[c_target]
                if target.__class__ is not float:
                    try:
                        target = parse_number(target)
                    except ValueProblem as exc:
                        problem(name, r, c_target, str(exc))
                        continue
            comment = row[c_comment] if c_comment is not None else ""
            if comment.__class__ is not str:
                comment = "" if comment is None else str(comment)
            elif comment:
                comment = comment.strip()
            if actual is None and target is None and not comment:
                continue
            if node_id is None:
                record(name, r, c_code, code, node_id, period, actual, target, comment)
            else:
                buffer.append((node_id, period, end, actual, target, comment, base | (r << 16) | c_code))

    def _read_wide(self, sheet: Sheet, header: int, c_code: int, period_cols: list[int]) -> None:
        name = sheet.name
        heads = sheet.head[header]
        for r in range(header + 1, len(sheet.rows)):
            row = sheet.rows[r]
            code = row[c_code]
            if not _nonempty(code):
                continue
            code = str(code).strip()
            target_of = self._target_node(name, r, c_code, code)
            if target_of is None:
                continue
            node_id, frequency = target_of
            for c in period_cols:
                try:
                    actual = parse_number(row[c] if c < len(row) else None)
                except ValueProblem as exc:
                    self.problem(name, r, c, str(exc))
                    continue
                if actual is None:
                    continue
                self._record(name, r, c, code, node_id, parse_period(heads[c], frequency), actual, None, "")

    def mapped(self, sheet: Sheet, mapping: Mapping) -> None:
        """A sheet read through a mapping: key columns → plan measures, period columns → values."""
        header = mapping.header_row
        if header is None:
            header = next((r for r, row in enumerate(sheet.head[:HEADER_SCAN])
                           if sum(looks_like_period(v) for v in row) >= 2), None)
        if header is None:
            self.problem(sheet.name, None, None, "no header row with period columns (dates, 2026-03, 2026Q1…) "
                                                 f"in the first {HEADER_SCAN} rows")
            return
        heads = sheet.head[header]
        period_cols = [c for c, v in enumerate(heads) if c not in mapping.key_columns and looks_like_period(v)]
        self.preview.layouts.append(Layout(sheet.name, "mapped", header,
                                           {f"key{i + 1}": c for i, c in enumerate(mapping.key_columns)}, period_cols))
        if self.merged_in_header(sheet, header):
            return
        keys: list[str] = []
        for r in range(header + 1, len(sheet.rows)):
            row = sheet.rows[r]
            parts = [row[c] if c < len(row) else "" for c in mapping.key_columns]
            if not any(_nonempty(p) for p in parts):
                continue
            key = " | ".join(str(p).strip() for p in parts)
            keys.append(key)
            target = mapping.keys.get(key)
            if target is None:
                continue
            code, field_name = target
            target_of = self._target_node(sheet.name, r, mapping.key_columns[0], code)
            if target_of is None:
                continue
            frequency = target_of[1]
            for c in period_cols:
                try:
                    number = parse_number(row[c] if c < len(row) else None)
                except ValueProblem as exc:
                    self.problem(sheet.name, r, c, str(exc))
                    continue
                if number is None:
                    continue
                period = parse_period(heads[c], frequency)
                self._merge_mapped(sheet.name, r, c, code, period, field_name, number)
        self.preview.keys_found[sheet.name] = list(dict.fromkeys(keys))

    def _merge_mapped(self, sheet, r, c, code, period, field_name, number) -> None:
        """A mapped sheet may give a measure's actual and its target on two rows: combine them."""
        key = (code, period)
        before = self.mapped_values.get(key)
        if before is None:
            before = self.mapped_values[key] = [sheet, r, c, None, None]
        slot = 3 if field_name == "actual" else 4
        if before[slot] is not None:
            self.problem(sheet, r, c, f"{code} {period} {field_name} comes twice (first in row {before[1] + 1})")
            return
        before[slot] = number

    def finish_mapped(self) -> None:
        for (code, period), (sheet, r, c, actual, target) in self.mapped_values.items():
            node = self.nodes.get(code)
            self._record(sheet, r, c, code, node.id if node else None, period, actual, target, "")


def analyse(plan: Plan, path: str | Path, mappings: list[Mapping] | None = None,
            progress: Progress = _no_progress) -> Preview:
    """Read ``path`` and compare it with the plan; writes nothing. WorkbookError for a file refused whole."""
    path = Path(path)
    preview = Preview(path)
    reader = _Reader(plan, preview, progress)
    mapped = {m.sheet: m for m in mappings or []}
    with Workbook(path) as book:
        for name in mapped:
            if name not in book.sheet_names:
                raise WorkbookError(f"{path}: no sheet named {name!r} (sheets: {', '.join(book.sheet_names)})")
        names = book.sheet_names
        ordered = sorted(names, key=lambda n: (n.strip().casefold() not in MEASURES_NAMES, names.index(n)))
        found_any = False
        for name in ordered:
            folded = name.strip().casefold()
            if folded in SKIP_NAMES and name not in mapped:
                preview.skipped.append(f"sheet {name!r}: the cascade outline is for reading, not imported")
                continue
            if not progress(f"reading sheet {name}", 0, 1):
                raise ImportCancelled("import cancelled; nothing was written")
            sheet = book.sheet(name)
            if name in mapped:
                reader.mapped(sheet, mapped[name])
                found_any = True
            elif reader.measures(sheet) or reader.actuals(sheet):
                found_any = True
            else:
                preview.skipped.append(_why_not(sheet))
                preview.unrecognised.append(name)
            del sheet
        reader.finish_mapped()
        reader.check_repeats()
        order = {name: i for i, name in enumerate(book.sheet_names)}
        preview.problems.sort(key=lambda p: (order.get(p.sheet, -1), p.row or 0, p.column or 0))
    if not found_any:
        reasons = "; ".join(preview.skipped) or "the workbook has no sheets"
        preview.problems.append(Problem(None, None, None,
                                        "no sheet of measures or actuals was recognised: " + reasons))
    if preview.problems:
        preview.rows.clear()
        return preview
    progress("comparing with the plan", 0, 1)
    preview.diff = plan.compare_prepared(preview.rows)
    return preview


def _why_not(sheet: Sheet) -> str:
    """Why a sheet was not recognised, naming what its first rows hold."""
    heads = next((row for row in sheet.head[:HEADER_SCAN] if sum(_nonempty(v) for v in row) >= 2), None)
    if heads is None:
        return f"sheet {sheet.name!r}: no header row in the first {HEADER_SCAN} rows"
    texts = [str(v) for v in heads if _nonempty(v) and not looks_like_period(v)]
    n_periods = sum(looks_like_period(v) for v in heads)
    found = ", ".join(repr(t) for t in texts[:6]) + (f" and {n_periods} period column(s)" if n_periods else "")
    return (f"sheet {sheet.name!r}: no column of plan codes (found {found}); map its key columns to the plan's "
            "measures to import it")


def apply(plan: Plan, preview: Preview, reason: str = "", progress: Progress = _no_progress) -> int | None:
    """Write an analysis with no problems as one batch; returns the batch id (None: nothing changed)."""
    if preview.problems:
        raise PlanError(f"{preview.path}: {len(preview.problems)} problem(s) in the file; nothing was written")
    label = reason.strip() if reason and reason.strip() else f"import {preview.path.name}"
    if preview.path.name not in label:
        label = f"{label} ({preview.path.name})"
    stale = preview.diff is not None and preview.diff.as_of_batch != plan.last_batch_id()
    with plan.batch("import", label):
        for fields in preview.new_measures:
            values = {k: v for k, v in fields.items() if k not in ("parent", "kind", "code")}
            parent = plan.node_by_code(fields["parent"])
            plan.add_node(parent.id, fields["kind"], code=fields["code"], **values)
        for node_id, changes in preview.changed_measures:
            plan.update_node(node_id, **changes)
        if not progress("writing", 0, 2):
            raise ImportCancelled("import cancelled; nothing was written")
        diff = preview.diff
        if diff is None or stale:        # the plan changed since the analysis: compare again, in this batch
            diff = plan.compare_prepared(preview.rows)
        plan.apply_prepared(diff)
        if preview.pending:              # values of the measures just created
            ids = {c: plan.node_by_code(c).id for c in {row[0] for row in preview.pending}}
            rows = sorted(((ids[c], p, period_end(p), a, t, m, 0) for c, p, a, t, m in preview.pending), key=_node_period)
            plan.apply_prepared(plan.compare_prepared(rows))
        if not progress("writing", 2, 2):
            raise ImportCancelled("import cancelled; nothing was written")
    return plan.last_batch
