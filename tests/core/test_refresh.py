"""A department takes the company's later changes (refresh), and the round repeats: merge back, refresh,
merge back — each side bringing only what is new since the last point both agree on."""

import pytest

from ogsm_desktop.core import departments, merge, refresh
from ogsm_desktop.core.errors import GrammarError, ValidationError
from ogsm_desktop.core.model import Kind
from ogsm_desktop.core.storage import Plan


def _split(company, code, out):
    with Plan.open(company) as plan:
        return departments.split(plan, code, out)


def _edit(path, **by_code):
    with Plan.open(path) as plan:
        for code, values in by_code.items():
            plan.nodes.update(plan.nodes.by_code(code).id, **values)


def _refresh(dept_path, company, **kwargs):
    with Plan.open(dept_path) as dept:
        preview = refresh.preview(dept, company)
        return preview, refresh.apply(dept, preview, **kwargs)


def _merge(company, dept_path, **kwargs):
    with Plan.open(company) as plan:
        preview = merge.preview(plan, dept_path)
        merge.apply(plan, preview, **kwargs)
        return preview


def _number(plan, code, period):
    return [a.actual for a in plan.actuals.of(plan.nodes.by_code(code).id) if a.period == period]


def test_the_department_takes_the_companys_later_changes_to_its_part_and_to_the_context(demo_path, tmp_path):
    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    _edit(d1, **{"D1-G1": {"title": "部门改的"}, "D1-G3": {"title": "部门的说法"}})
    with Plan.open(demo_path) as plan:
        plan.nodes.update(plan.nodes.by_code("C-S1").id, title="联合车企推出定制车型（新）")
        plan.nodes.update(plan.nodes.by_code("D1-G2").id, title="公司改的", target=5)
        plan.nodes.update(plan.nodes.by_code("D1-G3").id, title="公司的说法")
        made = plan.nodes.add_new(plan.nodes.by_code("D1-S1").id, Kind.MEASURE, title="公司加的衡量")
        plan.actuals.write([(made.id, "2026-10", 77, 80, "")])
    with Plan.open(d1) as dept:
        preview = refresh.preview(dept, demo_path)
        assert [(c.kind, c.code, c.company, c.department) for c in preview.conflicts] == \
            [("field", "D1-G3", "公司的说法", "部门的说法")]
        assert [n.title for n in preview.added] == ["公司加的衡量"]
        with pytest.raises(ValidationError):                     # a conflict left open: nothing written
            refresh.apply(dept, preview)
        refresh.apply(dept, preview, prefer=merge.DEPARTMENT)
        assert dept.nodes.by_code("C-S1").title == "联合车企推出定制车型（新）"
        assert (dept.nodes.by_code("D1-G2").title, dept.nodes.by_code("D1-G2").target) == ("公司改的", 5)
        assert dept.nodes.by_code("D1-G1").title == "部门改的"     # the department's own, untouched there
        assert dept.nodes.by_code("D1-G3").title == "部门的说法"
        mine = [n for n in dept.nodes.children(dept.nodes.by_code("D1-S1").id) if n.title == "公司加的衡量"]
        assert [a.actual for a in dept.actuals.of(mine[0].id)] == [77]
        with pytest.raises(GrammarError):                        # the context is still locked
            dept.nodes.update(dept.nodes.by_code("C-S1").id, title="x")
        assert refresh.preview(dept, demo_path).empty            # taken: nothing new


def test_the_round_repeats_without_bringing_anything_back_twice(demo_path, tmp_path):
    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    with Plan.open(d1) as dept:                                  # the department adds a measure
        dept.nodes.add_new(dept.nodes.by_code("D1-S2").id, Kind.MEASURE, title="部门加的")
    _merge(demo_path, d1)
    with Plan.open(demo_path) as plan:                          # the company adds one and edits the merged one
        theirs = next(n for n in plan.nodes.children(plan.nodes.by_code("D1-S2").id) if n.title == "部门加的")
        plan.nodes.update(theirs.id, owner="公司指定")
        plan.nodes.add_new(plan.nodes.by_code("D1-S3").id, Kind.MEASURE, title="公司加的")
        size = len(plan.nodes.tree().nodes)
    preview, _changes = _refresh(d1, demo_path)
    assert [n.title for n in preview.added] == ["公司加的"] and not preview.conflicts
    with Plan.open(d1) as dept:
        mine = {n.title: n for n in dept.nodes.tree().nodes.values() if n.title in ("部门加的", "公司加的")}
        assert set(mine) == {"部门加的", "公司加的"} and mine["部门加的"].owner == "公司指定"
        came = mine["公司加的"]                     # the department goes on: edits the measure the refresh brought
        dept.nodes.update(came.id, title="公司加的（部门改）")
        dept.actuals.write([(came.id, "2026-11", 5, None, "")])
    again = _merge(demo_path, d1)
    assert not again.added and not again.conflicts               # nothing comes back twice
    with Plan.open(demo_path) as plan:
        assert len(plan.nodes.tree().nodes) == size
        node = next(n for n in plan.nodes.tree().nodes.values() if n.title == "公司加的（部门改）")
        assert [a.actual for a in plan.actuals.of(node.id)] == [5]
        assert merge.preview(plan, d1).empty
    with Plan.open(d1) as dept:
        assert refresh.preview(dept, demo_path).empty


def test_a_department_moved_under_another_strategy_gets_its_new_context_and_undo_takes_it_back(demo_path, tmp_path):
    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    with Plan.open(demo_path) as plan:
        plan.nodes.move(plan.nodes.by_code("D1").id, plan.nodes.by_code("C-S2").id)
    with Plan.open(d1) as dept:
        before = dept.nodes.locked
        preview = refresh.preview(dept, demo_path)
        assert preview.context_moved
        with dept.trial():                                       # tried and rolled back (as the window does)
            refresh.apply(dept, preview)
        assert dept.nodes.locked == before
        changes = refresh.apply(dept, preview)
        chain = [dept.nodes.get(i).code for i in departments.origin_of(dept).context]
        assert chain == ["C", "C-S2"] and dept.nodes.get(dept.nodes.by_code("D1").parent_id).code == "C-S2"
        assert "C-S1" not in {n.code for n in dept.nodes.tree().nodes.values()}
        with pytest.raises(GrammarError):
            dept.nodes.update(dept.nodes.by_code("C-S2").id, title="x")
        dept.revert_batch(changes.batch_id, "undo: refresh")
        assert dept.nodes.locked == before
        assert [dept.nodes.get(i).code for i in departments.origin_of(dept).context] == ["C", "C-S1"]
    with Plan.open(d1, readonly=True) as dept:                   # and so it opens again
        assert dept.nodes.locked == before


def test_deleted_and_moved_branches_in_the_company(demo_path, tmp_path):
    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    _edit(d1, **{"D1-S3-A1": {"owner": "部门的人"}})
    with Plan.open(demo_path) as plan:
        plan.nodes.delete(plan.nodes.by_code("D1-S2-A1").id)             # untouched there: goes
        plan.nodes.delete(plan.nodes.by_code("D1-S3-A1").id)             # edited there: a conflict
        plan.nodes.move(plan.nodes.by_code("D1-S2").id, plan.nodes.by_code("D2").id)   # out of the part
        plan.nodes.move(plan.nodes.by_code("D2-S3").id, plan.nodes.by_code("D1").id)   # into it, with numbers
        numbers = _number(plan, "D2-S3-M1", "2026-03")
    with Plan.open(d1) as dept:
        preview = refresh.preview(dept, demo_path)
        assert [(c.kind, c.code) for c in preview.conflicts] == [("deleted_there", "D1-S3-A1")]
        refresh.apply(dept, preview, prefer=merge.COMPANY)
        codes = {n.code for n in dept.nodes.tree().nodes.values()}
        assert not codes & {"D1-S2", "D1-S2-M1", "D1-S2-A1", "D1-S3-A1"}
        assert {"D2-S3", "D2-S3-M1", "D2-S3-A1"} <= codes
        assert dept.nodes.get(dept.nodes.by_code("D2-S3").parent_id).code == "D1"
        assert numbers and _number(dept, "D2-S3-M1", "2026-03") == numbers


def test_a_refresh_from_the_wrong_file_is_refused_and_writes_nothing(demo_path, tmp_path, demo_template):
    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    before = d1.read_bytes()
    other = tmp_path / "other.ogsm"
    other.write_bytes(demo_template.read_bytes())
    with Plan.open(other) as plan:
        departments.split(plan, "D2", tmp_path / "d2.ogsm")       # another identity
    for wrong in (other, d1, tmp_path / "d2.ogsm"):
        with Plan.open(d1) as dept, pytest.raises(ValidationError):
            refresh.preview(dept, wrong)
    with Plan.open(demo_path) as plan:
        plan.nodes.delete(plan.nodes.by_code("D1").id)
    with Plan.open(d1) as dept, pytest.raises(ValidationError):
        refresh.preview(dept, demo_path)
    with Plan.open(demo_path) as plan, pytest.raises(ValidationError):   # a company plan has nothing to refresh
        refresh.preview(plan, demo_path)
    assert d1.read_bytes() == before


def test_a_department_whose_unit_was_deleted_comes_back_as_a_new_unit_and_the_round_goes_on(demo_path, tmp_path):
    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    _edit(d1, **{"D1-G1": {"title": "部门改的"}})
    with Plan.open(d1, readonly=True) as dept:
        size = 1 + len(dept.nodes.tree().descendants(dept.nodes.by_code("D1").id))
        numbers = _number(dept, "D1-S1-M1", "2026-03")
    with Plan.open(demo_path) as plan:
        plan.nodes.delete(plan.nodes.by_code("D1").id)
    before = demo_path.read_bytes()
    with Plan.open(demo_path) as plan:
        with pytest.raises(merge.UnitGone):
            merge.preview(plan, d1)
        with pytest.raises(ValidationError):                     # only under a strategy
            merge.preview(plan, d1, as_new_under="C-G1")
    assert demo_path.read_bytes() == before
    with Plan.open(demo_path) as plan:
        preview = merge.preview(plan, d1, as_new_under="C-S2")
        assert len(preview.added) == size and not preview.conflicts
        merge.apply(plan, preview)
        tree = plan.nodes.tree()
        unit = next(n for n in tree.kids(plan.nodes.by_code("C-S2").id) if n.kind is Kind.OBJECTIVE
                    and n.title == "让用户需求直接定义定制车型")
        below = {n.title: n for n in tree.descendants(unit.id)}
        assert len(below) == size - 1 and "部门改的" in below
        measure = below["问卷月回收量"]
        assert [a.actual for a in plan.actuals.of(measure.id) if a.period == "2026-03"] == numbers
    _edit(d1, **{"D1-G2": {"owner": "后来的人"}})              # the round goes on with the new unit
    again = _merge(demo_path, d1)
    assert not again.added and len(again.edits) == 1
    with Plan.open(demo_path, readonly=True) as plan:
        assert [n.owner for n in plan.nodes.tree().nodes.values() if n.title == "形成3版用户需求模型并交付广汽"] == ["后来的人"]
    _refresh(d1, demo_path)
    with Plan.open(d1, readonly=True) as dept:
        assert [dept.nodes.get(i).title for i in departments.origin_of(dept).context][-1] == "构建换电+保养服务闭环"


