"""Edit → Preferences: the program's own settings (kept in the user's settings, never in a plan).

The interface language: the system's, English or Chinese. The languages are named in their own
words ("English", "中文") so that whoever reads the list finds their own, whatever it is set to now.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout

from ..settings import Settings

# Each language in its own words, never translated.
LANGUAGES = (("en", "English"), ("zh_CN", "中文"))


class PreferencesDialog(QDialog):
    def __init__(self, settings: Settings, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self.language = QComboBox(self)
        self.language.setObjectName("language")
        self.language.addItem(self.tr("System default"), "")
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        found = self.language.findData(settings.language)
        self.language.setCurrentIndex(max(found, 0))
        self.initial = self.chosen_language()
        note = QLabel(self.tr("The language of the window, the messages, the Excel headers and the reports. It "
                              "changes when OGSM Desktop starts again."), self)
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Language"), self.language)
        form.addRow("", note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def chosen_language(self) -> str:
        """``""`` (the system's), ``en`` or ``zh_CN``."""
        return str(self.language.currentData() or "")

    def language_changed(self) -> bool:
        return self.chosen_language() != self.initial
