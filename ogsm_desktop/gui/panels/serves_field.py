"""A cascaded goal's link to the measure above it: which measure of the strategy above it serves, and —
when that measure's title or target changed since the goal was set — what changed, with "Seen" to take
the change in. Each choice is one undoable, journaled edit."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...core.cascade import serving
from ...core.lint import serving_changed
from ...core.model import QUANTIFIED, Kind, Node
from ..text import fill


class ServesField(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.session = None
        self.goal: Node | None = None
        self.choice = QComboBox(self)
        self.choice.setObjectName("servesChoice")
        self.choice.activated.connect(self._chosen)
        self.seen = QPushButton(self.tr("Seen"), self)
        self.seen.setObjectName("servesSeen")
        self.seen.setToolTip(self.tr("Take in the change above: this goal has been checked against it"))
        self.seen.clicked.connect(self._seen)
        self.note = QLabel(self)
        self.note.setObjectName("servesNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #c62828")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.choice, 1)
        row.addWidget(self.seen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.note)

    def candidates(self, goal: Node) -> list[Node]:
        """The measures (and goals) of the strategy above the goal's objective."""
        tree = self.session.model.tree
        objective = tree.nodes.get(goal.parent_id)
        strategy = tree.nodes.get(objective.parent_id) if objective and objective.parent_id is not None else None
        if strategy is None or strategy.kind is not Kind.STRATEGY:
            return []
        return [k for k in tree.kids(strategy.id) if k.kind in QUANTIFIED]

    def show_goal(self, session, goal: Node | None) -> None:
        self.session, self.goal = session, goal
        self.choice.clear()
        self.note.clear()
        self.seen.hide()
        if goal is None:
            return
        self.choice.addItem(self.tr("(no link)"), None)
        for node in self.candidates(goal):
            self.choice.addItem(f"{node.code} {node.title}", node.id)
        tree = session.model.tree
        if goal.serves_id is not None and self.choice.findData(goal.serves_id) < 0:
            above = tree.nodes.get(goal.serves_id)            # linked elsewhere (moved, or deleted since)
            self.choice.addItem(f"{above.code} {above.title}" if above else self.tr("(deleted)"), goal.serves_id)
        self.choice.setCurrentIndex(max(0, self.choice.findData(goal.serves_id)))
        changed = serving_changed(tree, goal)
        if changed:
            self.note.setText(changed)
            self.seen.setVisible(goal.serves_id in tree.nodes)

    def _update(self, text: str, fields: dict) -> None:
        goal, session = self.goal, self.session
        session.perform(fill(text, goal.code), lambda: session.plan.nodes.update(goal.id, carried=True, **fields),
                        select=lambda _r: goal.id)

    def _chosen(self, _index: int) -> None:
        target = self.choice.currentData()
        if self.goal is None or target == self.goal.serves_id:
            return
        if target is None:
            self._update(self.tr("Unlink %1 from the measure above"),
                         {"serves_id": None, "serves_title": "", "serves_target": None})
        else:
            self._update(self.tr("Link %1 to the measure above"), serving(self.session.model.tree.nodes[target]))

    def _seen(self) -> None:
        above = self.session.model.tree.nodes.get(self.goal.serves_id) if self.goal else None
        if above is not None:
            self._update(self.tr("Take in the change above %1"), serving(above))
