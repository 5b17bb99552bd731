"""The tree shown while a big plan opens: its rows as a glance reads them (``core/storage/glance.py``),
a parent's children when it is first expanded. Read-only, without statuses; the plan model takes its
place when the plan is checked and loaded (``gui/opening.py``)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt

from ...core.model import Kind
from ...core.storage.glance import Glance, GlanceRow
from .. import icons
from .plan_model import COLUMNS, KIND_ROLE, NODE_ID_ROLE, column_headers


class GlanceModel(QAbstractItemModel):
    """Internal ids are node ids, as in the plan model (0 is the top)."""

    def __init__(self, glance: Glance, parent=None):
        super().__init__(parent)
        self.glance = glance
        self._headers = column_headers()
        self._rows: dict[int, GlanceRow] = {}
        self._parent: dict[int, int] = {}            # node id → its parent's id (0: the top)
        self._children: dict[int, list[int]] = {}    # read when first asked for

    def close(self) -> None:
        self.glance.close()

    def _under(self, parent_id: int) -> list[int]:
        ids = self._children.get(parent_id)
        if ids is None:
            rows = self.glance.children(parent_id or None)
            ids = self._children[parent_id] = [row.id for row in rows if row.id not in self._rows]
            for row in rows:
                self._rows.setdefault(row.id, row)
                self._parent.setdefault(row.id, parent_id)
        return ids

    def expanded_ids(self, is_expanded) -> list[int]:
        """The nodes read so far for which ``is_expanded(index)`` holds, parents before children."""
        return [nid for parent in list(self._children) for nid in self._children[parent]
                if nid in self._children and is_expanded(self.index_of(nid))]

    def index_of(self, node_id: int) -> QModelIndex:
        parent = self._parent.get(node_id)
        if parent is None:
            return QModelIndex()
        return self.createIndex(self._children[parent].index(node_id), 0, node_id)

    # ----------------------------------------------------------------- the model
    def index(self, row: int, column: int, parent=QModelIndex()) -> QModelIndex:
        ids = self._under(parent.internalId() if parent.isValid() else 0)
        if 0 <= row < len(ids) and 0 <= column < len(COLUMNS):
            return self.createIndex(row, column, ids[row])
        return QModelIndex()

    def parent(self, index=QModelIndex()) -> QModelIndex:
        if not index.isValid():
            return QModelIndex()
        parent = self._parent.get(index.internalId(), 0)
        return self.index_of(parent) if parent else QModelIndex()

    def rowCount(self, parent=QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._under(parent.internalId() if parent.isValid() else 0))

    def hasChildren(self, parent=QModelIndex()) -> bool:
        if not parent.isValid():
            return True
        row = self._rows.get(parent.internalId())
        return parent.column() == 0 and row is not None and row.has_children

    def columnCount(self, _parent=QModelIndex()) -> int:
        return len(COLUMNS)

    def flags(self, index) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable if index.isValid() else Qt.ItemFlag.NoItemFlags

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        row = self._rows.get(index.internalId()) if index.isValid() else None
        if row is None:
            return None
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole and column in ("title", "code", "owner", "org_unit"):
            return getattr(row, column)
        if role == NODE_ID_ROLE:
            return row.id
        if role == KIND_ROLE:
            return row.kind
        if role == Qt.ItemDataRole.DecorationRole and column == "title":
            try:
                return icons.kind_icon(Kind(row.kind))
            except ValueError:            # not a kind of node: the open beside says what is wrong
                return None
        return None
