"""The review of many goals and measures, worked out on a worker (the whole big plan's took 4-6 s on the
window's thread, at the dialog's opening and after every countermeasure typed): here on the demo, the
threshold lowered so that every review goes to the worker."""

import datetime as dt
import sqlite3
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView

from ogsm_desktop.core import numbers
from ogsm_desktop.core.storage import Plan
from tests.gui.helpers import node_id
from tests.gui.test_review import cell, row_of, type_countermeasure


class Worker:
    """What the reviews on the worker did: the threads they ran on; ``gate`` cleared holds them."""

    def __init__(self):
        self.threads = []
        self.gate = threading.Event()
        self.gate.set()


@pytest.fixture
def on_a_worker(monkeypatch):
    """Every review worked out on the worker."""
    from ogsm_desktop.gui.dialogs import review_dialog
    from ogsm_desktop.gui.models import review_job

    monkeypatch.setattr(review_dialog, "ON_A_WORKER", 0)
    worker = Worker()
    real = review_job.review

    def noted(*args, **kwargs):
        worker.threads.append(threading.current_thread())
        assert worker.gate.wait(10)
        return real(*args, **kwargs)
    monkeypatch.setattr(review_job, "review", noted)
    return worker


def opened(window, qtbot, period="2026-10"):
    from ogsm_desktop.gui.dialogs.review_dialog import ReviewDialog

    window.set_as_of(dt.date(2026, 11, 22))
    window.select_node(node_id(window, "C-S1-M2"))
    dialog = ReviewDialog(window)
    dialog.show()
    dialog.period.setCurrentText(period)
    arrived(qtbot, dialog)
    return dialog


def arrived(qtbot, dialog):
    qtbot.waitUntil(lambda: not dialog.working and dialog._job is None, timeout=10_000)


def test_the_review_is_worked_out_on_a_worker_with_the_same_rows(window, qtbot, on_a_worker, monkeypatch):
    from ogsm_desktop.gui.dialogs import review_dialog

    dialog = opened(window, qtbot)
    try:
        assert on_a_worker.threads and threading.main_thread() not in on_a_worker.threads
        model = dialog.table.model()
        shown = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
        counts = dialog.counts.text()
        assert dialog.print_button.isEnabled() and dialog.table.isEnabled()
        asked = len(on_a_worker.threads)
        on_a_worker.gate.clear()
        dialog.period.setCurrentText("2026-09")
        assert dialog.working and dialog.counts.text() == "Working out the review…"
        assert not dialog.print_button.isEnabled()
        assert not dialog.table.isEnabled()            # another period's rows: greyed until the new ones come
        on_a_worker.gate.set()
        arrived(qtbot, dialog)
        assert dialog.counts.text().startswith("2026-09: ") and len(on_a_worker.threads) > asked
    finally:
        dialog.reject()
    monkeypatch.setattr(review_dialog, "ON_A_WORKER", 10**9)         # the same review, on the window's thread
    here = opened(window, qtbot)
    try:
        assert not here.working
        model = here.table.model()
        assert [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())] == shown
        assert here.counts.text() == counts
    finally:
        here.reject()


def test_a_countermeasure_typed_stays_shown_and_the_table_keeps_its_place(window, qtbot, demo_path, on_a_worker):
    dialog = opened(window, qtbot)
    try:
        table = dialog.table
        on_a_worker.gate.clear()
        type_countermeasure(qtbot, dialog, "C-S1-M2", "加大门店试驾投放")
        assert dialog.working and table.isEnabled()       # the same rows: still there to be typed in
        assert cell(dialog, "C-S1-M2", "countermeasure") == "加大门店试驾投放"     # at once, before the review
        current = table.currentIndex()
        on_a_worker.gate.set()
        arrived(qtbot, dialog)
        assert cell(dialog, "C-S1-M2", "countermeasure") == "加大门店试驾投放"
        assert table.currentIndex() == current and current.isValid()      # the same rows: not reset
        with Plan.open(demo_path, readonly=True) as plan:
            assert plan.actuals.of(plan.nodes.by_code("C-S1-M2").id)[9].comment == "加大门店试驾投放"
        window.undo_action.trigger()
        arrived(qtbot, dialog)
        assert cell(dialog, "C-S1-M2", "countermeasure") == ""
    finally:
        dialog.reject()


