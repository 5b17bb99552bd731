"""A date field that takes a date typed whole ("2026-06-30"), as a planner types it from a paper or a mail.

Qt's QDateEdit moves on to the next part once one is typed whole (a year's four digits): the "-" typed next
then moved on once more, so "2026-06-30" typed from the year gave 2026-12-06 (the month kept, the day
typed), without a word. The "-" typed just after such a move is the one already passed, and is taken as such.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDateEdit


class DateEdit(QDateEdit):
    def keyPressEvent(self, event) -> None:
        if event.text() == "-" and self._after_separator():
            return
        super().keyPressEvent(event)

    def _after_separator(self) -> bool:
        line = self.lineEdit()
        at = line.selectionStart() if line.hasSelectedText() else line.cursorPosition()
        return at > 0 and line.text()[at - 1] == "-"
