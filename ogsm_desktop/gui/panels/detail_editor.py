"""The detail editor: every field of the selected node, typed (text, numbers, dates, choices).

A field is committed when the user finishes editing it, as one undoable edit that carries the
current reason. A value the plan refuses is explained and the field shows the stored value again.
What is typed belongs to the node it was typed for: when the selection moves on (or the plan changes)
before the field is finished, it is committed to that node — or dropped if that node is gone — never
to the node shown next.

The fields a planner fills most (code, title, owner, org unit, status, target, due date) come first, so
they show without scrolling on a small screen; the rarer ones wait under "More". Owner and org unit
suggest the people and units already in the plan; the due date may stay empty.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QEvent, QSize, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.fields import (
    INTEGER_FIELDS,
    SCALE_FIELDS,
    NotInPercent,
    ValueProblem,
    choices,
    parse_amount,
    parse_number,
    parse_whole,
)
from ...core.model import QUANTIFIED, Kind, Node
from ..labels import choice_labels, status_labels
from ..models.numbers_model import exact_text, number_text
from ..session import Session
from ..text import fill, in_name_order
from .field_widgets import NO_DATE, OptionalDateEdit, PlainTextField, WheelGuard, within
from .rules_field import RulesField
from .serves_field import ServesField

TEXT_FIELDS = ("code", "title", "owner", "org_unit", "unit")
NUMBER_FIELDS = ("baseline", "target", "amber", "red", "weight", "streak")
QUANTIFIED_ONLY = ("unit", "baseline", "target", "direction", "frequency", "aggregation", "target_mode", "amber", "red",
                   "streak", "alerts_off")
COMMON_FIELDS = ("code", "title", "owner", "org_unit", "status", "target", "due_date")     # always in view
MORE_FIELDS = ("description", "unit", "baseline", "direction", "frequency", "aggregation", "target_mode", "amber",
               "red", "weight", "streak", "alerts_off")                                  # under "More"
NAME_FIELDS = ("owner", "org_unit")           # suggested from the people and units already in the plan


class DetailEditor(QScrollArea):
    typing_changed = Signal()                     # a value started (or ended) being typed: see ``typing``

    def __init__(self, session: Session | None = None, parent=None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.session: Session | None = None
        self.node: Node | None = None
        self._pending: dict[str, int] = {}        # field → the node its typed, uncommitted value is for
        self._height: int | None = None           # common_height, measured again when font or style change
        self._wheel_guard = WheelGuard(self)
        QApplication.instance().focusChanged.connect(self._focus_moved)
        body = QWidget(self)
        outer = QVBoxLayout(body)                # the form at the top; room to spare goes below it
        self.locked_note = QLabel(self.tr("The company's part of the plan, shown for context: read-only in this "
                                          "department file."), body)
        self.locked_note.setObjectName("lockedNote")
        self.locked_note.setWordWrap(True)
        self.locked_note.setStyleSheet("QLabel#lockedNote { color: #5f5f5f; font-style: italic; }")
        self.locked_note.hide()
        outer.addWidget(self.locked_note)
        self.form = QFormLayout()
        outer.addLayout(self.form)
        outer.addStretch(1)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.kind_label = QLabel(body)
        self.form.addRow(self.tr("Kind"), self.kind_label)
        self.judged = QLabel(body)              # a goal's or measure's status: worked out from its numbers
        self.judged.setObjectName("judgedStatus")
        self.judged.setWordWrap(True)
        self.form.addRow(self.tr("Status"), self.judged)
        self.widgets: dict[str, QWidget] = {}
        self.labels = labels = {
            "code": self.tr("Code"), "title": self.tr("Title"), "description": self.tr("Description"),
            "owner": self.tr("Owner"), "org_unit": self.tr("Org unit"), "status": self.tr("Status (set)"),
            "unit": self.tr("Unit"), "baseline": self.tr("Baseline"), "target": self.tr("Target"),
            "due_date": self.tr("Due date"), "direction": self.tr("Direction"), "frequency": self.tr("Frequency"),
            "amber": self.tr("At risk beyond"), "red": self.tr("Off track beyond"), "weight": self.tr("Roll-up weight"),
            "streak": self.tr("Alert after N periods below target"), "alerts_off": self.tr("Alerts switched off"),
            "aggregation": self.tr("Quarter and year are the"), "target_mode": self.tr("Period targets are"),
        }
        words = choice_labels()
        self.kinds = words.pop("kind")
        options = {field: [(value, words[field][value]) for value in choices(field)] for field in words}
        self.names: dict[str, QStringListModel] = {}
        for field in COMMON_FIELDS + MORE_FIELDS:
            if field == MORE_FIELDS[0]:
                self._add_serves_and_more(body)
            if field == "description":
                widget = PlainTextField(body)
                widget.setFixedHeight(70)
                widget.editing_finished.connect(lambda f=field: self._left(f))
                widget.textChanged.connect(lambda f=field: self._typed(f))
            elif field in options:
                widget = QComboBox(body)
                for value, text in options[field]:
                    widget.addItem(text, str(value))
                widget.activated.connect(lambda _i, f=field: self._chosen(f))
            elif field == "due_date":
                widget = OptionalDateEdit(body)
                widget.editingFinished.connect(lambda f=field: self._left(f))
                widget.cleared.connect(lambda f=field: self._chosen(f))
                widget.dateChanged.connect(lambda _d, f=field: self._typed(f))
                widget.calendarWidget().clicked.connect(lambda _d, f=field: self._chosen(f))
            elif field == "alerts_off":
                widget = RulesField(body)
                widget.chosen.connect(lambda f=field: self._chosen(f))
            else:
                widget = QLineEdit(body)
                widget.editingFinished.connect(lambda f=field: self._left(f))
                widget.textEdited.connect(lambda _t, f=field: self._typed(f))
                if field in NUMBER_FIELDS:
                    widget.setPlaceholderText(self.tr("none"))
                if field == "streak":
                    widget.setPlaceholderText(self.tr("the plan's default (2)"))
                if field in NAME_FIELDS:
                    self._suggest(field, widget)
            widget.setObjectName(f"field_{field}")
            if isinstance(widget, QComboBox | QAbstractSpinBox):
                widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)     # a wheel alone does not enter it
                widget.installEventFilter(self._wheel_guard)
            self.widgets[field] = widget
            self.form.addRow(labels[field], widget)
        self.widgets["status"].setToolTip(self.tr(
            "The status set by hand. An objective's or a strategy's status is rolled up from the goals and "
            "measures below once they have numbers (shown above, and in the tree); the one set here counts "
            "while none has."))
        self.setWidget(body)
        self.set_session(session)
        self.show_node(None)

    def common_height(self) -> int:
        """The height the common fields need to show without scrolling: a goal's (it has the most rows),
        with its status line, the "Serves" row and the "More" switch.

        Kept once measured (the window's layout asks for it over a hundred times as it first shows, each
        time asking a dozen widgets for theirs), until the font or the style changes."""
        if self._height is None:
            self._height = self._measured_height()
        return self._height

    def changeEvent(self, event) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._height = None
            self.updateGeometry()
        super().changeEvent(event)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.Polish:      # the style's own sizes apply from here on
            self._height = None
        return super().event(event)

    def _measured_height(self) -> int:
        rows = [self.kind_label, self.judged, *(self.widgets[f] for f in COMMON_FIELDS if f != "status"),
                self.serves, self.more]
        spacing = self.form.verticalSpacing()
        if spacing < 0:
            spacing = self.style().pixelMetric(QStyle.PixelMetric.PM_LayoutVerticalSpacing)
        margins = self.widget().layout().contentsMargins()
        height = sum(max(w.sizeHint().height(), self.form.labelForField(w).sizeHint().height()
                         if self.form.labelForField(w) is not None else 0) for w in rows)
        height += max(0, 2 * self.judged.fontMetrics().lineSpacing() - self.judged.sizeHint().height())  # 2 lines
        frame = 2 * self.frameWidth() + 4             # and a little room for a style's rounding
        return height + spacing * (len(rows) - 1) + margins.top() + margins.bottom() + frame

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), self.common_height())

    def _add_serves_and_more(self, body: QWidget) -> None:
        """The goal's "Serves" row after the common fields, then the "More" switch for the rarer ones."""
        self.serves = ServesField(body)          # a cascaded goal: the measure above it that it serves
        self.form.addRow(self.tr("Serves"), self.serves)
        self.more = QToolButton(body)
        self.more.setObjectName("moreFields")
        self.more.setText(self.tr("More"))
        self.more.setToolTip(self.tr("Show or hide the fields used less often"))
        self.more.setCheckable(True)
        self.more.setAutoRaise(True)
        self.more.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.more.setArrowType(Qt.ArrowType.RightArrow)
        self.more.toggled.connect(self._more_toggled)
        self.form.addRow(self.more)

    def _more_toggled(self, shown: bool) -> None:
        self.more.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        if not shown:
            self._flush()                        # what is typed in a field being folded away is kept
        self.show_node(self.node.id if self.node is not None else None)

    def _suggest(self, field: str, widget: QLineEdit) -> None:
        """Owner and org unit: suggestions from the names already in the plan, any case, any part."""
        self.names[field] = QStringListModel(self)
        completer = QCompleter(self.names[field], widget)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        widget.setCompleter(completer)
        completer.activated.connect(lambda _text, f=field: self._chosen(f))     # picked: committed at once

    def _refresh_names(self) -> None:
        """The people and the units in the plan now, for the suggestions (one pass over the nodes)."""
        found: dict[str, set[str]] = {field: set() for field in NAME_FIELDS}
        for node in self.session.model.tree.nodes.values() if self.session is not None else ():
            found["owner"].add(node.owner.strip())
            found["org_unit"].add(node.org_unit.strip())
        for field, names in self.names.items():
            listed = in_name_order(found[field] - {""})
            if listed != names.stringList():
                names.setStringList(listed)

    def set_session(self, session: Session | None) -> None:
        """Show ``session``'s plan (None: no plan); what was typed for the plan shown before goes to it first."""
        self._flush()
        if self.session is not None:
            self.session.nodes_changed.disconnect(self._on_changed)
            self.session.changed.disconnect(self._on_any_change)
            self.session.model.judged.disconnect(self._show_judged)
            self.session.model.judging_changed.disconnect(self._show_judged)
        self.session = session
        self.node = None
        if session is not None:
            session.nodes_changed.connect(self._on_changed)
            session.changed.connect(self._on_any_change)
            session.model.judged.connect(self._show_judged)
            session.model.judging_changed.connect(self._show_judged)
        self._refresh_names()
        self.show_node(None)

    # ----------------------------------------------------------------- showing
    def show_node(self, node_id: int | None) -> None:
        node = self.session.model.tree.nodes.get(node_id) if self.session and node_id is not None else None
        if self.node is None or node is None or node.id != self.node.id:
            self._flush()                     # typed for the node shown until now: its own, or nobody's
        self.node = node
        self.widget().setEnabled(node is not None)
        self.kind_label.setText(self.kinds[node.kind] if node else self.tr("(nothing selected)"))
        folded = not self.more.isChecked()
        for field, widget in self.widgets.items():
            visible = node is not None and self._applies(node.kind, field) and not (folded and field in MORE_FIELDS)
            widget.blockSignals(True)         # hiding a focused field ends its editing: not a commit here
            widget.setVisible(visible)
            self.form.labelForField(widget).setVisible(visible)
            if field not in self._pending:    # the same node shown again: what is being typed stays
                self._set(widget, field, getattr(node, field) if node else None)
            widget.blockSignals(False)
        self._show_judged()
        is_goal = node is not None and node.kind is Kind.GOAL
        self.serves.setVisible(is_goal)
        self.form.labelForField(self.serves).setVisible(is_goal)
        self.serves.show_goal(self.session, node if is_goal else None)
        self._show_locked(node is not None and node.id in self.session.plan.nodes.locked)

    @staticmethod
    def _read_only_palette(widget: QWidget) -> QPalette:
        """A read-only field looks it: the window's colour behind its text, not the editable white."""
        palette = QPalette(widget.palette())
        palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
        return palette

    def _show_locked(self, locked: bool) -> None:
        """A department file's context (the company's nodes above the department): shown, not editable."""
        self.locked_note.setVisible(locked)
        for widget in self.widgets.values():
            if isinstance(widget, QLineEdit | QPlainTextEdit | QAbstractSpinBox):
                if widget.isReadOnly() != locked:
                    widget.setReadOnly(locked)
                    widget.setPalette(self._read_only_palette(widget) if locked else QPalette())
            else:
                widget.setEnabled(not locked)
            if isinstance(widget, OptionalDateEdit):
                widget.clear_action.setVisible(not locked and not widget.is_empty())
        self.serves.setEnabled(not locked)

    def _on_any_change(self, _changes) -> None:
        if self.node is not None:
            self._show_judged()

    def _show_judged(self) -> None:
        """A goal's or measure's status from its numbers; a strategy's or objective's rolled up from below
        (the one the tree shows, beside the status a person sets)."""
        node = self.node
        model = self.session.model if self.session is not None else None
        standing = model.standing.get(node.id) if model is not None and node is not None else None
        quantified = node is not None and node.kind in QUANTIFIED
        rolled_up = not quantified and node is not None and node.kind is not Kind.ACTION and \
            standing is not None and standing.derived
        self.judged.setVisible(quantified or rolled_up)
        self.form.labelForField(self.judged).setVisible(quantified or rolled_up)
        if not (quantified or rolled_up):
            return
        reading = standing.reading if standing is not None else None
        status = status_labels()[str(standing.status)] if standing is not None else ""
        if rolled_up:
            if standing.progress is not None:
                status = f"{status} {standing.progress:.0%}"
            text = fill(self.tr("%1 — rolled up from the goals and measures below (as of %2)"), status,
                        model.judged_as_of.isoformat())
        elif reading is None:
            text = fill(self.tr("%1 — no actual yet (as of %2)"), status, model.judged_as_of.isoformat())
        else:
            target = self.tr("no target") if reading.target is None else number_text(reading.target)
            text = fill(self.tr("%1 — %2: %3 against %4 (as of %5)"), status, reading.label,
                        number_text(reading.actual), target, model.judged_as_of.isoformat())
        if model.judging:           # a big plan's statuses of the window's date are being worked out
            text += " " + fill(self.tr("Working out the status as of %1…"), model.as_of.isoformat())
        self.judged.setText(text)

    @staticmethod
    def _applies(kind: Kind, field: str) -> bool:
        if field in QUANTIFIED_ONLY:
            return kind in QUANTIFIED
        if field == "status":                 # goals and measures: judged from their numbers, not set
            return kind not in QUANTIFIED
        if field == "due_date":
            return kind in QUANTIFIED or kind is Kind.ACTION
        if field == "weight":
            return kind is not Kind.ACTION
        return True

    @staticmethod
    def _set(widget, field: str, value) -> None:
        if isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(0, widget.findData(str(value) if value is not None else "")))
        elif isinstance(widget, QDateEdit):
            widget.show_date(QDate.fromString(value, "yyyy-MM-dd") if value else NO_DATE)
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value or "")
        elif field in NUMBER_FIELDS:
            widget.setText(exact_text(value))           # every digit: what is typed back is the value stored
        else:
            widget.setText(value or "")

    def _value(self, field: str, node: Node):
        """The value typed in ``field`` for ``node``: a number on its scale read as its unit says (a per cent
        only for a measure in %)."""
        widget = self.widgets[field]
        if isinstance(widget, QComboBox):
            return widget.currentData()
        if isinstance(widget, QDateEdit):
            return "" if widget.date() == NO_DATE else widget.date().toString("yyyy-MM-dd")
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        if field in INTEGER_FIELDS:
            return parse_whole(widget.text(), *INTEGER_FIELDS[field], what=self.labels[field])
        if field in SCALE_FIELDS:
            return parse_amount(widget.text(), node.unit, node.code)
        if field in NUMBER_FIELDS:
            return parse_number(widget.text())
        return widget.text().strip()            # a one-line field: without the spaces around it (an input method's)

    # ----------------------------------------------------------------- committing
    def _typed(self, field: str) -> None:
        """The user changed ``field``: its value now belongs to the node shown, until committed."""
        if self.node is not None and field not in self._pending:
            self._pending[field] = self.node.id
            if len(self._pending) == 1:
                self.typing_changed.emit()

    @property
    def typing(self) -> bool:
        """A value is being typed (and not confirmed) in a field."""
        return bool(self._pending)

    def _chosen(self, field: str) -> None:
        """A choice made in one step (a list, the calendar): committed at once."""
        self._typed(field)
        self._commit(field)

    def _flush(self) -> None:
        """Commit what is still being typed to the node it was typed for (dropped when that node is gone)."""
        for field in list(self._pending):
            self._commit(field, follow=False)

    def _left(self, field: str) -> None:
        """``field`` says it was left: commit it — unless the keys only went to the menus (a menu opened over
        it, or the menu bar took them: Alt, Escape out of a menu). The typing then goes on when they come back,
        and is taken when they go elsewhere (:meth:`_focus_moved`) or by the command chosen, as from a
        shortcut or the toolbar."""
        focus = QApplication.focusWidget()
        if isinstance(focus, QMenuBar) or (isinstance(QApplication.activePopupWidget(), QMenu)
                                           and within(self.widgets[field], focus)):
            return
        self._commit(field)

    def typing_widget(self) -> QWidget | None:
        """The field being typed in (None: none)."""
        return next((self.widgets[f] for f in self._pending), None)

    def drop_typing(self) -> None:
        """Leave out what is typed in the fields (the window closes without it, as the user chose)."""
        self._pending.clear()

    def take_typing(self) -> None:
        """Commit what is typed in any field now, wherever the keys are."""
        for field in list(self._pending):
            self._commit(field)

    def _focus_moved(self, old: QWidget | None, new: QWidget | None) -> None:
        """The keys went from a field being typed in (or from the menu bar it lent them to) to anywhere but
        the menu bar: its typing is taken (a line edit says it was left once per value typed, and a menu
        opened over it may have had that)."""
        if not self._pending or isinstance(new, QMenuBar):
            return
        for field in list(self._pending):
            widget = self.widgets[field]
            if (isinstance(old, QMenuBar) or within(widget, old)) and not within(widget, new):
                self._commit(field)

    def _commit(self, field: str, follow: bool = True) -> None:
        """Commit ``field``'s typed value to its node. ``follow``: select that node afterwards (a commit
        made because the selection moved on does not pull the selection back)."""
        node_id, session = self._pending.pop(field, None), self.session
        if node_id is not None and not self._pending:
            self.typing_changed.emit()
        if node_id is None or session is None or node_id not in session.model.tree.nodes:
            return
        try:
            value, problem = self._value(field, session.model.tree.nodes[node_id]), None
        except NotInPercent as exc:
            value, problem = None, str(exc)
        except ValueProblem as exc:
            value, problem = None, str(exc) if field in INTEGER_FIELDS else self.tr(
                "%1 must be a number, not “%2”").replace("%1", self.labels[field]).replace("%2", self.widgets[field].text())
        self._write(session, node_id, field, value, problem, follow=follow)

    def _write(self, session: Session, node_id: int, field: str, value, problem: str | None, *, follow: bool) -> None:
        if session.changing:
            # the plan is changing under the field (its row going as an undo removes the node): the edit waits
            # until that change is over, and goes with the node if the node went
            QTimer.singleShot(0, self, lambda: self._write(session, node_id, field, value, problem, follow=False))
            return
        node = session.model.tree.nodes.get(node_id) if session is self.session else None
        if node is None:              # the node is gone, or another plan is shown: what was typed goes with it
            return
        if problem is None and value == getattr(node, field):
            return
        if problem is not None:
            session.refuse(problem)
        elif field == "unit" and not self._unit_over_numbers(session, node, value):
            pass                           # (left as it was: shown again below)
        else:
            text = self.tr("Edit %1 of %2").replace("%1", self.labels[field]).replace("%2", node.code)
            session.perform(text, lambda: session.plan.nodes.update(node_id, **{field: value}),
                            select=(lambda _r: node_id) if follow else None)
        if self.node is not None and self.node.id == node_id:
            self.show_node(node_id)        # what is stored (refused, cleaned or unchanged)

    def _unit_over_numbers(self, session: Session, node, unit: str) -> bool:
        """Whether to give ``node`` the unit ``unit``: asked when it holds numbers, which stay as they are, read in
        the new unit (770 元 becomes 770 万元) — a tester found it changed without a word."""
        periods = sum(1 for v in session.plan.actuals.values(node.id).values() if v[0] is not None or v[1] is not None)
        own = any(getattr(node, f) is not None for f in ("baseline", "target", "amber", "red"))
        if not periods and not own:
            return True                    # (comments alone are no numbers)
        answer = QMessageBox.question(
            self, self.tr("Change the unit"),
            fill(self.tr("The numbers of %1 — its target, baseline and thresholds, and %2 period value(s) — are in "
                         "%3. They stay as they are, read in %4 from now on: nothing is converted. Change the unit?"),
                 node.code, periods, node.unit or self.tr("no unit"), unit or self.tr("no unit")),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _on_changed(self, changes) -> None:
        if not changes.listed or any(e.action in ("create", "delete") or e.field in NAME_FIELDS
                                     for e in changes.entries):
            self._refresh_names()
        if self.node is not None:
            self.show_node(self.node.id if self.node.id in self.session.model.tree.nodes else None)
