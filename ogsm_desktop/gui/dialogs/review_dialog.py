"""The period review in the window: an org unit and a period (this month, this quarter, the year to date
or any other), every goal and measure with target, actual, achieved, change since the period before,
status and countermeasure; counts per unit. The countermeasure of an item is typed in place and kept
as the comment of its period — one undoable, journaled change. Print… and Export PDF… use the report."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ...core import numbers, periods
from ...core.calendar import PlanCalendar
from ...core.errors import PlanError
from ...core.model import Kind
from ...core.review import OWED_MARK, Review, change_note, owed_mark, owed_note, owed_notes, review
from ...core.status import STATUS_COLOURS
from ..labels import status_labels
from ..models.numbers_model import number_text
from ..text import fill

COLUMNS = ("code", "title", "target", "actual", "achieved", "change", "status", "countermeasure")
TITLE_WIDTH = 360          # px: a long title is cut (its tooltip whole) rather than push the countermeasure away


def period_choices(as_of: dt.date, calendar: PlanCalendar) -> list[str]:
    """This month, the last month, this quarter, the last quarter, the year to date and the last year: plan
    years of ``calendar``'s shape, named by the calendar year they start in (April 2026 to March 2027: 2026)."""
    month = f"{as_of.year:04d}-{as_of.month:02d}"
    year = calendar.year_start(month).year
    last_month = periods.period_containing(periods.period_bounds(month)[0] - dt.timedelta(days=1), "monthly")
    quarter = periods.period_containing(as_of, "quarterly")
    last_quarter = periods.period_containing(periods.period_bounds(quarter)[0] - dt.timedelta(days=1), "quarterly")
    return [quarter, last_quarter, month, last_month, f"{year:04d}", f"{year - 1:04d}"]


