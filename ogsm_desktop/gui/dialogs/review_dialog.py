"""The period review in the window: an org unit and a period (this month, this quarter, the year to date
or any other), every goal and measure with target, actual, achieved, change since the period before,
status and countermeasure; counts per unit. The countermeasure of an item is typed in place and kept
as the comment of its period — one undoable, journaled change. Print… and Export PDF… use the report.

A review of many goals and measures (the whole big plan's: 27,000 rows, a second to read) is worked out on a
worker after each change, the window free meanwhile: the rows shown stay until the new ones arrive, and
while a countermeasure is being typed they are not replaced under it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
)

from ...core import numbers, periods
from ...core.calendar import PlanCalendar
from ...core.errors import PlanError
from ...core.model import Kind
from ...core.review import OWED_MARK, Review, change_note, owed_notes, review, review_period
from ..models.judging import BUSY_TRIES
from ..models.review_job import ReviewJob
from ..models.review_model import COLUMNS, COUNTERMEASURE, ReviewModel
from ..plan_reader import OneReader
from ..return_key import TakesReturnAtOnce
from ..text import fill

__all__ = ["COLUMNS", "ReviewDialog", "period_choices"]

ON_A_WORKER = 2_000       # nodes in the part reviewed from which the review is worked out on a worker
TITLE_WIDTH = 360          # px: a long title is cut (its tooltip whole) rather than push the countermeasure away
PERIOD_PAUSE_MS = 700     # a period being typed is reviewed once the typing pauses this long (or when it is entered)


def period_choices(as_of: dt.date, calendar: PlanCalendar) -> list[str]:
    """This month, the last month, this quarter, the last quarter, the year to date and the last year: plan
    years of ``calendar``'s shape, named by the calendar year they start in (April 2026 to March 2027: 2026)."""
    month = f"{as_of.year:04d}-{as_of.month:02d}"
    year = calendar.year_start(month).year
    last_month = periods.period_containing(periods.period_bounds(month)[0] - dt.timedelta(days=1), "monthly")
    quarter = periods.period_containing(as_of, "quarterly")
    last_quarter = periods.period_containing(periods.period_bounds(quarter)[0] - dt.timedelta(days=1), "quarterly")
    return [quarter, last_quarter, month, last_month, f"{year:04d}", f"{year - 1:04d}"]


class _CellDelegate(TakesReturnAtOnce, QStyledItemDelegate):
    """A countermeasure taken the moment Return is pressed (see ``return_key``)."""


