"""Alerts kept current: in the tree and the panel after every change; a failed evaluation said, not hidden."""

from PySide6.QtCore import Qt

from ogsm_desktop.gui.models.plan_model import COLUMNS
from tests.gui.helpers import node_id, select, type_into, wait_for_alerts


def test_alerts_show_in_the_panel_and_the_tree(window, qtbot):
    wait_for_alerts(qtbot, window)
    model = window.session.model
    m2 = node_id(window, "C-S1-M2")
    assert [a.rule for a in model.alerts[m2]] == ["below_target", "red", "forecast"]
    assert {node_id(window, "C-S1"), node_id(window, "C")} <= model.slipping_below     # ancestors show it
    status = model.index_of(m2, COLUMNS.index("status"))
    assert "below target since 2026-09" in model.index_of(m2).data(Qt.ItemDataRole.ToolTipRole)
    assert status.data(Qt.ItemDataRole.DecorationRole) is not None
    rows = window.alerts.model.rowCount()
    codes = [window.alerts.model.index(r, 1).data() for r in range(rows)]
    assert "C-S1-M2" in codes and window.alerts.count.text() == f"{rows} alert(s)"


def test_a_new_actual_clears_the_alert(window, qtbot, tmp_path):
    wait_for_alerts(qtbot, window)
    m2 = node_id(window, "C-S1-M2")
    window.session.perform("actual", lambda: window.session.plan.actuals.write([(m2, "2026-11", 22500.0, 22000.0, "")]))
    assert [a.rule for a in window.session.model.alerts.get(m2, [])] == ["forecast"]     # the year still falls short
    window.undo_action.trigger()
    assert [a.rule for a in window.session.model.alerts[m2]] == ["below_target", "red", "forecast"]


def test_a_failed_first_evaluation_is_said_and_logged_not_left_checking(qtbot, settings, demo_path, messages,
                                                                        monkeypatch, tmp_path):
    from ogsm_desktop.core import alerts
    from ogsm_desktop.gui.main_window import MainWindow
    from ogsm_desktop.logs import log_path, setup_logging

    setup_logging()
    real = alerts.evaluate

    def broken(*args, **kwargs):
        raise RuntimeError("the rules broke")

    monkeypatch.setattr(alerts, "evaluate", broken)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_plan(demo_path)
    qtbot.waitUntil(lambda: window.monitor.ready, timeout=10_000)
    text = window.alerts.count.text()
    assert "could not be checked (the rules broke)" in text and str(log_path()) in text
    assert "Checking" not in text
    assert "RuntimeError: the rules broke" in log_path().read_text(encoding="utf-8")
    monkeypatch.setattr(alerts, "evaluate", real)
    select(window, "C-S1")
    type_into(qtbot, window.detail.widgets["owner"], "吴芳")             # the next change tries everything again
    assert window.monitor.error is None and window.alerts.count.text().endswith("alert(s)")
    window.close()
