"""Editing the cascade in the window: add (only what the grammar allows), delete, move up and down,
indent and outdent, cascade a strategy to a lower unit, find. Each is one undoable command."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QMessageBox

from ...core.model import ALLOWED_CHILDREN, QUANTIFIED, Kind
from ..labels import enumeration, kind_labels
from ..text import fill, in_name_order
from . import Controller


class EditingController(Controller):
    def __init__(self, window):
        super().__init__(window)
        self.kind_names = kind_labels()

    def _row(self, node_id: int) -> int:
        return self.session.model.index_of(node_id).row()

    def fill_add_menu(self) -> None:
        """The Add menu: each kind the grammar allows as a child of the selected node or beside it."""
        menu = self.window.add_menu
        menu.clear()
        if self.session is None:
            return
        node = self.window.current_node()
        tree = self.session.model.tree
        places = [(node, self.tr("child"))]
        if node is not None:
            places.append((tree.nodes.get(node.parent_id) if node.parent_id is not None else None, self.tr("sibling")))
        for parent, label in places:
            for kind in ALLOWED_CHILDREN[parent.kind if parent else None]:
                text = self.tr("%1 (%2)").replace("%1", self.kind_names[kind]).replace("%2", label)
                menu.addAction(text, lambda p=parent, k=kind: self.window.finish_typing()    # (as every command)
                               and self.add_node(p.id if p else None, k))

    def add_node(self, parent_id: int | None, kind: Kind, index: int | None = None) -> int | None:
        """Add a ``kind`` node under ``parent_id`` (with its parent's owner and org unit; without ``index``
        among the siblings of its kind) and put the cursor in its title."""
        session = self.session
        title = self.tr("New %1").replace("%1", self.kind_names[kind])
        node = session.perform(self.tr("Add %1").replace("%1", self.kind_names[kind]),
                               lambda: session.plan.nodes.add_new(parent_id, kind, index, title=title),
                               select=lambda n: n.id)
        if not node:
            return None
        if self.window.current_node_id() != node.id:      # (the title field would be another node's)
            return node.id
        title_field = self.window.detail.widgets["title"]
        title_field.setFocus()
        title_field.selectAll()
        return node.id

    def add_child(self) -> None:
        node = self.window.current_node()
        if node is None:
            self.add_node(None, Kind.OBJECTIVE)
        elif ALLOWED_CHILDREN[node.kind]:
            self.add_node(node.id, ALLOWED_CHILDREN[node.kind][-1 if node.kind is Kind.OBJECTIVE else 0])

    def add_sibling(self) -> None:
        node = self.window.current_node()
        if node is not None:
            self.add_node(node.parent_id, node.kind, self._row(node.id) + 1)

    def delete_node(self) -> None:
        node = self.window.current_node()       # with what was typed for it (the action took it): as shown
        if node is None:
            return
        tree = self.session.model.tree
        below = tree.descendants(node.id)
        text = self.tr("Delete %1 “%2”?").replace("%1", self.kind_names[node.kind]).replace("%2", node.title)
        if below:
            codes = enumeration(n.code for n in below[:12]) + (" …" if len(below) > 12 else "")
            text += "\n\n" + (fill(self.tr("The node below it goes with it: %1"), codes) if len(below) == 1 else
                              fill(self.tr("These %1 nodes below it go with it: %2"), len(below), codes))
        counted = sum(len(self.session.plan.actuals.values(n.id)) for n in [node, *below] if n.kind in QUANTIFIED)
        if counted:                    # (an action, a strategy alone: no numbers to speak of)
            if below:
                said = (self.tr("The number recorded for them is deleted too.") if counted == 1 else
                        fill(self.tr("The %1 numbers recorded for them are deleted too."), counted))
            else:
                said = (self.tr("The number recorded for it is deleted too.") if counted == 1 else
                        fill(self.tr("The %1 numbers recorded for it are deleted too."), counted))
            text += "\n\n" + said
        text += "\n\n" + self.tr("You can undo this.")
        answer = QMessageBox.question(self.window, self.tr("Delete"), text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        row = self._row(node.id)
        siblings = tree.children.get(node.parent_id, [])
        after = siblings[row + 1] if row + 1 < len(siblings) else (siblings[row - 1] if row > 0 else node.parent_id)
        self.session.perform(self.tr("Delete %1").replace("%1", node.code),
                             lambda: self.session.plan.nodes.delete(node.id), select=lambda _r: after)

    def move_by(self, step: int) -> None:
        node = self.window.current_node()
        if node is None:
            return
        row = self._row(node.id) + step
        if 0 <= row < len(self.session.model.tree.children.get(node.parent_id, [])):
            text = (self.tr("Move %1 up") if step < 0 else self.tr("Move %1 down")).replace("%1", node.code)
            self.session.move([node.id], node.parent_id, row, text=text)
        else:                          # said where the eye is, without a box to close (pressed once too often)
            self.window.statusBar().showMessage(fill(
                self.tr("%1 is the first under its parent already") if step < 0 else
                self.tr("%1 is the last under its parent already"), node.code), 5000)

    def indent(self) -> None:
        """Make the node the last child of the sibling above it."""
        node = self.window.current_node()
        if node is None:
            return
        row = self._row(node.id)
        if row == 0:
            self.window.show_error(self.tr("%1 has no sibling above it to move under").replace("%1", node.code))
            return
        new_parent = self.session.model.tree.children[node.parent_id][row - 1]
        self.session.move([node.id], new_parent, None, text=self.tr("Indent %1").replace("%1", node.code))

    def outdent(self) -> None:
        """Make the node the sibling right after its parent."""
        node = self.window.current_node()
        if node is None:
            return
        if node.parent_id is None:
            self.window.show_error(self.tr("%1 is at the top of the plan already").replace("%1", node.code))
            return
        parent = self.session.model.tree.nodes[node.parent_id]
        self.session.move([node.id], parent.parent_id, self._row(parent.id) + 1,
                          text=self.tr("Outdent %1").replace("%1", node.code))

    def cascade_to(self) -> None:
        node = self.window.current_node()
        if node is None or node.kind is not Kind.STRATEGY:
            return
        from ...core.cascade import cascade, default_reason  # (imported when asked for: start-up)
        from ..dialogs.cascade_dialog import CascadeDialog

        units = in_name_order({n.org_unit for n in self.session.model.tree.nodes.values() if n.org_unit})
        dialog = CascadeDialog(node.title, units, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        unit, owner = dialog.org_unit.currentText(), dialog.owner.text()
        session = self.session
        reason = session.reason or default_reason(node.code, unit)
        session.perform(self.tr("Cascade %1").replace("%1", node.code),
                        lambda: cascade(session.plan, node.id, unit, owner, reason),
                        kind="cascade", reason=reason, select=lambda obj: obj.id)

    def focus_find(self) -> None:
        find = self.window.filter_bar.find
        find.setFocus()
        find.selectAll()

    # ----------------------------------------------------------------- renaming in the tree (F2)
    def rename_in_place(self) -> None:
        """Open the title editor over the selected node in the tree."""
        if self.window.current_node() is not None:
            self.window.title_editor.start(self.window.tree_view.currentIndex())

    def rename(self, node_id: int, title: str) -> bool:
        """Give the node a new title, as one undoable command."""
        session = self.session
        if session is None or node_id not in session.model.tree.nodes:
            return False
        code = session.model.tree.nodes[node_id].code
        return bool(session.perform(self.tr("Rename %1").replace("%1", code),
                                    lambda: session.plan.nodes.update(node_id, title=title),
                                    select=lambda _node: node_id))
