"""The menu bar borrowing the keys (Alt alone, Escape out of one of its menus) is not the user leaving
what they are typing: the value stays being typed, and is taken when the keys go elsewhere (or by the
command chosen, which takes the typing first). Qt's delegates take a cell's value (or refuse it) as soon
as their editor loses the focus to the menu bar; a menu opened over the editor does not take it."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QAbstractItemDelegate, QApplication, QMenuBar, QWidget


class LendsKeysToTheMenuBar:
    """Mixed into a QStyledItemDelegate (before it): call :meth:`follow_the_keys` once in ``__init__``."""

    def follow_the_keys(self) -> None:
        self._lent: QWidget | None = None            # the editor whose keys the menu bar has
        QApplication.instance().focusChanged.connect(self._keys_moved)

    def eventFilter(self, editor, event) -> bool:
        if event.type() == QEvent.Type.FocusOut and isinstance(QApplication.focusWidget(), QMenuBar):
            self._lent = editor
            return False
        return super().eventFilter(editor, event)

    def _keys_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self._lent is not None and not isinstance(new, QMenuBar):
            self.take_lent(unless=new)

    def lent(self) -> QWidget | None:
        """The editor whose keys the menu bar has (None: none)."""
        return self._lent if self._lent is not None and shiboken6.isValid(self._lent) else None

    def take_lent(self, unless: QWidget | None = None) -> None:
        """The value of the editor whose keys the menu bar has, taken now (not when they come back to it:
        ``unless`` is where they went)."""
        editor, self._lent = self._lent, None
        if editor is None or editor is unless or not shiboken6.isValid(editor):
            return                                    # back to the editor (Escape), or the editor is gone
        # (an editor hidden with its dock still holds the number: taken all the same)
        self.commitData.emit(editor)                  # as Qt does when the editor itself is left
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
