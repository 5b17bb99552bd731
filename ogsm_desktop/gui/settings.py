"""Window settings in QSettings, declared once with their types; plan data lives only in the plan file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QLocale, QSettings, QStandardPaths

from .. import APP_ID


def paper_of(locale: QLocale) -> str:
    """The paper a region prints on: US Letter where it measures in inches (the United States and the
    countries that follow it), A4 elsewhere."""
    return "letter" if locale.measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem else "a4"


class Settings:
    """Typed access to the program's settings (last plan, recent files, window geometry, the language,
    the folder of the last file dialog)."""

    MAX_RECENT = 8

    def __init__(self, qsettings: QSettings | None = None):
        self._s = qsettings or QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, APP_ID, APP_ID)

    def _get(self, key: str, default, kind):
        value = self._s.value(key, default)
        try:
            return kind(value) if value is not None else default
        except (TypeError, ValueError):
            return default

    @property
    def language(self) -> str:
        """The interface language chosen in Preferences (``en``, ``zh_CN``); empty: the system's."""
        return self._get("ui/language", "", str)

    @language.setter
    def language(self, value: str) -> None:
        self._s.setValue("ui/language", value)

    @property
    def last_plan(self) -> str:
        return self._get("plan/last", "", str)

    @last_plan.setter
    def last_plan(self, path: str) -> None:
        self._s.setValue("plan/last", path)

    @property
    def recent_files(self) -> list[str]:
        value = self._s.value("plan/recent", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in value or []]

    def add_recent(self, path: str) -> None:
        files = [path] + [f for f in self.recent_files if f != path]
        self._s.setValue("plan/recent", files[: self.MAX_RECENT])

    @property
    def geometry(self) -> QByteArray | None:
        value = self._s.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._s.setValue("window/geometry", value)

    def state(self, key: str) -> QByteArray | None:
        """A saved widget state (splitters, docks)."""
        value = self._s.value(f"window/{key}")
        return value if isinstance(value, QByteArray) else None

    def set_state(self, key: str, value: QByteArray) -> None:
        self._s.setValue(f"window/{key}", value)

    @property
    def paper(self) -> str:
        """The paper reports are printed on (a name of :data:`.report.PAPERS`): the last chosen, else the
        system's (not the interface language's: an English window in Shanghai prints on A4)."""
        value = self._get("report/paper", "", str)
        return value if value in ("a4", "letter") else paper_of(QLocale.system())

    @paper.setter
    def paper(self, value: str) -> None:
        self._s.setValue("report/paper", value)

    @property
    def last_folder(self) -> str:
        """The folder the last file dialog was in (open, save as, import, export, PDF)."""
        return self._get("files/lastFolder", "", str)

    @last_folder.setter
    def last_folder(self, folder: str) -> None:
        self._s.setValue("files/lastFolder", folder)

    def start_folder(self) -> str:
        """Where a file dialog starts: the last folder used while it still exists, else the user's
        documents folder (never the program's own folder)."""
        last = self.last_folder
        if last and Path(last).is_dir():
            return last
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return documents if documents and Path(documents).is_dir() else str(Path.home())

    def remember_folder(self, chosen_file: str) -> None:
        """Note the folder of a file just chosen in a file dialog."""
        if chosen_file:
            self.last_folder = str(Path(chosen_file).parent)

    def flag(self, key: str, default: bool = False) -> bool:
        """A saved on/off state of the window (the one-page view in its own window)."""
        value = self._s.value(f"window/{key}", default)
        if isinstance(value, str):
            return value.lower() in ("true", "1", "yes")
        return bool(value)

    def set_flag(self, key: str, value: bool) -> None:
        self._s.setValue(f"window/{key}", bool(value))

    def number(self, key: str, default: int = 0) -> int:
        """A saved whole number of the window (the view tab shown)."""
        return self._get(f"window/{key}", default, int)

    def set_number(self, key: str, value: int) -> None:
        self._s.setValue(f"window/{key}", int(value))

    def sync(self) -> None:
        self._s.sync()
