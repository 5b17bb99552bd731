"""The main window: the cascade tree with find and filter, the detail editor, the one-page OGSM view (in a
tab, or a window of its own) and the dashboard, the History, Alerts and Numbers docks, the menus, the
toolbar, and the status bar (the plan file, its node count, the as-of date).

The window lays things out and wires them to the open plan's session; what each command does lives in
the controllers (``controllers/``), and the commands themselves in one table (``actions.py``). Its
layout (docks, toolbar, panes, the one-page view's place) is kept across starts.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QUndoGroup
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenuBar,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME
from . import marks
from .actions import Actions
from .controllers.application import ApplicationController
from .controllers.clipboard import ClipboardController
from .controllers.departments import DepartmentsController
from .controllers.editing import EditingController
from .controllers.excel import ExcelController
from .controllers.files import FilesController
from .controllers.opening import OpeningController
from .controllers.plan_settings import PlanSettingsController
from .controllers.reports import ReportsController
from .controllers.versions import VersionsController
from .labels import status_labels
from .menus import build_menus, build_toolbar
from .models.plan_filter import PlanFilter
from .models.plan_model import NODE_ID_ROLE
from .monitor import AlertMonitor
from .onepage_window import PopOutWindow
from .panels.as_of_bar import AsOfBar
from .panels.filter_bar import FilterBar
from .session import Session
from .settings import Settings
from .status_widgets import ElidedLabel, SavedLabel
from .text import fill
from .title_editor import TitleEditor
from .tree_filtering import TreeFiltering
from .undo_actions import UndoRedo, Words
from .window_panels import WindowPanels

LAYOUT_VERSION = 1          # of the saved dock and toolbar layout; a layout of another version is not restored


class MainWindow(TreeFiltering, WindowPanels, QMainWindow):
    def __init__(self, settings: Settings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.session: Session | None = None
        self.monitor: AlertMonitor | None = None
        self.onepage_window: PopOutWindow | None = None
        self.undo_group = QUndoGroup(self)
        self.files, self.editing, self.versions = FilesController(self), EditingController(self), VersionsController(self)
        self.excel, self.reports = ExcelController(self), ReportsController(self)
        self.plan_settings = PlanSettingsController(self)
        self.clipboard, self.application = ClipboardController(self), ApplicationController(self)
        self.departments, self.opening = DepartmentsController(self), OpeningController(self)
        self._build_widgets()
        self.actionset = Actions(self)
        self._build_undo()
        self._build_menus()
        if self.settings.geometry is None:      # the first start sizes the detail pane to its content
            self.build_panels()
        self._restore_layout()
        self.tree_view.selectionModel().currentChanged.connect(self._current_changed)
        self.setWindowTitle(f"{APP_NAME}[*]")
        self.undo_group.cleanChanged.connect(lambda clean: self.setWindowModified(not clean))
        self._listening = False
        self._error_shown = ""              # the refusal the status bar says, until the plan changes
        self._expanded_unfiltered: list[int] | None = None   # the nodes expanded before the find or a filter
        self._hidden_choice: int | None = None     # the node chosen when a filter hid it
        self._listen(True)
        QTimer.singleShot(0, self, self.clipboard.clipboard_changed)     # copied before this window opened
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
        self.title_editor = TitleEditor(self.tree_view)          # F2: the title edited in place
        self.tree_view.setItemDelegateForColumn(0, self.title_editor)
        self.title_editor.renamed.connect(self.editing.rename)
        self.title_editor.closed.connect(self._title_closed)
        self._rejudged_while_typing = False        # a status filter to work out again once the title is in
        self.filter_bar.changed.connect(self._apply_filter)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(4, 4, 4, 4)
        left_layout.addWidget(self.departments.banner)      # shown while the plan is a department file
        left_layout.addWidget(self.filter_bar)
        left_layout.addWidget(self.tree_view)
        self._place_panels()
        self.right = QSplitter(Qt.Orientation.Vertical, self)
        self.right.setObjectName("rightSplitter")
        self.right.addWidget(self._detail_place)
        self.right.addWidget(self.views)
        self.right.setSizes([330, 470])
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.right)
        self.splitter.setSizes([720, 560])
        self.setCentralWidget(self.splitter)
        self._build_status()
        self.reason_field = QLineEdit(self)
        self.reason_field.setObjectName("reasonField")
        self.reason_field.setPlaceholderText(self.tr("Reason for the next changes (kept in the history)"))
        self.reason_field.setClearButtonEnabled(True)
        self.reason_field.setToolTip(self.tr("Every change you make is journaled with this reason, until you clear it "
                                             "or open another plan."))
        self.reason_field.setProperty("inUse", False)
        self.reason_field.setStyleSheet('QLineEdit[inUse="true"] { background: #fff3cd; }')
        self.reason_field.textChanged.connect(self._reason_changed)

    def _build_status(self) -> None:
        """Permanent in the status bar: the plan file, its node count, what the file holds and the as-of date."""
        self.path_label = ElidedLabel(self)
        self.path_label.setObjectName("planPath")
        self.count_label = QLabel(self)
        self.count_label.setObjectName("nodeCount")
        self.saved_label = SavedLabel(self)
        self.as_of_bar = AsOfBar(self)
        self.as_of_bar.changed.connect(self._as_of_changed)
        self.busy_bar = QProgressBar(self)          # a big plan opening in the background
        self.busy_bar.setObjectName("openingBusy")
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(120)
        self.busy_bar.hide()
        for widget in (self.busy_bar, self.path_label, self.count_label, self.saved_label, self.as_of_bar):
            self.statusBar().addPermanentWidget(widget)
        # A message (what a merge did, a refusal) is read whole: the file's path and what it holds make room
        # while it shows (the path, the node count and the as-of date stay).
        self.statusBar().messageChanged.connect(self._status_message)

    def _status_message(self, text: str) -> None:
        self.path_label.set_widest(140 if text else 460)
        self.saved_label.setVisible(not text)

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

    def _build_undo(self) -> None:
        """Undo and Redo (their text says what: "Undo Add goal"; in the toolbar, as the tooltip); a value
        still being typed is taken first."""
        words = Words(self.tr("&Undo"), self.tr("&Undo %1"), self.tr("&Redo"), self.tr("&Redo %1"), self.tr("typing"))
        self.undo_redo = UndoRedo(self, self.undo_group, words, self.finish_typing, self.typing, self._nothing_to_redo,
                                  self.drop_typing)
        self.undo_action, self.redo_action = self.undo_redo.undo, self.undo_redo.redo
        self.title_editor.typing_changed.connect(self.undo_redo.refresh)     # (and the panels', once built)
        self.undo_redo.stepped.connect(self._stepped)

    def _stepped(self, undone: bool, text: str) -> None:
        """Said in the status bar (a tester found "Moved D2-S2 to D3" still there after the move was undone)."""
        self.statusBar().showMessage(fill(self.tr("Undone: %1") if undone else self.tr("Redone: %1"),
                                          text.replace("&&", "&")), 5000)

    def typing(self) -> bool:
        """A value is being typed somewhere in the window (a field, a title, a cell) and not confirmed."""
        return self.title_editor.typing or (self.panels_built and (self.detail.typing or self.numbers.typing))

    def finish_typing(self) -> bool:
        """Take what is being typed in a field of the window (it is committed when the field is left), so
        a version or an undo comes after it; the field keeps the focus (a cell's editor closes, its table
        keeps it). A title typed in the tree (F2) is renamed now. False when what was typed was refused
        (the refusal is said): what was to follow should not."""
        session = self.session
        refusals = session.refusals if session is not None else 0
        self.title_editor.commit()
        field = QApplication.focusWidget()
        lent_by = None
        if isinstance(field, QMenuBar) and self.panels_built:    # it has the keys of a field, a cell or a title
            lent_by = self.detail.typing_widget() or (self.numbers.view if self.numbers.delegate.lent() else None)
        elif field is not None and field is not self.tree_view and self._holds(field):
            view = field.parentWidget().parentWidget() if field.parentWidget() is not None else None
            field.clearFocus()                      # (a cell's editor commits and closes: its table takes the focus)
            keeps = view if isinstance(view, QAbstractItemView) and field.parentWidget() is view.viewport() else field
            keeps.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.panels_built:                       # typed where the keys are not now (the menu bar, no window)
            self.detail.take_typing()
            self.numbers.take_typing()
        if isinstance(field, QMenuBar):
            (lent_by or self.tree_view).setFocus(Qt.FocusReason.OtherFocusReason)
        return session is None or session.refusals == refusals

    def drop_typing(self) -> None:
        """Leave out what is being typed anywhere in the window: each field, cell or title shows what the plan
        holds again."""
        self.title_editor.cancel()
        if self.panels_built:
            self.numbers.drop_typing()
            self.detail.drop_typing()

    def _holds(self, widget: QWidget) -> bool:
        """``widget`` is in this window, a floating dock of it included (isAncestorOf stops at a window)."""
        while widget is not None:
            if widget is self:
                return True
            widget = widget.parentWidget()
        return False

    def _nothing_to_redo(self) -> None:
        self.statusBar().showMessage(self.tr("What was typed is kept as a new change: there is nothing left to "
                                             "redo."), 8000)

    def _build_menus(self) -> None:
        build_menus(self)
        self.toolbar = build_toolbar(self)

    def action(self, name: str):
        return self.actionset[name]

    def _restore_layout(self) -> None:
        geometry = self.settings.geometry
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:           # first start: fit the screen (a 1366×768 laptop's too), each pane sized for its content
            screen = self.screen().availableGeometry()
            width, height = min(1280, screen.width() - 16), min(800, screen.height() - 48)   # the frame's room
            self.resize(width, height)
            self.move(screen.x() + (screen.width() - width - 16) // 2, screen.y() + (screen.height() - height - 48) // 2)
            dock = max(180, min(300, height // 4))     # a quarter's numbers in view
            self.resizeDocks([self.history_dock], [dock], Qt.Orientation.Vertical)
            bars = self.menuBar().sizeHint().height() + self.statusBar().sizeHint().height() + max(
                (bar.sizeHint().height() for bar in self.findChildren(QToolBar)), default=0)
            right = height - bars - dock                # the central widget's height
            left = width * 58 // 100                    # the tree's columns in view
            self.splitter.resize(width, right)          # split at the size they will have, not the 0×0 of now
            self.splitter.setSizes([left, width - left - self.splitter.handleWidth()])
            room = right - self.right.handleWidth()
            detail = min(self.detail.sizeHint().height(), room - 120)      # its common fields in view
            self.right.resize(width - left, right)
            self.right.setSizes([detail, room - detail])
            self.right.setStretchFactor(1, 1)          # the views take what the window gains or loses
        state = self.settings.state("state")
        if state is not None:
            self.restoreState(state, LAYOUT_VERSION)
        self._splitters_restored = False

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._splitters_restored:      # once the window has its size, so the panes keep their share
            self._splitters_restored = True
            for key, widget in (("mainSplitter", self.splitter), ("rightSplitter", self.right)):
                state = self.settings.state(key)
                if state is not None:
                    widget.restoreState(state)
            if self.settings.flag("onePagePopped"):      # (its window shown with the window: the panels built now)
                self.set_onepage_popped(True)
            self.views.setCurrentIndex(self.settings.number("viewTab", 0))    # (of the tabs left, as saved)
            self.build_panels_after_first_frame()

    def _save_layout(self) -> None:
        self.settings.geometry = self.saveGeometry()
        self.settings.set_state("state", self.saveState(LAYOUT_VERSION))
        self.settings.set_state("mainSplitter", self.splitter.saveState())
        self.settings.set_state("rightSplitter", self.right.saveState())
        self.settings.set_flag("onePagePopped", self.onepage_window is not None)
        self.settings.set_number("viewTab", self.views.currentIndex())
        if self.onepage_window is not None:
            self.settings.set_state("onePageGeometry", self.onepage_window.saveGeometry())

    # ----------------------------------------------------------------- the one-page view, in a tab or its own window
    def set_onepage_popped(self, popped: bool) -> None:
        """Show the one-page OGSM in a window of its own (``popped``), or back in its tab."""
        if popped and self.onepage_window is None:
            self.views.removeTab(self.views.indexOf(self.onepage))
            window = PopOutWindow(self.onepage_title, self)
            window.closing.connect(lambda: self.set_onepage_popped(False))
            window.hold(self.onepage)
            geometry = self.settings.state("onePageGeometry")
            if geometry is None or not window.restoreGeometry(geometry):
                window.resize(900, 700)
            self.onepage_window = window
            self._name_onepage_window()
            window.show()
        elif not popped and self.onepage_window is not None:
            window, self.onepage_window = self.onepage_window, None
            self.settings.set_state("onePageGeometry", window.saveGeometry())
            window.closing.disconnect()
            self.views.insertTab(0, self.onepage, self.onepage_title)
            self.views.setCurrentWidget(self.onepage)
            window.hide()
            window.deleteLater()
        self.action("popOutOnePage").setChecked(self.onepage_window is not None)

    def _name_onepage_window(self) -> None:
        if self.onepage_window is not None:
            name = self.session.plan.name if self.session is not None else ""
            self.onepage_window.setWindowTitle(" — ".join(p for p in (self.onepage_title, name, APP_NAME) if p))

    # ----------------------------------------------------------------- the open plan
    def open_plan(self, path: str | Path) -> bool:
        return self.files.open_plan(path)

    def set_session(self, session: Session) -> None:
        """Show ``session``'s plan in every panel (closing the plan shown before); the keys go to its tree,
        unless they are in the find or the reason field (a big plan opens in the background)."""
        typing_in = QApplication.focusWidget()
        self.close_session()
        self.session = session
        self._expanded_unfiltered = self._hidden_choice = None     # (a find typed before any plan was open)
        session.failed.connect(self.show_error)
        session.select.connect(self.select_node)
        session.said.connect(lambda text: self.statusBar().showMessage(text, 10000))
        session.changed.connect(self._plan_changed)
        session.settings_changed.connect(self._settings_changed)
        session.current_node = self.current_node_id
        session.nodes_changed.connect(self._count_nodes)
        self.reason_field.clear()                  # a reason belongs to the plan it was typed for
        self._settings_changed({"name"})
        self.undo_group.addStack(session.stack)
        self.undo_group.setActiveStack(session.stack)
        session.stack.indexChanged.connect(lambda _i: self.update_actions())
        session.model.set_as_of(self.as_of)        # the window's as-of date holds for every plan opened
        session.model.judged.connect(self._rejudged)
        session.model.judging_changed.connect(self._judging)
        session.model.progress_pending_changed.connect(self._judging)
        session.model.rows_repainted.connect(self._repaint_rows)
        self._judging()
        self.proxy.setSourceModel(session.model)
        self.filter_bar.fill(session.model)
        if self.proxy.active:                      # the find and filters kept from the plan before: every match
            self._apply_filter()
        self.saved_label.set_session(session)
        self.monitor = AlertMonitor(session, parent=session, start=False)
        self.after_first_frame(self.monitor, self.monitor.start)
        self._show_session_in_panels(session)
        self._size_columns()
        if not self.proxy.active:                  # (filtered: expanded to every match)
            self.tree_view.expandToDepth(0)
        self.setWindowModified(not session.stack.isClean())
        self.path_label.set_full_text(str(session.plan.path.absolute()) if session.plan.path else "")
        self._count_nodes()
        self.departments.show_origin()
        first = self.departments.own_part()          # a department file: its own part, below the locked context
        if first is None:
            first = next(iter(session.model.tree.children.get(None, [])), None)
        if first is not None:
            self.select_node(first)
            self.tree_view.expand(self.proxy.mapFromSource(session.model.index_of(first)))
        focus = QApplication.focusWidget()
        if focus is None or focus is not typing_in or not (self.filter_bar.isAncestorOf(focus) or focus is self.reason_field):
            self.tree_view.setFocus(Qt.FocusReason.OtherFocusReason)   # the keys to the plan, not where they fell
        self.update_actions()

    def _size_columns(self) -> None:
        header = self.tree_view.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The Status column: the longest status in the window's language, whole, after its two marks.
        longest = max(self.tree_view.fontMetrics().horizontalAdvance(text) for text in status_labels().values())
        status = max(90, longest + 2 * marks.MARK + 20)
        last = header.count() - 1                       # Progress: its heading whole, in either language
        heading = str(self.tree_view.model().headerData(last, Qt.Orientation.Horizontal) or "") if last >= 0 else ""
        progress = max(50, header.fontMetrics().horizontalAdvance(heading) + 24)
        for column, width in enumerate((330 - (progress - 50), 80, 60, 100, status, progress)):   # (the title gives)
            header.resizeSection(column, width)

    def show_glance(self, model, path: Path, converting: bool = False) -> None:
        """While a big plan opens (``controllers/opening.py``): its tree as read so far, nothing to edit.
        ``converting``: the plan is of an older format, converted as it opens."""
        self.proxy.setSourceModel(model)
        self._size_columns()
        self.tree_view.expandToDepth(0)
        self.setWindowTitle(f"{path.stem} — {APP_NAME}[*]")
        self.path_label.set_full_text(str(path.absolute()))
        self.count_label.setText("")
        self.filter_bar.setEnabled(False)           # nothing to filter until the plan is read
        self.busy_bar.show()
        if converting:
            self.statusBar().showMessage(self.tr("Opening %1: converting it to this version's format (the plan as it "
                                                 "was is kept beside it), then working out the statuses…")
                                         .replace("%1", path.name))
        else:
            self.statusBar().showMessage(self.tr("Opening %1: checking the file and working out the statuses…")
                                         .replace("%1", path.name))
        self.update_actions()

    def hide_glance(self) -> None:
        self.proxy.setSourceModel(None)
        self.filter_bar.setEnabled(True)
        self.busy_bar.hide()
        self.statusBar().clearMessage()
        self.setWindowTitle(f"{APP_NAME}[*]")
        self.path_label.set_full_text("")

    def close_session(self) -> None:
        session = self.session
        if session is None:
            return
        self.finish_typing()                       # what is typed (a title, a field, a cell) goes into its plan
        self.clipboard.drop_cut()                  # a node cut in this plan is copied if pasted in another
        self.saved_label.set_session(None)
        self._show_session_in_panels(None)
        session.model.judged.disconnect(self._rejudged)
        session.model.judging_changed.disconnect(self._judging)
        session.model.progress_pending_changed.disconnect(self._judging)
        session.model.rows_repainted.disconnect(self._repaint_rows)
        self.as_of_bar.show_judging(None)
        if self.monitor is not None:
            self.monitor.stop()
        self.monitor = None
        self.proxy.setSourceModel(None)
        self._expanded_unfiltered = self._hidden_choice = None     # node ids of this plan
        self.undo_group.removeStack(session.stack)
        session.close()
        session.deleteLater()
        self.session = None
        self.departments.show_origin()             # no banner until the next plan says it is a department file

    def show_error(self, message: str, file_problem: bool = False) -> None:
        self._error_shown = message.splitlines()[0]
        self.statusBar().showMessage(self._error_shown, 10000)
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
        if self._error_shown and self.statusBar().currentMessage() == self._error_shown:
            self.statusBar().clearMessage()          # a refusal is not said beside what was done since
        self._error_shown = ""
        if self.session is not None and self.session.reason and changes.reason == self.session.reason:
            self.statusBar().showMessage(self.tr("Journaled with the reason “%1”").replace("%1", changes.reason), 8000)

    def _settings_changed(self, keys: set) -> None:
        if "name" in keys and self.session is not None:
            self._update_title()
            self._name_onepage_window()

    def _update_title(self) -> None:
        """The plan's name, its file's name with the [*] of changes since the last version, the program:
        "京东新能源汽车 OGSM 2026 — demo.ogsm* — OGSM Desktop" (the name once, when it is the file's)."""
        plan = self.session.plan
        file_name = plan.path.name if plan.path is not None else plan.name
        state = self.tr(" (read-only)") if plan.readonly else ""
        parts = [f"{file_name.replace('[*]', '[*][*]')}{state}[*]", APP_NAME]     # a literal [*] is written twice
        if plan.path is None or plan.name != plan.path.stem:
            parts.insert(0, plan.name.replace("[*]", "[*][*]"))
        self.setWindowTitle(" — ".join(parts))
        self.setWindowFilePath(str(plan.path or ""))

    def _repaint_rows(self) -> None:
        # (the viewport asked for here, not when the plan is shown: PySide's first wrapping of it looks through
        # every widget class it has not made yet, 6-15 ms of the start-up)
        self.tree_view.viewport().update()

    def _count_nodes(self, _changes=None) -> None:
        count = len(self.session.model.tree.nodes) if self.session is not None else 0
        self.count_label.setText(self.tr("1 node") if count == 1 else self.tr("%1 nodes").replace("%1", f"{count:,}"))

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
        if not index.isValid() and self.proxy.keep_shown(node_id):      # filtered out: shown all the same
            index = self.proxy.mapFromSource(self.session.model.index_of(node_id))
        if not index.isValid():
            return
        self.tree_view.scrollTo(index)
        self.tree_view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        node_id = current.data(NODE_ID_ROLE) if current.isValid() else None
        if node_id is not None:
            self._hidden_choice = None                # another node chosen since one was filtered out
        for panel in self.plan_panels():
            panel.show_node(node_id)
        self.update_actions()

    def update_actions(self) -> None:
        self.actionset.update()
        self.departments.lock_actions()           # a department file's context stays as the company has it

    def _focus_changed(self, _old, _new) -> None:
        self.update_actions()

    def _listen(self, on: bool) -> None:
        """Cut, Copy and Paste follow the focus (a text field's own, or the tree's nodes) and the clipboard,
        which belong to the whole application: followed while the window is open."""
        if on == self._listening:
            return
        self._listening = on
        for signal, slot in ((QGuiApplication.clipboard().dataChanged, self.clipboard.clipboard_changed),
                             (QApplication.instance().focusChanged, self._focus_changed)):
            if on:
                signal.connect(slot)
            else:
                signal.disconnect(slot)

    def _judging(self) -> None:
        model = self.session.model
        self.as_of_bar.show_judging(model.judged_as_of if model.judging else None, model.progress_pending)

    # ----------------------------------------------------------------- closing
    def _close_without_typing(self) -> bool:
        """Asked when what was typed is refused as the window closes: stay to correct it, or close and leave it
        out — a refusal that cannot change (the plan file moved away) kept the window from closing at all."""
        answer = QMessageBox.question(
            self, self.tr("Close"), self.tr("What was typed could not be written (the reason was just said). Close "
                                            "the window and leave it out?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.drop_typing()
        return True

    def closeEvent(self, event) -> None:
        if not self.finish_typing():       # what was typed was refused, and said: the window stays to correct it,
            still = self.typing() or (self.panels_built and self.numbers.giving_back)     # or closes without it
            if not still or not self._close_without_typing():      # (a field gone back to its value: it stays)
                event.ignore()
                return
        self._save_layout()
        self.set_onepage_popped(False)
        self.settings.sync()
        self.opening.stop()
        self.close_session()
        from .jobs import wait_for_abandoned

        wait_for_abandoned()                # (a review a dialog closed without waiting for)
        self._listen(False)
        super().closeEvent(event)
