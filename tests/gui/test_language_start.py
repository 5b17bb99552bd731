"""Which language the window starts in: --lang for this run, else Preferences, else the system's locale."""

import pytest
from PySide6.QtCore import QCoreApplication

from ogsm_desktop.core import i18n
from ogsm_desktop.gui import app as app_module
from ogsm_desktop.gui.i18n import install


@pytest.fixture
def started(monkeypatch, qapp):
    """run_gui up to the window: the language and the menu word it would be built with."""
    seen = []

    def start_window(settings, argument):
        seen.append((i18n.language(), QCoreApplication.translate("MainWindow", "&File")))
        return None

    monkeypatch.setattr(app_module, "start_window", start_window)
    monkeypatch.setattr(app_module, "setup_logging", lambda: None)
    monkeypatch.setattr(app_module.ErrorReporter, "install", lambda self: None)
    yield seen
    install(qapp, "en")


def test_lang_on_the_command_line_wins_over_the_preference(started, settings, monkeypatch):
    settings.language = "en"
    monkeypatch.setattr(app_module, "Settings", lambda: settings)
    app_module.run_gui(None, "zh_CN")
    assert started == [("zh_CN", "文件(&F)")]


def test_the_preference_decides_without_lang(started, settings, monkeypatch):
    settings.language = "zh_CN"
    monkeypatch.setattr(app_module, "Settings", lambda: settings)
    app_module.run_gui(None)
    assert started[0][0] == "zh_CN"
    settings.language = "en"
    app_module.run_gui(None)
    assert started[1] == ("en", "&File")
