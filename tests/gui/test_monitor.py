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
    from ogsm_desktop.core import plan_alerts
    from ogsm_desktop.gui.main_window import MainWindow
    from ogsm_desktop.logs import log_path, setup_logging

    setup_logging()
    real = plan_alerts.evaluate

    def broken(*args, **kwargs):
        raise RuntimeError("the rules broke")

    monkeypatch.setattr(plan_alerts, "evaluate", broken)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_plan(demo_path)
    qtbot.waitUntil(lambda: window.monitor.ready, timeout=10_000)
    text = window.alerts.count.text()
    assert "could not be checked (the rules broke)" in text and str(log_path()) in text
    assert "Checking" not in text
    assert "RuntimeError: the rules broke" in log_path().read_text(encoding="utf-8")
    monkeypatch.setattr(plan_alerts, "evaluate", real)
    select(window, "C-S1")
    type_into(qtbot, window.detail.widgets["owner"], "吴芳")             # the next change tries everything again
    assert not window.monitor.ready and window.monitor.error is None
    assert window.alerts.count.text() == "Checking the alert rules…"
    wait_for_alerts(qtbot, window)
    assert window.monitor.error is None and window.alerts.count.text().endswith("alert(s)")
    window.close()


class _Worker:
    """``plan_alerts.evaluate`` watched: the threads it ran on and the dates asked (``threads``, ``asked``; ``here``:
    the dates asked on the window's thread), and on a worker an answer held until ``release`` is set (the answer itself worked out at once, of the plan as it
    was then; ``computed`` is set when it is)."""

    def __init__(self, monkeypatch, hold=False):
        import threading

        from ogsm_desktop.core import plan_alerts

        real = plan_alerts.evaluate
        self.threads, self.asked, self.here = [], [], []
        self.release, self.computed = threading.Event(), threading.Event()
        if not hold:
            self.release.set()

        def evaluate(plan, as_of=None, **kwargs):
            found = real(plan, as_of, **kwargs)
            on_main = threading.current_thread() is threading.main_thread()
            self.threads.append(on_main)
            if on_main:
                self.here.append(as_of)
            else:
                self.asked.append(as_of)
                self.computed.set()
                assert self.release.wait(10)
            return found

        monkeypatch.setattr(plan_alerts, "evaluate", evaluate)


def test_a_new_as_of_date_is_evaluated_on_a_worker_with_the_window_free(window, qtbot, monkeypatch):
    import datetime as dt

    from ogsm_desktop.core import plan_alerts
    from ogsm_desktop.core.storage import Plan

    wait_for_alerts(qtbot, window)
    worker = _Worker(monkeypatch)
    before = window.monitor.listed_as_of
    refreshed = []
    monkeypatch.setattr(window.alerts.model, "set_alerts", lambda *a, was=window.alerts.model.set_alerts:
                        refreshed.append(1) or was(*a))
    window.set_as_of(dt.date(2026, 6, 30))
    assert not window.monitor.ready and window.alerts.count.text() == (
        f"Checking the alert rules… The alerts listed are as of {before.isoformat()}.")
    assert refreshed == []                                     # said, the list not made again
    wait_for_alerts(qtbot, window)
    assert refreshed == [1] and window.monitor.listed_as_of == dt.date(2026, 6, 30)
    assert worker.threads == [False]                           # all of them, once, not on the window's thread
    with Plan.open(window.session.plan.path, readonly=True) as plan:
        expected = sorted((a.node.id, a.rule, a.since, a.message) for a in plan_alerts.evaluate(plan, dt.date(2026, 6, 30)))
    shown = sorted((a.node.id, a.rule, a.since, a.message) for a in window.monitor.all())
    assert shown == expected and shown
    assert window.alerts.count.text() == f"{len(shown)} alert(s)"


def test_a_change_made_while_the_worker_evaluates_is_not_overwritten_by_its_answer(window, qtbot, monkeypatch):
    import datetime as dt

    wait_for_alerts(qtbot, window)
    m2 = node_id(window, "C-S1-M2")
    worker = _Worker(monkeypatch, hold=True)
    window.set_as_of(dt.date(2026, 11, 30))
    assert worker.computed.wait(10)                    # the worker has read the plan before November's actual…
    window.session.perform("actual", lambda: window.session.plan.actuals.write([(m2, "2026-11", 22500.0, 22000.0, "")]))
    assert [a.rule for a in window.session.model.alerts.get(m2, [])] == ["forecast"]
    worker.release.set()                               # …and answers after it
    wait_for_alerts(qtbot, window)
    assert [a.rule for a in window.session.model.alerts.get(m2, [])] == ["forecast"]


