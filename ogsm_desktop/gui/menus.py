"""The window's menus, the tree's context menu and the toolbar, laid out from the actions of
``actions.py``. Their words keep the context of the main window ("MainWindow") in the translations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolBar, QToolButton

if TYPE_CHECKING:
    from .main_window import MainWindow

TOOLBAR_ICON_SIZE = 22


def build_menus(w: MainWindow) -> None:
    a, bar = w.actionset, w.menuBar()
    file_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&File"))
    file_menu.addActions(a.some("newPlan", "openPlan"))
    w.recent_menu = file_menu.addMenu(QCoreApplication.translate("MainWindow", "Open &recent"))
    w.recent_menu.aboutToShow.connect(w.files.fill_recent)
    file_menu.addActions(a.some("saveAs", "checkPlan"))
    for group in (("importExcel", "exportExcel", "exportUnitExcel"),
                  ("exportDepartment", "mergeDepartment", "refreshDepartment"),
                  ("printPreview", "print", "exportPdf", "exportCascadeMap"), ("quit",)):
        file_menu.addSeparator()
        file_menu.addActions(a.some(*group))
    edit_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Edit"))
    for group in ([w.undo_action, w.redo_action], a.some("cut", "copy", "paste", "selectAll"), a.some("find", "filterAgain")):
        edit_menu.addActions(group)
        edit_menu.addSeparator()
    edit_menu.addAction(a["preferences"])
    plan_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Plan"))
    w.add_menu = plan_menu.addMenu(QCoreApplication.translate("MainWindow", "Add"))
    w.add_menu.aboutToShow.connect(w.editing.fill_add_menu)
    for group in (("addChild", "addSibling", "rename", "deleteNode"), ("moveUp", "moveDown", "indent", "outdent"),
                  ("cascade",), ("review", "planSettings")):
        plan_menu.addActions(a.some(*group))
        plan_menu.addSeparator()
    versions_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "Ve&rsions"))
    versions_menu.addActions(a.some("quickSave", "saveVersion", "compare", "restore"))
    view_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&View"))
    view_menu.addActions(a.some("expand1", "expand2", "expand3", "expand4", "expandAll", "collapseAll"))
    view_menu.addSeparator()
    view_menu.addAction(a["popOutOnePage"])
    view_menu.addActions([w.numbers_dock.toggleViewAction(), w.history_dock.toggleViewAction(),
                          w.alerts_dock.toggleViewAction()])
    bar.addMenu(QCoreApplication.translate("MainWindow", "&Help")).addActions(a.some("about", "aboutQt"))
    # The tree's context menu. These commands' shortcuts work in the tree only (a text field keeps its own).
    for group in (("addChild", "addSibling", "rename", "deleteNode"), ("cut", "copy", "paste"), ("cascade",),
                  ("moveUp", "moveDown", "indent", "outdent")):
        if w.tree_view.actions():
            separator = QAction(w.tree_view)
            separator.setSeparator(True)
            w.tree_view.addAction(separator)
        w.tree_view.addActions(a.some(*group))
    corner = QToolButton(w.views)                # the one-page view out into its own window, and back
    corner.setObjectName("popOutOnePageButton")
    corner.setDefaultAction(a["popOutOnePage"])
    corner.setAutoRaise(True)
    w.views.setCornerWidget(corner, Qt.Corner.TopRightCorner)


def build_toolbar(w: MainWindow) -> QToolBar:
    """Icons only, all of one size, so the toolbar keeps its width whatever Undo's text says (the text,
    "Undo Add goal", is the button's tooltip)."""
    a = w.actionset
    toolbar = QToolBar(QCoreApplication.translate("MainWindow", "Main"), w)
    toolbar.setObjectName("mainToolbar")
    toolbar.setIconSize(QSize(TOOLBAR_ICON_SIZE, TOOLBAR_ICON_SIZE))
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
    toolbar.addActions([w.undo_action, w.redo_action])
    for group in (("addChild", "addSibling", "deleteNode", "cascade"), ("quickSave", "compare")):
        toolbar.addSeparator()
        toolbar.addActions(a.some(*group))
    toolbar.addSeparator()
    toolbar.addWidget(w.reason_field)
    w.addToolBar(toolbar)
    return toolbar
