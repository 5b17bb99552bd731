"""The main window: the cascade tree with find and filter, the detail editor, the one-page OGSM view and
the dashboard, the History and Alerts docks, the menus and the toolbar.

The window lays things out and wires them to the open plan's session; what each command does lives in
the controllers (``controllers/``), and the commands themselves in one table (``actions.py``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME
from .actions import Actions
from .controllers.editing import EditingController
from .controllers.excel import ExcelController
from .controllers.files import FilesController
from .controllers.plan_settings import PlanSettingsController
from .controllers.reports import ReportsController
from .controllers.versions import VersionsController
from .models.plan_filter import PlanFilter
from .models.plan_model import NODE_ID_ROLE
from .monitor import AlertMonitor
from .panels.alerts_panel import AlertsPanel
from .panels.as_of_bar import AsOfBar
from .panels.dashboard import Dashboard
from .panels.detail_editor import DetailEditor
from .panels.filter_bar import FilterBar
from .panels.history_panel import HistoryPanel
from .panels.numbers_panel import NumbersPanel
from .panels.onepage_view import OnePageView
from .session import Session
from .settings import Settings


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.session: Session | None = None
        self.monitor: AlertMonitor | None = None
        self.undo_group = QUndoGroup(self)
        self.files, self.editing, self.versions = FilesController(self), EditingController(self), VersionsController(self)
        self.excel, self.reports = ExcelController(self), ReportsController(self)
        self.plan_settings = PlanSettingsController(self)
        self._build_widgets()
        self.actionset = Actions(self)
        self._build_undo()
        self._build_menus()
        self._restore_layout()
        self.tree_view.selectionModel().currentChanged.connect(self._current_changed)
        self.setWindowTitle(f"{APP_NAME}[*]")
        self.undo_group.cleanChanged.connect(lambda clean: self.setWindowModified(not clean))
        self.update_actions()

    # ----------------------------------------------------------------- building
    def _build_widgets(self) -> None:
        self.filter_bar = FilterBar(self)
        self.proxy = PlanFilter(self)
        self.tree_view = QTreeView(self)
        self.tree_view.setObjectName("cascadeTree")
        self.tree_view.setUniformRowHeights(True)      # big plans scroll smoothly
        self.tree_view.setAlternatingRowColors(True)
        self.tree_view.setModel(self.proxy)
        self.tree_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree_view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.tree_view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree_view.setDropIndicatorShown(True)
        self.tree_view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.filter_bar.changed.connect(self._apply_filter)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(4, 4, 4, 4)
        left_layout.addWidget(self.filter_bar)
        left_layout.addWidget(self.tree_view)
        self.detail = DetailEditor(None, self)
        self.onepage = OnePageView(self)
        self.dashboard = Dashboard(self)
        self.views = QTabWidget(self)
        self.views.setObjectName("viewTabs")
        self.views.addTab(self.onepage, self.tr("One-page OGSM"))
        self.views.addTab(self.dashboard, self.tr("Dashboard"))
        self.right = QSplitter(Qt.Orientation.Vertical, self)
        self.right.setObjectName("rightSplitter")
        self.right.addWidget(self.detail)
        self.right.addWidget(self.views)
        self.right.setSizes([330, 470])
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.right)
        self.splitter.setSizes([720, 560])
        self.setCentralWidget(self.splitter)
        self.history = HistoryPanel(self)
        self.history_dock = self._dock(self.history, self.tr("History"), "historyDock")
        self.alerts = AlertsPanel(self)
        self.alerts.node_chosen.connect(self.select_node)
        self.alerts_dock = self._dock(self.alerts, self.tr("Alerts"), "alertsDock")
        self.numbers = NumbersPanel(self)
        self.numbers_dock = self._dock(self.numbers, self.tr("Numbers"), "numbersDock")
        self.tabifyDockWidget(self.history_dock, self.alerts_dock)
        self.tabifyDockWidget(self.history_dock, self.numbers_dock)
        self.numbers_dock.raise_()
        self._build_as_of()
        self.reason_field = QLineEdit(self)
        self.reason_field.setObjectName("reasonField")
        self.reason_field.setPlaceholderText(self.tr("Reason for the next changes (kept in the history)"))
        self.reason_field.setClearButtonEnabled(True)
        self.reason_field.setToolTip(self.tr("Every change you make is journaled with this reason, until you clear it "
                                             "or open another plan."))
        self.reason_field.setProperty("inUse", False)
        self.reason_field.setStyleSheet('QLineEdit[inUse="true"] { background: #fff3cd; }')
        self.reason_field.textChanged.connect(self._reason_changed)

    def _build_as_of(self) -> None:
        self.as_of_bar = AsOfBar(self)
        self.as_of_bar.changed.connect(self._as_of_changed)
        self.statusBar().addPermanentWidget(self.as_of_bar)

    @property
    def as_of(self) -> dt.date:
        return self.as_of_bar.day

    def set_as_of(self, day: dt.date) -> None:
        self.as_of_bar.set_day(day)

    def _as_of_changed(self, day: dt.date) -> None:
        if self.session is not None:
            self.session.model.set_as_of(day)
            if self.monitor is not None:
                self.monitor.set_as_of(day)

    def _dock(self, widget: QWidget, title: str, name: str) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        return dock

    def _build_undo(self) -> None:
        self.undo_action = self.undo_group.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setObjectName("undo")
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.redo_action = self.undo_group.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setObjectName("redo")
        self.redo_action.setShortcut(QKeySequence("Ctrl+Shift+Z"))

    def _build_menus(self) -> None:
        a, bar = self.actionset, self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addActions(a.some("newPlan", "openPlan"))
        self.recent_menu = file_menu.addMenu(self.tr("Open &recent"))
        self.recent_menu.aboutToShow.connect(self.files.fill_recent)
        file_menu.addActions(a.some("saveAs", "checkPlan"))
        for group in (("importExcel", "exportExcel"), ("printPreview", "print", "exportPdf"), ("quit",)):
            file_menu.addSeparator()
            file_menu.addActions(a.some(*group))
        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addAction(a["find"])
        plan_menu = bar.addMenu(self.tr("&Plan"))
        self.add_menu = plan_menu.addMenu(self.tr("Add"))
        self.add_menu.aboutToShow.connect(self.editing.fill_add_menu)
        for group in (("addChild", "addSibling", "deleteNode"), ("moveUp", "moveDown", "indent", "outdent"),
                      ("cascade",), ("review", "planSettings")):
            plan_menu.addActions(a.some(*group))
            plan_menu.addSeparator()
        bar.addMenu(self.tr("&Versions")).addActions(a.some("saveVersion", "compare", "restore"))
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addActions(a.some("expand1", "expand2", "expand3", "expand4", "expandAll", "collapseAll"))
        view_menu.addSeparator()
        view_menu.addActions([self.numbers_dock.toggleViewAction(), self.history_dock.toggleViewAction(),
                              self.alerts_dock.toggleViewAction()])
        self.tree_view.addActions(a.some("addChild", "addSibling", "deleteNode", "cascade", "moveUp", "moveDown",
                                         "indent", "outdent"))           # their shortcuts work in the tree only
        toolbar = QToolBar(self.tr("Main"), self)
        toolbar.setObjectName("mainToolbar")
        toolbar.addActions([self.undo_action, self.redo_action])
        for group in (("addChild", "addSibling", "deleteNode", "cascade"), ("saveVersion", "compare")):
            toolbar.addSeparator()
            toolbar.addActions(a.some(*group))
        toolbar.addSeparator()
        toolbar.addWidget(self.reason_field)
        self.addToolBar(toolbar)

    def action(self, name: str):
        return self.actionset[name]

    def _restore_layout(self) -> None:
        geometry = self.settings.geometry
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
            self.resizeDocks([self.history_dock], [300], Qt.Orientation.Vertical)
        state = self.settings.state("state")
        if state is not None:
            self.restoreState(state)
        self._splitters_restored = False

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._splitters_restored:      # once the window has its size, so the panes keep their share
            self._splitters_restored = True
            for key, widget in (("mainSplitter", self.splitter), ("rightSplitter", self.right)):
                state = self.settings.state(key)
                if state is not None:
                    widget.restoreState(state)

    # ----------------------------------------------------------------- the open plan
    def open_plan(self, path: str | Path) -> bool:
        return self.files.open_plan(path)

    def set_session(self, session: Session) -> None:
        """Show ``session``'s plan in every panel (closing the plan shown before)."""
        self._close_session()
        self.session = session
        session.failed.connect(self.show_error)
        session.select.connect(self.select_node)
        session.changed.connect(self._plan_changed)
        session.settings_changed.connect(self._settings_changed)
        session.current_node = self.current_node_id
        self.reason_field.clear()                  # a reason belongs to the plan it was typed for
        self._settings_changed({"name"})
        self.undo_group.addStack(session.stack)
        self.undo_group.setActiveStack(session.stack)
        session.stack.indexChanged.connect(lambda _i: self.update_actions())
        session.model.set_as_of(self.as_of)        # the window's as-of date holds for every plan opened
        self.proxy.setSourceModel(session.model)
        self.filter_bar.fill(session.model)
        for panel in (self.detail, self.onepage, self.history, self.dashboard, self.numbers):
            panel.set_session(session)
        self.monitor = AlertMonitor(session, parent=session)
        self.alerts.set_monitor(self.monitor)
        header = self.tree_view.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((330, 80, 60, 100, 90, 50)):
            header.resizeSection(column, width)
        self.tree_view.expandToDepth(0)
        self.setWindowModified(not session.stack.isClean())
        self.statusBar().showMessage(self.tr("%1: %2 nodes").replace("%1", str(session.plan.path))
                                     .replace("%2", f"{len(session.model.tree.nodes):,}"))
        roots = session.model.tree.children.get(None, [])
        if roots:
            self.select_node(roots[0])
        self.update_actions()

    def _close_session(self) -> None:
        session = self.session
        if session is None:
            return
        for panel in (self.detail, self.onepage, self.history, self.dashboard, self.numbers):
            panel.set_session(None)
        self.alerts.set_monitor(None)
        if self.monitor is not None:
            self.monitor.stop()
        self.monitor = None
        self.proxy.setSourceModel(None)
        self.undo_group.removeStack(session.stack)
        session.close()
        session.deleteLater()
        self.session = None

    def show_error(self, message: str, file_problem: bool = False) -> None:
        self.statusBar().showMessage(message.splitlines()[0], 10000)
        if file_problem:
            answer = QMessageBox.warning(self, self.tr("The plan file cannot be written"), message,
                                         QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Ignore)
            if answer == QMessageBox.StandardButton.Save:
                self.files.save_as()
        else:
            QMessageBox.warning(self, self.tr("Not done"), message)

    def _plan_changed(self, changes) -> None:
        self.filter_bar.mark_stale()
        self.update_actions()
        if self.session is not None and self.session.reason and changes.reason == self.session.reason:
            self.statusBar().showMessage(self.tr("Journaled with the reason “%1”").replace("%1", changes.reason), 8000)

    def _settings_changed(self, keys: set) -> None:
        if "name" in keys and self.session is not None:
            plan = self.session.plan
            state = self.tr(" (read-only)") if plan.readonly else ""
            self.setWindowTitle(f"{plan.name}{state}[*] — {APP_NAME}")

    def _reason_changed(self, text: str) -> None:
        if self.session is not None:
            self.session.reason = text.strip()
        self.reason_field.setProperty("inUse", bool(text.strip()))
        self.reason_field.style().unpolish(self.reason_field)       # the highlight follows the property
        self.reason_field.style().polish(self.reason_field)

    # ----------------------------------------------------------------- selection
    def current_node_id(self) -> int | None:
        index = self.tree_view.currentIndex()
        return index.data(NODE_ID_ROLE) if index.isValid() else None

    def current_node(self):
        node_id = self.current_node_id()
        if self.session is None or node_id is None:
            return None
        return self.session.model.tree.nodes.get(node_id)

    def select_node(self, node_id: int) -> None:
        if self.session is None:
            return
        index = self.proxy.mapFromSource(self.session.model.index_of(node_id))
        if not index.isValid():
            return
        self.tree_view.scrollTo(index)
        self.tree_view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        node_id = current.data(NODE_ID_ROLE) if current.isValid() else None
        for panel in (self.detail, self.onepage, self.dashboard, self.history, self.numbers):
            panel.show_node(node_id)
        self.update_actions()

    def update_actions(self) -> None:
        self.actionset.update()

    def _apply_filter(self) -> None:
        self.proxy.set_criteria(**self.filter_bar.criteria())
        if self.proxy.active:
            self.tree_view.expandAll()

    # ----------------------------------------------------------------- closing
    def closeEvent(self, event) -> None:
        self.settings.geometry = self.saveGeometry()
        self.settings.set_state("state", self.saveState())
        self.settings.set_state("mainSplitter", self.splitter.saveState())
        self.settings.set_state("rightSplitter", self.right.saveState())
        self.settings.sync()
        self._close_session()
        super().closeEvent(event)
