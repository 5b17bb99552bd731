"""What an import would do, before anything is written: the sheets and columns recognised, the values
and measures that would change, and every problem with its sheet, row and column."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CancelledError
from ..i18n import N_, _, enumerated, labelled, listed, ngettext
from ..labels import field_label
from ..storage import ActualDiff
from ..storage.actuals import merged
from .books import column_name


class ImportCancelled(CancelledError):
    """The user cancelled; nothing was written."""


def import_cancelled() -> ImportCancelled:
    """What an import the user cancelled raises, saying so in the user's language."""
    return ImportCancelled(_("import cancelled; nothing was written"))


@dataclass(frozen=True)
class Problem:
    sheet: str | None
    row: int | None          # 1-based, as Excel shows it
    column: int | None       # 0-based
    message: str

    def where(self) -> str:
        parts = []
        if self.sheet is not None:
            parts.append(_("sheet {sheet!r}").format(sheet=self.sheet))
        if self.row is not None:
            parts.append(_("row {row}").format(row=self.row))
        if self.column is not None:
            parts.append(_("column {column}").format(column=column_name(self.column)))
        return listed(parts)

    def __str__(self) -> str:
        where = self.where()
        return labelled(where, self.message) if where else self.message


@dataclass
class Mapping:
    """How to read a sheet that has no column of plan codes.

    ``key_columns``: the columns (0-based) whose values, joined with " | ", make a row's key.
    ``keys``: key → (plan code, "actual" or "target"); rows whose key is not listed are skipped.
    The periods are the header cells that read as periods (periods across), or, for a long sheet, the
    values of ``period_column`` with the number in ``value_column`` (one row per key and period).
    """

    sheet: str
    key_columns: list[int]
    keys: dict[str, tuple[str, str]] = field(default_factory=dict)
    header_row: int | None = None          # 0-based; found when None
    period_column: int | None = None       # a long sheet: the column of periods …
    value_column: int | None = None        # … and the column of numbers

    @property
    def long(self) -> bool:
        return self.period_column is not None and self.value_column is not None


KIND_WORDS = {                   # marked here, said with _() where a layout is described
    "actuals-long": N_("numbers per period, one row per measure and period"),
    "actuals-wide": N_("numbers per period, one row per measure with the periods across"),
    "measures": N_("goal and measure definitions"),
    "mapped": N_("numbers per period, read through your mapping"),
}


@dataclass
class Layout:
    sheet: str
    kind: str                # actuals-long / actuals-wide / measures / mapped
    header_row: int          # 0-based
    columns: dict[str, int]  # role → column
    periods: list[int] = field(default_factory=list)     # wide and mapped: the period columns
    headers: dict[int, str] = field(default_factory=dict)    # column → its header text
    unused: list[int] = field(default_factory=list)          # columns with a header that nothing was read from

    def header(self, col: int) -> str:
        return _("{header} (column {column})").format(header=self.headers.get(col) or "?", column=column_name(col))

    def describe(self) -> str:
        """What the sheet was taken for and how it was read, in a planner's words."""
        used = listed(f"{self.header(col)} → {role_name(role)}" for role, col in self.columns.items())
        kind = _(KIND_WORDS[self.kind]) if self.kind in KIND_WORDS else self.kind
        text = _("sheet {sheet!r}: {kind}; header on row {row}").format(sheet=self.sheet, kind=kind,
                                                                        row=self.header_row + 1)
        if used:
            text = labelled(text, used)
        parts = [text]
        if self.periods:
            parts.append(_("{n} period column(s) {first}–{last}").format(
                n=len(self.periods), first=column_name(self.periods[0]), last=column_name(self.periods[-1])))
        if self.unused:
            parts.append(_("not used: {headers}").format(headers=enumerated(self.header(col) for col in self.unused)))
        return listed(parts, parts=True)


def key_column(role: str) -> int | None:
    """The number of a mapped sheet's key column from its role ("key2" → 2); None for any other role."""
    return int(role[3:]) if role.startswith("key") and role[3:].isdigit() else None


def role_name(role: str) -> str:
    """What a column is read as, in words: a field, or a mapped sheet's key column ("key2")."""
    n = key_column(role)
    return field_label(role) if n is None else _("key column {n}").format(n=n)


@dataclass(frozen=True)
class ValueChange:
    code: str
    title: str
    period: str
    old: tuple | None        # (actual, target, comment) before; None: a new value
    new: tuple

    @property
    def change(self) -> str:
        return "new" if self.old is None else "changed"

    def fields(self) -> list[tuple[str, object, object]]:
        """``(field, old, new)`` of what differs: actual, target, comment."""
        old = self.old or (None, None, "")
        return [(name, o, n) for name, o, n in zip(("actual", "target", "comment"), old, self.new, strict=True)
                if o != n]


@dataclass(frozen=True)
class MeasureChange:
    """A goal or measure definition the import writes: a new one (``old`` None) or the fields that change."""
    code: str
    title: str
    old: dict | None         # field → its value in the plan; None: a new goal or measure
    new: dict                # field → the value the workbook gives

    @property
    def change(self) -> str:
        return "new" if self.old is None else "changed"

    def fields(self) -> list[tuple[str, object, object]]:
        """``(field, old, new)`` in the order the workbook gives them (a new one's: None → value)."""
        return [(f, None if self.old is None else self.old.get(f), v) for f, v in self.new.items()]


