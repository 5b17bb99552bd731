"""A big plan's tree shows its statuses at once and its progress when the years to date are worked out on
a worker thread; an edit meanwhile is not lost, and the end result equals a model judged in one go."""

import pytest

from ogsm_desktop.gui.models import judging
from tests.gui.helpers import node_id


@pytest.fixture
def big(monkeypatch):
    monkeypatch.setattr(judging, "BACKGROUND_ABOVE", 0)        # the demo plan counts as big


def test_statuses_at_once_progress_from_the_worker(big, demo_path, qtbot):
    from ogsm_desktop.core.storage import Plan
    from ogsm_desktop.gui.models.plan_model import PlanModel

    with Plan.open(demo_path) as plan:
        model = PlanModel(plan)                 # as a big plan is judged on opening
        m2 = plan.nodes.by_code("C-S1-M2").id
        assert str(model.standing[m2].status) == "off_track" and model.standing[m2].progress is None
        qtbot.waitUntil(lambda: model.standing[m2].progress is not None)
        assert model.standing[m2].progress == pytest.approx(184900 / 232500)
        model.stop()


def test_an_edit_while_the_worker_runs_is_kept(big, window, qtbot):
    model, session = window.session.model, window.session
    m2 = node_id(window, "C-S1-M2")
    model.rejudge()
    session.perform("actual", lambda: session.plan.actuals.write([(m2, "2026-11", 30000.0, 22000.0, "")]))
    qtbot.waitUntil(lambda: model._to_date_job is None and all(not r.partial for r in model.readings.values()),
                    timeout=10_000)
    assert model.readings[m2].actual == 30000.0
    assert model.standing[m2].progress == pytest.approx((184900 + 30000) / 232500)


def _judged_in_one_go(model):
    from ogsm_desktop.core import monitoring
    from ogsm_desktop.core.status import roll_up

    readings = monitoring.readings(model.plan, model.tree, model.as_of, model.settings)
    return roll_up(model.tree, readings, model.settings)


def test_the_roll_up_from_the_worker_follows_a_change_of_the_cascade_made_meanwhile(big, window, qtbot, messages):
    """The worker rolls the standings up on its copy of the tree: a measure deleted meanwhile (no figure of
    the plan changed) makes its answer outdated, and the strategy above is judged without it."""
    model = window.session.model
    s1, m2 = node_id(window, "C-S1"), node_id(window, "C-S1-M2")
    model.rejudge()
    assert model._to_date_job is not None
    window.select_node(m2)
    window.action("deleteNode").trigger()
    assert m2 not in model.tree.nodes
    qtbot.waitUntil(lambda: model._to_date_job is None and all(not r.partial for r in model.readings.values()),
                    timeout=10_000)
    assert model.standing == _judged_in_one_go(model)
    assert m2 not in model.standing and model.standing[s1] == _judged_in_one_go(model)[s1]


def test_a_new_as_of_date_on_a_big_plan_ends_as_judged_in_one_go(big, window, qtbot):
    import datetime as dt

    model = window.session.model
    window.set_as_of(dt.date(2026, 6, 30))
    qtbot.waitUntil(lambda: model._to_date_job is None, timeout=10_000)
    assert all(not r.partial for r in model.readings.values())
    assert model.standing == _judged_in_one_go(model)


def _failing_first(monkeypatch, error, times=1):
    """``monitoring.readings`` on a worker fails ``times`` times with ``error``, then reads as usual."""
    import threading

    from ogsm_desktop.core import monitoring

    real, calls = monitoring.readings, []

    def readings(*args, **kwargs):
        if threading.current_thread() is not threading.main_thread():
            calls.append(1)
            if len(calls) <= times:
                raise error
        return real(*args, **kwargs)

    monkeypatch.setattr(monitoring, "readings", readings)
    return calls


def test_a_read_that_found_the_file_being_written_is_tried_again(big, window, qtbot, monkeypatch):
    """A long edit of this window (deleting a big branch) holds the file past the worker's patience: its
    read failed, and the progress stayed unknown until the next change."""
    import sqlite3

    model = window.session.model
    m2 = node_id(window, "C-S1-M2")
    calls = _failing_first(monkeypatch, sqlite3.OperationalError("database is locked"), times=2)
    model.rejudge()
    qtbot.waitUntil(lambda: model._to_date_job is None, timeout=10_000)
    assert len(calls) == 4                  # two refused, then the statuses and the years to date
    assert model.standing[m2].progress == pytest.approx(184900 / 232500)


