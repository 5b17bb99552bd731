"""The plan's settings: alert defaults, one undoable change."""

import datetime as dt

from ogsm_desktop.core.storage import Plan
from tests.gui.helpers import node_id, wait_for_alerts


def test_plan_wide_alert_defaults(window, qtbot, demo_path):
    from PySide6.QtWidgets import QCheckBox, QSpinBox

    from ogsm_desktop.gui.dialogs.plan_settings_dialog import PlanSettingsDialog
    from tests.gui.conftest import answer_dialog

    wait_for_alerts(qtbot, window)
    m2 = node_id(window, "C-S1-M2")

    def fill(dialog):
        dialog.findChild(QSpinBox, "defaultStreak").setValue(3)
        dialog.findChild(QCheckBox, "rule_stale").setChecked(False)
        dialog.accept()

    answer_dialog(fill, PlanSettingsDialog)
    window.action("planSettings").trigger()
    assert window.session.plan.meta.get("alert_streak") == "3"
    assert window.session.plan.meta.get("alerts_off") == "stale"
    wait_for_alerts(qtbot, window)                                # evaluated again on the worker
    assert "below_target" not in [a.rule for a in window.session.model.alerts.get(m2, [])]   # two in a row only
    assert not any(a.rule == "stale" for found in window.session.model.alerts.values() for a in found)
    window.undo_action.trigger()                           # plan settings undo like any other change
    assert window.session.plan.meta.get("alert_streak") is None
    wait_for_alerts(qtbot, window)
    assert [a.rule for a in window.session.model.alerts[m2]] == ["below_target", "red", "forecast"]
    with Plan.open(demo_path, readonly=True) as plan:
        assert [b.kind for b in plan.journal.batches()[-2:]] == ["edit", "undo"]


def test_the_plan_name_is_a_setting_like_any_other(window, qtbot):
    from PySide6.QtWidgets import QLineEdit

    from ogsm_desktop.gui.dialogs.plan_settings_dialog import PlanSettingsDialog
    from tests.gui.conftest import answer_dialog

    def rename(dialog):
        dialog.findChild(QLineEdit, "planName").setText("京东汽车 OGSM 2027")
        dialog.accept()

    answer_dialog(rename, PlanSettingsDialog)
    window.action("planSettings").trigger()
    assert window.windowTitle().startswith("京东汽车 OGSM 2027 — demo.ogsm[*]")
    assert window.undo_action.text() == "&Undo Change the plan settings"
    window.undo_action.trigger()
    assert window.windowTitle().startswith("京东新能源汽车 OGSM 2026 — demo.ogsm[*]")


def test_how_statuses_are_judged_is_set_in_the_plan_settings_and_undone(window, qtbot):
    from PySide6.QtWidgets import QComboBox, QDoubleSpinBox

    from ogsm_desktop.gui.dialogs.plan_settings_dialog import PlanSettingsDialog
    from tests.gui.conftest import answer_dialog
    from tests.gui.controllers.test_excel import code_index

    status = lambda: code_index(window, "C-S1-M2").siblingAtColumn(4).data()     # noqa: E731
    assert status() == "off track"                        # October: 17,600 is 82 % of 21,500

    def lenient(dialog):
        dialog.findChild(QDoubleSpinBox, "redPct").setValue(80)
        dialog.findChild(QDoubleSpinBox, "amberPct").setValue(85)
        basis = dialog.findChild(QComboBox, "statusBasis")
        basis.setCurrentIndex(basis.findData("quarter"))
        dialog.accept()

    answer_dialog(lenient, PlanSettingsDialog)
    window.action("planSettings").trigger()
    meta = window.session.plan.meta
    assert (meta.get("red_pct"), meta.get("amber_pct"), meta.get("status_basis")) == ("80", "85", "quarter")
    assert status() == "at risk"                          # Q4 to date: still October, 82 % ≥ 80 %
    window.undo_action.trigger()
    assert status() == "off track" and meta.get("red_pct") is None


