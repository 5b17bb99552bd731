"""Named versions, comparison with impact, and restore as a journaled change."""

import pytest

from ogsm_desktop.core import demo
from ogsm_desktop.core import versions as ver
from ogsm_desktop.core.errors import NotFoundError, ValidationError
from ogsm_desktop.core.model import Kind
from ogsm_desktop.core.storage import Plan


@pytest.fixture
def plan(demo_path):
    with Plan.open(demo_path) as p:
        yield p


def _compare(plan, a, b=None):
    return ver.compare(plan, ver.resolve(plan, a), ver.resolve(plan, b))


def test_demo_versions_differ_by_the_articles_replan(plan):
    diff = _compare(plan, demo.V1[0], demo.V2[0])
    summary = {(c.change, c.node.code) for c in diff.nodes}
    assert summary == {("changed", "C-S2"), ("changed", "C-S2-M2"), ("changed", "C-S2-A1"),
                       ("added", "C-S2-M3"), ("added", "C-S2-A3")}
    target = next(c for c in diff.nodes if c.node.code == "C-S2-M2")
    assert target.fields == [("target", 400.0, 200.0)]
    assert [n.code for n in target.impact.above] == ["C-S2", "C"]
    s2 = next(c for c in diff.nodes if c.node.code == "C-S2")
    assert {n.code for n in s2.impact.below} >= {"C-S2-M1", "C-S2-M3", "C-S2-A3"}
    assert diff.actuals == []
    assert any("换电站建设进度滞后" in b.reason for b in diff.batches)


def test_version_to_now_shows_later_actuals(plan):
    diff = _compare(plan, demo.V2[0])
    assert diff.nodes == []
    m2 = next(a for a in diff.actuals if a.node.code == "C-S1-M2")
    assert m2.values == [("2026-10", None, (17600.0, 21500.0, ""))]


def test_reverse_comparison_swaps_old_and_new(plan):
    forward = _compare(plan, demo.V1[0], demo.V2[0])
    backward = _compare(plan, demo.V2[0], demo.V1[0])
    assert {(c.change, c.node.code) for c in backward.nodes} == {
        ("changed", "C-S2"), ("changed", "C-S2-M2"), ("changed", "C-S2-A1"),
        ("removed", "C-S2-M3"), ("removed", "C-S2-A3")}
    fwd = {c.node.code: c.fields for c in forward.nodes if c.change == "changed"}
    bwd = {c.node.code: [(f, n, o) for f, o, n in c.fields] for c in backward.nodes if c.change == "changed"}
    assert fwd == bwd


def test_saving_a_version_needs_a_unique_name_and_a_reason(plan):
    with pytest.raises(ValidationError, match="needs a reason"):
        ver.save_version(plan, "Q4", "  ")
    with pytest.raises(ValidationError, match="already exists"):
        ver.save_version(plan, demo.V1[0], "again")
    with pytest.raises(ValidationError, match="needs a name"):
        ver.save_version(plan, "", "why")
    v = ver.save_version(plan, "Q4 复盘", "季度复盘后的计划")
    assert [x.name for x in plan.versions.all()][-1] == "Q4 复盘" and v.reason == "季度复盘后的计划"
    assert _compare(plan, "Q4 复盘").empty


def test_unknown_version_is_named_in_the_message(plan):
    with pytest.raises(NotFoundError, match="no version named “V9”.*2026年度计划"):
        ver.resolve(plan, "V9")


def test_move_and_reorder_are_reported_as_moves(plan):
    ver.save_version(plan, "before", "test")
    s3 = plan.nodes.by_code("C-S3")
    plan.nodes.move(s3.id, s3.parent_id, 0)                       # reorder: only C-S3 moved
    d2 = plan.nodes.by_code("D2")
    plan.nodes.move(d2.id, plan.nodes.by_code("C-S1").id)        # reparent
    diff = _compare(plan, "before")
    assert {(c.change, c.node.code) for c in diff.nodes} == {("moved", "C-S3"), ("moved", "D2")}
    d2_change = next(c for c in diff.nodes if c.node.code == "D2")
    assert (d2_change.old_parent.code, d2_change.new_parent.code) == ("C-S3", "C-S1")


