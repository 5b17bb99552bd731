"""GUI test set-up: one QApplication with the bundled font; settings in the test's temporary folder."""

import pytest
from PySide6.QtCore import QSettings

from ogsm_desktop.gui.app import make_app
from ogsm_desktop.gui.settings import Settings


@pytest.fixture(scope="session")
def qapp():
    return make_app()


@pytest.fixture
def settings(tmp_path):
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