def test_a_unit_merged_back_as_new_keeps_its_objectives_code_family_and_says_why_each_code_changed(demo_path,
                                                                                                    tmp_path):
    """Found by a tester: the department merged back as a new unit under C-S2 (its unit deleted here) made its
    person-level objective P1 a team's T1 (the code family of its depth in the cascade, not the planners'), and the
    preview said "D1 is taken here" though no node here has D1 (the deleted unit had it; codes are never reused)."""
    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    with Plan.open(demo_path) as plan:
        plan.nodes.delete(plan.nodes.by_code("D1").id)
        plan.nodes.add_new(plan.nodes.by_code("C-S2").id, Kind.OBJECTIVE, title="公司新部门", code="D3")
    with Plan.open(demo_path) as plan:
        preview = merge.preview(plan, d1, as_new_under="C-S2")
        there = {n.code: n.id for n in preview.added}
        codes = {code: preview.renumbered.get(i, code) for code, i in there.items()}
        assert codes["D1"] == "D4" and codes["P1"] == "P3"        # (D3: the company's new unit; P2: the demo's)
        assert codes["D1-S1"] == "D4-S1" and codes["P1-S1-M1"] == "P3-S1-M1"
        why = {code: preview.renumbered_why.get(i) for code, i in there.items()}
        assert why["D1"] == why["P1"] == merge.CODE_USED                # a node deleted here had it
        assert why["D1-S1"] == why["P1-S1-M1"] == merge.CODE_FOLLOWS    # its objective's code changed
        merge.apply(plan, preview)
        assert plan.nodes.by_code("P3").title == "高质量完成用户需求调研"


def test_a_new_node_whose_code_a_node_here_was_renamed_from_is_not_said_taken(demo_path, tmp_path):
    """A reviewer's: the company made D1-S3-M2 and renamed it D1-S3-Z; the department's new D1-S3-M2 was said to
    be "taken here" though no node here carries it — it was another node's before (codes are never reused)."""
    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    with Plan.open(d1) as plan:
        plan.nodes.add_new(plan.nodes.by_code("D1-S3").id, Kind.MEASURE, title="部门新衡量")
    with Plan.open(demo_path) as plan:
        made = plan.nodes.add_new(plan.nodes.by_code("D1-S3").id, Kind.MEASURE, title="公司新衡量")
        plan.nodes.update(made.id, code="D1-S3-Z")
    with Plan.open(demo_path) as plan:
        preview = merge.preview(plan, d1)
        (new,) = preview.added
        assert preview.renumbered_why == {new.id: merge.CODE_USED}


def test_a_new_node_whose_code_another_node_here_has_is_said_taken(demo_path, tmp_path):
    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    for path, title in ((d1, "部门新衡量"), (demo_path, "公司新衡量")):
        with Plan.open(path) as plan:
            plan.nodes.add_new(plan.nodes.by_code("D1-S3").id, Kind.MEASURE, title=title)
    with Plan.open(demo_path) as plan:
        preview = merge.preview(plan, d1)
        (new,) = preview.added
        assert preview.renumbered == {new.id: "D1-S3-M3"} and preview.renumbered_why == {new.id: merge.CODE_TAKEN}


# ----------------------------------------------------------------------------- each side's own changes
def test_what_one_side_did_before_the_other_direction_ran_still_travels(demo_path, tmp_path):
    """A refresh does not carry the department's earlier edits to the company, nor a merge the company's
    to the department: each direction reads from its own last point."""
    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    _edit(d1, **{"D1-G1": {"title": "部门在更新前改的"}})
    _refresh(d1, demo_path)
    again = _merge(demo_path, d1)
    assert again.edits and not again.conflicts
    _edit(demo_path, **{"D1-G2": {"owner": "公司在合并前改的"}})
    with Plan.open(demo_path) as plan:
        plan.actuals.write([(plan.nodes.by_code("D1-S1-M1").id, "2026-03", 999, None, "")])
    _edit(d1, **{"D1-G3": {"title": "部门又改的"}})
    _merge(demo_path, d1)
    preview, _changes = _refresh(d1, demo_path)
    with Plan.open(d1, readonly=True) as dept:
        assert dept.nodes.by_code("D1-G2").owner == "公司在合并前改的"
        assert _number(dept, "D1-S1-M1", "2026-03") == [999]
    with Plan.open(demo_path, readonly=True) as plan:
        assert (plan.nodes.by_code("D1-G1").title, plan.nodes.by_code("D1-G3").title) == ("部门在更新前改的", "部门又改的")


def test_a_company_node_with_the_id_of_a_department_node_is_another_node(demo_path, tmp_path):
    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    with Plan.open(d1) as dept:
        mine = dept.nodes.add_new(dept.nodes.by_code("D1-S2").id, Kind.MEASURE, title="部门的新衡量")
        dept.actuals.write([(mine.id, "2026-10", 5, None, "")])
    with Plan.open(demo_path) as plan:
        other = plan.nodes.get(mine.id)                      # the company's node of that id, outside D1
        assert other.code != mine.code
        plan.nodes.update(other.id, title="公司改了它")
    preview, _changes = _refresh(d1, demo_path)
    assert not preview.removed and not preview.edits
    with Plan.open(d1, readonly=True) as dept:
        assert dept.nodes.get(mine.id).title == "部门的新衡量" and _number(dept, mine.code, "2026-10") == [5]


def test_a_branch_deleted_on_one_side_with_something_new_below_it_on_the_other_is_a_conflict(demo_path, tmp_path):
    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    with Plan.open(d1) as dept:
        mine = dept.nodes.add_new(dept.nodes.by_code("D1-S3").id, Kind.MEASURE, title="部门在下面加的")
    with Plan.open(demo_path) as plan:
        plan.nodes.delete(plan.nodes.by_code("D1-S3").id)
    with Plan.open(d1) as dept:
        preview = refresh.preview(dept, demo_path)
        assert [(c.kind, c.code) for c in preview.conflicts] == [("deleted_there", "D1-S3")]
        refresh.apply(dept, preview, prefer=merge.DEPARTMENT)
        assert dept.nodes.get(mine.id).title == "部门在下面加的"
    # and the other way: the department deletes a branch the company added to
    d2 = tmp_path / "d2.ogsm"
    _split(demo_path, "D2", d2)
    with Plan.open(demo_path) as plan:
        plan.nodes.add_new(plan.nodes.by_code("D2-S3").id, Kind.MEASURE, title="公司在下面加的")
    with Plan.open(d2) as dept:
        dept.nodes.delete(dept.nodes.by_code("D2-S3").id)
    with Plan.open(demo_path) as plan:
        preview = merge.preview(plan, d2)
        assert [(c.kind, c.code) for c in preview.conflicts] == [("deleted_there", "D2-S3")]
        with pytest.raises(ValidationError):
            merge.apply(plan, preview)


def test_a_node_deleted_in_the_department_and_edited_in_the_company_is_a_conflict_not_a_comeback(demo_path,
                                                                                                  tmp_path):
    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    with Plan.open(d1) as dept:
        dept.nodes.delete(dept.nodes.by_code("D1-S2").id)
    with Plan.open(demo_path) as plan:
        plan.nodes.update(plan.nodes.by_code("D1-S2-M1").id, owner="公司指定")
        plan.nodes.add_new(plan.nodes.by_code("D1-S2").id, Kind.MEASURE, title="公司在已删除分支下加的")
    with Plan.open(d1) as dept:
        preview = refresh.preview(dept, demo_path)
        assert [(c.kind, c.code) for c in preview.conflicts] == [("deleted_here", "D1-S2")] and not preview.added
        refresh.apply(dept, preview, prefer=merge.DEPARTMENT)          # stays deleted
        assert "D1-S2" not in {n.code for n in dept.nodes.tree().nodes.values()}
    _edit(demo_path, **{"D1-S2-M1": {"owner": "再改一次"}})
    with Plan.open(d1) as dept:
        preview = refresh.preview(dept, demo_path)
        refresh.apply(dept, preview, prefer=merge.COMPANY)             # comes back, whole, with its numbers
        titles = {n.title: n for n in dept.nodes.tree().nodes.values()}     # (new codes: codes are never reused)
        came = titles["需求模型采纳的配置项数"]
        assert came.owner == "再改一次" and "公司在已删除分支下加的" in titles
        assert len(_number(dept, came.code, "2026-03")) == 1


def test_undoing_a_refresh_leaves_no_false_conflict_and_serves_follows_the_ids(demo_path, tmp_path):
    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    _edit(demo_path, **{"D1-G2": {"title": "公司的标题"}})
    preview, changes = _refresh(d1, demo_path)
    with Plan.open(d1) as dept:
        dept.revert_batch(changes.batch_id, "undo: refresh")
        again = refresh.preview(dept, demo_path)
        assert not again.conflicts and again.edits
    with Plan.open(d1) as dept:                        # a measure made there, a goal below serving it
        measure = dept.nodes.add_new(dept.nodes.by_code("D1-S1").id, Kind.MEASURE, title="部门的新衡量")
        p1 = dept.nodes.by_code("P1")
        goal = dept.nodes.add_new(p1.id, Kind.GOAL, title="服务它的目标")
        dept.nodes.update(goal.id, serves_id=measure.id)
    _merge(demo_path, d1)
    with Plan.open(demo_path, readonly=True) as plan:
        tree = plan.nodes.tree()
        made = next(n for n in tree.nodes.values() if n.title == "服务它的目标")
        assert tree.nodes[made.serves_id].title == "部门的新衡量"


def _set_number(path, code, period, **fields):
    """One period's actual, target or comment typed, the others as they are."""
    with Plan.open(path) as plan:
        node = plan.nodes.by_code(code)
        now = next((a for a in plan.actuals.of(node.id) if a.period == period), None)
        values = {"actual": now.actual if now else None, "target": now.target if now else None,
                  "comment": now.comment if now else ""} | fields
        plan.actuals.write([(node.id, period, values["actual"], values["target"], values["comment"])])


def _values(path, code, period):
    with Plan.open(path, readonly=True) as plan:
        a = next(a for a in plan.actuals.of(plan.nodes.by_code(code).id) if a.period == period)
        return a.actual, a.target, a.comment


