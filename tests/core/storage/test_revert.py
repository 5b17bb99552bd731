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


def test_restore_is_undoable_as_one_batch(demo_plan):
    with demo_plan.batch("restore") as restored:
        ver.restore(demo_plan, "2026年度计划", "回到基线")
    demo_plan.revert_batch(restored.batch_id, "undo restore")
    assert ver.compare(demo_plan, ver.resolve(demo_plan, "服务网络调整"), ver.resolve(demo_plan, "now")).nodes == []
