"""Long work behind a progress dialog: a job that finished was not cancelled."""

from PySide6.QtWidgets import QWidget

from ogsm_desktop.gui.jobs import run_with_progress


def test_a_finished_job_is_not_cancelled(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    job = run_with_progress(parent, "work", lambda progress: progress("step", 1, 1) and 42)
    assert job.result == 42 and job.error is None and not job.cancelled

