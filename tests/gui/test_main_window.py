"""The window a user sees on `make run`: the demo plan's cascade, in Chinese, and clear refusals."""

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QMessageBox

from ogsm_desktop.core.paths import default_plan_path
from ogsm_desktop.gui.app import plan_to_open
from ogsm_desktop.gui.fonts import CJK_FAMILY
from ogsm_desktop.gui.main_window import MainWindow
from ogsm_desktop.gui.models.plan_model import COLUMNS


def test_window_shows_the_cascade(qtbot, settings, demo_path):
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    assert window.open_plan(demo_path)
    model = window.tree_view.model()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    top = model.index(0, 0)
    assert top.data() == "成为新能源汽车消费的第一入口"
    assert model.index(0, COLUMNS.index("code")).data() == "C"
    codes = [model.index(r, COLUMNS.index("code"), top).data() for r in range(model.rowCount(top))]
    assert codes == ["C-G1", "C-G2", "C-G3", "C-S1", "C-S2", "C-S3"]
    assert window.tree_view.isExpanded(top)
    assert "京东新能源汽车 OGSM 2026" in window.windowTitle()
    # keyboard: Down moves from the objective to its first goal
    window.tree_view.setCurrentIndex(top)
    qtbot.keyClick(window.tree_view, Qt.Key.Key_Down)
    assert window.tree_view.currentIndex().data() == "2026年通过京东平台完成10万辆新能源车销售"
    assert settings.last_plan == str(demo_path.resolve())


def test_refused_plan_shows_why_and_keeps_the_open_one(qtbot, settings, demo_path, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.open_plan(demo_path)
    bad = tmp_path / "notes.ogsm"
    bad.write_text("not a plan", encoding="utf-8")
    assert not window.open_plan(bad)
    assert shown and "not an OGSM plan" in shown[0] and str(bad) in shown[0]
    assert window.tree_view.model().index(0, 0, QModelIndex()).data() == "成为新能源汽车消费的第一入口"


def test_first_start_opens_the_demo_in_the_data_folder(settings):
    path = plan_to_open(None, settings)
    assert path == default_plan_path() and path.exists()


def test_chinese_renders_with_the_bundled_font(qapp):
    assert CJK_FAMILY in QFontDatabase.families()
    metrics = QFontMetrics(QFont(CJK_FAMILY))
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "成为新能源汽车消费的第一入口")
    assert CJK_FAMILY in qapp.font().families()


def test_window_layout_and_recent_files_are_remembered(qtbot, settings, demo_path, tmp_path):
    other = tmp_path / "other.ogsm"
    other.write_bytes(demo_path.read_bytes())
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.resize(760, 560)           # within the offscreen screen (800 × 600), so the geometry comes back as is
    window.show()
    window.open_plan(demo_path)
    window.open_plan(other)
    window.splitter.setSizes([300, 900])
    sizes = window.splitter.sizes()
    window.close()
    again = MainWindow(settings)
    qtbot.addWidget(again)
    again.show()
    assert again.size() == window.size()
    assert again.splitter.sizes() == sizes
    assert settings.recent_files[:2] == [str(other.resolve()), str(demo_path.resolve())]
    again.files.fill_recent()
    entries = [a.text() for a in again.recent_menu.actions()]
    assert entries[:2] == [str(other.resolve()), str(demo_path.resolve())]
    again.recent_menu.actions()[1].trigger()
    assert again.session.plan.path == demo_path.resolve() or again.session.plan.path.resolve() == demo_path.resolve()
    again.close()


def test_the_reason_is_seen_with_each_edit_and_cleared_for_another_plan(qtbot, settings, demo_path, tmp_path,
                                                                        messages):
    """The reason stayed set forever and was stamped on every later edit, even in another plan."""
    from ogsm_desktop.core.storage import Plan
    from tests.gui.helpers import select, type_into

    other = tmp_path / "other.ogsm"
    other.write_bytes(demo_path.read_bytes())
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    assert window.open_plan(demo_path)
    type_into(qtbot, window.reason_field, "季度复盘")
    assert window.reason_field.property("inUse") is True                 # highlighted while it applies
    select(window, "C-S1")
    type_into(qtbot, window.detail.widgets["owner"], "Wu Fang")
    assert "季度复盘" in window.statusBar().currentMessage()               # said with the edit it went to
    assert window.open_plan(other)
    assert window.reason_field.text() == "" and window.session.reason == ""
    assert window.reason_field.property("inUse") is False
    select(window, "C-S2")
    type_into(qtbot, window.detail.widgets["owner"], "Zhao Min")
    with Plan.open(other, readonly=True) as plan:
        assert plan.journal.batches()[-1].reason == ""
    window.close()


