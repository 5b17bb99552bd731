"""Where a strategy cascades to: the lower org unit and its owner."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)


class CascadeDialog(QDialog):
    def __init__(self, strategy_title: str, units: list[str], parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Cascade to…"))
        self.org_unit = QComboBox(self)
        self.org_unit.setObjectName("cascadeOrgUnit")
        self.org_unit.setEditable(True)
        self.org_unit.addItems(units)
        self.org_unit.setCurrentText("")
        self.owner = QLineEdit(self)
        self.owner.setObjectName("cascadeOwner")
        form = QFormLayout()
        form.addRow(QLabel(self.tr("“%1” becomes the objective of a lower org unit; its measures become "
                                   "goals there and its actions strategies.").replace("%1", strategy_title), self))
        form.addRow(self.tr("Org unit"), self.org_unit)
        form.addRow(self.tr("Owner"), self.owner)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
