"""A title typed in the tree with F2 is kept however the user leaves it: Enter, Ctrl+S (the version holds the
new title), closing the window, opening another plan; only Escape leaves the title as it was."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from ogsm_desktop.core.storage import Plan
from tests.gui.helpers import select

CTRL = Qt.KeyboardModifier.ControlModifier


def type_title(qtbot, window, code, text):
    """F2 on ``code`` in the tree and ``text`` typed over its title, neither Enter nor Escape pressed."""
    select(window, code)
    window.tree_view.setFocus()
    qtbot.keyClick(window.tree_view, Qt.Key.Key_F2)
    editor = window.tree_view.findChild(QLineEdit, "titleEditor")
    assert editor is not None and editor.hasFocus()
    qtbot.keyClicks(editor, text)
    return editor


def title_in_file(path, code):
    with Plan.open(path, readonly=True) as plan:
        return plan.nodes.by_code(code).title


def test_a_title_being_typed_is_saved_when_the_window_closes(window, qtbot, demo_path):
    type_title(qtbot, window, "C-S1", "Joint custom models")
    window.close()                                                  # as File → Quit does
    assert title_in_file(demo_path, "C-S1") == "Joint custom models"


def test_a_title_being_typed_is_saved_when_another_plan_is_opened(window, qtbot, demo_path, tmp_path):
    other = tmp_path / "other.ogsm"
    other.write_bytes(demo_path.read_bytes())
    type_title(qtbot, window, "C-G2", "Repeat buyers up 20%")
    assert window.open_plan(other)
    qtbot.wait(20)
    assert title_in_file(demo_path, "C-G2") == "Repeat buyers up 20%"
    assert title_in_file(other, "C-G2") == "用户复购率提升20%"            # never renamed in the plan opened next


def test_ctrl_s_saves_the_title_being_typed_in_the_version(window, qtbot, demo_path):
    editor = type_title(qtbot, window, "C-S2", "Battery swap and service loop")
    qtbot.keyClick(editor, Qt.Key.Key_S, CTRL)
    qtbot.wait(20)                                                  # nothing left to land after the version
    with Plan.open(demo_path, readonly=True) as plan:
        newest = plan.versions.all()[-1]
        assert plan.nodes.by_code("C-S2").title == "Battery swap and service loop"
        assert newest.batch_id == plan.journal.last_batch_id()      # the rename is inside the version
    assert not window.isWindowModified()
    assert window.undo_action.text() == "&Undo Rename C-S2"


def test_escape_still_leaves_the_title_as_it_was_after_closing(window, qtbot, demo_path):
    editor = type_title(qtbot, window, "C-S3", "xyz")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    window.close()
    assert title_in_file(demo_path, "C-S3") == "线上线下一体化营销，打造“年轻人的第一辆换电车”"


def test_a_title_being_typed_stays_open_while_a_status_filter_is_worked_out_again(window, qtbot):
    """Found by a tester: statuses judged again (a new as-of date; a big plan's answer arriving seconds
    later) filtered the tree again under the editor; it lost the focus and renamed the node with half the
    title typed, the rest typed into the tree. The filter is now worked out again once the title is in."""
    import datetime as dt

    from tests.gui.helpers import visible_codes

    window.set_as_of(dt.date(2026, 10, 31))
    status = window.filter_bar.status
    status.setCurrentIndex(status.findData("off_track"))
    qtbot.waitUntil(lambda: window.proxy.status == "off_track")
    assert set(visible_codes(window)) == {"C", "C-S1", "C-S1-M2"}
    editor = type_title(qtbot, window, "C-S1-M2", "Bookings")
    window.set_as_of(dt.date(2026, 1, 31))                        # January: other nodes are off track
    assert window.tree_view.findChild(QLineEdit, "titleEditor") is editor and editor.isVisible()
    assert editor.hasFocus() and editor.text() == "Bookings"
    assert title_in_file(window.session.plan.path, "C-S1-M2") != "Bookings"
    qtbot.keyClicks(editor, " per month")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session.model.tree.nodes[window.session.plan.nodes.by_code("C-S1-M2").id].title
                    == "Bookings per month")
    model = window.session.model
    off = {model.tree.nodes[i].code for i, s in model.standing.items() if str(s.status) == "off_track"}
    qtbot.waitUntil(lambda: off <= set(visible_codes(window)))   # then filtered by January's statuses
    assert off != {"C-S1-M2"}


def _off_track_in_october(window, qtbot):
    import datetime as dt

    from tests.gui.helpers import visible_codes

    window.set_as_of(dt.date(2026, 10, 31))
    status = window.filter_bar.status
    status.setCurrentIndex(status.findData("off_track"))
    qtbot.waitUntil(lambda: window.proxy.status == "off_track")
    assert set(visible_codes(window)) == {"C", "C-S1", "C-S1-M2"}


def _off_track_shown(window):
    from tests.gui.helpers import visible_codes

    model = window.session.model
    off = {model.tree.nodes[i].code for i, s in model.standing.items() if str(s.status) == "off_track"}
    assert off != {"C-S1-M2"}
    return off <= set(visible_codes(window))


def test_the_status_filter_follows_the_date_after_the_row_typed_in_went_away(window, qtbot):
    """Found by a review: the row typed in going without the editor closed (its add undone under it) or the
    model made again under it left the filter waiting for good for the editor to close: the
    tree kept the matches of the date before."""
    import datetime as dt

    _off_track_in_october(window, qtbot)
    type_title(qtbot, window, "C-S1-M2", "Half a ti")
    window.set_as_of(dt.date(2026, 1, 31))             # January, judged while typing: waits
    window.session.model.reload()                      # (a batch too big to follow, say)
    qtbot.waitUntil(lambda: _off_track_shown(window))
    assert window.title_editor.editing is None
    window.set_as_of(dt.date(2026, 10, 31))
    select(window, "C-S1")
    window.action("addChild").trigger()
    added = window.current_node()
    window.tree_view.setFocus()
    qtbot.keyClick(window.tree_view, Qt.Key.Key_F2)
    qtbot.keyClicks(window.tree_view.findChild(QLineEdit, "titleEditor"), "Half a ti")
    window.set_as_of(dt.date(2026, 1, 31))
    window.session.stack.undo()                        # the node added goes (the window's Undo renames first)
    assert added.id not in window.session.model.tree.nodes
    qtbot.waitUntil(lambda: _off_track_shown(window))
    assert window.title_editor.editing is None


def test_undo_from_the_toolbar_while_a_title_is_typed_undoes_the_typing(window, qtbot):
    """The toolbar's Undo, clicked with a title typed in the tree (F2) and not confirmed: the rename is
    taken first, as a change of its own, and that is what is undone (Redo brings it back)."""
    select(window, "C-S1")
    window.action("addChild").trigger()
    added = window.current_node().id
    window.tree_view.setFocus()
    qtbot.keyClick(window.tree_view, Qt.Key.Key_F2)
    qtbot.keyClicks(window.tree_view.findChild(QLineEdit, "titleEditor"), "Half a ti")
    window.undo_action.trigger()
    assert window.session.model.tree.nodes[added].title == "New measure"
    assert window.redo_action.text() == f"&Redo Rename {window.session.model.tree.nodes[added].code}"
    window.redo_action.trigger()
    assert window.session.model.tree.nodes[added].title == "Half a ti"


def test_a_title_emptied_with_f2_is_kept_empty_as_in_the_detail_pane(window, qtbot, demo_path):
    """Found by a tester: a title emptied in the detail pane is saved empty, but emptied with F2 it came back
    on Enter without a word. Both take the title typed (Undo gives it back)."""
    editor = type_title(qtbot, window, "C-S3", "")
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: title_in_file(demo_path, "C-S3") == "")
    assert window.detail.widgets["title"].text() == ""
    window.undo_action.trigger()
    assert title_in_file(demo_path, "C-S3") != ""
    select(window, "C-S2")
    title = window.detail.widgets["title"]
    title.setFocus()
    title.selectAll()
    qtbot.keyClick(title, Qt.Key.Key_Delete)
    qtbot.keyClick(title, Qt.Key.Key_Return)
    assert title_in_file(demo_path, "C-S2") == ""