def test_a_change_made_while_a_new_date_is_checked_is_listed_as_of_the_date_the_list_is_of(window, qtbot, monkeypatch):
    """While the alerts of a new as-of date were worked out, an edited measure's were listed as of the new date
    among the others as of the date before, under "The alerts listed are as of" the date before. They are
    evaluated as of the date the list is of, then again as of the new date when the worker answers."""
    import datetime as dt

    from ogsm_desktop.core import plan_alerts

    wait_for_alerts(qtbot, window)
    m2 = node_id(window, "C-S1-M2")
    before = window.monitor.listed_as_of
    worker = _Worker(monkeypatch, hold=True)
    window.set_as_of(dt.date(2026, 6, 30))
    assert worker.computed.wait(10)
    window.session.perform("actual", lambda: window.session.plan.actuals.write([(m2, "2026-11", 1000.0, 22000.0, "")]))
    assert worker.here == [before]
    plan = window.session.plan
    listed = lambda: sorted((a.rule, a.since, a.message) for a in window.session.model.alerts.get(m2, []))  # noqa: E731
    expected = lambda day: sorted((a.rule, a.since, a.message) for a in plan_alerts.evaluate(  # noqa: E731
        plan, day, tree=window.session.model.tree, node_ids=[m2]))
    assert listed() == expected(before) and listed()
    worker.release.set()
    wait_for_alerts(qtbot, window)
    assert worker.here[-1] == dt.date(2026, 6, 30) and listed() == expected(dt.date(2026, 6, 30))


def test_an_outdated_answer_is_dropped(window, qtbot, monkeypatch):
    import datetime as dt

    wait_for_alerts(qtbot, window)
    model = window.session.model
    taken = []
    monkeypatch.setattr(model, "set_alerts", lambda found, node_ids=None, was=model.set_alerts:
                        taken.append((window.monitor.today, node_ids)) or was(found, node_ids))
    worker = _Worker(monkeypatch, hold=True)
    window.set_as_of(dt.date(2026, 3, 31))
    assert worker.computed.wait(10)                    # March's answer is worked out…
    window.set_as_of(dt.date(2026, 11, 30))            # …and outdated before it comes
    worker.release.set()
    wait_for_alerts(qtbot, window)
    assert worker.asked == [dt.date(2026, 3, 31), dt.date(2026, 11, 30)]
    assert taken == [(dt.date(2026, 11, 30), None)]    # November's alerts only
    m2 = node_id(window, "C-S1-M2")
    assert [a.rule for a in model.alerts[m2]] == ["below_target", "red", "forecast"]
    assert window.monitor.ready and window.alerts.count.text().endswith("alert(s)")


def test_quick_changes_of_the_date_run_one_worker_and_evaluate_the_last_date(window, qtbot, monkeypatch):
    """The date field asks at every step of its arrows: each worker ran to its end, side by side, the newest
    answer waiting behind them all. The one running is stopped, and only the newest date evaluated next."""
    import datetime as dt

    wait_for_alerts(qtbot, window)
    worker = _Worker(monkeypatch, hold=True)
    days = [dt.date(2026, m, 28) for m in range(3, 9)]
    window.set_as_of(days[0])
    assert worker.computed.wait(10)
    for day in days[1:]:
        window.set_as_of(day)
        assert window.monitor._job is not None and window.monitor._job.stopping
    worker.release.set()
    wait_for_alerts(qtbot, window)
    assert worker.asked == [days[0], days[-1]]
    qtbot.waitUntil(lambda: window.monitor._job is None, timeout=10_000)
    assert window.monitor.today == days[-1]


def test_a_worker_stopped_between_shares_says_nothing(demo_path, monkeypatch):
    """On a big plan the measures are read a share at a time; a worker asked to stop ends at the next share,
    without an answer and without an error."""
    import datetime as dt

    from ogsm_desktop.core import plan_alerts
    from ogsm_desktop.core.storage import Plan
    from ogsm_desktop.gui.monitor import _Evaluate

    monkeypatch.setattr(plan_alerts, "SHARE", 2)
    with Plan.open(demo_path, readonly=True) as plan:
        job = _Evaluate(plan, dt.date(2026, 11, 30), plan.nodes.tree(), 1)
    answers = []
    job.done.connect(lambda *a: answers.append(a))
    job.failed.connect(lambda *a: answers.append(a))
    job.stopping = True
    job.run()                                          # (run here, on this thread)
    assert answers == []
    job.stopping = False
    job.run()                                          # (its copy of the tree let go: the plan's own is read)
    assert len(answers) == 1 and answers[0][0] == 1 and answers[0][1]


