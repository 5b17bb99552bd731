"""Choosing what a printed report holds: a pack put together for a review meeting (the board's, a
department's), or which units, which parts, which version."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
)

from ...core.errors import PlanError
from ...core.plan_settings import MonitorSettings
from ...core.report_data import BOARD, DEPARTMENT, ReportOptions, preset_options
from ...core.review import refuse_not_begun, review_period
from ...core.storage import Plan
from .review_dialog import period_choices


class ReportDialog(QDialog):
    def __init__(self, plan: Plan, node_id: int | None, action_text: str, parent=None, as_of=None,
                 paper: str = "a4"):
        super().__init__(parent)
        self.node_id, self.plan, self.as_of = node_id, plan, as_of or dt.date.today()
        self._presets: dict[str, ReportOptions] = {}
        self.setWindowTitle(self.tr("Report"))
        self.preset = QComboBox(self)
        self.preset.setObjectName("reportPreset")
        self.preset.addItem(self.tr("Choose the parts below"), None)
        self.preset.addItem(self.tr("Board pack: cover, company one-page, cascade map, review, alerts, changes"), BOARD)
        if node_id is not None:
            unit = _unit_of(plan, node_id)
            self.preset.addItem(self.tr("Department pack: the same for %1 and everything below it").replace(
                "%1", f"{unit.code} {unit.title}"), DEPARTMENT)
        self.scope = QComboBox(self)
        self.scope.setObjectName("reportScope")
        self.scope.addItem(self.tr("The whole plan"), "plan")
        if node_id is not None:
            self.scope.addItem(self.tr("The selected objective and every unit below it"), "below")
            self.scope.addItem(self.tr("Only the selected objective's one-page OGSM"), "objective")
        self.onepages = QCheckBox(self.tr("One-page OGSM per org unit"), self)
        self.overview = QCheckBox(self.tr("Cascade overview"), self)
        self.charts = QCheckBox(self.tr("Measure charts"), self)
        self.alerts = QCheckBox(self.tr("Alerts"), self)
        self.cascade_map = QCheckBox(self.tr("Cascade map"), self)
        for box in (self.onepages, self.overview, self.charts, self.alerts):
            box.setChecked(True)
        self.version = QComboBox(self)
        self.version.setObjectName("reportVersion")
        self.version.addItem(self.tr("current plan"), None)
        self.since = QComboBox(self)
        self.since.setObjectName("reportChangesSince")
        self.since.addItem(self.tr("(leave out)"), None)
        for v in reversed(plan.versions.all()):
            self.version.addItem(v.name, v.name)
            self.since.addItem(v.name, v.name)
        self.review = QComboBox(self)
        self.review.setObjectName("reportReview")
        self.review.setEditable(True)            # any other month, quarter or year can be typed
        self.review.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.review.setCompleter(None)           # "2026" typed is the year, not completed to "2026-Q4"
        self.review.addItem(self.tr("(leave out)"), None)
        as_of = as_of or dt.date.today()
        for period in period_choices(as_of, MonitorSettings.of(plan).calendar_for(as_of)):
            self.review.addItem(period, period)
        self.review.lineEdit().setPlaceholderText(self.tr("a month, a quarter or a year: 2026-10, 2026Q3, 2026"))
        self.review.editTextChanged.connect(lambda _text: self.problem.hide())
        self.problem = QLabel(self)
        self.problem.setObjectName("reportProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c62828")
        self.problem.hide()
        self.paper = QComboBox(self)
        self.paper.setObjectName("reportPaper")
        self.paper.addItem(self.tr("A4 landscape (297 × 210 mm)"), "a4")
        self.paper.addItem(self.tr("US Letter landscape (11 × 8.5 in)"), "letter")
        self.paper.setCurrentIndex(max(0, self.paper.findData(paper)))
        form = QFormLayout()
        form.addRow(self.tr("Preset"), self.preset)
        form.addRow(self.tr("Units"), self.scope)
        form.addRow(self.tr("Include"), self.onepages)
        form.addRow("", self.overview)
        form.addRow("", self.cascade_map)
        form.addRow("", self.charts)
        form.addRow("", self.alerts)
        form.addRow(self.tr("Changes since version"), self.since)
        form.addRow(self.tr("Review of the period"), self.review)
        form.addRow(self.tr("Print version"), self.version)
        form.addRow(self.tr("Paper"), self.paper)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(action_text)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.preset.currentIndexChanged.connect(self._preset_chosen)

    def _preset_chosen(self) -> None:
        """A pack sets the parts (shown, not to be changed one by one); the period and the version the
        changes are told since stay the user's choice."""
        preset = self.preset.currentData()
        for widget in (self.scope, self.onepages, self.overview, self.cascade_map, self.charts, self.alerts,
                       self.version):
            widget.setEnabled(preset is None)
        self.onepages.setText(self.tr("One-page OGSM of the company") if preset == BOARD
                              else self.tr("One-page OGSM per org unit"))
        if preset is None:
            return
        options = self._preset(preset)
        self.scope.setCurrentIndex(max(0, self.scope.findData("plan" if preset == BOARD else "below")))
        for box, on in ((self.onepages, True), (self.overview, False), (self.cascade_map, True),
                        (self.charts, False), (self.alerts, True)):
            box.setChecked(on)
        self.version.setCurrentIndex(0)
        self.since.setCurrentIndex(max(0, self.since.findData(options.changes_since)))
        self.review.setCurrentIndex(max(0, self.review.findData(options.review)))

    def _preset(self, preset: str) -> ReportOptions:
        """A pack's options, worked out once a dialog (its default version reads the plan's history)."""
        if preset not in self._presets:
            self._presets[preset] = preset_options(self.plan, preset, self.node_id, today=self.as_of)
        return self._presets[preset]

    def review_chosen(self) -> str | None:
        """The review period chosen or typed (its key), None to leave the review out; raises a PlanError
        (or ValueError) saying why what is typed is not a month, a quarter or a year."""
        text = self.review.currentText().strip()
        found = self.review.findText(text)
        if found >= 0:
            return self.review.itemData(found)
        return review_period(text) if text else None

    def accept(self) -> None:
        try:
            if (key := self.review_chosen()) is not None:
                refuse_not_begun(key, self.as_of, MonitorSettings.of(self.plan))
        except (PlanError, ValueError) as exc:
            self.problem.setText(str(exc))
            self.problem.show()
            self.review.setFocus()
            return
        super().accept()

    def options(self) -> ReportOptions:
        preset = self.preset.currentData()
        review = self.review_chosen()
        if preset is not None:
            # ("(leave out)" leaves a pack's review out too)
            options = replace(self._preset(preset), review=review, changes_since=self.since.currentData())
            return options
        return ReportOptions(
            scope=self.scope.currentData(), node_id=self.node_id, onepages=self.onepages.isChecked(),
            overview=self.overview.isChecked(), charts=self.charts.isChecked(), alerts=self.alerts.isChecked(),
            changes_since=self.since.currentData(), version=self.version.currentData(),
            review=review, cascade_map=self.cascade_map.isChecked())


def _unit_of(plan: Plan, node_id: int):
    """The objective whose page the node is on (the node itself for an objective): the unit a department pack
    of it prints."""
    from ...core.model import Kind

    node = plan.nodes.get(node_id)
    while node.kind is not Kind.OBJECTIVE and node.parent_id is not None:
        node = plan.nodes.get(node.parent_id)
    return node