def test_a_read_that_kept_finding_the_file_being_written_gives_up(big, window, qtbot, monkeypatch, caplog):
    import sqlite3

    model = window.session.model
    calls = _failing_first(monkeypatch, sqlite3.OperationalError("database is locked"), times=99)
    model.rejudge()
    qtbot.waitUntil(lambda: model._to_date_job is None, timeout=10_000)
    assert len(calls) == judging.BUSY_TRIES + 1
    assert "being written" in caplog.text
    assert any(r.partial for r in model.readings.values())          # the progress stays unknown, said in the log


def test_a_failure_of_a_read_outdated_meanwhile_is_read_again(big, window, qtbot, monkeypatch, messages):
    """A read that failed while the plan changed under it (a branch deleted as it read) left the progress
    unknown: its answer is outdated, failed or not, and the years to date are read again."""
    model = window.session.model
    calls = _failing_first(monkeypatch, KeyError(6))
    model.rejudge()
    window.select_node(node_id(window, "C-S1-A1"))
    window.action("deleteNode").trigger()
    qtbot.waitUntil(lambda: model._to_date_job is None, timeout=10_000)
    assert len(calls) == 3                  # failed, then the statuses and the years to date
    assert all(not r.partial for r in model.readings.values())
    assert model.standing == _judged_in_one_go(model)


def test_a_job_stopped_while_it_reads_ends_at_once(demo_path, qtbot, monkeypatch):
    """Stopping a job (another as-of date, another plan, closing) waited for its read to end: seconds on a
    big plan, the window held meanwhile. The read is interrupted."""
    import datetime as dt
    import threading

    from ogsm_desktop.core import monitoring
    from ogsm_desktop.core.plan_settings import MonitorSettings
    from ogsm_desktop.core.storage import Plan
    from ogsm_desktop.gui.models.to_date_job import ToDateJob

    reading = threading.Event()

    def endless(plan, *args, **kwargs):              # a read that never ends by itself
        reading.set()
        plan.conn.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
                          "SELECT count(*) FROM c").fetchone()

    monkeypatch.setattr(monitoring, "readings", endless)
    with Plan.open(demo_path, readonly=True) as plan:
        job = ToDateJob(plan, dt.date(2026, 11, 30), 1, plan.nodes.tree(), MonitorSettings.of(plan))
    answers = []
    job.done.connect(lambda *a: answers.append(a))
    job.start()
    assert reading.wait(10)
    stopper = threading.Thread(target=job.stop)
    stopper.start()
    stopper.join(10)
    assert not stopper.is_alive() and job.isFinished()
    qtbot.wait(50)
    assert answers == []


def test_a_job_stopped_is_interrupted_before_it_is_waited_for(demo_path, monkeypatch):
    """Each step of the date field (an arrow key held) stops the job working out the date before: it was
    waited for 50 ms before its read was interrupted, 0.08-0.1 s a step on the big plan."""
    import datetime as dt
    import threading

    from ogsm_desktop.core import monitoring
    from ogsm_desktop.core.plan_settings import MonitorSettings
    from ogsm_desktop.core.storage import Plan
    from ogsm_desktop.gui.models import to_date_job

    reading, events = threading.Event(), []

    def endless(plan, *args, **kwargs):
        reading.set()
        plan.conn.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
                          "SELECT count(*) FROM c").fetchone()

    monkeypatch.setattr(monitoring, "readings", endless)
    wait_for, interrupt = to_date_job.wait_for, Plan.interrupt
    monkeypatch.setattr(to_date_job, "wait_for", lambda thread, ms=None: events.append("wait") or wait_for(thread, ms))
    monkeypatch.setattr(Plan, "interrupt", lambda plan: events.append("interrupt") or interrupt(plan))
    with Plan.open(demo_path, readonly=True) as plan:
        job = to_date_job.ToDateJob(plan, dt.date(2026, 11, 30), 1, plan.nodes.tree(), MonitorSettings.of(plan))
    job.start()
    assert reading.wait(10)
    stopper = threading.Thread(target=job.stop)
    stopper.start()
    stopper.join(10)
    assert not stopper.is_alive() and job.isFinished()
    assert events[0] == "interrupt"


def test_jobs_stopped_are_let_go_with_their_copy_of_the_tree(big, window, qtbot):
    """Every job started stayed a child of the model, each with its copy of the tree (4.4 MB on the big
    plan): ten changes of the as-of date left eleven."""
    import datetime as dt

    from ogsm_desktop.gui.models.to_date_job import ToDateJob

    model = window.session.model
    for day in range(1, 11):
        window.set_as_of(dt.date(2026, 6, day))
    qtbot.waitUntil(lambda: model._to_date_job is None, timeout=10_000)
    qtbot.wait(50)                                                # (deleted later, by the event loop)
    assert model.findChildren(ToDateJob) == []


