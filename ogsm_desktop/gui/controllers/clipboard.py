"""Cut, Copy, Paste and Select all in the window.

In the tree they work on nodes: Copy puts the selected node with everything below it on the clipboard
(as OGSM nodes for this program, and as an indented outline for any other); Paste inserts a copy under
the selected node where the grammar allows it, placed as a new node of its kind, as one undoable command
(a big copy is written on a worker thread behind a progress dialog). Cut marks the node (its title
greyed) and deletes nothing: pasting it in the same plan moves it there — the same move as drag and
drop, keeping its id, code, numbers and history —, while Escape or another Copy cancels the cut; pasted
into another plan, or once the node is gone, it is a copy, and the status bar says so. Their shortcuts
work in the tree only, so a text field keeps its own Ctrl+C/X/V; from the Edit menu they go to whatever
has the focus: a text field, the numbers grid, a list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QMimeData, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
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
from ...core.errors import PlanError, PlanFileError
from ...core.model import ALLOWED_CHILDREN, Node, move_refusal
from ..commands import PlanCommand
from ..jobs import run_with_progress
from ..labels import enumeration, kind_labels
from ..text import fill
from . import Controller

if TYPE_CHECKING:
    from ..session import Session

NODES_MIME = "application/x-ogsm-desktop-nodes+json"
CUT_MIME = "application/x-ogsm-desktop-cut"          # beside the nodes when they were cut: the cut's token
BIG_PASTE = 500      # a copy of more nodes is pasted on a worker thread, with progress, without a trial run


@dataclass
class Cut:
    """A node cut in the open plan and not pasted yet; ``token`` names it on the clipboard."""

    session: Session
    node_id: int
    token: str


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


def _cut_token(mime: QMimeData | None) -> str | None:
    """The token of the cut whose nodes the clipboard holds (None: they were copied, or it holds none)."""
    if mime is None or not mime.hasFormat(CUT_MIME):
        return None
    return bytes(mime.data(CUT_MIME).data()).decode("ascii", "replace")


class ClipboardController(Controller):
    def __init__(self, window):
        super().__init__(window)
        self.kind_names = kind_labels()
        self.holds_nodes = False         # the clipboard holds copied nodes (asked once per change of it)
        self.pending_cut: Cut | None = None
        self._escape: QShortcut | None = None

    def clipboard_changed(self) -> None:
        """Follow the clipboard (the window asks the actions again): asking it on every selection change
        could wait on another program that owns it. Anything else put on it ends a cut."""
        mime = QGuiApplication.clipboard().mimeData()
        self.holds_nodes = mime is not None and mime.hasFormat(NODES_MIME)
        if self.pending_cut is not None and _cut_token(mime) != self.pending_cut.token:
            self._mark(None)
        self.window.update_actions()

    # ----------------------------------------------------------------- where the command goes
    def _focus(self) -> QWidget | None:
        widget = QApplication.focusWidget()
        return widget if widget is not None and self.window.isAncestorOf(widget) else None

    def _numbers_view(self, widget: QWidget | None) -> bool:
        if widget is None or not self.window.panels_built:     # (no numbers grid yet: nothing in it has the focus)
            return False
        view = self.window.numbers.view
        return widget is view or view.isAncestorOf(widget)

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
        """Put the selected node and its subtree on the clipboard (ending a cut)."""
        node = self.window.current_node()
        if node is None:
            return False
        self._put(node, None)
        below = len(self.session.model.tree.descendants(node.id))
        text = (fill(self.tr("Copied %1 “%2”"), node.code, node.title) if not below else
                fill(self.tr("Copied %1 “%2” and the %3 node(s) below it"), node.code, node.title, below))
        self.window.statusBar().showMessage(text, 8000)
        return True

    def cut_node(self) -> bool:
        """Mark the selected node as cut: it is put on the clipboard, shown greyed, and moved by the next
        Paste in this plan. Nothing changes in the plan until then."""
        node, session = self.window.current_node(), self.session
        if node is None or session is None:
            return False
        import uuid  # (imported when first used: 6 ms off the start-up)

        token = uuid.uuid4().hex
        self._put(node, token)
        self._mark(Cut(session, node.id, token))
        self.window.statusBar().showMessage(
            fill(self.tr("Cut %1 “%2”: select where it goes and paste (Esc cancels)"), node.code, node.title), 10000)
        return True

    def cancel_cut(self) -> None:
        """Escape in the tree: the cut node stays where it is, and leaves the clipboard."""
        if self.pending_cut is None:
            return
        if _cut_token(QGuiApplication.clipboard().mimeData()) == self.pending_cut.token:
            QGuiApplication.clipboard().clear()
        self._mark(None)
        self.clipboard_changed()
        self.window.statusBar().showMessage(self.tr("Cut cancelled"), 5000)

    def drop_cut(self) -> None:
        """The plan closes: a cut made in it is not one any more (pasted elsewhere, it is a copy)."""
        self._mark(None)

    def _put(self, node: Node, token: str | None) -> None:
        """The node and its subtree on the clipboard (``token``: as the cut it names), ending any cut."""
        session = self.session
        data = copy_paste.snapshot(session.model.tree, node.id, str(session.plan.path or ""))
        mime = QMimeData()
        mime.setData(NODES_MIME, QByteArray(copy_paste.to_json(data).encode("utf-8")))
        if token is not None:
            mime.setData(CUT_MIME, QByteArray(token.encode("ascii")))
        mime.setText(copy_paste.outline(data))
        self._mark(None)
        QGuiApplication.clipboard().setMimeData(mime)

    def _mark(self, cut: Cut | None) -> None:
        self.pending_cut = cut
        self.window.title_editor.set_cut(cut.node_id if cut is not None else None)
        if cut is not None and self._escape is None:
            self._escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.window.tree_view, self.cancel_cut,
                                     context=Qt.ShortcutContext.WidgetShortcut)
        if self._escape is not None:
            self._escape.setEnabled(cut is not None)

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
        """Paste under the selected node (at the top of the plan when none is selected), as one undoable
        command: the cut node moved, or a copy of the copied nodes; returns the node's id."""
        session = self.session
        if session is None:
            return None
        data = self._clip_data()
        if data is None:
            return None
        parent = self.window.current_node()
        token = _cut_token(QGuiApplication.clipboard().mimeData())
        cut = self.pending_cut
        if cut is not None and (cut.token != token or cut.session is not session):
            cut = None
        if cut is not None and cut.node_id in session.model.tree.nodes:
            return self._move(cut, parent)
        root = data["root"]
        if copy_paste.paste_refusal(parent, data) is not None:
            self._refuse(self.tr("The copied %1 “%2” cannot be pasted into %3: in an OGSM plan it goes under: %4.\n\n"
                                 "Select one of those and paste again."), root["kind"], str(root.get("title", "")),
                         parent)
            return None
        code, count = str(root.get("code", "")), copy_paste.count(data)
        text = fill(self.tr("Paste a copy of %1"), code)
        node = (self._paste_big(text, parent, data, count) if count > BIG_PASTE else
                session.perform(text, lambda: copy_paste.paste(session.plan, parent.id if parent else None, data),
                                select=lambda n: n.id))
        if not node:
            return None
        if cut is not None:
            said = fill(self.tr("%1 was deleted after it was cut: pasted a copy of it as %2"), code, node.code)
        elif token is not None and data.get("source") and data.get("source") == str(session.plan.path or ""):
            said = fill(self.tr("%1 was cut before this plan was opened again, and stays where it was: pasted a "
                                "copy of it as %2"), code, node.code)
        elif token is not None:
            said = fill(self.tr("%1 was cut in another plan, which keeps it: pasted a copy of it as %2"), code,
                        node.code)
        elif count == 1:
            said = fill(self.tr("Pasted a copy of %1 as %2"), code, node.code)
        else:
            said = fill(self.tr("Pasted a copy of %1 as %2, with %3 node(s) below it"), code, node.code, count - 1)
        if cut is None and token is None and copy_paste.has_numbers(session.plan, data):
            # (a tester: the monthly targets were left behind without a word)
            said += self.tr(" — without its numbers: actuals and period targets stay with %1").replace("%1", code)
        self.window.statusBar().showMessage(said, 10000)
        return node.id

    def _move(self, cut: Cut, parent: Node | None) -> int | None:
        """Paste the cut node: move it under ``parent`` (as drag and drop moves it), one undoable step."""
        session = self.session
        tree = session.model.tree
        node = tree.nodes[cut.node_id]
        chain = [] if parent is None else [parent.id, *(a.id for a in tree.ancestors(parent.id))]
        if move_refusal(node, parent, chain) is not None:
            if node.id in chain:
                self._refuse(self.tr("The cut %1 “%2” cannot be pasted into %3: it is inside what was cut.\n\n"
                                     "Select a place outside it and paste again."), node.kind, node.title, parent)
            else:
                self._refuse(self.tr("The cut %1 “%2” cannot be pasted into %3: in an OGSM plan it goes under: "
                                     "%4.\n\nSelect one of those and paste again."), node.kind, node.title, parent)
            return None
        parent_id = parent.id if parent is not None else None
        if not session.move([node.id], parent_id, copy_paste.place(tree, node.id, parent_id),
                            text=fill(self.tr("Cut and paste %1"), node.code)):
            return None
        if _cut_token(QGuiApplication.clipboard().mimeData()) == cut.token:
            QGuiApplication.clipboard().clear()          # pasted once, as a cut is
        self._mark(None)
        self.clipboard_changed()
        where = parent.code if parent is not None else self.tr("the top of the plan")
        self.window.statusBar().showMessage(fill(self.tr("Moved %1 “%2” to %3"), node.code, node.title, where), 10000)
        return node.id

    def _paste_big(self, text: str, parent: Node | None, data: dict, count: int) -> Node | None:
        """Paste a big copy on a worker thread behind a progress dialog (the window goes on), in one batch
        that becomes one undoable command; no trial run first: a refusal writes nothing either."""
        session = self.session
        plan, reason, parent_id = session.plan, session.reason, parent.id if parent is not None else None

        def work(progress):
            with plan.batch("edit", reason) as changes:
                top = copy_paste.paste(plan, parent_id, data, progress=progress)
            return changes, top

        job = run_with_progress(self.window, fill(self.tr("Pasting %1 nodes"), f"{count:,}"), work)
        if isinstance(job.error, copy_paste.PasteCancelled):
            self.window.statusBar().showMessage(str(job.error), 10000)
            return None
        if isinstance(job.error, PlanError):
            self.window.show_error(str(job.error), isinstance(job.error, PlanFileError))
            return None
        if job.error is not None:
            raise job.error
        changes, top = job.result
        session.stack.push(PlanCommand(session, text, None, adopt=changes, select_before=session.current_node(),
                                       select_after=lambda _result: top.id))
        return top

    def _refuse(self, template: str, kind, title: str, parent: Node | None) -> None:
        """Say why the node cannot be pasted under ``parent`` (``template``: %1 its kind, %2 its title, %3
        the place, %4 the places the grammar allows)."""
        places = [self.tr("the top of the plan") if p is None else self.kind_names[p]
                  for p, kids in ALLOWED_CHILDREN.items() if kind in kids]
        where = self.tr("the top of the plan") if parent is None else f"{parent.code} “{parent.title}”"
        text = fill(template, self.kind_names[kind], title, where, enumeration(places))
        self.window.statusBar().showMessage(text.splitlines()[0], 10000)
        QMessageBox.warning(self.window, self.tr("Cannot paste here"), text)
