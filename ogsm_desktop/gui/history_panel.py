"""The history panel: the journal of the whole plan (batch by batch, fetched page by page) or of the
selected node (every field, move and actual value), newest first, with when, who, what and why."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QCheckBox, QHeaderView, QTableView, QVBoxLayout, QWidget

from ..core import history
from .session import Session

PAGE = 200


class HistoryModel(QAbstractTableModel):
    """Rows of text; the plan-wide view fetches older batches as the user scrolls."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.session: Session | None = None
        self.node_id: int | None = None
        self.rows: list[tuple[str, ...]] = []
        self._more = False
        self._plan_headers = [self.tr("When"), self.tr("Who"), self.tr("Kind"), self.tr("Reason"), self.tr("What")]
        self._node_headers = [self.tr("When"), self.tr("Who"), self.tr("Code"), self.tr("What"), self.tr("Old"),
                              self.tr("New"), self.tr("Reason")]

    def load(self, session: Session | None, node_id: int | None) -> None:
        self.beginResetModel()
        self.session, self.node_id = session, node_id
        self.rows, self._more, self._oldest = [], False, None
        if session is not None:
            if node_id is None:
                self._fetch_page()
            else:
                code = session.model.tree.nodes[node_id].code if node_id in session.model.tree.nodes else None
                ids = session.plan.node_ids_for_code(code) if code else [node_id]
                self.rows = [(c.batch.at[:19].replace("T", " "), c.batch.who, c.code, c.what, c.old, c.new,
                              c.batch.reason) for c in history.node_changes(session.plan, ids or [node_id])]
        self.endResetModel()

    @staticmethod
    def _plan_row(line: history.BatchLine) -> tuple[str, ...]:
        return (line.batch.at[:19].replace("T", " "), line.batch.who, line.batch.kind, line.batch.reason,
                line.summary())

    def _fetch_page(self) -> None:
        page = history.batch_page(self.session.plan, self._oldest, PAGE)
        self._more = len(page) == PAGE
        if page:
            self._oldest = page[-1].batch.id
        self.rows += [self._plan_row(line) for line in page]

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and self.node_id is None and self._more

    def fetchMore(self, parent=QModelIndex()) -> None:
        if not self.canFetchMore(parent):
            return
        start = len(self.rows)
        page = history.batch_page(self.session.plan, self._oldest, PAGE)
        self._more = len(page) == PAGE
        if not page:
            return
        self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
        self._oldest = page[-1].batch.id
        self.rows += [self._plan_row(line) for line in page]
        self.endInsertRows()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return len(self._plan_headers if self.node_id is None else self._node_headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self._plan_headers if self.node_id is None else self._node_headers)[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole) and index.isValid():
            return self.rows[index.row()][index.column()]
        return None


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
