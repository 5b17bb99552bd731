"""Every command of the window in one table: name, text, shortcut, what it does, when it is enabled.

The menus, the toolbar and the tree's context menu use the actions built from this table; after every
change of plan, selection, focus, clipboard or undo state the window asks each action again whether it
applies (and "Add child" says what it will add).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence

from ..core.model import ALLOWED_CHILDREN, Kind, Node
from .icons import command_icon, has_command_icon
from .text import name_command

if TYPE_CHECKING:
    from .main_window import MainWindow

Std = QKeySequence.StandardKey
Role = QAction.MenuRole
Shortcut = QKeySequence.StandardKey | str


@dataclass(frozen=True)
class ActionSpec:
    name: str
    text: str
    slot: Callable[..., object]
    shortcut: Shortcut | tuple[Shortcut, ...] | None = None
    enabled_when: Callable[[], bool] | None = None     # None: always
    role: QAction.MenuRole = Role.NoRole                 # where macOS puts it (About, Preferences…)
    checkable: bool = False                              # the slot gets the new state

    @property
    def on_the_tree(self) -> bool:
        """A command on the selected node: its shortcut works in the tree only, never while a text field
        has the focus (Ctrl+Up in the description box moved the strategy; Ctrl+C there copies text)."""
        return self.name in TREE_ACTIONS

    @property
    def takes_typing(self) -> bool:
        """What is being typed (a field, a title, a cell) is taken first, as a change of its own, and a value
        refused stops the command — but not for what acts on the text being typed (cut, copy, paste, select
        all in a field). (Undo and Redo, not in this table, take it their own way.) The one place a command
        takes the typing: before a dialog takes the focus (and the typing with it), before a version lists
        the changes, before Delete asks with the title shown."""
        return self.name not in FIELD_ACTIONS

    def key_sequences(self) -> list[QKeySequence]:
        if self.shortcut is None:
            return []
        wanted = self.shortcut if isinstance(self.shortcut, tuple) else (self.shortcut,)
        found: list[QKeySequence] = []
        for key in wanted:            # a standard key's first binding only (Shift+Ins would be Paste and Add sibling)
            sequence = QKeySequence(key)
            if not sequence.isEmpty() and sequence not in found:
                found.append(sequence)
        return found


TREE_ACTIONS = frozenset({"addChild", "addSibling", "deleteNode", "moveUp", "moveDown", "indent", "outdent", "cascade",
                          "cut", "copy", "paste", "rename"})


FIELD_ACTIONS = frozenset({"cut", "copy", "paste", "selectAll"})


def child_kind(node: Node | None) -> Kind | None:
    """What "Add child" adds under ``node``: an objective at the top, a strategy under an objective, a
    measure under a strategy (the Add menu offers the others); None where nothing may go."""
    if node is None:
        return Kind.OBJECTIVE
    allowed = ALLOWED_CHILDREN[node.kind]
    if not allowed:
        return None
    return allowed[-1 if node.kind is Kind.OBJECTIVE else 0]


def add_child_texts() -> dict[Kind | None, str]:
    return {
        Kind.OBJECTIVE: QCoreApplication.translate("Actions", "&Add objective"),
        Kind.GOAL: QCoreApplication.translate("Actions", "&Add goal"),
        Kind.STRATEGY: QCoreApplication.translate("Actions", "&Add strategy"),
        Kind.MEASURE: QCoreApplication.translate("Actions", "&Add measure"),
        Kind.ACTION: QCoreApplication.translate("Actions", "&Add action"),
        None: QCoreApplication.translate("Actions", "&Add child"),
    }


def action_table(w: MainWindow) -> list[ActionSpec]:
    files, edit, versions, excel, reports, plan = (w.files, w.editing, w.versions, w.excel, w.reports,
                                                   w.plan_settings)
    clip, app, dept = w.clipboard, w.application, w.departments

    def has_plan() -> bool:
        return w.session is not None

    def has_node() -> bool:
        return w.current_node() is not None

    def can_add_child() -> bool:
        node = w.current_node()
        return has_plan() and (node is None or bool(ALLOWED_CHILDREN[node.kind]))

    def is_writable() -> bool:
        return w.session is not None and not w.session.plan.readonly

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
        ActionSpec("exportUnitExcel", QCoreApplication.translate("Actions", "Export &unit to Excel…"),
                   excel.export_unit_excel, None, excel.can_export_unit),
        ActionSpec("exportDepartment", QCoreApplication.translate("Actions", "Export depar&tment plan…"),
                   dept.export_department, None, dept.can_export),
        ActionSpec("mergeDepartment", QCoreApplication.translate("Actions", "&Merge department plan…"),
                   dept.merge_department, None, dept.can_merge),
        ActionSpec("refreshDepartment", QCoreApplication.translate("Actions", "Re&fresh from company plan…"),
                   dept.refresh_department, None, dept.can_refresh),
        ActionSpec("printPreview", QCoreApplication.translate("Actions", "Print pre&view…"), reports.print_preview, "Ctrl+Shift+P", has_plan),
        ActionSpec("print", QCoreApplication.translate("Actions", "&Print…"), reports.print_report, Std.Print, has_plan),
        ActionSpec("exportPdf", QCoreApplication.translate("Actions", "Export P&DF…"), reports.export_pdf, "Ctrl+Shift+D", has_plan),
        ActionSpec("exportCascadeMap", QCoreApplication.translate("Actions", "Export ca&scade map…"),
                   reports.export_map, None, has_plan),
        ActionSpec("quit", QCoreApplication.translate("Actions", "&Quit"), w.close, Std.Quit, role=Role.QuitRole),
        ActionSpec("cut", QCoreApplication.translate("Actions", "Cu&t"), clip.cut, Std.Cut, clip.can_cut),
        ActionSpec("copy", QCoreApplication.translate("Actions", "&Copy"), clip.copy, Std.Copy, clip.can_copy),
        ActionSpec("paste", QCoreApplication.translate("Actions", "&Paste"), clip.paste, Std.Paste, clip.can_paste),
        ActionSpec("selectAll", QCoreApplication.translate("Actions", "Select &all"), clip.select_all, Std.SelectAll,
                   clip.can_select_all),
        ActionSpec("rename", QCoreApplication.translate("Actions", "Re&name"), edit.rename_in_place, "F2",
                   lambda: has_node() and is_writable()),
        ActionSpec("find", QCoreApplication.translate("Actions", "&Find…"), edit.focus_find, Std.Find, has_plan),
        ActionSpec("filterAgain", QCoreApplication.translate("Actions", "Filter a&gain"), w.filter_again, "F5",
                   lambda: has_plan() and w.proxy.active),
        ActionSpec("preferences", QCoreApplication.translate("Actions", "Pr&eferences…"), app.preferences,
                   (Std.Preferences, "Ctrl+,"), role=Role.PreferencesRole),
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
        ActionSpec("planSettings", QCoreApplication.translate("Actions", "Plan se&ttings…"), plan.edit, None, has_plan),
        ActionSpec("quickSave", QCoreApplication.translate("Actions", "&Save version"), versions.quick_save, Std.Save,
                   is_writable),
        ActionSpec("saveVersion", QCoreApplication.translate("Actions", "Save version &as…"), versions.save_version, None,
                   has_plan),
        ActionSpec("compare", QCoreApplication.translate("Actions", "&Compare…"), versions.compare, "Ctrl+D", has_plan),
        ActionSpec("restore", QCoreApplication.translate("Actions", "&Restore…"), versions.restore, None, has_plan),
        ActionSpec("expandAll", QCoreApplication.translate("Actions", "Expand &all"), w.expand_all, "Ctrl+Shift+E"),
        ActionSpec("collapseAll", QCoreApplication.translate("Actions", "&Collapse all"), w.tree_view.collapseAll, "Ctrl+Shift+C"),
        *[ActionSpec(f"expand{depth}", QCoreApplication.translate("Actions", "Expand to level %1").replace("%1", str(depth)),
                     lambda d=depth: w.expand_all(2 * d - 2), f"Ctrl+{depth}") for depth in range(1, 5)],
        ActionSpec("popOutOnePage", QCoreApplication.translate("Actions", "One-page OGSM in its own &window"),
                   w.set_onepage_popped, "Ctrl+Shift+W", checkable=True),
        ActionSpec("about", QCoreApplication.translate("Actions", "&About OGSM Desktop…"), app.about,
                   role=Role.AboutRole),
        ActionSpec("aboutQt", QCoreApplication.translate("Actions", "About &Qt…"), app.about_qt, role=Role.AboutQtRole),
    ]


class Actions:
    """The QActions built from the table, by name."""

    def __init__(self, window: MainWindow):
        self.window = window
        self.specs = {spec.name: spec for spec in action_table(window)}
        self.by_name: dict[str, QAction] = {}
        self.child_texts = add_child_texts()
        for spec in self.specs.values():
            action = QAction(window)
            name_command(action, spec.text)
            action.setObjectName(spec.name)
            action.setShortcuts(spec.key_sequences())
            action.setMenuRole(spec.role)
            if has_command_icon(spec.name):
                action.setIcon(command_icon(spec.name))
            if spec.on_the_tree:
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            if spec.checkable:
                action.setCheckable(True)
                action.triggered.connect(lambda checked=False, slot=spec.slot: slot(checked))
            elif spec.takes_typing:
                action.triggered.connect(lambda _checked=False, slot=spec.slot: window.finish_typing() and slot())
            else:
                action.triggered.connect(lambda _checked=False, slot=spec.slot: slot())
            self.by_name[spec.name] = action

    def __getitem__(self, name: str) -> QAction:
        return self.by_name[name]

    def some(self, *names: str) -> list[QAction]:
        return [self.by_name[n] for n in names]

    def update(self) -> None:
        """Ask every action whether it applies now; "Add child" names what it adds."""
        for name, spec in self.specs.items():
            if spec.enabled_when is not None:
                self.by_name[name].setEnabled(spec.enabled_when())
        node = self.window.current_node() if self.window.session is not None else None
        name_command(self.by_name["addChild"], self.child_texts[child_kind(node)])
