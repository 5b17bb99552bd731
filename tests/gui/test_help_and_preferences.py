"""Help → About (version, MIT licence, the bundled font's licence), About Qt, and Edit → Preferences
(the language, with a restart on the same plan)."""

import sys
import tomllib
from pathlib import Path

from PySide6.QtCore import QProcess
from PySide6.QtWidgets import QDialog, QMessageBox

from ogsm_desktop import __version__
from ogsm_desktop.gui.controllers.application import restart_command
from ogsm_desktop.gui.dialogs.about_dialog import MIT_LICENCE, AboutDialog, LicenceDialog
from ogsm_desktop.gui.dialogs.preferences_dialog import PreferencesDialog
from tests.gui.conftest import answer_dialog

ROOT = Path(__file__).resolve().parents[2]


def test_about_names_the_version_and_both_licences(window, qtbot):
    seen = {}

    def read_font_licence(dialog):
        seen["font licence"] = dialog.text.toPlainText()
        dialog.reject()

    def about(dialog):
        seen["title"] = dialog.windowTitle()
        seen["version"] = dialog.version.text()
        seen["licence"] = dialog.licence.text()
        seen["font"] = dialog.font_line.text()
        answer_dialog(read_font_licence, LicenceDialog)
        dialog.show_font_licence.click()
        dialog.reject()

    answer_dialog(about, AboutDialog)
    window.action("about").trigger()
    assert seen["title"] == "About OGSM Desktop"
    assert seen["version"] == f"Version {__version__}"
    assert "MIT" in seen["licence"] and "OGSM Desktop authors" in seen["licence"]
    assert "WenQuanYi Micro Hei" in seen["font"] and "Apache License 2.0" in seen["font"]
    assert "Apache-2.0 or GPL-3+ with Font exception" in seen["font licence"]


def test_the_licence_shown_is_the_project_s_licence(window):
    shown = {}

    def licence(dialog):
        shown["text"] = dialog.text.toPlainText()
        dialog.reject()

    dialog = AboutDialog(window)
    answer_dialog(licence, LicenceDialog)
    dialog.show_licence.click()
    assert shown["text"] == MIT_LICENCE == (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Copyright (c) 2026 OGSM Desktop authors" in MIT_LICENCE
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT"


def test_about_qt_is_in_the_help_menu(window):
    seen = {}

    def close(dialog):
        seen["title"] = dialog.windowTitle()
        dialog.accept()

    answer_dialog(close, QMessageBox)
    window.action("aboutQt").trigger()
    assert "Qt" in seen["title"]
    help_menu = next(m.menu() for m in window.menuBar().actions() if m.text() == "&Help")
    assert [a.objectName() for a in help_menu.actions()] == ["about", "aboutQt"]


def test_preferences_offers_each_language_in_its_own_words(window):
    assert window.action("preferences").shortcut().toString() in ("Ctrl+,", "Ctrl+Shift+,")
    seen = {}

    def look(dialog):
        seen["items"] = [dialog.language.itemText(i) for i in range(dialog.language.count())]
        seen["current"] = dialog.language.currentText()
        dialog.reject()

    answer_dialog(look, PreferencesDialog)
    window.action("preferences").trigger()
    assert seen == {"items": ["System default", "English", "中文"], "current": "System default"}
    assert window.settings.language == ""


def test_a_new_language_restarts_the_program_on_the_same_plan(window, qtbot, messages, monkeypatch, demo_path):
    started = []
    monkeypatch.setattr(QProcess, "startDetached", lambda program, arguments, folder: started.append(
        (program, arguments)) or (True, 4242))

    def choose_chinese(dialog):
        dialog.language.setCurrentIndex(dialog.language.findText("中文"))
        dialog.accept()

    answer_dialog(choose_chinese, PreferencesDialog)
    window.action("preferences").trigger()
    assert messages.texts("question") == ["The language changes when OGSM Desktop starts again. Restart now?"]
    assert window.settings.language == "zh_CN"
    assert not window.isVisible() and window.session is None         # closed as usual: the plan is free
    assert started == [(sys.executable, ["-m", "ogsm_desktop", str(demo_path)])]


def test_no_restart_keeps_working_and_the_language_waits_for_the_next_start(window, messages, monkeypatch):
    monkeypatch.setattr(QProcess, "startDetached", lambda *a: (_ for _ in ()).throw(AssertionError("restarted")))
    messages.answer = QMessageBox.StandardButton.No

    def choose_english(dialog):
        dialog.language.setCurrentIndex(dialog.language.findData("en"))
        dialog.accept()

    answer_dialog(choose_english, PreferencesDialog)
    window.action("preferences").trigger()
    assert window.settings.language == "en" and window.isVisible() and window.session is not None
    assert window.statusBar().currentMessage() == "The new language applies from the next start"


def test_the_built_app_restarts_itself(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/ogsm-desktop/ogsm-desktop")
    assert restart_command(tmp_path / "a.ogsm") == ("/opt/ogsm-desktop/ogsm-desktop", [str(tmp_path / "a.ogsm")])


def test_the_preferences_dialog_keeps_the_choice(settings):
    settings.language = "zh_CN"
    dialog = PreferencesDialog(settings)
    assert dialog.language.currentText() == "中文" and not dialog.language_changed()
    dialog.language.setCurrentIndex(0)
    assert dialog.chosen_language() == "" and dialog.language_changed()
    assert dialog.result() == QDialog.DialogCode.Rejected
