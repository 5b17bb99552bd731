"""The nodes of a plan: codes, every edit journaled with old and new, refused values and moves."""

import pytest

from ogsm_desktop.core.errors import GrammarError, NotFoundError, ValidationError
from ogsm_desktop.core.model import Kind


def test_codes_are_generated_from_the_cascade(plan, small):
    top, goal, s1, s2, m = small
    assert [top.code, goal.code, s1.code, s2.code, m.code] == ["C", "C-G1", "C-S1", "C-S2", "C-S1-M1"]
    dept = plan.nodes.add(s1.id, Kind.OBJECTIVE, title="部门")
    assert dept.code == "D1"
    assert plan.nodes.add(dept.id, Kind.STRATEGY).code == "D1-S1"


def test_codes_are_never_silently_reused(plan, small):
    top, goal, s1, s2, m = small
    plan.nodes.delete(s2.id)
    assert plan.nodes.add(top.id, Kind.STRATEGY).code == "C-S3"
    with pytest.raises(ValidationError, match="belonged to a node that was deleted"):
        plan.nodes.update(s1.id, code="C-S2")


def test_duplicate_code_is_refused_and_nothing_changes(plan, small):
    top, goal, s1, s2, m = small
    before = plan.journal.last_batch_id()
    with pytest.raises(ValidationError, match="already used by 策略一"):
        plan.nodes.update(s2.id, code="C-S1")
    assert plan.nodes.get(s2.id).code == "C-S2"
    assert plan.journal.last_batch_id() == before


def test_every_edit_is_journaled_with_old_and_new(plan, small):
    top, goal, s1, s2, m = small
    with plan.batch("edit", "季度复盘"):
        plan.nodes.update(s1.id, title="联合车企推出定制车型", owner="张伟")
    rows = plan.journal.rows(node_ids=[s1.id])
    assert [(r.action, r.field, r.old, r.new) for r in rows[1:]] == [
        ("update", "title", "策略一", "联合车企推出定制车型"),
        ("update", "owner", "李娜", "张伟"),
    ]
    batch = plan.journal.batch(rows[-1].batch_id)
    assert batch.reason == "季度复盘" and batch.who and batch.at


def test_unchanged_edit_leaves_no_trace(plan, small):
    top, *_ = small
    before = plan.journal.last_batch_id()
    plan.nodes.update(top.id, title=top.title)
    assert plan.journal.last_batch_id() == before


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [("target", "abc", "must be a number"), ("due_date", "31/12/2026", "due date must be a date"),
     ("status", "great", "status must be one of"), ("direction", "up", "direction must be one of"),
     ("code", "C S1", "no spaces"), ("kind", "goal", "not a field")],
)
def test_bad_values_are_refused(plan, small, field, value, message):
    top, goal, *_ = small
    with pytest.raises((ValidationError, GrammarError), match=message):
        plan.nodes.update(goal.id, **{field: value})


def test_moves_keep_sibling_order_and_refuse_grammar_breaks(plan, small):
    top, goal, s1, s2, m = small
    plan.nodes.move(s2.id, top.id, 0)
    assert [n.code for n in plan.nodes.children(top.id)] == ["C-S2", "C-G1", "C-S1"]
    plan.nodes.move(m.id, s2.id)
    assert [n.code for n in plan.nodes.children(s2.id)] == ["C-S1-M1"]
    with pytest.raises(GrammarError, match="a measure cannot sit under an objective"):
        plan.nodes.move(m.id, top.id)
    with pytest.raises(GrammarError, match="a goal holds nothing below it"):
        plan.nodes.move(m.id, goal.id)
    dept = plan.nodes.add(s1.id, Kind.OBJECTIVE)
    ds = plan.nodes.add(dept.id, Kind.STRATEGY)
    with pytest.raises(GrammarError, match="cannot move into its own subtree"):
        plan.nodes.move(s1.id, ds.id)
    assert plan.nodes.get(s1.id).parent_id == top.id


def test_delete_takes_the_subtree_and_its_actuals(plan, small):
    top, goal, s1, s2, m = small
    plan.actuals.write([(m.id, "2026-01", 7.0, 8.0, "")])
    removed = plan.nodes.delete(s1.id)
    assert set(removed) == {s1.id, m.id}
    with pytest.raises(NotFoundError):
        plan.nodes.get(m.id)
    assert plan.actuals.of(m.id) == []
    assert [n.code for n in plan.nodes.children(top.id)] == ["C-G1", "C-S2"]
    assert [n.position for n in plan.nodes.children(top.id)] == [0, 1]


def test_a_failing_batch_writes_nothing(plan, small):
    top, goal, s1, s2, m = small
    before = (plan.journal.last_batch_id(), len(plan.nodes.tree().nodes))
    with pytest.raises(GrammarError):
        with plan.batch("edit", "half done"):
            plan.nodes.add(s1.id, Kind.ACTION, title="ok")
            plan.nodes.add(goal.id, Kind.ACTION, title="breaks the grammar")
    assert (plan.journal.last_batch_id(), len(plan.nodes.tree().nodes)) == before
