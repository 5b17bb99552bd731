"""The alerts as a table: rule, code, title, owner, org unit, since when and the numbers behind it.

A big plan has tens of thousands of alerts, and an alert's message is written when asked for: the table
answers each cell alone, and sorts itself (the view's sorting asks the model), each row's key worked out
once per sort — not read cell by cell at every comparison, as a sorting proxy does."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ..labels import rule_labels
from .list_model import ListModel
from .plan_model import NODE_ID_ROLE

_TEXT_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)


class AlertsModel(ListModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.alerts: list = []
        self.given: list = []
        self.rules = rule_labels()
        self.headers = [self.tr("Rule"), self.tr("Code"), self.tr("Title"), self.tr("Owner"), self.tr("Org unit"),
                        self.tr("Since"), self.tr("Details")]
        self.order: tuple[int, Qt.SortOrder] | None = None      # the sort asked for last, kept for new alerts

    def set_alerts(self, alerts: list) -> None:
        self.beginResetModel()
        self.given = list(alerts)                  # in the plan's order: what an unsorted table shows
        self.alerts = self._sorted(self.given)
        self.endResetModel()

    def key(self, row: int) -> tuple[int, str]:
        """What names the alert of ``row`` from one listing to the next: its node and its rule."""
        alert = self.alerts[row]
        return alert.node.id, alert.rule

    def row_of(self, key: tuple[int, str]) -> int | None:
        node_id, rule = key
        return next((r for r, a in enumerate(self.alerts) if a.node.id == node_id and a.rule == rule), None)

    def row_count(self) -> int:
        return len(self.alerts)

    def _text(self, alert, column: int) -> str:
        node = alert.node
        if column == 0:
            return self.rules[alert.rule]
        if column == 1:
            return node.code
        if column == 2:
            return node.title
        if column == 3:
            return node.owner
        if column == 4:
            return node.org_unit
        if column == 5:
            return alert.since
        return alert.message

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        a = self.alerts[index.row()]
        if role == NODE_ID_ROLE:
            return a.node.id
        if role in _TEXT_ROLES:
            return self._text(a, index.column())
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the rows by a column's text (a stable sort: ties keep their order), keeping the rows chosen;
        column -1: in the plan's order again."""
        if column >= len(self.headers):
            return
        self.order = (column, order) if column >= 0 else None
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        held = [self.alerts[i.row()] for i in before]
        self.alerts = self._sorted(self.alerts if self.order else self.given)
        row_of = {id(a): r for r, a in enumerate(self.alerts)}
        self.changePersistentIndexList(before, [self.index(row_of[id(a)], i.column()) for a, i in zip(held, before,
                                                                                                        strict=True)])
        self.layoutChanged.emit()

    def _sorted(self, alerts: list) -> list:
        if self.order is None:
            return list(alerts)
        column, order = self.order
        return sorted(alerts, key=lambda a: self._text(a, column), reverse=order == Qt.SortOrder.DescendingOrder)
