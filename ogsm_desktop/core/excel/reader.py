"""One analysis of a workbook: the plan's codes, the problems found so far, the values read.

The sheet readers (``measures_sheet``, ``actuals_sheet``) fill it; :func:`importer.analyse` drives them.
"""

from __future__ import annotations

from array import array
from itertools import pairwise
from operator import itemgetter

from ..fields import UNSAVED, UNSAVED_ADVICE, ValueProblem, parse_amount, parse_number
from ..i18n import _, ngettext
from ..labels import a_kind_label, frequency_label, period_kind_label
from ..model import QUANTIFIED
from ..periods import FREQUENCY_KIND, kind_of, period_end
from ..plan_settings import MonitorSettings
from ..storage import Plan
from ..storage.actuals import combine
from .books import Sheet, cell_name, column_name
from .preview import Layout, Preview, Problem, Progress
from .values import header_role, parse_period

HEADER_SCAN = 30
MAX_PROBLEMS = 1000
ERRORS_NAMED = 5                     # cells showing an error named in the warning (then "…")
TOTAL_WORDS = frozenset({"合计", "总计", "小计", "合 计", "总 计", "total", "totals", "grand total", "sum", "subtotal"})


def is_total(value) -> bool:
    """A row that sums the others (合计, Total…): read for nothing, said so."""
    return isinstance(value, str) and " ".join(value.split()).casefold() in TOTAL_WORDS

node_period = itemgetter(0, 1)


def nonempty(value) -> bool:
    return value is not None and value != ""


