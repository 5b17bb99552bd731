"""The history panel: the plan's batches, and one node's changes with old, new and why."""

import pytest

from tests.gui.helpers import select


def test_history_panel_lists_plan_and_node_changes(window, qtbot):
    select(window, "C-S2-M2")
    window.history.only_node.setChecked(True)
    rows = window.history.model.rows
    assert any(r[3] == "target" and r[4] == "400" and r[5] == "200" and "换电站建设进度滞后" in r[6] for r in rows)
    assert any(r[3] == "actual 2026-10" for r in rows)
    window.history.only_node.setChecked(False)
    kinds = [r[2] for r in window.history.model.rows]
    assert kinds[:3] == ["import", "version", "edit"]


def _import_direction(window, tmp_path, word):
    from ogsm_desktop.core.excel import importer
    from tests.helpers import write_xlsx

    path = write_xlsx(tmp_path / "measures.xlsx", {"Measures": [["Code", "Title", "Target", "Direction"],
                                                                ["C-S1-M1", "线上试驾转化率", None, word]]})
    preview = importer.analyse(window.session.plan, path)
    assert preview.ok, preview.problems
    window.session.adopt("import", importer.apply(window.session.plan, preview, "measures.xlsx"))


@pytest.mark.parametrize(("language", "field", "old", "new"), [
    ("en", "direction", "higher is better", "lower is better"),
    ("zh_CN", "方向", "越高越好", "越低越好")])
def test_a_changed_choice_is_shown_in_words_of_the_language(qapp, settings, demo_path, qtbot, messages, tmp_path,
                                                            language, field, old, new):
    """Found by a user: after a Measures sheet changed a measure's direction, its history said
    "direction: higher → lower" — the stored values, in English even in the Chinese window."""
    from ogsm_desktop.gui.i18n import install
    from ogsm_desktop.gui.main_window import MainWindow

    install(qapp, language)
    try:
        window = MainWindow(settings)
        qtbot.addWidget(window)
        window.show()
        assert window.open_plan(demo_path)
        _import_direction(window, tmp_path, "lower")
        select(window, "C-S1-M1")
        window.history.only_node.setChecked(True)
        assert window.history.model.rows[0][2:6] == ("C-S1-M1", field, old, new)
        window.close()
    finally:
        install(qapp, "en")


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_plan_setting_is_named_by_its_label(qapp, settings, demo_path, qtbot, messages, tmp_path, language):
    """Found by a user: exporting a workbook gave the plan its identity, and the history said
    "计划设置：plan_id" — the key the plan file keeps it under."""
    from ogsm_desktop.gui.i18n import install
    from ogsm_desktop.gui.main_window import MainWindow

    install(qapp, language)
    try:
        window = MainWindow(settings)
        qtbot.addWidget(window)
        window.show()
        assert window.open_plan(demo_path)
        assert window.excel.export_excel(str(tmp_path / "out.xlsx"))
        what = window.history.model.rows[0][4]
        assert "plan_id" not in what
        if language == "en":
            assert what == "plan settings: plan identity"
        window.close()
    finally:
        install(qapp, "en")
