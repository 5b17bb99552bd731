"""A window started with a saved layout shows its plan's tree first and fills its panels (the detail editor,
the view tabs, the docks) right after that first frame: the panels then hold the plan, the chosen node, the
tab chosen last time, the alerts, and they take typing and undo as if built with the window. Whatever asks
for a panel before it is built builds it then."""

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget

from ogsm_desktop.gui.main_window import MainWindow
from tests.gui.helpers import node_id, select


@pytest.fixture
def laid_out(qtbot, settings, demo_path):
    """The settings of a window closed once on the demo plan, its Dashboard tab chosen."""
    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.resize(1280, 800)
    first.show()
    assert first.open_plan(demo_path)
    first.views.setCurrentWidget(first.dashboard)
    first.close()
    return settings


class _Order(QObject):
    """Notes whether the panels were built when the tree was first painted."""

    def __init__(self, window):
        super().__init__()
        self.window, self.built_at_first_paint = window, None
        window.tree_view.viewport().installEventFilter(self)

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and self.built_at_first_paint is None:
            self.built_at_first_paint = self.window.panels_built
        return False


def test_the_tree_is_painted_before_the_panels_are_built_then_they_show_the_plan(qtbot, laid_out, demo_path):
    window = MainWindow(laid_out)
    qtbot.addWidget(window)
    order = _Order(window)
    assert not window.panels_built
    assert window.open_plan(demo_path)
    window.show()
    assert not window.panels_built              # opening the plan and showing the window built none of them
    qtbot.waitUntil(lambda: window.panels_built)
    assert order.built_at_first_paint is False
    chosen = window.current_node()
    assert chosen is not None
    assert window.detail.widgets["title"].text() == chosen.title          # the node chosen, in the detail pane
    assert window.views.currentWidget() is window.dashboard                # the tab chosen last time
    assert [window.views.tabText(i) for i in range(3)] == ["One-page OGSM", "Dashboard", "Cascade map"]
    assert window.numbers_dock.widget() is window.numbers and window.history_dock.widget() is window.history
    assert window.alerts_dock.widget() is window.alerts
    assert window.right.widget(0) is window.detail
    assert window.alerts.monitor is window.monitor
    qtbot.waitUntil(lambda: window.monitor.ready)
    select(window, "D1-S2")
    assert window.detail.widgets["title"].text() == window.current_node().title
    assert window.numbers.node_id == node_id(window, "D1-S2")


def test_a_panel_asked_for_before_the_first_frame_is_built_then(qtbot, laid_out, demo_path):
    window = MainWindow(laid_out)
    qtbot.addWidget(window)
    assert window.open_plan(demo_path)
    select(window, "D1-S2")
    assert not window.panels_built
    assert window.detail.widgets["title"].text() == window.current_node().title
    assert window.panels_built and window.numbers.node_id == node_id(window, "D1-S2")


def test_the_window_works_before_its_panels_are_built(qtbot, laid_out, demo_path):
    """The actions asked what applies, typing taken, the plan closed: none of it needs a panel, none builds one."""
    window = MainWindow(laid_out)
    qtbot.addWidget(window)
    assert window.open_plan(demo_path)
    select(window, "D1-S2")
    window.tree_view.setFocus()
    window.update_actions()
    assert window.action("copy").isEnabled()
    assert not window.typing() and window.finish_typing()
    window.close_session()
    assert not window.panels_built


def test_typing_in_a_panel_built_later_is_undone_as_typing(qtbot, laid_out, demo_path):
    window = MainWindow(laid_out)
    qtbot.addWidget(window)
    window.show()
    assert window.open_plan(demo_path)
    qtbot.waitUntil(lambda: window.panels_built)
    select(window, "D1-S2")
    field = window.detail.widgets["title"]
    original = field.text()
    field.setFocus()
    field.end(False)
    qtbot.keyClicks(field, " more")
    assert window.typing() and window.undo_action.text() == "&Undo typing"
    window.undo_action.trigger()
    assert field.text() == original and not window.typing()


