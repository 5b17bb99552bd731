"""What the window shows about the plan and keeps across starts: the file in the title and the status bar,
the dock layout and the one-page view (in a tab or its own window), the folder of the file dialogs,
and a mistyped plan path on the command line."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QStatusBar

from ogsm_desktop.core.paths import default_plan_path
from ogsm_desktop.gui.app import start_window
from ogsm_desktop.gui.main_window import MainWindow
from tests.gui.helpers import select


def test_the_title_names_the_plan_file_and_follows_save_as_and_open(window, monkeypatch, tmp_path):
    assert window.windowTitle() == "京东新能源汽车 OGSM 2026 — demo.ogsm[*] — OGSM Desktop"
    assert window.isWindowModified()
    copy = tmp_path / "folder" / "q4-review.ogsm"
    copy.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(copy), ""))
    window.action("saveAs").trigger()
    assert window.windowTitle().startswith("京东新能源汽车 OGSM 2026 — q4-review.ogsm[*]")
    assert window.path_label.toolTip() == str(copy)
    other = tmp_path / "other.ogsm"
    other.write_bytes(copy.read_bytes())
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other), ""))
    window.action("openPlan").trigger()
    assert "other.ogsm[*]" in window.windowTitle()


def test_the_status_bar_keeps_the_path_the_node_count_and_the_as_of_date(window, demo_path):
    bar = window.statusBar()
    permanent = [w for w in (window.path_label, window.count_label, window.as_of_bar) if w.parent() is bar]
    assert len(permanent) == 3
    assert window.path_label.toolTip() == str(demo_path) and window.path_label.text()
    assert window.count_label.text() == "53 nodes"
    bar.showMessage("a message")                    # a message does not push the permanent widgets away
    assert all(w.isVisible() for w in permanent)
    select(window, "C-S1")
    window.action("addChild").trigger()
    assert window.count_label.text() == "54 nodes"
    window.undo_action.trigger()
    assert window.count_label.text() == "53 nodes"


def test_a_narrow_window_elides_the_path_in_the_middle(window, qtbot, tmp_path):
    window.path_label.set_full_text(str(tmp_path / ("a-very-long-folder-name-" * 8) / "plan.ogsm"))
    window.path_label.resize(200, window.path_label.height())
    shown = window.path_label.text()
    assert "…" in shown and shown.endswith("plan.ogsm") and len(shown) < len(window.path_label.full_text)


def test_docks_and_the_one_page_window_are_remembered(qtbot, settings, demo_path):
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    window.open_plan(demo_path)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, window.alerts_dock)
    window.history_dock.hide()
    window.action("popOutOnePage").trigger()                       # View → One-page OGSM in its own window
    popped = window.onepage_window
    assert popped.isVisible() and window.onepage.window() is popped
    assert window.views.indexOf(window.onepage) == -1
    assert "京东新能源汽车 OGSM 2026" in popped.windowTitle()
    window.close()
    assert not popped.isVisible()

    again = MainWindow(settings)
    qtbot.addWidget(again)
    again.show()
    again.open_plan(demo_path)
    assert again.dockWidgetArea(again.alerts_dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert not again.history_dock.isVisible()
    assert again.onepage_window is not None and again.onepage_window.isVisible()
    assert again.action("popOutOnePage").isChecked()
    select(again, "C-S2")
    assert "构建换电+保养服务闭环" in again.onepage.toPlainText()    # it follows the selection out there too
    again.onepage_window.back.click()                              # and back into its tab
    assert again.onepage_window is None and again.views.widget(0) is again.onepage
    assert not again.action("popOutOnePage").isChecked()
    again.close()
    third = MainWindow(settings)
    qtbot.addWidget(third)
    third.show()
    assert third.onepage_window is None
    third.close()


def test_file_dialogs_start_in_the_last_folder_else_the_documents(window, monkeypatch, tmp_path):
    asked = []

    def open_dialog(parent, caption, folder, *args, **kwargs):
        asked.append(folder)
        return str(tmp_path / "plans" / "x.ogsm"), ""

    def save_dialog(parent, caption, folder, *args, **kwargs):
        asked.append(folder)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", open_dialog)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    (tmp_path / "plans").mkdir()
    documents = tmp_path / "home" / "Documents"                    # HOME is the test's own (tests/conftest.py)
    documents.mkdir(parents=True)
    window.action("openPlan").trigger()
    assert asked[0] == str(documents) and Path(asked[0]).resolve() != Path.cwd().resolve()
    window.action("exportExcel").trigger()
    window.action("saveAs").trigger()
    assert asked[1] == str(tmp_path / "plans" / "京东新能源汽车 OGSM 2026.xlsx")
    assert asked[2] == str(tmp_path / "plans" / "demo.ogsm")
    assert window.settings.last_folder == str(tmp_path / "plans")


def test_a_mistyped_plan_path_is_named_and_the_default_plan_opens(qtbot, settings, messages, tmp_path):
    typo = tmp_path / "no" / "such.ogsm"
    window = start_window(settings, str(typo))
    qtbot.addWidget(window)
    assert window is not None and window.session.plan.path == default_plan_path()
    warning = messages.texts("warning")[0]
    assert str(typo) in warning and str(default_plan_path()) in warning
    window.close()


def test_a_file_that_is_not_a_plan_is_refused_and_the_default_plan_opens(qtbot, settings, messages, tmp_path):
    notes = tmp_path / "notes.ogsm"
    notes.write_text("not a plan", encoding="utf-8")
    window = start_window(settings, str(notes))
    qtbot.addWidget(window)
    assert "not an OGSM plan" in messages.texts("critical")[0]
    assert window.session.plan.path == default_plan_path()
    window.close()


def test_the_status_bar_is_the_window_s_own(window):
    assert isinstance(window.statusBar(), QStatusBar) and window.as_of_bar.parent() is window.statusBar()


def test_one_node_is_said_as_one(window, tmp_path):
    """Found by a tester: "1 nodes"."""
    from ogsm_desktop.core.storage import Plan

    path = tmp_path / "one.ogsm"
    with Plan.create(path) as plan, plan.batch("edit", "a first objective"):
        plan.nodes.add(None, "objective", title="One")
    assert window.open_plan(path)
    assert window.count_label.text() == "1 node"


def test_the_view_tab_chosen_beside_the_one_page_window_is_chosen_again(qtbot, settings, demo_path):
    """The one-page view in its own window, the Cascade map tab chosen of the two left: chosen again at the
    next start (its index among two, restored among three before the one-page view went out, was the
    Dashboard's)."""
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    assert window.open_plan(demo_path)
    window.action("popOutOnePage").trigger()
    window.views.setCurrentWidget(window.cascade_map)
    window.close()
    again = MainWindow(settings)
    qtbot.addWidget(again)
    assert again.open_plan(demo_path)
    again.show()
    assert again.onepage_window is not None
    assert again.views.currentWidget() is again.cascade_map
    again.close()
    third = MainWindow(settings)                     # back in its tab: the tab chosen of the three
    qtbot.addWidget(third)
    third.show()
    third.set_onepage_popped(False)
    third.views.setCurrentWidget(third.dashboard)
    third.close()
    fourth = MainWindow(settings)
    qtbot.addWidget(fourth)
    fourth.show()
    qtbot.waitUntil(lambda: fourth.panels_built)
    assert fourth.onepage_window is None and fourth.views.currentWidget() is fourth.dashboard
