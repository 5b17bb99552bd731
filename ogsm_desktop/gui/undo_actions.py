"""Undo and Redo of the window, which first take what is being typed.

QUndoGroup's own actions undo at once: a title typed in a field and not yet confirmed stayed in the field
while the change before it was undone, and went to a node the next undo removed. These actions first end
the typing (it becomes a change of its own, the one undone), then undo. Their text says what ("Undo Add
goal"), as the group's own do, with the mnemonic where the language puts it ("撤销 添加目标(&U)"). While a
value is being typed, Undo is of the typing ("Undo typing"), and Redo has nothing to redo: the typing, as
any new change, drops what could be redone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup

from .icons import command_icon
from .text import name_command


@dataclass
class Words:
    """What the actions say: ``undo``/``redo`` alone ("&Undo"), with what (``undo_what``: "&Undo %1"), and
    what the typing is called (``typing``)."""

    undo: str
    undo_what: str
    redo: str
    redo_what: str
    typing: str


class UndoRedo(QObject):
    stepped = Signal(bool, str)         # a step undone (True) or redone, and its text ("Move C-S1")

    """The window's Undo and Redo actions over ``group``. ``before()`` takes what is typed, False when it was
    refused (then nothing is undone); ``drop()`` leaves out what is typed (an Undo of a refused typing: the
    field shows what the plan holds); ``typing()`` says whether a value is being typed (call :meth:`refresh`
    when that changes); ``nothing_left()`` says that a Redo found nothing left to redo."""

    def __init__(self, parent, group: QUndoGroup, words: Words, before: Callable[[], bool],
                 typing: Callable[[], bool], nothing_left: Callable[[], None], drop: Callable[[], None]):
        super().__init__(parent)
        self.group, self.words, self._before, self._typing, self._nothing_left = group, words, before, typing, nothing_left
        self._drop = drop
        self.undo = self._action(parent, "undo", [QKeySequence(QKeySequence.StandardKey.Undo)], self._undo)
        self.redo = self._action(parent, "redo", [QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")], self._redo)
        for signal in (group.canUndoChanged, group.canRedoChanged, group.undoTextChanged, group.redoTextChanged):
            signal.connect(self.refresh)
        self.refresh()

    @staticmethod
    def _action(parent, name: str, keys, slot) -> QAction:
        action = QAction(parent)
        action.setObjectName(name)
        action.setIcon(command_icon(name))
        action.setShortcuts(keys)
        action.triggered.connect(slot)
        return action

    def refresh(self, *_args) -> None:
        words, group, typing = self.words, self.group, self._typing()
        self._show(self.undo, words.undo, words.undo_what, words.typing if typing else group.undoText())
        self.undo.setEnabled(typing or group.canUndo())
        self._show(self.redo, words.redo, words.redo_what, "" if typing else group.redoText())
        self.redo.setEnabled(not typing and group.canRedo())

    @staticmethod
    def _show(action: QAction, bare: str, what: str, command: str) -> None:
        """The text: ``what`` with ``command`` (its "&" shown as one: R&D), else ``bare``."""
        name_command(action, what.replace("%1", command.replace("&", "&&")) if command else bare)

    def _undo(self) -> None:
        typed, before = self._typing(), self._mark()
        if not self._before():
            # refused (and said): undoing the typing is leaving it out; a cell given back to be corrected took
            # it again at every Undo, said the same refusal and undid nothing (found by a tester)
            self._drop()
            return
        if typed and self._mark() == before:      # what was typed changed nothing: undoing it was all
            return
        if self.group.canUndo():
            text = self.group.undoText()
            self.group.undo()
            self.stepped.emit(True, text)

    def _mark(self) -> tuple | None:
        stack = self.group.activeStack()
        return (stack.count(), stack.index()) if stack is not None else None

    def _redo(self) -> None:
        if not self._before():
            return
        if self.group.canRedo():
            text = self.group.redoText()
            self.group.redo()
            self.stepped.emit(False, text)
        else:
            self._nothing_left()
