"""The conflicts of an import preview: values the plan changed after the workbook was exported from it,
which importing the workbook would otherwise revert. Each row shows the value when the workbook was
exported, the plan's value now and the workbook's, with a choice (keep plan / take workbook); two buttons
choose one side for all. The import stays off while a conflict has no choice."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.excel.conflicts import PLAN, WORKBOOK, ImportConflict
from ...core.labels import FIELD_LABELS, labels
from ..labels import choice_labels, value_words
from ..text import fill
from .conflict_choices import ChoiceBoxes

COLUMNS = 7                  # code, title, what, when exported, plan now, workbook, choice


class ConflictsPanel(QWidget):
    """The conflicts table with its choices; ``changed`` whenever a choice changes."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("importConflictsPanel")
        self.conflicts: list[ImportConflict] = []
        self.picks = ChoiceBoxes()
        self.fields = labels(FIELD_LABELS)
        self.words = choice_labels()
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.table = QTableWidget(0, COLUMNS, self)
        self.table.setObjectName("importConflicts")
        self.table.setHorizontalHeaderLabels([self.tr("Code"), self.tr("Title"), self.tr("Changed in the plan"),
                                              self.tr("When exported"), self.tr("Plan now"), self.tr("Workbook"),
                                              self.tr("Choice")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        for column, width in enumerate((100, 200, 130, 110, 110, 110)):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setSectionResizeMode(COLUMNS - 1, QHeaderView.ResizeMode.Stretch)
        self.keep_all = QPushButton(self.tr("Keep plan for all"), self)
        self.keep_all.setObjectName("importKeepAll")
        self.keep_all.clicked.connect(lambda: self.choose_all(PLAN))
        self.take_all = QPushButton(self.tr("Take workbook for all"), self)
        self.take_all.setObjectName("importTakeAll")
        self.take_all.clicked.connect(lambda: self.choose_all(WORKBOOK))
        self.left = QLabel(self)
        self.left.setObjectName("importConflictsLeft")
        row = QHBoxLayout()
        row.addWidget(self.left, 1)
        row.addWidget(self.keep_all)
        row.addWidget(self.take_all)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)

    def value_text(self, field: str, value) -> str:
        return value_words(self.words, field, value)

    def what_text(self, conflict: ImportConflict) -> str:
        name = self.fields.get(conflict.what, conflict.what)
        return f"{conflict.period} {name}" if conflict.kind == "value" else name

    def show_conflicts(self, conflicts: list[ImportConflict]) -> None:
        """List ``conflicts``, each with no choice yet."""
        self.conflicts = list(conflicts)
        self.heading.setText(self.tr("These values were changed in the plan after the workbook was exported from it. "
                                     "Importing the workbook as it is would undo those changes: choose for each "
                                     "which value the plan keeps."))
        self.table.setRowCount(len(self.conflicts))
        self.picks.clear()
        for row, c in enumerate(self.conflicts):
            texts = (c.code, c.title, self.what_text(c), self.value_text(c.what, c.exported),
                     self.value_text(c.what, c.plan), self.value_text(c.what, c.workbook))
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
            self.picks.add(self.table, row, COLUMNS - 1, f"importChoice{row}",
                           [(self.tr("Choose…"), None), (self.tr("Keep plan"), PLAN),
                            (self.tr("Take workbook"), WORKBOOK)], self._changed)
        self._changed()

    def choose(self, row: int, side: str) -> None:
        self.picks.choose(row, side)

    def choose_all(self, side: str) -> None:
        self.picks.choose_all(side)

    def choices(self) -> dict[tuple, str]:
        """Conflict key → "plan" or "workbook", for the conflicts chosen so far."""
        return self.picks.chosen(self.conflicts)

    def open_count(self) -> int:
        return len(self.conflicts) - len(self.choices())

    def _changed(self, *_args) -> None:
        left = self.open_count()
        self.left.setText(fill(self.tr("%1 conflict(s) left to choose"), left) if left else
                          self.tr("Every conflict has its choice."))
        self.changed.emit()
