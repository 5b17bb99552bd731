"""The alerts panel: every alert with its rule, since when and its numbers; sortable, filtered by org
unit or owner; choosing one selects its node in the cascade."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSize, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyle,
    QStyleOptionComboBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...logs import log_path
from ..models.alerts_model import AlertsModel
from ..models.plan_model import NODE_ID_ROLE
from ..monitor import AlertMonitor
from ..text import in_name_order

SHOWN_AT_MOST = 28      # characters of the org unit or owner a filter box is kept wide enough for


class AlertsPanel(QWidget):
    node_chosen = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.monitor: AlertMonitor | None = None
        self._listed = 0                            # the alerts listed (of the org unit and owner chosen)
        self._keeping = False                       # the alert chosen is being chosen again, listed again
        self.model = AlertsModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("alertsView")
        self.view.setModel(self.model)              # it sorts itself: see AlertsModel
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((130, 80, 180, 70, 110, 70)):
            self.view.setColumnWidth(column, width)
        self.view.selectionModel().currentRowChanged.connect(self._chosen)
        self.view.clicked.connect(self._clicked)    # the alert chosen already, clicked again: its node again
        self.org_unit = QComboBox(self)
        self.org_unit.setObjectName("alertsOrgUnit")
        self.owner = QComboBox(self)
        self.owner.setObjectName("alertsOwner")
        self.count = QLabel(self)
        self.count.setObjectName("alertsCount")
        self.count.setWordWrap(True)
        for combo in (self.org_unit, self.owner):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        top = QHBoxLayout()
        top.addWidget(self.count, 1)
        top.addWidget(self.org_unit)
        top.addWidget(self.owner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view)

    def set_monitor(self, monitor: AlertMonitor | None) -> None:
        if self.monitor is not None:
            self.monitor.changed.disconnect(self.refresh)
            self.monitor.state_changed.disconnect(self._say)
        self.monitor = monitor
        if monitor is not None:
            monitor.changed.connect(self.refresh)
            monitor.state_changed.connect(self._say)
        self.refresh()

    def refresh(self) -> None:
        found = self.monitor.all() if self.monitor else []
        units, owners = set(), set()
        for a in found:                 # (one pass: a big plan has 60,000 alerts)
            node = a.node
            units.add(node.org_unit)
            owners.add(node.owner)
        for combo, values, everyone in ((self.org_unit, units, self.tr("All org units")),
                                        (self.owner, owners, self.tr("All owners"))):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everyone, "")
            for value in in_name_order(v for v in values if v):
                combo.addItem(value, value)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)
            _shows_whole(combo)
        unit, owner = self.org_unit.currentData(), self.owner.currentData()
        shown = found if not unit and not owner else [
            a for a in found if (not unit or a.node.org_unit == unit) and (not owner or a.node.owner == owner)]
        self._list(shown)
        self._listed = len(shown)
        self._say()

    def _list(self, shown: list) -> None:
        """List ``shown``, the alert chosen kept chosen (the same rule of the same node) and the list where it
        was scrolled to: listed again at each edit, the list went back to its start, nothing chosen."""
        view = self.view
        current = view.currentIndex()
        chosen = self.model.key(current.row()) if current.isValid() else None
        scrolled = view.verticalScrollBar().value()
        self.model.set_alerts(shown)
        row = self.model.row_of(chosen) if chosen is not None else None
        if row is None:
            return
        self._keeping = True                       # the tree's chosen node stays (it may be another by now)
        try:
            view.selectionModel().setCurrentIndex(
                self.model.index(row, max(0, current.column())),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        finally:
            self._keeping = False
        view.verticalScrollBar().setValue(scrolled)

    def _say(self) -> None:
        """The count, or that the rules are being checked, or why they could not be; and, when the alerts
        listed are of another as-of date than the window's (while the new ones are worked out, or when they
        could not be), of which."""
        monitor = self.monitor
        if monitor is not None and monitor.error is not None:
            text = (self.tr("The alert rules could not be checked (%1); the log has the details: %2")
                    .replace("%1", monitor.error).replace("%2", str(log_path())))
        elif monitor is not None and not monitor.ready:
            text = self.tr("Checking the alert rules…")
        else:
            text = self.tr("%1 alert(s)").replace("%1", str(self._listed))
        if monitor is not None and monitor.listed_as_of is not None and monitor.listed_as_of != monitor.today:
            text += " " + self.tr("The alerts listed are as of %1.").replace("%1", monitor.listed_as_of.isoformat())
        self.count.setText(text)

    def _clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.node_chosen.emit(index.data(NODE_ID_ROLE))

    def _chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self._keeping:
            self.node_chosen.emit(current.data(NODE_ID_ROLE))


def _shows_whole(combo: QComboBox) -> None:
    """A narrow panel shrinks its filters down to Qt's smallest box, cutting the name shown ("所有部匚", found by a
    tester): never narrower than the name it shows — up to SHOWN_AT_MOST characters (a longer name would keep the
    window from narrowing: it is cut, and whole in the box's tooltip)."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    metrics = combo.fontMetrics()
    width = metrics.horizontalAdvance(combo.currentText())
    most = metrics.averageCharWidth() * SHOWN_AT_MOST
    combo.setToolTip(combo.currentText() if width > most else "")
    text = QSize(min(width, most), metrics.height())
    combo.setMinimumWidth(combo.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, text, combo).width())
