"""A date field that takes a date typed whole ("2026-06-30"), as a planner types it from a paper or a mail.

Qt's QDateEdit types into the part under the cursor and moves on to the next part once one is typed whole (a
year's four digits): the "-" typed next then moved on once more, so "2026-06-30" typed from the year gave
2026-12-06; typed after a click into the month, or with the cursor at the end, it gave 2026-06-02 or changed
nothing; a date that does not exist became another one (2026-02-30 gave 2026-02-03) — each without a word.
Here:

- a click into the date chooses the part clicked (what is typed then replaces it), as a date picker does;
- the "-" typed just after such a move is the one already passed, and is taken as such;
- a date typed over the whole date, or from its start, is typed from its first part;
- four digits typed in a row into the month or the day are no month and day but a year (one of 1990–2100
  that the field takes): the date is put back as it was before them and they are typed again from the year.
  "0715" or "210" typed into the month is still July 15 or February 10;
- what is typed from the year is read as a whole date as it is typed — 2026-7-15, 20260715, a month and a
  day of the year shown (12-31, 0715) — and the field shows that date; one that does not exist (2026-02-30)
  is said beside the field, the date stays as it was and is chosen whole, for the date typed next.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QDate, QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit, QToolTip

from ..core.fields import FIRST_YEAR, LAST_YEAR

YEAR_DIGITS = 4
DIGITS = "0123456789"
SEPARATORS = "-/."
_WHOLE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$|^(\d{4})(\d{2})(\d{2})$")        # 2026-7-15, 20260715
_MONTH_DAY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})$|^(\d{2})(\d{2})$")                     # 7-15, 0715
_YEAR_MONTH = re.compile(r"^(\d{4})[-/.](\d{1,2})$|^(\d{4})(\d{2})$")                     # 2026-7, 202607


class DateEdit(QDateEdit):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._run = ""                     # the digits and separators typed in a row, from _run_from on
        self._run_from: QDate | None = None     # the date before them
        self._run_year = False             # they are typed from the first part (the year): a whole date
        self._year_shown = 0               # the year shown as they began (a month and a day typed are of it)
        self.typing_from: QDate | None = None   # set by a subclass that changes the date as typing begins
                                           # (an empty date starts at today): the date before, put back on a
                                           # refusal
        self._left: tuple | None = None    # how the last key left the field (changed since, by the wheel, the
                                           # program: what is typed next is a new run)
        self.lineEdit().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.lineEdit():
            if event.type() == QEvent.Type.MouseButtonPress:
                self._run = ""             # a click into the date: typed anew
            elif event.type() == QEvent.Type.MouseButtonRelease and not self.lineEdit().hasSelectedText() \
                    and self.currentSection() != QDateEdit.Section.NoSection:
                self.setSelectedSection(self.currentSection())      # the part clicked, chosen whole
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

    @property
    def typing(self) -> bool:
        """Digits or separators are being typed into the date (not yet confirmed: Enter, the keys leaving)."""
        return bool(self._run) and self.hasFocus()

    def _state(self) -> tuple:
        line = self.lineEdit()
        return self.date(), line.cursorPosition(), line.selectionStart(), len(line.selectedText())

    def _typed(self, event) -> None:
        text = event.text()
        if not self._run:
            self._run_from = self.typing_from if self.typing_from is not None else self.date()
            self._year_shown, self._run_year, self.typing_from = self.date().year(), False, None
        self._run += text
        if text == "-" and self._after_separator():
            pass                           # the part was passed already
        elif not self._run_year and len(self._run) == YEAR_DIGITS and self._run.strip(DIGITS) == "" \
                and self._is_a_year(int(self._run)):
            self._retype_from_the_year()
        else:
            if text in DIGITS and self._from_the_start():
                # a date typed over the whole date (all selected, or from its start): from the first part, as
                # Qt would refuse each digit of the year over the whole text, and the "-" then moved on
                self._to_first_part()
            if len(self._run) == 1:
                self._run_year = self.currentSection() == self.sectionAt(0) and self._whole_section_typed()
            super().keyPressEvent(event)
        if self._run_year:
            self._settle()

    def _retype_from_the_year(self) -> None:
        """The digits typed in a row, typed again from the year of the date as it was before them."""
        self.setDate(self._run_from)
        self._to_first_part()
        self._run_year = True
        for digit in self._run:
            super().keyPressEvent(QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_0 + int(digit),
                                            Qt.KeyboardModifier.NoModifier, digit))

    def _settle(self) -> None:
        """What is typed from the year, read as a whole date: shown when it is one, said when it names a day
        that does not exist (the date then stays as it was)."""
        meant = self._meant()
        if meant is None:
            return
        if meant.isValid() and self.minimumDate() <= meant <= self.maximumDate():
            if meant != self.date():
                self.setDate(meant)
            return
        typed, self._run = self._run, ""
        self.setDate(self._run_from)
        self.lineEdit().selectAll()        # what is typed next replaces it whole
        QToolTip.showText(self.mapToGlobal(QPoint(0, self.height())),
                          self.tr("“%1” is not a date here: the date stays as it was").replace("%1", typed), self)

    def _meant(self) -> QDate | None:
        """The date the run typed from the year names (an invalid QDate: a day that does not exist), or None
        while it names none yet."""
        day_too = "d" in self.displayFormat()                # else a month: the year and the month
        found = (_WHOLE if day_too else _YEAR_MONTH).match(self._run)
        if found is None and day_too:
            found = _MONTH_DAY.match(self._run)
            if found is not None and self._run.strip(DIGITS) == "":
                month, day = int(self._run[:2]), int(self._run[2:])
                if self._is_a_year(int(self._run)) or not QDate.isValid(self._year_shown, month, day):
                    return None                               # four digits of a year: a whole date to come
        if found is None:
            return None
        parts = [v for v in found.groups() if v is not None]
        if "0" in parts:
            return None                                       # a month or a day begun ("2026-07-0…")
        numbers = [int(v) for v in parts]
        if not day_too:
            return QDate(numbers[0], numbers[1], 1)
        if len(numbers) == 2:                                 # a month and a day of the year shown
            return QDate(self._year_shown, *numbers)
        return QDate(*numbers)

    def _to_first_part(self) -> None:
        self.setCurrentSection(self.sectionAt(0))
        self.setSelectedSection(self.sectionAt(0))

    def _whole_section_typed(self) -> bool:
        """What is typed replaces the current part (it is selected, or the cursor is at its start)."""
        line = self.lineEdit()
        text = self.sectionText(self.currentSection())
        return line.selectedText() == text or line.cursorPosition() == 0

    def _is_a_year(self, year: int) -> bool:
        """A year the field takes, and a plan holds."""
        return max(self.minimumDate().year(), FIRST_YEAR) <= year <= min(self.maximumDate().year(), LAST_YEAR)

    def _from_the_start(self) -> bool:
        line = self.lineEdit()
        if line.hasSelectedText():
            return line.selectionStart() == 0 and len(line.selectedText()) == len(line.text())
        return line.cursorPosition() == 0

    def _after_separator(self) -> bool:
        line = self.lineEdit()
        at = line.selectionStart() if line.hasSelectedText() else line.cursorPosition()
        return at > 0 and line.text()[at - 1] == "-"
