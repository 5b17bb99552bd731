"""Sheets of numbers: actuals in long form (code, period, actual, target, comment), in wide form (code and
one column per period), or read through a :class:`Mapping` for workbooks without plan codes."""

from __future__ import annotations

from ..fields import CONTROL, MOST_CHARACTERS, UNSAVED, UNSAVED_ADVICE, ValueProblem, incoming_text
from ..i18n import _
from ..storage.actuals import KEEP
from .books import Sheet
from .preview import Mapping, import_cancelled
from .reader import HEADER_SCAN, Reader, is_total, nonempty
from .values import (
    ACTUAL_ROLES,
    cell_text,
    dated_headers,
    looks_like_period,
    names_a_due_date,
    same_unit,
    unit_in_header,
    yearless_months,
)


def read_actuals(reader: Reader, sheet: Sheet) -> bool:
    """Read ``sheet`` if it holds actuals in long or wide form; False when it does not."""
    chosen = reader.columns.get(sheet.name, {})

    def long_form(f, row):
        if "code" not in f or "period" not in f:
            return False
        if "actual" in f or "target" in f:
            return True
        # comments alone: not a list of actions with their due dates and notes (编号, 标题, 截止日期, 说明)
        return "comment" in f and (f["period"] in chosen or not names_a_due_date(row[f["period"]]))

    def wide_form(f, row):
        return "code" in f and sum(1 for c, v in enumerate(row) if c not in f.values() and looks_like_period(v)) >= 1

    found = reader.find_header(sheet, ACTUAL_ROLES, long_form)
    if found is not None:
        header, cols = found
        reader.layout(sheet, "actuals-long", header, cols)
        if not reader.merged_in_header(sheet, header):
            _read_long(reader, sheet, header, cols)
        return True
    found = reader.find_header(sheet, ACTUAL_ROLES, wide_form)
    if found is not None:
        header, cols = found
        cols = {"code": cols["code"]}
        header_cells = sheet.head[header]
        yearless = yearless_months(header_cells)          # 2026年10月 | 11月 | 12月
        period_cols = [c for c, v in enumerate(header_cells)
                       if c != cols["code"] and (looks_like_period(v) or c in yearless)]
        reader.layout(sheet, "actuals-wide", header, cols, period_cols)
        if not reader.merged_in_header(sheet, header):
            _read_wide(reader, sheet, header, cols["code"], period_cols)
        return True
    return False


