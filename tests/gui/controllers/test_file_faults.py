"""Faults in the window: a full disk during an edit, an undo, a version or a restore is a message, not an
unhandled exception; a plan in a read-only place opens for reading; File → Check plan file…."""

import sqlite3

from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from ogsm_desktop.core.storage import Plan
from ogsm_desktop.core.storage.errors import plan_error
from tests.gui.conftest import answer_dialog
from tests.gui.helpers import node_id, select, type_into


def fill_the_disk(window):
    conn = window.session.plan.conn
    conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")


def test_a_full_disk_during_an_edit_is_a_message(window, qtbot, messages):
    select(window, "C-S1")
    fill_the_disk(window)
    messages.answer = QMessageBox.StandardButton.Ignore
    type_into(qtbot, window.detail.widgets["title"], "长" * 3000)       # needs new pages: the disk is "full"
    qtbot.waitUntil(lambda: len(messages.texts()) >= 1)
    assert all("the disk is full; nothing was changed" in t for t in messages.texts())
    assert window.session.model.tree.nodes[node_id(window, "C-S1")].title == "联合车企推出定制车型"
    assert window.session.stack.count() == 0


def test_a_full_disk_during_undo_save_and_restore_is_a_message(window, qtbot, demo_path, messages, monkeypatch):
    """SQLite's disk-full error as the storage turns it into a refusal, arriving in each of these places."""
    select(window, "C-S1")
    type_into(qtbot, window.detail.widgets["owner"], "吴芳")
    plan = window.session.plan

    def full(*args, **kwargs):
        raise plan_error(sqlite3.OperationalError("database or disk is full"), plan.path)

    monkeypatch.setattr(plan, "revert_batch", full)
    monkeypatch.setattr(plan, "batch", full)
    monkeypatch.setattr(plan, "trial", full)
    messages.answer = QMessageBox.StandardButton.Ignore
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: len(messages.texts()) == 1)

    def save(dialog):
        dialog.name.setText("Q4")
        dialog.reason.setPlainText("复盘")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    answer_dialog(save)
    assert not window.versions.save_version()
    qtbot.waitUntil(lambda: len(messages.texts()) == 2)

    def restore(dialog):
        dialog.version.setCurrentIndex(dialog.version.findData("2026年度计划"))
        dialog.reason.setText("回到年初计划")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    answer_dialog(restore)
    window.action("restore").trigger()
    qtbot.waitUntil(lambda: len(messages.texts()) == 3)
    assert all("the disk is full" in t for t in messages.texts())
    assert window.isVisible()
    with Plan.open(demo_path, readonly=True) as reader:
        assert reader.nodes.by_code("C-S1").owner == "吴芳" and len(reader.versions.all()) == 2


def test_a_plan_in_a_read_only_place_opens_for_reading(qtbot, settings, demo_path, messages, monkeypatch):
    from ogsm_desktop.core.storage import connection
    from ogsm_desktop.gui.main_window import MainWindow

    monkeypatch.setattr(connection, "writable", lambda path: False)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_plan(demo_path)
    assert "(read-only)" in window.windowTitle()
    assert "cannot be written" in window.statusBar().currentMessage()
    select(window, "C-S1")
    type_into(qtbot, window.detail.widgets["owner"], "吴芳")
    qtbot.waitUntil(lambda: bool(messages.texts("warning")))
    assert "opened read-only" in messages.texts("warning")[0]
    window.close()


def test_a_plan_with_two_names_opens_for_reading_and_says_why(qtbot, settings, demo_path, tmp_path):
    import os

    from ogsm_desktop.gui.main_window import MainWindow

    os.link(demo_path, tmp_path / "linked.ogsm")
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_plan(demo_path)
    assert "(read-only)" in window.windowTitle()
    assert "more than one name" in window.statusBar().currentMessage()
    window.close()


def test_check_plan_file_from_the_menu(window, qtbot, messages):
    window.action("checkPlan").trigger()
    qtbot.waitUntil(lambda: bool(messages.texts("information")))
    assert "the plan file is sound (53 nodes" in messages.texts("information")[0]