def test_the_rows_are_not_replaced_under_a_countermeasure_being_typed(window, qtbot, demo_path, on_a_worker):
    """A change made elsewhere while a countermeasure is typed (another window's import, an undo): the
    review read again is shown once the cell is left, and the text typed is neither lost nor overwritten."""
    dialog = opened(window, qtbot)
    try:
        table = dialog.table
        index = table.model().index(row_of(dialog, "C-S1-M2")[0], table.model().columnCount() - 1)
        table.scrollTo(index)
        table.setCurrentIndex(index)
        table.edit(index)
        editor = table.indexWidget(index)
        editor.insert("加大门店试驾投放")
        session = window.session
        other = session.model.tree.nodes[node_id(window, "C-S1-M1")]
        session.perform("elsewhere", lambda: numbers.write(session.plan, other, {"2026-10": {"actual": 123.0}}))
        qtbot.waitUntil(lambda: dialog._job is None and dialog._held is not None, timeout=10_000)
        assert table.state() == QAbstractItemView.State.EditingState and table.indexWidget(index) is editor
        assert editor.text() == "加大门店试驾投放"
        assert cell(dialog, "C-S1-M1", "actual") != "123"                 # not replaced yet
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)
        arrived(qtbot, dialog)
        assert cell(dialog, "C-S1-M1", "actual") == "123"
        assert cell(dialog, "C-S1-M2", "countermeasure") == "加大门店试驾投放"
        with Plan.open(demo_path, readonly=True) as plan:
            assert plan.actuals.of(plan.nodes.by_code("C-S1-M2").id)[9].comment == "加大门店试驾投放"
    finally:
        dialog.reject()


def test_only_the_newest_review_asked_for_is_shown(window, qtbot, on_a_worker):
    dialog = opened(window, qtbot)
    try:
        for period in ("2026-08", "2026Q3", "2026-13", "2026-09"):      # typed on: each asks again
            dialog.period.setCurrentText(period)
        arrived(qtbot, dialog)
        assert dialog.result_.period == "2026-09" and dialog.counts.text().startswith("2026-09: ")
        assert dialog.problem.text() == ""
    finally:
        dialog.reject()


def test_a_period_that_is_not_one_is_said_from_the_worker_too(window, qtbot, on_a_worker):
    dialog = opened(window, qtbot)
    try:
        dialog.period.setCurrentText("2026-13")
        arrived(qtbot, dialog)
        assert "2026-13" in dialog.problem.text()
        assert dialog.table.model().rowCount() == 0 and dialog.counts.text() == ""
        assert not dialog.print_button.isEnabled() and dialog.result_ is None
    finally:
        dialog.reject()


def test_a_read_that_finds_the_file_being_written_is_tried_again(window, qtbot, on_a_worker, monkeypatch):
    from ogsm_desktop.gui.models import review_job

    real, failures = review_job.review, []

    def busy_once(*args, **kwargs):
        if not failures:
            failures.append(1)
            raise sqlite3.OperationalError("database is locked")
        return real(*args, **kwargs)
    monkeypatch.setattr(review_job, "review", busy_once)
    dialog = opened(window, qtbot)
    try:
        assert failures and dialog.problem.text() == "" and dialog.table.model().rowCount() > 20
    finally:
        dialog.reject()


def test_a_dialog_closed_while_its_review_is_worked_out_leaves_no_thread(window, qtbot, on_a_worker):
    from ogsm_desktop.gui.dialogs.review_dialog import ReviewDialog

    on_a_worker.gate.clear()
    dialog = ReviewDialog(window)
    job = dialog._job
    assert job is not None and dialog.working
    on_a_worker.gate.set()
    dialog.reject()
    assert job.isFinished() and dialog._job is None
    asked = len(on_a_worker.threads)
    window.session.perform("after", lambda: window.session.plan.nodes.update(node_id(window, "C-S1-M2"), title="改"))
    qtbot.wait(100)
    assert dialog._job is None and len(on_a_worker.threads) == asked      # changes are no longer followed