def _read_long(reader: Reader, sheet: Sheet, header: int, cols: dict[str, int]) -> None:
    """The hot loop of a big import: plain floats and repeated codes and periods take the fast paths."""
    c_code, c_period = cols["code"], cols["period"]
    c_actual, c_target, c_comment = cols.get("actual"), cols.get("target"), cols.get("comment")
    total = sheet.height
    name = sheet.name
    targets: dict = {}                   # code → (node id, frequency, its periods) or None
    periods_of: dict = {}                # frequency → {cell value: (period key, its end)}
    record, problem, buffer, places = reader.record, reader.problem, reader.buffer, reader.places
    base = reader.place(name, 0, c_code)
    bad, keep = object(), KEEP
    percent = sheet.percent_cells
    control = CONTROL.search
    in_order = reader.in_order               # (see Reader.in_order: kept here, where a million rows pass)
    last_node, last_period = reader.last_key
    heads = sheet.head[header]
    units = {c: u for c in (c_actual, c_target) if c is not None and (u := unit_in_header(heads[c]))}
    unit_problem: dict[str, tuple[int, str] | None] = {}      # code → (column, what to say) when its unit differs

    def number(value, r: int, c: int, code: str):   # the slow path: text, ints, empty cells, per-cent cells, NaN
        try:
            return reader.amount(sheet, r, c, value, code.strip())
        except ValueProblem as exc:
            problem(name, r, c, str(exc))
            return bad

    for r, row in sheet.iter_rows(header + 1):
        if r % 50_000 == 0 and not reader.progress(_("reading sheet {name}").format(name=name), r, total):
            raise import_cancelled()
        code = row[c_code]
        if code.__class__ is not str:
            if code is UNSAVED:
                problem(name, r, c_code, _(UNSAVED_ADVICE))
                continue
            if code is None or code == "":
                if any(v is not None and v != "" for v in row):
                    problem(name, r, c_code, _("a row without a code"))
                continue
            code = cell_text(code)
        elif not code:
            if any(v is not None and v != "" for v in row):
                problem(name, r, c_code, _("a row without a code"))
            continue
        target_of = targets.get(code, targets)
        if target_of is targets and is_total(code):
            reader.note(name, r, _("a total row ({key}), not imported").format(key=code.strip()))
            continue
        if target_of is targets:
            target_of = reader.target_node(name, r, c_code, code.strip())
            if target_of is not None:
                target_of = (*target_of, periods_of.setdefault(target_of[1], {}))
            targets[code] = target_of
        if target_of is None:
            continue
        node_id, frequency, periods = target_of
        if units:
            if code not in unit_problem:
                unit_problem[code] = _other_unit(reader, heads, units, code.strip())
            if unit_problem[code] is not None:
                problem(name, r, *unit_problem[code])
                continue
        cell = row[c_period]
        try:
            period, end = periods[cell]
        except KeyError:
            try:
                period, end = periods[cell] = reader.period(cell, frequency, code)
            except ValueProblem as exc:
                problem(name, r, c_period, str(exc))
                continue
        except TypeError:                          # an unhashable cell value
            problem(name, r, c_period, _("not a period: {value!r}").format(value=cell))
            continue
        # What the sheet does not give (no column, an empty cell) is KEEP: the plan's value stays.
        actual = None if c_actual is None else row[c_actual]
        # (x - x is 0.0 for a finite float, NaN — true — for NaN and the infinities: those take the slow path,
        # which refuses them as the window does)
        if ((actual.__class__ is not float or actual - actual or (percent and (r, c_actual) in percent))
                and (actual := number(actual, r, c_actual, code)) is bad):
            continue
        target = None if c_target is None else row[c_target]
        if ((target.__class__ is not float or target - target or (percent and (r, c_target) in percent))
                and (target := number(target, r, c_target, code)) is bad):
            continue
        comment = row[c_comment] if c_comment is not None else None
        if comment.__class__ is not str:
            if comment is UNSAVED:
                problem(name, r, c_comment, _(UNSAVED_ADVICE))
                continue
            comment = None if comment is None else cell_text(comment, percent and (r, c_comment) in percent)
        comment = (comment.strip() or keep) if comment else keep
        if comment is not keep and (control(comment) or len(comment) > MOST_CHARACTERS):
            try:
                incoming_text(comment, _("the comment"))
            except ValueProblem as exc:
                problem(name, r, c_comment, str(exc))
                continue
        if actual is None:
            actual = keep
        if target is None:
            target = keep
        if actual is keep and target is keep and comment is keep:
            continue
        if node_id is None:
            record(name, r, c_code, code.strip(), node_id, period, actual, target, comment)
        else:
            if in_order:
                if node_id < last_node or (node_id == last_node and period <= last_period):
                    in_order = False
                else:
                    last_node, last_period = node_id, period
            buffer.append((node_id, period, end, actual, target, comment))
            places.append(base | (r << 16))
    reader.in_order, reader.last_key = in_order, (last_node, last_period)


def _other_unit(reader: Reader, heads: list, units: dict[int, str], code: str) -> tuple[int, str] | None:
    """The column and what to say when a figure column's header gives another unit than ``code``'s."""
    unit = reader.unit_of(code)
    for c, said in units.items():
        if not same_unit(said, unit):
            return c, _("the column {header} gives its figures in {said}, but {code} is measured in {unit}: convert "
                        "them, or leave the unit out of the header").format(
                header=str(heads[c]).strip(), said=said, code=code, unit=unit or _("no unit"))
    return None


def _read_wide(reader: Reader, sheet: Sheet, header: int, c_code: int, period_cols: list[int]) -> None:
    name = sheet.name
    heads = dated_headers(sheet.head[header], period_cols)
    for r in range(header + 1, len(sheet.rows)):
        row = sheet.rows[r]
        code = row[c_code]
        if not nonempty(code):
            continue
        if code is UNSAVED:
            reader.problem(name, r, c_code, _(UNSAVED_ADVICE))
            continue
        code = cell_text(code)
        if is_total(code):
            reader.note(name, r, _("a total row ({key}), not imported").format(key=code))
            continue
        target_of = reader.target_node(name, r, c_code, code)
        if target_of is None:
            continue
        node_id, frequency = target_of
        for c in period_cols:
            try:
                actual = reader.amount(sheet, r, c, row[c] if c < len(row) else None, code)
                if actual is None:
                    continue
                period, _end = reader.period(heads[c], frequency, code)
            except ValueProblem as exc:
                reader.problem(name, r, c, str(exc))
                continue
            reader.record(name, r, c, code, node_id, period, actual, KEEP, KEEP)