@pytest.mark.parametrize("way", ["merge", "refresh"])
def test_the_two_sides_typing_different_fields_of_one_period_is_no_conflict(demo_path, tmp_path, way):
    """Found by a tester: the company typed only October's target of D1-S1-M1, the department only its
    actual; merging (or refreshing) called the whole period a conflict, and either choice lost the other
    side's number. Each field is merged on its own: only a field both sides changed, differently, is a
    conflict — and taking a side for it keeps the other side's other fields."""
    dept = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", dept)
    actual, target, comment = _values(demo_path, "D1-S1-M1", "2026-10")
    _set_number(demo_path, "D1-S1-M1", "2026-10", target=11000.0)
    _set_number(dept, "D1-S1-M1", "2026-10", actual=9500.0)
    if way == "merge":
        preview = _merge(demo_path, dept)
        got = _values(demo_path, "D1-S1-M1", "2026-10")
    else:
        preview, _changes = _refresh(dept, demo_path)
        got = _values(dept, "D1-S1-M1", "2026-10")
    assert preview.conflicts == [] and got == (9500.0, 11000.0, comment)
    # both typed the actual, differently, and one of them the comment: one conflict, the comment kept
    _set_number(demo_path, "D1-S1-M1", "2026-11", actual=10100.0, comment="公司备注")
    _set_number(dept, "D1-S1-M1", "2026-11", actual=10200.0)
    with Plan.open(demo_path) as plan:
        preview = merge.preview(plan, dept)
        assert [(c.kind, c.what) for c in preview.conflicts] == [("actual", "2026-11")]
        merge.apply(plan, preview, prefer=merge.DEPARTMENT)
    assert _values(demo_path, "D1-S1-M1", "2026-11")[0::2] == (10200.0, "公司备注")


def test_a_refresh_after_a_merge_does_not_raise_a_number_both_sides_hold(demo_path, tmp_path):
    """Found by a tester: the department's 2026-11 (10,200) merged cleanly; the company then changed that
    month's target; the refresh called it a conflict of 10,200 against 10,200."""
    dept = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", dept)
    _set_number(dept, "D1-S1-M1", "2026-11", actual=10200.0)
    assert _merge(demo_path, dept).conflicts == []
    _set_number(demo_path, "D1-S1-M1", "2026-11", target=10500.0)
    preview, _changes = _refresh(dept, demo_path)
    assert preview.conflicts == []
    assert _values(dept, "D1-S1-M1", "2026-11")[:2] == (10200.0, 10500.0)


def test_a_refresh_brings_the_companys_plan_settings(demo_path, tmp_path):
    """Found by a tester: after the split the company set its plan year to 2027 and "at risk below" to 97 %;
    the refresh said the company had nothing new, and the department went on judging its numbers by 2026
    and 95 %."""
    dept = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", dept)
    with Plan.open(demo_path) as plan:
        with plan.batch("edit", "新的计划年度"):
            plan.meta.set("calendar_start", "2027-01")
            plan.meta.set("calendar_end", "2027-12")
            plan.meta.set("amber_pct", "97")
    with Plan.open(dept) as d:
        before = {k: d.meta.get(k) for k in ("calendar_start", "calendar_end", "amber_pct")}
        preview = refresh.preview(d, demo_path)
        assert not preview.empty and preview.settings == {
            "calendar_start": (before["calendar_start"], "2027-01"), "calendar_end": (before["calendar_end"], "2027-12"),
            "amber_pct": ("95", "97")}                  # (the department's is the default: said as it stands)
        changes = refresh.apply(d, preview)
        assert {k: d.meta.get(k) for k in before} == {"calendar_start": "2027-01", "calendar_end": "2027-12",
                                                       "amber_pct": "97"}
        d.revert_batch(changes.batch_id, "undo refresh")
        assert {k: d.meta.get(k) for k in before} == before


def test_a_setting_the_company_stores_at_its_default_is_no_change(demo_path, tmp_path):
    """The company typed 7 grace days, the default the department file judges by without storing it: the
    refresh has nothing to bring (it listed "— → 7")."""
    dept = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", dept)
    with Plan.open(dept) as d:
        with d.batch("edit", "默认值"):
            d.meta.set("stale_grace_days", None)
    with Plan.open(demo_path) as plan:
        with plan.batch("edit", "默认值"):
            plan.meta.set("stale_grace_days", "7")
    with Plan.open(dept) as d:
        preview = refresh.preview(d, demo_path)
        assert preview.settings == {} and preview.empty


# ----------------------------------------------------------------------------- codes across the two files
def _part_codes(path):
    """(code, title) of every node of D1's part: a code names the same node in both files."""
    with Plan.open(path, readonly=True) as plan:
        tree = plan.nodes.tree()
        unit = plan.nodes.by_code("D1")
        return {(n.code, n.title) for n in [unit, *tree.descendants(unit.id)]}


def _add_measures(path, *titles):
    with Plan.open(path) as plan:
        for title in titles:
            plan.nodes.add_new(plan.nodes.by_code("D1-S3").id, Kind.MEASURE, title=title)


@pytest.mark.parametrize("first", ["merge", "refresh"])
@pytest.mark.parametrize("each", [1, 2])
def test_measures_new_on_both_sides_carry_one_code_in_both_files(demo_path, tmp_path, first, each):
    """Found by a tester: both sides added a measure under D1-S3 (each D1-S3-M2 in its own file); the merge
    gave the department's D1-S3-M3 in the company, but the refresh then left it D1-S3-M2 in the department
    file and gave the company's measure D1-S3-M3 there: the codes were swapped between the two files, and a
    workbook of one file imported into the other wrote numbers into the other measure. A node carries the
    company's code in the department file too, whichever way round the two ran."""
    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    ours = [f"部门新衡量{i}" for i in range(each)]
    theirs = [f"公司新衡量{i}" for i in range(each)]
    _add_measures(d1, *ours)
    _add_measures(demo_path, *theirs)
    if first == "merge":
        _merge(demo_path, d1)
        _refresh(d1, demo_path)
    else:
        _refresh(d1, demo_path)
        _merge(demo_path, d1)
        _refresh(d1, demo_path)
    company, department = _part_codes(demo_path), _part_codes(d1)
    new = set(ours + theirs)
    assert {t: c for c, t in company if t in new} == {t: c for c, t in department if t in new}
    assert len({c for c, t in company if t in new}) == 2 * each
    assert company == department
    again = _merge(demo_path, d1)                          # and the round goes on with nothing to carry
    assert not again.added and not again.edits and not again.conflicts
    with Plan.open(d1) as dept:
        assert refresh.preview(dept, demo_path).empty


def test_the_departments_own_rename_stays_and_an_undone_refresh_is_taken_again_with_the_same_codes(demo_path,
                                                                                                    tmp_path):
    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    _add_measures(d1, "部门新衡量")
    _add_measures(demo_path, "公司新衡量")
    _merge(demo_path, d1)
    _edit(d1, **{"D1-G1": {"code": "D1-GX"}})             # the department's own, still to go to the company
    _preview, changes = _refresh(d1, demo_path)
    with Plan.open(d1) as dept:
        assert dept.nodes.by_code("D1-GX")
        dept.revert_batch(changes.batch_id, "undo: refresh")
        assert ("D1-S3-M2", "部门新衡量") in _part_codes(d1)
    _refresh(d1, demo_path)
    _merge(demo_path, d1)
    assert _part_codes(demo_path) == _part_codes(d1)
    assert any(c == "D1-GX" for c, _t in _part_codes(demo_path))


def test_a_workbook_exported_before_a_refresh_moved_its_codes_is_refused(demo_path, tmp_path):
    """The department exported a workbook with its new measure D1-S3-M2 for its team to fill; meanwhile a
    merge and a refresh gave that measure D1-S3-M3 and D1-S3-M2 to the company's new measure. The team's
    numbers must not go into the company's measure: the import is refused, saying so, and the file is
    unchanged."""
    from ogsm_desktop.core.excel import exporter, importer
    from tests.helpers import file_digest

    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    _add_measures(d1, "部门新衡量")
    _add_measures(demo_path, "公司新衡量")
    book = tmp_path / "team.xlsx"
    with Plan.open(d1) as dept:
        assert dept.nodes.by_code("D1-S3-M2").title == "部门新衡量"
        exporter.export(dept, book)
    _merge(demo_path, d1)
    _refresh(d1, demo_path)
    with Plan.open(d1, readonly=True) as dept:
        assert (dept.nodes.by_code("D1-S3-M2").title, dept.nodes.by_code("D1-S3-M3").title) == ("公司新衡量", "部门新衡量")
    from openpyxl import load_workbook

    wb = load_workbook(book)
    ws = wb["Actuals"] if "Actuals" in wb.sheetnames else wb[wb.sheetnames[-1]]
    ws.append(["D1-S3-M2", "2026-11", 321, None, "团队填报"])
    wb.save(book)
    before = file_digest(d1)
    with Plan.open(d1) as dept:
        preview = importer.analyse(dept, book)
        said = [p.message for p in preview.problems]
        assert any("D1-S3-M2" in m and "部门新衡量" in m and "D1-S3-M3" in m for m in said), said
        assert not preview.ok
    assert file_digest(d1) == before


def test_a_workbook_exported_after_a_refresh_that_was_undone_is_refused(demo_path, tmp_path):
    """Found by a reviewer: the refresh gave the company's new measure D1-S3-M2 in the department file (the
    department's own became D1-S3-M3); a workbook was exported for the team; then the refresh was undone, so
    D1-S3-M2 is the department's own measure again. The team's numbers for the company's measure (D1-S3-M2 in
    the workbook) went into the department's measure, silently. The import is refused, naming the measure
    the code was, and the file is unchanged."""
    from openpyxl import load_workbook

    from ogsm_desktop.core.excel import exporter, importer
    from tests.helpers import file_digest

    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    _add_measures(d1, "部门新衡量")
    _add_measures(demo_path, "公司新衡量")
    _merge(demo_path, d1)
    book = tmp_path / "team.xlsx"
    with Plan.open(d1) as dept:
        ours = dept.nodes.by_code("D1-S3-M2").id
        changes = refresh.apply(dept, refresh.preview(dept, demo_path))
        assert dept.nodes.by_code("D1-S3-M2").title == "公司新衡量"
        exporter.export(dept, book)
        dept.revert_batch(changes.batch_id, "undo refresh")
        assert dept.nodes.get(ours).code == "D1-S3-M2"
    wb = load_workbook(book)
    ws = wb["Actuals"] if "Actuals" in wb.sheetnames else wb[wb.sheetnames[-1]]
    ws.append(["D1-S3-M2", "2026-11", 321, None, "团队填报 公司新衡量"])
    for sheet in wb.worksheets:          # the team sent back the rows it filled (none of D1-S3-M3)
        for row in reversed(range(1, sheet.max_row + 1)):
            if sheet.cell(row, 1).value == "D1-S3-M3":
                sheet.delete_rows(row)
    wb.save(book)
    before = file_digest(d1)
    with Plan.open(d1) as dept:
        preview = importer.analyse(dept, book)
        said = [p.message for p in preview.problems]
        assert not preview.ok
        assert any("D1-S3-M2" in m and "公司新衡量" in m and "部门新衡量" in m for m in said), said
    assert file_digest(d1) == before


