"""A date field that takes a date typed whole ("2026-06-30"), as a planner types it from a paper or a mail.

Qt's QDateEdit moves on to the next part once one is typed whole (a year's four digits): the "-" typed next
then moved on once more, so "2026-06-30" typed from the year gave 2026-12-06 (the month kept, the day
typed), without a word. The "-" typed just after such a move is the one already passed, and is taken as such;
and a date typed over the whole date, or from its start, is typed from its first part.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDateEdit


class DateEdit(QDateEdit):
    def keyPressEvent(self, event) -> None:
        if event.text() == "-" and self._after_separator():
            return
        if event.text().isdigit() and self._from_the_start():
            # a date typed over the whole date (all selected, or from its start): from the first part, as
            # Qt would refuse each digit of the year over the whole text, and the "-" then moved on
            self.setCurrentSection(self.sectionAt(0))
            self.setSelectedSection(self.sectionAt(0))
        super().keyPressEvent(event)

    def _from_the_start(self) -> bool:
        line = self.lineEdit()
        if line.hasSelectedText():
            return line.selectionStart() == 0 and len(line.selectedText()) == len(line.text())
        return line.cursorPosition() == 0

    def _after_separator(self) -> bool:
        line = self.lineEdit()
        at = line.selectionStart() if line.hasSelectedText() else line.cursorPosition()
        return at > 0 and line.text()[at - 1] == "-"
