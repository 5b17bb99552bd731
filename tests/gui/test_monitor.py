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
    assert not window.monitor.ready and window.monitor.error is None
    assert window.alerts.count.text() == "Checking the alert rules…"
    wait_for_alerts(qtbot, window)
    assert window.monitor.error is None and window.alerts.count.text().endswith("alert(s)")
    window.close()


def _on_a_worker(monkeypatch, release=None):
    """Let ``alerts.evaluate`` note the threads it ran on; on a worker, answer only once ``release`` is set
    (the answer itself worked out at once: of the plan as it was then)."""
    import threading

    from ogsm_desktop.core import alerts

    real, threads = alerts.evaluate, []

    def evaluate(*args, **kwargs):
        found = real(*args, **kwargs)
        threads.append(threading.current_thread() is threading.main_thread())
        if release is not None and not threads[-1]:
            assert release.wait(10)
        return found

    monkeypatch.setattr(alerts, "evaluate", evaluate)
    return threads


def test_a_new_as_of_date_is_evaluated_on_a_worker_with_the_window_free(window, qtbot, monkeypatch):
    import datetime as dt

    from ogsm_desktop.core import alerts
    from ogsm_desktop.core.storage import Plan

    wait_for_alerts(qtbot, window)
    threads = _on_a_worker(monkeypatch)
    window.set_as_of(dt.date(2026, 6, 30))
    assert not window.monitor.ready and window.alerts.count.text() == "Checking the alert rules…"
    wait_for_alerts(qtbot, window)
    assert threads == [False]                                  # all of them, once, not on the window's thread
    with Plan.open(window.session.plan.path, readonly=True) as plan:
        expected = sorted((a.node.id, a.rule, a.since, a.message) for a in alerts.evaluate(plan, dt.date(2026, 6, 30)))
    shown = sorted((a.node.id, a.rule, a.since, a.message) for a in window.monitor.all())
    assert shown == expected and shown
    assert window.alerts.count.text() == f"{len(shown)} alert(s)"


def test_a_change_made_while_the_worker_evaluates_is_not_overwritten_by_its_answer(window, qtbot, monkeypatch):
    import datetime as dt
    import threading

    wait_for_alerts(qtbot, window)
    m2 = node_id(window, "C-S1-M2")
    release = threading.Event()
    _on_a_worker(monkeypatch, release)
    window.set_as_of(dt.date(2026, 11, 30))            # the worker reads the plan before November's actual…
    qtbot.wait(300)
    window.session.perform("actual", lambda: window.session.plan.actuals.write([(m2, "2026-11", 22500.0, 22000.0, "")]))
    assert [a.rule for a in window.session.model.alerts.get(m2, [])] == ["forecast"]
    release.set()                                      # …and answers after it
    wait_for_alerts(qtbot, window)
    assert [a.rule for a in window.session.model.alerts.get(m2, [])] == ["forecast"]


def test_an_outdated_answer_is_dropped(window, qtbot, monkeypatch):
    import datetime as dt
    import threading

    from ogsm_desktop.core import alerts

    wait_for_alerts(qtbot, window)
    real, release, asked = alerts.evaluate, threading.Event(), []

    def evaluate(plan, as_of=None, **kwargs):
        found = real(plan, as_of, **kwargs)
        if threading.current_thread() is not threading.main_thread():
            asked.append(as_of)
            if as_of == dt.date(2026, 3, 31):           # March's answer comes last
                assert release.wait(10)
        return found

    monkeypatch.setattr(alerts, "evaluate", evaluate)
    window.set_as_of(dt.date(2026, 3, 31))
    qtbot.waitUntil(lambda: asked == [dt.date(2026, 3, 31)], timeout=10_000)
    window.set_as_of(dt.date(2026, 11, 30))             # before March's answer came
    wait_for_alerts(qtbot, window)
    release.set()
    qtbot.waitUntil(lambda: not window.monitor._jobs, timeout=10_000)
    m2 = node_id(window, "C-S1-M2")
    assert [a.rule for a in window.session.model.alerts[m2]] == ["below_target", "red", "forecast"]
    assert window.monitor.ready and window.alerts.count.text().endswith("alert(s)")
