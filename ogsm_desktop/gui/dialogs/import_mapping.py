"""Mapping a sheet written by someone else, without plan codes: which columns make a row's key, and which
plan measure (actual or target) each key goes to."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.excel import importer

IGNORE = ""


def column_numbers(text: str) -> list[int]:
    """'A, C' → [0, 2]; ValueError for anything that is not column letters."""
    out = []
    for part in text.replace(" ", "").upper().split(","):
        if not part.isalpha():
            raise ValueError(part)
        number = 0
        for ch in part:
            number = number * 26 + ord(ch) - 64
        out.append(number - 1)
    return out


class MappingBox(QGroupBox):
    """``analyse(mappings)`` reads the file again with these mappings (None when it could not)."""

    def __init__(self, codes: list[tuple[str, str]], analyse: Callable[[list], importer.Preview | None],
                 check_again: Callable[[], None], parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("Map a sheet without plan codes (rows → plan measures)"))
        self.setCheckable(True)             # folded away until wanted: most files need no mapping
        self.setChecked(False)
        self.codes, self._analyse = codes, analyse
        self.map_sheet = QComboBox(self)
        self.map_sheet.setObjectName("mapSheet")
        self.map_keys = QLineEdit("A", self)
        self.map_keys.setObjectName("mapKeyColumns")
        self.map_keys.setToolTip(self.tr("The columns whose values make a row's key, as letters: A or A,B"))
        find = QPushButton(self.tr("Find keys"), self)
        find.setObjectName("mapFindKeys")
        find.clicked.connect(self.find_keys)
        self.map_period = QLineEdit("", self)
        self.map_period.setObjectName("mapPeriodColumn")
        self.map_period.setPlaceholderText(self.tr("across"))
        self.map_period.setToolTip(self.tr("Leave empty when the periods run across the header; for a long sheet "
                                           "(one row per key and period), the letter of the period column"))
        self.map_value = QLineEdit("", self)
        self.map_value.setObjectName("mapValueColumn")
        self.map_value.setToolTip(self.tr("For a long sheet: the letter of the column of numbers"))
        for edit in (self.map_keys, self.map_period, self.map_value):
            edit.setMaximumWidth(90)
        check = QPushButton(self.tr("Check again"), self)
        check.setObjectName("mapCheck")
        check.clicked.connect(check_again)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Sheet"), self))
        row.addWidget(self.map_sheet, 1)
        row.addWidget(QLabel(self.tr("Key columns"), self))
        row.addWidget(self.map_keys)
        row.addWidget(QLabel(self.tr("Period column"), self))
        row.addWidget(self.map_period)
        row.addWidget(QLabel(self.tr("Value column"), self))
        row.addWidget(self.map_value)
        row.addWidget(find)
        row.addWidget(check)
        self.key_table = QTableWidget(0, 3, self)
        self.key_table.setObjectName("mapKeys")
        self.key_table.setHorizontalHeaderLabels([self.tr("Key in the sheet"), self.tr("Plan measure"),
                                                  self.tr("Goes to")])
        self.key_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.key_table.setColumnWidth(1, 300)
        self.key_table.verticalHeader().setVisible(False)
        self.body = QWidget(self)
        inner = QVBoxLayout(self.body)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(row)
        inner.addWidget(self.key_table)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 4, 6, 4)
        outer.addWidget(self.body)
        self.toggled.connect(self._unfold)
        self._unfold(False)

    def _unfold(self, on: bool) -> None:
        self.body.setVisible(on)
        self.setFlat(not on)
        self.setMaximumHeight(16777215 if on else self.fontMetrics().height() + 8)

    def offer(self, sheets: list[str]) -> None:
        """The sheets that can be mapped."""
        current = self.map_sheet.currentText()
        self.map_sheet.clear()
        for name in dict.fromkeys(sheets):
            self.map_sheet.addItem(name)
        if current:
            self.map_sheet.setCurrentText(current)
        self.setVisible(bool(sheets))

    def mappings(self) -> list[importer.Mapping]:
        """The mapping as the user set it; ValueError when the key columns are not letters."""
        sheet = self.map_sheet.currentText()
        if not sheet or self.key_table.rowCount() == 0:
            return []
        keys = {}
        for r in range(self.key_table.rowCount()):
            code = self.key_table.cellWidget(r, 1).currentData()
            field = self.key_table.cellWidget(r, 2).currentData()
            if code:
                keys[self.key_table.item(r, 0).text()] = (code, field)
        return [self._mapping(sheet, keys)]

    def _mapping(self, sheet: str, keys: dict) -> importer.Mapping:
        """ValueError when a column is not given as letters (or only one of period and value is)."""
        period = column_numbers(self.map_period.text()) if self.map_period.text().strip() else None
        value = column_numbers(self.map_value.text()) if self.map_value.text().strip() else None
        if (period is None) != (value is None) or (period and len(period) > 1) or (value and len(value) > 1):
            raise ValueError("period and value")
        return importer.Mapping(sheet, column_numbers(self.map_keys.text()), keys,
                                period_column=period[0] if period else None, value_column=value[0] if value else None)

    def find_keys(self) -> None:
        sheet = self.map_sheet.currentText()
        try:
            mapping = self._mapping(sheet, {})
        except ValueError:
            QMessageBox.warning(self, self.tr("Import"), self.tr(
                "Columns are letters: key columns such as A or A,B; for a long sheet, one period column and one "
                "value column (or neither, when the periods run across the header)"))
            return
        preview = self._analyse([mapping])
        if preview is None:
            return
        keys = preview.keys_found.get(sheet, [])
        self.key_table.setRowCount(len(keys))
        for r, key in enumerate(keys):
            self.key_table.setItem(r, 0, QTableWidgetItem(key))
            measure = QComboBox(self.key_table)
            measure.addItem(self.tr("(skip)"), IGNORE)
            for code, title in self.codes:
                measure.addItem(f"{code}  {title}", code)
            self.key_table.setCellWidget(r, 1, measure)
            field = QComboBox(self.key_table)
            field.addItem(self.tr("actual"), "actual")
            field.addItem(self.tr("target"), "target")
            if any(word in key.casefold() for word in ("plan", "target", "计划", "目标")):
                field.setCurrentIndex(1)
            self.key_table.setCellWidget(r, 2, field)
