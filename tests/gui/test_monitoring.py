"""Monitoring in the window: alerts in the tree and the panel, the dashboard's plotted data."""

from PySide6.QtCore import Qt

from ogsm_desktop.gui.plan_model import COLUMNS


def node_id(window, code):
    return window.session.plan.node_by_code(code).id


def wait_for_alerts(qtbot, window):
    qtbot.waitUntil(lambda: window.monitor is not None and window.monitor.ready, timeout=10_000)


def test_alerts_show_in_the_panel_and_the_tree(window, qtbot):
    wait_for_alerts(qtbot, window)
    model = window.session.model
    m2 = node_id(window, "C-S1-M2")
    assert [a.rule for a in model.alerts[m2]] == ["below_target"]
    assert {node_id(window, "C-S1"), node_id(window, "C")} <= model.slipping_below     # ancestors show it
    status = model.index_of(m2, COLUMNS.index("status"))
    assert "below target since 2026-09" in model.index_of(m2).data(Qt.ItemDataRole.ToolTipRole)
    assert status.data(Qt.ItemDataRole.DecorationRole) is not None
    rows = window.alerts.model.rowCount()
    codes = [window.alerts.model.index(r, 1).data() for r in range(rows)]
    assert "C-S1-M2" in codes and window.alerts.count.text() == f"{rows} alert(s)"


def test_choosing_an_alert_selects_its_node(window, qtbot):
    wait_for_alerts(qtbot, window)
    view = window.alerts.view
    proxy = view.model()
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, 1).data() == "C-S2-M3")
    view.selectRow(row)
    assert window._current_node().code == "C-S2-M3"


def test_filtering_alerts_by_org_unit(window, qtbot):
    wait_for_alerts(qtbot, window)
    combo = window.alerts.org_unit
    combo.setCurrentIndex(combo.findData("产品共创部"))
    units = {window.alerts.model.index(r, 4).data() for r in range(window.alerts.model.rowCount())}
    assert units == {"产品共创部"}


def test_a_new_actual_clears_the_alert(window, qtbot, tmp_path):
    wait_for_alerts(qtbot, window)
    m2 = node_id(window, "C-S1-M2")
    window.session.perform("actual", lambda: window.session.plan.write_actuals([(m2, "2026-11", 21000.0, 20000.0, "")]))
    assert m2 not in window.session.model.alerts
    window.undo_action.trigger()
    assert [a.rule for a in window.session.model.alerts[m2]] == ["below_target"]


def test_dashboard_plots_the_selected_measure(window, qtbot, tmp_path):
    window.views.setCurrentWidget(window.dashboard)
    window.select_node(node_id(window, "C-S1-M2"))
    dash = window.dashboard
    qtbot.waitUntil(lambda: dash.canvas is not None)
    lines = {line.get_label(): line for line in dash.ax_measure.get_lines()}
    assert list(lines["actual"].get_ydata()) == [12000, 14500, 17800, 19600, 21000, 22400, 21300, 20500, 18200, 17600]
    assert set(lines["target"].get_ydata()) == {20000}
    assert dash.ax_measure.get_title() == "C-S1-M2 试驾预约量（次/月）"
    bars = [t.get_text() for t in dash.ax_units.get_yticklabels()]
    assert "用户洞察团队" in bars
    out = tmp_path / "chart.svg"
    dash.save(str(out))
    assert "<svg" in out.read_text(encoding="utf-8")[:500]
    png = tmp_path / "chart.png"
    dash.save(str(png))
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_alert_settings_in_the_detail_editor(window, qtbot):
    wait_for_alerts(qtbot, window)
    m2 = node_id(window, "C-S1-M2")
    window.select_node(m2)
    field = window.detail.widgets["streak"]
    field.setFocus()
    field.setText("3")
    field.editingFinished.emit()
    assert window.session.model.tree.nodes[m2].streak == 3
    assert m2 not in window.session.model.alerts            # two periods below target no longer alert


def test_plan_wide_alert_defaults(window, qtbot):
    from PySide6.QtWidgets import QDialog, QLineEdit

    from tests.gui.conftest import answer_dialog

    wait_for_alerts(qtbot, window)
    m2 = node_id(window, "C-S1-M2")

    def fill(dialog):
        dialog.findChild(QLineEdit, "defaultStreak").setText("3")
        dialog.accept()

    answer_dialog(fill, QDialog)
    assert window.edit_alert_defaults()
    assert window.session.plan.meta("alert_streak") == "3"
    assert m2 not in window.session.model.alerts