def test_restore_brings_back_deleted_nodes_and_actuals_and_keeps_history(plan):
    m2 = plan.nodes.by_code("C-S1-M2")
    actuals_before = plan.actuals.of(m2.id)
    ver.save_version(plan, "before delete", "keep")
    plan.nodes.delete(plan.nodes.by_code("C-S1").id)
    plan.nodes.update(plan.nodes.by_code("C").id, title="另一个目的")
    journal_len = len(plan.journal.rows())
    diff = ver.restore(plan, "before delete", "误删恢复")
    assert not diff.empty
    assert _compare(plan, "before delete").empty
    restored = plan.nodes.by_code("C-S1-M2")
    assert restored.id == m2.id
    assert plan.actuals.of(m2.id) == actuals_before
    assert plan.nodes.by_code("C").title == "成为新能源汽车消费的第一入口"
    assert len(plan.journal.rows()) > journal_len                       # nothing rewritten, only added
    last = plan.journal.batches()[-1]
    assert last.kind == "restore" and "误删恢复" in last.reason
    # the state between is still there to compare with
    assert not _compare(plan, demo.V1[0]).empty


def test_restore_to_an_older_version_undoes_the_replan(plan):
    ver.restore(plan, demo.V1[0], "回到年初计划")
    back = _compare(plan, demo.V1[0])
    assert back.nodes == [] and back.settings == [] and back.actuals != []      # October's numbers stay
    ver.restore(plan, demo.V1[0], "连数字", numbers=True)
    assert _compare(plan, demo.V1[0]).empty
    with pytest.raises(NotFoundError):
        plan.nodes.by_code("C-S2-M3")
    ver.restore(plan, demo.V2[0], "再次调整")
    assert plan.nodes.by_code("C-S2-M3").target == 1000


@pytest.mark.parametrize("old_parent_removed", [False, True])
def test_restore_brings_a_node_back_from_under_a_node_added_since(plan, old_parent_removed):
    """A node moved under a node added since the version (and the node it was under removed since): the
    restore removes the new node and puts the moved one back where it was, one batch that undoes as one."""
    ver.save_version(plan, "before", "keep")
    measure = plan.nodes.by_code("C-S1-M2")
    strategy = plan.nodes.add(plan.nodes.by_code("C").id, Kind.STRATEGY, title="新策略")
    plan.nodes.move(measure.id, strategy.id)
    if old_parent_removed:
        plan.nodes.delete(plan.nodes.by_code("C-S1").id)
    after = plan.journal.last_batch_id()
    ver.restore(plan, "before", "撤回调整")
    assert _compare(plan, "before").empty
    assert plan.nodes.get(measure.id).parent_id == plan.nodes.by_code("C-S1").id
    assert plan.actuals.of(measure.id) != []
    plan.revert_batch(plan.journal.last_batch_id(), "undo the restore")
    assert _compare(plan, ver.NOW).empty
    assert ver.compare(plan, ver.Point("after", after), ver.resolve(plan, ver.NOW)).empty
    assert plan.nodes.get(measure.id).parent_id == strategy.id


def test_restore_needs_a_reason(plan):
    with pytest.raises(ValidationError, match="needs a reason"):
        ver.restore(plan, demo.V1[0], "")


def test_codes_reassigned_between_versions_restore_cleanly(plan):
    ver.save_version(plan, "codes", "before renames")
    node = plan.nodes.by_code("C-S3-M1")
    plan.nodes.update(node.id, code="C-S3-VIEWS")
    plan.nodes.add(plan.nodes.by_code("C-S3").id, Kind.MEASURE, title="新指标")
    ver.restore(plan, "codes", "undo renames")
    assert plan.nodes.get(node.id).code == "C-S3-M1"
    assert _compare(plan, "codes").empty


def test_plan_settings_are_compared_and_restored_like_the_rest(demo_path):
    with Plan.open(demo_path) as plan:
        with plan.batch("edit", "改名并调整预警"):
            plan.meta.set("name", "京东汽车 OGSM 2027")
            plan.meta.set("alert_streak", "3")
        diff = ver.compare(plan, ver.resolve(plan, demo.V2[0]), ver.resolve(plan, ver.NOW))
        assert diff.settings == [("alert_streak", None, "3"), ("name", "京东新能源汽车 OGSM 2026", "京东汽车 OGSM 2027")]
        assert diff.counts()["settings"] == 2 and not diff.empty
        restored = ver.restore(plan, demo.V2[0], "回到调整前")
        assert restored.settings == [("alert_streak", "3", None), ("name", "京东汽车 OGSM 2027", "京东新能源汽车 OGSM 2026")]
        assert (plan.meta.get("name"), plan.meta.get("alert_streak")) == ("京东新能源汽车 OGSM 2026", None)
        again = ver.compare(plan, ver.resolve(plan, demo.V2[0]), ver.resolve(plan, ver.NOW))
        assert again.settings == []


