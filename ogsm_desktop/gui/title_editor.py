"""Renaming a node in place (F2): a line editor over the node's title in the tree.

The item model stays read-only (every edit is a command on the plan), so the editor is opened by
hand over the title cell; Enter or leaving it renames the node through ``renamed``, Escape leaves
the title as it was.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QStyledItemDelegate

from .models.plan_model import NODE_ID_ROLE


class TitleEditor(QStyledItemDelegate):
    """The delegate of the tree's title column; :meth:`start` opens its editor on one row."""

    renamed = Signal(int, str)            # node id, the new title

    def __init__(self, view: QAbstractItemView):
        super().__init__(view)
        self.view = view
        self.editing: QPersistentModelIndex | None = None
        self.closeEditor.connect(self._closed)

    def start(self, index: QModelIndex) -> QLineEdit | None:
        """Open the title editor on ``index``'s row, its text selected."""
        if not index.isValid():
            return None
        self.finish()
        index = index.siblingAtColumn(0)
        self.view.scrollTo(index)
        self.editing = QPersistentModelIndex(index)
        self.view.openPersistentEditor(index)
        editor = self.view.indexWidget(index)
        if isinstance(editor, QLineEdit):
            editor.setFocus(Qt.FocusReason.ShortcutFocusReason)
            editor.selectAll()
        return editor

    def finish(self) -> None:
        """Close an open editor without renaming."""
        self._close(None)

    def _close(self, editor) -> None:
        index = QModelIndex(self.editing) if self.editing is not None else QModelIndex()
        self.editing = None
        if not index.isValid():
            return
        editor = editor or self.view.indexWidget(index)
        if editor is not None:
            editor.removeEventFilter(self)     # hiding it must not commit it (losing the focus does)
        self.view.closePersistentEditor(index)

    # ----------------------------------------------------------------- the delegate's part
    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        editor.setObjectName("titleEditor")
        editor.setFrame(False)
        return editor

    def setEditorData(self, editor, index) -> None:
        editor.setText(str(index.data(Qt.ItemDataRole.DisplayRole) or ""))

    def setModelData(self, editor, model, index) -> None:
        text = editor.text().strip()
        node_id = index.data(NODE_ID_ROLE)
        if node_id is not None and text and text != index.data(Qt.ItemDataRole.DisplayRole):
            # after the view has finished with the editor: the rename changes the model under it
            QTimer.singleShot(0, self, lambda: self.renamed.emit(node_id, text))

    def _closed(self, editor, _hint) -> None:
        """Enter, Escape or the focus gone elsewhere: the view is done with the editor."""
        had_focus = editor is not None and editor.hasFocus()
        self._close(editor)
        if had_focus:
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)
