"""Every value an import would write, old → new, by code and period: a table the preview filters."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ...core.excel.preview import ValueChange
from ...core.history import short, short_pair
from .list_model import ListModel


class ValueChangesModel(ListModel):
    """Rows of :class:`ValueChange`, filtered by text (code, title or period) and by kind (new / changed)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.headers = [self.tr("Code"), self.tr("Title"), self.tr("Period"), self.tr("Change"), self.tr("Actual"),
                        self.tr("Target"), self.tr("Comment")]
        self.words = {"new": self.tr("new"), "changed": self.tr("changed")}
        self.changes: list[ValueChange] = []
        self.shown: list[int] = []
        self.text, self.kind = "", ""

    def set_changes(self, changes: list[ValueChange]) -> None:
        self.changes = changes
        self._refilter()

    def set_filter(self, text: str = "", kind: str = "") -> None:
        self.text, self.kind = text.strip().casefold(), kind
        self._refilter()

    def _refilter(self) -> None:
        self.beginResetModel()
        text, kind = self.text, self.kind
        self.shown = [i for i, c in enumerate(self.changes)
                      if (not kind or c.change == kind) and (not text or text in f"{c.code}\n{c.title}\n{c.period}".casefold())]
        self.endResetModel()

    def counts(self) -> dict[str, int]:
        out = {"new": 0, "changed": 0}
        for c in self.changes:
            out[c.change] += 1
        return out

    def row_count(self) -> int:
        return len(self.shown)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        c = self.changes[self.shown[index.row()]]
        column = index.column()
        if column < 4:
            return (c.code, c.title, c.period, self.words[c.change])[column]
        old = (c.old or (None, None, ""))[column - 4]
        new = c.new[column - 4]
        if old == new or c.old is None:              # unchanged, or a new value: the value itself
            return "" if new in (None, "") else short(new)
        return "{} → {}".format(*short_pair(old, new))