def test_restoring_a_version_taken_after_an_undone_refresh_keeps_one_code_per_node(demo_path, tmp_path):
    """Found by a reviewer: both sides added a measure under D1-S3; after the merge, the refresh gave the
    company's measure D1-S3-M2 in the department file (the department's own became D1-S3-M3), and a version
    was saved. The refresh was undone (the department's measure is D1-S3-M2 again), then the version
    restored: the restore put the company's measure back, with D1-S3-M2, before it renamed the
    department's, and failed ("UNIQUE constraint failed: nodes.code"). Restored, each node has its code of
    the version, the codes stay each one node's, and an undo of the restore gives the state before it."""
    from ogsm_desktop.core import versions

    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    _add_measures(d1, "部门新衡量")
    _add_measures(demo_path, "公司新衡量")
    _merge(demo_path, d1)
    with Plan.open(d1) as dept:
        ours = dept.nodes.by_code("D1-S3-M2").id
        changes = refresh.apply(dept, refresh.preview(dept, demo_path))
        theirs = dept.nodes.by_code("D1-S3-M2").id
        assert dept.nodes.get(ours).code == "D1-S3-M3"
        versions.save_version(dept, "刷新后", "月度评审")
        dept.revert_batch(changes.batch_id, "undo refresh")
        assert dept.nodes.get(ours).code == "D1-S3-M2"
        before = sorted((n.id, n.code) for n in dept.nodes.tree().nodes.values())
        versions.restore(dept, "刷新后", "回到刷新后")
        assert (dept.nodes.get(ours).code, dept.nodes.get(theirs).code) == ("D1-S3-M3", "D1-S3-M2")
        assert dept.nodes.codes.node_ids("D1-S3-M2") == [theirs]
        with pytest.raises(ValidationError):
            dept.nodes.update(ours, code="D1-S3-M2")
        dept.revert_batch(dept.journal.last_batch_id(), "undo restore")
        assert sorted((n.id, n.code) for n in dept.nodes.tree().nodes.values()) == before


def test_a_code_a_department_draft_gave_up_by_a_rename_goes_to_the_companys_node(demo_path, tmp_path):
    """Found by a reviewer: the department made a measure (D1-S3-M2) and renamed it D1-S3-MX before merging;
    the company added its own measure, D1-S3-M2. The department's D1-S3-M2 was its own, provisional, and no
    node carries it any more — yet the refresh gave the company's measure another code in the department
    file (D1-S3-M3) for good: every later preview offered D1-S3-M2 again and applying it never took."""
    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    with Plan.open(d1) as dept:
        draft = dept.nodes.add_new(dept.nodes.by_code("D1-S3").id, Kind.MEASURE, title="部门新衡量")
        assert draft.code == "D1-S3-M2"
        dept.nodes.update(draft.id, code="D1-S3-MX")
    _add_measures(demo_path, "公司新衡量")
    _refresh(d1, demo_path)
    with Plan.open(d1) as dept:
        codes = {n.title: n.code for n in dept.nodes.tree().nodes.values()}
        assert (codes["公司新衡量"], codes["部门新衡量"]) == ("D1-S3-M2", "D1-S3-MX")
        assert refresh.preview(dept, demo_path).empty


def test_an_undone_refresh_gives_the_code_back_to_the_node_that_carries_it_again(demo_path, tmp_path):
    """Found by a reviewer: a refresh gave the company's new measure D1-S3-M2 in the department file (the
    department's own became D1-S3-M3); undone, the department's measure carried D1-S3-M2 again, but the book
    of codes still gave it to the company's copy the undo removed — renaming the measure to its own code
    was refused ("belonged to a node that was deleted"). Undo and redo hand the code over with the node."""
    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    _add_measures(d1, "部门新衡量")
    _add_measures(demo_path, "公司新衡量")
    _merge(demo_path, d1)
    with Plan.open(d1) as dept:
        ours = dept.nodes.by_code("D1-S3-M2").id
        changes = refresh.apply(dept, refresh.preview(dept, demo_path))
        theirs = dept.nodes.by_code("D1-S3-M2").id
        assert theirs != ours and dept.nodes.get(ours).code == "D1-S3-M3"
        undo = dept.revert_batch(changes.batch_id, "undo refresh")
        assert dept.nodes.get(ours).code == "D1-S3-M2" and dept.nodes.codes.node_ids("D1-S3-M2") == [ours]
        dept.nodes.update(ours, code="D1-S3-MX")
        dept.nodes.update(ours, code="D1-S3-M2")                      # its own code, taken back
        dept.revert_batch(undo.batch_id, "redo refresh")
        assert dept.nodes.codes.node_ids("D1-S3-M2") == [dept.nodes.by_code("D1-S3-M2").id]
        assert dept.nodes.by_code("D1-S3-M2").title == "公司新衡量"


def test_a_code_the_department_gave_a_measure_it_deleted_goes_to_the_companys_node(demo_path, tmp_path):
    """Found by a reviewer: the department made and deleted a draft D1-S3-M2 before merging; the company
    added its D1-S3-M2. The refresh gave the company's measure D1-S3-M3 in the department file, and every
    later preview offered the code change again, which applying never made."""
    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    with Plan.open(d1) as dept:
        draft = dept.nodes.add_new(dept.nodes.by_code("D1-S3").id, Kind.MEASURE, title="部门草稿")
        assert draft.code == "D1-S3-M2"
        dept.nodes.delete(draft.id)
    _add_measures(demo_path, "公司新衡量")
    _refresh(d1, demo_path)
    assert _part_codes(d1) == _part_codes(demo_path)
    with Plan.open(d1) as dept:
        assert refresh.preview(dept, demo_path).empty


def test_undoing_a_drafts_rename_whose_old_code_a_refresh_gave_to_the_companys_node_is_refused_plainly(
        demo_path, tmp_path):
    """Review of 5abab70: the department renamed its draft D1-S3-M2 → D1-S3-MX, a refresh then gave D1-S3-M2 to
    the company's new measure. Undoing the draft's rename now meets D1-S3-M2 carried by the company's node:
    the undo fails on SQLite's UNIQUE constraint and says "the plan file cannot be used" (a PlanFileError,
    which the window shows as a problem with the file), where it should be refused as any undo whose
    change was overtaken: "cannot undo …: D1-S3-M2 … nothing was changed"."""
    from ogsm_desktop.core.errors import PlanError, PlanFileError

    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    with Plan.open(d1) as dept:
        draft = dept.nodes.add_new(dept.nodes.by_code("D1-S3").id, Kind.MEASURE, title="部门新衡量")
        dept.nodes.update(draft.id, code="D1-S3-MX")
        rename = dept.journal.last_batch_id()
    _add_measures(demo_path, "公司新衡量")
    _refresh(d1, demo_path)
    with Plan.open(d1) as dept:
        with pytest.raises(PlanError) as refused:
            dept.revert_batch(rename, "undo the rename")
        assert not isinstance(refused.value, PlanFileError), str(refused.value)
        assert "cannot undo" in str(refused.value) and "D1-S3-M2" in str(refused.value), str(refused.value)
        assert dept.nodes.get(draft.id).code == "D1-S3-MX"


def test_the_merge_preview_says_the_code_a_new_node_gets_in_the_company(demo_path, tmp_path):
    """Found by a tester: the department and the company each added a measure under D1-S3 (D1-S3-M2 in
    each file); the merge preview listed the department's as "added D1-S3-M2", and it was made D1-S3-M3.
    The preview says the code each new node gets, and the merge gives exactly those; a measure under a
    new strategy that got another code takes one under its strategy's new code (not D1-S4-M1 under
    D1-S5)."""
    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    _add_measures(d1, "部门新衡量", "部门第二个")
    _add_measures(demo_path, "公司新衡量")
    for path, title in ((d1, "部门新策略"), (demo_path, "公司新策略")):
        with Plan.open(path) as plan:
            strategy = plan.nodes.add_new(plan.nodes.by_code("D1").id, Kind.STRATEGY, title=title)
            if path == d1:
                plan.nodes.add_new(strategy.id, Kind.MEASURE, title="新策略的衡量")
    with Plan.open(d1, readonly=True) as dept:
        there = {n.title: n.code for n in dept.nodes.tree().nodes.values()}
    with Plan.open(demo_path) as plan:
        preview = merge.preview(plan, d1)
        said = {preview.there_nodes[i].title: code for i, code in preview.renumbered.items()}
        merge.apply(plan, preview)
        here = {n.title: n.code for n in plan.nodes.tree().nodes.values()}
    assert there["部门新衡量"] == "D1-S3-M2" and there["部门新策略"] == "D1-S4" and there["新策略的衡量"] == "D1-S4-M1"
    assert said == {"部门新衡量": "D1-S3-M3", "部门第二个": "D1-S3-M4", "部门新策略": "D1-S5",
                    "新策略的衡量": "D1-S5-M1"}
    assert {title: here[title] for title in said} == said


def test_merging_after_an_undone_refresh_deletes_nothing_of_the_company(demo_path, tmp_path):
    """Raised by a reviewer: the company added a measure, the department took it (refresh) and undid that
    refresh (or restored a version saved before it); the next merge listed '1 removed' and deleted the
    company's C-S2 with everything below it — another unit's strategy. The refresh's copy (a department
    id) was read as a deletion by the department, and its id, no longer mapped, taken as the company's."""
    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    with Plan.open(demo_path) as plan:
        plan.nodes.add_new(plan.nodes.by_code("D1-S1").id, Kind.MEASURE, title="公司加的衡量")
        before = {n.id: n.code for n in plan.nodes.tree().nodes.values()}
    with Plan.open(d1) as dept:
        refresh.apply(dept, refresh.preview(dept, demo_path))
        dept.revert_batch(dept.journal.last_batch_id(), "不要这次更新")
    preview = _merge(demo_path, d1)
    assert preview.removed == []
    with Plan.open(demo_path, readonly=True) as plan:
        assert {n.id: n.code for n in plan.nodes.tree().nodes.values()} == before


def test_a_refresh_gives_the_companys_new_nodes_the_companys_codes_below_a_renumbered_strategy(demo_path, tmp_path):
    """Raised by a reviewer (83eed36): the department renamed D1-S3 to D1-S4 and the company then added a
    strategy (D1-S4) with a measure (D1-S4-M1). The refresh makes the strategy D1-S5 in the department
    (its D1-S4 is the department's, still to go to the company), but its measure, free as D1-S4-M1, was
    made D1-S5-M1 — a company node under a code the company does not know, not said in the preview.
    Before 83eed36 it kept the company's D1-S4-M1."""
    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    _edit(d1, **{"D1-S3": {"code": "D1-S4"}})
    with Plan.open(demo_path) as plan:
        strategy = plan.nodes.add_new(plan.nodes.by_code("D1").id, Kind.STRATEGY, title="公司新策略")
        plan.nodes.add_new(strategy.id, Kind.MEASURE, title="公司新策略的衡量")
        assert (strategy.code, plan.nodes.children(strategy.id)[0].code) == ("D1-S4", "D1-S4-M1")
    _refresh(d1, demo_path)
    with Plan.open(d1, readonly=True) as dept:
        mine = {n.title: n.code for n in dept.nodes.tree().nodes.values()}
    assert mine["公司新策略的衡量"] == "D1-S4-M1"


