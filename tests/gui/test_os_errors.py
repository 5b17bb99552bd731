"""Found by a tester: a file the system refused was said with the system's English words ("No such file or
directory", "Permission denied") inside a Chinese message. Said in the window's language, the path named."""

import errno
import os
import re

import pytest

from ogsm_desktop.gui.i18n import install
from tests.gui.helpers import node_id

WORD = re.compile(r"[A-Za-z][A-Za-z']+")


@pytest.fixture
def chinese(qapp):
    install(qapp, "zh_CN")
    yield
    install(qapp, "en")


def english_words(message: str, path) -> list[str]:
    return WORD.findall(message.replace(str(path), ""))


def save_chart(window, qtbot, monkeypatch, target):
    from PySide6.QtWidgets import QFileDialog

    window.views.setCurrentWidget(window.dashboard)
    window.select_node(node_id(window, "C-S1-M2"))
    qtbot.waitUntil(lambda: window.dashboard.canvas is not None)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.dashboard.save_dialog()


def test_a_chart_saved_into_a_folder_that_is_not_there_is_said_in_chinese(chinese, window, qtbot, tmp_path,
                                                                         monkeypatch, messages):
    target = tmp_path / "没有" / "图.png"
    save_chart(window, qtbot, monkeypatch, target)
    (said,) = messages.texts("warning")
    assert str(target) in said and english_words(said, target) == [], said


def test_a_chart_the_system_refuses_is_said_in_chinese(chinese, window, qtbot, tmp_path, monkeypatch, messages):
    def refuse(path):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))

    monkeypatch.setattr(window.dashboard, "save", refuse)
    target = tmp_path / "图.png"
    save_chart(window, qtbot, monkeypatch, target)
    (said,) = messages.texts("warning")
    assert str(target) in said and english_words(said, target) == [], said


def test_a_chart_the_system_refuses_is_said_in_english_too(window, qtbot, tmp_path, monkeypatch, messages):
    def refuse(path):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))

    monkeypatch.setattr(window.dashboard, "save", refuse)
    target = tmp_path / "chart.png"
    save_chart(window, qtbot, monkeypatch, target)
    (said,) = messages.texts("warning")
    assert said == f"{target}: permission denied; nothing was written"


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_a_cascade_map_that_cannot_be_written_is_said_in_chinese(chinese, window, qtbot, tmp_path, messages,
                                                                suffix):
    target = tmp_path / "没有" / f"地图{suffix}"
    assert window.reports.export_map(str(target)) is False
    (said,) = messages.texts("warning")
    assert str(target) in said and english_words(said, target) == [], said


def test_alerts_the_system_would_not_let_be_read_are_said_in_chinese(chinese, qtbot, settings, demo_path,
                                                                     messages, monkeypatch):
    from ogsm_desktop.core import plan_alerts
    from ogsm_desktop.gui.main_window import MainWindow
    from ogsm_desktop.logs import log_path

    def refused(*args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(demo_path))

    monkeypatch.setattr(plan_alerts, "evaluate", refused)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_plan(demo_path)
    qtbot.waitUntil(lambda: window.monitor.ready, timeout=10_000)
    text = window.alerts.count.text()
    assert str(demo_path) in text
    assert WORD.findall(text.replace(str(demo_path), "").replace(str(log_path()), "")) == [], text
    window.close()


def test_an_alerts_failure_without_a_path_says_no_dot_for_one():
    """A plan in memory has no path: a refusal without a file name was said as '.: permission denied; …'."""
    import errno
    import os

    from ogsm_desktop.gui.plan_reader import failure_text

    message = failure_text(OSError(errno.EACCES, os.strerror(errno.EACCES)), None)
    assert not message.startswith("."), message
    assert message == "permission denied"