def test_an_answer_on_its_way_when_the_plan_closes_is_dropped(window, qtbot, monkeypatch, settings, tmp_path):
    """Opening another plan while an answer was on its way (after an edit made meanwhile): the answer was
    taken on the closed plan, and reading it again failed (an unexpected error)."""
    import datetime as dt

    wait_for_alerts(qtbot, window)
    m2 = node_id(window, "C-S1-M2")
    worker = _Worker(monkeypatch, hold=True)
    window.set_as_of(dt.date(2026, 10, 31))
    assert worker.computed.wait(10)
    window.session.perform("actual", lambda: window.session.plan.actuals.write([(m2, "2026-11", 22500.0, 22000.0, "")]))
    job = window.monitor._job
    worker.release.set()
    job.wait()                                         # its answer is sent, not yet taken
    monitor, model = window.monitor, window.session.model
    taken = []
    monkeypatch.setattr(model, "set_alerts", lambda *a: taken.append(a))
    window.close_session()
    qtbot.wait(100)                                    # the queued answer is delivered now, and dropped
    assert taken == [] and monitor.error is None


def _busy_first(monkeypatch, times):
    """``plan_alerts.evaluate`` on a worker finds the plan file being written ``times`` times, then evaluates."""
    import sqlite3
    import threading

    from ogsm_desktop.core import plan_alerts

    real, calls = plan_alerts.evaluate, []

    def evaluate(*args, **kwargs):
        if threading.current_thread() is not threading.main_thread():
            calls.append(1)
            if len(calls) <= times:
                raise sqlite3.OperationalError("database is locked")
        return real(*args, **kwargs)

    monkeypatch.setattr(plan_alerts, "evaluate", evaluate)
    return calls


def test_an_evaluation_that_found_the_file_being_written_is_tried_again(window, qtbot, monkeypatch):
    """A long edit of this window (undoing the delete of a big branch) held the file past the worker's
    patience: the panel said "database is locked" over the alerts of another date, until the next change."""
    import datetime as dt

    wait_for_alerts(qtbot, window)
    calls = _busy_first(monkeypatch, times=2)
    window.set_as_of(dt.date(2026, 6, 30))
    wait_for_alerts(qtbot, window)
    assert len(calls) == 3 and window.monitor.error is None
    assert window.monitor.today == dt.date(2026, 6, 30) and window.alerts.count.text().endswith("alert(s)")


def test_an_evaluation_that_kept_finding_the_file_being_written_says_so(window, qtbot, monkeypatch):
    import datetime as dt

    from ogsm_desktop.gui.models.judging import BUSY_TRIES

    wait_for_alerts(qtbot, window)
    calls = _busy_first(monkeypatch, times=99)
    window.set_as_of(dt.date(2026, 6, 30))
    wait_for_alerts(qtbot, window)
    assert len(calls) == BUSY_TRIES + 1
    text = window.alerts.count.text()
    assert "could not be checked (database is locked)" in text
    assert text.endswith(f"The alerts listed are as of {window.monitor.listed_as_of.isoformat()}.")
    assert window.monitor.listed_as_of != dt.date(2026, 6, 30)


def test_a_failure_evaluating_the_nodes_changed_meanwhile_still_lists_the_new_alerts(window, qtbot, monkeypatch):
    """The worker's alerts were taken, then evaluating the nodes changed meanwhile failed: the panel said so
    over its old list (5 rows where the model had 22)."""
    import datetime as dt

    wait_for_alerts(qtbot, window)
    worker = _Worker(monkeypatch, hold=True)
    window.set_as_of(dt.date(2026, 6, 30))
    assert worker.computed.wait(10)
    m2 = node_id(window, "C-S1-M2")
    window.session.perform("actual", lambda: window.session.plan.actuals.write([(m2, "2026-06", 1.0, 20000.0, "")]))

    def broken(_touched):
        raise RuntimeError("the rules broke")

    monkeypatch.setattr(window.monitor, "_evaluate", broken)
    worker.release.set()
    wait_for_alerts(qtbot, window)
    listed = window.alerts.model.rowCount()
    assert listed == len(window.monitor.all()) and window.monitor.listed_as_of == dt.date(2026, 6, 30)
    assert "could not be checked (the rules broke)" in window.alerts.count.text()


