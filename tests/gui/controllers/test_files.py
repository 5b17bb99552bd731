"""Plan files: reopening, one window per plan, a plan file deleted while open."""

from ogsm_desktop.core.storage import Plan
from ogsm_desktop.gui.main_window import MainWindow
from ogsm_desktop.gui.models.plan_model import NODE_ID_ROLE
from tests.gui.helpers import select, type_into


def test_reopen_finds_everything(window, qtbot, settings, demo_path):
    select(window, "C")
    type_into(qtbot, window.detail.widgets["title"], "成为新能源汽车消费的首选入口")
    window.close()
    again = MainWindow(settings)
    qtbot.addWidget(again)
    assert again.open_plan(demo_path)
    index = again.session.model.index(0, 0)
    assert index.data() == "成为新能源汽车消费的首选入口" and index.data(NODE_ID_ROLE)
    again.close()


def test_a_plan_open_in_another_window_is_refused(window, qtbot, settings, demo_path, messages):
    other = MainWindow(settings)
    qtbot.addWidget(other)
    assert not other.open_plan(demo_path)
    assert "already open for editing elsewhere" in messages.texts("critical")[0]
    assert other.session is None


def test_a_deleted_plan_file_is_noticed_and_can_be_saved_elsewhere(window, qtbot, demo_path, messages, tmp_path,
                                                                    monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    select(window, "C-S1")
    demo_path.unlink()
    messages.answer = QMessageBox.StandardButton.Save
    rescued = tmp_path / "rescued.ogsm"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(rescued), ""))
    type_into(qtbot, window.detail.widgets["title"], "改过的策略")
    qtbot.waitUntil(lambda: bool(messages.texts("warning")))
    assert "deleted or replaced while open" in messages.texts("warning")[0]
    assert window.session.plan.path == rescued
    select(window, "C-S1")
    assert window.detail.widgets["title"].text() == "联合车企推出定制车型"     # the refused edit was not made
    type_into(qtbot, window.detail.widgets["title"], "改过的策略")
    with Plan.open(rescued, readonly=True) as plan:
        assert plan.nodes.by_code("C-S1").title == "改过的策略"
