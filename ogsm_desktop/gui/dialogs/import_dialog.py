"""The import preview: how each sheet is read (and the choice to read it otherwise), every value that
would change, old → new, every problem with its place, and a mapping for sheets written by other people.
A workbook exported from this plan says where it came from, and every value the plan changed since is a
conflict with a choice (keep plan / take workbook); a workbook of another plan is said so.
Nothing is written until the user presses Import, which stays off while a conflict has no choice."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import PlanError
from ...core.excel import importer
from ...core.excel.conflicts import chosen, describe_origin
from ...core.history import change_text
from ...core.labels import FIELD_LABELS, labels
from ...core.model import QUANTIFIED
from ...core.storage import Plan
from ..jobs import run_with_progress
from ..models.value_changes_model import ValueChangesModel
from .import_conflicts import ConflictsPanel
from .import_mapping import MappingBox
from .import_sheets import SheetsPanel


class ImportDialog(QDialog):
    def __init__(self, plan: Plan, path: str | Path, preview: importer.Preview, parent=None):
        super().__init__(parent)
        self.plan, self.path, self.preview = plan, Path(path), preview
        self.setWindowTitle(self.tr("Import from Excel — %1").replace("%1", self.path.name))
        self.resize(1000, 660)          # fits a 1366×768 screen with a task bar
        self.sheets = SheetsPanel(self)
        self.sheets.read_again.connect(self.check_again)
        codes = [(n.code, n.title) for n, _ in plan.nodes.tree().walk() if n.kind in QUANTIFIED]
        self.mapping = MappingBox(codes, self._analyse, self.check_again, self)
        self.summary = QLabel(self)
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.origin = QLabel(self)
        self.origin.setObjectName("importOrigin")
        self.origin.setWordWrap(True)
        self.origin.setStyleSheet("QLabel#importOrigin { background: #fff4d6; color: #5c4400; border: 1px solid "
                                  "#e6c979; border-radius: 3px; padding: 3px 6px; }")
        self.conflicts = ConflictsPanel(self)
        self.conflicts.changed.connect(self._choices_changed)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("importTabs")
        self.tabs.addTab(self._changes_tab(), "")
        self.problems = self._table("importProblems", [self.tr("Where"), self.tr("Problem")])
        self.tabs.addTab(self.problems, "")
        self.notes = self._table("importNotes", [self.tr("Where"), self.tr("Left out")])
        self.tabs.addTab(self.notes, "")
        self.tabs.addTab(self.conflicts, "")
        self.measures = self._table("importMeasures", [self.tr("Code"), self.tr("Title"), self.tr("Change"),
                                                       self.tr("Field"), self.tr("Before"), self.tr("After")])
        for column, width in enumerate((110, 220, 80, 110, 150)):
            self.measures.setColumnWidth(column, width)
        self.tabs.addTab(self.measures, "")
        self.fields = labels(FIELD_LABELS)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("importReason")
        self.reason.setText(self.tr("import %1").replace("%1", self.path.name))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(self.tr("Import"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("How %1 is read:").replace("%1", str(self.path)), self))
        layout.addWidget(self.sheets)
        layout.addWidget(self.mapping)
        layout.addWidget(self.origin)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        form = QFormLayout()
        form.addRow(self.tr("Reason"), self.reason)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.show_preview(preview)
        self.mapping.setChecked(not preview.layouts)   # nothing recognised: the mapping is the way in

    def _table(self, name: str, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers), self)
        table.setObjectName(name)
        table.setHorizontalHeaderLabels(headers)
        table.horizontalHeader().setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
        table.setColumnWidth(0, 260)
        table.verticalHeader().setVisible(False)
        return table

    def _changes_tab(self) -> QWidget:
        tab = QWidget(self)
        self.find = QLineEdit(tab)
        self.find.setObjectName("importFind")
        self.find.setPlaceholderText(self.tr("Filter by code, title or period"))
        self.find.setClearButtonEnabled(True)
        self.which = QComboBox(tab)
        self.which.setObjectName("importWhich")
        self.changes = ValueChangesModel(self)
        self.view = QTableView(tab)
        self.view.setObjectName("importChanges")
        self.view.setModel(self.changes)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((110, 220, 80, 70, 150, 150)):
            self.view.setColumnWidth(column, width)
        self.find.textChanged.connect(self._filter)
        self.which.currentIndexChanged.connect(self._filter)
        top = QHBoxLayout()
        top.addWidget(self.find, 1)
        top.addWidget(self.which)
        inner = QVBoxLayout(tab)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(top)
        inner.addWidget(self.view)
        return tab

    def _filter(self, *_args) -> None:
        self.changes.set_filter(self.find.text(), self.which.currentData() or "")

    # ----------------------------------------------------------------- reading the file again
    def _analyse(self, mappings) -> importer.Preview | None:
        kinds, columns = dict(self.sheets.kinds), {s: dict(c) for s, c in self.sheets.chosen.items()}
        job = run_with_progress(self, self.tr("Reading %1").replace("%1", self.path.name),
                                lambda progress: importer.analyse(self.plan, self.path, mappings, progress, kinds, columns),
                                cancelled=importer.import_cancelled)
        if isinstance(job.error, PlanError):
            QMessageBox.warning(self, self.tr("Import"), str(job.error))
            return None
        if job.error is not None:
            raise job.error
        return job.result

    def check_again(self) -> None:
        try:
            mappings = self.mapping.mappings()
        except ValueError:
            QMessageBox.warning(self, self.tr("Import"), self.tr(
                "Columns are letters: key columns such as A or A,B; for a long sheet, one period column and one "
                "value column (or neither, when the periods run across the header)"))
            return
        preview = self._analyse(mappings)
        if preview is not None:
            self.show_preview(preview)

    # ----------------------------------------------------------------- showing the analysis
    def show_preview(self, preview: importer.Preview) -> None:
        self.preview = preview
        self.sheets.show_preview(preview)
        self.mapping.offer(preview.unrecognised + [lay.sheet for lay in preview.layouts if lay.kind == "mapped"])
        self._fill(self.problems, [(p.where() or self.path.name, p.message) for p in preview.problems])
        self._fill(self.notes, [(n.where(), n.message) for n in preview.notes])
        self.tabs.setTabText(1, self.tr("Problems (%1)").replace("%1", str(len(preview.problems))))
        self.tabs.setTabText(2, self.tr("Left out (%1)").replace("%1", str(len(preview.notes))))
        self.conflicts.show_conflicts(preview.conflicts if preview.ok else [])
        self.tabs.setTabText(3, self.tr("Conflicts (%1)").replace("%1", str(len(self.conflicts.conflicts))))
        self.tabs.setTabVisible(3, bool(self.conflicts.conflicts))
        values, measures = self._show_changes()
        self.tabs.setCurrentIndex(1 if preview.problems else 3 if self.conflicts.conflicts else
                                  4 if measures and not values else 0)
        said = [text for text in (describe_origin(preview), *preview.warnings) if text]
        self.origin.setText("\n".join(said))
        self.origin.setVisible(bool(said))
        self._enable_import()

    def _choices_changed(self) -> None:
        self._show_changes()
        self._enable_import()

    def _show_changes(self) -> tuple[int, int]:
        """The values and definitions the import writes, with the conflicts' choices so far (a value the plan
        keeps is not listed as written), and the summary; returns how many of each are listed."""
        preview = self.preview
        shown = chosen(self.plan, preview, self.choices()) if preview.ok and preview.conflicts else preview
        self.shown = shown                  # what Import writes, with the choices so far
        changes = shown.value_changes() if preview.ok else []
        self.changes.set_changes(changes)
        counts = self.changes.counts()
        which = self.which.currentData() or ""
        self.which.blockSignals(True)
        self.which.clear()
        self.which.addItem(self.tr("All (%1)").replace("%1", f"{len(changes):,}"), "")
        self.which.addItem(self.tr("New (%1)").replace("%1", f"{counts['new']:,}"), "new")
        self.which.addItem(self.tr("Changed (%1)").replace("%1", f"{counts['changed']:,}"), "changed")
        self.which.setCurrentIndex(max(0, self.which.findData(which)))
        self.which.blockSignals(False)
        self._filter()
        self.tabs.setTabText(0, self.tr("Values that change (%1)").replace("%1", f"{len(changes):,}"))
        measures = self._show_measures(shown.measure_changes() if preview.ok else [])
        if preview.problems:
            self.summary.setText(self.tr("%1 problem(s): fix the file (or the choices above) and try again. Nothing "
                                         "will be written while there are problems.").replace("%1", str(len(preview.problems))))
        elif not preview.changes_anything:
            self.summary.setText(self._sentences(self.tr("The plan already holds every value read from this file: "
                                                         "nothing would change."), self._kept(preview)))
        else:
            c = shown.counts()
            text = (self.tr("%1 new and %2 changed value(s), %3 unchanged; %4 new and %5 changed "
                            "measure(s).").replace("%1", f"{c['values new']:,}")
                    .replace("%2", f"{c['values changed']:,}").replace("%3", f"{c['values unchanged']:,}")
                    .replace("%4", str(c["measures new"])).replace("%5", str(c["measures changed"])))
            if c["conflicts"] and self.conflicts.open_count():
                text = self._sentences(text, self.tr("%1 conflict(s): changed in the plan since the workbook was exported; choose "
                                      "on the Conflicts tab which value the plan keeps.").replace("%1", str(c["conflicts"])))
            elif c["conflicts"]:
                text = self._sentences(text, self.tr("%1 conflict(s), each with its choice: the values above are what "
                                                     "Import writes.").replace("%1", str(c["conflicts"])))
            self.summary.setText(self._sentences(text, self._kept(shown)))
        return len(changes), measures

    def _show_measures(self, changes) -> int:
        """The goal and measure definitions the import writes, one row per field, old → new; the tab is
        there only when there are some."""
        rows = [(c.code, c.title, self.changes.words[c.change], self.fields.get(f, f), *self._values(f, old, new))
                for c in changes for f, old, new in c.fields()]
        table = self.measures
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for column, text in enumerate(row):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                table.setItem(r, column, item)
        self.tabs.setTabText(4, self.tr("Measures that change (%1)").replace("%1", f"{len(changes):,}"))
        self.tabs.setTabVisible(4, bool(changes))
        return len(changes)

    @staticmethod
    def _values(field: str, old, new) -> tuple[str, str]:
        """Before and after in words, as every list of changes says them (empty: nothing)."""
        shown = change_text(field, old, new)
        return tuple("" if v is None or v == "" else text for v, text in zip((old, new), shown, strict=True))

    def _kept(self, preview: importer.Preview) -> str:
        """Values the workbook leaves empty keep the plan's: said, so that one cleared there is not believed
        gone."""
        kept = preview.counts()["values kept"]
        if not kept:
            return ""
        return (self.tr("1 value left empty in the workbook keeps the plan's value: an import clears no value.")
                if kept == 1 else self.tr("%1 values left empty in the workbook keep the plan's value: an import "
                                          "clears no value.").replace("%1", f"{kept:,}"))

    def _sentences(self, first: str, second: str) -> str:
        """Two sentences one after the other, as the language writes them (Chinese: no space after 。)."""
        return self.tr("%1 %2").replace("%1", first).replace("%2", second) if second else first

    def _enable_import(self) -> None:
        """Import is on for a file without problems that changes something, once every conflict has its
        choice."""
        preview, left = self.preview, self.conflicts.open_count()
        self.import_button.setEnabled(preview.ok and preview.changes_anything and not left)
        self.import_button.setToolTip(self.tr("Choose keep plan or take workbook for every conflict first")
                                      if left else "")

    def choices(self) -> dict[tuple, str]:
        """Conflict key → "plan" or "workbook", as chosen."""
        return self.conflicts.choices()

    @staticmethod
    def _fill(table: QTableWidget, rows: list[tuple[str, str]]) -> None:
        table.setRowCount(len(rows))
        for r, (where, text) in enumerate(rows):
            table.setItem(r, 0, QTableWidgetItem(where))
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(r, 1, item)