def test_the_dialog_refuses_red_above_amber(window):
    from PySide6.QtWidgets import QDialogButtonBox, QDoubleSpinBox

    from ogsm_desktop.gui.dialogs.plan_settings_dialog import PlanSettingsDialog

    dialog = PlanSettingsDialog(window.session.plan, window)
    dialog.findChild(QDoubleSpinBox, "redPct").setValue(97)
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert "below at risk" in dialog.problem.text()
    dialog.deleteLater()


def test_switching_the_plan_year_says_the_periods_left_without_an_actual_stop_being_raised(window, qtbot):
    """Found by a tester: switching the plan year to 2027 silenced 2026's open "no actual" alerts without a
    word. The dialog says how many goals and measures are left so, once the year shown is another."""
    import datetime as dt

    from PySide6.QtWidgets import QLabel

    from ogsm_desktop.gui.dialogs.plan_settings_dialog import PlanSettingsDialog
    from tests.gui.conftest import answer_dialog

    window.set_as_of(dt.date(2026, 12, 20))
    wait_for_alerts(qtbot, window)
    owing = sum(1 for found in window.session.model.alerts.values() if any(a.rule == "stale" for a in found))
    assert owing > 10
    seen = {}

    def switch(dialog):
        note = dialog.findChild(QLabel, "calendarNote")
        seen["before"] = note.text()
        dialog.first_month.setDate(dialog.first_month.date().addYears(1))
        seen["after"] = note.text()
        dialog.first_month.setDate(dialog.first_month.date().addYears(-1))
        seen["back"] = note.text()
        dialog.reject()

    answer_dialog(switch, PlanSettingsDialog)
    window.action("planSettings").trigger()
    assert seen["before"] == seen["back"] == ""
    assert seen["after"] == (f"Alerts follow the plan year: {owing} goal(s) and measure(s) with periods of 2026-01 … "
                             "2026-12 still without an actual will no longer be raised. Review that year first if "
                             "it is not closed.")


def test_moving_the_plan_year_judges_every_status_again_for_the_new_year(window, qtbot):
    """Reported by a tester: after the plan year moved (2026 → 2027), the tree went on showing the statuses
    and progress worked out for 2026. Every status and progress is worked out again at once: the tree shows
    what the plan opened afresh shows, for a year moved to 2027 (the same statuses: the as-of date, not the
    plan year, says which periods are judged) and for a year that now starts in April (other years to date);
    undone, the year before's come back."""
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QDateEdit

    from ogsm_desktop.gui.dialogs.plan_settings_dialog import PlanSettingsDialog
    from ogsm_desktop.gui.models.plan_model import COLUMNS, PlanModel
    from tests.gui.conftest import answer_dialog

    model = window.session.model

    def shown(model):
        return {n.code: tuple(model.index_of(n.id, COLUMNS.index(c)).data() for c in ("status", "progress"))
                for n in model.tree.nodes.values()}

    def as_opened():
        return shown(PlanModel(window.session.plan, as_of=model.as_of))

    def move_year(first, last):
        def fill(dialog):
            dialog.findChild(QDateEdit, "calendarStart").setDate(first)
            dialog.findChild(QDateEdit, "calendarEnd").setDate(last)
            dialog.accept()
        answer_dialog(fill, PlanSettingsDialog)
        window.action("planSettings").trigger()

    model.set_as_of(dt.date(2027, 2, 15))                      # the new year has begun
    in_2026 = shown(model)
    move_year(QDate(2027, 1, 1), QDate(2027, 12, 1))
    assert window.session.plan.meta.get("calendar_start") == "2027-01"
    assert shown(model) == as_opened()
    move_year(QDate(2026, 4, 1), QDate(2027, 3, 1))           # a year from April: other years to date
    assert window.session.plan.meta.get("calendar_start") == "2026-04"
    from_april = as_opened()
    assert from_april != in_2026
    assert shown(model) == from_april
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert window.session.plan.meta.get("calendar_start") == "2026-01"
    assert shown(model) == in_2026
