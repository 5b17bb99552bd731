"""Every command of the window in one table: name, text, shortcut, what it does, when it is enabled.

The menus, the toolbar and the tree's context menu use the actions built from this table; after every
change of plan, selection or undo state the window asks each action again whether it applies.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence

from ..core.model import ALLOWED_CHILDREN, Kind

if TYPE_CHECKING:
    from .main_window import MainWindow

Std = QKeySequence.StandardKey


@dataclass(frozen=True)
class ActionSpec:
    name: str
    text: str
    slot: Callable[[], object]
    shortcut: QKeySequence.StandardKey | str | None = None
    enabled_when: Callable[[], bool] | None = None     # None: always

    @property
    def on_the_tree(self) -> bool:
        """A command on the selected node: its shortcut works in the tree only, never while a text field
        has the focus (Ctrl+Up in the description box moved the strategy)."""
        return self.name in TREE_ACTIONS


TREE_ACTIONS = frozenset({"addChild", "addSibling", "deleteNode", "moveUp", "moveDown", "indent", "outdent", "cascade"})


def action_table(w: MainWindow) -> list[ActionSpec]:
    files, edit, versions, excel, reports, plan = (w.files, w.editing, w.versions, w.excel, w.reports,
                                                   w.plan_settings)

    def has_plan() -> bool:
        return w.session is not None

    def has_node() -> bool:
        return w.current_node() is not None

    def can_add_child() -> bool:
        node = w.current_node()
        return has_plan() and (node is None or bool(ALLOWED_CHILDREN[node.kind]))

    def is_strategy() -> bool:
        node = w.current_node()
        return node is not None and node.kind is Kind.STRATEGY

    return [
        ActionSpec("newPlan", QCoreApplication.translate("Actions", "&New plan…"), files.new_plan, Std.New),
        ActionSpec("openPlan", QCoreApplication.translate("Actions", "&Open…"), files.choose_plan, Std.Open),
        ActionSpec("saveAs", QCoreApplication.translate("Actions", "Save &As…"), files.save_as, Std.SaveAs, has_plan),
        ActionSpec("checkPlan", QCoreApplication.translate("Actions", "C&heck plan file…"), files.check_plan, None,
                   has_plan),
        ActionSpec("importExcel", QCoreApplication.translate("Actions", "&Import from Excel…"), excel.import_excel, "Ctrl+I", has_plan),
        ActionSpec("exportExcel", QCoreApplication.translate("Actions", "&Export to Excel…"), excel.export_excel, "Ctrl+E", has_plan),
        ActionSpec("printPreview", QCoreApplication.translate("Actions", "Print pre&view…"), reports.print_preview, "Ctrl+Shift+P", has_plan),
        ActionSpec("print", QCoreApplication.translate("Actions", "&Print…"), reports.print_report, Std.Print, has_plan),
        ActionSpec("exportPdf", QCoreApplication.translate("Actions", "Export P&DF…"), reports.export_pdf, "Ctrl+Shift+D", has_plan),
        ActionSpec("quit", QCoreApplication.translate("Actions", "&Quit"), w.close, Std.Quit),
        ActionSpec("find", QCoreApplication.translate("Actions", "&Find…"), edit.focus_find, Std.Find, has_plan),
        ActionSpec("addChild", QCoreApplication.translate("Actions", "Add &child"), edit.add_child, "Insert", can_add_child),
        ActionSpec("addSibling", QCoreApplication.translate("Actions", "Add &sibling"), edit.add_sibling, "Shift+Insert", has_node),
        ActionSpec("deleteNode", QCoreApplication.translate("Actions", "&Delete…"), edit.delete_node, Std.Delete, has_node),
        ActionSpec("moveUp", QCoreApplication.translate("Actions", "Move &up"), lambda: edit.move_by(-1), "Ctrl+Up", has_node),
        ActionSpec("moveDown", QCoreApplication.translate("Actions", "Move do&wn"), lambda: edit.move_by(1), "Ctrl+Down", has_node),
        ActionSpec("indent", QCoreApplication.translate("Actions", "&Indent"), edit.indent, "Ctrl+Right", has_node),
        ActionSpec("outdent", QCoreApplication.translate("Actions", "&Outdent"), edit.outdent, "Ctrl+Left", has_node),
        ActionSpec("cascade", QCoreApplication.translate("Actions", "&Cascade to…"), edit.cascade_to, "Ctrl+Shift+K", is_strategy),
        ActionSpec("review", QCoreApplication.translate("Actions", "Re&view of the period…"), reports.review, "Ctrl+R",
                   has_plan),
        ActionSpec("planSettings", QCoreApplication.translate("Actions", "Plan &settings…"), plan.edit, None, has_plan),
        ActionSpec("saveVersion", QCoreApplication.translate("Actions", "&Save version…"), versions.save_version, Std.Save, has_plan),
        ActionSpec("compare", QCoreApplication.translate("Actions", "&Compare…"), versions.compare, "Ctrl+D", has_plan),
        ActionSpec("restore", QCoreApplication.translate("Actions", "&Restore…"), versions.restore, None, has_plan),
        ActionSpec("expandAll", QCoreApplication.translate("Actions", "Expand &all"), w.tree_view.expandAll, "Ctrl+Shift+E"),
        ActionSpec("collapseAll", QCoreApplication.translate("Actions", "&Collapse all"), w.tree_view.collapseAll, "Ctrl+Shift+C"),
        *[ActionSpec(f"expand{depth}", QCoreApplication.translate("Actions", "Expand to level %1").replace("%1", str(depth)),
                     lambda d=depth: w.tree_view.expandToDepth(2 * d - 2), f"Ctrl+{depth}") for depth in range(1, 5)],
    ]


class Actions:
    """The QActions built from the table, by name."""

    def __init__(self, window: MainWindow):
        self.specs = {spec.name: spec for spec in action_table(window)}
        self.by_name: dict[str, QAction] = {}
        for spec in self.specs.values():
            action = QAction(spec.text, window)
            action.setObjectName(spec.name)
            if spec.shortcut is not None:
                action.setShortcut(QKeySequence(spec.shortcut))
            if spec.on_the_tree:
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _checked=False, slot=spec.slot: slot())
            self.by_name[spec.name] = action

    def __getitem__(self, name: str) -> QAction:
        return self.by_name[name]

    def some(self, *names: str) -> list[QAction]:
        return [self.by_name[n] for n in names]

    def update(self) -> None:
        """Ask every action whether it applies now."""
        for name, spec in self.specs.items():
            if spec.enabled_when is not None:
                self.by_name[name].setEnabled(spec.enabled_when())
