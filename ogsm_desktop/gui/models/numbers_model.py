"""A goal's or measure's numbers as a table: one row per period of the plan year — period, target,
actual, status, comment, last changed. Target, actual and comment are edited in place; the edit is
handed to the panel (``edit_requested``), which makes it one undoable, journaled change."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from ...core.numbers import PeriodRow
from ...core.status import STATUS_COLOURS
from ..labels import status_labels
from .list_model import ListModel

COLUMNS = ("period", "target", "actual", "status", "comment", "changed")
EDITABLE = ("target", "actual", "comment")
GREY = QColor("#9e9e9e")


def number_text(value: float | None, digits: int = 4) -> str:
    """A number as the grid shows it (thousands separated; up to ``digits`` decimals, none trailing; a
    small number keeps its significant digits)."""
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{value:,.0f}"
    if value and abs(value) < 10 ** -digits:
        return f"{value:.{digits}g}"
    return f"{value:,.{digits}f}".rstrip("0").rstrip(".")


def exact_text(value: float | None) -> str:
    """A number as an editor or the clipboard gets it: every digit kept, no separators (what is typed
    back reads as exactly the value stored)."""
    if value is None:
        return ""
    return f"{value:.0f}" if float(value).is_integer() and abs(value) < 1e16 else repr(float(value))



def _measures_target(row) -> bool:
    """The period has no target of its own: the measure's applies, shown (and copied) in its place."""
    return row.target is None and row.judged_target is not None

class NumbersModel(ListModel):
    edit_requested = Signal(dict)          # {period: {field: text}}

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[PeriodRow] = []
        self.statuses = status_labels()
        self.headers = [self.tr("Period"), self.tr("Target"), self.tr("Actual"), self.tr("Status"),
                        self.tr("Comment / countermeasure"), self.tr("Last changed")]

    def set_rows(self, rows: list[PeriodRow], *, again: bool = False) -> None:
        """Show ``rows``; ``again``: the same measure's, read again after a change. Its periods unchanged, they are
        told as changed, not reset: the view keeps its current cell and its selection. (Reset in the middle of
        the cursor's move — a number typed, then the Down arrow: written as the cursor moves on — the table lost
        its current cell, and the next number typed became a keyboard search, lost.)"""
        if again and rows and len(rows) == len(self.rows) and all(
                a.period == b.period for a, b in zip(rows, self.rows, strict=True)):
            self.rows = rows
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(COLUMNS) - 1))
            return
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def row_count(self) -> int:
        return len(self.rows)

    def field(self, column: int) -> str:
        return COLUMNS[column]

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r, column = self.rows[index.row()], COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            edit = role == Qt.ItemDataRole.EditRole
            if column == "period":
                return r.period
            if column == "target":
                if edit:
                    return exact_text(r.target)
                if _measures_target(r):
                    return f"({number_text(r.judged_target)})"
                return number_text(r.target)
            if column == "actual":
                return exact_text(r.actual) if edit else number_text(r.actual)
            if column == "status":
                if r.status is None:
                    return "" if r.started else self.tr("not due")
                return self.statuses[str(r.status)]
            if column == "comment":
                return r.comment
            return f"{r.changed_at} {r.changed_by}".strip()
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == "status" and r.status is not None:
                return QBrush(QColor(STATUS_COLOURS[str(r.status)]))
            if not r.in_year or (column == "target" and r.target is None):
                return QBrush(GREY)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "target" and _measures_target(r):
                return self.tr("No target of its own: the measure's target applies")
            if not r.in_year:
                return self.tr("Outside the plan year")
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("target", "actual"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def copied(self, index: QModelIndex) -> str:
        """What copying the cell puts on the clipboard: the number it shows, exactly (a period without a target
        of its own: the measure's target it shows in brackets)."""
        r, column = self.rows[index.row()], COLUMNS[index.column()]
        if column == "target" and _measures_target(r):
            return exact_text(r.judged_target)
        return str(self.data(index, Qt.ItemDataRole.EditRole) or "")

    def flags(self, index: QModelIndex):
        base = super().flags(index)
        if index.isValid() and COLUMNS[index.column()] in EDITABLE:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: QModelIndex, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        column = COLUMNS[index.column()]
        if column not in EDITABLE:
            return False
        if str(value) == self.data(index, Qt.ItemDataRole.EditRole):
            return False                  # opened and left as it was: nothing to write
        self.edit_requested.emit({self.rows[index.row()].period: {column: str(value)}})
        return True
