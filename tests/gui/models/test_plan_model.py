"""The item model over the plan: drops refused while dragging, method warnings on their nodes."""

from PySide6.QtCore import QModelIndex, Qt

from ogsm_desktop.gui.models.plan_model import COLUMNS
from tests.gui.helpers import node_id
from tests.helpers import file_digest


def test_drag_and_drop_moves_and_refuses_while_dragging(window, messages, demo_path):
    model, proxy = window.session.model, window.proxy
    move = Qt.DropAction.MoveAction
    d2 = model.index_of(node_id(window, "D2"))
    s1 = model.index_of(node_id(window, "C-S1"))
    assert model.canDropMimeData(model.mimeData([d2]), move, -1, 0, s1)
    assert not model.dropMimeData(model.mimeData([d2]), move, -1, 0, s1)     # the move arrives from the plan
    assert model.tree.nodes[node_id(window, "D2")].parent_id == node_id(window, "C-S1")
    digest = file_digest(demo_path)
    measure = model.index_of(node_id(window, "C-S1-M1"))
    goal = model.index_of(node_id(window, "C-G1"))
    d1 = model.index_of(node_id(window, "D1"))
    for dragged, target in ((measure, goal), (s1, d1), (goal, s1)):   # a goal holds nothing; own subtree; grammar
        data = model.mimeData([dragged])
        assert not model.canDropMimeData(data, move, -1, 0, target)
        assert not proxy.canDropMimeData(data, move, -1, 0, proxy.mapFromSource(target))   # what the view asks
        assert not model.dropMimeData(data, move, -1, 0, target)
    assert model.canDropMimeData(model.mimeData([measure]), move, 0, 0, model.index_of(node_id(window, "C-S2")))
    assert not model.canDropMimeData(model.mimeData([measure]), move, 0, 0, QModelIndex())   # not at the top
    assert model.tree.nodes[node_id(window, "C-S1-M1")].parent_id == node_id(window, "C-S1")
    assert messages.texts() == []                          # refused while dragging: no message box afterwards
    assert file_digest(demo_path) == digest


def test_method_warnings_show_on_their_nodes(window, qtbot):
    model = window.session.model
    assert [w.rule for w in model.warnings(node_id(window, "P1"))] == ["goals-count", "strategies-count"]
    assert model.warnings(node_id(window, "D1")) == []
    tip = model.index_of(node_id(window, "P1")).data(Qt.ItemDataRole.ToolTipRole)
    assert "the method advises 3–5" in tip
    assert model.index_of(node_id(window, "P1"), COLUMNS.index("code")).data(Qt.ItemDataRole.DecorationRole)
