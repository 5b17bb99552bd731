"""The history panel: the journal of the whole plan (batch by batch, fetched page by page) or of the
selected node (every field, move and actual value), newest first, with when, who, what and why."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHeaderView, QTableView, QVBoxLayout, QWidget

from ..models.history_model import HistoryModel
from ..session import Session


class HistoryPanel(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.session: Session | None = None
        self.selected: int | None = None
        self.only_node = QCheckBox(self.tr("Only the selected node"), self)
        self.only_node.setObjectName("historyOnlyNode")
        self.only_node.toggled.connect(lambda _on: self.refresh())
        self.model = HistoryModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("historyView")
        self.view.setModel(self.model)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.only_node)
        layout.addWidget(self.view)

    def set_session(self, session: Session | None) -> None:
        if self.session is not None:
            self.session.changed.disconnect(self.refresh)
        self.session = session
        if session is not None:
            session.changed.connect(self.refresh)
        self.refresh()

    def show_node(self, node_id: int | None) -> None:
        self.selected = node_id
        if self.only_node.isChecked():
            self.refresh()

    def refresh(self, *_args) -> None:
        node = self.selected if self.only_node.isChecked() else None
        if self.only_node.isChecked() and node is None:
            self.model.load(None, None)
            return
        self.model.load(self.session, node)
        for column, width in enumerate((140, 70, 80, 160, 160, 160)):
            if column < self.model.columnCount():
                self.view.setColumnWidth(column, width)
