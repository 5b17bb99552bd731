"""Versions in the window: save a named version (with its reason and the impact of what changed),
compare any two states side by side, and restore a version (as one journaled, undoable change)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from ...core import versions as ver
from ...core.history import actual_text, change_text, setting_text
from ...core.labels import FIELD_LABELS, labels, setting_label
from ...core.storage import Plan
from ..labels import impact_text
from ..text import fill

SHOW_AT_MOST = 2000
CHANGE_COLOURS = {"added": "#2e7d32", "removed": "#c62828", "moved": "#6a1b9a", "changed": "#1565c0"}


class DiffTree(QTreeWidget):
    """Changes between two states, old (A) and new (B) side by side, each with its impact."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("diffTree")
        self.setHeaderLabels([self.tr("Change"), self.tr("Code"), self.tr("Title"), self.tr("Field"),
                              self.tr("A (old)"), self.tr("B (new)"), self.tr("Impact")])
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(True)
        for column, width in enumerate((80, 90, 220, 90, 200, 200, 260)):
            self.setColumnWidth(column, width)
        self.words = {"added": self.tr("added"), "removed": self.tr("removed"), "moved": self.tr("moved"),
                      "changed": self.tr("changed"), "actuals": self.tr("actuals"), "settings": self.tr("setting")}

    def show_diff(self, diff: ver.Diff) -> str:
        """Fill the tree; returns a one-line summary."""
        self.clear()
        items = []
        fields = labels(FIELD_LABELS)
        for change in diff.nodes[:SHOW_AT_MOST]:
            n = change.node
            item = QTreeWidgetItem([self.words[change.change], n.code, n.title, "", "", "", impact_text(change)])
            item.setForeground(0, QBrush(QColor(CHANGE_COLOURS[change.change])))
            item.setToolTip(2, n.title)
            item.setToolTip(6, item.text(6))
            if change.change == "moved":
                old = change.old_parent.code if change.old_parent else "—"
                new = change.new_parent.code if change.new_parent else "—"
                QTreeWidgetItem(item, ["", "", "", self.tr("parent"), old, new, ""])
            for field, old, new in change.fields:
                child = QTreeWidgetItem(item, ["", "", "", fields.get(field, field), *change_text(field, old, new), ""])
                child.setToolTip(4, "" if old is None else str(old))
                child.setToolTip(5, "" if new is None else str(new))
            items.append(item)
        for key, old, new in diff.settings:
            item = QTreeWidgetItem([self.words["settings"], "", self.tr("plan setting"), setting_label(key),
                                    setting_text(key, old), setting_text(key, new), ""])
            items.append(item)
        for block in diff.actuals[:SHOW_AT_MOST]:
            item = QTreeWidgetItem([self.words["actuals"], block.node.code, block.node.title, "", "", "",
                                    self.tr("%n value(s)", "", len(block.values))])
            for period, old, new in block.values[:200]:
                QTreeWidgetItem(item, ["", "", "", period, actual_text(old), actual_text(new), ""])
            items.append(item)
        self.addTopLevelItems(items)
        if len(items) <= 50:
            self.expandAll()
        counts = diff.counts()
        summary = self.tr("%1 added, %2 removed, %3 moved, %4 changed, %5 actual value(s), %6 plan setting(s)")
        for i, key in enumerate(("added", "removed", "moved", "changed", "actuals", "settings"), start=1):
            summary = summary.replace(f"%{i}", str(counts[key]))
        if len(diff.nodes) > SHOW_AT_MOST or len(diff.actuals) > SHOW_AT_MOST:
            summary += self.tr(" — showing the first %1; `ogsm-desktop diff` lists all").replace("%1", str(SHOW_AT_MOST))
        if diff.empty:
            summary = self.tr("No differences.")
        return summary


def _version_items(combo: QComboBox, plan: Plan, with_now: bool) -> None:
    combo.clear()
    if with_now:
        combo.addItem(QCoreApplication.translate("VersionDialogs", "now (current plan)"), ver.NOW)
    for v in reversed(plan.versions.all()):
        combo.addItem(fill(QCoreApplication.translate("VersionDialogs", "%1 (%2)"), v.name, v.at[:10]), v.name)


def _busy(func):
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return func()
    finally:
        QGuiApplication.restoreOverrideCursor()


