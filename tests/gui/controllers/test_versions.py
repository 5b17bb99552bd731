"""Versions in the window: save (reason required), compare two states, restore and undo the restore."""

from PySide6.QtWidgets import QDialogButtonBox

from ogsm_desktop.core.storage import Plan
from tests.gui.conftest import answer_dialog
from tests.gui.helpers import batches, select, type_into, visible_codes


def test_save_version_compare_restore(window, qtbot, demo_path):
    select(window, "C-S3-M2")
    type_into(qtbot, window.detail.widgets["target"], "750")

    def save(dialog):
        rows = [dialog.diff.topLevelItem(i) for i in range(dialog.diff.topLevelItemCount())]
        m2 = next(it for it in rows if it.text(1) == "C-S3-M2")              # the edit just made, old → new
        assert (m2.text(0), m2.child(0).text(3), m2.child(0).text(4), m2.child(0).text(5)) == (
            "changed", "target", "800", "750")
        assert dialog.summary.text().startswith("Changes since version “服务网络调整”: 0 added, 0 removed, 0 moved, 1 changed")
        button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
        assert not button.isEnabled()                                       # the reason is required
        dialog.name.setText("Q4 复盘")
        dialog.reason.setPlainText("获客成本目标下调")
        assert button.isEnabled()
        button.click()

    answer_dialog(save)
    window.action("saveVersion").trigger()
    with Plan.open(demo_path, readonly=True) as plan:
        assert [v.name for v in plan.versions.all()][-1] == "Q4 复盘"

    seen = {}

    def compare(dialog):
        dialog.combo_a.setCurrentIndex(dialog.combo_a.findData("2026年度计划"))
        dialog.combo_b.setCurrentIndex(dialog.combo_b.findData("Q4 复盘"))
        items = [dialog.diff.topLevelItem(i) for i in range(dialog.diff.topLevelItemCount())]
        seen["rows"] = {(it.text(0), it.text(1)) for it in items}
        seen["summary"] = dialog.summary.text()
        m2 = next(it for it in items if it.text(1) == "C-S2-M2")
        seen["m2"] = (m2.child(0).text(3), m2.child(0).text(4), m2.child(0).text(5), m2.text(6))
        dialog.reject()

    answer_dialog(compare)
    window.action("compare").trigger()
    assert {("added", "C-S2-M3"), ("changed", "C-S3-M2")} <= seen["rows"]
    assert seen["m2"] == ("target", "400", "200", "rolls up into C-S2 → C")
    assert seen["summary"].startswith("2 added, 0 removed, 0 moved, 4 changed")

    def restore(dialog):
        dialog.version.setCurrentIndex(dialog.version.findData("2026年度计划"))
        dialog.reason.setText("回到年初计划")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    answer_dialog(restore)
    window.action("restore").trigger()
    assert "C-S2-M3" not in visible_codes(window)
    assert batches(demo_path)[-1] == ("restore", "回到年初计划 (restored version “2026年度计划”)")
    window.undo_action.trigger()
    assert "C-S2-M3" in visible_codes(window)


def test_the_restore_dialog_says_which_numbers_stay(window, qtbot, demo_path):
    seen = {}

    def restore(dialog):
        dialog.version.setCurrentIndex(dialog.version.findData("服务网络调整"))
        seen["kept"] = dialog.kept.text()
        dialog.numbers.setChecked(True)
        seen["with numbers"] = dialog.kept.text()
        dialog.numbers.setChecked(False)
        dialog.reason.setText("回到调整后")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    answer_dialog(restore)
    window.action("restore").trigger()
    assert "26 actual value(s) recorded since stay as they are" in seen["kept"]
    assert seen["with numbers"] == ""
    with Plan.open(demo_path, readonly=True) as plan:
        assert "2026-10" in {a.period for a in plan.actuals.of(plan.nodes.by_code("C-S1-M2").id)}


def test_compare_says_each_reason_once(window, qtbot, demo_path):
    """Found by a tester: five changes made with one reason showed “Why: 2026-12-04 root: 12月调整” five
    times over."""
    from ogsm_desktop.gui.dialogs.version_dialogs import CompareDialog

    type_into(qtbot, window.reason_field, "12月调整")
    for code, target in (("C-S3-M2", "750"), ("C-S2-M2", "190"), ("C-S1-M1", "8.5")):
        select(window, code)
        type_into(qtbot, window.detail.widgets["target"], target)
    with Plan.open(demo_path, readonly=True) as plan:
        dialog = CompareDialog(plan, window, a="服务网络调整")
        assert dialog.reasons.text().count("12月调整") == 1
        dialog.close()