def test_a_merge_keeps_the_departments_rename_to_a_code_it_would_give_a_new_node(demo_path, tmp_path):
    """Raised by a reviewer: both sides added a measure under D1-S3 (D1-S3-M2 in each) and the department
    renamed D1-S3-M1 to D1-S3-M3. The preview listed the department's new measure as 'D1-S3-M2 →
    D1-S3-M3' and the rename 'D1-S3-M1 → D1-S3-M3'; the merge gave the new measure D1-S3-M3 and dropped
    the rename without a word — D1-S3-M3 then named two different measures in the two files. The planned
    codes must not take a code the department's own edits give (or the clash must be said)."""
    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    _add_measures(d1, "部门新衡量")
    _edit(d1, **{"D1-S3-M1": {"code": "D1-S3-M3"}})
    _add_measures(demo_path, "公司新衡量")
    with Plan.open(d1, readonly=True) as dept:
        renamed = dept.nodes.by_code("D1-S3-M3").id
    with Plan.open(demo_path) as plan:
        preview = merge.preview(plan, d1)
        said = {preview.there_nodes[i].title: code for i, code in preview.renumbered.items()}
        assert preview.edits.get(renamed) == {"code": "D1-S3-M3"}
        assert said.get("部门新衡量") != "D1-S3-M3" or preview.conflicts
        merge.apply(plan, preview, prefer=merge.DEPARTMENT)
        assert plan.nodes.get(renamed).code == "D1-S3-M3"


def test_a_refresh_after_the_company_restored_a_version_before_a_merge_keeps_the_departments_nodes(
        demo_path, tmp_path):
    """Raised by a reviewer: the department's new strategy and measure were merged, the department
    refreshed, the company restored a version saved before that merge and merged the file again (its
    nodes made anew, D1-S5/D1-S5-M1). The next refresh named the department's measure removed and its
    strategy 'deleted in the company' (a conflict): the refresh's record still mapped them to the nodes
    the restore took away. Taking the company's side emptied them from the department file while the
    company holds them."""
    from ogsm_desktop.core import versions as ver

    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    with Plan.open(demo_path) as plan:
        ver.save_version(plan, "分发时", "合并之前")
    with Plan.open(d1) as dept:
        strategy = dept.nodes.add_new(dept.nodes.by_code("D1").id, Kind.STRATEGY, title="部门新策略")
        measure = dept.nodes.add_new(strategy.id, Kind.MEASURE, title="部门新衡量")
        dept.actuals.write([(measure.id, "2026-10", 5, 10, "")])
    _merge(demo_path, d1)
    _refresh(d1, demo_path)
    with Plan.open(demo_path) as plan:
        ver.restore(plan, "分发时", "合并错了")
    _merge(demo_path, d1)
    with Plan.open(d1) as dept:
        preview = refresh.preview(dept, demo_path)
        assert (preview.removed, preview.conflicts) == ([], [])


def test_merging_after_restoring_a_version_saved_before_a_refresh_deletes_nothing_of_the_company(demo_path, tmp_path):
    """Raised by a reviewer (as the undone refresh above): the department took the company's new measure,
    restored a version saved before that refresh, and refreshed again; the merge deleted the company's node
    that had the first copy's id."""
    from ogsm_desktop.core import versions as ver

    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    with Plan.open(d1) as dept:
        ver.save_version(dept, "拿到时", "刚拿到")
    with Plan.open(demo_path) as plan:
        plan.nodes.add_new(plan.nodes.by_code("D1-S1").id, Kind.MEASURE, title="公司加的衡量")
        before = {n.id: n.code for n in plan.nodes.tree().nodes.values()}
    _refresh(d1, demo_path)
    with Plan.open(d1) as dept:
        ver.restore(dept, "拿到时", "回到拿到时")
    _refresh(d1, demo_path)
    preview = _merge(demo_path, d1)
    assert preview.removed == [] and not preview.conflicts
    with Plan.open(demo_path, readonly=True) as plan:
        assert {n.id: n.code for n in plan.nodes.tree().nodes.values()} == before
    assert _part_codes(d1) == _part_codes(demo_path)


def test_the_merge_preview_says_a_rename_the_company_cannot_take(demo_path, tmp_path):
    """Raised by a reviewer: the department renamed D1-S3 to D1-S4 while the company gave D1-S4 to a new
    strategy; the merge kept D1-S3 in the company (the company's code counts) without a word. The preview
    says it, and the merge does as it says."""
    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    _edit(d1, **{"D1-S3": {"code": "D1-S4"}})
    with Plan.open(demo_path) as plan:
        plan.nodes.add_new(plan.nodes.by_code("D1").id, Kind.STRATEGY, title="公司新策略")
        s3 = plan.nodes.by_code("D1-S3").id
        preview = merge.preview(plan, d1)
        assert preview.codes_kept == {s3: "D1-S4"}
        merge.apply(plan, preview)
        assert plan.nodes.get(s3).code == "D1-S3"


def test_a_code_conflict_whose_department_code_went_to_another_company_node_is_no_choice(demo_path, tmp_path):
    """The company renamed D1-S3-M1 to D1-S3-M5 and gave a new measure D1-S3-M6; the department renamed
    D1-S3-M1 to D1-S3-M6. The merge offered the two codes as a conflict, and taking the department's wrote
    nothing (D1-S3-M6 is the company's new measure's): the company kept D1-S3-M5 silently, the refresh
    asked again and kept the department's, and the files differed for good (the random rounds' 2188). The
    merge says the rename cannot be taken (as for a rename beside no rename here); the refresh after it
    gives the department the company's codes, both of them."""
    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    _edit(demo_path, **{"D1-S3-M1": {"code": "D1-S3-M5"}})
    _add_measures(demo_path, "公司新衡量")
    _edit(d1, **{"D1-S3-M1": {"code": "D1-S3-M6"}})
    with Plan.open(demo_path) as plan:
        m1 = plan.nodes.by_code("D1-S3-M5").id
        preview = merge.preview(plan, d1)
        assert preview.conflicts == [] and preview.codes_kept == {m1: "D1-S3-M6"}
        merge.apply(plan, preview, prefer=merge.DEPARTMENT)
        assert plan.nodes.get(m1).code == "D1-S3-M5"
    preview, _changes = _refresh(d1, demo_path, prefer=merge.DEPARTMENT)
    assert preview.conflicts == []
    assert _part_codes(d1) == _part_codes(demo_path)


@pytest.mark.parametrize("way", ["merge", "refresh"])
def test_keeping_ones_own_number_in_a_conflict_takes_the_other_sides_other_fields(demo_path, tmp_path, way):
    """Found by a tester: both typed October's actual of D1-S1-M1 (9,200 in the company, 9,500 in the
    department) and the department alone its comment; the preview showed the side kept with that comment,
    but keeping it wrote nothing — the comment was lost, and the next merge had nothing new to say. The
    side kept is written with the other side's other fields."""
    dept = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", dept)
    target = _values(demo_path, "D1-S1-M1", "2026-10")[1]
    _set_number(demo_path, "D1-S1-M1", "2026-10", actual=9200.0)
    _set_number(dept, "D1-S1-M1", "2026-10", actual=9500.0, comment="补录线下问卷")
    if way == "merge":
        preview = _merge(demo_path, dept, prefer=merge.COMPANY)
        assert [(c.company, c.department) for c in preview.conflicts] == [
            ((9200.0, target, "补录线下问卷"), (9500.0, target, "补录线下问卷"))]
        assert _values(demo_path, "D1-S1-M1", "2026-10") == (9200.0, target, "补录线下问卷")
    else:
        _set_number(dept, "D1-S1-M1", "2026-10", actual=9500.0, comment="")       # the comment is the company's
        _set_number(demo_path, "D1-S1-M1", "2026-10", comment="公司备注")
        _refresh(dept, demo_path, prefer=merge.DEPARTMENT)
        assert _values(dept, "D1-S1-M1", "2026-10") == (9500.0, target, "公司备注")


@pytest.mark.parametrize("later", [False, True])
def test_a_merge_undone_and_redone_is_still_the_departments_own_to_the_refresh(demo_path, tmp_path, later):
    """Found by a tester: the company merged D2's November (6,800), undid the merge and redid it; the next
    refresh listed 6,800 as the company's change — and once the department had typed 7,000 since, as a
    conflict whose "take company" would have undone the department's number. A redo writes the merge
    again: what it writes is the department's, as the merge's was."""
    d2 = tmp_path / "d2.ogsm"
    _split(demo_path, "D2", d2)
    _set_number(d2, "D2-S1-M1", "2026-11", actual=6800.0)
    with Plan.open(demo_path) as plan:
        merged = merge.apply(plan, merge.preview(plan, d2))
        undone = plan.revert_batch(merged.batch_id, "undo: merge", kind="undo")
        plan.revert_batch(undone.batch_id, "redo: merge", kind="redo")
    if later:
        _set_number(d2, "D2-S1-M1", "2026-11", actual=7000.0)
    with Plan.open(d2) as dept:
        preview = refresh.preview(dept, demo_path)
        assert (preview.numbers, preview.conflicts) == ({}, [])
    with Plan.open(demo_path) as plan:
        again = merge.preview(plan, d2)
        assert not again.conflicts and len(again.numbers) == (1 if later else 0)


def test_a_refresh_undone_and_redone_is_still_the_companys_own_to_the_merge(demo_path, tmp_path):
    """The other way round: the department took the company's November (6,800), undid the refresh and redid
    it; the company typed 7,000 since. The merge must not bring 6,800 back as the department's."""
    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    _set_number(demo_path, "D1-S1-M1", "2026-11", actual=6800.0)
    with Plan.open(d1) as dept:
        taken = refresh.apply(dept, refresh.preview(dept, demo_path))
        undone = dept.revert_batch(taken.batch_id, "undo: refresh", kind="undo")
        dept.revert_batch(undone.batch_id, "redo: refresh", kind="redo")
    _set_number(demo_path, "D1-S1-M1", "2026-11", actual=7000.0)
    with Plan.open(demo_path) as plan:
        preview = merge.preview(plan, d1)
        assert (preview.numbers, preview.conflicts) == ({}, [])


def test_a_merge_lists_no_edit_the_company_has_already(demo_path, tmp_path):
    """Found by a tester: the department took the company's new title by a refresh, restored a version saved
    before it and undid the restore; the merge preview listed an edit of the title from the company's to the
    company's (and the same for a code). A value the company has already is no edit."""
    from ogsm_desktop.core import versions as ver

    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    with Plan.open(d1) as dept:
        ver.save_version(dept, "拿到时", "刚拿到")
    _edit(demo_path, **{"D1-G1": {"title": "公司改的标题"}})
    _refresh(d1, demo_path)
    with Plan.open(d1) as dept:
        restored = ver.restore(dept, "拿到时", "回到拿到时")
        assert restored.nodes
        dept.revert_batch(dept.journal.last_batch_id(), "undo: restore")
        assert dept.nodes.by_code("D1-G1").title == "公司改的标题"
    with Plan.open(demo_path) as plan:
        preview = merge.preview(plan, d1)
        assert preview.edits == {} and preview.empty