def test_the_map_s_export_button_exports_once_built(qtbot, laid_out, demo_path):
    window = MainWindow(laid_out)
    qtbot.addWidget(window)
    window.show()
    assert window.open_plan(demo_path)
    qtbot.waitUntil(lambda: window.panels_built)
    assert window.cascade_map.export.defaultAction() is window.action("exportCascadeMap")


def test_no_place_holder_is_left(qtbot, laid_out, demo_path):
    window = MainWindow(laid_out)
    qtbot.addWidget(window)
    window.show()
    assert window.open_plan(demo_path)
    qtbot.waitUntil(lambda: window.panels_built)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    plain = [w for w in window.findChildren(QWidget) if type(w) is QWidget and w.objectName() == ""
             and w.layout() is None and w.isVisible() and w.width() > 50 and w.height() > 50
             and not w.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)]
    assert plain == []


def test_the_first_frame_is_in_chinese_too(qapp, qtbot, laid_out, demo_path):
    """The panes' titles shown before the panels are built are the window's, translated."""
    from ogsm_desktop.gui.i18n import install
    from tests.gui.test_chinese import english_words, plan_words, visible_texts

    install(qapp, "zh_CN")
    try:
        window = MainWindow(laid_out)
        qtbot.addWidget(window)
        assert window.open_plan(demo_path)
        assert not window.panels_built
        texts = visible_texts(window)
        assert "仪表板" in texts and "数值" in texts
        assert not english_words(texts, plan_words(window))
    finally:
        install(qapp, "en")


def test_the_panels_are_built_with_the_tree_s_pane_dragged_shut(qtbot, settings, demo_path):
    """The tree's pane dragged shut (the splitter folds it to nothing, the views and the detail editor
    wide): the tree is not painted at the next start, and the panels are built all the same."""
    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.resize(1280, 800)
    first.show()
    assert first.open_plan(demo_path)
    first.splitter.setSizes([0, 1280])
    first.close()
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_plan(demo_path)
    window.show()
    assert window.splitter.sizes()[0] == 0
    qtbot.waitUntil(lambda: window.panels_built, timeout=2000)
    assert window.detail.widgets["title"].text() == window.current_node().title


class _NoPaint(QObject):
    def eventFilter(self, watched, event):
        return event.type() == QEvent.Type.Paint           # the window's paint kept from it


def test_the_panels_are_built_even_if_no_first_frame_comes(qtbot, laid_out, demo_path):
    """A first frame that never reaches the window (started minimised, a paint a platform keeps from it) does
    not leave the panes empty for good: the panels are built a moment later all the same."""
    window = MainWindow(laid_out)
    qtbot.addWidget(window)
    assert window.open_plan(demo_path)
    window.show()
    swallow = _NoPaint()
    window.installEventFilter(swallow)                    # (the last filter installed is asked first)
    qtbot.wait(200)
    assert not window.panels_built
    qtbot.waitUntil(lambda: window.panels_built, timeout=3000)
    window.removeEventFilter(swallow)
    assert window.detail.widgets["title"].text() == window.current_node().title


class _AlertsAtFirstPaint(QObject):
    """Notes whether the alerts' worker had started (or answered) when the window was first painted."""

    def __init__(self, window):
        super().__init__()
        self.window, self.started = window, None
        window.installEventFilter(self)

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and self.started is None:
            monitor = self.window.monitor
            self.started = monitor is not None and (monitor._job is not None or monitor.ready)
        return False


