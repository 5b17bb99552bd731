"""GUI test set-up: one QApplication with the bundled font; settings in the test's temporary folder;
dialogs answered the way a user would, and message boxes recorded instead of blocking."""

import gc

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication, QMessageBox

from ogsm_desktop.gui import i18n as gui_i18n
from ogsm_desktop.gui.app import make_app
from ogsm_desktop.gui.main_window import MainWindow
from ogsm_desktop.gui.settings import Settings


@pytest.fixture(scope="session")
def qapp():
    app = make_app()                   # with the collector running on this (the main) thread only
    yield app
    # The offscreen platform keeps what is on the clipboard in a static of Qt's, deleted after Python has
    # ended: nodes copied (a QMimeData made in Python) would then call back into it, and the test process
    # crashed as it exited (a desktop's clipboard lets go of it with the application). Emptied meanwhile.
    app.clipboard().clear()


@pytest.fixture(autouse=True)
def _collect_after_each_test(qapp):
    """Automatic collection is off (see gui/app.py); between tests nothing else would collect."""
    yield
    gc.collect()


@pytest.fixture(autouse=True)
def _window_in_english(qapp):
    """A command run in an earlier test (``--lang zh``) leaves the window's translators installed, and the
    next test would read Chinese: each starts in English, as the core's tests do (tests/conftest.py)."""
    if gui_i18n._installed:
        gui_i18n.install(qapp, "en")
    yield


@pytest.fixture
def settings(tmp_path):
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


class Messages:
    """What the program told the user in message boxes, and the answers it gets."""

    def __init__(self):
        self.shown: list[tuple[str, str]] = []
        self.answer = QMessageBox.StandardButton.Yes

    def record(self, kind):
        def box(parent, title, text, *args, **kwargs):
            self.shown.append((kind, text))
            return self.answer
        return box

    def texts(self, kind=None) -> list[str]:
        return [t for k, t in self.shown if kind is None or k == kind]


@pytest.fixture
def messages(monkeypatch):
    m = Messages()
    for kind in ("critical", "warning", "question", "information"):
        monkeypatch.setattr(QMessageBox, kind, m.record(kind))
    return m


@pytest.fixture
def window(qtbot, settings, demo_path, messages):
    """The main window on a fresh copy of the demo plan, its models checked by QAbstractItemModelTester."""
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    assert win.open_plan(demo_path)
    win.testers = [QAbstractItemModelTester(win.session.model, QAbstractItemModelTester.FailureReportingMode.Fatal),
                   QAbstractItemModelTester(win.proxy, QAbstractItemModelTester.FailureReportingMode.Fatal)]
    win.tree_view.expandAll()
    yield win
    win.close()


def answer_dialog(fill, kind=None):
    """Run ``fill(dialog)`` on the next modal dialog (of class ``kind``) the program opens, as a user would."""
    tries = [0]

    def attempt():
        dialog = QApplication.activeModalWidget()
        if (dialog is None or (kind is not None and not isinstance(dialog, kind))) and tries[0] < 500:
            tries[0] += 1
            QTimer.singleShot(10, attempt)
            return
        try:
            fill(dialog)
        except BaseException:
            if dialog is not None:
                dialog.reject()              # never leave a test waiting on a dialog nobody will close
            raise
    QTimer.singleShot(0, attempt)
