"""The plan's own settings: its name, its calendar (the months its year runs over), how statuses are
judged (percentages of the period's target, the latest period or the quarter to date) and the alert
defaults (periods below target, grace days, the rules in use). Accepting gives the settings that
changed; the window applies them as one undoable, journaled change."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
)

from ...core.calendar import PlanCalendar, add_months
from ...core.fields import FIRST_YEAR, LAST_YEAR, ValueProblem
from ...core.model import ALERT_RULES
from ...core.plan_settings import MonitorSettings
from ...core.storage import Plan
from ..date_edit import DateEdit
from ..labels import rule_labels
from ..text import fill


def _month_edit(parent, key: str, name: str) -> QDateEdit:
    edit = DateEdit(QDate(int(key[:4]), int(key[5:7]), 1), parent)
    edit.setDisplayFormat("yyyy-MM")
    edit.setDateRange(QDate(FIRST_YEAR, 1, 1), QDate(LAST_YEAR, 12, 31))
    edit.setObjectName(name)
    return edit


def _month_of(edit: QDateEdit) -> str:
    day = edit.date()
    return f"{day.year():04d}-{day.month():02d}"


class PlanSettingsDialog(QDialog):
    def __init__(self, plan: Plan, parent=None, as_of: dt.date | None = None, owing: int = 0):
        """``owing``: how many goals and measures have periods of the plan year without an actual (the
        "no recent actual" alerts now): said when the year is switched, as their alerts stop."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Plan settings"))
        settings = MonitorSettings.of(plan)
        self._before = {"name": plan.meta.get("name") or "", **settings.settings()}
        calendar = settings.calendar_for(as_of or dt.date.today())
        self.name = QLineEdit(self._before["name"], self)
        self.name.setObjectName("planName")
        self.name.setPlaceholderText(plan.name)

        year = QGroupBox(self.tr("Plan year"), self)
        year_form = QFormLayout(year)
        self.first_month = _month_edit(year, calendar.start, "calendarStart")
        self.last_month = _month_edit(year, calendar.end, "calendarEnd")
        self.first_month.dateChanged.connect(self._follow_first_month)
        year_form.addRow(self.tr("First month"), self.first_month)
        year_form.addRow(self.tr("Last month"), self.last_month)
        self.calendar_note = QLabel(year)
        self.calendar_note.setWordWrap(True)
        self.calendar_note.setObjectName("calendarNote")
        self._unset = settings.calendar is None
        self._year_before, self._owing = calendar, owing
        year_form.addRow(self.calendar_note)
        self._say_calendar()

        judging = QGroupBox(self.tr("Status of goals and measures"), self)
        judging_form = QFormLayout(judging)
        self.amber = self._percent(judging, "amberPct", settings.amber_pct)
        self.red = self._percent(judging, "redPct", settings.red_pct)
        judging_form.addRow(self.tr("At risk below (% of the period's target)"), self.amber)
        judging_form.addRow(self.tr("Off track below (% of the period's target)"), self.red)
        self.basis = QComboBox(judging)
        self.basis.setObjectName("statusBasis")
        self.basis.addItem(self.tr("The latest period with a value"), "latest")
        self.basis.addItem(self.tr("The quarter to date"), "quarter")
        self.basis.setCurrentIndex(max(0, self.basis.findData(settings.basis)))
        judging_form.addRow(self.tr("The tree shows"), self.basis)
        self.mirror = QLabel(judging)
        self.mirror.setWordWrap(True)
        judging_form.addRow(self.mirror)
        self._show_mirror()

        self.streak = QSpinBox(self)
        self.streak.setObjectName("defaultStreak")
        self.streak.setRange(1, 52)
        self.streak.setValue(settings.streak)
        self.grace = QSpinBox(self)
        self.grace.setObjectName("graceDays")
        self.grace.setRange(0, 90)
        self.grace.setSuffix(self.tr(" day(s)"))
        self.grace.setValue(settings.grace_days)
        self.rules: dict[str, QCheckBox] = {}
        box = QGroupBox(self.tr("Alert rules in use (a measure can switch more off for itself)"), self)
        inner = QVBoxLayout(box)
        for rule, text in ((r, rule_labels()[r]) for r in ALERT_RULES):
            check = QCheckBox(text, box)
            check.setObjectName(f"rule_{rule}")
            check.setChecked(rule not in settings.off)
            self.rules[rule] = check
            inner.addWidget(check)
        form = QFormLayout()
        form.addRow(self.tr("Plan name"), self.name)
        alerts_form = QFormLayout()
        alerts_form.addRow(self.tr("Alert after N periods below target"), self.streak)
        alerts_form.addRow(self.tr("An actual is missing this long after its period ends"), self.grace)
        inner.addLayout(alerts_form)
        self.problem = QLabel(self)
        self.problem.setObjectName("settingsProblem")
        self.problem.setStyleSheet("color: #c62828")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(year)
        layout.addWidget(judging)
        layout.addWidget(box)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        for each in (form, alerts_form, year_form, judging_form):    # a long label keeps its field beside it
            each.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        # Wide enough for the longest label beside its field: the wrapped notes then take their true
        # height, and no row is squashed (at its narrowest the dialog overlapped its last two rows).
        self.setMinimumWidth(max(560, self.fontMetrics().averageCharWidth() * 72))
        self.resize(self.minimumWidth(), layout.totalHeightForWidth(self.minimumWidth()))
        for edit in (self.first_month, self.last_month):
            edit.dateChanged.connect(self._check)
        for spin in (self.amber, self.red):
            spin.valueChanged.connect(self._check)
            spin.valueChanged.connect(self._show_mirror)
        self._calendar_touched = False
        for edit in (self.first_month, self.last_month):
            edit.dateChanged.connect(self._touch_calendar)

    def _percent(self, parent, name: str, value: float) -> QDoubleSpinBox:
        spin = QDoubleSpinBox(parent)
        spin.setObjectName(name)
        spin.setRange(0.01, 100.0)
        spin.setDecimals(2)
        #: after a percentage in a number box: " %" in English, "%" (no space) in Chinese
        spin.setSuffix(self.tr(" %"))
        spin.setValue(value)
        return spin

    def _show_mirror(self) -> None:
        self.mirror.setText(fill(self.tr("Lower-is-better measures mirror the percentages (at risk above %1 %, "
                                         "off track above %2 %); a measure with its own amber and red values "
                                         "uses those."), f"{200 - self.amber.value():g}", f"{200 - self.red.value():g}"))

    def _touch_calendar(self) -> None:
        self._calendar_touched = True
        self._say_calendar()

    def _say_calendar(self) -> None:
        """What the plan year shown means: not set yet; or, switched to another, that the periods of the
        year left without an actual are no longer raised (alerts are of the plan year)."""
        start, end = _month_of(self.first_month), _month_of(self.last_month)
        if (start, end) != (self._year_before.start, self._year_before.end) and self._owing:
            self.calendar_note.setText(fill(self.tr(
                "Alerts follow the plan year: %n goal(s) and measure(s) with periods of %1 still without an actual "
                "will no longer be raised. Review that year first if it is not closed.", "", self._owing),
                self._year_before.label()))
        elif self._unset and not self._calendar_touched:
            self.calendar_note.setText(self.tr("Not set yet: the calendar year of the as-of date is used."))
        else:
            self.calendar_note.clear()

    def _follow_first_month(self) -> None:
        """A new first month keeps the year twelve months long (the last month can still be changed)."""
        self.last_month.setDate(self.first_month.date().addMonths(11))

    def _settings(self) -> MonitorSettings:
        """The settings as the dialog shows them; ValueProblem when they do not fit together."""
        if self.red.value() > self.amber.value():
            raise ValueProblem(self.tr("Off track must start below at risk."))
        start, end = _month_of(self.first_month), _month_of(self.last_month)
        if end < start or end > add_months(start, 35):
            raise ValueProblem(self.tr("The plan year must end after it starts, within three years."))
        touched = self._calendar_touched or self._before["calendar_start"] is not None
        off = frozenset(rule for rule, check in self.rules.items() if not check.isChecked())
        return MonitorSettings(self.streak.value(), off, self.grace.value(), self.amber.value(), self.red.value(),
                               self.basis.currentData(), PlanCalendar(start, end) if touched else None)

    def _check(self) -> None:
        try:
            self._settings()
        except ValueProblem as exc:
            self.problem.setText(str(exc))
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            return
        self.problem.clear()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)

    def changed_settings(self) -> dict[str, str | None]:
        """The settings the user changed, as stored (None: remove the setting)."""
        after = {"name": self.name.text().strip(), **self._settings().settings()}
        out = {key: value for key, value in after.items() if value != self._before[key]}
        if out.get("name") == "":
            out["name"] = None             # an empty name falls back to the file's name
        return out
