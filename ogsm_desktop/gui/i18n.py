"""The window's language: Qt's translators for the window's own words (``ogsm_<lang>.qm``) and Qt's
standard dialogs and buttons (``qtbase_<lang>.qm``), and the core's gettext catalogue, all set to the
same language before the first window is built. Chosen in Preferences, else the system's locale."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..core import i18n
from ..resources import resource_path

_installed: list[QTranslator] = []


def chosen_language(preference: str) -> str:
    """The preference (``en``/``zh_CN``), else the language of the system's locale."""
    return i18n.normalise(preference) or i18n.normalise(QLocale.system().name()) or i18n.system_language()


def install(app, language: str) -> str:
    """Speak ``language`` in ``app`` and in the core; returns the language set."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    chosen = i18n.set_language(language)
    if chosen != "en":
        for name, folder in ((f"ogsm_{chosen}", str(resource_path("locale"))),
                             (f"qtbase_{chosen}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))):
            translator = QTranslator(app)
            if translator.load(name, folder):
                app.installTranslator(translator)
                _installed.append(translator)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China) if chosen == "zh_CN"
                       else QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    return chosen


def _words_qt_lacks() -> None:  # pragma: no cover - never called: lupdate reads it
    """Words of Qt's own dialogs that Qt's Chinese catalogue (qtbase_zh_CN) of this version lacks — Qt 6.11
    renamed them with accelerators. Listed here so that lupdate keeps them in ours, which is installed
    beside Qt's and answers for the same context."""
    QCoreApplication.translate("QFileDialog", "&Look in:")
    QCoreApplication.translate("QFileDialog", "Files of &type:")
    QCoreApplication.translate("QPrintSettingsOutput", "Page &Set:")
    QCoreApplication.translate("QPageSetupWidget", "Page &order:")
    QCoreApplication.translate("QPageSetupWidget", "Pages &per sheet:")
