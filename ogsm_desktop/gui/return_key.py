"""A cell's value taken the moment Return is pressed in it. Qt 6's delegates take it with a queued call, so
that the editor sees the key first; keys typed ahead of the window (a number, Return, Down, the next digit,
queued while the number before is written) then reach the table before that call. Down takes and closes the
cell itself, the next digit opens the next cell, and the queued call, coming last, ends the editing of that
next cell: the table no longer editing with an editor open, which a refresh then writes over."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QAbstractItemDelegate, QLineEdit

_RETURN = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class TakesReturnAtOnce:
    """Mixed into a QStyledItemDelegate (before it) whose editors are line edits."""

    def eventFilter(self, editor, event) -> bool:
        if (event.type() == QEvent.Type.KeyPress and event.key() in _RETURN and isinstance(editor, QLineEdit)
                and editor.hasAcceptableInput()):
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.SubmitModelCache)
            return True
        return super().eventFilter(editor, event)
