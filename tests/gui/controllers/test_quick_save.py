"""Ctrl+S saves a version at once, named by the date and time, with the reason in use; Save version as…
still asks for a name and a note."""

import re

from PySide6.QtCore import Qt

from ogsm_desktop.core.storage import Plan
from ogsm_desktop.gui.controllers.versions import VersionsController
from tests.gui.helpers import select, type_into

STAMP = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d$")


def test_ctrl_s_saves_a_version_without_asking_for_a_name(window, qtbot, demo_path):
    type_into(qtbot, window.reason_field, "月度复盘")
    select(window, "C-S3-M2")
    type_into(qtbot, window.detail.widgets["target"], "750")
    assert window.isWindowModified()
    window.tree_view.setFocus()
    qtbot.keyClick(window.tree_view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    with Plan.open(demo_path, readonly=True) as plan:
        newest = plan.versions.all()[-1]
    assert STAMP.match(newest.name) and newest.reason == "月度复盘"
    assert window.statusBar().currentMessage() == f"Saved version “{newest.name}” — 月度复盘"
    assert not window.isWindowModified()                          # the title's * is gone
    qtbot.keyClick(window.tree_view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == f"Nothing changed since version “{newest.name}”: no new version saved"
    with Plan.open(demo_path, readonly=True) as plan:
        assert plan.versions.all()[-1].name == newest.name


def test_what_is_being_typed_goes_into_the_version(window, qtbot, demo_path):
    select(window, "C-S3-M2")
    field = window.detail.widgets["target"]
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "700")                                  # typed, not yet committed
    qtbot.keyClick(field, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    with Plan.open(demo_path, readonly=True) as plan:
        assert plan.nodes.by_code("C-S3-M2").target == 700
        newest = plan.versions.all()[-1]
        assert STAMP.match(newest.name) and newest.batch_id == plan.journal.last_batch_id()
    assert field.hasFocus()


def test_without_a_reason_the_version_says_how_it_was_saved(window, qtbot, demo_path):
    """A version's reason says why it was kept: without one typed, it says it was saved with Ctrl+S — not
    the reason of the last change (a new user read '演示数据：2026年10月实际值' there as a false record)."""
    window.action("quickSave").trigger()
    with Plan.open(demo_path, readonly=True) as plan:
        assert plan.versions.all()[-1].reason == "saved with Save version (Ctrl+S), no reason typed"


def test_save_version_as_keeps_its_dialog_and_has_no_ctrl_s(window):
    assert window.action("quickSave").shortcut().toString() == "Ctrl+S"
    assert window.action("saveVersion").shortcut().isEmpty()
    assert window.action("saveVersion").text() == "Save version &as…"


def test_automatic_names_never_clash():
    import datetime as dt

    now = dt.datetime(2026, 12, 1, 14, 5, 33)
    assert VersionsController.automatic_name(set(), now) == "2026-12-01 14:05"
    assert VersionsController.automatic_name({"2026-12-01 14:05"}, now) == "2026-12-01 14:05:33"
    assert VersionsController.automatic_name({"2026-12-01 14:05", "2026-12-01 14:05:33"}, now) == \
        "2026-12-01 14:05:33 (2)"


def test_the_status_bar_says_every_change_is_in_the_file_and_since_which_version(window, qtbot, demo_path):
    """Found by a tester: the demo opens with * in the title, which a planner reads as unsaved changes; every
    change is in the file already, the * marks changes since the last version. The status bar says so."""
    label = window.saved_label
    with Plan.open(demo_path, readonly=True) as plan:
        last = plan.versions.all()[-1].name
    assert window.isWindowModified()                               # changes made after the demo's last version
    assert label.isVisible() and label.text() == f"Saved in the file · changes since version “{last}”"
    window.action("quickSave").trigger()
    with Plan.open(demo_path, readonly=True) as plan:
        newest = plan.versions.all()[-1].name
    assert newest != last and label.text() == f"Saved in the file · version “{newest}”"
    select(window, "C-S3-M2")
    type_into(qtbot, window.detail.widgets["target"], "750")
    assert label.text() == f"Saved in the file · changes since version “{newest}”"
    window.undo_action.trigger()                                   # back to what the version holds
    assert label.text() == f"Saved in the file · version “{newest}”"


def test_a_plan_opened_read_only_says_nothing_is_written(window, qtbot, demo_path):
    from ogsm_desktop.gui.session import Session

    window.set_session(Session.open(demo_path, readonly=True))
    assert window.saved_label.text() == "Read-only: nothing is written to the file"