def test_a_retitle_while_the_worker_runs_keeps_its_answer(big, window, qtbot, monkeypatch):
    """Any change of a node outdated the worker's answer: on the big plan, edits a second apart (titles,
    owners) kept the progress from ever arriving. Only what a figure or the roll-up reads outdates it, and
    then only for the nodes changed: they are read again when the answer comes, not the whole plan."""
    model, session = window.session.model, window.session
    started = []
    monkeypatch.setattr(model, "_start_to_date", lambda was=model._start_to_date: started.append(1) or was())
    model.rejudge()
    m2 = node_id(window, "C-S1-M2")
    session.perform("edit", lambda: session.plan.nodes.update(m2, title="试驾预约量（新）", owner="吴芳"))
    qtbot.waitUntil(lambda: model._to_date_job is None, timeout=10_000)
    assert started == [1] and model.standing == _judged_in_one_go(model)
    model.rejudge()
    session.perform("edit", lambda: session.plan.nodes.update(m2, target=250000.0))      # read by the progress
    qtbot.waitUntil(lambda: model._to_date_job is None, timeout=10_000)
    assert started == [1, 1] and model.standing == _judged_in_one_go(model)
    assert model.standing[m2].progress == pytest.approx(184900 / 250000)     # the new target, read here


def _held_worker(monkeypatch):
    """``monitoring.readings`` on a worker waits for the returned event; the whole plan's readings worked out
    on the window's thread are noted (their as-of dates) in the returned list."""
    import threading

    from ogsm_desktop.core import monitoring

    real, gate, here = monitoring.readings, threading.Event(), []

    def readings(plan, tree, as_of, *args, node_ids=None, **kwargs):
        if threading.current_thread() is threading.main_thread():
            if node_ids is None:
                here.append(as_of)
        else:
            gate.wait(10)
        return real(plan, tree, as_of, *args, node_ids=node_ids, **kwargs)

    monkeypatch.setattr(monitoring, "readings", readings)
    return gate, here


def test_a_new_as_of_date_judges_a_big_plan_on_the_worker_and_says_so(big, window, qtbot, monkeypatch):
    """At a new as-of date a big plan's statuses were judged on the window's thread: 1-1.6 s on the bench's big
    plan with the window held. They are worked out on the worker, the statuses shown meanwhile those of the date
    before, said next to the date and in the detail editor; then those of the new date, then the progress."""
    import datetime as dt

    model = window.session.model
    m2 = node_id(window, "C-S1-M2")
    window.select_node(m2)
    qtbot.waitUntil(lambda: model._to_date_job is None, timeout=10_000)      # the opening's progress
    before, old = dict(model.standing), model.judged_as_of
    gate, here = _held_worker(monkeypatch)
    window.set_as_of(dt.date(2026, 6, 30))
    assert here == []                                             # nothing of the whole plan on the window's thread
    assert model.judging and model.standing == before and model.judged_as_of == old
    assert not window.as_of_bar.judging.isHidden()
    assert old.isoformat() in window.as_of_bar.judging.toolTip()
    assert f"(as of {old.isoformat()}) Working out the status as of 2026-06-30…" in window.detail.judged.text()
    assert window.numbers.heading.text().endswith("as of 2026-06-30")    # its own numbers: read at once
    window.set_as_of(dt.date(2026, 7, 31))                          # another date while the first is worked out
    assert window.detail.judged.text().endswith("Working out the status as of 2026-07-31…")     # (found by a tester)
    assert window.numbers.heading.text().endswith("as of 2026-07-31")
    window.set_as_of(dt.date(2026, 6, 30))
    gate.set()
    qtbot.waitUntil(lambda: not model.judging, timeout=10_000)
    assert model.judged_as_of == dt.date(2026, 6, 30) and window.as_of_bar.judging.isHidden()
    assert window.detail.judged.text().endswith("(as of 2026-06-30)")
    qtbot.waitUntil(lambda: model._to_date_job is None, timeout=10_000)
    assert all(not r.partial for r in model.readings.values()) and here == []
    assert model.standing == _judged_in_one_go(model)