def test_a_change_that_leaves_the_alerts_as_they_were_does_not_list_them_again(window, qtbot, monkeypatch):
    """A comment typed on the big plan listed its 60,000 alerts again (0.1 s at every edit): the alerts of the
    nodes changed are compared with what they were instead. A title changed is listed (the panel shows it)."""
    from ogsm_desktop.core import numbers

    wait_for_alerts(qtbot, window)
    listed = []
    monkeypatch.setattr(window.alerts.model, "set_alerts", lambda *a, was=window.alerts.model.set_alerts:
                        listed.append(1) or was(*a))
    session, model, m2 = window.session, window.session.model, node_id(window, "C-S1-M2")
    before = {nid: list(found) for nid, found in model.alerts.items()}
    assert session.perform("comment", lambda: numbers.write(session.plan, model.tree.nodes[m2],
                                                            {"2026-10": {"comment": "加大投放"}}))
    assert listed == [] and model.alerts == before
    assert session.perform("title", lambda: session.plan.nodes.update(m2, title="试驾预约量（新）"))
    assert listed == [1]
    panel = window.alerts.model
    assert "试驾预约量（新）" in [panel.index(r, 2).data() for r in range(panel.rowCount())]


def test_a_strategy_moved_with_a_measure_slipping_below_it_moves_the_mark_to_its_new_parents(window, qtbot):
    """The strategy has no alerts of its own: the monitor evaluated nothing, and the marks "something below
    slips" stayed where the strategy had been."""
    from ogsm_desktop.core.model import Kind

    wait_for_alerts(qtbot, window)
    session, model = window.session, window.session.model
    strategy = node_id(window, "C-S1")
    inside = {n.id for n, _depth in model.tree.walk(strategy)}
    assert inside & model.alerts.keys()
    other = next(n.id for n in model.tree.nodes.values() if n.kind is Kind.OBJECTIVE and n.id not in
                 model.slipping_below | inside and n.id not in model.alerts)    # (nothing slipping below it)
    assert session.perform("move", lambda: session.plan.nodes.move(strategy, other))
    assert other in model.slipping_below and strategy in model.slipping_below
    window.undo_action.trigger()
    assert other not in model.slipping_below


def _listed(window):
    from ogsm_desktop.gui.models.plan_model import NODE_ID_ROLE
    m = window.alerts.model
    return {m.index(r, 0).data(NODE_ID_ROLE) for r in range(m.rowCount())}


def test_a_measure_deleted_leaves_the_alerts_panel(window, qtbot):
    """Found by a review: the plan model drops the alerts of the rows it removes as it follows the batch, so the
    monitor found them "as they were" and did not list the alerts again: the deleted measure's stayed listed."""
    wait_for_alerts(qtbot, window)
    model = window.session.model
    m = next(nid for nid in _listed(window) if model.tree.nodes[nid].kind.name == "MEASURE")
    count = window.alerts.model.rowCount()
    window.select_node(m)
    window.action("deleteNode").trigger()
    assert m not in model.tree.nodes
    assert m not in _listed(window)
    assert window.alerts.model.rowCount() < count
    window.undo_action.trigger()
    assert m in _listed(window) and window.alerts.model.rowCount() == count


def test_a_branch_deleted_leaves_the_alerts_panel(window, qtbot):
    wait_for_alerts(qtbot, window)
    model = window.session.model
    s1 = node_id(window, "C-S1")
    inside = {n.id for n, _d in model.tree.walk(s1)} & _listed(window)
    assert inside
    window.select_node(s1)
    window.action("deleteNode").trigger()
    assert not (_listed(window) & inside)


def test_marks_move_when_a_big_batch_reloads_the_model(window, qtbot, monkeypatch):
    """Found by a review: as the test above, but the batch too big to follow step by step (the model reloads):
    the marks stayed where they were."""
    from ogsm_desktop.core.model import Kind
    from ogsm_desktop.gui.models import plan_model

    wait_for_alerts(qtbot, window)
    monkeypatch.setattr(plan_model, "RESET_ABOVE", 0)
    session, model = window.session, window.session.model
    strategy = node_id(window, "C-S1")
    inside = {n.id for n, _depth in model.tree.walk(strategy)}
    assert inside & model.alerts.keys()
    other = next(n.id for n in model.tree.nodes.values() if n.kind is Kind.OBJECTIVE and n.id not in
                 model.slipping_below | inside and n.id not in model.alerts)
    assert session.perform("move", lambda: session.plan.nodes.move(strategy, other))
    assert other in model.slipping_below and strategy in model.slipping_below
