"""The import preview: what was recognised, what would change, every problem with its place, and a
mapping for sheets written by other people. Nothing is written until the user presses Import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ...core.errors import PlanError
from ...core.excel import importer
from ...core.model import QUANTIFIED
from ...core.storage import Plan
from ..jobs import run_with_progress

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


class ImportDialog(QDialog):
    def __init__(self, plan: Plan, path: str | Path, preview: importer.Preview, parent=None):
        super().__init__(parent)
        self.plan, self.path, self.preview = plan, Path(path), preview
        self.setWindowTitle(self.tr("Import from Excel — %1").replace("%1", self.path.name))
        self.resize(1000, 720)
        self.found = QPlainTextEdit(self)
        self.found.setReadOnly(True)
        self.found.setMaximumHeight(110)
        self.summary = QLabel(self)
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.problems = QTableWidget(0, 2, self)
        self.problems.setObjectName("importProblems")
        self.problems.setHorizontalHeaderLabels([self.tr("Where"), self.tr("Problem")])
        self.problems.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.problems.setColumnWidth(0, 260)
        self.problems.verticalHeader().setVisible(False)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("importReason")
        self.reason.setText(self.tr("import %1").replace("%1", self.path.name))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(self.tr("Import"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Recognised in %1:").replace("%1", str(self.path)), self))
        layout.addWidget(self.found)
        layout.addWidget(self._mapping_box())
        layout.addWidget(self.summary)
        layout.addWidget(self.problems, 1)
        form = QFormLayout()
        form.addRow(self.tr("Reason"), self.reason)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.show_preview(preview)

    # ----------------------------------------------------------------- mapping a foreign sheet
    def _mapping_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Map a sheet without plan codes (rows → plan measures)"), self)
        self.map_sheet = QComboBox(box)
        self.map_sheet.setObjectName("mapSheet")
        self.map_keys = QLineEdit("A", box)
        self.map_keys.setObjectName("mapKeyColumns")
        self.map_keys.setToolTip(self.tr("The columns whose values make a row's key, as letters: A or A,B"))
        find = QPushButton(self.tr("Find keys"), box)
        find.setObjectName("mapFindKeys")
        find.clicked.connect(self.find_keys)
        check = QPushButton(self.tr("Check again"), box)
        check.setObjectName("mapCheck")
        check.clicked.connect(self.check_again)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Sheet"), box))
        row.addWidget(self.map_sheet, 1)
        row.addWidget(QLabel(self.tr("Key columns"), box))
        row.addWidget(self.map_keys)
        row.addWidget(find)
        row.addWidget(check)
        self.key_table = QTableWidget(0, 3, box)
        self.key_table.setObjectName("mapKeys")
        self.key_table.setHorizontalHeaderLabels([self.tr("Key in the sheet"), self.tr("Plan measure"),
                                                  self.tr("Goes to")])
        self.key_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.key_table.setColumnWidth(1, 300)
        self.key_table.verticalHeader().setVisible(False)
        inner = QVBoxLayout(box)
        inner.addLayout(row)
        inner.addWidget(self.key_table)
        self.codes = [(n.code, n.title) for n, _ in self.plan.nodes.tree().walk() if n.kind in QUANTIFIED]
        return box

    def mappings(self) -> list[importer.Mapping]:
        sheet = self.map_sheet.currentText()
        if not sheet or self.key_table.rowCount() == 0:
            return []
        keys = {}
        for r in range(self.key_table.rowCount()):
            code = self.key_table.cellWidget(r, 1).currentData()
            field = self.key_table.cellWidget(r, 2).currentData()
            if code:
                keys[self.key_table.item(r, 0).text()] = (code, field)
        return [importer.Mapping(sheet, column_numbers(self.map_keys.text()), keys)]

    def _analyse(self, mappings) -> importer.Preview | None:
        job = run_with_progress(self, self.tr("Reading %1").replace("%1", self.path.name),
                                lambda progress: importer.analyse(self.plan, self.path, mappings, progress))
        if isinstance(job.error, PlanError):
            QMessageBox.warning(self, self.tr("Import"), str(job.error))
            return None
        if job.error is not None:
            raise job.error
        return job.result

    def find_keys(self) -> None:
        try:
            columns = column_numbers(self.map_keys.text())
        except ValueError:
            QMessageBox.warning(self, self.tr("Import"), self.tr("Key columns are letters such as A or A,B"))
            return
        sheet = self.map_sheet.currentText()
        preview = self._analyse([importer.Mapping(sheet, columns, {})])
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

    def check_again(self) -> None:
        try:
            mappings = self.mappings()
        except ValueError:
            QMessageBox.warning(self, self.tr("Import"), self.tr("Key columns are letters such as A or A,B"))
            return
        preview = self._analyse(mappings)
        if preview is not None:
            self.show_preview(preview)

    # ----------------------------------------------------------------- showing the analysis
    def show_preview(self, preview: importer.Preview) -> None:
        self.preview = preview
        lines = [f"✓ {layout.describe()}" for layout in preview.layouts]
        lines += [f"– {skipped}" for skipped in preview.skipped]
        self.found.setPlainText("\n".join(lines))
        current = self.map_sheet.currentText()
        self.map_sheet.clear()
        for name in preview.unrecognised + [layout.sheet for layout in preview.layouts if layout.kind == "mapped"]:
            if self.map_sheet.findText(name) < 0:
                self.map_sheet.addItem(name)
        if current:
            self.map_sheet.setCurrentText(current)
        self.problems.setRowCount(len(preview.problems))
        for r, problem in enumerate(preview.problems):
            self.problems.setItem(r, 0, QTableWidgetItem(problem.where() or str(self.path.name)))
            self.problems.setItem(r, 1, QTableWidgetItem(problem.message))
        if preview.problems:
            self.summary.setText(self.tr("%1 problem(s): fix the file (or the mapping) and try again. Nothing will "
                                         "be written while there are problems.").replace("%1", str(len(preview.problems))))
        elif not preview.changes_anything:
            self.summary.setText(self.tr("The plan already holds everything in this file: nothing would change."))
        else:
            self.summary.setText(preview.summary())
        self.import_button.setEnabled(preview.ok and preview.changes_anything)
