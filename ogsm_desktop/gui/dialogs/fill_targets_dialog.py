"""Fill a goal's or measure's targets over the plan year: the year's target split equally, a linear ramp
from the baseline, the same value each period, or last year's targets — previewed before anything is
written."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
)

from ...core import target_fill
from ...core.calendar import PlanCalendar
from ...core.fields import ValueProblem, parse_amount
from ...core.model import Node
from ..models.numbers_model import exact_text, number_text


class FillTargetsDialog(QDialog):
    def __init__(self, plan, node: Node, calendar: PlanCalendar, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Fill targets of %1").replace("%1", node.code))
        self.node, self.keys = node, calendar.periods(node.frequency)
        self.keys_before = calendar.year_before().periods(node.frequency)
        self.last_year = target_fill.last_year_targets(plan.actuals.of(node.id))
        self.targets: dict[str, float] = {}
        self.method = QComboBox(self)
        self.method.setObjectName("fillMethod")
        self.method.addItem(self.tr("Split the year's target equally"), "equal")
        self.method.addItem(self.tr("Ramp from the baseline up to the target"), "ramp")
        self.method.addItem(self.tr("The same target every period"), "same")
        self.method.addItem(self.tr("Copy last year's targets"), "last_year")
        # a level (averaged or last value) is the same target each period; a sum or a running total splits
        level = node.aggregation != "sum" and node.target_mode != "cumulative"
        self.method.setCurrentIndex(self.method.findData("same" if level else "equal"))
        self.value = QLineEdit(exact_text(node.target), self)
        self.value.setObjectName("fillValue")
        self.preview = QListWidget(self)
        self.preview.setObjectName("fillPreview")
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #c62828")
        form = QFormLayout()
        form.addRow(self.tr("How"), self.method)
        form.addRow(self.tr("Target"), self.value)
        form.addRow(QLabel(self.tr("Cumulative measures get running totals; every period of the plan year "
                                   "(%1) is written.").replace("%1", calendar.label()), self))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.method.currentIndexChanged.connect(self._update)
        self.value.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        method = self.method.currentData()
        self.value.setEnabled(method != "last_year")
        self.preview.clear()
        try:
            value = parse_amount(self.value.text(), self.node.unit, self.node.code) if method != "last_year" else None
            self.targets = target_fill.spread(self.node, self.keys, method, value, self.last_year, self.keys_before)
        except ValueProblem as exc:
            self.targets = {}
            self.problem.setText(str(exc))
        else:
            self.problem.clear()
            self.preview.addItems([f"{p}\t{number_text(v)}" for p, v in self.targets.items()])
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.targets))
