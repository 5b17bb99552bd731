"""The keys and the toolbar a desktop user expects: Ctrl+Y redoes, F2 renames in place, Add child says
what it adds, the toolbar shows icons of one size with Undo's text as its tooltip."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QToolButton

from tests.gui.helpers import node_id, select

CTRL = Qt.KeyboardModifier.ControlModifier


def test_ctrl_y_and_ctrl_shift_z_both_redo(window, qtbot):
    select(window, "C-S1")
    window.tree_view.setFocus()
    qtbot.keyClick(window.tree_view, Qt.Key.Key_Insert)              # Add measure
    added = window.current_node().id
    window.tree_view.setFocus()
    qtbot.keyClick(window.tree_view, Qt.Key.Key_Z, CTRL)
    assert added not in window.session.model.tree.nodes
    qtbot.keyClick(window.tree_view, Qt.Key.Key_Y, CTRL)
    assert added in window.session.model.tree.nodes
    qtbot.keyClick(window.tree_view, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(window.tree_view, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert added in window.session.model.tree.nodes


def test_f2_renames_the_node_in_place_and_undo_brings_the_title_back(window, qtbot):
    select(window, "C-S1")
    window.tree_view.setFocus()
    qtbot.keyClick(window.tree_view, Qt.Key.Key_F2)
    editor = window.tree_view.findChild(QLineEdit, "titleEditor")
    assert editor is not None and editor.isVisible() and editor.text() == "联合车企推出定制车型"
    assert editor.selectedText() == "联合车企推出定制车型"            # typing replaces it
    editor.setText("Joint custom models with carmakers")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session.model.tree.nodes[node_id(window, "C-S1")].title
                    == "Joint custom models with carmakers")
    assert window.tree_view.currentIndex().data() == "Joint custom models with carmakers"
    assert window.tree_view.findChild(QLineEdit, "titleEditor") is None or not editor.isVisible()
    assert window.undo_action.text() == "&Undo Rename C-S1"
    window.undo_action.trigger()
    assert window.session.model.tree.nodes[node_id(window, "C-S1")].title == "联合车企推出定制车型"


def test_escape_leaves_the_title_as_it_was(window, qtbot):
    select(window, "C-G1")
    window.tree_view.setFocus()
    qtbot.keyClick(window.tree_view, Qt.Key.Key_F2)
    editor = window.tree_view.findChild(QLineEdit, "titleEditor")
    qtbot.keyClicks(editor, "xyz")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.wait(20)
    assert window.session.stack.count() == 0
    assert window.current_node().title == "2026年通过京东平台完成10万辆新能源车销售"


def test_add_child_says_what_it_adds(window):
    texts = {}
    for code in ("C", "C-S1", "D1", "C-G1", "C-S1-A1"):
        select(window, code)
        action = window.action("addChild")
        texts[code] = (action.text(), action.isEnabled())
    assert texts == {"C": ("&Add strategy", True), "C-S1": ("&Add measure", True), "D1": ("&Add strategy", True),
                     "C-G1": ("&Add child", False), "C-S1-A1": ("&Add child", False)}
    select(window, "C-S1")
    window.action("addChild").trigger()
    assert window.current_node().kind == "measure"


def test_the_toolbar_shows_icons_of_one_size_and_keeps_its_width(window, qtbot):
    toolbar = window.toolbar
    buttons = {b.defaultAction().objectName(): b for b in toolbar.findChildren(QToolButton) if b.defaultAction()}
    assert {"undo", "redo", "addChild", "addSibling", "deleteNode", "cascade", "quickSave", "compare"} <= set(buttons)
    for name, button in buttons.items():
        if name in ("undo", "redo", "addChild", "quickSave"):
            assert not button.defaultAction().icon().isNull(), name
            assert button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
            assert button.iconSize() == toolbar.iconSize()
    widths = [buttons["undo"].width(), buttons["addChild"].width()]
    select(window, "C-S1")
    window.action("addChild").trigger()
    qtbot.wait(10)
    assert buttons["undo"].toolTip().startswith("Undo Add measure")       # the command, in the tooltip
    assert [buttons["undo"].width(), buttons["addChild"].width()] == widths
    select(window, "C")
    assert [buttons["undo"].width(), buttons["addChild"].width()] == widths


def test_no_emoji_in_the_commands(window):
    texts = [a.text() + a.toolTip() for a in window.actionset.by_name.values()]
    assert not [t for t in texts if any(ord(ch) >= 0x2600 and not 0x3000 <= ord(ch) <= 0x9FFF for ch in t)]