def test_the_command_line_diff_lists_settings(demo_path, capsys):
    from ogsm_desktop.cli import main

    with Plan.open(demo_path) as plan:
        plan.meta.set("alert_streak", "3")
    assert main(["diff", str(demo_path), demo.V2[0]]) == 0
    assert "~ plan setting alert_streak (periods below target before an alert): — → 3" in capsys.readouterr().out


def test_a_restore_keeps_the_numbers_recorded_since_unless_asked(demo_path):
    """Restore threw away the actual values recorded after the version."""
    with Plan.open(demo_path) as plan:
        m2 = plan.nodes.by_code("C-S1-M2")
        october = {a.period: a for a in plan.actuals.of(m2.id)}["2026-10"]          # recorded after V2
        plan.actuals.write([(m2.id, "2026-09", 18200.0, 19000.0, "")])              # a target changed since
        point, preview, _ = ver.restore_plan(plan, demo.V2[0])
        assert preview.kept > 0
        ver.restore(plan, demo.V2[0], "回到调整后")
        now = {a.period: a for a in plan.actuals.of(m2.id)}
        assert now["2026-10"] == october                                           # the number stays
        assert now["2026-09"].target == 21000.0                                    # the plan's target is back
        ver.restore(plan, demo.V2[0], "连数字一起恢复", numbers=True)
        assert "2026-10" not in {a.period for a in plan.actuals.of(m2.id)}


def test_a_restored_node_comes_back_with_its_numbers(demo_path):
    with Plan.open(demo_path) as plan:
        m2 = plan.nodes.by_code("C-S1-M2")
        before = plan.actuals.of(m2.id)
        plan.nodes.delete(plan.nodes.by_code("C-S1").id)
        ver.restore(plan, demo.V2[0], "误删恢复")
        # as the version had them: October was recorded after it, and went with the node
        assert [a.period for a in plan.actuals.of(m2.id)] == [a.period for a in before if a.period != "2026-10"]


def test_changes_are_listed_in_the_order_the_tree_shows_them_whether_few_or_many(demo_path):
    """A comparison sorts a few changes by their own paths and many by one walk of the tree: the same order."""
    import random

    from ogsm_desktop.core.versions import NodeChange, _in_display_order

    with Plan.open(demo_path) as plan:
        tree = plan.nodes.tree()
        walk = [n.id for n, _depth in tree.walk()]
        changes = [NodeChange("changed", tree.nodes[i]) for i in walk]
        random.Random(3).shuffle(changes)
        few = changes[:len(walk) // 20]
        chosen = {c.node.id for c in few}
        assert [c.node.id for c in _in_display_order(tree, few)] == [i for i in walk if i in chosen]
        assert [c.node.id for c in _in_display_order(tree, changes)] == walk


def test_a_restore_hands_codes_along_a_chain_that_passes_a_node_it_removes(tmp_path):
    """Codes handed on (as a department file's refresh hands a code from one node to another): at the
    version A is M-X and B is M-B; since, A became M-A2, B took M-X, and a new node D took M-B. Restoring,
    B can take M-B back only once D is gone, and A M-X only once B let it go: the codes are given in that
    order, not in the order of the nodes (A first failed on UNIQUE nodes.code)."""
    path = tmp_path / "p.ogsm"
    with Plan.create(path) as plan:
        top = plan.nodes.add(None, Kind.OBJECTIVE, title="增长")
        s = plan.nodes.add(top.id, Kind.STRATEGY, title="渠道")
        a = plan.nodes.add(s.id, Kind.MEASURE, title="A", code="M-X")
        b = plan.nodes.add(s.id, Kind.MEASURE, title="B", code="M-B")
        ver.save_version(plan, "v", "before")
        with plan.batch("edit", "codes handed on"):
            plan.nodes.update(a.id, code="M-A2")
            plan.nodes.codes.release("M-X")
            plan.nodes.update(b.id, code="M-X")
            plan.nodes.codes.release("M-B")
            d = plan.nodes.add(s.id, Kind.MEASURE, title="D", code="M-B")
        ver.restore(plan, "v", "back")
        assert (plan.nodes.get(a.id).code, plan.nodes.get(b.id).code, plan.nodes.exists(d.id)) == ("M-X", "M-B", False)
