"""A Measures sheet: goal and measure definitions (code, parent, kind, title, unit, baseline, target, due
date, direction, frequency, thresholds…). New codes become goals or measures under their parent; known
codes are updated in the columns the sheet has."""

from __future__ import annotations

from dataclasses import replace

from ..fields import (
    SCALE_FIELDS,
    UNSAVED,
    UNSAVED_ADVICE,
    ValueProblem,
    clean_field,
    holds_a_number,
    incoming_text,
    parse_amount,
    parse_choice,
    parse_date,
    parse_number,
    percent_shown,
    same_value,
)
from ..i18n import N_, _, labelled
from ..labels import a_kind_label
from ..model import ALL_FIELDS, QUANTIFIED, Frequency, Kind, Node, kind_name
from .books import Sheet
from .reader import Reader, nonempty
from .thresholds import check_later
from .values import ACTUAL_ROLES, MEASURE_ROLES, cell_text, header_role

TEXT_FIELDS = ("title", "description", "owner", "org_unit", "unit")
# How a problem names each text field (said with _()).
TEXT_FIELD_NAMES = {"title": N_("the title"), "description": N_("the description"), "owner": N_("the owner"),
                    "org_unit": N_("the org_unit"), "unit": N_("the unit")}
NUMBER_FIELDS = ("baseline", "target", "amber", "red", "weight")
DEFINITION_FIELDS = (*TEXT_FIELDS, *NUMBER_FIELDS, "due_date", "direction", "frequency")


def _holds_numbers(row) -> bool:
    """A header with a period or an actual column: the sheet holds numbers per period, not definitions."""
    return any(header_role(v, MEASURE_ROLES) is None and header_role(v, ACTUAL_ROLES) in ("period", "actual")
               for v in row if isinstance(v, str))


def read_measures(reader: Reader, sheet: Sheet, chosen: bool = False) -> bool:
    """Read ``sheet`` if it is clearly a Measures sheet (``chosen``: the user says it is one); False when not."""
    found = reader.find_header(sheet, MEASURE_ROLES,
                               lambda f, row: "code" in f and "title" in f and ("target" in f or "parent" in f)
                               and (chosen or not _holds_numbers(row)))
    if found is None:
        return False
    header, cols = found
    reader.layout(sheet, "measures", header, cols)
    if reader.merged_in_header(sheet, header):
        return True
    seen: dict[str, int] = {}
    for r in range(header + 1, len(sheet.rows)):
        row = sheet.rows[r]

        def cell(role, row=row):
            c = cols.get(role)
            return row[c] if c is not None and c < len(row) else None

        code = cell("code")
        if code is UNSAVED:
            reader.problem(sheet.name, r, cols["code"], _(UNSAVED_ADVICE))
            continue
        code = cell_text(code) if nonempty(code) else ""
        if not code:
            if any(nonempty(v) for v in row):
                reader.problem(sheet.name, r, cols["code"], _("a row without a code"))
            continue
        if code in seen:
            reader.problem(sheet.name, r, cols["code"], _("code {code} appears again (first in row {row})").format(
                code=code, row=seen[code] + 1))
            continue
        seen[code] = r
        values, bad = _values(reader, sheet, r, cols, cell, code)
        if bad:
            continue
        empty = [f for f in cols if f in DEFINITION_FIELDS and not _given(cell(f))]
        node = reader.nodes.get(code)
        if node is None:
            _new_measure(reader, sheet, r, cols, code, cell, values)
        elif node.kind not in QUANTIFIED:
            reader.problem(sheet.name, r, cols["code"], _("{code} is {a_kind} in the plan, not a goal or measure").format(
                code=code, a_kind=a_kind_label(node.kind)))
        else:
            _say_not_moved(reader, node, cell)
            changes = {f: v for f, v in values.items() if f in cols and not same_value(getattr(node, f), v)}
            refusal = reader.plan.nodes.frequency_refusal(node, changes["frequency"]) if "frequency" in changes else None
            if refusal is not None:                     # what the import would refuse is found before it asks
                reader.problem(sheet.name, r, cols["frequency"], refusal)
                continue
            reader.preview.kept_definitions += sum(getattr(node, f) not in (None, "") for f in empty)
            if "unit" in changes:                       # the numbers of every sheet are read in the new unit
                reader.new_units[code] = changes["unit"]
            if "frequency" in changes:                  # … and for the periods of the new frequency
                reader.new_frequencies[code] = changes["frequency"]
            if changes:
                check_later(reader, replace(node, **changes), node)     # as it would stand: said, not refused
                reader.preview.changed_measures.append((node.id, changes))
                reader.preview.previous_measures[node.id] = {f: getattr(node, f) for f in changes}
            else:
                reader.preview.unchanged_measures += 1
    return True


