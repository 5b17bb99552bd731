"""Undo as a journaled revert of a batch: nodes, subtrees, actuals and settings come back; a revert
refuses, writing nothing, when what it would undo was changed since."""

import pytest

from ogsm_desktop.core import versions as ver
from ogsm_desktop.core.errors import PlanError
from ogsm_desktop.core.model import Kind


def test_revert_batch_undoes_and_redoes_an_edit(demo_plan):
    s1 = demo_plan.nodes.by_code("C-S1")
    with demo_plan.batch("edit", "rename") as edit:
        demo_plan.nodes.update(s1.id, title="新标题")
    undo = demo_plan.revert_batch(edit.batch_id, "undo: rename")
    assert demo_plan.nodes.get(s1.id).title == "联合车企推出定制车型"
    demo_plan.revert_batch(undo.batch_id, "redo: rename", kind="redo")
    assert demo_plan.nodes.get(s1.id).title == "新标题"
    kinds = [b.kind for b in demo_plan.journal.batches()[-3:]]
    assert kinds == ["edit", "undo", "redo"]


def test_revert_restores_a_deleted_subtree_with_ids_codes_and_actuals(demo_plan):
    m2 = demo_plan.nodes.by_code("C-S1-M2")
    before = demo_plan.actuals.of(m2.id)
    with demo_plan.batch() as deleted:
        demo_plan.nodes.delete(demo_plan.nodes.by_code("C-S1").id)
    demo_plan.revert_batch(deleted.batch_id, "undo: delete")
    assert demo_plan.nodes.by_code("C-S1-M2").id == m2.id
    assert demo_plan.actuals.of(m2.id) == before
    assert demo_plan.actuals.latest()[m2.id].period == "2026-10"
    assert [n.code for n in demo_plan.nodes.children(demo_plan.nodes.by_code("C").id)][3:] == ["C-S1", "C-S2", "C-S3"]


def test_revert_of_an_add_removes_the_node_and_redo_brings_the_same_code(demo_plan):
    with demo_plan.batch() as added:
        node = demo_plan.nodes.add(demo_plan.nodes.by_code("C-S1").id, Kind.ACTION, title="新行动")
    undo = demo_plan.revert_batch(added.batch_id, "undo")
    with pytest.raises(PlanError):
        demo_plan.nodes.get(node.id)
    demo_plan.revert_batch(undo.batch_id, "redo", kind="redo")
    assert demo_plan.nodes.get(node.id).code == node.code


def test_revert_of_actuals(demo_plan):
    m = demo_plan.nodes.by_code("C-S1-M1")
    with demo_plan.batch("import") as written:
        demo_plan.actuals.write([(m.id, "2026-10", 9.5, 8.0, "更正"), (m.id, "2026-11", 9.0, 8.0, "")])
    demo_plan.revert_batch(written.batch_id, "undo import")
    assert [(a.period, a.actual) for a in demo_plan.actuals.of(m.id)][-1] == ("2026-10", 8.9)


def test_revert_refuses_when_changed_since_and_writes_nothing(demo_plan):
    s1 = demo_plan.nodes.by_code("C-S1")
    with demo_plan.batch() as first:
        demo_plan.nodes.update(s1.id, title="A")
    demo_plan.nodes.update(s1.id, title="B")
    last = demo_plan.journal.last_batch_id()
    with pytest.raises(PlanError, match="C-S1 .title. was changed after it"):
        demo_plan.revert_batch(first.batch_id, "undo")
    assert demo_plan.journal.last_batch_id() == last and demo_plan.nodes.get(s1.id).title == "B"


def test_undoing_an_add_refuses_when_nodes_were_added_below_it_since(demo_plan):
    """Undoing the add removed the node alone and left what was added below it since without a parent (a
    comparison of versions then failed with a KeyError)."""
    with demo_plan.batch() as added:
        node = demo_plan.nodes.add(demo_plan.nodes.by_code("C").id, Kind.STRATEGY, title="新策略")
    below = demo_plan.nodes.add(node.id, Kind.MEASURE, title="新衡量")
    last = demo_plan.journal.last_batch_id()
    with pytest.raises(PlanError, match=f"{node.code} was changed after it"):
        demo_plan.revert_batch(added.batch_id, "undo")
    assert demo_plan.journal.last_batch_id() == last
    assert demo_plan.nodes.get(below.id).parent_id == node.id
    tree = demo_plan.nodes.tree()
    assert all(n.parent_id is None or n.parent_id in tree.nodes for n in tree.nodes.values())


@pytest.mark.parametrize("what", ["move", "delete"])
def test_undoing_a_move_or_a_delete_refuses_when_the_node_it_was_under_was_removed_since(demo_plan, what):
    """The node came back under a parent that is gone: a plan file that no longer opened."""
    s1 = demo_plan.nodes.by_code("C-S1")
    node = demo_plan.nodes.children(s1.id)[-1]
    with demo_plan.batch() as first:
        if what == "move":
            demo_plan.nodes.move(node.id, demo_plan.nodes.by_code("C-S2").id)
        else:
            demo_plan.nodes.delete(node.id)
    demo_plan.nodes.delete(s1.id)
    last = demo_plan.journal.last_batch_id()
    with pytest.raises(PlanError, match=f"{node.code}.* was changed after it"):
        demo_plan.revert_batch(first.batch_id, "undo")
    assert demo_plan.journal.last_batch_id() == last
    tree = demo_plan.nodes.tree()
    assert all(n.parent_id is None or n.parent_id in tree.nodes for n in tree.nodes.values())


