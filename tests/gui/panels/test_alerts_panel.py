"""The alerts panel: choosing an alert selects its node; filters by org unit."""

from PySide6.QtCore import QObject, QPoint, Qt, Signal

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


def test_the_org_units_and_owners_to_filter_by_are_listed_as_a_reader_orders_them(demo_path, qtbot):
    """Found by a tester on the big plan: 个人1, 个人10, 个人100, 个人1000, … — sorted as text. Numbers in names
    go by their value, and (in Chinese) the names by their pinyin; the filter bar lists them alike. A narrow
    panel does not cut the name a box shows (cut to "所有部匚" on the big plan)."""
    import dataclasses

    from ogsm_desktop.gui.panels.alerts_panel import AlertsPanel
    from ogsm_desktop.gui.text import in_name_order

    found = many_alerts(demo_path, 12)
    names = ["个人10", "个人2", "部门1", "个人1", "Sales 10", "sales 9"]
    found = [dataclasses.replace(a, node=dataclasses.replace(a.node, org_unit=names[i % 6], owner=names[-1 - i % 6]))
             for i, a in enumerate(found)]
    panel = AlertsPanel()
    qtbot.addWidget(panel)
    panel.show()
    monitor = Monitor([])
    panel.set_monitor(monitor)
    monitor.found = found
    monitor.changed.emit()
    listed = [panel.org_unit.itemText(i) for i in range(1, panel.org_unit.count())]
    assert listed == in_name_order(names)
    assert listed.index("个人2") < listed.index("个人10") and listed.index("sales 9") < listed.index("Sales 10")
    assert [panel.owner.itemText(i) for i in range(1, panel.owner.count())] == listed
    panel.resize(900, 300)
    qtbot.waitUntil(lambda: panel.width() == 900)
    wide = [combo.width() for combo in (panel.org_unit, panel.owner)]         # (the name shown: the widest)
    panel.resize(120, 300)
    qtbot.waitUntil(lambda: panel.width() <= 300)
    assert [combo.width() for combo in (panel.org_unit, panel.owner)] == wide
    # (a cold review's) a very long name chosen does not keep the window wide: cut, whole in the tooltip
    long = "华东区域销售与渠道发展事业部" * 4
    monitor.found = [dataclasses.replace(a, node=dataclasses.replace(a.node, org_unit=long)) for a in found]
    monitor.changed.emit()
    panel.org_unit.setCurrentIndex(panel.org_unit.findData(long))
    assert panel.org_unit.minimumWidth() < panel.org_unit.fontMetrics().horizontalAdvance(long) / 2
    assert panel.org_unit.toolTip() == long
    assert in_name_order(["sales", "Sales", "SALES"]) == in_name_order(["SALES", "sales", "Sales"])


def many_alerts(demo_path, count):
    """``count`` alerts of the demo plan's measures, every rule."""
    from ogsm_desktop.core.alerts import Alert
    from ogsm_desktop.core.storage import Plan

    with Plan.open(demo_path, readonly=True) as plan:
        measures = [n for n in plan.nodes.tree().nodes.values() if n.kind == "measure"]
    numbers = {"below_target": {"run": 3, "periods": ["2026-09"], "actuals": [1.0], "targets": [2.0]},
               "red": {"actual": 1.0, "red": 5.0, "target": 10.0}, "stale": {"due": "2026-10", "latest": None},
               "forecast": {"forecast": 3.0, "target": 9.0, "due": "2026-12-31"}}
    rules = list(numbers)
    return [Alert(measures[i % len(measures)], rules[i % 4], f"2026-{i % 12 + 1:02d}", numbers[rules[i % 4]])
            for i in range(count)]


class Monitor(QObject):
    """What the panel asks of the window's alert monitor: every alert, checked."""

    changed = Signal()
    state_changed = Signal()
    ready, error, listed_as_of, today = True, None, None, None

    def __init__(self, found):
        super().__init__()
        self.found = found

    def all(self):
        return self.found


