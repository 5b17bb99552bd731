"""The detail editor's own kinds of field: a text box that says when the user leaves it, a date that may be
empty, and the guard that keeps a passing wheel from changing a field the user is not in."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QAbstractSpinBox, QDateEdit, QLineEdit, QPlainTextEdit, QWidget

from ..date_edit import DateEdit
from ..marks import clear_icon

NO_DATE = QDate(1900, 1, 1)


class PlainTextField(QPlainTextEdit):
    """A text box that says when the user leaves it (``editing_finished``), as a line edit does."""

    editing_finished = Signal()

    def focusOutEvent(self, event) -> None:
        self.editing_finished.emit()
        super().focusOutEvent(event)


class WheelGuard(QObject):
    """A wheel turned over a field the user is not in scrolls the pane, never changes the field: a list
    or a date stepped by a passing scroll would be saved to the plan without the user noticing."""

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Wheel and not watched.hasFocus():
            pane = self.parent()
            pane.verticalScrollBar().event(event)         # the pane scrolls as over any other place
            return True
        return False


def within(widget: QWidget, other: QWidget | None) -> bool:
    """``other`` is ``widget`` or inside it (a date field's own line edit)."""
    return other is not None and (other is widget or widget.isAncestorOf(other))


class OptionalDateEdit(DateEdit):
    """A date that may be empty (shown as "no date", stored as empty). Stepping or opening the calendar
    on an empty date starts at today, not at the empty date's year 1900; the clear mark, or Delete with the
    whole date selected, empties it again."""

    cleared = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(NO_DATE)
        self.setSpecialValueText(self.tr("no date"))
        self.clear_action = self.lineEdit().addAction(clear_icon(), QLineEdit.ActionPosition.TrailingPosition)
        self.clear_action.setToolTip(self.tr("Clear the date"))
        self.clear_action.setObjectName("clearDate")
        self.clear_action.triggered.connect(self.clear_date)
        self.dateChanged.connect(lambda day: self.clear_action.setVisible(day != NO_DATE))
        self.calendarWidget().installEventFilter(self)

    def show_date(self, day: QDate) -> None:
        """Show ``day`` (an empty date: NO_DATE), also with the widget's signals blocked."""
        self.setDate(day if day.isValid() else NO_DATE)
        self.clear_action.setVisible(not self.is_empty())

    def is_empty(self) -> bool:
        return self.date() == NO_DATE

    def clear_date(self) -> None:
        """Empty the date (a user's clear: said with ``cleared``)."""
        if not self.is_empty():
            self.setDate(NO_DATE)
            self.cleared.emit()

    def stepEnabled(self):
        if self.is_empty():
            return QAbstractSpinBox.StepEnabledFlag.StepUpEnabled | QAbstractSpinBox.StepEnabledFlag.StepDownEnabled
        return super().stepEnabled()

    def stepBy(self, steps: int) -> None:
        if self.is_empty():
            self.setDate(_today())
            return
        super().stepBy(steps)

    def keyPressEvent(self, event) -> None:
        line = self.lineEdit()
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and line.hasSelectedText() \
                and line.selectedText() == line.text():
            self.clear_date()
            return
        if self.is_empty() and event.text().isdigit():       # typing into "no date": today, then what is typed
            self.typing_from = NO_DATE                       # (a date refused: empty again)
            self.setDate(_today())
            self.setSelectedSection(QDateEdit.Section.YearSection)
        super().keyPressEvent(event)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Show and self.is_empty():    # the calendar opens on today's month
            today = _today()
            self.calendarWidget().setCurrentPage(today.year(), today.month())
        return super().eventFilter(watched, event)


def _today() -> QDate:
    """Today, from the same clock as the rest of the program (Python's: the as-of date, the alerts, the tests'
    day), not Qt's own."""
    day = dt.date.today()
    return QDate(day.year, day.month, day.day)
