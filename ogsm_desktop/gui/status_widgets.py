"""The status bar's permanent widgets beside the as-of date: the plan file's path (elided in the middle
when the window is narrow, whole in the tooltip), the number of nodes, and what the file holds (every change
saved as it is made, since which version)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy

if TYPE_CHECKING:
    from .session import Session


class ElidedLabel(QLabel):
    """A label that shows as much of its text as fits, with an ellipsis in the middle."""

    def __init__(self, parent=None, *, widest: int = 460):
        super().__init__(parent)
        self.full_text = ""
        self.widest = widest
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def set_full_text(self, text: str) -> None:
        self.full_text = text
        self.setToolTip(text)
        self._elide()
        self.updateGeometry()

    def set_widest(self, widest: int) -> None:
        """At most ``widest`` pixels wide (narrower while the status bar says something longer)."""
        if widest != self.widest:
            self.widest = widest
            self.updateGeometry()
            self._elide()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(min(self.fontMetrics().horizontalAdvance(self.full_text) + 8, self.widest), hint.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(min(80, self.sizeHint().width()), super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideMiddle, max(self.width() - 4, 20))
        if shown != self.text():
            super().setText(shown)


class SavedLabel(QLabel):
    """Says that every change is in the file already, and since which version: the * of the window's title
    marks changes since the last version, not changes waiting to be saved (a planner may read it so)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("savedState")
        self.session: Session | None = None
        self.setToolTip(self.tr("Every change is written to the plan file as it is made: nothing waits to be saved. "
                                "The * in the title marks changes since the last version; Save version (Ctrl+S) "
                                "names them, to compare or restore them later."))

    def set_session(self, session: Session | None) -> None:
        if self.session is not None:
            self.session.stack.cleanChanged.disconnect(self.refresh)
            self.session.changed.disconnect(self.refresh)
        self.session = session
        if session is not None:
            session.stack.cleanChanged.connect(self.refresh)
            session.changed.connect(self.refresh)            # (a version saved, restored or renamed)
        self.refresh()

    def refresh(self, *_args) -> None:
        session = self.session
        if session is None:
            self.clear()
            return
        if session.plan.readonly:
            self.setText(self.tr("Read-only: nothing is written to the file"))
            return
        versions = session.plan.versions.all()
        if not versions:
            self.setText(self.tr("Saved in the file · no version yet"))
        elif session.stack.isClean():
            self.setText(self.tr("Saved in the file · version “%1”").replace("%1", versions[-1].name))
        else:
            self.setText(self.tr("Saved in the file · changes since version “%1”").replace("%1", versions[-1].name))
