"""A choice per conflict, as the merge preview and the workbook import's conflicts ask it: a combo box in
each row holding the side taken (None: not chosen yet), one side for every row at once, and the choices
made so far by conflict key."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QTableWidget


class ChoiceBoxes:
    def __init__(self):
        self.boxes: list[QComboBox] = []
        self.changed = None               # told of each choice (once for a choice made for every row)

    def clear(self) -> None:
        self.boxes = []

    def add(self, table: QTableWidget, row: int, column: int, name: str, sides: list[tuple[str, object]],
            changed) -> None:
        """A combo box in ``table``'s cell offering ``sides`` (text, side), ``changed`` told of each choice."""
        combo = QComboBox(table)
        combo.setObjectName(name)
        for text, side in sides:
            combo.addItem(text, side)
        combo.currentIndexChanged.connect(changed)
        self.changed = changed
        table.setCellWidget(row, column, combo)
        self.boxes.append(combo)

    def choose(self, row: int, side: str) -> None:
        combo = self.boxes[row]
        combo.setCurrentIndex(combo.findData(side))

    def choose_all(self, side: str) -> None:
        """Every row takes ``side``; told once, not once per row (each telling may redo a preview)."""
        for combo in self.boxes:
            combo.blockSignals(True)
            combo.setCurrentIndex(combo.findData(side))
            combo.blockSignals(False)
        if self.changed is not None:
            self.changed()

    def chosen(self, conflicts) -> dict[tuple, str]:
        """Conflict key → the side taken, for the conflicts (in the boxes' order) chosen so far."""
        return {c.key: box.currentData() for c, box in zip(conflicts, self.boxes, strict=True)
                if box.currentData() is not None}