def test_a_review_held_while_a_countermeasure_was_typed_is_shown_when_the_typing_is_given_up(window, qtbot,
                                                                                            on_a_worker):
    dialog = opened(window, qtbot)
    try:
        table = dialog.table
        index = table.model().index(row_of(dialog, "C-S1-M2")[0], table.model().columnCount() - 1)
        table.setCurrentIndex(index)
        table.edit(index)
        editor = table.indexWidget(index)
        editor.insert("不要了")
        session = window.session
        other = session.model.tree.nodes[node_id(window, "C-S1-M1")]
        session.perform("elsewhere", lambda: numbers.write(session.plan, other, {"2026-10": {"actual": 123.0}}))
        qtbot.waitUntil(lambda: dialog._job is None and dialog._held is not None, timeout=10_000)
        asked = len(on_a_worker.threads)
        qtbot.keyClick(editor, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)
        assert cell(dialog, "C-S1-M1", "actual") == "123"          # the review held, shown now
        assert cell(dialog, "C-S1-M2", "countermeasure") == "" and len(on_a_worker.threads) == asked
    finally:
        dialog.reject()


@pytest.mark.parametrize("worker", [False, True])
def test_a_countermeasure_refused_is_said_and_the_plans_is_shown_again(window, qtbot, demo_path, messages,
                                                                       on_a_worker, monkeypatch, worker):
    """A control character (pasted from another program) is refused: the cell shows the plan's countermeasure
    again, not the text that was not written (the table shows what the plan holds), and opens again holding
    what was typed, to be corrected rather than typed again."""
    from ogsm_desktop.gui.dialogs import review_dialog

    if not worker:
        monkeypatch.setattr(review_dialog, "ON_A_WORKER", 10**9)
    dialog = opened(window, qtbot)
    try:
        type_countermeasure(qtbot, dialog, "C-S1-M2", "bad\x07text", refused=True)
        qtbot.waitUntil(lambda: bool(messages.texts()), timeout=5_000)
        assert "U+0007" in messages.texts()[0]
        assert cell(dialog, "C-S1-M2", "countermeasure") == ""
        table = dialog.table
        qtbot.waitUntil(lambda: table.state() == QAbstractItemView.State.EditingState)
        editor = table.indexWidget(table.currentIndex())
        assert row_of(dialog, "C-S1-M2")[0] == table.currentIndex().row() and editor.text() == "bad\x07text"
        with Plan.open(demo_path, readonly=True) as plan:
            assert plan.actuals.of(plan.nodes.by_code("C-S1-M2").id)[9].comment == ""
        editor.setText(editor.text().replace("\x07", " "))            # corrected
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)
        qtbot.waitUntil(lambda: not dialog.working and dialog._job is None, timeout=10_000)
        assert cell(dialog, "C-S1-M2", "countermeasure") == "bad text"
    finally:
        dialog.reject()
    with Plan.open(demo_path, readonly=True) as plan:
        assert plan.actuals.of(plan.nodes.by_code("C-S1-M2").id)[9].comment == "bad text"


def test_a_unit_reviewed_here_while_a_worker_reviews_the_whole_plan_asks_nothing_more_of_it(window, qtbot,
                                                                                         on_a_worker, monkeypatch):
    from ogsm_desktop.gui.dialogs import review_dialog

    monkeypatch.setattr(review_dialog, "ON_A_WORKER", len(window.session.model.tree.nodes))   # the whole plan only
    dialog = opened(window, qtbot)
    try:
        on_a_worker.gate.clear()
        before = len(on_a_worker.threads)
        dialog.unit.setCurrentIndex(dialog.unit.findData(None))        # the whole plan: on the worker…
        qtbot.waitUntil(lambda: len(on_a_worker.threads) > before)
        dialog.period.setCurrentText("2026-09")                        # …asked again while it works
        assert dialog.working and dialog._waiting
        dialog.unit.setCurrentIndex(dialog.unit.findData("D1"))        # a unit: reviewed here, at once
        assert not dialog.working and dialog.result_.unit.code == "D1"
        asked = len(on_a_worker.threads)
        on_a_worker.gate.set()
        qtbot.waitUntil(lambda: dialog._job is None, timeout=10_000)
        qtbot.wait(50)
        assert dialog._job is None and len(on_a_worker.threads) == asked
        assert dialog.result_.unit.code == "D1" and dialog.counts.text().startswith("2026-09: ")
    finally:
        dialog.reject()
