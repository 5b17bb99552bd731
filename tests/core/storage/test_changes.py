"""Every batch hands back its change set: what it created, deleted, moved and updated, the actual values
it touched with their newest value after it, and the plan settings it changed."""

from ogsm_desktop.core.model import Kind


def test_an_edit_lists_the_fields_it_changed(plan, small):
    top, goal, s1, s2, m = small
    with plan.batch("edit", "复盘") as changes:
        plan.nodes.update(s1.id, title="新策略", owner="张伟")
        assert changes.batch_id is not None and not changes.committed        # still running
    assert changes.committed and (changes.kind, changes.reason) == ("edit", "复盘")
    assert changes.updated() == {s1.id: {"title": "新策略", "owner": "张伟"}}
    assert changes.node_ids() == {s1.id} and not changes.actuals_changed
    final = changes.final_nodes(plan.nodes.tree().nodes | {s1.id: s1})
    assert (final[s1.id].title, final[s1.id].owner) == ("新策略", "张伟")


def test_adds_moves_and_deletes_in_the_order_they_happened(plan, small):
    top, goal, s1, s2, m = small
    before = dict(plan.nodes.tree().nodes)
    with plan.batch() as changes:
        action = plan.nodes.add(s2.id, Kind.ACTION, title="新行动")
        plan.nodes.move(m.id, s2.id, 0)
        plan.nodes.delete(s1.id)
    assert changes.created() == [action.id]
    assert changes.deleted() == [s1.id]
    assert changes.updated()[m.id] == {"parent_id": s2.id}                   # it was first under s1 too
    assert changes.updated()[action.id] == {"position": 1}
    final = changes.final_nodes(before)
    assert final[s1.id] is None and final[action.id].title == "新行动"
    assert (final[m.id].parent_id, final[m.id].position) == (s2.id, 0)
    assert {n.id: n for n in final.values() if n} == {i: n for i, n in plan.nodes.tree().nodes.items() if i in final}


def test_actual_values_come_back_with_the_newest_value(plan, small):
    *_, m = small
    with plan.batch("import") as changes:
        plan.actuals.write([(m.id, "2026-01", 7.0, 8.0, ""), (m.id, "2026-02", 7.5, 8.0, "")])
    assert changes.actuals_changed and changes.actual_nodes == {m.id}
    assert changes.latest[m.id].period == "2026-02" and changes.latest[m.id].actual == 7.5
    with plan.batch() as gone:
        plan.nodes.delete(m.id)
    assert gone.latest == {m.id: None} and gone.actuals_ended == 2


def test_a_batch_that_changes_nothing_has_no_id(plan, small):
    top, *_ = small
    with plan.batch() as changes:
        plan.nodes.update(top.id, title=top.title)
    assert not changes.changed and changes.batch_id is None and not changes.committed


def test_nested_batches_share_one_change_set(plan, small):
    top, goal, s1, s2, m = small
    with plan.batch("cascade", "一步") as outer:
        with plan.batch() as inner:
            plan.nodes.update(goal.id, target=120)
        assert inner is outer
        plan.meta.set("name", "计划")
    assert outer.updated() == {goal.id: {"target": 120.0}} and outer.meta == {"name": (None, "计划")}
    assert len(plan.journal.batches()) == 6         # five adds, then this one


def test_plan_settings_are_journaled_and_undone(plan):
    with plan.batch("edit", "预警默认值") as changes:
        plan.meta.set("alert_streak", "3")
        plan.meta.set("alert_streak", "4")
    assert changes.meta == {"alert_streak": (None, "4")}
    assert plan.journal.batch(changes.batch_id).meta_changes == 1
    undo = plan.revert_batch(changes.batch_id, "undo")
    assert plan.meta.get("alert_streak") is None and undo.meta == {"alert_streak": ("4", None)}


def test_undoing_a_setting_someone_changed_since_is_refused(plan):
    import pytest

    from ogsm_desktop.core.errors import PlanError

    with plan.batch() as first:
        plan.meta.set("name", "A")
    plan.meta.set("name", "B")
    with pytest.raises(PlanError, match="the plan setting “name” was changed after it"):
        plan.revert_batch(first.batch_id, "undo")
    assert plan.meta.get("name") == "B"
