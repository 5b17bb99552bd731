"""The main window's panels — the detail editor, the one-page view, the dashboard and the cascade map (in tabs),
the History, Alerts and Numbers docks — built once the window's first frame is painted: the window opens
on its plan's tree, its panes and docks in their places, and the panels fill them a moment later (their
modules, their widgets and their first paint are two fifths of the start-up). A window started without a
saved layout builds them at once (the detail pane is sized to their content); anything that asks for a
panel before it is built builds them then. Mixed into :class:`.main_window.MainWindow`.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QTabWidget, QWidget

VIEWS = ("onepage", "dashboard", "cascade_map")          # the tabs, in their order
DOCKS = ("history", "alerts", "numbers")
FIRST_FRAME_AT_MOST = 1000       # ms after the window is shown: the panels are built then if no frame came


def _panel(name: str) -> property:
    def get(self: WindowPanels):
        if self._panels is None:
            self.build_panels()
        return self._panels[name]

    return property(get, doc=f"The {name} panel, built now if the window has not built it yet.")


class _FirstFrame(QObject):
    """Calls ``then`` once the window has painted its first frame (after it, not within it): the window is
    painted first, its widgets (the tree) after it in the same pass, and the zero timer runs once the pass is
    done. The window's paint, not the tree's: a tree whose pane was dragged shut is never painted."""

    def __init__(self, watched: QWidget, then) -> None:
        super().__init__(watched)
        self._then = then
        watched.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._then)
        return False


class WindowPanels:
    """The panels' half of the main window (see the module); the window calls :meth:`_place_panels` while it
    lays itself out, and the panels are built by :meth:`build_panels`."""

    detail = _panel("detail")
    onepage = _panel("onepage")
    dashboard = _panel("dashboard")
    cascade_map = _panel("cascade_map")
    history = _panel("history")
    alerts = _panel("alerts")
    numbers = _panel("numbers")

    def _place_panels(self) -> None:
        """The panels' places, empty until they are built: the detail pane, the view tabs (with their titles,
        so the tab chosen last time is chosen again), the docks (so their saved places are restored). (Their
        words are the window's: a mixin's ``self.tr`` would look them up under the class it is mixed into.)"""
        self._panels: dict[str, QWidget] | None = None
        self._frame_painted = False
        self._after_frame: list[tuple[QObject, object]] = []     # (context, then): see after_first_frame
        self.onepage_title = QCoreApplication.translate("MainWindow", "One-page OGSM")
        self._view_titles = (self.onepage_title, QCoreApplication.translate("MainWindow", "Dashboard"), QCoreApplication.translate("MainWindow", "Cascade map"))
        self.views = QTabWidget(self)
        self.views.setObjectName("viewTabs")
        for title in self._view_titles:
            self.views.addTab(QWidget(self.views), title)
        self._detail_place = QWidget(self)
        self.history_dock = self._dock(QCoreApplication.translate("MainWindow", "History"), "historyDock")
        self.alerts_dock = self._dock(QCoreApplication.translate("MainWindow", "Alerts"), "alertsDock")
        self.numbers_dock = self._dock(QCoreApplication.translate("MainWindow", "Numbers"), "numbersDock")
        self.tabifyDockWidget(self.history_dock, self.alerts_dock)
        self.tabifyDockWidget(self.history_dock, self.numbers_dock)
        self.numbers_dock.raise_()

    def _dock(self, title: str, name: str) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(QWidget(dock))
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        return dock

    @property
    def panels_built(self) -> bool:
        return self._panels is not None

    def build_panels_after_first_frame(self) -> None:
        """Called as the window is first shown: the panels are built, and the work waiting for the first frame
        (:meth:`after_first_frame`) started, once it is painted."""
        _FirstFrame(self, self._first_frame_painted)
        # and at the latest a moment later: a first frame that does not come (a window started minimised, a
        # paint a style or a platform keeps from the window) leaves no empty panes for good
        QTimer.singleShot(FIRST_FRAME_AT_MOST, self, self._first_frame_painted)

    def _first_frame_painted(self) -> None:
        self._frame_painted = True
        self.build_panels()
        waiting, self._after_frame = self._after_frame, []
        for context, then in waiting:
            if shiboken6.isValid(context):           # (not if it is gone by now)
                QTimer.singleShot(0, context, then)  # (nor if it goes before the timer)

    def after_first_frame(self, context: QObject, then) -> None:
        """Call ``then`` once the window's first frame is painted: at once if it is, or if the window is not
        shown (no frame is coming); not at all if ``context`` is destroyed first. Work that the first frame
        does not need (the alerts' worker: its imports and its reading hold Python's lock in turns with the
        window) waits for it, so the window is on the screen sooner."""
        if self._frame_painted or not self.isVisible():
            then()
        else:
            self._after_frame.append((context, then))

    def build_panels(self) -> None:
        if self._panels is not None:
            return
        from .panels.alerts_panel import AlertsPanel
        from .panels.cascade_map_view import CascadeMapView
        from .panels.dashboard import Dashboard
        from .panels.detail_editor import DetailEditor
        from .panels.history_panel import HistoryPanel
        from .panels.numbers_panel import NumbersPanel
        from .panels.onepage_view import OnePageView

        panels = {"detail": DetailEditor(None, self), "onepage": OnePageView(self), "dashboard": Dashboard(self),
                  "cascade_map": CascadeMapView(self), "history": HistoryPanel(self), "alerts": AlertsPanel(self),
                  "numbers": NumbersPanel(self)}
        self._panels = panels
        self.right.replaceWidget(0, panels["detail"]).deleteLater()
        chosen = self.views.currentIndex()
        for index, (name, title) in enumerate(zip(VIEWS, self._view_titles, strict=True)):
            place = self.views.widget(index)
            self.views.insertTab(index, panels[name], title)
            self.views.removeTab(index + 1)
            place.deleteLater()
        self.views.setCurrentIndex(chosen)
        for name, dock in zip(DOCKS, (self.history_dock, self.alerts_dock, self.numbers_dock), strict=True):
            place = dock.widget()
            dock.setWidget(panels[name])
            place.deleteLater()
        for typed in (panels["detail"], panels["numbers"]):
            typed.typing_changed.connect(self.undo_redo.refresh)
        panels["cascade_map"].node_chosen.connect(self.select_node)
        panels["alerts"].node_chosen.connect(self.select_node)
        panels["cascade_map"].export.setDefaultAction(self.action("exportCascadeMap"))   # the map's Export button
        if self.session is not None:
            self._show_session_in_panels(self.session)
            node_id = self.current_node_id()
            for panel in self.plan_panels():
                panel.show_node(node_id)
        self.update_actions()

    def _show_session_in_panels(self, session) -> None:
        for panel in self.plan_panels():
            panel.set_session(session)
        if self._panels is not None:
            self._panels["alerts"].set_monitor(self.monitor if session is not None else None)

    def plan_panels(self) -> tuple:
        """The panels built that show the open plan and its chosen node (none before :meth:`build_panels`;
        a panel built later is told of them then)."""
        if self._panels is None:
            return ()
        return tuple(self._panels[name] for name in ("detail", "onepage", "history", "dashboard", "numbers",
                                                      "cascade_map"))
