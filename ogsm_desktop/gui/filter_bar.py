"""Find and filter the cascade: text (code, title, description), owner, org unit and status.

Ancestors of a match stay visible so every match is seen in its place in the cascade.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from .plan_model import NODE_ID_ROLE, STATUS_ROLE, PlanModel


class PlanFilter(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.text = ""
        self.owner = ""
        self.org_unit = ""
        self.status = ""

    @property
    def active(self) -> bool:
        return bool(self.text or self.owner or self.org_unit or self.status)

    def set_criteria(self, text: str = "", owner: str = "", org_unit: str = "", status: str = "") -> None:
        self.beginFilterChange()
        self.text, self.owner, self.org_unit, self.status = text.strip().casefold(), owner, org_unit, status
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        if not self.active:
            return True
        model: PlanModel = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        node = model.tree.nodes[index.data(NODE_ID_ROLE)]
        if self.owner and node.owner != self.owner:
            return False
        if self.org_unit and node.org_unit != self.org_unit:
            return False
        if self.status and index.data(STATUS_ROLE) != self.status:
            return False
        if self.text:
            haystack = f"{node.code}\n{node.title}\n{node.description}".casefold()
            return self.text in haystack
        return True


class FilterBar(QWidget):
    """The find field and the owner / org unit / status choices above the tree."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.find = QLineEdit(self)
        self.find.setObjectName("findField")
        self.find.setPlaceholderText(self.tr("Find code, title or description…"))
        self.find.setClearButtonEnabled(True)
        self.owner = QComboBox(self)
        self.owner.setObjectName("ownerFilter")
        self.org_unit = QComboBox(self)
        self.org_unit.setObjectName("orgUnitFilter")
        self.status = QComboBox(self)
        self.status.setObjectName("statusFilter")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.find, 3)
        layout.addWidget(self.owner, 1)
        layout.addWidget(self.org_unit, 1)
        layout.addWidget(self.status, 1)
        self._timer = QTimer(self, singleShot=True, interval=200)     # type-ahead without a stutter
        self._timer.timeout.connect(self.changed)
        self.find.textChanged.connect(lambda _t: self._timer.start())
        for combo in (self.owner, self.org_unit, self.status):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def fill(self, model: PlanModel) -> None:
        """Offer the owners and org units that occur in the plan, and every status."""
        nodes = model.tree.nodes.values()
        for combo, everyone, values in (
            (self.owner, self.tr("All owners"), sorted({n.owner for n in nodes if n.owner})),
            (self.org_unit, self.tr("All org units"), sorted({n.org_unit for n in nodes if n.org_unit})),
            (self.status, self.tr("Any status"), list(model.status_text.items())),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everyone, "")
            for value in values:
                key, text = value if isinstance(value, tuple) else (value, value)
                combo.addItem(text, key)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)

    def criteria(self) -> dict[str, str]:
        return {"text": self.find.text(), "owner": self.owner.currentData() or "",
                "org_unit": self.org_unit.currentData() or "", "status": self.status.currentData() or ""}
