"""Copy and paste of a subtree: one batch, new codes, the grammar kept, links that follow the copy."""

import pytest

from ogsm_desktop.core import copy_paste
from ogsm_desktop.core.errors import GrammarError, ValidationError
from ogsm_desktop.core.storage import Plan


@pytest.fixture
def plan(demo_path):
    with Plan.open(demo_path) as p:
        yield p


def test_a_strategy_pasted_under_another_objective_gets_new_codes_in_one_batch(plan):
    data = copy_paste.snapshot(plan.nodes.tree(), plan.nodes.by_code("C-S3").id, str(plan.path))
    before = len(plan.nodes.tree().nodes)
    d1 = plan.nodes.by_code("D1")
    top = copy_paste.paste(plan, d1.id, copy_paste.from_json(copy_paste.to_json(data)), reason="复用营销策略")
    assert top.code == "D1-S4" and top.title.startswith("线上线下一体化营销") and top.parent_id == d1.id
    tree = plan.nodes.tree()
    copied = [n for n, _depth in tree.walk(top.id)]
    assert len(tree.nodes) == before + 1 + len(copied) == before + copy_paste.count(data)
    assert [n.code for n in copied][:3] == ["D1-S4-M1", "D1-S4-M2", "T1"]    # a team objective now
    assert all(n.code not in {"C-S3-M1", "C-S3-M2", "D2"} for n in copied)
    served = next(n for n in copied if n.title == "发布会累计观看500万人次")
    assert served.serves_id == tree.nodes[next(n.id for n in copied if n.code == "D1-S4-M1")].id   # follows the copy
    batch = plan.journal.batch(plan.journal.last_batch_id())
    assert batch.reason == "复用营销策略"
    assert {r.node_id for r in plan.journal.batch_rows(batch.id) if r.action == "create"} == \
        {top.id} | {n.id for n in copied}
    plan.revert_batch(batch.id, "undo paste")                  # one step: one undo takes the whole copy away
    assert len(plan.nodes.tree().nodes) == before


def test_paste_keeps_the_grammar_and_refuses_what_is_not_a_copy(plan):
    goal = copy_paste.snapshot(plan.nodes.tree(), plan.nodes.by_code("C-G1").id)
    with pytest.raises(GrammarError, match="a goal cannot sit under a strategy"):
        copy_paste.paste(plan, plan.nodes.by_code("C-S1").id, goal)
    with pytest.raises(GrammarError):
        copy_paste.paste(plan, None, goal)
    for text in ("plain text", '{"format": "other"}', '{"format": "ogsm-desktop/subtree", "version": 1, "root": 3}'):
        with pytest.raises(ValidationError, match="does not hold OGSM nodes"):
            copy_paste.from_json(text)


def test_the_outline_is_indented_code_and_title(plan):
    data = copy_paste.snapshot(plan.nodes.tree(), plan.nodes.by_code("P1").id)
    assert copy_paste.outline(data).splitlines() == [
        "P1  高质量完成用户需求调研", "  P1-G1  每月回收有效问卷1万份", "  P1-S1  按城市分层投放问卷，覆盖三四线城市",
        "    P1-S1-M1  三四线城市问卷占比", "    P1-S1-A1  每周复盘问卷质量并剔除无效样本"]


def test_a_pasted_copy_goes_where_a_new_node_of_its_kind_goes(plan):
    data = copy_paste.snapshot(plan.nodes.tree(), plan.nodes.by_code("C-S1-M2").id, str(plan.path))
    c_s2 = plan.nodes.by_code("C-S2")
    top = copy_paste.paste(plan, c_s2.id, data)
    assert [n.code for n in plan.nodes.children(c_s2.id)] == ["C-S2-M1", "C-S2-M2", "C-S2-M3", top.code,
                                                               "C-S2-A1", "C-S2-A2", "C-S2-A3"]
    assert (top.code, top.owner) == ("C-S2-M4", "李娜")              # the copy keeps its own owner


def test_a_big_paste_tells_its_progress_and_a_cancel_writes_nothing(plan):
    data = copy_paste.snapshot(plan.nodes.tree(), plan.nodes.by_code("C").id, str(plan.path))
    total = copy_paste.count(data)
    before, last = len(plan.nodes.tree().nodes), plan.journal.last_batch_id()
    told = []
    copy_paste.paste(plan, None, data, progress=lambda what, done, of: told.append((done, of)) or True)
    assert told[-1] == (total, total) and len(plan.nodes.tree().nodes) == before + total
    before, last = len(plan.nodes.tree().nodes), plan.journal.last_batch_id()
    with pytest.raises(copy_paste.PasteCancelled, match="nothing was written"):
        copy_paste.paste(plan, None, data, progress=lambda *_args: False)
    assert len(plan.nodes.tree().nodes) == before and plan.journal.last_batch_id() == last


def test_a_cut_node_is_placed_with_the_siblings_of_its_kind(plan):
    tree = plan.nodes.tree()
    m1, c_s1, c_s2, c_s3 = (plan.nodes.by_code(c).id for c in ("C-S1-M1", "C-S1", "C-S2", "C-S3"))
    assert copy_paste.place(tree, m1, c_s2) == 3                    # after C-S2-M3, before C-S2-A1
    assert copy_paste.place(tree, m1, c_s1) == 1                    # among its own siblings: after C-S1-M2
    action = plan.nodes.by_code("C-S2-A1").id
    assert copy_paste.place(tree, action, c_s3) == 2                # no action there: before the objective D2
    assert copy_paste.place(tree, plan.nodes.by_code("D1").id, None) is None


def test_a_copy_from_elsewhere_with_a_text_longer_than_a_cell_holds_is_refused_nothing_written(plan):
    """Clipboard text made by hand (or by another program) was pasted as text the plans hold already, unchecked:
    a description of 40,000 characters went in, and the export then refused the whole plan over it. A copy
    from elsewhere is new text, held to what a workbook cell takes, as typing is; nothing of it is written."""
    from ogsm_desktop.core.fields import ValueProblem
    from tests.helpers import file_digest

    data = copy_paste.snapshot(plan.nodes.tree(), plan.nodes.by_code("C-S3-M1").id)      # (no source)
    data["root"]["description"] = "长" * 40_000
    before = file_digest(plan.path)
    with pytest.raises(ValueProblem, match="40,000"):
        copy_paste.paste(plan, plan.nodes.by_code("C-S3").id, copy_paste.from_json(copy_paste.to_json(data)))
    assert file_digest(plan.path) == before


def test_a_copy_within_the_plan_carries_an_older_programs_longer_text(plan):
    """A node of this plan whose text an older program kept longer than a cell holds is copied as it is, as undo
    and restore carry it (the export names it)."""
    measure = plan.nodes.by_code("C-S3-M1")
    with plan.batch("edit", "an older program's text"):
        plan.nodes.update(measure.id, carried=True, description="长" * 40_000)
    data = copy_paste.snapshot(plan.nodes.tree(), measure.id, str(plan.path))
    top = copy_paste.paste(plan, plan.nodes.by_code("C-S3").id, copy_paste.from_json(copy_paste.to_json(data)))
    assert len(top.description) == 40_000
