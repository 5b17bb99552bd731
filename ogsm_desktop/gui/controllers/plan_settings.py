"""The plan's settings (name, alert defaults), changed as one undoable, journaled edit like any other."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from . import Controller


class PlanSettingsController(Controller):

    def edit(self) -> bool:
        session = self.window.session
        if session is None:
            return False
        from ..dialogs.plan_settings_dialog import PlanSettingsDialog  # (imported when asked for: start-up)

        owing = sum(1 for found in session.model.alerts.values() if any(a.rule == "stale" for a in found))
        dialog = PlanSettingsDialog(session.plan, self.window, session.model.as_of, owing)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self.apply(dialog.changed_settings())

    def apply(self, settings: dict[str, str | None]) -> bool:
        """Set plan settings as one undoable command; True when they were taken."""
        session = self.window.session
        if not settings:
            return False

        def work():
            for key, value in settings.items():
                session.plan.meta.set(key, value)

        return bool(session.perform(self.tr("Change the plan settings"), work))
