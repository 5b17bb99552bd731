"""One analysis of a workbook: the plan's codes, the problems found so far, the values read.

The sheet readers (``measures_sheet``, ``actuals_sheet``) fill it; :func:`importer.analyse` drives them.
"""

from __future__ import annotations

from operator import itemgetter

from ..model import QUANTIFIED
from ..periods import period_end
from ..storage import Plan
from .preview import Preview, Problem, Progress
from .values import header_role
from .workbook import Sheet, cell_name

HEADER_SCAN = 30
MAX_PROBLEMS = 1000

node_period = itemgetter(0, 1)


def nonempty(value) -> bool:
    return value is not None and value != ""


class Reader:
    """One analysis: the plan's codes, the problems found so far, the rows read."""

    def __init__(self, plan: Plan, preview: Preview, progress: Progress):
        self.plan, self.preview, self.progress = plan, preview, progress
        self.nodes = {n.code: n for n in plan.nodes.tree().nodes.values()}
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

    # ----------------------------------------------------------------- values read
    def target_node(self, sheet, r, c, code) -> tuple[int | None, str] | None:
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

    def record(self, sheet, r, c, code, node_id, period, actual, target, comment) -> None:
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
        rows.sort(key=node_period)
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