# ----------------------------------------------------------------------------- review (rev2)
@pytest.mark.parametrize("way", ["merge", "refresh"])
def test_the_number_a_side_kept_in_a_conflict_reaches_the_other_file_next_time(demo_path, tmp_path, way):
    """Review (f6e0285): both typed October's actual of D1-S1-M1. A merge that keeps the company's 9,200
    now writes it again in the merge batch, which the next refresh leaves out as the department's own —
    the department file keeps 9,500 for good while the company holds 9,200, without a word (before
    f6e0285 the refresh still offered it). The same the other way: a refresh keeping the department's
    9,500 writes it in the refresh batch, and the next merge never brings it to the company."""
    dept = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", dept)
    _set_number(demo_path, "D1-S1-M1", "2026-10", actual=9200.0)
    _set_number(dept, "D1-S1-M1", "2026-10", actual=9500.0)
    if way == "merge":
        _merge(demo_path, dept, prefer=merge.COMPANY)
        with Plan.open(dept) as plan:
            preview = refresh.preview(plan, demo_path)
            if not preview.conflicts:
                refresh.apply(plan, preview)
    else:
        _refresh(dept, demo_path, prefer=merge.DEPARTMENT)
        with Plan.open(demo_path) as plan:
            preview = merge.preview(plan, dept)
            if not preview.conflicts:
                merge.apply(plan, preview)
    got = (_values(demo_path, "D1-S1-M1", "2026-10")[0], _values(dept, "D1-S1-M1", "2026-10")[0])
    assert got[0] == got[1] or [c.what for c in preview.conflicts] == ["2026-10"], got   # or the question asked


def test_the_companys_field_of_a_period_merged_field_by_field_reaches_the_department(demo_path, tmp_path):
    """Review: the company typed October's target (11,000), the department its actual (9,500); the merge
    writes the period merged field by field (9,500 / 11,000) in its batch — and the next refresh leaves
    that value out as the department's own, so the department never gets the company's target."""
    dept = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", dept)
    _set_number(demo_path, "D1-S1-M1", "2026-10", target=11000.0)
    _set_number(dept, "D1-S1-M1", "2026-10", actual=9500.0)
    assert _merge(demo_path, dept).conflicts == []
    assert _values(demo_path, "D1-S1-M1", "2026-10")[:2] == (9500.0, 11000.0)
    _refresh(dept, demo_path)
    assert _values(dept, "D1-S1-M1", "2026-10")[:2] == (9500.0, 11000.0)


@pytest.mark.parametrize("how", ["undo", "restore"])
def test_a_merge_the_company_took_back_does_not_delete_the_departments_nodes_in_the_next_refresh(
        demo_path, tmp_path, how):
    """Review (c83d840, the other way round): the department's new measure (with its October) was merged,
    the department refreshed, and the company undid that merge (or restored a version saved before it).
    The next refresh removes the department's own measure and its number from the department file — the
    company's undoing read as the company deleting it; without the refresh in between the same undoing
    leaves it (as c83d840 leaves a refresh's copies the department undid)."""
    from ogsm_desktop.core import versions as ver

    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    with Plan.open(demo_path) as plan:
        ver.save_version(plan, "合并之前", "合并之前")
    _add_measures(d1, "部门新衡量")
    with Plan.open(d1) as dept:
        mine = next(n for n in dept.nodes.tree().nodes.values() if n.title == "部门新衡量")
        dept.actuals.write([(mine.id, "2026-10", 5, 10, "")])
    _merge(demo_path, d1)
    _refresh(d1, demo_path)
    with Plan.open(demo_path) as plan:
        if how == "undo":
            plan.revert_batch(next(b.id for b in reversed(plan.journal.batches()) if b.kind == "merge"),
                              "undo: merge")
        else:
            ver.restore(plan, "合并之前", "合并错了")
        assert not any(n.title == "部门新衡量" for n in plan.nodes.tree().nodes.values())
    with Plan.open(d1) as dept:
        preview = refresh.preview(dept, demo_path)
        assert mine.id not in preview.removed and not preview.conflicts


def test_a_restore_that_brings_a_merge_back_is_not_all_the_departments(demo_path, tmp_path):
    """Review (f52a083): sync._redone counts as the department's every batch that puts a merge back into the
    record — a version restored also does, and with it whatever else the restore sets back. The company
    merged D1, saved a version, typed November's target 7,000 for D1-S1-M1, undid the merge; the department took
    the 7,000 (refresh); the company restored the version (the merge back, November's target back to 6,000). The
    next refresh leaves November out as the department's own: the department keeps 7,000, the company 6,000."""
    from ogsm_desktop.core import versions as ver

    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    _set_number(demo_path, "D1-S1-M1", "2026-11", target=6000.0)
    _refresh(d1, demo_path)
    _add_measures(d1, "部门新衡量")
    with Plan.open(demo_path) as plan:
        merged = merge.apply(plan, merge.preview(plan, d1))
        ver.save_version(plan, "合并之后", "合并之后")
    _set_number(demo_path, "D1-S1-M1", "2026-11", target=7000.0)
    with Plan.open(demo_path) as plan:
        plan.revert_batch(merged.batch_id, "undo: merge")
    _refresh(d1, demo_path)
    assert _values(d1, "D1-S1-M1", "2026-11")[1] == 7000.0
    with Plan.open(demo_path) as plan:
        ver.restore(plan, "合并之后", "回到合并之后")
    assert _values(demo_path, "D1-S1-M1", "2026-11")[1] == 6000.0
    _refresh(d1, demo_path)
    assert _values(d1, "D1-S1-M1", "2026-11")[1] == 6000.0


def test_a_refresh_keeps_the_companys_code_of_its_new_node_when_a_code_conflict_is_taken_the_companys_way(
        demo_path, tmp_path):
    """Review: codes_made, run before the conflict was written, saw D1-S3-M2 carried (and given by the
    conflict) and renumbered the company's new node. The department renamed D1-S3-M1 to D1-S3-M2; the
    company renamed it D1-S3-M5 and gave a new measure D1-S3-M2 there. Taking the company's side, the refresh made the company's new measure under another code in
    the department file — a company node under a code the company does not know (its workbook rows go
    elsewhere), while D1-S3-M2 is free."""
    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    _edit(d1, **{"D1-S3-M1": {"code": "D1-S3-M2"}})
    _edit(demo_path, **{"D1-S3-M1": {"code": "D1-S3-M5"}})
    _add_measures(demo_path, "公司新衡量")
    with Plan.open(demo_path) as plan:        # the company gives its new measure the code its planner chose
        plan.nodes.update(next(n for n in plan.nodes.tree().nodes.values() if n.title == "公司新衡量").id,
                          code="D1-S3-M2")
    preview, _changes = _refresh(d1, demo_path, prefer=merge.COMPANY)
    assert [(c.what, c.company, c.department) for c in preview.conflicts] == [("code", "D1-S3-M5", "D1-S3-M2")]
    assert {t: c for c, t in _part_codes(d1)}["公司新衡量"] == "D1-S3-M2"
    assert _part_codes(d1) == _part_codes(demo_path)


@pytest.mark.parametrize("way", ["merge", "refresh"])
def test_a_measure_deleted_on_one_side_whose_number_the_other_typed_is_a_conflict(demo_path, tmp_path, way):
    """Review: the department typed November's actual of D1-S1-M1 and the company deleted the measure
    meanwhile (or the other way round). A node with something new below it is a conflict, and so is a node
    edited — but a number typed on the node itself is not: the merge (refresh) deletes the measure with
    the number just typed, without asking."""
    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    typed, deleted = (demo_path, d1) if way == "merge" else (d1, demo_path)
    _set_number(typed, "D1-S1-M1", "2026-11", actual=7100.0)
    with Plan.open(deleted) as plan:
        plan.nodes.delete(plan.nodes.by_code("D1-S1-M1").id)
    if way == "merge":
        with Plan.open(demo_path) as plan:
            preview = merge.preview(plan, d1)
    else:
        with Plan.open(d1) as dept:
            preview = refresh.preview(dept, demo_path)
    assert [(c.kind, c.code) for c in preview.conflicts] == [("deleted_there", "D1-S1-M1")], preview.removed


# ----------------------------------------------------------------------------- review (rev3)
@pytest.mark.parametrize("way", ["merge", "refresh"])
def test_a_side_putting_back_what_the_other_side_sent_reaches_the_other_file(demo_path, tmp_path, way):
    """Review: the company retitled D1-G1 and set October's target of D1-S1-M1 to 12,000; the department took
    them (refresh), disagreed and put the old title and target back. The merge has nothing new (the department
    file is as it was at the split), so the company keeps its title and 12,000 and the department its own, for
    good, without a word. The same the other way: the company puts back what a merge brought it, and the
    refresh has nothing to say."""
    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    title = "收集10万份用户需求数据"
    actual, target, _comment = _values(demo_path, "D1-S1-M1", "2026-10")
    sent, back = (demo_path, d1) if way == "merge" else (d1, demo_path)
    _edit(sent, **{"D1-G1": {"title": "改过的标题"}})
    _set_number(sent, "D1-S1-M1", "2026-10", target=12000.0)
    if way == "merge":
        _refresh(d1, demo_path)
    else:
        _merge(demo_path, d1)
    _edit(back, **{"D1-G1": {"title": title}})                  # put back as it was
    _set_number(back, "D1-S1-M1", "2026-10", target=target)
    if way == "merge":
        _merge(demo_path, d1)
    else:
        _refresh(d1, demo_path)
    for path in (demo_path, d1):
        with Plan.open(path, readonly=True) as plan:
            assert plan.nodes.by_code("D1-G1").title == title, path.name
        assert _values(path, "D1-S1-M1", "2026-10")[1] == target, path.name


@pytest.mark.parametrize("way", ["merge", "refresh"])
def test_a_comment_the_other_side_sent_and_then_changed_is_no_conflict(demo_path, tmp_path, way):
    """Review: the company typed November's target and a comment of D1-S1-M1; the department took them
    (refresh); the company then reworded its comment and the department typed November's actual. The merge
    calls November a conflict whose 'department' comment is the company's own old one — the department never
    touched the comment — and taking the department's side (or --prefer department) puts the company's old
    comment back over its new one. The same the other way round (merge, the department rewords, the company
    types the target: the refresh offers the department's old comment as the company's)."""
    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    sender, typer = (demo_path, d1) if way == "merge" else (d1, demo_path)
    _set_number(sender, "D1-S1-M1", "2026-11", target=12000.0, comment="第一版备注")
    if way == "merge":
        _refresh(d1, demo_path)
    else:
        _merge(demo_path, d1)
    _set_number(sender, "D1-S1-M1", "2026-11", comment="改过的备注")
    _set_number(typer, "D1-S1-M1", "2026-11", actual=11500.0)
    if way == "merge":
        preview = _merge(demo_path, d1, prefer=merge.DEPARTMENT)
        got = _values(demo_path, "D1-S1-M1", "2026-11")
    else:
        preview, _changes = _refresh(d1, demo_path, prefer=merge.COMPANY)
        got = _values(d1, "D1-S1-M1", "2026-11")
    assert got == (11500.0, 12000.0, "改过的备注")
    assert preview.conflicts == []


