"""The review of many goals and measures, worked out on a worker (the whole big plan's took 4-6 s on the
window's thread, at the dialog's opening and after every countermeasure typed): here on the demo, the
threshold lowered so that every review goes to the worker."""

import datetime as dt
import sqlite3
import threading

import pytest
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtTest import QAbstractItemModelTester
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


def open_countermeasure(dialog, code="C-S1-M2"):
    """The countermeasure cell of ``code`` opened for typing: its index and its editor."""
    table = dialog.table
    index = table.model().index(row_of(dialog, code)[0], table.model().columnCount() - 1)
    table.scrollTo(index)
    table.setCurrentIndex(index)
    table.edit(index)
    return index, table.indexWidget(index)


def changed_elsewhere(window):
    """Another change of the plan meanwhile: C-S1-M1's October actual set to 123."""
    session = window.session
    other = session.model.tree.nodes[node_id(window, "C-S1-M1")]
    session.perform("elsewhere", lambda: numbers.write(session.plan, other, {"2026-10": {"actual": 123.0}}))


def busy_once(monkeypatch):
    """The worker's first review finds the plan file being written; the list it returns says when it has."""
    from ogsm_desktop.gui.models import review_job

    real, failures = review_job.review, []

    def review(*args, **kwargs):
        if not failures:
            failures.append(1)
            raise sqlite3.OperationalError("database is locked")
        return real(*args, **kwargs)
    monkeypatch.setattr(review_job, "review", review)
    return failures


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
        index, editor = open_countermeasure(dialog)
        editor.insert("加大门店试驾投放")
        changed_elsewhere(window)
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
    failures = busy_once(monkeypatch)
    dialog = opened(window, qtbot)
    try:
        assert failures and dialog.problem.text() == "" and dialog.table.model().rowCount() > 20
    finally:
        dialog.reject()


def test_a_dialog_closed_while_its_review_is_worked_out_is_not_held_up_and_leaves_no_thread(window, qtbot,
                                                                                           on_a_worker):
    """Found by a review: closing the dialog waited for the review being read (2.4 s for the whole big plan's
    past year). The worker is let end on its own, changes are no longer followed, and the window waits for
    it as it closes."""
    from ogsm_desktop.gui.dialogs.review_dialog import ReviewDialog

    on_a_worker.gate.clear()
    dialog = ReviewDialog(window)
    job = dialog._job
    assert job is not None and dialog.working
    qtbot.waitUntil(lambda: len(on_a_worker.threads) == 1)        # reading (held at the gate)
    dialog.reject()                                               # returns at once: the gate still holds it
    assert job.isRunning() and dialog._job is None
    dialog.deleteLater()
    qtbot.wait(50)                                                # the dialog deleted: its worker goes on
    asked = len(on_a_worker.threads)
    window.session.perform("after", lambda: window.session.plan.nodes.update(node_id(window, "C-S1-M2"), title="改"))
    assert len(on_a_worker.threads) == asked                      # changes are no longer followed
    QTimer.singleShot(200, on_a_worker.gate.set)                  # the worker ends while the window closes
    window.close()
    assert job.isFinished()


def test_a_review_held_while_a_countermeasure_was_typed_is_shown_when_the_typing_is_given_up(window, qtbot,
                                                                                            on_a_worker):
    dialog = opened(window, qtbot)
    try:
        table = dialog.table
        index, editor = open_countermeasure(dialog)
        editor.insert("不要了")
        changed_elsewhere(window)
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



def test_the_columns_fit_another_periods_figures(window, qtbot):
    """Found by a review: another period of the same unit has the same rows, and kept the widths fitted to the
    first period's figures (on the big plan, "1,7…" and "off …" in the year's review)."""
    from ogsm_desktop.gui.dialogs.review_dialog import COLUMNS

    dialog = opened(window, qtbot)
    try:
        before = dialog.model.rowCount()
        dialog.period.setCurrentText("2026")                    # the year to date: bigger figures, the same rows
        arrived(qtbot, dialog)
        assert dialog.model.rowCount() == before
        table, short = dialog.table, {}
        for name in ("target", "actual", "change", "status", "achieved"):
            column = COLUMNS.index(name)
            shown = table.columnWidth(column)
            if table.sizeHintForColumn(column) > shown:
                short[name] = (shown, table.sizeHintForColumn(column))
        assert not short, short
    finally:
        dialog.reject()


