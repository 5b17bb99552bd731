"""Help → About: the program's name, version and licence (MIT), the Qt and Python it runs on, and the
licence of the bundled Chinese font, each licence readable in full."""

from __future__ import annotations

import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from ... import APP_NAME, __version__
from ...core.model import Kind
from ...core.places import os_problem
from ...resources import resource_path
from ..icons import kind_icon

# The program's licence, shown in the window whatever way it was installed (the same text as the
# project's LICENSE file; a test keeps the two the same).
MIT_LICENCE = """MIT License

Copyright (c) 2026 OGSM Desktop authors

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""

FONT_COPYRIGHT = ("fonts", "wqy-microhei.COPYRIGHT.txt")


def font_licence_text() -> str:
    path = resource_path(*FONT_COPYRIGHT)
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        return os_problem(path, exc, "read")


class LicenceDialog(QDialog):
    """A licence in full, read-only, in a fixed-width font."""

    def __init__(self, title: str, text: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(640, 520)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("licenceText")
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setPlainText(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)


class AboutDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("About %1").replace("%1", APP_NAME))
        icon = QLabel(self)
        icon.setPixmap(kind_icon(Kind.OBJECTIVE).pixmap(48, 48))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        name = QLabel(APP_NAME, self)
        name.setObjectName("aboutName")
        font = QFont(name.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        name.setFont(font)
        self.version = QLabel(self.tr("Version %1").replace("%1", __version__), self)
        self.version.setObjectName("aboutVersion")
        self.version.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        about = QLabel(self.tr("An offline editor for OGSM strategy plans: Objective, Goals, Strategies and "
                               "Measures, cascaded from the company to departments, teams and people."), self)
        about.setWordWrap(True)
        self.licence = QLabel(self.tr("Copyright © 2026 OGSM Desktop authors. Free software under the MIT "
                                      "licence."), self)
        self.licence.setObjectName("aboutLicence")
        self.licence.setWordWrap(True)
        self.show_licence = QPushButton(self.tr("&Licence…"), self)
        self.show_licence.setObjectName("showLicence")
        self.show_licence.clicked.connect(self.open_licence)
        self.font_line = QLabel(self.tr("Chinese text is shown in the bundled font WenQuanYi Micro Hei "
                                        "(文泉驿微米黑), Apache License 2.0 or GNU GPL v3 with the font embedding "
                                        "exception."), self)
        self.font_line.setObjectName("aboutFont")
        self.font_line.setWordWrap(True)
        self.show_font_licence = QPushButton(self.tr("&Font licence…"), self)
        self.show_font_licence.setObjectName("showFontLicence")
        self.show_font_licence.clicked.connect(self.open_font_licence)
        self.runtime = QLabel(self.tr("Qt %1 · PySide6 %2 · Python %3").replace("%1", qVersion())
                              .replace("%2", pyside_version).replace("%3", platform.python_version()), self)
        self.runtime.setObjectName("aboutRuntime")
        self.runtime.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        text = QVBoxLayout()
        text.addWidget(name)
        text.addWidget(self.version)
        text.addSpacing(6)
        text.addWidget(about)
        text.addSpacing(6)
        for label, button in ((self.licence, self.show_licence), (self.font_line, self.show_font_licence)):
            row = QHBoxLayout()
            row.addWidget(label, 1)
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            text.addLayout(row)
        text.addSpacing(6)
        text.addWidget(self.runtime)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addSpacing(8)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def open_licence(self) -> None:
        LicenceDialog(self.tr("Licence of %1").replace("%1", APP_NAME), MIT_LICENCE, self).exec()

    def open_font_licence(self) -> None:
        LicenceDialog(self.tr("Licence of the font WenQuanYi Micro Hei"), font_licence_text(), self).exec()