def test_an_edit_while_a_big_plan_is_judged_again_is_judged_as_the_rest_then_kept(big, window, qtbot, monkeypatch):
    """While the worker judges the new date, an edited measure is judged as of the date the other statuses
    shown are of (not a tree mixing two dates under one), and the worker's answer, outdated, is worked out again."""
    import datetime as dt

    from ogsm_desktop.core import monitoring

    model, session = window.session.model, window.session
    m2 = node_id(window, "C-S1-M2")
    qtbot.waitUntil(lambda: model._to_date_job is None, timeout=10_000)
    old = model.judged_as_of
    gate, _here = _held_worker(monkeypatch)
    window.set_as_of(dt.date(2026, 6, 30))
    session.perform("actual", lambda: session.plan.actuals.write([(m2, "2026-06", 99999.0, 22000.0, "")]))
    assert model.judging
    assert model.readings[m2] == monitoring.readings(model.plan, model.tree, old, model.settings, node_ids=[m2])[m2]
    gate.set()
    qtbot.waitUntil(lambda: model._to_date_job is None and not model.judging, timeout=10_000)
    assert model.judged_as_of == dt.date(2026, 6, 30)
    assert model.readings[m2].actual == 99999.0 and all(not r.partial for r in model.readings.values())
    assert model.standing == _judged_in_one_go(model)


def test_a_worker_failing_to_judge_a_new_date_leaves_no_status_of_the_old_one(big, window, qtbot, monkeypatch, caplog):
    """The worker's read of a new date's statuses fails: they are judged on the window's thread instead (the
    progress unknown, the log says why), never left as of the date before."""
    import datetime as dt

    model = window.session.model
    qtbot.waitUntil(lambda: model._to_date_job is None, timeout=10_000)
    _failing_first(monkeypatch, ValueError("a read that failed"))
    window.set_as_of(dt.date(2026, 6, 30))
    qtbot.waitUntil(lambda: model._to_date_job is None and not model.judging, timeout=10_000)
    assert "a read that failed" in caplog.text
    assert model.judged_as_of == dt.date(2026, 6, 30) and window.as_of_bar.judging.isHidden()
    assert any(r.partial for r in model.readings.values())
    assert {k: s.status for k, s in model.standing.items()} == {k: s.status for k, s in _judged_in_one_go(model).items()}


def test_new_monitoring_settings_judge_a_big_plan_on_the_worker(big, window, qtbot, monkeypatch):
    model, session = window.session.model, window.session
    m2 = node_id(window, "C-S1-M2")
    qtbot.waitUntil(lambda: model._to_date_job is None, timeout=10_000)
    assert str(model.standing[m2].status) == "off_track"
    gate, here = _held_worker(monkeypatch)
    session.perform("settings", lambda: (session.plan.meta.set("red_pct", "80"),
                                         session.plan.meta.set("status_basis", "quarter")))
    assert here == [] and model.judging and str(model.standing[m2].status) == "off_track"
    gate.set()
    qtbot.waitUntil(lambda: model._to_date_job is None and not model.judging, timeout=10_000)
    assert str(model.standing[m2].status) == "at_risk"
    assert model.standing == _judged_in_one_go(model)


def test_statuses_of_a_new_date_arrive_while_numbers_are_entered(big, window, qtbot, monkeypatch):
    """Found by a review: every number entered while the worker read the new date's statuses dropped its answer
    and started it again, so entering numbers faster than the worker reads (1-2 s on the big plan) kept the tree
    on the statuses of the date before. The answer is taken, the nodes edited meanwhile judged again here."""
    import datetime as dt
    import threading

    from ogsm_desktop.core import monitoring

    model, session = window.session.model, window.session
    m2, a1 = node_id(window, "C-S1-M2"), node_id(window, "C-S1-A1")
    qtbot.waitUntil(lambda: model._to_date_job is None, timeout=10_000)
    real, first, later, calls = monitoring.readings, threading.Event(), threading.Event(), []

    def readings(plan, tree, as_of, *args, **kwargs):
        if threading.current_thread() is not threading.main_thread():
            calls.append(as_of)
            (first if len(calls) == 1 else later).wait(10)
        return real(plan, tree, as_of, *args, **kwargs)

    monkeypatch.setattr(monitoring, "readings", readings)
    window.set_as_of(dt.date(2026, 6, 30))
    session.perform("actual", lambda: session.plan.actuals.write([(m2, "2026-06", 99999.0, 22000.0, "")]))
    window.select_node(a1)
    window.action("deleteNode").trigger()                       # the cascade changed too
    first.set()
    qtbot.waitUntil(lambda: not model.judging, timeout=5_000)   # before: read again, and held
    assert model.judged_as_of == dt.date(2026, 6, 30) and model.readings[m2].actual == 99999.0
    assert a1 not in model.standing
    expected = _judged_in_one_go(model)
    assert {k: s.status for k, s in model.standing.items()} == {k: s.status for k, s in expected.items()}
    later.set()
    qtbot.waitUntil(lambda: model._to_date_job is None and all(not r.partial for r in model.readings.values()),
                    timeout=10_000)
    assert model.standing == _judged_in_one_go(model)