@pytest.mark.parametrize("prefer", [merge.COMPANY, merge.DEPARTMENT])
@pytest.mark.parametrize("way", ["merge", "refresh"])
def test_a_measure_moved_under_a_strategy_the_other_side_deleted_can_be_merged(demo_path, tmp_path, way, prefer):
    """Review: the department moved D1-S3-M1 under D1-S2 while the company deleted D1-S2 (or the other way
    round). The preview lists a plain move, no conflict, and applying it fails ('no node with id …') whatever
    is chosen: the department file can never be merged (refreshed) again — every other change of it held
    up. A measure neither side deleted must come through with its numbers, the deletion offered as a
    conflict if need be."""
    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    numbers = _numbers_of(demo_path, "门店试驾反馈份数")
    mover, deleter = (d1, demo_path) if way == "merge" else (demo_path, d1)
    with Plan.open(mover) as plan:
        plan.nodes.move(plan.nodes.by_code("D1-S3-M1").id, plan.nodes.by_code("D1-S2").id)
    with Plan.open(deleter) as plan:
        plan.nodes.delete(plan.nodes.by_code("D1-S2").id)
    _edit(mover, **{"D1-G1": {"owner": "另一个改动"}})          # and something else to carry
    if way == "merge":
        _merge(demo_path, d1, prefer=prefer)
    else:
        _refresh(d1, demo_path, prefer=prefer)
    target = demo_path if way == "merge" else d1
    assert _numbers_of(target, "门店试驾反馈份数") == numbers
    with Plan.open(target, readonly=True) as plan:
        assert plan.nodes.by_code("D1-G1").owner == "另一个改动"
        nodes = plan.nodes.tree().nodes
        measure = [n for n in nodes.values() if n.title == "门店试驾反馈份数"]
        assert len(measure) == 1                        # moved with the branch brought back, not copied
        back = prefer == (merge.DEPARTMENT if way == "merge" else merge.COMPANY)
        parent = nodes[measure[0].parent_id]
        assert (parent.kind, parent.title != nodes[plan.nodes.by_code("D1-S3").id].title) == (Kind.STRATEGY, back)


def _numbers_of(path, title):
    with Plan.open(path, readonly=True) as plan:
        node = next(n for n in plan.nodes.tree().nodes.values() if n.title == title)
        return {a.period: a.actual for a in plan.actuals.of(node.id)}


def test_a_measure_the_company_moved_out_of_the_department_keeps_the_departments_edits(demo_path, tmp_path):
    """Review: the company moved D1-S3-M1 to another department while the department retitled it and typed a
    number. The merge offers the move as a conflict; keeping the company's place wrote the number but dropped
    the new title without a word (and the next refresh removed the measure from the department file, title
    and all). The place is the company's; the title is the department's news, as the number is."""
    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    with Plan.open(demo_path) as plan:
        plan.nodes.move(plan.nodes.by_code("D1-S3-M1").id, plan.nodes.by_code("D2-S1").id)
    _edit(d1, **{"D1-S3-M1": {"title": "部门改的标题"}})
    _set_number(d1, "D1-S3-M1", "2026-11", actual=321.0)
    with Plan.open(demo_path) as plan:
        preview = merge.preview(plan, d1)
        assert [c.kind for c in preview.conflicts] == ["moved_out"]
        merge.apply(plan, preview, prefer=merge.COMPANY)
    with Plan.open(demo_path, readonly=True) as plan:
        node = next(n for n in plan.nodes.tree().nodes.values() if n.title == "部门改的标题")
        assert plan.nodes.get(node.parent_id).code == "D2-S1"
        assert {a.period: a.actual for a in plan.actuals.of(node.id)}["2026-11"] == 321.0


# ----------------------------------------------------------------------------- review (rev4)
def _parent_code(path, code):
    with Plan.open(path, readonly=True) as plan:
        return plan.nodes.get(plan.nodes.by_code(code).parent_id).code


@pytest.mark.parametrize("way", ["merge", "refresh"])
def test_a_side_moving_back_a_measure_the_other_side_moved_is_no_conflict(demo_path, tmp_path, way):
    """Review (d4a2dc5): the company moved D1-S3-M1 under D1-S2; the department took the move (refresh) and
    moved the measure back under D1-S3. Only the department changed the place since both files agreed, yet
    the merge offers a 'moved both' conflict (keeping the company's place loses the move back). The same the
    other way round (merge, the company moves it back, refresh). The put-back place is measured from what the
    refresh wrote, but the company's own move, already delivered, is still counted as the company's news."""
    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    sent, back = (demo_path, d1) if way == "merge" else (d1, demo_path)
    with Plan.open(sent) as plan:
        plan.nodes.move(plan.nodes.by_code("D1-S3-M1").id, plan.nodes.by_code("D1-S2").id)
    if way == "merge":
        _refresh(d1, demo_path)
    else:
        _merge(demo_path, d1)
    with Plan.open(back) as plan:                                 # moved back where it was
        plan.nodes.move(plan.nodes.by_code("D1-S3-M1").id, plan.nodes.by_code("D1-S3").id)
    if way == "merge":
        preview = _merge(demo_path, d1, prefer=merge.COMPANY)
    else:
        preview, _changes = _refresh(d1, demo_path, prefer=merge.DEPARTMENT)
    assert preview.conflicts == []
    assert (_parent_code(demo_path, "D1-S3-M1"), _parent_code(d1, "D1-S3-M1")) == ("D1-S3", "D1-S3")


@pytest.mark.parametrize("way", ["merge", "refresh"])
def test_a_change_the_other_side_never_got_is_not_overwritten_after_an_empty_sync(demo_path, tmp_path, way):
    """Review: the company retitled D1-S2 and then merged D1's file, which had nothing on it (the department
    never refreshed, so it never got the new title); the department then retitled D1-S2 its own way. Both
    changed the title differently since the split, yet the next merge takes the department's title without a
    word: the company's own title is gone. The same the other way: the department's retitle (never merged)
    survives an empty refresh, then the next refresh overwrites it with the company's later title silently.
    The side changes are read from this direction's last point only (merge.side_changes from the last merge's
    company batch / the last refresh's department batch), so a change made before it that never reached the
    other file no longer counts."""
    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    first, second = (demo_path, d1) if way == "merge" else (d1, demo_path)
    _edit(first, **{"D1-S2": {"title": "先改的标题"}})
    if way == "merge":
        _merge(demo_path, d1)                                    # nothing of the department's on D1-S2
    else:
        _refresh(d1, demo_path)                                  # nothing of the company's on D1-S2
    _edit(second, **{"D1-S2": {"title": "后改的标题"}})
    if way == "merge":
        with Plan.open(demo_path) as plan:
            preview = merge.preview(plan, d1)
    else:
        with Plan.open(d1) as dept:
            preview = refresh.preview(dept, demo_path)
    assert [(c.kind, c.code, c.what) for c in preview.conflicts] == [("field", "D1-S2", "title")], preview.edits


def test_a_goal_the_department_points_at_another_measure_after_a_refresh_is_no_conflict(demo_path, tmp_path):
    """Review (d4a2dc5): the department made a measure, the company merged it (another id there) and let D1-G1
    serve it; the department took that (refresh: D1-G1 serves its own measure) and then let D1-G1 serve
    D1-S1-M1 instead. Only the department changed it since, yet the merge offers 'serves' as a conflict (the
    company's measure id against the department's) while it takes the new 'serves' title as agreed — keeping
    the company's side leaves D1-G1 serving the new measure under D1-S1-M1's title. sync.drop_delivered
    compares the company's serves_id with the department's as raw ids, which differ for a node made on one side."""
    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    _add_measures(d1, "部门新衡量")
    _merge(demo_path, d1)
    with Plan.open(demo_path) as plan:
        made = next(n for n in plan.nodes.tree().nodes.values() if n.title == "部门新衡量")
        plan.nodes.update(plan.nodes.by_code("D1-G1").id, serves_id=made.id, serves_title=made.title)
    _refresh(d1, demo_path)
    with Plan.open(d1) as dept:
        measure = dept.nodes.by_code("D1-S1-M1")
        dept.nodes.update(dept.nodes.by_code("D1-G1").id, serves_id=measure.id, serves_title=measure.title)
    preview = _merge(demo_path, d1, prefer=merge.COMPANY)
    with Plan.open(demo_path, readonly=True) as plan:
        goal, measure = plan.nodes.by_code("D1-G1"), plan.nodes.by_code("D1-S1-M1")
        assert (goal.serves_id, goal.serves_title) == (measure.id, measure.title)
    assert preview.conflicts == []


@pytest.mark.parametrize("way", ["merge", "refresh"])
def test_a_branch_deleted_after_the_other_side_moved_a_measure_into_it_does_not_take_the_measure(
        demo_path, tmp_path, way):
    """Tester: the department moved D1-S3-M1 under D1-S2, the company deleted D1-S2 and kept its deletion at
    the merge (D1-S3-M1 stays under D1-S3 there). The refresh then deleted D1-S2 in the department file with
    D1-S3-M1 inside it, listing only D1-S2's own nodes — and the next merge blanked the company's Aug–Oct
    actuals of a measure that still exists there. Deleting a branch never takes a node the other file still
    has elsewhere: it goes where that file has it (the same the other way round: the company moved it, the
    department deleted the branch, the merge takes the deletion)."""
    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    mover, deleter = (d1, demo_path) if way == "refresh" else (demo_path, d1)
    numbers = _numbers_of(demo_path, "门店试驾反馈份数")
    with Plan.open(mover) as plan:
        plan.nodes.move(plan.nodes.by_code("D1-S3-M1").id, plan.nodes.by_code("D1-S2").id)
    with Plan.open(deleter) as plan:
        plan.nodes.delete(plan.nodes.by_code("D1-S2").id)
    if way == "refresh":
        _merge(demo_path, d1, prefer=merge.COMPANY)              # the company keeps its deletion
        preview, _changes = _refresh(d1, demo_path, prefer=merge.COMPANY)
    else:
        _refresh(d1, demo_path, prefer=merge.DEPARTMENT)         # the department keeps its deletion
        _merge(demo_path, d1, prefer=merge.DEPARTMENT)
    for path in (demo_path, d1):
        with Plan.open(path, readonly=True) as plan:
            measure = [n for n in plan.nodes.tree().nodes.values() if n.title == "门店试驾反馈份数"]
            assert len(measure) == 1, path.name
            assert plan.nodes.get(measure[0].parent_id).code == "D1-S3", path.name
    assert _numbers_of(demo_path, "门店试驾反馈份数") == numbers
    _merge(demo_path, d1, prefer=merge.COMPANY)                  # and the next round blanks nothing
    assert _numbers_of(demo_path, "门店试驾反馈份数") == numbers


# ----------------------------------------------------------------------------- review (rev5)
def test_a_branch_the_department_took_back_in_a_refresh_is_not_deleted_by_the_next_merge(demo_path, tmp_path):
    """Review: the department deleted D1-S2 (with its measure and action); the company retitled D1-S2. The
    refresh offers 'deleted here'; taking the company's side brings the branch back in the department file
    (new ids there, mapped to the company's). The next merge then lists the department's old deletion of
    D1-S2, D1-S2-M1 and D1-S2-A1 as news and deletes the branch in the company, blanking the measure's
    actuals — while the department file has the branch, measure and numbers."""
    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    numbers = _numbers_of(demo_path, "需求模型采纳的配置项数")
    with Plan.open(d1) as dept:
        dept.nodes.delete(dept.nodes.by_code("D1-S2").id)
    _edit(demo_path, **{"D1-S2": {"title": "公司改的S2"}})
    preview, _changes = _refresh(d1, demo_path, prefer=merge.COMPANY)        # bring the branch back
    assert [c.kind for c in preview.conflicts] == ["deleted_here"]
    assert _numbers_of(d1, "需求模型采纳的配置项数") == numbers
    again = _merge(demo_path, d1)
    assert again.removed == [] and again.conflicts == []
    for path in (demo_path, d1):
        with Plan.open(path, readonly=True) as plan:
            titles = {n.title for n in plan.nodes.tree().nodes.values()}
            assert {"公司改的S2", "需求模型采纳的配置项数"} <= titles, path.name
        assert _numbers_of(path, "需求模型采纳的配置项数") == numbers, path.name