def test_the_review_model_passes_qts_model_tester(window, qtbot):
    from ogsm_desktop.gui.dialogs.review_dialog import ReviewDialog

    window.set_as_of(dt.date(2026, 11, 22))
    dialog = ReviewDialog(window)
    try:
        QAbstractItemModelTester(dialog.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
        for period in ("2026-10", "2026-13", "2026"):
            dialog.period.setCurrentText(period)
        assert dialog.model.data(QModelIndex()) is None and not dialog.model.flags(QModelIndex())
    finally:
        dialog.reject()


def test_a_failed_read_neither_closes_the_countermeasure_being_typed_nor_empties_the_table(window, qtbot, demo_path,
                                                                                         on_a_worker, monkeypatch):
    """Found by a review: a read on the worker that failed (a disk gone a moment) emptied the table, closing the
    cell being typed in and losing its text. The review is read on the window's connection instead, once the
    cell is left."""
    from ogsm_desktop.gui.models import review_job

    dialog = opened(window, qtbot)
    try:
        table = dialog.table
        index, editor = open_countermeasure(dialog)
        editor.insert("半句对策")

        def fails(*_args, **_kwargs):
            raise sqlite3.OperationalError("disk I/O error")
        monkeypatch.setattr(review_job, "review", fails)
        changed_elsewhere(window)
        qtbot.waitUntil(lambda: dialog._job is None and dialog._held is not None, timeout=10_000)
        assert table.state() == QAbstractItemView.State.EditingState and table.indexWidget(index) is editor
        assert editor.text() == "半句对策"
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)
        qtbot.waitUntil(lambda: not dialog.working and dialog._job is None, timeout=10_000)
        assert cell(dialog, "C-S1-M1", "actual") == "123" and dialog.problem.text() == ""
        assert cell(dialog, "C-S1-M2", "countermeasure") == "半句对策"
    finally:
        dialog.reject()
    with Plan.open(demo_path, readonly=True) as plan:
        assert plan.actuals.of(plan.nodes.by_code("C-S1-M2").id)[9].comment == "半句对策"


def test_a_plan_file_renamed_while_open_is_still_reviewed(window, qtbot, demo_path, on_a_worker):
    """Found by a review: the worker opens the plan by its path; renamed in the file manager while the window
    has it open, every big review failed with "cannot be opened". The window's own connection reads it."""
    dialog = opened(window, qtbot)
    try:
        demo_path.rename(demo_path.with_name("renamed.ogsm"))
        dialog.period.setCurrentText("2026-09")
        arrived(qtbot, dialog)
        assert dialog.model.rowCount() > 20 and dialog.problem.text() == ""
        assert dialog.counts.text().startswith("2026-09: ")
    finally:
        dialog.reject()


def test_an_outdated_answer_or_failure_is_never_shown(window, qtbot, on_a_worker):
    """(From a review's mutations: the generation's check was not tested.) The older answer, held on the worker,
    arrives after a newer one was asked for: only the newer one is shown."""
    dialog = opened(window, qtbot)
    try:
        seen = []
        for name in ("_show", "_refused"):
            real = getattr(dialog, name)
            setattr(dialog, name, lambda arg, name=name, real=real: seen.append(
                (name, arg.period if name == "_show" else arg)) or real(arg))
        for first in ("2026-08", "2027-05"):            # (a period not begun: refused by the worker)
            seen.clear()
            on_a_worker.gate.clear()
            dialog.period.setCurrentText(first)              # its job starts, held at the gate
            qtbot.waitUntil(lambda: dialog._job is not None and dialog._job.isRunning())
            dialog.period.setCurrentText("2026-09")          # asked again meanwhile
            on_a_worker.gate.set()
            arrived(qtbot, dialog)
            assert seen == [("_show", "2026-09")], (first, seen)
    finally:
        dialog.reject()


def test_a_busy_read_is_tried_again_at_the_opening(window, qtbot, on_a_worker, monkeypatch):
    """(From a review's mutations: the test above changed the period, which read again anyway.)"""
    from ogsm_desktop.gui.dialogs.review_dialog import ReviewDialog
    failures = busy_once(monkeypatch)
    window.set_as_of(dt.date(2026, 11, 22))
    dialog = ReviewDialog(window)
    try:
        arrived(qtbot, dialog)
        assert failures and dialog.problem.text() == "" and dialog.model.rowCount() > 20
    finally:
        dialog.reject()


def test_a_review_held_from_before_the_countermeasure_written_does_not_replace_it(window, qtbot, on_a_worker):
    """(From a review's mutations.) A review held while a countermeasure is typed, then the countermeasure
    written with Return: the held review, read before the write, is not shown over the text just written."""
    dialog = opened(window, qtbot)
    try:
        table = dialog.table
        index, editor = open_countermeasure(dialog)
        changed_elsewhere(window)
        qtbot.waitUntil(lambda: dialog._job is None and dialog._held is not None, timeout=10_000)
        on_a_worker.gate.clear()                                     # the review after the write: not yet
        editor.setText("加大投放")
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)
        assert cell(dialog, "C-S1-M2", "countermeasure") == "加大投放"
        on_a_worker.gate.set()
        arrived(qtbot, dialog)
        assert cell(dialog, "C-S1-M2", "countermeasure") == "加大投放"
    finally:
        on_a_worker.gate.set()
        dialog.reject()
