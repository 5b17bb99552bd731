"""Long work behind a progress dialog: a job that finished was not cancelled."""

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