def _say_not_moved(reader: Reader, node: Node, cell) -> None:
    """A known goal's or measure's row giving it another parent or kind: an import does not move a node nor
    change what it is (the window does, with its own checks); said, so that the rest of the row is not taken
    for all of it."""
    parent_code = cell("parent")
    if _given(parent_code) and parent_code is not UNSAVED:
        parent = reader.plan.nodes.get(node.parent_id) if node.parent_id is not None else None
        if parent is None or cell_text(parent_code) != parent.code:
            reader.warn(labelled(node.code, _(
                "its parent in the sheet is {given}, in the plan {parent}: an import does not move goals or "
                "measures (move it in the window); the rest of its row is imported").format(
                given=cell_text(parent_code), parent=parent.code if parent is not None else "—")))
    kind_text = cell("kind")
    if _given(kind_text) and kind_text is not UNSAVED:
        try:
            kind = Kind(parse_choice("kind", kind_text))
        except (ValueProblem, ValueError):
            kind = None
        if kind is not node.kind:
            reader.warn(labelled(node.code, _(
                "the sheet says it is {given}, the plan {a_kind}: an import does not change what a node is; the "
                "rest of its row is imported").format(given=str(kind_text).strip(), a_kind=a_kind_label(node.kind))))


def _given(value) -> bool:
    """A cell that gives a value: not empty, nor only spaces."""
    return nonempty(value) and not (isinstance(value, str) and not value.strip())


def _values(reader: Reader, sheet: Sheet, r: int, cols: dict[str, int], cell, code: str) -> tuple[dict, bool]:
    """The definition fields of one row, parsed; ``bad`` when a cell could not be read (named). An empty
    cell gives nothing: the plan's value stays (an import clears no value, in any sheet)."""
    values: dict = {}
    bad = False
    for f in TEXT_FIELDS:
        if f in cols and _given(v := cell(f)):
            try:
                if v is UNSAVED:
                    raise ValueProblem(_(UNSAVED_ADVICE))
                values[f] = incoming_text(cell_text(v), _(TEXT_FIELD_NAMES[f]))
            except ValueProblem as exc:
                reader.problem(sheet.name, r, cols[f], str(exc))
                bad = True
    unit = values.get("unit", reader.unit_of(code))

    def number(f: str, v):                        # as the cell shows it: 9 % of a measure in % is 9, not 0.09
        reader.no_decimal_comma(sheet, v)
        if f in SCALE_FIELDS:                     # (a per cent for a measure in another unit: refused)
            return clean_field(f, parse_amount(v, unit, code, percent_format=(r, cols[f]) in sheet.percent_cells))
        if (r, cols[f]) in sheet.percent_cells and holds_a_number(v):
            return clean_field(f, percent_shown(v))      # a weight shown as 75% is 75, as "75%" typed is
        return clean_field(f, parse_number(v))

    parsers = [(f, lambda v, f=f: number(f, v)) for f in NUMBER_FIELDS] + [("due_date", parse_date)] + [
        (f, lambda v, f=f: parse_choice(f, v)) for f in ("direction", "frequency")]
    for f, parse in parsers:
        if f not in cols or not _given(cell(f)):
            continue
        try:
            value = parse(cell(f))
        except ValueProblem as exc:
            reader.problem(sheet.name, r, cols[f], str(exc))
            bad = True
            continue
        if value is not None:
            values[f] = value
    return values, bad


def _new_measure(reader: Reader, sheet: Sheet, r: int, cols: dict[str, int], code: str, cell, values: dict) -> None:
    try:
        clean_field("code", code)                 # as the plan checks it when the import writes
    except ValueProblem as exc:
        reader.problem(sheet.name, r, cols["code"], str(exc))
        return
    gone = reader.gone_code(code)
    if gone is not None:
        reader.problem(sheet.name, r, cols["code"], gone)
        return
    parent_code = cell("parent")
    if parent_code is UNSAVED:
        reader.problem(sheet.name, r, cols["parent"], _(UNSAVED_ADVICE))
        return
    parent_code = cell_text(parent_code) if nonempty(parent_code) else ""
    parent = reader.nodes.get(parent_code)
    if parent is None:
        col = cols.get("parent", cols["code"])
        reader.problem(sheet.name, r, col, _("new code {code} needs the code of its parent (a strategy for a measure, "
                                             "an objective for a goal); {parent!r} is not in the plan").format(
            code=code, parent=parent_code))
        return
    kind_text = cell("kind")
    if nonempty(kind_text):
        try:
            kind = Kind(parse_choice("kind", kind_text))
        except ValueProblem:
            kind = None
        if kind not in QUANTIFIED:
            reader.problem(sheet.name, r, cols["kind"], _("kind {kind!r} is not goal or measure").format(kind=kind_text))
            return
    else:
        kind = Kind.GOAL if parent.kind is Kind.OBJECTIVE else Kind.MEASURE
    allowed = {Kind.OBJECTIVE: Kind.GOAL, Kind.STRATEGY: Kind.MEASURE}.get(parent.kind)
    if allowed is not kind:
        reader.problem(sheet.name, r, cols.get("parent", cols["code"]),
                       _("{a_kind} cannot sit under {parent} ({a_parent_kind})").format(
                           a_kind=a_kind_label(kind), parent=parent.code, a_parent_kind=a_kind_label(parent.kind)))
        return
    if not values.get("title"):
        reader.problem(sheet.name, r, cols["title"], _("new {kind} {code} needs a title").format(
            kind=kind_name(kind), code=code))
        return
    reader.preview.new_measures.append({**values, "code": code, "parent": parent.code, "kind": kind})
    check_later(reader, Node(0, kind, code, **{f: v for f, v in values.items() if f in ALL_FIELDS and f != "code"}))
    reader.new_codes[code] = values.get("frequency", Frequency.MONTHLY)
    reader.new_units[code] = values.get("unit", "")