def test_the_progress_worked_out_after_the_statuses_says_so(big, window, qtbot, monkeypatch):
    """Between a big plan's statuses arriving and its progress (2-6 s on the bench's big plan), the Progress
    column was blank and nothing said why. It shows "…" where the progress is being worked out, next to the
    date the status bar says so; then the progress."""
    import datetime as dt
    import threading

    from ogsm_desktop.core import monitoring
    from ogsm_desktop.gui.models.plan_model import COLUMNS

    model = window.session.model
    m2, s1, done = node_id(window, "C-S1-M2"), node_id(window, "C-S1"), node_id(window, "C-S1-A1")
    qtbot.waitUntil(lambda: model._to_date_job is None, timeout=10_000)      # the opening's progress
    assert not model.progress_pending
    real, gate = monitoring.readings, threading.Event()

    def readings(*args, to_date=True, **kwargs):          # the worker's statuses pass, its progress waits
        if to_date and threading.current_thread() is not threading.main_thread():
            gate.wait(10)
        return real(*args, to_date=to_date, **kwargs)

    monkeypatch.setattr(monitoring, "readings", readings)
    window.set_as_of(dt.date(2026, 6, 30))
    qtbot.waitUntil(lambda: not model.judging, timeout=10_000)               # the statuses arrived
    progress, bar = COLUMNS.index("progress"), window.as_of_bar.judging
    try:
        assert model.progress_pending
        assert model.index_of(m2, progress).data() == "…" and model.index_of(s1, progress).data() == "…"
        assert model.index_of(done, progress).data() == "100%"              # an action's own, not worked out
        assert not bar.isHidden() and bar.text() == "Working out the progress…"
    finally:
        gate.set()
    qtbot.waitUntil(lambda: not model.progress_pending, timeout=10_000)
    assert bar.isHidden() and model._to_date_job is None
    assert model.index_of(m2, progress).data() == f"{model.standing[m2].progress:.0%}"


def test_the_only_measure_moved_meanwhile_leaves_its_old_strategy_judged_without_it(big, window, qtbot):
    """(From a review's mutations: the old parents of what moved while the worker read were not tested.) The
    measure moved back out of a strategy it was the only child of: that strategy is judged again without it."""
    from ogsm_desktop.core.model import Kind

    model, session = window.session.model, window.session
    s1, m2 = node_id(window, "C-S1"), node_id(window, "C-S1-M2")
    objective = model.tree.nodes[s1].parent_id
    session.perform("add", lambda: session.plan.nodes.add(objective, Kind.STRATEGY, title="new"))
    new_id = next(n.id for n in model.tree.nodes.values() if n.title == "new")
    session.perform("move", lambda: session.plan.nodes.move(m2, new_id))
    qtbot.waitUntil(lambda: model._to_date_job is None, timeout=10_000)
    assert model.standing[new_id].progress is not None
    model.rejudge()
    session.perform("move", lambda: session.plan.nodes.move(m2, s1))
    qtbot.waitUntil(lambda: model._to_date_job is None and all(not r.partial for r in model.readings.values()),
                    timeout=10_000)
    assert model.standing == _judged_in_one_go(model)


def test_many_nodes_edited_while_the_worker_reads_are_read_again_there(big, window, qtbot, monkeypatch):
    """(From a review.) The nodes edited meanwhile are read again on the window's thread: a big paste or undo
    (thousands) would hold the window up, so then the worker reads everything again."""
    model, session = window.session.model, window.session
    monkeypatch.setattr(judging, "EDITED_HERE", 0)
    started = []
    monkeypatch.setattr(model, "_start_to_date", lambda was=model._start_to_date: started.append(1) or was())
    gate, _here = _held_worker(monkeypatch)
    model.rejudge()
    m2 = node_id(window, "C-S1-M2")
    session.perform("actual", lambda: session.plan.actuals.write([(m2, "2026-11", 30000.0, 22000.0, "")]))
    gate.set()
    qtbot.waitUntil(lambda: model._to_date_job is None and all(not r.partial for r in model.readings.values()),
                    timeout=10_000)
    assert len(started) == 2 and model.standing == _judged_in_one_go(model)
