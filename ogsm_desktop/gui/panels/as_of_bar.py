"""The window's as-of date, in the status bar: every status, alert and number is judged as of it
(default today; an earlier date looks back)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ...core.fields import FIRST_YEAR, LAST_YEAR
from ..date_edit import DateEdit

TYPING_PAUSE_MS = 800


class AsOfBar(QWidget):
    changed = Signal(object)           # dt.date

    def __init__(self, parent=None):
        super().__init__(parent)
        self.day = dt.date.today()
        self.edit = DateEdit(QDate(self.day.year, self.day.month, self.day.day), self)
        self.edit.setObjectName("asOfDate")
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setDateRange(QDate(FIRST_YEAR, 1, 1), QDate(LAST_YEAR, 12, 31))     # the years a plan holds
        self.edit.setToolTip(self.tr("Statuses, alerts and numbers are judged as of this date; set an earlier "
                                     "one to look back"))
        self.edit.dateChanged.connect(self._changed)
        self._told = self.day                  # the date last told
        self._typed = QTimer(self)             # a date being typed: told after a pause
        self._typed.setSingleShot(True)
        self._typed.setInterval(TYPING_PAUSE_MS)
        self._typed.timeout.connect(self._tell)
        self.edit.editingFinished.connect(self._typing_ended)
        self.today = QPushButton(self.tr("Today"), self)
        self.today.setObjectName("asOfToday")
        self.today.setFlat(True)
        self.today.setEnabled(False)
        self.today.clicked.connect(lambda: self.set_day(dt.date.today()))
        self.judging = QLabel(self)         # a big plan's statuses (or progress) being worked out
        self.judging.setObjectName("asOfJudging")
        self.judging.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.judging)
        layout.addWidget(QLabel(self.tr("As of"), self))
        layout.addWidget(self.edit)
        layout.addWidget(self.today)

    def show_judging(self, shown_as_of: dt.date | None, progress_pending: bool = False) -> None:
        """Say that the statuses shown are still those of ``shown_as_of`` while those of the date chosen are
        worked out (None: they are of the date chosen); else, with ``progress_pending``, that the progress is
        being worked out (a big plan's, after its statuses)."""
        if shown_as_of is not None:
            self.judging.setText(self.tr("Working out the statuses…"))
            self.judging.setToolTip(self.tr("The statuses shown are those as of %1 until the ones as of the date "
                                            "chosen are worked out").replace("%1", shown_as_of.isoformat()))
        elif progress_pending:
            self.judging.setText(self.tr("Working out the progress…"))
            self.judging.setToolTip(self.tr("The progress of each goal and measure, from every value of its year "
                                            "so far, is being worked out: it shows where the Progress column says "
                                            "“…”"))
        self.judging.setVisible(shown_as_of is not None or progress_pending)

    def set_day(self, day: dt.date) -> None:
        self.edit.setDate(QDate(day.year, day.month, day.day))

    def _changed(self, date: QDate) -> None:
        """A date chosen (a step, the calendar, Today) is told at once; one being typed when it is typed:
        Enter, the keys leaving, or a pause — not every date it passes through on the way, each judged."""
        self.day = dt.date(date.year(), date.month(), date.day())
        self.today.setEnabled(self.day != dt.date.today())
        if self.edit.typing:
            self._typed.start()
        else:
            self._tell()

    def _tell(self) -> None:
        self._typed.stop()
        if self.day != self._told:
            self._told = self.day
            self.changed.emit(self.day)

    def _typing_ended(self) -> None:
        if self._typed.isActive():
            self._tell()
