"""The alerts panel: choosing an alert selects its node; filters by org unit."""

from tests.gui.helpers import wait_for_alerts


def test_choosing_an_alert_selects_its_node(window, qtbot):
    wait_for_alerts(qtbot, window)
    view = window.alerts.view
    proxy = view.model()
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, 1).data() == "C-S2-M3")
    view.selectRow(row)
    assert window.current_node().code == "C-S2-M3"


def test_filtering_alerts_by_org_unit(window, qtbot):
    wait_for_alerts(qtbot, window)
    combo = window.alerts.org_unit
    combo.setCurrentIndex(combo.findData("产品共创部"))
    units = {window.alerts.model.index(r, 4).data() for r in range(window.alerts.model.rowCount())}
    assert units == {"产品共创部"}
