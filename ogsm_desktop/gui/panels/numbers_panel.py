"""The Numbers panel: the selected goal's or measure's periods of the plan year — target, actual,
status, comment, last changed. Type into a cell, paste a block copied from a spreadsheet (tab-separated,
Chinese or English number formats), Delete clears the selected cells, Fill targets… spreads a year's
target; each is one undoable, journaled change with the current reason."""

from __future__ import annotations

import csv
import io

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core import numbers
from ...core.errors import ValidationError
from ...core.fields import ValueProblem, reads_as_status
from ...core.i18n import labelled
from ...core.model import QUANTIFIED
from ..labels import aggregation_labels, target_mode_labels
from ..menu_keys import LendsKeysToTheMenuBar
from ..models.numbers_model import COLUMNS, EDITABLE, NumbersModel
from ..return_key import TakesReturnAtOnce
from ..session import Session
from ..text import fill


class _CellDelegate(TakesReturnAtOnce, LendsKeysToTheMenuBar, QStyledItemDelegate):
    """Says when a number starts being typed in a cell (the window's Undo is then of the typing)."""

    edited = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.editor: QLineEdit | None = None
        self.given_back: tuple[str, str, str] | None = None     # (period, column, text) a refusal gave back
        self.follow_the_keys()

    def setEditorData(self, editor, index) -> None:
        """A cell opened again after a refusal holds what was typed, however often Qt fills it from the model."""
        back = self.given_back
        rows = index.model().rows
        if back is not None and index.row() < len(rows) and (rows[index.row()].period, COLUMNS[index.column()]) \
                == back[:2] and isinstance(editor, QLineEdit):
            editor.setText(back[2])
            return
        super().setEditorData(editor, index)

    def createEditor(self, parent, option, index):
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            editor.textEdited.connect(lambda _text: self.edited.emit())
            self.editor = editor                # the newest (a closed one lingers until Qt deletes it)
        return editor


