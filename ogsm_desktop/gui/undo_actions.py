"""Undo and Redo of the window, which first take what is being typed.

QUndoGroup's own actions undo at once: a title typed in a field and not yet confirmed stayed in the field
while the change before it was undone, and went to a node the next undo removed. These actions first end
the typing (it becomes a change of its own, the one undone), then undo; their text says what ("Undo Add
goal") as the group's own do, the mnemonic where the language puts it ("撤销 添加目标(&U)").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QWidget

from .icons import command_icon

_MNEMONIC = re.compile(r"\s*\(&\w\)|&(?=\w)")       # "(&U)" after a CJK word, or the "&" of "&Undo"


def undo_action(parent: QWidget, group: QUndoGroup, bare: str, what: str, before: Callable[[], bool]) -> QAction:
    """``bare`` ("&Undo") when there is nothing to undo, else ``what`` ("&Undo %1") with what the group's active
    stack would undo. ``before`` runs first; when it says False (what was typed was refused), nothing is undone."""
    return _action(parent, bare, what, before, group.undo, group.canUndo, group.undoText,
                   group.canUndoChanged, group.undoTextChanged, "undo", [QKeySequence(QKeySequence.StandardKey.Undo)])


def redo_action(parent: QWidget, group: QUndoGroup, bare: str, what: str, before: Callable[[], bool],
                nothing_left: Callable[[], None]) -> QAction:
    """As :func:`undo_action`. What was typed, taken first, is a new change: like any, it drops what could be
    redone, and ``nothing_left`` says so."""
    return _action(parent, bare, what, before, group.redo, group.canRedo, group.redoText,
                   group.canRedoChanged, group.redoTextChanged, "redo",
                   [QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")], nothing_left)


def _action(parent, bare, what, before, do, can, text, can_changed, text_changed, name, keys,
            nothing_left: Callable[[], None] | None = None) -> QAction:
    action = QAction(parent)
    action.setObjectName(name)
    action.setIcon(command_icon(name))
    action.setShortcuts(keys)

    def show_text(command: str) -> None:
        shown = what.replace("%1", command) if command else bare
        action.setText(shown)
        action.setToolTip(_MNEMONIC.sub("", shown).strip())

    def trigger() -> None:
        if not before():
            return
        if can():
            do()
        elif nothing_left is not None:
            nothing_left()

    show_text(text())
    action.setEnabled(can())
    text_changed.connect(show_text)
    can_changed.connect(action.setEnabled)
    action.triggered.connect(trigger)
    return action