@pytest.mark.parametrize("way", ["merge", "refresh"])
def test_a_branch_brought_back_leaves_the_measure_the_deleting_side_moved_out_first(demo_path, tmp_path, way):
    """Review (0dff827 / 39dd708): the company moved D1-S2-M1 to D1-S3 and then deleted D1-S2; the department
    retitled D1-S2. The merge offers 'deleted here'; taking the department's side brings D1-S2 back — and moves
    D1-S2-M1 back into it, though only the company changed its place (the department never touched it): the
    company's move is reverted without a word, and the next refresh has nothing to say. The same the other way
    (the department moved it out and deleted the branch, the company retitled it, the refresh takes the
    company's side)."""
    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    deleter, editor = (demo_path, d1) if way == "merge" else (d1, demo_path)
    with Plan.open(deleter) as plan:
        plan.nodes.move(plan.nodes.by_code("D1-S2-M1").id, plan.nodes.by_code("D1-S3").id)
        plan.nodes.delete(plan.nodes.by_code("D1-S2").id)
    _edit(editor, **{"D1-S2": {"title": "改过的S2"}})
    if way == "merge":
        preview = _merge(demo_path, d1, prefer=merge.DEPARTMENT)
    else:
        preview, _changes = _refresh(d1, demo_path, prefer=merge.COMPANY)
    assert [c.kind for c in preview.conflicts] == ["deleted_here"]
    assert _parent_code(deleter, "D1-S2-M1") == "D1-S3"


def test_a_measure_the_company_moved_to_another_department_keeps_its_actuals_after_refresh_and_merge(
        demo_path, tmp_path):
    """Review: the company moved D1-S3-M1 under D2-S1 (another department). D1 refreshes — the measure leaves
    the D1 file, as it should — and merges back with nothing new. The merge lists every period of D1-S3-M1 as
    cleared (None) and blanks the company's Aug–Oct actuals of a measure the company still has: the refresh's
    removal of the node is read as the department clearing its numbers (the company 'did not send' None)."""
    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    numbers = _numbers_of(demo_path, "门店试驾反馈份数")
    assert numbers
    with Plan.open(demo_path) as plan:
        plan.nodes.move(plan.nodes.by_code("D1-S3-M1").id, plan.nodes.by_code("D2-S1").id)
    _refresh(d1, demo_path)
    with Plan.open(d1, readonly=True) as dept:
        assert "门店试驾反馈份数" not in {n.title for n in dept.nodes.tree().nodes.values()}
    preview = _merge(demo_path, d1)
    assert preview.numbers == {} and preview.empty
    assert _numbers_of(demo_path, "门店试驾反馈份数") == numbers


@pytest.mark.parametrize("way", ["merge", "refresh"])
def test_a_deleted_branch_taken_back_comes_back_as_itself(demo_path, tmp_path, way):
    """Tester: taking the department's side of "deleted here" brought D1-S2 back as D1-S4 (D1-S4-M1, D1-S4-A1:
    new nodes under new codes, said nowhere), its workbooks' rows and its history elsewhere. The branch comes
    back as itself: its code, its id, its first day, its numbers."""
    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    numbers = _numbers_of(demo_path, "需求模型采纳的配置项数")
    keeper, deleter = (d1, demo_path) if way == "merge" else (demo_path, d1)
    with Plan.open(deleter) as plan:
        before = {c: plan.nodes.by_code(c).id for c in ("D1-S2", "D1-S2-M1", "D1-S2-A1")}
        made = plan.journal.created_on(before.values())
        plan.nodes.delete(before["D1-S2"])
    _edit(keeper, **{"D1-S2": {"title": "改过的S2"}})
    if way == "merge":
        _merge(demo_path, d1, prefer=merge.DEPARTMENT)
    else:
        _refresh(d1, demo_path, prefer=merge.COMPANY)
    with Plan.open(deleter, readonly=True) as plan:
        assert {c: plan.nodes.by_code(c).id for c in before} == before
        assert plan.nodes.by_code("D1-S2").title == "改过的S2"
        assert plan.journal.created_on(before.values()) == made
    assert _numbers_of(deleter, "需求模型采纳的配置项数") == numbers


# ----------------------------------------------------------------------------- review (rev6)
@pytest.mark.parametrize("way", ["merge", "refresh"])
def test_taking_a_number_typed_on_a_measure_the_other_side_deleted_leaves_a_file_that_opens(demo_path, tmp_path, way):
    """Review: the department typed September's actual of D1-S1-M1 while the company deleted the measure (or
    the other way round). The merge offers only an 'actual' conflict for the period (company: none,
    department: 2) — not the deletion; taking the department's side writes the number to the deleted node's
    id: the company plan then refuses to open ('actual value row … is damaged: its node is missing'). A number
    typed on a node deleted here is a 'deleted here' conflict: taken, the measure comes back with it."""
    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    typer, deleter = (d1, demo_path) if way == "merge" else (demo_path, d1)
    _set_number(typer, "D1-S1-M1", "2026-09", actual=2.0)
    with Plan.open(deleter) as plan:
        plan.nodes.delete(plan.nodes.by_code("D1-S1-M1").id)
    if way == "merge":
        _merge(demo_path, d1, prefer=merge.DEPARTMENT)
    else:
        _refresh(d1, demo_path, prefer=merge.COMPANY)
    with Plan.open(deleter, readonly=True) as plan:              # the file still opens
        measure = [n for n in plan.nodes.tree().nodes.values() if n.title == "问卷月回收量"]
        assert len(measure) == 1
        assert [a.actual for a in plan.actuals.of(measure[0].id) if a.period == "2026-09"] == [2.0]


@pytest.mark.parametrize("way", ["merge", "refresh"])
def test_a_change_already_delivered_is_no_conflict_after_a_second_empty_sync(demo_path, tmp_path, way):
    """Review: the department retitled D1-G1 and typed October's actual of D1-S1-M1; the company merged them,
    then retitled D1-G1 its own way and typed another October, and merged the file again (nothing new in it).
    The refresh offers both as conflicts — 'department: 部门的标题' — though the department's values reached the
    company by the first merge and only the company changed them since; keeping the department's side (the
    side the question says changed them) leaves the two files differing for good, and nothing says so again.
    The same the other way round (refresh, the department changes them, an empty refresh, the merge)."""
    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    first, second = (d1, demo_path) if way == "refresh" else (demo_path, d1)

    def sync():
        if way == "refresh":
            _merge(demo_path, d1)
        else:
            _refresh(d1, demo_path)

    _edit(first, **{"D1-G1": {"title": "先改的标题"}})
    _set_number(first, "D1-S1-M1", "2026-10", actual=5.0)
    sync()
    _edit(second, **{"D1-G1": {"title": "后改的标题"}})
    _set_number(second, "D1-S1-M1", "2026-10", actual=6.0)
    sync()                                                       # nothing new on that side
    if way == "refresh":
        with Plan.open(d1) as dept:
            preview = refresh.preview(dept, demo_path)
    else:
        with Plan.open(demo_path) as plan:
            preview = merge.preview(plan, d1)
    assert [(c.code, c.what) for c in preview.conflicts] == []
    if way == "refresh":
        _refresh(d1, demo_path)
    else:
        _merge(demo_path, d1)
    for path in (demo_path, d1):
        with Plan.open(path, readonly=True) as plan:
            assert plan.nodes.by_code("D1-G1").title == "后改的标题", path.name
        assert _values(path, "D1-S1-M1", "2026-10")[0] == 6.0, path.name


@pytest.mark.parametrize("how", ["undo", "taken back"])
def test_a_measure_that_comes_back_to_the_department_file_carries_the_companys_code(demo_path, tmp_path, how):
    """Review: the company deleted D1-S2-M1 by mistake, the department refreshed (the measure left its file),
    the company undid the deletion and the department refreshed again — or the department deleted D1-S2-M1,
    the company retitled it and the refresh took the company's side. The measure comes back in the
    department file as D1-S2-M2 (the deleted node there still holds D1-S2-M1), while the company's is
    D1-S2-M1: the next measure the company adds under D1-S2 is D1-S2-M2 there and D1-S2-M3 in the department
    file — the codes are shifted between the files (a workbook of one writes into the other's other measure).
    Every later refresh previews 'code → D1-S2-M1' for it and applying never makes it."""
    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    if how == "undo":
        with Plan.open(demo_path) as plan:
            plan.nodes.delete(plan.nodes.by_code("D1-S2-M1").id)
            deleted = plan.journal.last_batch_id()
        _refresh(d1, demo_path)
        with Plan.open(demo_path) as plan:
            plan.revert_batch(deleted, "undo: delete")
        _refresh(d1, demo_path)
    else:
        with Plan.open(d1) as dept:
            dept.nodes.delete(dept.nodes.by_code("D1-S2-M1").id)
        _edit(demo_path, **{"D1-S2-M1": {"title": "公司改的衡量"}})
        _refresh(d1, demo_path, prefer=merge.COMPANY)
    assert _part_codes(d1) == _part_codes(demo_path)
    _refresh(d1, demo_path)
    with Plan.open(d1) as dept:
        assert refresh.preview(dept, demo_path).empty


def test_a_new_goal_serving_a_new_measure_of_the_department_serves_that_measure_in_the_company(demo_path, tmp_path):
    """Review: the department added a measure under D1-S3 and a goal under D1 serving it, and the company merged
    the file. The goal is made before the measure (parents first: the goal is higher up), so its 'serves' keeps
    the department file's id of the measure — which in the company is another node (C-S2, a strategy of the
    company's): the company's goal serves C-S2 under the new measure's title, and the refresh that follows
    leaves the department file as it was (the two files disagree without a word)."""
    d1 = tmp_path / "d1.ogsm"
    _split(demo_path, "D1", d1)
    with Plan.open(d1) as dept:
        measure = dept.nodes.add_new(dept.nodes.by_code("D1-S3").id, Kind.MEASURE, title="部门新衡量")
        dept.nodes.add_new(dept.nodes.by_code("D1").id, Kind.GOAL, title="部门新目标", serves_id=measure.id,
                           serves_title=measure.title)
    _merge(demo_path, d1)
    with Plan.open(demo_path, readonly=True) as plan:
        nodes = plan.nodes.tree().nodes
        goal = next(n for n in nodes.values() if n.title == "部门新目标")
        served = nodes.get(goal.serves_id)
        assert served is not None and (served.kind, served.title) == (Kind.MEASURE, "部门新衡量"), served
