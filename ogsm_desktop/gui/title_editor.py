"""Renaming a node in place (F2): a line editor over the node's title in the tree; and the title of a node
that is cut (waiting for its paste) drawn greyed and in italics, as a file manager shows a cut file.

The item model stays read-only (every edit is a command on the plan), so the editor is opened by
hand over the title cell; Enter or leaving it renames the node through ``renamed``, Escape leaves
the title as it was. :meth:`TitleEditor.commit` takes what is typed at once, for whoever must not
lose it or let it land later: saving a version, closing the plan.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QStyledItemDelegate

from .menu_keys import LendsKeysToTheMenuBar
from .models.plan_model import NODE_ID_ROLE


class TitleEditor(LendsKeysToTheMenuBar, QStyledItemDelegate):
    """The delegate of the tree's title column; :meth:`start` opens its editor on one row."""

    renamed = Signal(int, str)            # node id, the new title
    closed = Signal()                     # the editor open on a row was closed
    typing_changed = Signal()             # a title started (or ended) being typed: see ``typing``

    def __init__(self, view: QAbstractItemView):
        super().__init__(view)
        self.view = view
        self.editing: QPersistentModelIndex | None = None
        self._pending: tuple[int, str] | None = None     # a rename the view handed over, not yet done
        self.cut_id: int | None = None                   # the node shown as cut
        self._watched = None                             # the view's model, followed for the row edited going
        self._typed = False                              # the editor open holds something typed
        self.closeEditor.connect(self._closed)
        self.follow_the_keys()

    def set_cut(self, node_id: int | None) -> None:
        """Show ``node_id``'s title as cut (None: no node is)."""
        if node_id != self.cut_id:
            self.cut_id = node_id
            self.view.viewport().update()

    def start(self, index: QModelIndex) -> QLineEdit | None:
        """Open the title editor on ``index``'s row, its text selected (a title typed on another row
        is taken first)."""
        if not index.isValid():
            return None
        target = QPersistentModelIndex(index.siblingAtColumn(0))
        self.commit()
        index = QModelIndex(target)                  # where the row is after that rename
        if not index.isValid():
            return None
        self.view.scrollTo(index)
        model = self.view.model()
        if model is not self._watched:
            for signal in (model.rowsRemoved, model.modelReset, model.layoutChanged):
                signal.connect(self._row_gone)
            self._watched = model
        self.editing = QPersistentModelIndex(index)
        self.view.openPersistentEditor(index)
        editor = self.view.indexWidget(index)
        if isinstance(editor, QLineEdit):
            editor.setFocus(Qt.FocusReason.ShortcutFocusReason)
            editor.selectAll()
        return editor

    def commit(self) -> bool:
        """Rename the node now with what is typed (and close the editor), through the same ``renamed``
        as Enter; True when a rename was asked for. Without an open editor, a rename the view handed
        over and that waits for the event loop is done now."""
        index = QModelIndex(self.editing) if self.editing is not None else QModelIndex()
        editor = self.view.indexWidget(index) if index.isValid() else None
        if isinstance(editor, QLineEdit):
            self._take(index, editor.text())
        had_focus = editor is not None and editor.hasFocus()
        self._close(editor)
        if had_focus:
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        return self._flush()

    def cancel(self) -> None:
        """Close an open editor without renaming (what Escape does)."""
        self._close(None)

    @property
    def typing(self) -> bool:
        """A title is being typed (and not confirmed) in the editor open."""
        return self.editing is not None and self._typed

    def _edited(self, _text: str) -> None:
        if not self._typed:
            self._typed = True
            self.typing_changed.emit()

    def _close(self, editor) -> None:
        was = self.editing
        index = QModelIndex(was) if was is not None else QModelIndex()
        self.editing = None
        if index.isValid():
            editor = editor or self.view.indexWidget(index)
            if editor is not None:
                editor.removeEventFilter(self)     # hiding it must not commit it (losing the focus does)
            self.view.closePersistentEditor(index)
        if was is not None:
            self.closed.emit()
        if self._typed:
            self._typed = False
            self.typing_changed.emit()

    def _row_gone(self, *_args) -> None:
        """The row edited went (its add undone, the model made again): the view dropped its editor."""
        if self.editing is not None and not self.editing.isValid():
            self._close(None)

    def _take(self, index: QModelIndex, text: str) -> None:
        """Keep ``text`` as the rename of ``index``'s node, when it is a new title (an empty one too, as the
        detail pane takes it: never dropped without a word)."""
        text = text.strip()
        node_id = index.data(NODE_ID_ROLE)
        if node_id is not None and text != (index.data(Qt.ItemDataRole.DisplayRole) or ""):
            self._pending = (node_id, text)

    def _flush(self) -> bool:
        pending, self._pending = self._pending, None
        if pending is None:
            return False
        self.renamed.emit(*pending)
        return True

    # ----------------------------------------------------------------- the delegate's part
    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        if self.cut_id is not None and index.data(NODE_ID_ROLE) == self.cut_id:
            grey = option.palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
            option.palette.setColor(QPalette.ColorRole.Text, grey)
            option.palette.setColor(QPalette.ColorRole.HighlightedText,
                                    option.palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.HighlightedText))
            option.font.setItalic(True)

    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        editor.setObjectName("titleEditor")
        editor.textEdited.connect(self._edited)
        editor.setFrame(False)
        return editor

    def setEditorData(self, editor, index) -> None:
        editor.setText(str(index.data(Qt.ItemDataRole.DisplayRole) or ""))

    def setModelData(self, editor, model, index) -> None:
        self._take(index, editor.text())
        if self._pending is not None:
            # after the view has finished with the editor: the rename changes the model under it
            # (commit() does it at once when it cannot wait)
            QTimer.singleShot(0, self, self._flush)

    def _closed(self, editor, _hint) -> None:
        """Enter, Escape or the focus gone elsewhere: the view is done with the editor."""
        had_focus = editor is not None and editor.hasFocus()
        self._close(editor)
        if had_focus:
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)
