"""The alert rules switched off for one goal or measure: a button with a checkable list of the rules by
name (translated), never rule codes to type."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QMenu, QSizePolicy, QToolButton

from ...core.fields import rule_set
from ...core.model import ALERT_RULES
from ..labels import enumeration, rule_labels


class RulesField(QToolButton):
    """Shows the rules switched off; ``text()``/``setText()`` speak the stored form (rule codes, comma
    separated) so the detail editor reads and writes it like any text field."""

    chosen = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)   # as wide as the other fields
        self.menu_ = QMenu(self)
        self.actions_ = {}
        for rule, label in rule_labels().items():
            action = self.menu_.addAction(label)
            action.setCheckable(True)
            action.toggled.connect(self._toggled)
            self.actions_[rule] = action
        self.setMenu(self.menu_)
        self._show()

    def text(self) -> str:           # noqa: D102 - the stored form
        return ",".join(rule for rule in ALERT_RULES if self.actions_[rule].isChecked())

    def setText(self, value: str) -> None:  # noqa: N802 - Qt's name, as QLineEdit's
        off = rule_set((value or "").replace(" ", ""))
        for rule, action in self.actions_.items():
            action.blockSignals(True)
            action.setChecked(rule in off)
            action.blockSignals(False)
        self._show()

    def _toggled(self, _checked: bool) -> None:
        self._show()
        self.chosen.emit()

    def _show(self) -> None:
        labels = rule_labels()
        off = [labels[rule] for rule in ALERT_RULES if self.actions_[rule].isChecked()]
        super().setText(enumeration(off) if off else self.tr("none (every rule applies)"))
        self.setToolTip(self.tr("Alert rules switched off for this node; the others follow the plan's settings"))