def test_opening_the_plan_already_open_keeps_it_without_a_false_alarm(window, demo_path, messages):
    """Found by a tester: File → Open recent → the plan open in this window said it was "open elsewhere" (the
    process named was this one)."""
    session = window.session
    window.select_node(window.session.model.tree.nodes[2].id)
    assert window.open_plan(str(demo_path))
    assert messages.texts() == []
    assert window.session is session and window.current_node_id() == 2
    assert window.statusBar().currentMessage() == f"{demo_path} is the plan open in this window."


def test_a_plan_open_for_reading_is_opened_again_for_writing(qtbot, settings, demo_path, tmp_path, monkeypatch,
                                                             messages):
    """Found by a review: the plan open read-only (its place could not be written) was kept as it was when opened
    again once writable, said to be "the plan open in this window"."""
    import shutil

    from ogsm_desktop.core.storage import connection

    path = tmp_path / "p.ogsm"
    shutil.copy(demo_path, path)
    monkeypatch.setattr(connection, "writable", lambda p: False)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_plan(path) and window.session.plan.readonly
    monkeypatch.setattr(connection, "writable", lambda p: True)
    assert window.open_plan(path) and not window.session.plan.readonly
    window.close()


def test_a_plan_file_put_in_the_place_of_the_open_one_is_opened(window, demo_path, tmp_path, messages):
    """Found by a review: a file put where the open plan's was (a backup restored) could not be opened: it was
    taken for the plan open, which refuses every edit once its file is replaced."""
    import os
    import shutil

    from ogsm_desktop.core.storage import Plan

    session = window.session
    os.replace(demo_path, tmp_path / "moved.ogsm")
    shutil.copy(tmp_path / "moved.ogsm", demo_path)
    with Plan.open(demo_path) as plan, plan.batch("edit", "restored"):
        plan.nodes.update(plan.nodes.by_code("C-S1").id, owner="Restored")
    assert window.open_plan(demo_path)
    assert window.session is not session
    assert next(n for n in window.session.model.tree.nodes.values() if n.code == "C-S1").owner == "Restored"


def test_the_keys_go_to_the_tree_of_a_plan_opened(window, qtbot, demo_path, tmp_path):
    """Found by a tester: after Open recent the keys were in the as-of date, its year selected (the field that
    had them went with the plan before): digits typed next changed the date."""
    import shutil

    from PySide6.QtWidgets import QApplication

    other = tmp_path / "other.ogsm"
    shutil.copy(demo_path, other)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.detail.widgets["owner"].setFocus()
    assert window.open_plan(other)
    assert QApplication.focusWidget() is window.tree_view
    window.filter_bar.find.setFocus()                       # typing a find as a big plan opens: the keys stay
    assert window.open_plan(demo_path) and window.open_plan(other)
    assert QApplication.focusWidget() is window.filter_bar.find


def test_a_long_status_message_is_shown_whole(window):
    """Tester: what a merge did ("…1 conflict: kept the company's…") was cut off by the file's path, its node
    count and what the file holds, all kept in the status bar. While a message shows the path and what the file
    holds make room."""
    bar = window.statusBar()
    text = "merged d1.ogsm: 2 added, 5 edited, 1 moved, 0 removed, 12 numbers, 1 conflict (kept the company's)"
    bar.showMessage(text)
    free = bar.width() - sum(w.width() for w in (window.path_label, window.count_label, window.saved_label,
                                                 window.as_of_bar) if w.isVisible())
    assert free > bar.fontMetrics().horizontalAdvance(text)
    assert window.count_label.isVisible() and not window.saved_label.isVisible()
    bar.clearMessage()
    assert window.saved_label.isVisible()