class ReviewDialog(QDialog):
    def __init__(self, window, parent=None):
        super().__init__(parent or window)
        self.window_ = window
        self.session = window.session
        self.as_of = window.as_of
        self.result_: Review | None = None
        self.working = False            # a review being worked out on a worker, to be shown when it arrives
        self._generation = 0            # of the newest review asked for; older answers are dropped
        self._reader = OneReader(lambda: ReviewJob(self.session.plan, self.session.model.tree, self._generation,
                                                   self.period.currentText(), self.unit.currentData(), self.as_of,
                                                   self), self._take, self._failed, self)
        self._held: tuple[int, Callable[[], None]] | None = None   # what an answer does, held while typing
        self._tries = 0                 # answers in a row that found the plan file being written
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
        self.period.setEditable(True)           # any other month, quarter or year can be typed, as it is: not
        self.period.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)     # kept in the list, nor completed from
        self.period.setCompleter(None)          # it ("2026" became "2026-Q4": the year could not be typed)
        self.period.addItems(period_choices(self.as_of, self.session.model.settings.calendar_for(self.as_of)))
        self.counts = QLabel(self)
        self.counts.setObjectName("reviewCounts")
        self.owed_legend = QLabel(self)          # what the mark beside "achieved" says, when a row has it
        self.owed_legend.setObjectName("owedLegend")
        self.owed_legend.setWordWrap(True)
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #c62828")
        self.model = ReviewModel(self.session.plan.readonly, self)
        self.model.typed.connect(self._countermeasure_typed)
        self.table = QTableView(self)
        self.table.setObjectName("reviewTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.horizontalHeader().setSectionResizeMode(COUNTERMEASURE, QHeaderView.ResizeMode.Stretch)
        rows = self.table.verticalHeader()          # rows as tall as the text needs (as the Numbers panel's)
        rows.setVisible(False)
        rows.setMinimumSectionSize(1)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setItemDelegate(_CellDelegate(self.table))
        self.table.itemDelegate().closeEditor.connect(self._editor_closed)
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
        for button in buttons.buttons():         # Enter in the period typed reviews it: it neither exports
            button.setAutoDefault(False)         # (a tester's Enter opened the PDF's file dialog) nor closes
            button.setDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)   # a click closing it does not leave a period typed: reviewed
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.counts)
        layout.addWidget(self.owed_legend)
        layout.addWidget(self.problem)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.unit.currentIndexChanged.connect(self.refresh)
        self._period_typed = QTimer(self)
        self._period_typed.setSingleShot(True)
        self._period_typed.setInterval(PERIOD_PAUSE_MS)
        self._period_typed.timeout.connect(self._period_paused)
        self.period.currentTextChanged.connect(self._period_changed)
        self.period.lineEdit().editingFinished.connect(self._period_entered)     # Enter, or the field left
        # undo a countermeasure without leaving the review; redo with the window's keys, one shortcut for them
        # all (the standard Redo of Linux is Ctrl+Shift+Z: a shortcut of its own for it too made both ambiguous,
        # and neither redid)
        for keys, slot in (([QKeySequence(QKeySequence.StandardKey.Undo)], self.session.stack.undo),
                           ([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")], self.session.stack.redo)):
            shortcut = QShortcut(self)
            shortcut.setKeys(keys)
            shortcut.activated.connect(slot)
        self.session.changed.connect(self._on_changed)
        self.finished.connect(self._stop)
        self.refresh()

    def _on_changed(self, _changes) -> None:
        self.refresh()

    def _period_changed(self, _text: str) -> None:
        """A period chosen from the list (or set) is reviewed at once; one being typed once it is entered (Enter,
        the field left) or the typing pauses. A tester found each key typed reviewing the big plan again (seconds),
        and a period half typed ("2025Q") emptying the table."""
        if self.period.lineEdit().isModified():
            self._period_typed.start()
            return
        self.refresh()

    def _period_paused(self) -> None:
        if self._period_key(self.period.currentText()) is not None:     # half typed: nothing said yet
            self._period_entered()

    def _period_entered(self) -> None:
        if (not self.period.lineEdit().isModified()          # (left with nothing typed, or reviewed at a pause)
                or self.period.view().isVisible()           # (the list opened: a period is being chosen from it)
                or not self.isVisible()):                   # (the dialog closing)
            return
        if (self._period_key(self.period.currentText()), self.unit.currentData()) == self._shown():
            self._period_typed.stop()
            self.period.lineEdit().setModified(False)       # the period shown, typed again
            return
        self.refresh()

    def _on_a_worker(self, unit_code: str | None) -> bool:
        """Whether the review of ``unit_code`` is worked out on a worker: a plan in a file, and many nodes."""
        if self.session.plan.path is None:
            return False
        tree = self.session.model.tree
        if unit_code is None:
            return len(tree.nodes) >= ON_A_WORKER
        top = next((n for n in tree.nodes.values() if n.code == unit_code), None)
        return top is not None and sum(1 for _ in zip(range(ON_A_WORKER), tree.walk(top.id), strict=False)) >= ON_A_WORKER

    def refresh(self) -> None:
        """Review the period and unit chosen again: here, or on a worker (the rows shown stay meanwhile)."""
        self._generation += 1
        self._held = None
        self._period_typed.stop()                   # what is in the period now is the period asked for
        self.period.lineEdit().setModified(False)
        period, unit_code = self.period.currentText(), self.unit.currentData()
        key = self._period_key(period)
        if key is None or not self._on_a_worker(unit_code):      # (a period being typed is said at once)
            self._reader.drop()                     # (a worker's review, of another unit, is no longer wanted)
            self._review_here()
            return
        self.working = True
        self.problem.clear()
        self.counts.setText(self.tr("Working out the review…"))
        self.print_button.setEnabled(False)
        # rows of another period or unit are greyed until the new ones arrive; the same rows can still be typed in
        self.table.setEnabled(self._shown() == (key, unit_code))
        self._reader.ask()

    @property
    def _job(self) -> ReviewJob | None:
        """The worker reviewing (one at a time)."""
        return self._reader.job

    @property
    def _waiting(self) -> bool:
        """Another review asked for, started when that worker has ended."""
        return self._reader.waiting

    def _shown(self) -> tuple[str, str | None] | None:
        """The period and unit of the review shown."""
        shown = self.result_
        return None if shown is None else (shown.period, shown.unit.code if shown.unit else None)

    @staticmethod
    def _period_key(text: str) -> str | None:
        try:
            return review_period(text)
        except (PlanError, ValueError):
            return None

    def _review_here(self) -> None:
        """The review worked out on the window's thread, with its connection (a small one; or one its worker
        could not read: the file renamed or replaced while the window has it open, a disk gone a moment)."""
        try:
            found = review(self.session.plan, self.period.currentText(), self.unit.currentData(), self.as_of,
                           tree=self.session.model.tree)
        except (PlanError, ValueError) as exc:      # a period being typed that is not one yet: say so
            self._refused(str(exc))
            return
        self._show(found)

    def _stop(self, _result=None) -> None:
        """The dialog closed: changes are no longer followed, and a worker still reading is let end on its own
        (not waited for: the review of a past year of the big plan takes seconds)."""
        self.session.changed.disconnect(self._on_changed)
        self._period_typed.stop()
        self._generation += 1
        self._reader.stop(wait=False)

    def _when_not_typing(self, generation: int, then: Callable[[], None]) -> None:
        """Run ``then``, what a worker's answer does to the table — now, or once the countermeasure being typed
        is left (a table replaced under it loses what was typed)."""
        if self.table.state() == QAbstractItemView.State.EditingState:
            self._held = (generation, then)
            return
        then()

    def _take(self, generation: int, found: Review) -> None:
        if generation != self._generation:          # asked again meanwhile: the newer one is shown
            return
        self._tries = 0
        self._when_not_typing(generation, lambda: self._show(found))

    def _failed(self, generation: int, message: str, busy: bool, refused: bool) -> None:
        if generation != self._generation:
            return
        if busy and self._tries < BUSY_TRIES:      # the file was being written (by this window, most often)
            self._tries += 1
            self.refresh()
            return
        self._tries = 0
        # a period that is not one: said; a read that failed: the window's own connection reads it
        self._when_not_typing(generation, (lambda: self._refused(message)) if refused else self._review_here)

    def _editor_closed(self) -> None:
        held, self._held = self._held, None
        if held is not None and held[0] == self._generation:      # (a countermeasure written asks again)
            held[1]()

    def _refused(self, message: str) -> None:
        """No review for what is chosen (a period being typed that is not one yet): said; nothing shown or printed."""
        self.working = False
        self.problem.setText(message)
        self.result_ = None
        self.counts.clear()
        self.owed_legend.clear()
        self.model.show(None)
        self.table.setEnabled(True)
        self.print_button.setEnabled(False)

    def _show(self, found: Review) -> None:
        shown = self._shown()
        self.working = False
        self.result_ = found
        self.print_button.setEnabled(True)
        self.problem.clear()
        self.table.setEnabled(True)
        done, missed, empty, untargeted = found.totals()
        legend = owed_notes(found.rows)[:1]
        self.owed_legend.setText(f"{OWED_MARK} {legend[0]}" if legend else "")
        self.owed_legend.setVisible(bool(legend))
        if found.rows:
            self.counts.setText(fill(self.tr("%1: %2 achieved, %3 not achieved, %4 without a number, %5 without a "
                                             "target"), found.period, *(f"{n:,}" for n in (done, missed, empty,
                                                                                         untargeted))))
        else:                               # (a tester found an empty table, and nothing said why)
            self.counts.setText(fill(self.tr("%1: %2 has no goals or measures to review yet"), found.period,
                                     found.unit.code if found.unit else self.tr("the plan")))
        self.model.change_tip = change_note(found) or ""
        # the columns fit other rows, or another period's figures; the same review read again after a change
        # (a countermeasure typed) keeps its widths
        if self.model.show(found) or shown != self._shown():
            for column in range(len(COLUMNS) - 1):       # the countermeasure, typed in, takes the room left
                self.table.resizeColumnToContents(column)
            title = COLUMNS.index("title")
            self.table.setColumnWidth(title, min(self.table.columnWidth(title), TITLE_WIDTH))

    def _countermeasure_typed(self, index: int, text: str) -> None:
        row = self.model.rows[index]
        done = self.session.perform(fill(self.tr("Countermeasure for %1"), row.node.code),
                                    lambda: numbers.write(self.session.plan, row.node,
                                                          {row.comment_period: {"comment": numbers.parse_value(
                                                              "comment", text, row.node)}}))
        if done is None:                            # refused (and said): the plan's countermeasure is shown again,
            self.model.forget_typed(index)          # and the cell opens again holding what was typed
            QTimer.singleShot(0, self, lambda: self._give_back(index, row.node.id, text))

    def _give_back(self, row: int, node_id: int, text: str) -> None:
        """A countermeasure refused: its cell opens again holding what was typed, to be corrected rather than
        typed again (unless the rows are others by then, or another cell is being typed in)."""
        rows = self.model.rows
        if row >= len(rows) or rows[row].node.id != node_id or self.table.state() == QAbstractItemView.State.EditingState:
            return
        index = self.model.index(row, COUNTERMEASURE)
        self.table.setCurrentIndex(index)
        self.table.edit(index)
        editor = self.table.indexWidget(index)
        if isinstance(editor, QLineEdit):
            editor.setText(text)

    def _export_pdf(self) -> None:
        if self.result_ is not None:
            self.window_.reports.export_pdf(review_of=(self.result_.period, self.unit.currentData()))
