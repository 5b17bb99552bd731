"""The import preview's sheets: what each sheet was taken for and how it is read, in a planner's words,
with the choices to say otherwise — what a sheet is, and what a column nobody used holds."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.excel import importer
from ...core.excel.books import column_name
from ...core.excel.preview import Layout, key_column
from ...core.i18n import listed
from ..labels import role_labels
from ..text import fill

COLUMN_ROLES = ("code", "period", "actual", "target", "comment")


class SheetsPanel(QWidget):
    """Emits ``read_again`` when the user has changed what a sheet is or what a column holds."""

    read_again = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.roles = role_labels()
        self.kind_words = {"numbers": self.tr("numbers per period"), "definitions": self.tr("goal and measure definitions"),
                           "skip": self.tr("not imported")}
        self.sheets = QTableWidget(0, 3, self)
        self.sheets.setObjectName("importSheets")
        self.sheets.setHorizontalHeaderLabels([self.tr("Sheet"), self.tr("Taken as"), self.tr("How it is read")])
        self.sheets.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.sheets.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.sheets.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.sheets.verticalHeader().setVisible(False)
        self.sheets.setWordWrap(False)                       # one line each; the whole text is the tooltip
        self.columns = QTableWidget(0, 3, self)
        self.columns.setObjectName("importUnusedColumns")
        self.columns.setHorizontalHeaderLabels([self.tr("Sheet"), self.tr("Column not used"), self.tr("Use it as")])
        self.columns.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.columns.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.columns.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.columns.verticalHeader().setVisible(False)
        self.again = QPushButton(self.tr("Read again with these choices"), self)
        self.again.setObjectName("importReadAgain")
        self.again.setEnabled(False)
        self.again.clicked.connect(self.read_again)
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel(self.tr("Not what you meant? Say what a sheet is or what a column holds, then read "
                                        "the file again."), self), 1)
        bottom.addWidget(self.again)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.sheets)
        layout.addWidget(self.columns)
        layout.addLayout(bottom)
        self.kinds: dict[str, str] = {}                       # what the user said each sheet is
        self.chosen: dict[str, dict[int, str]] = {}           # sheet → {column: role}

    # ----------------------------------------------------------------- showing
    def _role(self, role: str) -> str:
        """What a column is read as: a field, or a mapped sheet's key column (its role "key2")."""
        n = key_column(role)
        return self.roles.get(role, role) if n is None else fill(self.tr("key column %1"), n)

    def describe(self, layout: Layout) -> str:
        """How a sheet is read, in the user's language."""
        kind = {"actuals-long": self.tr("one row per measure and period"),
                "actuals-wide": self.tr("one row per measure, the periods across"),
                "measures": self.tr("one row per goal or measure"),
                "mapped": self.tr("read through your mapping")}.get(layout.kind, layout.kind)
        used = listed(f"{layout.header(col)} → {self._role(role)}" for role, col in layout.columns.items())
        text = fill(self.tr("%1; header on row %2: %3"), kind, layout.header_row + 1, used)
        if layout.periods:
            text += fill(self.tr("; %1 period column(s) %2–%3"), len(layout.periods), column_name(layout.periods[0]),
                         column_name(layout.periods[-1]))
        return text

    def show_preview(self, preview: importer.Preview) -> None:
        rows = [(layout.sheet, "definitions" if layout.kind == "measures" else "numbers", self.describe(layout))
                for layout in preview.layouts]
        taken = {layout.sheet for layout in preview.layouts}
        rows += [(sheet, "skip", why) for sheet, why in preview.not_imported.items() if sheet not in taken]
        self.sheets.setRowCount(len(rows))
        for r, (sheet, kind, how) in enumerate(rows):
            self.sheets.setItem(r, 0, QTableWidgetItem(sheet))
            combo = QComboBox(self.sheets)
            for value in ("numbers", "definitions", "skip"):
                combo.addItem(self.kind_words[value], value)
            combo.setCurrentIndex(combo.findData(self.kinds.get(sheet, kind)))
            combo.currentIndexChanged.connect(lambda _i, s=sheet, c=combo: self._kind_chosen(s, c.currentData()))
            self.sheets.setCellWidget(r, 1, combo)
            item = QTableWidgetItem(how)
            item.setToolTip(how)
            self.sheets.setItem(r, 2, item)
        _fit(self.sheets, 5)
        unused = [(layout.sheet, col, layout.header(col)) for layout in preview.layouts for col in layout.unused]
        unused += [(layout.sheet, col, layout.header(col)) for layout in preview.layouts
                   for col in self.chosen.get(layout.sheet, {}) if col in layout.columns.values()]
        self.columns.setRowCount(len(unused))
        for r, (sheet, col, header) in enumerate(unused):
            self.columns.setItem(r, 0, QTableWidgetItem(sheet))
            self.columns.setItem(r, 1, QTableWidgetItem(header))
            combo = QComboBox(self.columns)
            combo.addItem(self.tr("not used"), "ignore")
            for role in COLUMN_ROLES:
                combo.addItem(self.roles[role], role)
            combo.setCurrentIndex(max(0, combo.findData(self.chosen.get(sheet, {}).get(col, "ignore"))))
            combo.currentIndexChanged.connect(lambda _i, s=sheet, c=col, box=combo: self._column_chosen(s, c, box.currentData()))
            self.columns.setCellWidget(r, 2, combo)
        self.columns.setVisible(bool(unused))
        _fit(self.columns, 4)
        self.again.setEnabled(False)

    def _kind_chosen(self, sheet: str, kind: str) -> None:
        self.kinds[sheet] = kind
        self.again.setEnabled(True)

    def _column_chosen(self, sheet: str, col: int, role: str) -> None:
        self.chosen.setdefault(sheet, {})[col] = role
        self.again.setEnabled(True)


def _fit(table: QTableWidget, most: int) -> None:
    """As tall as its rows, up to ``most`` of them (the rest scroll)."""
    rows = min(table.rowCount(), most)
    height = table.horizontalHeader().height() + 2 * table.frameWidth()
    height += sum(table.rowHeight(r) for r in range(rows)) if rows else table.verticalHeader().defaultSectionSize()
    table.setFixedHeight(height)
