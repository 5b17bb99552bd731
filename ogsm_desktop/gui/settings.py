"""Window settings in QSettings, declared once with their types; plan data lives only in the plan file."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from .. import APP_ID


class Settings:
    """Typed access to the program's settings (last plan, recent files, window geometry)."""

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

    def sync(self) -> None:
        self._s.sync()
