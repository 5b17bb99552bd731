"""The alerts as a table: rule, code, title, owner, org unit, since when and the numbers behind it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ..labels import rule_labels
from .list_model import ListModel
from .plan_model import NODE_ID_ROLE


class AlertsModel(ListModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.alerts: list = []
        self.rules = rule_labels()
        self.headers = [self.tr("Rule"), self.tr("Code"), self.tr("Title"), self.tr("Owner"), self.tr("Org unit"),
                        self.tr("Since"), self.tr("Details")]

    def set_alerts(self, alerts: list) -> None:
        self.beginResetModel()
        self.alerts = list(alerts)
        self.endResetModel()

    def row_count(self) -> int:
        return len(self.alerts)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        a = self.alerts[index.row()]
        if role == NODE_ID_ROLE:
            return a.node.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (self.rules[a.rule], a.node.code, a.node.title, a.node.owner, a.node.org_unit, a.since,
                    a.message)[index.column()]
        return None