def test_a_big_plans_alerts_are_shown_and_sorted_formatting_only_the_messages_on_screen(demo_path, qtbot,
                                                                                          monkeypatch):
    """A big plan has tens of thousands of alerts. Each message is written when asked for: the panel asks for
    those on screen, and sorting by another column asks for none (sorting by the details, each once). The
    panel used to ask for every message at every comparison of its sort: 14 s for the big plan's 60,332."""
    from ogsm_desktop.core import alerts
    from ogsm_desktop.gui.panels.alerts_panel import AlertsPanel

    written = []
    for rule, write in list(alerts._MESSAGES.items()):
        monkeypatch.setitem(alerts._MESSAGES, rule, lambda a, write=write: written.append(a) or write(a))
    found = many_alerts(demo_path, 3000)
    panel = AlertsPanel()
    qtbot.addWidget(panel)
    panel.resize(1000, 500)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_monitor(Monitor(found))
    qtbot.wait(10)
    view = panel.view
    on_screen = view.rowAt(view.viewport().height() - 1) + 1
    assert view.model().rowCount() == 3000 and 5 < on_screen < 100
    assert 0 < len(written) <= 2 * on_screen
    header = view.horizontalHeader()

    def click(column):                    # a click on the column's header, as a user sorts
        written.clear()
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                         pos=QPoint(header.sectionViewportPosition(column) + 10, header.height() // 2))
        qtbot.wait(10)
        assert header.sortIndicatorSection() == column
        return len(written), [view.model().index(r, column).data() for r in range(view.model().rowCount())]

    for column in (1, 5, 0, 0):
        count, shown = click(column)
        assert count <= 2 * on_screen, column
        assert shown == sorted(shown, reverse=header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder)
    count, shown = click(6)
    assert count <= 3000 + 2 * on_screen
    assert shown == sorted(shown, reverse=header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder)


def test_sorting_keeps_the_chosen_alert_chosen_and_orders_as_asked(window, qtbot):
    from PySide6.QtTest import QAbstractItemModelTester

    wait_for_alerts(qtbot, window)
    view, model = window.alerts.view, window.alerts.view.model()
    window.testers.append(QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal))
    row = next(r for r in range(model.rowCount()) if model.index(r, 1).data() == "C-S2-M3")
    view.selectRow(row)
    chosen = (model.index(row, 0).data(), model.index(row, 5).data())
    for column, order in ((1, Qt.SortOrder.DescendingOrder), (5, Qt.SortOrder.AscendingOrder),
                          (0, Qt.SortOrder.AscendingOrder)):
        view.sortByColumn(column, order)
        values = [model.index(r, column).data() for r in range(model.rowCount())]
        assert values == sorted(values, reverse=order == Qt.SortOrder.DescendingOrder), column
        current = view.currentIndex()
        assert model.index(current.row(), 1).data() == "C-S2-M3"
        assert (model.index(current.row(), 0).data(), model.index(current.row(), 5).data()) == chosen
    assert window.current_node().code == "C-S2-M3"
    view.horizontalHeader().setSortIndicatorClearable(True)
    view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)             # no column: the plan's order again
    assert [model.index(r, 1).data() for r in range(model.rowCount())] == [a.node.code for a in window.monitor.all()]
    assert window.current_node().code == "C-S2-M3"


def test_an_edit_keeps_the_chosen_alert_chosen(window, qtbot):
    """Each edit listed every alert again from the top: the alert chosen (to go and fix its number, say) was
    no longer chosen, the list back at its start."""
    wait_for_alerts(qtbot, window)
    view, model = window.alerts.view, window.alerts.view.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 1).data() == "C-S1-M2")
    rule = model.index(row, 0).data()
    view.selectRow(row)
    assert window.current_node().code == "C-S1-M2"
    session = window.session
    m2 = window.current_node().id
    assert session.perform("Rename", lambda: session.plan.nodes.update(m2, title="Bookings"))
    current = view.currentIndex()
    assert current.isValid() and (model.index(current.row(), 1).data(), model.index(current.row(), 0).data(),
                                  model.index(current.row(), 2).data()) == ("C-S1-M2", rule, "Bookings")
    assert [i.row() for i in view.selectionModel().selectedRows()] == [current.row()]
    other = next(n for n in session.model.tree.nodes.values() if n.code == "C-S2-M3").id
    assert session.perform("Rename", lambda: session.plan.nodes.update(other, title="Range"))
    assert (model.index(view.currentIndex().row(), 1).data(), model.index(view.currentIndex().row(), 0).data()) == \
        ("C-S1-M2", rule)
    assert window.current_node().code == "C-S1-M2"
    window.select_node(other)                                  # another node chosen in the tree since: it stays
    view.setFixedHeight(90)                                    # and where the list was scrolled to stays too
    window.alerts.show()
    qtbot.waitUntil(lambda: view.verticalScrollBar().maximum() > 2)
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() - 1)
    scrolled = view.verticalScrollBar().value()
    assert session.perform("Rename", lambda: session.plan.nodes.update(m2, title="Bookings in total"))
    assert view.verticalScrollBar().value() == scrolled and window.current_node().code == "C-S2-M3"


def test_clicking_the_alert_chosen_again_goes_back_to_its_node(window, qtbot):
    """Found by a review: the alert kept chosen after another node was chosen in the tree did nothing when
    clicked again (only a change of the row chosen went to its node)."""
    from tests.gui.helpers import node_id

    wait_for_alerts(qtbot, window)
    view, model = window.alerts.view, window.alerts.view.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 1).data() == "C-S1-M2")
    view.selectRow(row)
    window.select_node(node_id(window, "C-S2-M3"))
    assert window.current_node().code == "C-S2-M3" and view.currentIndex().row() == row
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(model.index(row, 2)).center())
    assert window.current_node().code == "C-S1-M2"
