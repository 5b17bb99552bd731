"""The one item model over the plan tree: rows cached per node, an id → node map, no SQL in views."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ..core.model import Kind, Tree
from ..core.status import Standing
from ..core.store import Plan

COLUMNS = ("title", "code", "owner", "org_unit", "status", "progress")
STATUS_COLOURS = {
    "on_track": "#2e7d32", "at_risk": "#ef8f00", "off_track": "#c62828",
    "done": "#1565c0", "not_started": "#757575", "no_data": "#9e9e9e",
}
NODE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2


class PlanModel(QAbstractItemModel):
    """Read access to a plan as a Qt tree. Internal pointers are node ids (0 = the invisible root)."""

    def __init__(self, plan: Plan, parent=None):
        super().__init__(parent)
        self._headers = (self.tr("Title"), self.tr("Code"), self.tr("Owner"), self.tr("Org unit"),
                         self.tr("Status"), self.tr("Progress"))
        self._status_text = {
            "not_started": self.tr("not started"), "on_track": self.tr("on track"),
            "at_risk": self.tr("at risk"), "off_track": self.tr("off track"),
            "done": self.tr("done"), "no_data": self.tr("no data"),
        }
        self.plan = plan
        self.tree: Tree
        self.standing: dict[int, Standing] = {}
        self._row: dict[int, int] = {}
        self.reload()

    def reload(self) -> None:
        """Read the plan again (after a change made outside the model)."""
        from ..core.status import roll_up

        self.beginResetModel()
        self.tree = self.plan.tree()
        self.standing = roll_up(self.tree, self.plan.latest_actuals())
        self._row = {nid: row for ids in self.tree.children.values() for row, nid in enumerate(ids)}
        self.endResetModel()

    # ----------------------------------------------------------------- structure
    def _node_id(self, index: QModelIndex | QPersistentModelIndex) -> int | None:
        return index.internalId() or None if index.isValid() else None

    def index(self, row: int, column: int, parent=QModelIndex()) -> QModelIndex:
        if column < 0 or column >= len(COLUMNS) or row < 0:
            return QModelIndex()
        kids = self.tree.children.get(self._node_id(parent), [])
        if row >= len(kids):
            return QModelIndex()
        return self.createIndex(row, column, kids[row])

    def parent(self, index=QModelIndex()) -> QModelIndex:
        node_id = self._node_id(index)
        if node_id is None:
            return QModelIndex()
        parent_id = self.tree.nodes[node_id].parent_id
        if parent_id is None:
            return QModelIndex()
        return self.createIndex(self._row[parent_id], 0, parent_id)

    def rowCount(self, parent=QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.tree.children.get(self._node_id(parent), []))

    def columnCount(self, parent=QModelIndex()) -> int:
        return len(COLUMNS)

    def hasChildren(self, parent=QModelIndex()) -> bool:
        return self.rowCount(parent) > 0

    def index_of(self, node_id: int, column: int = 0) -> QModelIndex:
        if node_id not in self.tree.nodes:
            return QModelIndex()
        return self.createIndex(self._row[node_id], column, node_id)

    # ----------------------------------------------------------------- data
    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        node_id = self._node_id(index)
        if node_id is None:
            return None
        node = self.tree.nodes[node_id]
        column = COLUMNS[index.column()]
        if role == NODE_ID_ROLE:
            return node_id
        if role == KIND_ROLE:
            return str(node.kind)
        standing = self.standing.get(node_id)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == "status":
                return self._status_text.get(str(standing.status), str(standing.status)) if standing else ""
            if column == "progress":
                return f"{standing.progress:.0%}" if standing and standing.progress is not None else ""
            if column == "title" and role == Qt.ItemDataRole.ToolTipRole:
                return f"{node.kind} {node.code}: {node.title}"
            return getattr(node, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == "status" and standing:
            return QBrush(QColor(STATUS_COLOURS.get(str(standing.status), "#000000")))
        if role == Qt.ItemDataRole.FontRole and node.kind is Kind.OBJECTIVE and column == "title":
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