def test_the_alerts_are_worked_out_once_the_first_frame_is_painted(qtbot, laid_out, demo_path):
    """As the program starts (the window shown, then its plan opened), the alerts' worker waits for the first
    frame: its imports and its reading would hold Python's lock in turns with the window. Then it answers."""
    from ogsm_desktop.core import plan_alerts
    from ogsm_desktop.core.storage import Plan

    window = MainWindow(laid_out)
    qtbot.addWidget(window)
    at_paint = _AlertsAtFirstPaint(window)
    window.show()
    assert window.open_plan(demo_path)
    assert window.monitor._job is None and not window.monitor.ready
    qtbot.waitUntil(lambda: window.monitor.ready, timeout=5000)
    assert at_paint.started is False
    with Plan.open(demo_path, readonly=True) as plan:
        expected = sorted((a.node.id, a.rule) for a in plan_alerts.evaluate(plan, window.monitor.today))
    assert sorted((a.node.id, a.rule) for a in window.monitor.all()) == expected and expected
    assert window.alerts.count.text() == f"{len(expected)} alert(s)"


def test_a_window_not_shown_works_out_its_alerts_at_once(qtbot, laid_out, demo_path):
    window = MainWindow(laid_out)
    qtbot.addWidget(window)
    assert window.open_plan(demo_path)             # (no frame is coming to wait for)
    assert window.monitor._job is not None
    qtbot.waitUntil(lambda: window.monitor.ready, timeout=5000)


def test_a_plan_closed_before_the_first_frame_never_starts_its_worker(qtbot, laid_out, demo_path, tmp_path,
                                                                     messages):
    import shutil

    other = tmp_path / "other.ogsm"
    shutil.copyfile(demo_path, other)
    window = MainWindow(laid_out)
    qtbot.addWidget(window)
    window.show()
    assert window.open_plan(demo_path)
    first = window.monitor
    assert window.open_plan(other)                 # before the first frame: the demo closed, its monitor stopped
    qtbot.waitUntil(lambda: window.monitor.ready, timeout=5000)
    assert first is not window.monitor and first._job is None and not first.ready and first.error is None
    assert window.monitor.error is None and messages.shown == []


def test_a_monitor_stopped_before_it_starts_never_starts(qtbot, laid_out, demo_path):
    """The first evaluation waits for the first frame; the plan closed meanwhile (its monitor stopped, not yet
    deleted), the call that comes then starts no worker on the closed plan."""
    from ogsm_desktop.gui.monitor import AlertMonitor

    window = MainWindow(laid_out)
    qtbot.addWidget(window)
    assert window.open_plan(demo_path)
    qtbot.waitUntil(lambda: window.monitor.ready and window.monitor._job is None, timeout=5000)
    monitor = AlertMonitor(window.session, start=False)
    monitor.stop()
    monitor.start()
    assert monitor._job is None and not monitor.ready


def test_a_new_as_of_date_before_the_first_frame_is_the_one_evaluated(qtbot, laid_out, demo_path, monkeypatch):
    import datetime as dt

    from ogsm_desktop.core import plan_alerts

    asked = []
    real = plan_alerts.evaluate
    monkeypatch.setattr(plan_alerts, "evaluate", lambda plan, as_of=None, **kw: asked.append(as_of) or
                        real(plan, as_of, **kw))
    window = MainWindow(laid_out)
    qtbot.addWidget(window)
    window.show()
    assert window.open_plan(demo_path)
    window.set_as_of(dt.date(2026, 6, 30))          # before the first frame: evaluated now, as of that day
    qtbot.waitUntil(lambda: window.panels_built, timeout=5000)
    qtbot.waitUntil(lambda: window.monitor.ready and window.monitor._job is None, timeout=5000)
    qtbot.wait(50)
    assert asked == [dt.date(2026, 6, 30)] and window.monitor.listed_as_of == dt.date(2026, 6, 30)


def test_the_alerts_are_worked_out_even_if_no_first_frame_comes(qtbot, laid_out, demo_path):
    window = MainWindow(laid_out)
    qtbot.addWidget(window)
    window.show()
    swallow = _NoPaint()
    window.installEventFilter(swallow)
    assert window.open_plan(demo_path)
    assert window.monitor._job is None and not window.monitor.ready      # waiting for the frame
    qtbot.waitUntil(lambda: window.monitor.ready, timeout=5000)          # which did not come: a moment later
    window.removeEventFilter(swallow)
    assert window.monitor.error is None and window.monitor.all()
