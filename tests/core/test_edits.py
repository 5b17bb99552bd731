"""Undo as a journaled revert of a batch, the cascade, one writer per plan, and a vanished plan file."""

import os

import pytest

from ogsm_desktop.core import versions as ver
from ogsm_desktop.core.cascade import cascade
from ogsm_desktop.core.errors import GrammarError, PlanError, PlanFileError, ValidationError
from ogsm_desktop.core.model import Kind
from ogsm_desktop.core.store import Plan


@pytest.fixture
def plan(demo_path):
    with Plan.open(demo_path) as p:
        yield p


def test_revert_batch_undoes_and_redoes_an_edit(plan):
    s1 = plan.node_by_code("C-S1")
    with plan.batch("edit", "rename"):
        plan.update_node(s1.id, title="新标题")
    edit = plan.last_batch
    undo = plan.revert_batch(edit, "undo: rename")
    assert plan.node(s1.id).title == "联合车企推出定制车型"
    plan.revert_batch(undo, "redo: rename", kind="redo")
    assert plan.node(s1.id).title == "新标题"
    kinds = [b.kind for b in plan.batches()[-3:]]
    assert kinds == ["edit", "undo", "redo"]


def test_revert_restores_a_deleted_subtree_with_ids_codes_and_actuals(plan):
    m2 = plan.node_by_code("C-S1-M2")
    before = plan.actuals(m2.id)
    plan.delete_node(plan.node_by_code("C-S1").id)
    plan.revert_batch(plan.last_batch, "undo: delete")
    assert plan.node_by_code("C-S1-M2").id == m2.id
    assert plan.actuals(m2.id) == before
    assert plan.latest_actuals()[m2.id].period == "2026-10"
    assert [n.code for n in plan.children(plan.node_by_code("C").id)][3:] == ["C-S1", "C-S2", "C-S3"]


def test_revert_of_an_add_removes_the_node_and_redo_brings_the_same_code(plan):
    node = plan.add_node(plan.node_by_code("C-S1").id, Kind.ACTION, title="新行动")
    undo = plan.revert_batch(plan.last_batch, "undo")
    with pytest.raises(PlanError):
        plan.node(node.id)
    plan.revert_batch(undo, "redo", kind="redo")
    assert plan.node(node.id).code == node.code


def test_revert_of_actuals(plan):
    m = plan.node_by_code("C-S1-M1")
    plan.write_actuals([(m.id, "2026-10", 9.5, 8.0, "更正"), (m.id, "2026-11", 9.0, 8.0, "")])
    plan.revert_batch(plan.last_batch, "undo import")
    assert [(a.period, a.actual) for a in plan.actuals(m.id)][-1] == ("2026-10", 8.9)


def test_revert_refuses_when_changed_since_and_writes_nothing(plan):
    s1 = plan.node_by_code("C-S1")
    plan.update_node(s1.id, title="A")
    first = plan.last_batch
    plan.update_node(s1.id, title="B")
    last = plan.last_batch_id()
    with pytest.raises(PlanError, match="C-S1 .title. was changed after it"):
        plan.revert_batch(first, "undo")
    assert plan.last_batch_id() == last and plan.node(s1.id).title == "B"


def test_cascade_turns_a_strategy_into_a_lower_objective(plan):
    s2 = plan.node_by_code("C-S2")
    objective = cascade(plan, s2.id, "服务网络团队", owner="吴芳", reason="把服务闭环交给服务网络团队")
    assert objective.code == "D3" and objective.title == s2.title and objective.org_unit == "服务网络团队"
    kids = plan.children(objective.id)
    goals = [k for k in kids if k.kind is Kind.GOAL]
    strategies = [k for k in kids if k.kind is Kind.STRATEGY]
    assert [g.title for g in goals] == ["换电服务满意度", "换电站建成数量", "可提供换电+保养的合作门店数"]
    assert goals[1].target == 200 and goals[1].unit == "座"
    assert [s.title for s in strategies][0] == "按宁德时代实际进度接入已建成换电站（200座）"
    batch = plan.batch_info(plan.last_batch)
    assert batch.kind == "cascade" and batch.reason == "把服务闭环交给服务网络团队"
    # one step: one undo
    plan.revert_batch(plan.last_batch, "undo cascade")
    assert all(c.kind is not Kind.OBJECTIVE for c in plan.children(s2.id))


def test_cascade_refuses_what_is_not_a_strategy(plan):
    with pytest.raises(GrammarError, match="only a strategy cascades"):
        cascade(plan, plan.node_by_code("C-G1").id, "部门")
    with pytest.raises(ValidationError, match="needs the org unit"):
        cascade(plan, plan.node_by_code("C-S1").id, " ")


def test_a_plan_open_for_editing_is_refused_a_second_time(demo_path):
    with Plan.open(demo_path, lock=True):
        with pytest.raises(PlanFileError, match="already open for editing elsewhere"):
            Plan.open(demo_path, lock=True)
        with Plan.open(demo_path, readonly=True) as reader:       # reading is fine
            assert reader.node_by_code("C")
    Plan.open(demo_path, lock=True).close()                      # released on close


def test_deleted_plan_file_refuses_edits_and_can_be_saved_elsewhere(demo_path, tmp_path):
    with Plan.open(demo_path) as plan:
        plan.update_node(plan.node_by_code("C").id, title="改过的目的")
        os.unlink(demo_path)
        with pytest.raises(PlanFileError, match="deleted or replaced while open"):
            plan.update_node(plan.node_by_code("C").id, title="lost?")
        saved = plan.copy_to(tmp_path / "rescued.ogsm")
    with Plan.open(saved) as rescued:
        assert rescued.node_by_code("C").title == "改过的目的"
        assert [v.name for v in rescued.versions()] == ["2026年度计划", "服务网络调整"]


def test_read_only_plan_file_refuses_edits(demo_path, monkeypatch):
    real_access = os.access
    if os.geteuid() == 0:      # root may write any file: make access() answer as it would for a user
        monkeypatch.setattr(os, "access", lambda p, mode: False if mode == os.W_OK and os.stat(p).st_mode & 0o200 == 0
                            else real_access(p, mode))
    try:
        with Plan.open(demo_path) as plan:
            os.chmod(demo_path, 0o444)
            with pytest.raises(PlanFileError, match="read-only now"):
                plan.update_node(plan.node_by_code("C").id, title="x")
    finally:
        os.chmod(demo_path, 0o644)


def test_save_as_refuses_the_open_file_itself(plan):
    with pytest.raises(PlanFileError, match="the open plan itself"):
        plan.copy_to(plan.path)


def test_restore_is_undoable_as_one_batch(plan):
    ver.restore(plan, "2026年度计划", "回到基线")
    plan.revert_batch(plan.last_batch, "undo restore")
    assert ver.compare(plan, ver.resolve(plan, "服务网络调整"), ver.resolve(plan, "now")).nodes == []