class ReviewDialog(QDialog):
    def __init__(self, window, parent=None):
        super().__init__(parent or window)
        self.window_ = window
        self.session = window.session
        self.as_of = window.as_of
        self.result_: Review | None = None
        self.setWindowTitle(self.tr("Review"))
        self.resize(1100, 640)
        self.unit = QComboBox(self)
        self.unit.setObjectName("reviewUnit")
        self.unit.addItem(self.tr("The whole plan"), None)
        tree = self.session.model.tree
        for node, _depth in tree.walk():
            if node.kind is Kind.OBJECTIVE:
                self.unit.addItem(f"{'  ' * tree.objective_depth(node.id)}{node.code} {node.org_unit or node.title}",
                                  node.code)
        current = window.current_node()
        if current is not None:
            chain = [current, *tree.ancestors(current.id)]
            objective = next((n for n in chain if n.kind is Kind.OBJECTIVE), None)
            if objective is not None:
                self.unit.setCurrentIndex(max(0, self.unit.findData(objective.code)))
        self.period = QComboBox(self)
        self.period.setObjectName("reviewPeriod")
        self.period.setEditable(True)           # any other month, quarter or year can be typed
        self.period.addItems(period_choices(self.as_of, self.session.model.settings.calendar_for(self.as_of)))
        self.counts = QLabel(self)
        self.counts.setObjectName("reviewCounts")
        self.owed_legend = QLabel(self)          # what the mark beside "achieved" says, when a row has it
        self.owed_legend.setObjectName("owedLegend")
        self.owed_legend.setWordWrap(True)
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #c62828")
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("reviewTable")
        self.table.setHorizontalHeaderLabels([self.tr("Code"), self.tr("Title"), self.tr("Target"), self.tr("Actual"),
                                              self.tr("Achieved", "a column of yes or no"), self.tr("Change"),
                                              self.tr("Status"),
                                              self.tr("Countermeasure")])
        self.table.horizontalHeader().setSectionResizeMode(COLUMNS.index("countermeasure"), QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.itemChanged.connect(self._countermeasure_typed)
        form = QFormLayout()
        pick = QHBoxLayout()
        pick.addWidget(self.unit, 2)
        pick.addWidget(QLabel(self.tr("Period"), self))
        pick.addWidget(self.period, 1)
        form.addRow(self.tr("Org unit"), pick)
        form.addRow(QLabel(fill(self.tr("Judged as of %1 (the window's as-of date)."), self.as_of.isoformat()), self))
        self.print_button = QPushButton(self.tr("Export PDF…"), self)
        self.print_button.setObjectName("reviewPdf")
        self.print_button.clicked.connect(self._export_pdf)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.counts)
        layout.addWidget(self.owed_legend)
        layout.addWidget(self.problem)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.unit.currentIndexChanged.connect(self.refresh)
        self.period.currentTextChanged.connect(self.refresh)
        for sequence, slot in ((QKeySequence.StandardKey.Undo, self.session.stack.undo),
                               (QKeySequence.StandardKey.Redo, self.session.stack.redo),
                               (QKeySequence("Ctrl+Shift+Z"), self.session.stack.redo)):
            shortcut = QShortcut(sequence if isinstance(sequence, QKeySequence) else QKeySequence(sequence), self)
            shortcut.activated.connect(slot)          # undo a countermeasure without leaving the review
        self.session.changed.connect(self._on_changed)
        self.finished.connect(lambda _r: self.session.changed.disconnect(self._on_changed))
        self.refresh()

    def _on_changed(self, _changes) -> None:
        self.refresh()

    def refresh(self) -> None:
        try:
            self.result_ = review(self.session.plan, self.period.currentText(), self.unit.currentData(), self.as_of)
        except (PlanError, ValueError) as exc:      # a period being typed that is not one yet: say so
            self.problem.setText(str(exc))
            self.result_ = None                     # nothing shown, nothing printed, for a wrong period
            self.counts.clear()
            self.owed_legend.clear()
            self.table.setRowCount(0)
            self.print_button.setEnabled(False)
            return
        self.print_button.setEnabled(True)
        self.problem.clear()
        done, missed, empty, untargeted = self.result_.totals()
        legend = owed_notes(self.result_.rows)[:1]
        self.owed_legend.setText(f"{OWED_MARK} {legend[0]}" if legend else "")
        self.owed_legend.setVisible(bool(legend))
        self.table.horizontalHeaderItem(COLUMNS.index("change")).setToolTip(change_note(self.result_) or "")
        self.counts.setText(fill(self.tr("%1: %2 achieved, %3 not achieved, %4 without a number, %5 without a target"),
                                 self.result_.period, done, missed, empty, untargeted))
        words = status_labels()
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.result_.rows))
        for row, r in enumerate(self.result_.rows):
            achieved = (self.tr("yes") if r.achieved else self.tr("no") if r.achieved is False else "—") + owed_mark(r)
            change = "" if r.change is None else ("+" if r.change > 0 else "") + number_text(r.change, 2)
            cells = (r.node.code, "  " * r.depth + r.node.title, number_text(r.target, 2),
                     number_text(r.actual, 2),
                     achieved, change, words[str(r.status)], r.comment)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if COLUMNS[column] in ("title", "countermeasure"):
                    item.setToolTip(text.strip())
                elif COLUMNS[column] == "achieved" and r.owed:
                    item.setToolTip(owed_note(r))
                if COLUMNS[column] != "countermeasure" or r.comment_period is None or self.session.plan.readonly:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if COLUMNS[column] == "status":
                    item.setForeground(QBrush(QColor(STATUS_COLOURS[str(r.status)])))
                if COLUMNS[column] in ("target", "actual", "change"):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        for column in range(len(COLUMNS) - 1):       # the countermeasure, typed in, takes the room left
            self.table.resizeColumnToContents(column)
        title = COLUMNS.index("title")
        self.table.setColumnWidth(title, min(self.table.columnWidth(title), TITLE_WIDTH))
        self.table.blockSignals(False)

    def _countermeasure_typed(self, item: QTableWidgetItem) -> None:
        if self.result_ is None or COLUMNS[item.column()] != "countermeasure":
            return
        r = self.result_.rows[item.row()]
        text = item.text()
        self.session.perform(fill(self.tr("Countermeasure for %1"), r.node.code),
                             lambda: numbers.write(self.session.plan, r.node,
                                                   {r.comment_period: {"comment": numbers.parse_value("comment", text, r.node)}}))

    def _export_pdf(self) -> None:
        if self.result_ is not None:
            self.window_.reports.export_pdf(review_of=(self.result_.period, self.unit.currentData()))
