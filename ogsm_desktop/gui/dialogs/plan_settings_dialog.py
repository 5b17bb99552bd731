"""The plan's own settings: its name and the alert defaults (periods below target before an alert, and
the rules switched off for the whole plan). Accepting gives the settings that changed; the window
applies them as one undoable, journaled change."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
)

from ...core import alerts
from ...core.model import ALERT_RULES
from ...core.storage import Plan
from ..labels import rule_labels


class PlanSettingsDialog(QDialog):
    def __init__(self, plan: Plan, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Plan settings"))
        defaults = alerts.AlertDefaults.of(plan)
        self._before = {"name": plan.meta.get("name") or "", **defaults.settings()}
        self.name = QLineEdit(self._before["name"], self)
        self.name.setObjectName("planName")
        self.name.setPlaceholderText(plan.name)
        self.streak = QSpinBox(self)
        self.streak.setObjectName("defaultStreak")
        self.streak.setRange(1, 52)
        self.streak.setValue(defaults.streak)
        self.rules: dict[str, QCheckBox] = {}
        box = QGroupBox(self.tr("Alert rules in use (a measure can switch more off for itself)"), self)
        inner = QVBoxLayout(box)
        for rule, text in ((r, rule_labels()[r]) for r in ALERT_RULES):
            check = QCheckBox(text, box)
            check.setObjectName(f"rule_{rule}")
            check.setChecked(rule not in defaults.off)
            self.rules[rule] = check
            inner.addWidget(check)
        form = QFormLayout()
        form.addRow(self.tr("Plan name"), self.name)
        form.addRow(self.tr("Alert after N periods below target"), self.streak)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(box)
        layout.addWidget(buttons)

    def changed_settings(self) -> dict[str, str | None]:
        """The settings the user changed, as stored (None: remove the setting)."""
        off = frozenset(rule for rule, check in self.rules.items() if not check.isChecked())
        after = {"name": self.name.text().strip(),
                 **alerts.AlertDefaults(self.streak.value(), off).settings()}
        out = {key: value for key, value in after.items() if value != self._before[key]}
        if out.get("name") == "":
            out["name"] = None             # an empty name falls back to the file's name
        return out
