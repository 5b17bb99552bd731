"""A date field that takes a date typed whole ("2026-06-30"), as a planner types it from a paper or a mail.

Qt's QDateEdit types into the part under the cursor and moves on to the next part once one is typed whole (a
year's four digits): the "-" typed next then moved on once more, so "2026-06-30" typed from the year gave
2026-12-06 (the month kept, the day typed), and typed after a click into the month, or with the cursor at the
end, it gave 2026-06-02 or changed nothing — without a word. Here:

- the "-" typed just after such a move is the one already passed, and is taken as such;
- a date typed over the whole date, or from its start, is typed from its first part;
- three digits typed in a row are no month or day but a year being typed (when a year the field takes and
  a plan holds, 1990–2100, begins so): the date is put back as it was before them and they are typed again from its first part,
  wherever the cursor was. "0715" typed into the month is still July 15: no year begins 071.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit

from ..core.fields import FIRST_YEAR, LAST_YEAR

YEAR_DIGITS = 4
DIGITS = "0123456789"
SEPARATORS = "-/."


class DateEdit(QDateEdit):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._run = ""                     # the digits and separators typed in a row, from _run_from on
        self._run_from: QDate | None = None     # the date before them
        self._run_year = False             # they are typed from the first part (the year)
        self._left: tuple | None = None    # how the last key left the field (changed since, by the wheel, the
                                           # program: what is typed next is a new run)
        self.lineEdit().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.lineEdit() and event.type() == QEvent.Type.MouseButtonPress:
            self._run = ""                 # a click into the date: typed anew
        return super().eventFilter(watched, event)

    def focusInEvent(self, event) -> None:
        self._run = ""                     # the keys coming back: typed anew
        super().focusInEvent(event)

    def keyPressEvent(self, event) -> None:
        text = event.text()
        typed = len(text) == 1 and text in DIGITS + SEPARATORS
        if not typed or self._state() != self._left:
            self._run = ""
        if typed:
            self._typed(event)
        else:
            super().keyPressEvent(event)
        self._left = self._state()

    def _state(self) -> tuple:
        line = self.lineEdit()
        return self.date(), line.cursorPosition(), line.selectionStart(), len(line.selectedText())

    def _typed(self, event) -> None:
        text = event.text()
        if not self._run:
            self._run_from, self._run_year = self.date(), False
        self._run += text
        if text == "-" and self._after_separator():
            return
        if text in DIGITS and self._from_the_start():
            # a date typed over the whole date (all selected, or from its start): from the first part, as
            # Qt would refuse each digit of the year over the whole text, and the "-" then moved on
            self._to_first_part()
        if len(self._run) == 1:
            self._run_year = self.currentSection() == self.sectionAt(0) and self._whole_section_typed()
        if not self._run_year and len(self._run) == YEAR_DIGITS - 1 and self._run.strip(DIGITS) == "" \
                and self._begins_a_year(self._run):
            self._retype_from_the_year()
            return
        super().keyPressEvent(event)

    def _retype_from_the_year(self) -> None:
        """The digits typed in a row, typed again from the year of the date as it was before them."""
        self.setDate(self._run_from)
        self._to_first_part()
        self._run_year = True
        for digit in self._run:
            super().keyPressEvent(QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_0 + int(digit),
                                            Qt.KeyboardModifier.NoModifier, digit))

    def _to_first_part(self) -> None:
        self.setCurrentSection(self.sectionAt(0))
        self.setSelectedSection(self.sectionAt(0))

    def _whole_section_typed(self) -> bool:
        """What is typed replaces the current part (it is selected, or the cursor is at its start)."""
        line = self.lineEdit()
        text = self.sectionText(self.currentSection())
        return line.selectedText() == text or line.cursorPosition() == 0

    def _begins_a_year(self, digits: str) -> bool:
        """A year the field takes, and a plan holds, begins with ``digits``."""
        low = int(digits) * 10 ** (YEAR_DIGITS - len(digits))
        high = low + 10 ** (YEAR_DIGITS - len(digits)) - 1
        return low <= min(self.maximumDate().year(), LAST_YEAR) and high >= max(self.minimumDate().year(), FIRST_YEAR)

    def _from_the_start(self) -> bool:
        line = self.lineEdit()
        if line.hasSelectedText():
            return line.selectionStart() == 0 and len(line.selectedText()) == len(line.text())
        return line.cursorPosition() == 0

    def _after_separator(self) -> bool:
        line = self.lineEdit()
        at = line.selectionStart() if line.hasSelectedText() else line.cursorPosition()
        return at > 0 and line.text()[at - 1] == "-"