class Reader:
    """One analysis: the plan's codes, the problems found so far, the rows read."""

    def __init__(self, plan: Plan, preview: Preview, progress: Progress,
                 columns: dict[str, dict[int, str]] | None = None):
        self.plan, self.preview, self.progress = plan, preview, progress
        self.nodes = {n.code: n for n in plan.nodes.tree().nodes.values()}
        self.codes = {n.id: n.code for n in self.nodes.values()}
        self._gone: dict[str, str | None] = {}            # gone_code's answers, by code
        self._left_out: set[str] = set()                  # codes deleted since the export, their values left out
        preview.codes = {n.id: (n.code, n.title) for n in self.nodes.values()}
        self.columns = columns or {}               # sheet → {column: role or "ignore"}, as the user says
        self.new_codes: dict[str, str] = {}        # code → frequency, for measures the file creates
        self.new_units: dict[str, str] = {}        # code → unit, for measures the file creates or gives a new unit
        self.new_frequencies: dict[str, str] = {}  # code → frequency, for known measures the file gives a new one
        self.mapped_values: dict[tuple[str, str], list] = {}
        self.buffer: list[tuple] = preview.rows      # every value read, checked for repeats at the end
        # Whether the buffer's keys (node, period) rose strictly so far, as a sheet exported by the program reads:
        # then it is sorted and holds no repeat, and check_repeats has nothing to do (a million values: 0.2 s).
        self.in_order = True
        self.last_key: tuple[int, str] = (-1, "")
        # Where each value of the buffer came from (see place), in the same order: 8 bytes a value, where a
        # number in each row's tuple took 36 (a million values: the peak of a big import about 20 MB lower).
        self.places = array("Q")
        self.sheet_index: dict[str, int] = {}
        self.pending_keys: dict[tuple[str, str], tuple] = {}
        self._deleted_since: set[str] | None = None
        self.settings = MonitorSettings.of(plan)   # the plan's percentages, which thresholds are checked with
        self.limits_to_check: list[tuple] = []     # (node as the import leaves it, as the plan has it): thresholds.py

    def deleted_since_export(self, code: str) -> bool:
        """Whether ``code`` was deleted from the plan after the workbook was exported from it (then its row is
        left out, said as a warning: see ``conflicts.leave_out_deleted``)."""
        since = self.preview.since
        if since is None:
            return False
        if self._deleted_since is None:
            self._deleted_since = {row.code for row in self.plan.journal.rows(after_batch=since)
                                   if row.action == "delete"}
        return code in self._deleted_since

    def gone_code(self, code: str) -> str | None:
        """Why a row cannot name ``code``, which no node carries now: its node lives on under another code,
        or was deleted — a code is never given again (None: a code never given, or one deleted since the
        workbook was exported, whose rows are left out apart)."""
        if code not in self._gone:
            self._gone[code] = self._why_gone(code)
        return self._gone[code]

    def _why_gone(self, code: str) -> str | None:
        holders = self.plan.nodes.codes.node_ids(code)
        renamed = [self.codes[i] for i in holders if i in self.codes]
        if renamed:
            return _("{code} was renamed {now} in the plan: write {now} in this row (a code is never given "
                     "again)").format(code=code, now=renamed[0])
        if holders and not self.deleted_since_export(code):
            return _("{code} belonged to a goal or measure deleted from the plan, and a code is never given again: "
                     "give a new one another code, or leave the row out").format(code=code)
        return None

    def problem(self, sheet, row, col, message) -> None:
        if len(self.preview.problems) < MAX_PROBLEMS:
            self.preview.problems.append(Problem(sheet, None if row is None else row + 1, col, message))

    def warn(self, message: str) -> None:
        """Something the import does, or leaves as it is, that the user should know (said, never refused)."""
        if len(self.preview.warnings) < MAX_PROBLEMS:
            self.preview.warnings.append(message)

    def note(self, sheet, row, message) -> None:
        """Something the import leaves out on purpose, said in the preview."""
        if len(self.preview.notes) < MAX_PROBLEMS:
            self.preview.notes.append(Problem(sheet, row + 1, None, message))

    def unit_of(self, code: str) -> str:
        """The unit of the goal or measure ``code`` as the import leaves it: of the Measures sheet's row that
        creates it or changes its unit (read before the numbers), else of the plan."""
        if code in self.new_units:
            return self.new_units[code]
        node = self.nodes.get(code)
        return node.unit if node is not None else ""

    def amount(self, sheet: Sheet, r: int, c: int, cell, code: str) -> float | None:
        """A cell's number on the scale of ``code`` (None: empty), read as :func:`fields.parse_amount` reads
        what is typed in the window: a per cent ("12%" as text, or 0.12 in a cell formatted as a per cent) is
        the per cent it shows for a measure in %, and refused for any other. ValueProblem when refused."""
        self.no_decimal_comma(sheet, cell)
        return parse_amount(cell, self.unit_of(code), code, percent_format=(r, c) in sheet.percent_cells)

    @staticmethod
    def no_decimal_comma(sheet: Sheet, cell) -> None:
        """Refuse a number written with a comma in a file whose cells are separated by semicolons (as Excel saves
        a CSV where the comma is the decimal mark): 1,234 may be 1.234 there, or 1234 — never guessed."""
        if not (sheet.decimal_comma and isinstance(cell, str) and "," in cell):
            return
        try:
            parse_number(cell.replace(",", ""))
        except ValueProblem:
            return                                 # (no number either way: said as any other text)
        raise ValueProblem(_("{value!r}: in a file separated by semicolons a comma in a number may be a decimal "
                                 "comma (1,234 for 1.234) or a thousands one; save the file with a point as the "
                                 "decimal mark and no thousands separator, or as .xlsx, and import that").format(
                value=cell.strip()))

    def period(self, cell, frequency: str, code: str) -> tuple[str, str]:
        """The canonical period (and its end) of a cell for a measure of ``frequency``; ValueProblem when it
        is not a period, or a period of another length than the measure's (a week for a monthly measure)."""
        period = parse_period(cell, frequency)
        kind, wanted = kind_of(period), FREQUENCY_KIND.get(frequency, "month")
        if kind != wanted:
            raise ValueProblem(_("{cell!r} is a {length}, but {code} is measured {frequency}").format(
                cell=str(cell).strip(), length=period_kind_label(kind), code=code,
                frequency=frequency_label(frequency)))
        return period, period_end(period)

    # ----------------------------------------------------------------- finding the header
    def find_header(self, sheet: Sheet, roles, need) -> tuple[int, dict[str, int]] | None:
        """The first row whose headers (with the roles the user gave columns) satisfy ``need``."""
        chosen = self.columns.get(sheet.name, {})
        for r, row in enumerate(sheet.head[:HEADER_SCAN]):
            found: dict[str, int] = {}
            for c, value in enumerate(row):
                if isinstance(value, str) and c not in chosen:
                    role = header_role(value, roles)
                    if role and role not in found:
                        found[role] = c
            for c, role in chosen.items():
                if role in roles:
                    found[role] = c
            if need(found, row):
                self._named_twice(sheet, r, row, found, roles, chosen)
                return r, found
        return None

    def _named_twice(self, sheet: Sheet, r: int, row: list, found: dict[str, int], roles, chosen) -> None:
        """A problem when another column of the header row names the actual or the target too (实际值 and
        实际完成): which one holds the figure is asked (the column mapping says it), never taken first come."""
        for role in ("actual", "target"):
            c = found.get(role)
            if c is None or c in chosen:
                continue
            others = [o for o, v in enumerate(row) if o != c and o not in chosen and isinstance(v, str)
                      and header_role(v, roles) == role]
            if others:
                self.problem(sheet.name, r, others[0], _(
                    "columns {first} ({first_header}) and {other} ({other_header}) both read as the {what}: say "
                    "which one to import in the column mapping, or rename the other").format(
                    first=column_name(c), first_header=str(row[c]).strip(), other=column_name(others[0]),
                    other_header=str(row[others[0]]).strip(),
                    what=_("actual") if role == "actual" else _("target")))

    def layout(self, sheet: Sheet, kind: str, header: int, cols: dict[str, int], periods=()) -> Layout:
        """Say how the sheet is read: which header gave which role, and which columns were not used."""
        row = sheet.head[header] if header < len(sheet.head) else []
        headers = {c: str(v).strip() for c, v in enumerate(row) if nonempty(v)}
        taken = set(cols.values()) | set(periods)
        ignored = {c for c, role in self.columns.get(sheet.name, {}).items() if role == "ignore"}
        layout = Layout(sheet.name, kind, header, cols, list(periods), headers,
                        [c for c in headers if c not in taken and c not in ignored])
        self.preview.layouts.append(layout)
        self._errors_shown(sheet, header, taken)
        self._hidden_read(sheet, header, taken)
        for c, value in enumerate(row):          # a header that is a formula without a saved value: its column
            if value is UNSAVED:                 # would be left unread, its numbers dropped with a note
                self.problem(sheet.name, header, c, _(UNSAVED_ADVICE))
        if sheet.separated:
            self._wider_than_header(sheet, header, max(headers, default=-1) + 1)
        return layout

    def _errors_shown(self, sheet: Sheet, header: int, columns: set[int]) -> None:
        """Say which cells read show an error (#N/A, #DIV/0!…): the reader library gives them as empty, so the
        plan keeps its values there — said, with the cells, not left to a count of empty cells."""
        cells = sorted((r, c) for r, c in sheet.errors if r > header and c in columns)
        above = sum(1 for r, c in sheet.errors if r <= header and c in columns)        # (the header's, say)
        n = sum(sheet.error_counts.get(c, 0) for c in columns) - above
        if n <= 0:
            return
        named = [f"{cell_name(r, c)} ({sheet.errors[(r, c)]})" if sheet.errors[(r, c)] else cell_name(r, c)
                 for r, c in cells[:ERRORS_NAMED]]
        self.warn(ngettext(
            "sheet {sheet!r}: {n} cell shows an error ({cells}) and is read as empty: the plan keeps its value "
            "there; correct the formula to import its number",
            "sheet {sheet!r}: {n} cells show an error ({cells}) and are read as empty: the plan keeps its values "
            "there; correct the formulas to import their numbers", n).format(
            sheet=sheet.name, n=n, cells=", ".join(named) + (" …" if n > len(named) else "")))

    def _hidden_read(self, sheet: Sheet, header: int, columns: set[int]) -> None:
        """Say what the import reads that the workbook hides: the sheet, rows below the header, columns read."""
        if sheet.hidden:
            self.warn(_("sheet {sheet!r} is hidden in the workbook: its figures are imported as well").format(
                sheet=sheet.name))
        rows = sorted(r for r in sheet.hidden_rows if r > header)
        if rows:
            named = ", ".join(str(r + 1) for r in rows[:ERRORS_NAMED]) + (" …" if len(rows) > ERRORS_NAMED else "")
            self.warn(ngettext("sheet {sheet!r}: row {rows} is hidden in the workbook and is imported as well",
                               "sheet {sheet!r}: rows {rows} are hidden in the workbook and are imported as well",
                               len(rows)).format(sheet=sheet.name, rows=named))
        cols = sorted(c for c in sheet.hidden_cols if c in columns)
        if cols:
            self.warn(ngettext("sheet {sheet!r}: column {columns} is hidden in the workbook and is imported as well",
                               "sheet {sheet!r}: columns {columns} are hidden in the workbook and are imported as "
                               "well", len(cols)).format(sheet=sheet.name,
                                                         columns=", ".join(column_name(c) for c in cols)))

    def _wider_than_header(self, sheet: Sheet, header: int, width: int) -> None:
        """A text file's rows with a value past the header's last column are refused: a number or a text with
        a comma not in quotes was split in two (90,000 read as 90 and 000)."""
        for r, row in sheet.iter_rows(header + 1):
            if len(row) > width:
                extra = next((c for c in range(width, len(row)) if nonempty(row[c])), None)
                if extra is not None:
                    self.problem(sheet.name, r, extra, _(
                        "this row has more values than its header has columns: a comma inside a number or a text "
                        "that is not in quotes (90,000)? Put that value in quotes, or give the extra column a "
                        "header"))

    def merged_in_header(self, sheet: Sheet, header_row: int) -> bool:
        for r0, c0, r1, c1 in sheet.merged:
            if r0 <= header_row <= r1 and c1 > c0:
                self.problem(sheet.name, header_row, c0,
                             _("merged cells {first}:{last} in the header row; unmerge them so that every column "
                               "has its own header").format(first=cell_name(r0, c0), last=cell_name(r1, c1)))
                return True
        return False

    # ----------------------------------------------------------------- values read
    def target_node(self, sheet, r, c, code) -> tuple[int | None, str] | None:
        """``(node id, frequency)`` of a code (id None for a code the file creates); None when refused."""
        node = self.nodes.get(code)
        if node is not None:
            if node.kind not in QUANTIFIED:
                self.problem(sheet, r, c, _("{code} is {a_kind}; only goals and measures take actual values").format(
                    code=code, a_kind=a_kind_label(node.kind)))
                return None
            return node.id, self.new_frequencies.get(code, node.frequency)
        if code in self.new_codes:
            return None, self.new_codes[code]
        if self.deleted_since_export(code):        # the plan's deletion is the later word: left out, said once
            if code not in self._left_out:
                self._left_out.add(code)
                self.warn(_("{code} was deleted in the plan after the workbook was exported: its values are left "
                            "out").format(code=code))
            return None
        self.problem(sheet, r, c, self.gone_code(code) or _("unknown code {code!r}: not in the plan, nor a new "
                                                             "code in a Measures sheet").format(code=code))
        return None

    def record(self, sheet, r, c, code, node_id, period, actual, target, comment) -> None:
        """Keep one value for the import (values of the measures the file creates wait apart). A value may be
        :data:`KEEP` (the source does not give it); two sources may complete each other, not contradict."""
        if node_id is None:
            key, value = (code, period), (actual, target, comment)
            first = self.pending_keys.get(key)
            if first is None:
                self.pending_keys[key] = (sheet, r, len(self.preview.pending))
                self.preview.pending.append((code, period, *value))
                return
            both = combine(self.preview.pending[first[2]][2:], value)
            if both is None:
                self.problem(sheet, r, c, _("{code} {period} appears again with other values (first in sheet "
                                            "{sheet!r}, row {row})").format(code=code, period=period, sheet=first[0],
                                                                            row=first[1] + 1))
            else:
                self.preview.pending[first[2]] = (code, period, *both)
            return
        if self.in_order:
            if (node_id, period) <= self.last_key:
                self.in_order = False
            else:
                self.last_key = (node_id, period)
        self.buffer.append((node_id, period, period_end(period), actual, target, comment))
        self.places.append(self.place(sheet, r, c))

    def place(self, sheet: str, row: int, col: int) -> int:
        """Where a value came from, as one number (sheet, row, column)."""
        index = self.sheet_index.setdefault(sheet, len(self.sheet_index))
        return (index << 40) | (row << 16) | col

    def where(self, place: int) -> tuple[str, int, int]:
        names = {i: n for n, i in self.sheet_index.items()}
        return names[place >> 40], (place >> 16) & 0xFFFFFF, place & 0xFFFF

    def check_repeats(self) -> None:
        """Sort the values by node and period; merge repeats that complete each other (an actual here, its
        target there) and name repeats with other values, at the later row with the first one."""
        rows = self.buffer
        if self.in_order:                             # read in order: sorted already, no key twice
            self.places = array("Q")
            return
        read = rows[:]                                # the order they were read in: the places follow it
        rows.sort(key=node_period)                    # stable: a key's repeats stay in the order read
        kept: list[tuple] = []
        previous = None
        repeat = 0                                    # the rows of this key before this one
        found: dict[tuple, list[int]] | None = None
        for row in rows:
            if previous is not None and row[0] == previous[0] and row[1] == previous[1]:
                repeat += 1
                both = combine(previous[3:6], row[3:6])
                if both is None:
                    if found is None:
                        found = self._places_of_repeats(rows, read)
                    places = found[row[0], row[1]]
                    first, later = min(places[0], places[repeat]), max(places[0], places[repeat])
                    sheet, r, c = self.where(later)
                    first_sheet, first_row, _col = self.where(first)
                    self.problem(sheet, r, c, _("{code} {period} appears again with other values (first in sheet "
                                                "{sheet!r}, row {row})").format(code=self.codes[row[0]], period=row[1],
                                                                                sheet=first_sheet, row=first_row + 1))
                else:
                    previous = kept[-1] = (*previous[:3], *both)
                continue
            kept.append(row)
            previous = row
            repeat = 0
        self.places = array("Q")                      # read: no longer needed
        if len(kept) != len(rows):
            rows[:] = kept

    def _places_of_repeats(self, rows: list[tuple], read: list[tuple]) -> dict[tuple, list[int]]:
        """Where each row of a key (node, period) read more than once came from, in the order read (``rows``
        sorted by key, ``read`` in the order read, as the places are)."""
        repeated = {(a[0], a[1]) for a, b in pairwise(rows) if a[0] == b[0] and a[1] == b[1]}
        out: dict[tuple, list[int]] = {}
        for row, place in zip(read, self.places, strict=True):
            if (row[0], row[1]) in repeated:
                out.setdefault((row[0], row[1]), []).append(place)
        return out
