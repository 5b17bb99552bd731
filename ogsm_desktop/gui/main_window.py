"""The main window: the cascade tree with find and filter, the detail editor, the one-page OGSM view
and the history panel, with File, Edit, Plan, Versions and View menus."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
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
from ..core import alerts as alerts_core
from ..core import versions as ver
from ..core.cascade import cascade
from ..core.errors import PlanError
from ..core.excel import importer
from ..core.excel.exporter import ExportCancelled, export
from ..core.excel.importer import ImportCancelled
from ..core.model import ALERT_RULES, ALLOWED_CHILDREN, Kind
from ..core.report_data import gather
from ..core.store import Plan
from .alerts_panel import AlertsPanel
from .dashboard import Dashboard
from .detail_editor import DetailEditor
from .filter_bar import FilterBar, PlanFilter
from .history_panel import HistoryPanel
from .import_dialog import ImportDialog
from .jobs import run_with_progress
from .monitor import AlertMonitor
from .onepage_view import OnePageView
from .plan_model import NODE_ID_ROLE
from .report import ReportBuilder, ReportCancelled, new_printer, write_pdf
from .report_dialog import ReportDialog
from .session import Session
from .settings import Settings
from .version_dialogs import CompareDialog, RestoreDialog, SaveVersionDialog

PLAN_FILES = "OGSM plans (*.ogsm);;All files (*)"


class CascadeDialog(QDialog):
    """Where a strategy cascades to: the lower org unit and its owner."""

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


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.session: Session | None = None
        self.kind_names = {Kind.OBJECTIVE: self.tr("objective"), Kind.GOAL: self.tr("goal"),
                           Kind.STRATEGY: self.tr("strategy"), Kind.MEASURE: self.tr("measure"),
                           Kind.ACTION: self.tr("action")}
        self._build_widgets()
        self._build_actions()
        self._build_menus()
        self._restore_layout()
        self._update_actions()

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
        self.tree_view.setDragEnabled(True)
        self.tree_view.setAcceptDrops(True)
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
        self.history_dock = QDockWidget(self.tr("History"), self)
        self.history_dock.setObjectName("historyDock")
        self.history_dock.setWidget(self.history)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.history_dock)
        self.alerts = AlertsPanel(self)
        self.alerts.node_chosen.connect(self.select_node)
        self.alerts_dock = QDockWidget(self.tr("Alerts"), self)
        self.alerts_dock.setObjectName("alertsDock")
        self.alerts_dock.setWidget(self.alerts)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.alerts_dock)
        self.tabifyDockWidget(self.history_dock, self.alerts_dock)
        self.monitor: AlertMonitor | None = None
        self.reason_field = QLineEdit(self)
        self.reason_field.setObjectName("reasonField")
        self.reason_field.setPlaceholderText(self.tr("Reason for the next changes (kept in the history)"))
        self.reason_field.setClearButtonEnabled(True)
        self.reason_field.textChanged.connect(self._reason_changed)

    def _action(self, text: str, slot, shortcut=None, name: str = "") -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setObjectName(name)
        return action

    def _build_actions(self) -> None:
        std = QKeySequence.StandardKey
        self.new_action = self._action(self.tr("&New plan…"), self.new_plan, std.New, "newPlan")
        self.open_action = self._action(self.tr("&Open…"), self.choose_plan, std.Open, "openPlan")
        self.save_as_action = self._action(self.tr("Save &As…"), self.save_as, std.SaveAs, "saveAs")
        self.preview_action = self._action(self.tr("Print pre&view…"), self.print_preview, "Ctrl+Shift+P",
                                           "printPreview")
        self.print_action = self._action(self.tr("&Print…"), self.print_report, QKeySequence.StandardKey.Print,
                                         "print")
        self.pdf_action = self._action(self.tr("Export P&DF…"), self.export_pdf, "Ctrl+Shift+D", "exportPdf")
        self.import_action = self._action(self.tr("&Import from Excel…"), self.import_excel, "Ctrl+I", "importExcel")
        self.export_action = self._action(self.tr("&Export to Excel…"), self.export_excel, "Ctrl+E", "exportExcel")
        self.quit_action = self._action(self.tr("&Quit"), self.close, std.Quit, "quit")
        self.undo_action = self._action(self.tr("&Undo"), lambda: self.session and self.session.stack.undo(),
                                        std.Undo, "undo")
        self.redo_action = self._action(self.tr("&Redo"), lambda: self.session and self.session.stack.redo(),
                                        "Ctrl+Shift+Z", "redo")
        self.add_child_action = self._action(self.tr("Add &child"), self.add_child, "Insert", "addChild")
        self.add_sibling_action = self._action(self.tr("Add &sibling"), self.add_sibling, "Shift+Insert", "addSibling")
        self.delete_action = self._action(self.tr("&Delete…"), self.delete_node, std.Delete, "deleteNode")
        self.up_action = self._action(self.tr("Move &up"), lambda: self.move_by(-1), "Ctrl+Up", "moveUp")
        self.down_action = self._action(self.tr("Move do&wn"), lambda: self.move_by(1), "Ctrl+Down", "moveDown")
        self.indent_action = self._action(self.tr("&Indent"), self.indent, "Ctrl+Right", "indent")
        self.outdent_action = self._action(self.tr("&Outdent"), self.outdent, "Ctrl+Left", "outdent")
        self.cascade_action = self._action(self.tr("&Cascade to…"), self.cascade_to, "Ctrl+Shift+K", "cascade")
        self.alert_defaults_action = self._action(self.tr("Alert &defaults…"), self.edit_alert_defaults, None,
                                                  "alertDefaults")
        self.find_action = self._action(self.tr("&Find…"), self.focus_find, std.Find, "find")
        self.save_version_action = self._action(self.tr("&Save version…"), self.save_version, std.Save, "saveVersion")
        self.compare_action = self._action(self.tr("&Compare…"), self.compare, "Ctrl+D", "compare")
        self.restore_action = self._action(self.tr("&Restore…"), self.restore, None, "restore")
        self.tree_view.addActions([self.add_child_action, self.add_sibling_action, self.delete_action,
                                   self.cascade_action, self.up_action, self.down_action, self.indent_action,
                                   self.outdent_action])
        self.tree_view.selectionModel().currentChanged.connect(self._current_changed)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addActions([self.new_action, self.open_action])
        self.recent_menu = file_menu.addMenu(self.tr("Open &recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addAction(self.save_as_action)
        file_menu.addSeparator()
        file_menu.addActions([self.import_action, self.export_action])
        file_menu.addSeparator()
        file_menu.addActions([self.preview_action, self.print_action, self.pdf_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        plan_menu = bar.addMenu(self.tr("&Plan"))
        self.add_menu = plan_menu.addMenu(self.tr("Add"))
        self.add_menu.aboutToShow.connect(self._fill_add_menu)
        plan_menu.addActions([self.add_child_action, self.add_sibling_action, self.delete_action])
        plan_menu.addSeparator()
        plan_menu.addActions([self.up_action, self.down_action, self.indent_action, self.outdent_action])
        plan_menu.addSeparator()
        plan_menu.addAction(self.cascade_action)
        plan_menu.addSeparator()
        plan_menu.addAction(self.alert_defaults_action)
        versions_menu = bar.addMenu(self.tr("&Versions"))
        versions_menu.addActions([self.save_version_action, self.compare_action, self.restore_action])
        view_menu = bar.addMenu(self.tr("&View"))
        for depth in range(1, 5):
            view_menu.addAction(self._action(self.tr("Expand to level %1").replace("%1", str(depth)),
                                             lambda _c=False, d=depth: self.tree_view.expandToDepth(2 * d - 2),
                                             f"Ctrl+{depth}", f"expand{depth}"))
        view_menu.addAction(self._action(self.tr("Expand &all"), self.tree_view.expandAll, "Ctrl+Shift+E", "expandAll"))
        view_menu.addAction(self._action(self.tr("&Collapse all"), self.tree_view.collapseAll, "Ctrl+Shift+C",
                                         "collapseAll"))
        view_menu.addSeparator()
        view_menu.addAction(self.history_dock.toggleViewAction())
        view_menu.addAction(self.alerts_dock.toggleViewAction())
        toolbar = QToolBar(self.tr("Main"), self)
        toolbar.setObjectName("mainToolbar")
        toolbar.addActions([self.undo_action, self.redo_action])
        toolbar.addSeparator()
        toolbar.addActions([self.add_child_action, self.add_sibling_action, self.delete_action, self.cascade_action])
        toolbar.addSeparator()
        toolbar.addActions([self.save_version_action, self.compare_action])
        toolbar.addSeparator()
        toolbar.addWidget(self.reason_field)
        self.addToolBar(toolbar)

    def _restore_layout(self) -> None:
        geometry = self.settings.geometry
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
            self.resizeDocks([self.history_dock], [180], Qt.Orientation.Vertical)
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

    # ----------------------------------------------------------------- plans
    def open_plan(self, path: str | Path) -> bool:
        """Open ``path`` in the window; on refusal show why and keep the current plan."""
        try:
            session = Session.open(path, self)
        except PlanError as exc:
            QMessageBox.critical(self, self.tr("Cannot open plan"), str(exc))
            return False
        self._close_session()
        self.session = session
        session.failed.connect(self.show_error)
        session.select.connect(self.select_node)
        session.changed.connect(self._plan_changed)
        session.stack.canUndoChanged.connect(lambda _b: self._update_actions())
        session.stack.canRedoChanged.connect(lambda _b: self._update_actions())
        session.stack.undoTextChanged.connect(lambda _t: self._update_actions())
        session.stack.redoTextChanged.connect(lambda _t: self._update_actions())
        session.current_node = self.current_node_id
        session.reason = self.reason_field.text()
        self.proxy.setSourceModel(session.model)
        self.filter_bar.fill(session.model)
        self.detail.set_session(session)
        self.onepage.set_session(session)
        self.history.set_session(session)
        self.dashboard.set_session(session)
        self.monitor = AlertMonitor(session, parent=session)
        self.alerts.set_monitor(self.monitor)
        header = self.tree_view.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((330, 80, 60, 100, 90, 50)):
            header.resizeSection(column, width)
        self.tree_view.expandToDepth(0)
        self.setWindowTitle(f"{session.plan.name} — {APP_NAME}")
        self.statusBar().showMessage(self.tr("%1: %2 nodes").replace("%1", str(session.plan.path))
                                     .replace("%2", f"{len(session.model.tree.nodes):,}"))
        self.settings.last_plan = str(Path(path).resolve())
        self.settings.add_recent(self.settings.last_plan)
        roots = session.model.tree.children.get(None, [])
        if roots:
            self.select_node(roots[0])
        self._update_actions()
        return True

    def _close_session(self) -> None:
        if self.session is None:
            return
        for panel in (self.detail, self.onepage, self.history, self.dashboard):
            panel.set_session(None)
        self.alerts.set_monitor(None)
        if self.monitor is not None:
            self.monitor.stop()
        self.monitor = None
        self.proxy.setSourceModel(None)
        self.session.stack.blockSignals(True)
        self.session.close()
        self.session.deleteLater()
        self.session = None

    def choose_plan(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open plan"), "", self.tr(PLAN_FILES))
        if path:
            self.open_plan(path)

    def new_plan(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("New plan"), "", self.tr(PLAN_FILES))
        if not path:
            return
        if not path.endswith(".ogsm"):
            path += ".ogsm"
        try:
            Plan.create(path, overwrite=Path(path).exists()).close()
        except PlanError as exc:
            QMessageBox.critical(self, self.tr("Cannot create plan"), str(exc))
            return
        self.open_plan(path)

    def save_as(self) -> bool:
        if self.session is None:
            return False
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save plan as"), "", self.tr(PLAN_FILES))
        if not path:
            return False
        if not path.endswith(".ogsm"):
            path += ".ogsm"
        try:
            self.session.plan.copy_to(path)
        except PlanError as exc:
            QMessageBox.critical(self, self.tr("Cannot save plan"), str(exc))
            return False
        return self.open_plan(path)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.recent_files:
            self.recent_menu.addAction(path, lambda p=path: self.open_plan(p))
        self.recent_menu.setEnabled(bool(self.settings.recent_files))

    def show_error(self, message: str, file_problem: bool = False) -> None:
        self.statusBar().showMessage(message.splitlines()[0], 10000)
        if file_problem:
            answer = QMessageBox.warning(self, self.tr("The plan file cannot be written"), message,
                                         QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Ignore)
            if answer == QMessageBox.StandardButton.Save:
                self.save_as()
        else:
            QMessageBox.warning(self, self.tr("Not done"), message)

    # ----------------------------------------------------------------- selection
    def current_node_id(self) -> int | None:
        index = self.tree_view.currentIndex()
        return index.data(NODE_ID_ROLE) if index.isValid() else None

    def select_node(self, node_id: int) -> None:
        if self.session is None:
            return
        source = self.session.model.index_of(node_id)
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            return
        self.tree_view.scrollTo(index)
        self.tree_view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        node_id = current.data(NODE_ID_ROLE) if current.isValid() else None
        self.detail.show_node(node_id)
        self.onepage.show_node(node_id)
        self.dashboard.show_node(node_id)
        self.history.show_node(node_id)
        self._update_actions()

    def _plan_changed(self, _batch: int) -> None:
        self.filter_bar.mark_stale()
        self._update_actions()

    def _update_actions(self) -> None:
        has_plan = self.session is not None
        node = self._current_node()
        for action in (self.save_as_action, self.save_version_action, self.compare_action, self.restore_action,
                       self.find_action, self.import_action, self.export_action, self.preview_action,
                       self.print_action, self.pdf_action, self.alert_defaults_action):
            action.setEnabled(has_plan)
        stack = self.session.stack if has_plan else None
        self.undo_action.setEnabled(bool(stack and stack.canUndo()))
        self.redo_action.setEnabled(bool(stack and stack.canRedo()))
        self.undo_action.setText(self.tr("&Undo %1").replace("%1", stack.undoText()) if stack and stack.canUndo()
                                 else self.tr("&Undo"))
        self.redo_action.setText(self.tr("&Redo %1").replace("%1", stack.redoText()) if stack and stack.canRedo()
                                 else self.tr("&Redo"))
        self.add_child_action.setEnabled(has_plan and (node is None or bool(ALLOWED_CHILDREN[node.kind])))
        for action in (self.add_sibling_action, self.delete_action, self.up_action, self.down_action,
                       self.indent_action, self.outdent_action):
            action.setEnabled(node is not None)
        self.cascade_action.setEnabled(node is not None and node.kind is Kind.STRATEGY)

    def _current_node(self):
        node_id = self.current_node_id()
        if self.session is None or node_id is None:
            return None
        return self.session.model.tree.nodes.get(node_id)

    def _reason_changed(self, text: str) -> None:
        if self.session is not None:
            self.session.reason = text.strip()

    def _apply_filter(self) -> None:
        self.proxy.set_criteria(**self.filter_bar.criteria())
        if self.proxy.active:
            self.tree_view.expandAll()

    def focus_find(self) -> None:
        self.filter_bar.find.setFocus()
        self.filter_bar.find.selectAll()

    # ----------------------------------------------------------------- editing the cascade
    def _fill_add_menu(self) -> None:
        self.add_menu.clear()
        node = self._current_node()
        if self.session is None:
            return
        for parent, label in ((node, self.tr("child")), (None if node is None else self._parent(node), self.tr("sibling"))):
            if node is None and label == self.tr("sibling"):
                continue
            for kind in ALLOWED_CHILDREN[parent.kind if parent else None]:
                text = self.tr("%1 (%2)").replace("%1", self.kind_names[kind]).replace("%2", label)
                self.add_menu.addAction(text, lambda p=parent, k=kind: self.add_node(p.id if p else None, k))

    def _parent(self, node):
        return self.session.model.tree.nodes.get(node.parent_id) if node.parent_id is not None else None

    def add_node(self, parent_id: int | None, kind: Kind, index: int | None = None) -> int | None:
        """Add a ``kind`` node under ``parent_id`` and put the cursor in its title."""
        session = self.session
        title = self.tr("New %1").replace("%1", self.kind_names[kind])
        node = session.perform(self.tr("Add %1").replace("%1", self.kind_names[kind]),
                               lambda: session.plan.add_node(parent_id, kind, index, title=title),
                               select=lambda n: n.id)
        if node:
            title_field = self.detail.widgets["title"]
            title_field.setFocus()
            title_field.selectAll()
            return node.id
        return None

    def add_child(self) -> None:
        node = self._current_node()
        if node is None:
            self.add_node(None, Kind.OBJECTIVE)
        elif ALLOWED_CHILDREN[node.kind]:
            self.add_node(node.id, ALLOWED_CHILDREN[node.kind][-1 if node.kind is Kind.OBJECTIVE else 0])

    def add_sibling(self) -> None:
        node = self._current_node()
        if node is not None:
            row = self.session.model.index_of(node.id).row()
            self.add_node(node.parent_id, node.kind, row + 1)

    def delete_node(self) -> None:
        node = self._current_node()
        if node is None:
            return
        below = self.session.model.tree.descendants(node.id)
        text = self.tr("Delete %1 “%2”?").replace("%1", self.kind_names[node.kind]).replace("%2", node.title)
        if below:
            codes = ", ".join(n.code for n in below[:12]) + (" …" if len(below) > 12 else "")
            text += "\n\n" + self.tr("These %1 node(s) below it go with it: %2").replace("%1", str(len(below))) \
                .replace("%2", codes)
        text += "\n\n" + self.tr("Their actual values are removed too. You can undo this.")
        answer = QMessageBox.question(self, self.tr("Delete"), text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        parent, row = node.parent_id, self.session.model.index_of(node.id).row()
        siblings = self.session.model.tree.children.get(parent, [])
        after = siblings[row + 1] if row + 1 < len(siblings) else (siblings[row - 1] if row > 0 else parent)
        self.session.perform(self.tr("Delete %1").replace("%1", node.code),
                             lambda: self.session.plan.delete_node(node.id), select=lambda _r: after)

    def move_by(self, step: int) -> None:
        node = self._current_node()
        if node is None:
            return
        row = self.session.model.index_of(node.id).row() + step
        if 0 <= row < len(self.session.model.tree.children.get(node.parent_id, [])):
            self.session.move([node.id], node.parent_id, row,
                              text=self.tr("Move %1 %2").replace("%1", node.code)
                              .replace("%2", self.tr("up") if step < 0 else self.tr("down")))

    def indent(self) -> None:
        """Make the node the last child of the sibling above it."""
        node = self._current_node()
        if node is None:
            return
        row = self.session.model.index_of(node.id).row()
        if row == 0:
            self.show_error(self.tr("%1 has no sibling above it to move under").replace("%1", node.code))
            return
        new_parent = self.session.model.tree.children[node.parent_id][row - 1]
        self.session.move([node.id], new_parent, None, text=self.tr("Indent %1").replace("%1", node.code))

    def outdent(self) -> None:
        """Make the node the sibling right after its parent."""
        node = self._current_node()
        if node is None:
            return
        parent = self._parent(node)
        if parent is None:
            self.show_error(self.tr("%1 is at the top of the plan already").replace("%1", node.code))
            return
        row = self.session.model.index_of(parent.id).row()
        self.session.move([node.id], parent.parent_id, row + 1, text=self.tr("Outdent %1").replace("%1", node.code))

    def cascade_to(self) -> None:
        node = self._current_node()
        if node is None or node.kind is not Kind.STRATEGY:
            return
        units = sorted({n.org_unit for n in self.session.model.tree.nodes.values() if n.org_unit})
        dialog = CascadeDialog(node.title, units, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        unit, owner = dialog.org_unit.currentText(), dialog.owner.text()
        session = self.session
        reason = session.reason or self.tr("cascade %1 to %2").replace("%1", node.code).replace("%2", unit)
        session.perform(self.tr("Cascade %1").replace("%1", node.code),
                        lambda: cascade(session.plan, node.id, unit, owner, reason),
                        kind="cascade", reason=reason, select=lambda obj: obj.id)

    def edit_alert_defaults(self) -> bool:
        """The plan-wide alert defaults: periods below target before an alert, and rules switched off."""
        if self.session is None:
            return False
        plan = self.session.plan
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Alert defaults"))
        streak = QLineEdit(plan.meta("alert_streak", str(alerts_core.DEFAULT_STREAK)), dialog)
        streak.setObjectName("defaultStreak")
        off = QLineEdit(plan.meta("alerts_off", ""), dialog)
        off.setObjectName("defaultAlertsOff")
        off.setPlaceholderText(", ".join(ALERT_RULES))
        form = QFormLayout()
        form.addRow(self.tr("Alert after N periods below target"), streak)
        form.addRow(self.tr("Rules switched off for the whole plan"), off)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addLayout(form)
        layout.addWidget(buttons)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        try:
            number = int(streak.text().strip())
            if not 1 <= number <= 52:
                raise ValueError
        except ValueError:
            self.show_error(self.tr("The number of periods is a whole number from 1 to 52."))
            return False
        names = [n.strip() for n in off.text().split(",") if n.strip()]
        unknown = [n for n in names if n not in ALERT_RULES]
        if unknown:
            self.show_error(self.tr("Unknown alert rule(s): %1").replace("%1", ", ".join(unknown)))
            return False
        try:
            plan.set_meta("alert_streak", str(number))
            plan.set_meta("alerts_off", ",".join(names))
        except PlanError as exc:
            self.show_error(str(exc), True)
            return False
        self.monitor.reevaluate()
        return True

    # ----------------------------------------------------------------- versions
    def save_version(self) -> None:
        if self.session is None:
            return
        dialog = SaveVersionDialog(self.session.plan, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        name, reason = dialog.name.text().strip(), dialog.reason.toPlainText().strip()
        if self.session.perform(self.tr("Save version %1").replace("%1", name),
                                lambda: ver.save_version(self.session.plan, name, reason),
                                kind="version", reason=reason, undoable=False):
            self.statusBar().showMessage(self.tr("Saved version “%1”").replace("%1", name), 8000)

    def compare(self) -> None:
        if self.session is not None:
            CompareDialog(self.session.plan, self).exec()

    def restore(self) -> None:
        if self.session is None:
            return
        dialog = RestoreDialog(self.session.plan, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        name, reason = dialog.version.currentData(), dialog.reason.text().strip()
        full_reason = f"{reason} (restored version {name!r})"
        self.session.perform(self.tr("Restore %1").replace("%1", name),
                             lambda: ver.restore(self.session.plan, name, reason),
                             kind="restore", reason=full_reason)

    # ----------------------------------------------------------------- Excel
    def import_excel(self, path: str | None = None) -> bool:
        """Read a workbook, show the preview, and import it all or nothing when the user accepts."""
        if self.session is None:
            return False
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Import from Excel"), "",
                                                  self.tr("Excel workbooks (*.xlsx);;All files (*)"))
            if not path:
                return False
        plan = self.session.plan
        job = run_with_progress(self, self.tr("Reading %1").replace("%1", Path(path).name),
                                lambda progress: importer.analyse(plan, path, None, progress))
        if not self._job_ok(job):
            return False
        dialog = ImportDialog(plan, path, job.result, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        preview, reason = dialog.preview, dialog.reason.text()
        job = run_with_progress(self, self.tr("Importing %1").replace("%1", Path(path).name),
                                lambda progress: importer.apply(plan, preview, reason, progress))
        if not self._job_ok(job):
            return False
        self.session.adopt(self.tr("Import %1").replace("%1", Path(path).name), job.result)
        self.statusBar().showMessage(self.tr("Imported %1: %2").replace("%1", Path(path).name)
                                     .replace("%2", preview.summary()), 10000)
        return True

    def export_excel(self, path: str | None = None) -> bool:
        if self.session is None:
            return False
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export to Excel"), f"{self.session.plan.name}.xlsx",
                                                  self.tr("Excel workbooks (*.xlsx)"))
            if not path:
                return False
        plan = self.session.plan
        job = run_with_progress(self, self.tr("Exporting to %1").replace("%1", Path(path).name),
                                lambda progress: export(plan, path, progress))
        if self._job_ok(job):
            self.statusBar().showMessage(self.tr("Exported to %1").replace("%1", str(path)), 10000)
            return True
        return False

    def _job_ok(self, job) -> bool:
        """Report a job's refusal or cancellation; True when it finished its work."""
        if job.error is None:
            return True
        if isinstance(job.error, ImportCancelled | ExportCancelled):
            self.statusBar().showMessage(str(job.error), 10000)
            return False
        if isinstance(job.error, PlanError):
            self.show_error(str(job.error), False)
            return False
        raise job.error

    # ----------------------------------------------------------------- reports
    def _report_content(self, action_text: str):
        """Ask what to print, then gather it (with progress); None when cancelled."""
        if self.session is None:
            return None
        dialog = ReportDialog(self.session.plan, self.current_node_id(), action_text, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        options = dialog.options()
        plan = self.session.plan
        job = run_with_progress(self, self.tr("Preparing the report"), lambda _progress: gather(plan, options))
        return job.result if self._job_ok(job) else None

    def export_pdf(self, path: str | None = None) -> bool:
        content = self._report_content(self.tr("Export PDF"))
        if content is None:
            return False
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export PDF"), f"{self.session.plan.name}.pdf",
                                                  self.tr("PDF files (*.pdf)"))
            if not path:
                return False
        job = run_with_progress(self, self.tr("Writing %1").replace("%1", Path(path).name),
                                lambda progress: write_pdf(content, path, progress))
        if job.error is not None:
            if isinstance(job.error, ReportCancelled | OSError):
                self.statusBar().showMessage(str(job.error), 10000)
                return False
            raise job.error
        self.statusBar().showMessage(self.tr("Wrote %1 (%2 pages)").replace("%1", str(path))
                                     .replace("%2", str(job.result)), 10000)
        return True

    def print_preview(self) -> None:
        content = self._report_content(self.tr("Preview"))
        if content is None:
            return
        from PySide6.QtPrintSupport import QPrintPreviewDialog

        printer = new_printer()          # kept alive by this frame: the dialog does not own it
        preview = QPrintPreviewDialog(printer, self)
        preview.setWindowTitle(self.tr("Print preview"))
        preview.paintRequested.connect(lambda device: ReportBuilder(content).render(device))
        preview.exec()

    def print_report(self) -> None:
        content = self._report_content(self.tr("Print"))
        if content is None:
            return
        from PySide6.QtPrintSupport import QPrintDialog

        printer = new_printer()
        if QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted:
            ReportBuilder(content).render(printer)

    # ----------------------------------------------------------------- closing
    def closeEvent(self, event) -> None:
        self.settings.geometry = self.saveGeometry()
        self.settings.set_state("state", self.saveState())
        self.settings.set_state("mainSplitter", self.splitter.saveState())
        self.settings.set_state("rightSplitter", self.right.saveState())
        self.settings.sync()
        self._close_session()
        super().closeEvent(event)
