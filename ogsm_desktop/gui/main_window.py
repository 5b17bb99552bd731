"""The main window: the cascade tree of the open plan."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QHeaderView, QMainWindow, QMessageBox, QTreeView

from .. import APP_NAME
from ..core.errors import PlanError
from ..core.store import Plan
from .plan_model import PlanModel
from .settings import Settings


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.plan: Plan | None = None
        self.model: PlanModel | None = None
        self.tree_view = QTreeView(self)
        self.tree_view.setUniformRowHeights(True)      # big plans scroll smoothly
        self.tree_view.setAlternatingRowColors(True)
        self.tree_view.setObjectName("cascadeTree")
        self.setCentralWidget(self.tree_view)
        self._build_menus()
        if settings.geometry is not None:
            self.restoreGeometry(settings.geometry)
        else:
            self.resize(1280, 800)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.open_action = QAction(self.tr("&Open…"), self, shortcut=QKeySequence.StandardKey.Open,
                                   triggered=self.choose_plan)
        self.quit_action = QAction(self.tr("&Quit"), self, shortcut=QKeySequence.StandardKey.Quit,
                                   triggered=self.close)
        file_menu.addAction(self.open_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.expand_action = QAction(self.tr("&Expand all"), self, shortcut="Ctrl+Shift+E",
                                     triggered=self.tree_view.expandAll)
        self.collapse_action = QAction(self.tr("&Collapse to objectives"), self, shortcut="Ctrl+Shift+C",
                                       triggered=lambda: self.tree_view.expandToDepth(0))
        view_menu.addAction(self.expand_action)
        view_menu.addAction(self.collapse_action)

    # ----------------------------------------------------------------- plans
    def open_plan(self, path: str | Path) -> bool:
        """Open ``path`` in the window; on refusal show why and keep the current plan."""
        try:
            plan = Plan.open(path)
        except PlanError as exc:
            QMessageBox.critical(self, self.tr("Cannot open plan"), str(exc))
            return False
        if self.plan is not None:
            self.plan.close()
        self.plan = plan
        self.model = PlanModel(plan, self)
        self.tree_view.setModel(self.model)
        header = self.tree_view.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((560, 110, 90, 130, 90, 70)):
            header.resizeSection(column, width)
        self.tree_view.expandToDepth(1)
        self.setWindowTitle(f"{plan.name} — {APP_NAME}")
        self.statusBar().showMessage(
            self.tr("{path}: {count} nodes").format(path=plan.path, count=len(self.model.tree.nodes)))
        self.settings.last_plan = str(Path(path).resolve())
        self.settings.add_recent(self.settings.last_plan)
        return True

    def choose_plan(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open plan"), "",
                                              self.tr("OGSM plans (*.ogsm);;All files (*)"))
        if path:
            self.open_plan(path)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self.settings.geometry = self.saveGeometry()
        self.settings.sync()
        if self.plan is not None:
            self.plan.close()
            self.plan = None
        super().closeEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.key() == Qt.Key.Key_Escape:
            self.tree_view.clearSelection()
        super().keyPressEvent(event)
