"""The rows of the period review as the Review dialog's table shows them: each cell's text worked out when
the view asks for it (the whole big plan's review holds 27,000 rows), a countermeasure typed handed to the
dialog to write, and shown as typed until the review read again after the change arrives."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from ...core.review import Review, ReviewRow, owed_mark, owed_note
from ...core.status import STATUS_COLOURS
from ..labels import status_labels
from .list_model import ListModel
from .numbers_model import number_text

COLUMNS = ("code", "title", "target", "actual", "achieved", "change", "status", "countermeasure")
COUNTERMEASURE = COLUMNS.index("countermeasure")
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_NUMBERS = frozenset(COLUMNS.index(c) for c in ("target", "actual", "change"))
_TIPS = frozenset(COLUMNS.index(c) for c in ("title", "countermeasure"))


class ReviewModel(ListModel):
    typed = Signal(int, str)            # a countermeasure typed: its row, the text

    def __init__(self, readonly: bool, parent=None):
        """``readonly``: the plan is open read-only (no countermeasure can be typed)."""
        super().__init__(parent)
        # (the dialog's words: said in its context)
        self.headers = [QCoreApplication.translate("ReviewDialog", "Code"),
                        QCoreApplication.translate("ReviewDialog", "Title"),
                        QCoreApplication.translate("ReviewDialog", "Target"),
                        QCoreApplication.translate("ReviewDialog", "Actual"),
                        QCoreApplication.translate("ReviewDialog", "Achieved", "a column of yes or no"),
                        QCoreApplication.translate("ReviewDialog", "Change"),
                        QCoreApplication.translate("ReviewDialog", "Status"),
                        QCoreApplication.translate("ReviewDialog", "Countermeasure")]
        self.readonly = readonly
        self.change_tip = ""                    # what the change is measured against (the column's tooltip)
        self.rows: list[ReviewRow] = []
        self._typed: dict[int, str] = {}        # row: the countermeasure typed, until the review is read again
        self._words = status_labels()
        self._yes, self._no = QCoreApplication.translate("ReviewDialog", "yes"), QCoreApplication.translate(
            "ReviewDialog", "no")

    def row_count(self) -> int:
        return len(self.rows)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return self.change_tip if section == COLUMNS.index("change") and self.change_tip else None
        return super().headerData(section, orientation, role)

    def show(self, review: Review | None) -> bool:
        """Show ``review``'s rows (None: none). The same items in the same order are told as changed, not
        reset: the view keeps its place, its selection and its current cell. True when reset."""
        rows = [] if review is None else review.rows
        self._typed.clear()
        same = len(rows) == len(self.rows) and all(a.node.id == b.node.id for a, b in zip(rows, self.rows, strict=True))
        if same:
            self.rows = rows
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(COLUMNS) - 1))
            return False
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()
        return True

    def forget_typed(self, row: int) -> None:
        """A countermeasure typed that was not written (the plan refused it): the row shows the plan's again."""
        if self._typed.pop(row, None) is not None:
            index = self.index(row, COUNTERMEASURE)
            self.dataChanged.emit(index, index)

    def editable(self, row: int) -> bool:
        return not self.readonly and self.rows[row].comment_period is not None

    def flags(self, index: QModelIndex):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == COUNTERMEASURE and self.editable(index.row()):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def text(self, row: int, column: int) -> str:
        r = self.rows[row]
        if column == 0:
            return r.node.code
        if column == 1:
            return "  " * r.depth + r.node.title
        if column == 2:
            return number_text(r.target, 2)
        if column == 3:
            return number_text(r.actual, 2)
        if column == 4:
            return (self._yes if r.achieved else self._no if r.achieved is False else "—") + owed_mark(r)
        if column == 5:
            change = r.change
            return "" if change is None else ("+" if change > 0 else "") + number_text(change, 2)
        if column == 6:
            return self._words[str(r.status)]
        return self._typed.get(row, r.comment)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column in _TIPS:
                return self.text(row, column).strip()
            if column == COLUMNS.index("achieved") and self.rows[row].owed:
                return owed_note(self.rows[row])
            return None
        if role == Qt.ItemDataRole.ForegroundRole and column == COLUMNS.index("status"):
            return QBrush(QColor(STATUS_COLOURS[str(self.rows[row].status)]))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMBERS:
            return _RIGHT
        return None

    def setData(self, index: QModelIndex, value, role=Qt.ItemDataRole.EditRole) -> bool:
        row = index.row()
        if (not index.isValid() or role != Qt.ItemDataRole.EditRole or index.column() != COUNTERMEASURE
                or not self.editable(row)):
            return False
        text = str(value)
        if text == self.text(row, COUNTERMEASURE):
            return False
        self._typed[row] = text
        self.dataChanged.emit(index, index)
        self.typed.emit(row, text)
        return True