class NumbersPanel(QWidget):
    typing_changed = Signal()             # a number started (or ended) being typed in a cell: see ``typing``

    giving_back = False                   # a refused number is about to be given back in its cell
    _rows_of: int | None = None           # the measure whose periods the rows are
    # What this table copied last (its text, its columns, from which plan and measure): pasted back, its own
    # Target cells keep following the measure's target and a status copied with them is left out
    _copied: str | None = None
    _copied_columns: tuple[int, ...] = ()
    _copied_from: tuple | None = None

    EDIT_TRIGGERS = (QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                     | QAbstractItemView.EditTrigger.AnyKeyPressed)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.session: Session | None = None
        self.node_id: int | None = None
        self.heading = QLabel(self)
        self.heading.setObjectName("numbersHeading")
        self.heading.setWordWrap(True)
        self.model = NumbersModel(self)
        self.model.edit_requested.connect(self._typed_in_cell)
        self.view = QTableView(self)
        self.view.setObjectName("numbersTable")
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(self.EDIT_TRIGGERS)
        self._stale = False
        self.typing = False                 # a cell's editor holds what was typed and not confirmed
        self.delegate = delegate = _CellDelegate(self.view)
        self.view.setItemDelegate(delegate)
        delegate.edited.connect(lambda: self._set_typing(True))
        delegate.closeEditor.connect(self._editor_closed)
        self.view.verticalHeader().setVisible(False)
        rows = self.view.verticalHeader()            # rows as tall as the text needs: more periods in view
        rows.setMinimumSectionSize(1)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.view.horizontalHeader().setSectionResizeMode(COLUMNS.index("comment"), QHeaderView.ResizeMode.Stretch)
        for sequence, slot in ((QKeySequence.StandardKey.Paste, self.paste), (QKeySequence.StandardKey.Copy, self.copy),
                               (QKeySequence.StandardKey.Delete, self.clear_selected),
                               (QKeySequence(Qt.Key.Key_Backspace), self.clear_selected)):
            shortcut = QShortcut(sequence if isinstance(sequence, QKeySequence) else QKeySequence(sequence), self.view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        self.fill_button = QPushButton(self.tr("Fill targets…"), self)
        self.fill_button.setObjectName("fillTargets")
        self.fill_button.clicked.connect(self.fill_targets)
        buttons = QHBoxLayout()
        buttons.addWidget(self.heading, 1)
        buttons.addWidget(self.fill_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(buttons)
        layout.addWidget(self.view)
        self.show_node(None)

    # ----------------------------------------------------------------- following the plan
    def set_session(self, session: Session | None) -> None:
        self._end_open_cell(take=False)     # (the window took what was typed before the plan closed)
        if self.session is not None:
            self.session.changed.disconnect(self._on_changed)
            self.session.model.judged.disconnect(self.refresh)
            self.session.model.judging_changed.disconnect(self._judging)
        self.session = session
        if session is not None:
            session.changed.connect(self._on_changed)
            session.model.judged.connect(self.refresh)
            session.model.judging_changed.connect(self._judging)
        self.show_node(None)

    def node(self):
        if self.session is None or self.node_id is None:
            return None
        node = self.session.model.tree.nodes.get(self.node_id)
        return node if node is not None and node.kind in QUANTIFIED else None

    def show_node(self, node_id: int | None) -> None:
        same = node_id == self.node_id
        if not same:
            self._end_open_cell(take=True)  # for the measure it was typed for, before its rows go
        self.node_id = node_id
        self.refresh(now=not same)          # (the same measure chosen again: not under the cell being typed)

    def _end_open_cell(self, take: bool) -> None:
        """Close a cell's editor still open, its number taken (``take``) or dropped: the rows are about to
        be replaced, which would destroy the editor without a word (and leave "Undo typing" on)."""
        if self.view.state() != QAbstractItemView.State.EditingState:
            return
        editor = self.view.indexWidget(self.view.currentIndex())
        if editor is None:
            return
        if take:
            self.delegate.commitData.emit(editor)
        self.delegate.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def _judging(self, judging: bool) -> None:
        """A big plan's statuses of a new as-of date are being worked out (seconds): the measure's own rows of
        that date are read at once, not when every status has arrived."""
        if judging:
            self.refresh()

    def take_typing(self) -> None:
        """A cell typed in, wherever the keys are (the menu bar, no window): its number taken now."""
        self.delegate.take_lent()
        self._end_open_cell(take=True)

    def drop_typing(self) -> None:
        """Leave out what is typed in a cell (the window closes without it, as the user chose)."""
        self.giving_back = False
        self.delegate.given_back = None
        self._end_open_cell(take=False)
        self._set_typing(False)

    def _set_typing(self, typing: bool) -> None:
        if typing != self.typing:
            self.typing = typing
            self.typing_changed.emit()

    def _editor_closed(self, *_args) -> None:
        self.delegate.given_back = None
        self._set_typing(False)
        if self._stale:
            self.refresh()

    def _on_changed(self, changes) -> None:
        if self.node_id is not None and (self.node_id in changes.actual_nodes or self.node_id in changes.node_ids()
                                         or set(changes.meta) or not changes.listed):
            self.refresh()

    def refresh(self, *, now: bool = False) -> None:
        if not now and self.view.state() == QAbstractItemView.State.EditingState:
            self._stale = True            # not under the user's typing: once the cell is left
            return
        self._stale = False
        node = self.node()
        editable = node is not None and not self.session.plan.readonly
        self.fill_button.setEnabled(editable)
        self.view.setEditTriggers(self.EDIT_TRIGGERS if editable else QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setEnabled(node is not None)
        if node is None:
            self.heading.setText(self.tr("Select a goal or a measure to see and enter its numbers."))
            self.model.set_rows([])
            return
        model = self.session.model
        place = self._place() if self._rows_of == node.id else None   # (the same measure's)
        self.model.set_rows(numbers.period_rows(self.session.plan, node, model.as_of, model.settings),
                            again=self._rows_of == node.id)
        self._rows_of = node.id
        if place is not None:
            self._put_back(place)
        for column in ("period", "target", "actual", "status", "changed"):
            self.view.resizeColumnToContents(COLUMNS.index(column))
        calendar = model.settings.calendar_for(model.as_of)
        self.heading.setText(fill(self.tr("%1 %2 — %3; quarter and year: %4; targets: %5; plan year %6; as of %7"),
                                  node.code, node.title, node.unit or self.tr("no unit"),
                                  aggregation_labels()[str(node.aggregation)],
                                  target_mode_labels()[str(node.target_mode)], calendar.label(),
                                  model.as_of.isoformat()))

    def _place(self) -> tuple[tuple[str, int] | None, list[tuple[str, int]]]:
        """The current cell and the selected ones, by period and column: the model is filled anew after every
        write, and without them the next number typed went to no cell (a keyboard search) and was lost."""
        rows = self.model.rows

        def key(index):
            return (rows[index.row()].period, index.column()) if index.isValid() and index.row() < len(rows) else None
        chosen = self.view.selectionModel().selectedIndexes() if self.view.selectionModel() else []
        return key(self.view.currentIndex()), [k for k in map(key, chosen) if k is not None]

    def _put_back(self, place: tuple[tuple[str, int] | None, list[tuple[str, int]]]) -> None:
        current, chosen = place
        row_of = {p.period: r for r, p in enumerate(self.model.rows)}
        if current is not None and current[0] in row_of:
            self.view.selectionModel().setCurrentIndex(self.model.index(row_of[current[0]], current[1]),
                                                       QItemSelectionModel.SelectionFlag.NoUpdate)
        selection = QItemSelection()
        for period, column in chosen:
            if period in row_of:
                index = self.model.index(row_of[period], column)
                selection.select(index, index)
        if not selection.isEmpty():
            self.view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    # ----------------------------------------------------------------- editing
    def write(self, values: dict[str, dict[str, str]], text: str) -> bool:
        """Write ``{period: {field: typed text}}`` as one undoable change; refused whole when one is wrong."""
        node, session = self.node(), self.session
        if node is None or not values:
            return False
        if session.plan.readonly:
            session.refuse(self.tr("The plan is open read-only: nothing was changed."))
            return False

        def work():
            parsed: dict[str, dict[str, object]] = {}
            for period, fields in values.items():
                for field, typed in fields.items():
                    try:
                        parsed.setdefault(period, {})[field] = numbers.parse_value(field, typed, node)
                    except ValueProblem as exc:
                        raise ValidationError(labelled(f"{node.code} {period}", str(exc))) from None   # (its measure:
                        # the window may show another by now)
            return numbers.write(session.plan, node, parsed)

        return bool(session.perform(fill(text + " (%1)", node.code), work))

    def _typed_in_cell(self, values: dict[str, dict[str, str]]) -> None:
        """A value typed in a cell: written; refused, the cell opens again holding what was typed, to be
        corrected rather than typed again (unless the panel shows another measure by then)."""
        if self.write(values, self.tr("Enter a number")):
            return
        ((period, fields),) = values.items()
        ((field, typed),) = fields.items()
        node_id = self.node_id

        def again() -> None:
            if not self.giving_back:      # left out meanwhile (an Undo of it, the window closed without it)
                return
            self.giving_back = False
            row = next((r for r, p in enumerate(self.model.rows) if p.period == period), None)
            if self.node_id != node_id or row is None or self.view.state() == self.view.State.EditingState:
                return
            index = self.model.index(row, COLUMNS.index(field))
            self.view.setCurrentIndex(index)
            self.delegate.given_back = (period, field, typed)
            self.view.edit(index)            # (PySide's edit(index) answers None: the state says)
            if self.view.state() == self.view.State.EditingState:
                self._set_typing(True)
            else:
                self.delegate.given_back = None
        self.giving_back = True           # (the cell opens again in a moment, holding what was typed)
        QTimer.singleShot(0, self, again)

    def _editable_cells(self) -> list[tuple[str, str]]:
        out = []
        for index in self.view.selectionModel().selectedIndexes():
            field = COLUMNS[index.column()]
            if field in EDITABLE:
                out.append((self.model.rows[index.row()].period, field))
        return out

    def clear_selected(self) -> None:
        values: dict[str, dict[str, str]] = {}
        for period, field in self._editable_cells():
            values.setdefault(period, {})[field] = ""
        self.write(values, self.tr("Clear numbers"))

    def copy(self) -> None:
        indexes = sorted(self.view.selectionModel().selectedIndexes(), key=lambda i: (i.row(), i.column()))
        if not indexes:
            return
        rows: dict[int, list[str]] = {}
        for index in indexes:
            rows.setdefault(index.row(), []).append(self.model.copied(index))
        self._copied = _tab_separated(list(rows.values()))
        self._copied_columns = tuple(sorted({index.column() for index in indexes}))
        self._copied_from = (self.session.plan.path, self.node_id)
        QGuiApplication.clipboard().setText(self._copied)

    def paste(self) -> None:
        """A block copied from a spreadsheet, from the top left cell of the selection (else the current cell)
        right and down, into target, actual and comment columns only; refused whole when it does not fit. One
        value pasted onto several selected cells goes into each, as a spreadsheet does."""
        current = self.view.currentIndex()
        chosen = self.view.selectionModel().selectedIndexes()
        if current not in chosen:               # (moved to without selecting: the block starts there)
            chosen = []
        if chosen:                              # the selection's top left cell, however it was made (as a
            current = self.model.index(min(i.row() for i in chosen), min(i.column() for i in chosen))   # spreadsheet)
        text = QGuiApplication.clipboard().text()
        if not current.isValid() or not text.strip() or self.node() is None:
            return
        block = _cells(text)
        values: dict[str, dict[str, str]] = {}
        # Only cells this table copied from this measure's Target column keep following the measure's target
        # when pasted back (a Target column copied and pasted in place changes nothing); anything else is stored
        # as given, as typed is — a target pasted from Excel equal to the measure's was left following it.
        ours = text == self._copied and self._copied_from == (
            self.session.plan.path, self.node_id)
        if len(block) == 1 and len(block[0]) == 1 and len(chosen) > 1:      # one value: into each cell selected
            for index in chosen:
                field, period_row = COLUMNS[index.column()], self.model.rows[index.row()]
                if field in EDITABLE:
                    values.setdefault(period_row.period, {})[field] = block[0][0].strip()
            self.write(values, self.tr("Paste numbers"))
            return
        width = max(map(len, block), default=0)
        columns = [current.column() + c for c in range(width)]          # cell c of a line goes to columns[c]
        editable_on = [c for c in range(current.column(), len(COLUMNS)) if COLUMNS[c] in EDITABLE]
        copied = self._copied_columns
        same = text == self._copied and len(copied) == width and copied[0] == current.column()
        skipped: set[int] = set()
        statuses = 0                            # statuses pasted onto the Status column, left out
        if same:
            # this table's own cells, pasted at the column they came from: a computed column copied with them
            # (the status) lands on itself and is left out
            skipped = {c for c, source in zip(columns, copied, strict=True) if COLUMNS[source] not in EDITABLE
                       and c == source}
        elif (statuses := _statuses_on_status(block, columns, COLUMNS[current.column()], width)):
            # Target | Actual | Status from a report: the statuses land on the Status column (worked out from the
            # numbers) and are left out, not stored as comments across it
            skipped = {COLUMNS.index("status")}
        elif COLUMNS[current.column()] in ("target", "actual") and width == len(editable_on) \
                and any(c >= len(COLUMNS) or COLUMNS[c] not in EDITABLE for c in columns) \
                and not any(len(line) == width and _a_number(line[-1], self.node()) for line in block):
            # Target | Actual | Comment from a spreadsheet: across the status column, when what lands in Comment
            # is no number (actuals then targets pasted at Actual stored the targets as comments)
            columns = editable_on
        for r, line in enumerate(block):
            row = current.row() + r
            for c, cell in enumerate(line):
                column = columns[c]
                if column in skipped:
                    continue
                if row >= len(self.model.rows) or column >= len(COLUMNS) or COLUMNS[column] not in EDITABLE:
                    self.session.refuse(self.tr("The pasted block does not fit: paste numbers into the Target "
                                                "and Actual columns (and text into Comment), within the plan "
                                                "year's periods. Nothing was changed."))
                    return
                follows = ours and same and COLUMNS[copied[c]] == "target" == COLUMNS[column]
                if not (follows and _follows(self.node(), self.model.rows[row], COLUMNS[column], cell)):
                    values.setdefault(self.model.rows[row].period, {})[COLUMNS[column]] = cell.strip()
        cleared = self._clearing(values)
        if (values or not statuses) and not self.write(values, self.tr("Paste numbers")):
            return                              # (statuses only: nothing to write, and that is said)
        if cleared:
            self.session.said.emit(self.tr("%n number(s) cleared by empty cells of the block pasted", "", cleared))
        elif statuses:
            self.session.said.emit(self.tr("The Status column is worked out from the numbers: %n pasted status(es) "
                                           "left out", "", statuses))

    def _clearing(self, values: dict[str, dict[str, str]]) -> int:
        """How many numbers the empty cells of a block to paste clear (a report's row copied with a tab at its end,
        blank lines): as a spreadsheet does, but said."""
        held = {p.period: p for p in self.model.rows}
        return sum(1 for period, fields in values.items() for field, text in fields.items()
                   if not text.strip() and field in ("target", "actual") and period in held
                   and getattr(held[period], field) is not None)

    def fill_targets(self) -> None:
        from ..dialogs.fill_targets_dialog import FillTargetsDialog

        node = self.node()
        if node is None:
            return
        model = self.session.model
        dialog = FillTargetsDialog(self.session.plan, node, model.settings.calendar_for(model.as_of), self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.targets:
            self.write({p: {"target": str(v)} for p, v in dialog.targets.items()}, self.tr("Fill targets"))


def _follows(node, row, field: str, text: str) -> bool:
    """A period that follows the measure's target (shown in brackets, copied as such) keeps following it when
    that same target is pasted onto it: a Target column copied and pasted back in place changes nothing."""
    if field != "target" or row.target is not None or row.judged_target is None:
        return False
    try:
        return numbers.parse_value(field, text.strip(), node) == row.judged_target
    except ValueProblem:
        return False                       # (said by the write, with the other cells)


def _statuses_on_status(block: list[list[str]], columns: list[int], at: str, width: int) -> int:
    """How many cells of a block ``width`` wide pasted at ``columns`` (from the column ``at``) land on the Status
    column and read as statuses — for a block that gives statuses: pasted on the Status column, reaching past it,
    or a report's Target | Actual | Status pasted at Target (an Actual | Comment block pasted at Actual keeps its
    comments, "完成" among them, across the column). 0 when any cell landing there reads as no status."""
    status = COLUMNS.index("status")
    if status not in columns:
        return 0
    place = columns.index(status)
    if not (at == "status" or width > place + 1 or (at == "target" and width == 3)):
        return 0
    cells = [line[place].strip() for line in block if len(line) > place and line[place].strip()]
    return len(cells) if cells and all(map(reads_as_status, cells)) else 0


def _a_number(cell: str, node) -> bool:
    """Whether a pasted cell reads as a number of ``node`` (as typed into Target or Actual would)."""
    try:
        value = numbers.parse_value("actual", cell.strip(), node)
    except ValueProblem:
        return False
    return isinstance(value, float)


def _cells(text: str) -> list[list[str]]:
    """The rows of cells of a block a spreadsheet copied: tab-separated values, a cell holding a line break,
    a tab or a quote in quotes (its quotes doubled), as Excel and LibreOffice write it, read with the
    standard csv module. Text that is not so quoted (a stray quote, a cell beyond the csv module's limit)
    is split at tabs and line breaks as it stands. The last line break ends the block."""
    plain = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        rows = list(csv.reader(io.StringIO(plain, newline=""), delimiter="\t", quotechar='"', strict=True))
    except csv.Error:
        rows = [line.split("\t") for line in plain.rstrip("\n").split("\n")]
    while rows and not rows[-1]:
        rows.pop()
    return [row or [""] for row in rows]           # an empty line inside the block: an empty cell


def _tab_separated(rows: list[list[str]]) -> str:
    """Cells as a spreadsheet reads them pasted: tab-separated, quoted where they hold a line break, a tab or
    a quote."""
    out = io.StringIO()
    csv.writer(out, delimiter="\t", quotechar='"', lineterminator="\n").writerows(rows)
    return out.getvalue().removesuffix("\n")