def read_mapped(reader: Reader, sheet: Sheet, mapping: Mapping) -> None:
    """A sheet read through a mapping: key columns → plan measures; the values either in period columns
    (periods across) or, for a long sheet, in one period column and one value column."""
    header = mapping.header_row
    if header is None and mapping.long:
        header = next((r for r, row in enumerate(sheet.head[:HEADER_SCAN]) if sum(nonempty(v) for v in row) >= 2), 0)
    if header is None:
        header = next((r for r, row in enumerate(sheet.head[:HEADER_SCAN])
                       if sum(looks_like_period(v) for v in row) + len(yearless_months(row)) >= 2), None)
    if header is None:
        reader.problem(sheet.name, None, None, _("no header row with period columns (dates, 2026-03, 2026Q1…) in the "
                                               "first {rows} rows").format(rows=HEADER_SCAN))
        return
    heads = sheet.head[header] if header < len(sheet.head) else []
    roles = {f"key{i + 1}": c for i, c in enumerate(mapping.key_columns)}
    if mapping.long:
        period_cols = []
        roles.update(period=mapping.period_column, value=mapping.value_column)
    else:
        yearless = yearless_months(heads)                # 2026年10月 | 11月 | 12月
        period_cols = [c for c, v in enumerate(heads)
                       if c not in mapping.key_columns and (looks_like_period(v) or c in yearless)]
    reader.layout(sheet, "mapped", header, roles, period_cols)
    dated = dated_headers(heads, period_cols)
    if reader.merged_in_header(sheet, header):
        return
    keys: list[str] = []
    for r in range(header + 1, len(sheet.rows)):
        row = sheet.rows[r]
        parts = [row[c] if c < len(row) else "" for c in mapping.key_columns]
        if not any(nonempty(p) for p in parts):
            continue
        if UNSAVED in parts:
            reader.problem(sheet.name, r, mapping.key_columns[parts.index(UNSAVED)], _(UNSAVED_ADVICE))
            continue
        key = " | ".join(cell_text(p) for p in parts)
        if any(is_total(p) for p in parts):
            reader.note(sheet.name, r, _("a total row ({key}), not imported").format(key=key))
            continue
        keys.append(key)
        target = mapping.keys.get(key)
        if target is None:
            continue
        code, field_name = target
        target_of = reader.target_node(sheet.name, r, mapping.key_columns[0], code)
        if target_of is None:
            continue
        frequency = target_of[1]
        if mapping.long:
            cells = [(mapping.value_column, row[mapping.period_column] if mapping.period_column < len(row) else None,
                      mapping.period_column)]
        else:
            cells = [(c, dated[c], c) for c in period_cols]
        for c, period_cell, c_period in cells:
            try:
                number = reader.amount(sheet, r, c, row[c] if c < len(row) else None, code)
                if number is None:
                    continue
            except ValueProblem as exc:
                reader.problem(sheet.name, r, c, str(exc))
                continue
            try:
                period, _end = reader.period(period_cell, frequency, code)
            except ValueProblem as exc:
                reader.problem(sheet.name, r, c_period, str(exc))
                continue
            _merge_mapped(reader, sheet.name, r, c, code, period, field_name, number)
    reader.preview.keys_found[sheet.name] = list(dict.fromkeys(keys))


def _merge_mapped(reader: Reader, sheet, r, c, code, period, field_name, number) -> None:
    """A mapped sheet may give a measure's actual and its target on two rows: combine them."""
    key = (code, period)
    before = reader.mapped_values.get(key)
    if before is None:
        before = reader.mapped_values[key] = [sheet, r, c, None, None]
    slot = 3 if field_name == "actual" else 4
    if before[slot] is not None:
        if field_name == "actual":
            message = _("{code} {period} actual comes twice (first in row {row})").format(
                code=code, period=period, row=before[1] + 1)
        elif field_name == "target":
            message = _("{code} {period} target comes twice (first in row {row})").format(
                code=code, period=period, row=before[1] + 1)
        else:
            message = f"{code} {period} {field_name} comes twice (first in row {before[1] + 1})"
        reader.problem(sheet, r, c, message)
        return
    before[slot] = number


def finish_mapped(reader: Reader) -> None:
    for (code, period), (sheet, r, c, actual, target) in reader.mapped_values.items():
        node = reader.nodes.get(code)
        reader.record(sheet, r, c, code, node.id if node else None, period, KEEP if actual is None else actual,
                      KEEP if target is None else target, KEEP)
