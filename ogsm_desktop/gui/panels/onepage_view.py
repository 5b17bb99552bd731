"""The one-page OGSM of the objective the selected node belongs to (Objective | Goals | Strategies |
Measures & actions), refreshed when the plan changes and when its statuses are judged again (another
as-of date; a big plan's progress arriving)."""

from __future__ import annotations

from PySide6.QtWidgets import QTextBrowser

from ...core.model import Kind
from ...core.onepage import OnePage
from ..labels import plan_labels
from ..session import Session


class OnePageView(QTextBrowser):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.session: Session | None = None
        self.node_id: int | None = None          # the node chosen
        self.objective_id: int | None = None     # the objective whose page is shown: the node's
        self.setPlaceholderText(self.tr("Select a node to see the one-page OGSM of its objective."))

    def set_session(self, session: Session | None) -> None:
        if self.session is not None:
            self.session.changed.disconnect(self._changed)
            self.session.model.judged.disconnect(self._refresh)
        self.session = session
        self.node_id = self.objective_id = None
        if session is not None:
            session.changed.connect(self._changed)
            session.model.judged.connect(self._refresh)
        self.clear()

    def show_node(self, node_id: int | None) -> None:
        self.node_id = node_id
        self._refresh()

    def _objective(self) -> int | None:
        """The objective the node chosen belongs to now (a change may have moved it under another)."""
        model = self.session.model if self.session else None
        if model is None or self.node_id not in model.tree.nodes:
            return None
        node = model.tree.nodes[self.node_id]
        while node.kind is not Kind.OBJECTIVE:
            node = model.tree.nodes[node.parent_id]
        return node.id

    def html(self) -> str:
        model = self.session.model
        page = OnePage(model.tree, model.standing, plan_labels())
        return page.html(self.objective_id)

    def _changed(self, changes) -> None:
        if changes.nodes_changed or changes.actuals_changed:      # the page's shape, statuses, latest values
            self._refresh()

    def _refresh(self) -> None:
        self.objective_id = self._objective()
        if self.objective_id is None:
            self.clear()
            return
        scroll = self.verticalScrollBar().value()
        self.setHtml(self.html())
        self.verticalScrollBar().setValue(scroll)