def test_a_row_with_nodes_below_it_is_never_removed_alone(demo_plan):
    strategy = demo_plan.nodes.by_code("C-S1")
    with pytest.raises(PlanError, match="C-S1"), demo_plan.batch():
        demo_plan.nodes.delete_row(strategy)
    assert demo_plan.nodes.get(strategy.id).title == strategy.title


def test_restore_is_undoable_as_one_batch(demo_plan):
    with demo_plan.batch("restore") as restored:
        ver.restore(demo_plan, "2026年度计划", "回到基线")
    demo_plan.revert_batch(restored.batch_id, "undo restore")
    assert ver.compare(demo_plan, ver.resolve(demo_plan, "服务网络调整"), ver.resolve(demo_plan, "now")).nodes == []


def test_undoing_two_imports_of_one_value_in_turn_brings_the_first_value_back(demo_plan):
    """Undo, undo: the second undo finds the value the first one put back (a new row with the same value)."""
    m = demo_plan.nodes.by_code("C-S1-M1")
    original = demo_plan.actuals.of(m.id)
    batches = []
    for actual in (9.5, 9.9):
        with demo_plan.batch("import") as written:
            demo_plan.actuals.write([(m.id, "2026-10", actual, 8.0, "")])
        batches.append(written.batch_id)
    redo = demo_plan.revert_batch(batches[1], "undo second")
    demo_plan.revert_batch(batches[0], "undo first")
    assert demo_plan.actuals.of(m.id) == original
    # and forward again: redo the first, then the redo of the second finds its value
    again = demo_plan.revert_batch(demo_plan.journal.last_batch_id(), "redo first", kind="redo")
    assert again.batch_id is not None
    demo_plan.revert_batch(redo.batch_id, "redo second", kind="redo")
    assert [(a.period, a.actual) for a in demo_plan.actuals.of(m.id)][-1] == ("2026-10", 9.9)


def test_undoing_an_import_whose_value_was_changed_since_is_refused(demo_plan):
    m = demo_plan.nodes.by_code("C-S1-M1")
    with demo_plan.batch("import") as first:
        demo_plan.actuals.write([(m.id, "2026-10", 9.5, 8.0, "")])
    with demo_plan.batch("import"):
        demo_plan.actuals.write([(m.id, "2026-10", 9.9, 8.0, "")])
    last = demo_plan.journal.last_batch_id()
    with pytest.raises(PlanError, match="changed after it"):
        demo_plan.revert_batch(first.batch_id, "undo")
    assert demo_plan.journal.last_batch_id() == last
    assert [(a.period, a.actual) for a in demo_plan.actuals.of(m.id)][-1] == ("2026-10", 9.9)


def test_undoing_a_removal_refuses_when_a_value_was_recorded_there_since(demo_plan):
    m = demo_plan.nodes.by_code("C-S1-M1")
    with demo_plan.batch("edit") as removed:
        demo_plan.actuals.restore_values({(m.id, "2026-10"): None})
    with demo_plan.batch("import"):
        demo_plan.actuals.write([(m.id, "2026-10", 7.0, 8.0, "")])
    with pytest.raises(PlanError, match="changed after it"):
        demo_plan.revert_batch(removed.batch_id, "undo")
    assert [(a.period, a.actual) for a in demo_plan.actuals.of(m.id)][-1] == ("2026-10", 7.0)


def test_undoing_the_add_of_a_measure_that_holds_numbers_since_refuses(demo_plan):
    """Undoing an older batch that added a measure deleted it and left the numbers recorded for it since
    without their node: the plan then refused to open. Now the undo refuses and writes nothing."""
    with demo_plan.batch("edit", "add a measure") as added:
        node = demo_plan.nodes.add(demo_plan.nodes.by_code("C-S1").id, Kind.MEASURE, title="新指标")
    demo_plan.actuals.write([(node.id, "2026-10", 5.0, 6.0, "")])
    last = demo_plan.journal.last_batch_id()
    with pytest.raises(PlanError, match="numbers were recorded for C-S1-M3 after it"):
        demo_plan.revert_batch(added.batch_id, "undo the add")
    assert demo_plan.journal.last_batch_id() == last and demo_plan.nodes.get(node.id).title == "新指标"
    assert [a.actual for a in demo_plan.actuals.of(node.id)] == [5.0]


def test_undoing_an_add_with_its_own_numbers_removes_both(demo_plan):
    """An import that added a measure and its numbers in one batch is undone whole."""
    with demo_plan.batch("import", "one batch") as added:
        node = demo_plan.nodes.add(demo_plan.nodes.by_code("C-S1").id, Kind.MEASURE, title="新指标")
        demo_plan.actuals.write([(node.id, "2026-10", 5.0, 6.0, "")])
    demo_plan.revert_batch(added.batch_id, "undo the import")
    assert not demo_plan.nodes.exists(node.id) and demo_plan.actuals.of(node.id) == []


def test_undoing_a_cleared_value_of_a_measure_deleted_since_refuses_and_names_it(demo_plan):
    """The undo would bring the value back without its measure (the plan then refused to open)."""
    m1 = demo_plan.nodes.by_code("C-S1-M1")
    with demo_plan.batch("edit", "clear a value") as cleared:
        demo_plan.actuals.restore_values({(m1.id, demo_plan.actuals.of(m1.id)[0].period): None})
    with demo_plan.batch("edit", "delete"):
        demo_plan.nodes.delete(m1.id)
    with pytest.raises(PlanError, match="C-S1-M1 was changed after it; nothing was changed"):
        demo_plan.revert_batch(cleared.batch_id, "undo the clearing")
