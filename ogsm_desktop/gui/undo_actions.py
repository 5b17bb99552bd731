"""Undo and Redo of the window, which first take what is being typed.

QUndoGroup's own actions undo at once: a title typed in a field and not yet confirmed stayed in the field
while the change before it was undone, and went to a node the next undo removed. These actions first end
the typing (it becomes a change of its own, the one undone), then undo; their text says what ("Undo Add
goal") as the group's own do.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QWidget

from .icons import command_icon


def undo_action(parent: QWidget, group: QUndoGroup, prefix: str, before: Callable[[], None]) -> QAction:
    """"&Undo" + what the group's active stack would undo; ``before`` runs first."""
    return _action(parent, prefix, before, group.undo, group.canUndo, group.undoText,
                   group.canUndoChanged, group.undoTextChanged, "undo", [QKeySequence(QKeySequence.StandardKey.Undo)])


def redo_action(parent: QWidget, group: QUndoGroup, prefix: str, before: Callable[[], None]) -> QAction:
    return _action(parent, prefix, before, group.redo, group.canRedo, group.redoText,
                   group.canRedoChanged, group.redoTextChanged, "redo",
                   [QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])


def _action(parent, prefix, before, do, can, text, can_changed, text_changed, name, keys) -> QAction:
    action = QAction(parent)
    action.setObjectName(name)
    action.setIcon(command_icon(name))
    action.setShortcuts(keys)

    def show_text(what: str) -> None:
        action.setText(f"{prefix} {what}" if what else prefix)

    def trigger() -> None:
        before()
        if can():                      # the typing ended may have changed what there is to undo, never emptied it
            do()

    show_text(text())
    action.setEnabled(can())
    text_changed.connect(show_text)
    can_changed.connect(action.setEnabled)
    action.triggered.connect(trigger)
    return action