@dataclass
class Preview:
    """What importing a file would do. Nothing has been written."""

    path: Path
    layouts: list[Layout] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)               # sheets not imported, with why
    not_imported: dict[str, str] = field(default_factory=dict)     # sheet → why it is not imported
    unrecognised: list[str] = field(default_factory=list)          # names of sheets that could be mapped
    problems: list[Problem] = field(default_factory=list)
    new_measures: list[dict] = field(default_factory=list)         # fields incl. code, parent code, kind
    changed_measures: list[tuple[int, dict]] = field(default_factory=list)   # node id → changed fields
    previous_measures: dict[int, dict] = field(default_factory=dict)         # node id → those fields before
    unchanged_measures: int = 0
    kept_definitions: int = 0            # empty cells of known goals and measures: the plan's value stays
    rows: list[tuple] = field(default_factory=list)      # (node_id, period, period_end, actual, target, comment)
    diff: ActualDiff | None = None
    pending: list[tuple] = field(default_factory=list)   # values of measures the file creates: (code, period, …)
    keys_found: dict[str, list[str]] = field(default_factory=dict)  # mapped sheets: the keys seen
    notes: list[Problem] = field(default_factory=list)    # rows skipped on purpose (a total row), said so
    codes: dict[int, tuple[str, str]] = field(default_factory=dict)  # node id → (code, title), for the changes
    origin: object = None                # the workbook's record of where it was exported from (origin.WorkbookOrigin)
    since: int | None = None             # this plan's batch the workbook was exported at (None: not from this plan)
    warnings: list[str] = field(default_factory=list)     # said in the preview; the import is still possible
    conflicts: list = field(default_factory=list)         # conflicts.ImportConflict: changed in the plan since

    def value_changes(self) -> list[ValueChange]:
        """Every value the import writes, old → new, by code and period (new measures' values included)."""
        out: list[ValueChange] = []
        if self.diff is not None:
            for row in self.diff.inserted:
                code, title = self.codes.get(row[0], ("?", ""))
                old = self.diff.previous.get((row[0], row[1]))
                out.append(ValueChange(code, title, row[1], old, merged(row[3:6], old)))
        titles = {m["code"]: m.get("title", "") for m in self.new_measures}
        out += [ValueChange(code, titles.get(code, ""), period, None, merged(value, None))
                for code, period, *value in self.pending]
        return out

    def measure_changes(self) -> list[MeasureChange]:
        """Every goal or measure definition the import writes: the changed ones field by field, old → new,
        then the new ones with what the workbook gives them (empty fields left out)."""
        out = []
        for node_id, fields in self.changed_measures:
            code, title = self.codes.get(node_id, ("?", ""))
            before = self.previous_measures.get(node_id, {})
            out.append(MeasureChange(code, title, {f: before.get(f) for f in fields}, dict(fields)))
        for fields in self.new_measures:
            first = {f: fields[f] for f in ("kind", "parent") if f in fields}       # what it is and where, first
            given = {f: v for f, v in {**first, **fields}.items() if f != "code" and v not in (None, "")}
            out.append(MeasureChange(fields["code"], fields.get("title", ""), None, given))
        return out

    @property
    def ok(self) -> bool:
        return not self.problems

    def counts(self) -> dict[str, int]:
        staged = self.diff.counts if self.diff else {"new": 0, "changed": 0, "unchanged": 0, "kept": 0}
        return {
            "values new": staged["new"] + len(self.pending), "values changed": staged["changed"],
            "values unchanged": staged["unchanged"], "values kept": staged["kept"] + self.kept_definitions, "measures new": len(self.new_measures),
            "measures changed": len(self.changed_measures), "measures unchanged": self.unchanged_measures,
            "conflicts": len(self.conflicts),
        }

    def summary(self) -> str:
        c = self.counts()
        parts = [_("{values_new:,} new, {values_changed:,} changed, {values_unchanged:,} unchanged actual value(s); "
                   "{measures_new} new, {measures_changed} changed, {measures_unchanged} unchanged measure(s)").format(
            values_new=c["values new"], values_changed=c["values changed"], values_unchanged=c["values unchanged"],
            measures_new=c["measures new"], measures_changed=c["measures changed"],
            measures_unchanged=c["measures unchanged"])]
        if c["values kept"]:           # an empty cell is no deletion: said, so that a value cleared there is not
            n = c["values kept"]       # believed gone
            parts.append(ngettext("{n:,} value left empty or not given kept the plan's value (an import clears none)",
                                  "{n:,} values left empty or not given kept the plan's value (an import clears "
                                  "none)", n).format(n=n))
        if self.conflicts:
            n = len(self.conflicts)
            parts.append(ngettext("{n} conflict (changed in the plan since the workbook was exported)",
                                  "{n} conflicts (changed in the plan since the workbook was exported)", n).format(n=n))
        return listed(parts, parts=True)

    @property
    def changes_anything(self) -> bool:
        c = self.counts()
        return bool(c["values new"] or c["values changed"] or c["measures new"] or c["measures changed"]
                    or c["conflicts"])


Progress = Callable[[str, int, int], bool]       # (what, done, total) → keep going?
# A total that says how far the step is cannot be told (a workbook loaded by the reader library, the rows read
# being checked): the window shows a busy bar, not a bar standing at 0 % for seconds.
UNMEASURED = 0
