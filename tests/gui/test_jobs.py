"""Long work behind a progress dialog: a job that finished was not cancelled."""

import pytest
from PySide6.QtWidgets import QWidget

from ogsm_desktop.gui.jobs import run_with_progress


def test_a_finished_job_is_not_cancelled(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    job = run_with_progress(parent, "work", lambda progress: progress("step", 1, 1) and 42)
    assert job.result == 42 and job.error is None and not job.cancelled



def test_a_finished_jobs_progress_dialog_cannot_come_back(qtbot):
    """The progress dialog's own timer (started when it is made, to show it after a while) is stopped with
    the job: left running, it showed the closed dialog again over the next dialog the window opened, and
    the two modal windows blocked each other (a tester's freeze under Xvfb). Late reports are ignored."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QProgressDialog

    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    job = run_with_progress(parent, "quick", lambda progress: progress("step", 1, 2) and 42)
    job.progressed.emit("late", 2, 2)                  # a report still queued when the job ended
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)]
    assert dialogs and not any(d.isVisible() for d in dialogs)
    assert not [t for d in dialogs for t in d.findChildren(QTimer) if t.isActive()]


def test_what_a_job_made_is_freed_once_the_window_has_used_it(qtbot):
    """Found by a review: each job was a child of the window for the whole session, and with it what it made or
    the error that ended it — every import's preview (a million rows) kept until the window closed."""
    import gc
    import weakref

    from ogsm_desktop.gui.jobs import Job

    class Made:
        pass

    parent = QWidget()
    qtbot.addWidget(parent)
    job = run_with_progress(parent, "work", lambda progress: Made())
    made = weakref.ref(job.result)
    assert made() is not None and not parent.findChildren(Job)
    del job
    gc.collect()
    assert made() is None

    def failing(progress):
        raise ValueError(Made())

    job = run_with_progress(parent, "work", failing)
    error = weakref.ref(job.error.args[0])
    del job
    gc.collect()
    assert error() is None


def test_a_job_interrupted_in_the_window_stops_and_leaves_no_dialog(qtbot, monkeypatch):
    """A review's remark: Ctrl+C in the terminal that started the window, raised on the window's thread while a
    job ran, left the modal progress dialog up (it blocked the window) and the job running, a child of the window.
    The job is asked to stop, waited for, and the dialog goes, before the interruption goes on."""
    import threading

    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication, QProgressDialog

    from ogsm_desktop.gui.jobs import Job

    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    started, stopped = threading.Event(), []

    def work(progress):
        started.set()
        while progress("step", 0, 1):
            threading.Event().wait(0.01)
        stopped.append(True)
        return "stopped"

    def interrupted(self, *args):
        started.wait(5)
        raise KeyboardInterrupt

    monkeypatch.setattr(QEventLoop, "exec", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_with_progress(parent, "work", work)
    assert stopped == [True]
    assert not parent.findChildren(Job)
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)]
    assert not any(d.isVisible() for d in dialogs)


def test_a_job_that_reads_and_ends_after_a_cancel_is_cancelled(qtbot):
    """Found by a tester: an import's reading that did not see the cancel in time ended anyway, and its preview
    came up 20 s after the user had cancelled. Work that only reads is cancelled once the user said so, whenever
    it ends: what it made is dropped, and the error it would have raised is said."""
    from ogsm_desktop.core.errors import CancelledError

    parent = QWidget()
    qtbot.addWidget(parent)
    jobs = []

    def work(_progress):
        jobs[0].cancelled = True          # the user's Cancel, as the work goes on without asking again
        return 42

    import ogsm_desktop.gui.jobs as jobs_module

    made = jobs_module.Job

    class Recorded(made):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            jobs.append(self)
    jobs_module.Job = Recorded
    try:
        job = run_with_progress(parent, "reading", work, cancelled=lambda: CancelledError("reading cancelled"))
        jobs.clear()
        written = run_with_progress(parent, "writing", work)
    finally:
        jobs_module.Job = made
    assert job.result is None and isinstance(job.error, CancelledError) and str(job.error) == "reading cancelled"
    assert written.cancelled and written.result == 42 and written.error is None   # work that writes: it stands


def test_a_step_whose_length_cannot_be_told_shows_a_busy_bar(qtbot):
    """A step that says it cannot tell how far it is (a total of 0: a workbook being loaded, the rows read being
    checked) shows a busy bar, not a bar standing at 0 %; a step that counts shows how far it is."""
    import threading
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QProgressDialog

    parent = QWidget()
    qtbot.addWidget(parent)
    reported, seen, looked = [], [], threading.Event()

    def look() -> None:                    # on the window's thread, while the job runs
        dialogs = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, QProgressDialog) and w.labelText().startswith("busy-or-not")]
        if dialogs and reported and not looked.is_set():
            seen.append((reported[-1], dialogs[-1].minimum(), dialogs[-1].maximum(), dialogs[-1].value()))
            looked.set()

    timer = QTimer()
    timer.timeout.connect(look)
    timer.start(5)

    def work(progress):
        for done, total in ((0, 0), (5, 10)):
            progress("step", done, total)
            time.sleep(0.05)               # (the window's thread shows it meanwhile)
            looked.clear()
            reported.append((done, total))
            assert looked.wait(5)
        return 42

    job = run_with_progress(parent, "busy-or-not", work)
    timer.stop()
    assert job.error is None and job.result == 42
    assert seen == [((0, 0), 0, 0, 0), ((5, 10), 0, 10, 5)]
