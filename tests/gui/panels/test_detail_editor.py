"""The detail editor: typed values, the reason they carry, refusals explained, alert settings."""

from tests.gui.helpers import batches, node_id, select, type_into, wait_for_alerts


def test_edit_carries_the_reason(window, qtbot, demo_path):
    type_into(qtbot, window.reason_field, "季度复盘：目标上调")
    select(window, "C-G1")
    type_into(qtbot, window.detail.widgets["target"], "120000")
    assert batches(demo_path)[-1] == ("edit", "季度复盘：目标上调")


def test_a_refused_value_is_explained_and_the_stored_value_shown(window, qtbot, messages):
    select(window, "C-S1-M1")
    type_into(qtbot, window.detail.widgets["code"], "C-S1-M2")
    qtbot.waitUntil(lambda: any("already used by 试驾预约量" in t for t in messages.texts("warning")))
    assert window.detail.widgets["code"].text() == "C-S1-M1"
    type_into(qtbot, window.detail.widgets["target"], "lots")
    assert any("must be a number" in t for t in messages.texts("warning"))


def test_alert_settings_in_the_detail_editor(window, qtbot):
    wait_for_alerts(qtbot, window)
    m2 = node_id(window, "C-S1-M2")
    window.select_node(m2)
    field = window.detail.widgets["streak"]
    field.setFocus()
    field.setText("3")
    field.editingFinished.emit()
    assert window.session.model.tree.nodes[m2].streak == 3
    assert m2 not in window.session.model.alerts            # two periods below target no longer alert


def test_the_editor_reads_numbers_as_the_import_does(window, qtbot, messages):
    """The editor refused "−5" (a Unicode minus) that the import took: both read through core.fields now."""
    select(window, "C-S3-M2")
    for text, number in (("−5", -5.0), ("１２，３４５", 12345.0), ("7.5%", 7.5)):
        type_into(qtbot, window.detail.widgets["baseline"], text)
        assert window.session.model.tree.nodes[node_id(window, "C-S3-M2")].baseline == number
    type_into(qtbot, window.detail.widgets["streak"], "2.5")
    qtbot.waitUntil(lambda: bool(messages.texts("warning")))
    assert "must be a whole number" in messages.texts("warning")[0]
    assert window.detail.widgets["streak"].text() == ""                    # the stored value is shown again
