"""Cut, Copy, Paste and Select all in the window.

In the tree they work on nodes: Copy puts the selected node with everything below it on the clipboard
(as OGSM nodes for this program, and as an indented outline for any other); Paste inserts a copy under
the selected node where the grammar allows it, as one undoable command; Cut is Copy, then Delete (one
undoable step). Their shortcuts work in the tree only, so a text field keeps its own Ctrl+C/X/V; from
the Edit menu they go to whatever has the focus: a text field, the numbers grid, a list.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMimeData
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from ...core import copy_paste
from ...core.errors import PlanError
from ...core.model import ALLOWED_CHILDREN, QUANTIFIED
from ..labels import kind_labels
from . import Controller

NODES_MIME = "application/x-ogsm-desktop-nodes+json"


def _text_field(widget: QWidget | None) -> QLineEdit | QTextEdit | QPlainTextEdit | None:
    """The text field behind the focus widget (a line edit, a text box, a spin box's or combo box's field)."""
    if isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
        return widget
    if isinstance(widget, QAbstractSpinBox):
        return widget.findChild(QLineEdit)
    if isinstance(widget, QComboBox) and widget.isEditable():
        return widget.lineEdit()
    return None


def _read_only(field) -> bool:
    return field.isReadOnly()


class ClipboardController(Controller):
    def __init__(self, window):
        super().__init__(window)
        self.kind_names = kind_labels()
        self.holds_nodes = False         # the clipboard holds copied nodes (asked once per change of it)

    def clipboard_changed(self) -> None:
        """Follow the clipboard (the window asks the actions again): asking it on every selection change
        could wait on another program that owns it."""
        mime = QGuiApplication.clipboard().mimeData()
        self.holds_nodes = mime is not None and mime.hasFormat(NODES_MIME)
        self.window.update_actions()

    # ----------------------------------------------------------------- where the command goes
    def _focus(self) -> QWidget | None:
        widget = QApplication.focusWidget()
        return widget if widget is not None and self.window.isAncestorOf(widget) else None

    def _numbers_view(self, widget: QWidget | None) -> bool:
        view = self.window.numbers.view
        return widget is not None and (widget is view or view.isAncestorOf(widget))

    def _other_list(self, widget: QWidget | None) -> QAbstractItemView | None:
        if isinstance(widget, QAbstractItemView) and widget is not self.window.tree_view:
            return widget
        return None

    def _on_nodes(self) -> bool:
        """The commands work on the plan's nodes: the tree has the focus, or nothing that takes them does."""
        widget = self._focus()
        return _text_field(widget) is None and not self._numbers_view(widget) and self._other_list(widget) is None

    # ----------------------------------------------------------------- enabled when
    def can_copy(self) -> bool:
        widget = self._focus()
        if _text_field(widget) is not None or self._numbers_view(widget):
            return True
        view = self._other_list(widget)
        if view is not None:
            return view.currentIndex().isValid()
        return self.window.current_node() is not None

    def can_cut(self) -> bool:
        field = _text_field(self._focus())
        if field is not None:
            return not _read_only(field)
        return self._on_nodes() and self.window.current_node() is not None and self._writable()

    def can_paste(self) -> bool:
        widget = self._focus()
        field = _text_field(widget)
        if field is not None:
            return not _read_only(field)
        if self._numbers_view(widget):
            return True
        return self._on_nodes() and self._writable() and self.holds_nodes

    def can_select_all(self) -> bool:
        widget = self._focus()
        if _text_field(widget) is not None or self._numbers_view(widget):
            return True
        view = self._other_list(widget)
        return view is not None and view.selectionMode() in (QAbstractItemView.SelectionMode.ExtendedSelection,
                                                            QAbstractItemView.SelectionMode.MultiSelection)

    def _writable(self) -> bool:
        return self.session is not None and not self.session.plan.readonly

    # ----------------------------------------------------------------- the commands
    def copy(self) -> None:
        widget = self._focus()
        field = _text_field(widget)
        if field is not None:
            field.copy()
        elif self._numbers_view(widget):
            self.window.numbers.copy()
        elif self._other_list(widget) is not None:
            index = self._other_list(widget).currentIndex()
            QGuiApplication.clipboard().setText(str(index.data() or ""))
        else:
            self.copy_node()

    def cut(self) -> None:
        field = _text_field(self._focus())
        if field is not None:
            field.cut()
        elif self._on_nodes():
            self.cut_node()

    def paste(self) -> None:
        widget = self._focus()
        field = _text_field(widget)
        if field is not None:
            field.paste()
        elif self._numbers_view(widget):
            self.window.numbers.paste()
        elif self._on_nodes():
            self.paste_node()

    def select_all(self) -> None:
        widget = self._focus()
        field = _text_field(widget)
        if field is not None:
            field.selectAll()
        elif self._numbers_view(widget):
            self.window.numbers.view.selectAll()
        elif self._other_list(widget) is not None:
            self._other_list(widget).selectAll()

    # ----------------------------------------------------------------- nodes
    def copy_node(self) -> bool:
        """Put the selected node and its subtree on the clipboard."""
        node, session = self.window.current_node(), self.session
        if node is None:
            return False
        data = copy_paste.snapshot(session.model.tree, node.id, str(session.plan.path or ""))
        mime = QMimeData()
        mime.setData(NODES_MIME, QByteArray(copy_paste.to_json(data).encode("utf-8")))
        mime.setText(copy_paste.outline(data))
        QGuiApplication.clipboard().setMimeData(mime)
        below = copy_paste.count(data) - 1
        text = (self.tr("Copied %1 “%2”") if not below else
                self.tr("Copied %1 “%2” and the %3 node(s) below it").replace("%3", str(below)))
        self.window.statusBar().showMessage(text.replace("%1", node.code).replace("%2", node.title), 8000)
        return True

    def _clip_data(self) -> dict | None:
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None or not mime.hasFormat(NODES_MIME):
            self.window.statusBar().showMessage(self.tr("The clipboard holds no OGSM nodes to paste"), 8000)
            return None
        try:
            return copy_paste.from_json(bytes(mime.data(NODES_MIME).data()))
        except PlanError as exc:
            self.window.show_error(str(exc))
            return None

    def paste_node(self) -> int | None:
        """Paste the copied nodes under the selected node (at the top of the plan when none is selected),
        as one undoable command; returns the new node's id."""
        session = self.session
        if session is None:
            return None
        data = self._clip_data()
        if data is None:
            return None
        parent = self.window.current_node()
        root = data["root"]
        if copy_paste.paste_refusal(parent, data) is not None:
            self._refuse(root, parent)
            return None
        node = session.perform(self.tr("Paste a copy of %1").replace("%1", str(root.get("code", ""))),
                               lambda: copy_paste.paste(session.plan, parent.id if parent else None, data),
                               select=lambda n: n.id)
        if not node:
            return None
        count = copy_paste.count(data)
        text = (self.tr("Pasted a copy of %1 as %2") if count == 1 else
                self.tr("Pasted a copy of %1 as %2, with %3 node(s) below it").replace("%3", str(count - 1)))
        self.window.statusBar().showMessage(text.replace("%1", str(root.get("code", ""))).replace("%2", node.code),
                                            8000)
        return node.id

    def _refuse(self, root: dict, parent) -> None:
        kind = root["kind"]
        places = [self.tr("the top of the plan") if p is None else self.kind_names[p]
                  for p, kids in ALLOWED_CHILDREN.items() if kind in kids]
        where = self.tr("the top of the plan") if parent is None else f"{parent.code} “{parent.title}”"
        text = (self.tr("The copied %1 “%2” cannot be pasted into %3: in an OGSM plan a %1 goes under: %4.\n\n"
                        "Select one of those and paste again.")
                .replace("%1", self.kind_names[kind]).replace("%2", str(root.get("title", "")))
                .replace("%3", where).replace("%4", ", ".join(places)))
        self.window.statusBar().showMessage(text.splitlines()[0], 10000)
        QMessageBox.warning(self.window, self.tr("Cannot paste here"), text)

    def cut_node(self) -> bool:
        """Copy the selected node, then delete it with its subtree (undoable). When measures below it hold
        actual values, which a copy does not carry, ask first."""
        node, session = self.window.current_node(), self.session
        if node is None or session is None:
            return False
        tree = session.model.tree
        subtree = [node, *tree.descendants(node.id)]
        values = sum(1 for n in subtree if n.kind in QUANTIFIED
                     for a in session.plan.actuals.of(n.id) if a.actual is not None)
        if values:
            text = (self.tr("%1 “%2” and what is below it hold %3 actual value(s). A copy carries the plan's "
                            "definitions, not the values: pasting it back does not bring them back (Undo does). "
                            "To move a node with its numbers, drag it, or use Indent and Outdent.\n\nCut anyway?")
                    .replace("%1", node.code).replace("%2", node.title).replace("%3", str(values)))
            answer = QMessageBox.question(self.window, self.tr("Cut"), text,
                                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                          QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return False
        if not self.copy_node():
            return False
        siblings = tree.children.get(node.parent_id, [])
        row = siblings.index(node.id)
        after = siblings[row + 1] if row + 1 < len(siblings) else (siblings[row - 1] if row > 0 else node.parent_id)
        done = session.perform(self.tr("Cut %1").replace("%1", node.code),
                               lambda: session.plan.nodes.delete(node.id), select=lambda _ids: after)
        if done:
            self.window.statusBar().showMessage(self.tr("Cut %1 “%2”: paste it where it should go")
                                                .replace("%1", node.code).replace("%2", node.title), 8000)
        return bool(done)
