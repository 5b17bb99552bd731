"""The item model over the plan: drops refused while dragging, method warnings on their nodes."""

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt

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


class _Painted(QObject):
    """The regions the tree's viewport is asked to paint (a grab paints everything: it cannot tell)."""

    def __init__(self, viewport):
        super().__init__()
        self.regions = []
        viewport.installEventFilter(self)

    def eventFilter(self, _obj, event):
        if event.type() == QEvent.Type.Paint:
            self.regions.append(event.region())
        return False


def test_every_alert_at_once_repaints_what_is_shown_the_tree_keeps_its_place(window, qtbot, monkeypatch):
    """The big plan's alerts (or statuses) arriving for every node were a signal per parent, 25,000: the
    filter over the model mapped each parent named, holding the window up 1.2–3.3 s. A layout change
    instead made the filter map again every row shown and the tree lay them out again: with a status
    filter's matches expanded, 2–3 s at each answer. Under more than MANY_PARENTS parents, the rows shown
    are painted again, nothing laid out; the tree keeps what is expanded and chosen. An edit's rows keep a
    signal per parent, however many."""
    from ogsm_desktop.core.alerts import Alert
    from ogsm_desktop.gui.models import plan_model
    from tests.gui.helpers import wait_for_alerts

    wait_for_alerts(qtbot, window)
    model, proxy, view = window.session.model, window.proxy, window.tree_view
    monkeypatch.setattr(plan_model, "MANY_PARENTS", 2)
    window.select_node(node_id(window, "D1-S1-M1"))
    view.collapse(proxy.mapFromSource(model.index_of(node_id(window, "D2"))))
    expanded = [i for i in model.tree.nodes if view.isExpanded(proxy.mapFromSource(model.index_of(i)))]
    status = COLUMNS.index("status")
    shown = view.viewport().rect()
    quiet = next(i for i, n in model.tree.nodes.items() if n.kind == "measure" and i not in model.alerts
                 and shown.contains(view.visualRect(proxy.mapFromSource(model.index_of(i, status)))))
    quiet_rect = view.visualRect(proxy.mapFromSource(model.index_of(quiet, status)))
    qtbot.wait(20)
    painted = _Painted(view.viewport())
    said = {"data": [], "layout": 0}
    model.dataChanged.connect(lambda a, b, roles: said["data"].append(a.parent()))
    model.layoutChanged.connect(lambda *_: said.__setitem__("layout", said["layout"] + 1))
    proxy.layoutChanged.connect(lambda *_: said.__setitem__("layout", said["layout"] + 1))
    every = {i: [Alert(n, "stale", "2026-10", {"due": "2026-10", "latest": None})]
             for i, n in model.tree.nodes.items() if n.kind == "measure"}
    model.set_alerts(every)
    assert said == {"data": [], "layout": 0}
    qtbot.waitUntil(lambda: any(r.contains(quiet_rect) for r in painted.regions))   # the new alert mark painted
    assert model.index_of(quiet, status).data(Qt.ItemDataRole.DecorationRole) is not None
    assert [i for i in model.tree.nodes if view.isExpanded(proxy.mapFromSource(model.index_of(i)))] == expanded
    assert node_id(window, "D2") not in expanded and expanded
    assert window.current_node().code == "D1-S1-M1"
    model.set_alerts({quiet: []}, [quiet])                    # one node: its row
    assert said["layout"] == 0 and len(said["data"]) == 1
    measures = [n for n in model.tree.nodes.values() if n.kind == "measure"]
    assert len({n.parent_id for n in measures}) > plan_model.MANY_PARENTS

    def retitle():
        for n in measures:
            window.session.plan.nodes.update(n.id, title=n.title + " ·")
    assert window.session.perform("retitle", retitle)
    assert said["layout"] == 0 and len(said["data"]) > 3       # an edit: a signal per parent
    assert model.index_of(measures[0].id).data() == measures[0].title + " ·"


def test_the_status_column_shows_every_status_whole(window):
    """The Status column was 90 pixels wide: "not started" beside its two marks was cut to "not st…"."""
    from ogsm_desktop.gui import marks
    from ogsm_desktop.gui.labels import status_labels

    header, metrics = window.tree_view.header(), window.tree_view.fontMetrics()
    width = header.sectionSize(COLUMNS.index("status"))
    assert "not started" in status_labels().values()
    for label in status_labels().values():
        assert metrics.horizontalAdvance(label) + 2 * marks.MARK + 8 <= width, label


def test_threshold_warnings_follow_the_plans_percentages(window, qtbot):
    """Found in review: a measure's own threshold is checked with the plan's percentage for the other, so
    the warning depends on the plan settings; changing them (and undoing it) now checks the measure again."""
    from PySide6.QtWidgets import QDoubleSpinBox

    from ogsm_desktop.gui.dialogs.plan_settings_dialog import PlanSettingsDialog
    from tests.gui.conftest import answer_dialog
    from tests.gui.helpers import select, type_into

    model = window.session.model
    rules = lambda: [w.rule for w in model.warnings(node_id(window, "C-S1-M2"))]     # noqa: E731
    assert "thresholds-side" not in rules()
    select(window, "C-S1-M2")
    type_into(qtbot, window.detail.widgets["amber"], "100")    # far below the plan's red (90 % of each target)
    assert "thresholds-side" in rules()
    tip = model.index_of(node_id(window, "C-S1-M2")).data(Qt.ItemDataRole.ToolTipRole)
    assert "never read at risk" in tip and "(90% of the target 15,000)" in tip

    def lenient(dialog):
        dialog.findChild(QDoubleSpinBox, "redPct").setValue(0)
        dialog.findChild(QDoubleSpinBox, "amberPct").setValue(50)
        dialog.accept()

    answer_dialog(lenient, PlanSettingsDialog)
    window.action("planSettings").trigger()
    assert "thresholds-side" not in rules()                   # red at 0.01 % of a month's target: below 100
    window.undo_action.trigger()
    assert "thresholds-side" in rules()


def test_threshold_warnings_follow_the_targets_typed_for_a_period(window, qtbot):
    """A measure's own thresholds are checked against each period's target: a target typed in the Numbers
    panel below the at-risk limit makes the warning appear at once, and its undo takes it away."""
    from tests.gui.helpers import select, type_into
    from tests.gui.panels.test_numbers_panel import type_cell

    model = window.session.model
    rules = lambda: [w.rule for w in model.warnings(node_id(window, "C-S1-M2"))]     # noqa: E731
    select(window, "C-S1-M2")
    type_into(qtbot, window.detail.widgets["amber"], "14500")
    type_into(qtbot, window.detail.widgets["red"], "14000")      # below every month's target (15,000 and up)
    assert "thresholds-side" not in rules()
    type_cell(qtbot, window, "2026-11", "target", "14,000")
    assert "thresholds-side" in rules()
    assert "at-risk limit 14,500 is not beyond its target 14,000" in \
        model.index_of(node_id(window, "C-S1-M2")).data(Qt.ItemDataRole.ToolTipRole)
    window.undo_action.trigger()
    assert "thresholds-side" not in rules()
