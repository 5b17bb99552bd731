"""The history as a table: the journal of the whole plan (batch by batch, fetched page by page as the
user scrolls) or of one node (every field, move and actual value), newest first."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from ...core import history
from ...core.labels import batch_kind_label

PAGE = 200


class HistoryModel(QAbstractTableModel):
    """Rows of text; the plan-wide view fetches older batches as the user scrolls."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.session = None
        self.node_id: int | None = None
        self.rows: list[tuple[str, ...]] = []
        self._more = False
        self._lines: dict = {}          # the batches' lines read (of the plan ``_lines_of``), by batch id
        self._lines_of = None
        self._plan_headers = [self.tr("When"), self.tr("Who"), self.tr("Kind"), self.tr("Reason"), self.tr("What")]
        self._node_headers = [self.tr("When"), self.tr("Who"), self.tr("Code"), self.tr("What"), self.tr("Old"),
                              self.tr("New"), self.tr("Reason")]

    def load(self, session, node_id: int | None) -> None:
        self.beginResetModel()
        self.session, self.node_id = session, node_id
        self.rows, self._more, self._oldest = [], False, None
        if session is None:
            self._lines, self._lines_of = {}, None
        if session is not None:
            if node_id is None:
                self._fetch_page()
            else:
                code = session.model.tree.nodes[node_id].code if node_id in session.model.tree.nodes else None
                ids = session.plan.nodes.ids_for_code(code) if code else [node_id]
                self.rows = [(c.batch.at[:19].replace("T", " "), c.batch.who, c.code, c.what, c.old, c.new,
                              c.batch.reason) for c in history.node_changes(session.plan, ids or [node_id])]
        self.endResetModel()

    @staticmethod
    def _plan_row(line: history.BatchLine) -> tuple[str, ...]:
        return (line.batch.at[:19].replace("T", " "), line.batch.who, batch_kind_label(line.batch.kind), line.batch.reason,
                line.summary())

    def _page(self) -> list[history.BatchLine]:
        plan = self.session.plan
        if plan is not self._lines_of:
            self._lines, self._lines_of = {}, plan
        return history.batch_page(plan, self._oldest, PAGE, self._lines)

    def _fetch_page(self) -> None:
        page = self._page()
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
        page = self._page()
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