class SaveVersionDialog(QDialog):
    """Name and reason (both required), with what changed since the last version and its impact."""

    def __init__(self, plan: Plan, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Save version"))
        self.resize(900, 560)
        self.name = QLineEdit(self)
        self.name.setObjectName("versionName")
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("versionReason")
        self.reason.setFixedHeight(60)
        self.reason.setPlaceholderText(self.tr("Why is this state worth keeping? (required)"))
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Reason"), self.reason)
        self.summary = QLabel(self)
        self.diff = DiffTree(self)
        since = _busy(lambda: ver.changes_since_last_version(plan))
        if since is None:
            self.summary.setText(self.tr("This will be the plan's first version."))
            self.diff.hide()
        else:
            text = self.diff.show_diff(since)
            self.summary.setText(self.tr("Changes since version “%1”: %2").replace("%1", since.a.label).replace("%2", text))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.diff, 1)             # the room the dialog has goes to the changes, not between fields
        if since is None:
            layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.name.textChanged.connect(self._update)
        self.reason.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        ok = bool(self.name.text().strip()) and bool(self.reason.toPlainText().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(ok)


class CompareDialog(QDialog):
    """Any two states side by side: version ↔ version or version ↔ now."""

    def __init__(self, plan: Plan, parent=None, a: str | None = None, b: str = ver.NOW):
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle(self.tr("Compare versions"))
        self.resize(1100, 640)
        self.combo_a, self.combo_b = QComboBox(self), QComboBox(self)
        self.combo_a.setObjectName("compareA")
        self.combo_b.setObjectName("compareB")
        _version_items(self.combo_a, plan, with_now=True)
        _version_items(self.combo_b, plan, with_now=True)
        versions = plan.versions.all()
        self.combo_a.setCurrentIndex(max(0, self.combo_a.findData(a or (versions[-1].name if versions else ver.NOW))))
        self.combo_b.setCurrentIndex(max(0, self.combo_b.findData(b)))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("A (old)"), self))
        top.addWidget(self.combo_a, 1)
        top.addWidget(QLabel(self.tr("B (new)"), self))
        top.addWidget(self.combo_b, 1)
        self.summary = QLabel(self)
        self.summary.setObjectName("compareSummary")
        self.reasons = QLabel(self)
        self.reasons.setWordWrap(True)
        self.diff = DiffTree(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.reasons)
        layout.addWidget(self.diff, 1)
        layout.addWidget(buttons)
        self.combo_a.currentIndexChanged.connect(self.refresh)
        self.combo_b.currentIndexChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        a, b = self.combo_a.currentData(), self.combo_b.currentData()
        diff = _busy(lambda: ver.compare(self.plan, ver.resolve(self.plan, a), ver.resolve(self.plan, b)))
        self.summary.setText(self.diff.show_diff(diff))
        # The reason says what was done (an undo's reason already names it): date, who, reason.
        reasons = list(dict.fromkeys(fill(self.tr("%1 %2: %3"), x.at[:10], x.who, x.reason)     # each once
                                     for x in diff.batches if x.reason and x.kind != "version"))
        self.reasons.setText(fill(self.tr("Why: %1"), " | ".join(reasons[-5:])) if reasons else "")
        self.diff_result = diff


class RestoreDialog(QDialog):
    """Choose a version and say why; shows what the restore will change."""

    def __init__(self, plan: Plan, parent=None):
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle(self.tr("Restore version"))
        self.resize(1000, 600)
        self.version = QComboBox(self)
        self.version.setObjectName("restoreVersion")
        _version_items(self.version, plan, with_now=False)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("restoreReason")
        self.reason.setPlaceholderText(self.tr("Why go back to this version? (required)"))
        self.numbers = QCheckBox(self.tr("Also restore the numbers: actual values recorded since the version are "
                                         "removed or set back"), self)
        self.numbers.setObjectName("restoreNumbers")
        self.kept = QLabel(self)
        self.kept.setObjectName("restoreKept")
        self.kept.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Version"), self.version)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow("", self.numbers)
        self.summary = QLabel(self)
        self.diff = DiffTree(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Restore"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("What the restore changes in the current plan:"), self))
        layout.addWidget(self.summary)
        layout.addWidget(self.kept)
        layout.addWidget(self.diff, 1)
        layout.addWidget(self.buttons)
        self.version.currentIndexChanged.connect(self._preview)
        self.numbers.toggled.connect(self._preview)
        self.reason.textChanged.connect(self._update)
        self._preview()

    def _preview(self) -> None:
        name = self.version.currentData()
        if name is None:
            self.summary.setText(self.tr("The plan has no versions yet."))
            self.kept.clear()
        else:
            _point, diff, _values = _busy(lambda: ver.restore_plan(self.plan, name, self.numbers.isChecked()))
            self.summary.setText(self.diff.show_diff(diff))
            self.kept.setText(self.tr("The plan comes back as it was: its nodes, definitions, settings and the targets "
                                      "of the periods the version knew. %n actual value(s) recorded since stay as "
                                      "they are.", "", diff.kept) if diff.kept else "")
        self._update()

    def _update(self) -> None:
        ok = self.version.currentData() is not None and bool(self.reason.text().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
