"""The history panel: the plan's batches, and one node's changes with old, new and why."""

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
