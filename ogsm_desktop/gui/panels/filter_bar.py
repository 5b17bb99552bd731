"""The find field and the owner / org unit / status choices above the cascade tree (the filtering itself
is ``models/plan_filter.py``)."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from ..models.plan_model import PlanModel
from ..text import in_name_order


class _ChoiceBox(QComboBox):
    """A combo box that asks for its choices to be brought up to date just before it opens."""

    about_to_open = Signal()

    def showPopup(self) -> None:
        self.about_to_open.emit()
        super().showPopup()


class FilterBar(QWidget):
    """The find field and the owner / org unit / status choices above the tree."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.find = QLineEdit(self)
        self.find.setObjectName("findField")
        self.find.setPlaceholderText(self.tr("Find code, title or description…"))
        self.find.setClearButtonEnabled(True)
        self.model: PlanModel | None = None
        self.stale = False
        self.owner = _ChoiceBox(self)
        self.owner.setObjectName("ownerFilter")
        self.org_unit = _ChoiceBox(self)
        self.org_unit.setObjectName("orgUnitFilter")
        self.status = _ChoiceBox(self)
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
            combo.about_to_open.connect(self._refill_if_stale)

    def mark_stale(self) -> None:
        """The plan changed: owners and org units are read again when a list is next opened."""
        self.stale = True

    def _refill_if_stale(self) -> None:
        if self.stale and self.model is not None:
            self.fill(self.model)

    def fill(self, model: PlanModel) -> None:
        """Offer the owners and org units that occur in the plan, and every status. The owner or org unit
        filtered by stays offered when no node has it any more (its last node given to someone else), so
        that the list says what the tree is filtered by, and "All" clears it."""
        self.model, self.stale = model, False
        nodes = model.tree.nodes.values()
        owner, unit = self.owner.currentData(), self.org_unit.currentData()
        for combo, everyone, values in (
            (self.owner, self.tr("All owners"),
             in_name_order({n.owner.strip() for n in nodes if n.owner.strip()} | ({owner} - {None, ""}))),
            (self.org_unit, self.tr("All org units"),
             in_name_order({n.org_unit.strip() for n in nodes if n.org_unit.strip()} | ({unit} - {None, ""}))),
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
