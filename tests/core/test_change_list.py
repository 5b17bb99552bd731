"""The changes since a version as a report lists them: each with the batch that made it, grouped by unit."""

from ogsm_desktop.core import demo
from ogsm_desktop.core import versions as ver
from ogsm_desktop.core.change_list import changes_by_unit
from ogsm_desktop.core.storage import Plan


def test_each_change_names_the_last_batch_that_made_it_grouped_by_unit(demo_path):
    with Plan.open(demo_path) as plan:
        d1_measure = plan.nodes.by_code("D1-S1-M1")
        with plan.batch(reason="first try"):
            plan.nodes.update(d1_measure.id, target=11000.0)
        with plan.batch(reason="agreed with the team"):
            plan.nodes.update(d1_measure.id, target=12000.0)
        diff = ver.compare(plan, ver.resolve(plan, demo.V2[0]), ver.resolve(plan, None))
        tree = plan.nodes.tree()
        groups = changes_by_unit(plan, diff, tree)
        assert [g.unit.code for g in groups][:2] == ["C", "D1"]          # in the plan's order
        d1 = next(g for g in groups if g.unit.code == "D1")
        target = next(i for i in d1.items if i.node.code == "D1-S1-M1" and i.what == "target")
        assert (target.old, target.new, target.batch.reason) == ("10,000", "12,000", "agreed with the team")
        october = next(i for i in d1.items if i.node.code == "D1-S1-M1" and i.what == "actual 2026-10")
        assert october.batch.kind == "import" and october.new == "9,000" and october.old == "—"
        assert [b.reason for b, _items in d1.by_batch()][-1] == "agreed with the team"
        only_d1 = changes_by_unit(plan, diff, tree, units_in_scope={tree.nodes[d1_measure.id].id, d1.unit.id})
        assert [g.unit.code for g in only_d1] == ["D1"]
        few = changes_by_unit(plan, diff, tree, limit=2)
        assert all(len(g.items) <= 2 for g in few) and sum(g.more for g in few) > 0


def test_a_choice_and_the_alert_rules_are_listed_in_words(demo_path):
    """The report's list of changes said "direction higher → lower" and "alerts switched off stale": what
    the plan file stores, not what the window calls them."""
    from ogsm_desktop.core import i18n

    with Plan.open(demo_path) as plan:
        measure = plan.nodes.by_code("D1-S1-M1")
        with plan.batch(reason="re-defined"):
            plan.nodes.update(measure.id, direction="lower", alerts_off="stale,red")
        diff = ver.compare(plan, ver.resolve(plan, demo.V2[0]), ver.resolve(plan, None))
        items = {i.what: (i.old, i.new) for g in changes_by_unit(plan, diff, plan.nodes.tree()) for i in g.items
                 if i.node.code == "D1-S1-M1"}
        assert items["direction"] == ("higher is better", "lower is better")
        assert items["alerts switched off"] == ("—", "no recent actual, red threshold crossed")
        i18n.set_language("zh_CN")
        items = {i.what: (i.old, i.new) for g in changes_by_unit(plan, diff, plan.nodes.tree()) for i in g.items
                 if i.node.code == "D1-S1-M1"}
        assert items["方向"] == ("越高越好", "越低越好")


def test_a_long_comment_changed_late_shows_where_it_differs(demo_path):
    """Found in review: a long comment edited near its end was listed "xxx…(57)… → xxx…(57)…", both sides
    alike; and two texts that differ by a line break only looked the same."""
    from ogsm_desktop.core.history import short_pair

    head = "门店试驾投放与线上预约渠道整合，" * 5
    with Plan.open(demo_path) as plan:
        m = plan.nodes.by_code("D1-S1-M1")
        plan.actuals.write([(m.id, "2026-10", 9000.0, 10000.0, head + "旧版")])
        ver.save_version(plan, "before", "test")
        before = ver.resolve(plan, "before")
        plan.actuals.write([(m.id, "2026-10", 9000.0, 10000.0, head + "新版")])
        diff = ver.compare(plan, before, ver.resolve(plan, None))
        groups = changes_by_unit(plan, diff, plan.nodes.tree())
        item = next(i for g in groups for i in g.items if i.what == "comment 2026-10")
        assert item.old != item.new and item.old.endswith("旧版") and item.new.endswith("新版"), item
    assert short_pair("第一行\n第二行", "第一行 第二行") == ("第一行↵第二行", "第一行 第二行")


def test_a_new_zero_and_a_cleared_value_are_changes(demo_path):
    """Found in review: a new actual of 0 (a month without sales) was left out of the changes since a
    version, as if nothing had been recorded; so was a value set back to 0."""
    with Plan.open(demo_path) as plan:
        m = plan.nodes.by_code("D1-S1-M1")
        plan.actuals.write([(m.id, "2026-11", 5.0, None, "")])
        ver.save_version(plan, "before", "test")
        before = ver.resolve(plan, "before")
        plan.actuals.write([(m.id, "2026-12", 0.0, 0.0, ""), (m.id, "2026-11", 0.0, None, "")])
        diff = ver.compare(plan, before, ver.resolve(plan, None))
        items = {i.what: (i.old, i.new) for g in changes_by_unit(plan, diff, plan.nodes.tree()) for i in g.items
                 if i.node.code == "D1-S1-M1"}
    assert items["actual 2026-12"] == ("—", "0")
    assert items["target 2026-12"] == ("—", "0")
    assert items["actual 2026-11"] == ("5", "0")
    assert "comment 2026-12" not in items                  # none before, none after: not a change


def test_a_change_brought_back_by_undo_or_redo_names_the_batch_that_made_it(demo_path):
    """Tester: a merge, a restore of the version before it, and the restore undone — the board pack listed
    the merge's new measure, title and number under "undo: Restore …" (the batch that wrote them last). Undo
    and redo bring back what another batch made: the change is that batch's, with its reason."""
    with Plan.open(demo_path) as plan:
        ver.save_version(plan, "before", "before the department's plan")
        s1 = plan.nodes.by_code("D1-S1")
        m1 = plan.nodes.by_code("D1-S1-M1")
        with plan.batch("merge", "merge d1.ogsm (D1)"):
            made = plan.nodes.add_new(s1.id, "measure", title="新的衡量")
            plan.nodes.update(m1.id, title="部门改的标题")
            plan.actuals.write([(m1.id, "2026-11", 777.0, None, "")])
        with plan.batch("edit", "a later edit"):
            plan.nodes.update(m1.id, owner="别人")
        ver.restore(plan, "before", "back to before")
        restore = plan.journal.last_batch_id()
        plan.revert_batch(restore, "undo: back to before", kind="undo")
        undo = plan.journal.last_batch_id()
        plan.revert_batch(undo, "redo: back to before", kind="redo")
        plan.revert_batch(plan.journal.last_batch_id(), "undo: back to before", kind="undo")
        diff = ver.compare(plan, ver.resolve(plan, "before"), ver.resolve(plan, None))
        items = [i for g in changes_by_unit(plan, diff, plan.nodes.tree()) for i in g.items]
        made_by = {(i.node.id, i.what): i.batch.reason for i in items}
        assert made_by[(made.id, "created")] == "merge d1.ogsm (D1)"
        assert made_by[(m1.id, "title")] == "merge d1.ogsm (D1)"
        assert made_by[(m1.id, "actual 2026-11")] == "merge d1.ogsm (D1)"
        assert made_by[(m1.id, "owner")] == "a later edit"


def test_each_of_a_periods_numbers_names_the_batch_that_changed_it(demo_path):
    """Found by the window's tester: an actual corrected with a reason after the import of the month listed the
    month's target too ("target 2026-10 — → 21,500") under that reason, though the correction never touched it:
    a period's actual, target and comment were put down to the last batch that wrote the period."""
    from ogsm_desktop.core import numbers

    with Plan.open(demo_path) as plan:
        m2 = plan.nodes.by_code("C-S1-M2")
        with plan.batch("edit", "门店补录了10月线下试驾预约1300次"):
            numbers.write(plan, m2, {"2026-10": {"actual": 18900.0}})
        diff = ver.compare(plan, ver.resolve(plan, demo.V2[0]), ver.resolve(plan, None))
        items = {i.what: i for g in changes_by_unit(plan, diff, plan.nodes.tree()) for i in g.items
                 if i.node.code == "C-S1-M2" and i.what.endswith("2026-10")}
        assert (items["actual 2026-10"].new, items["actual 2026-10"].batch.reason) == (
            "18,900", "门店补录了10月线下试驾预约1300次")
        assert items["target 2026-10"].new == "21,500"
        assert items["target 2026-10"].batch.kind == "import", items["target 2026-10"].batch


def test_a_long_title_is_listed_whole_for_the_board(demo_path):
    """Found by the window's tester: a long Chinese title changed was listed "…→ 成为中国新能源汽车消费者首选的第一
    入口，…服务网络…": the board could not read what the title became. A report lists a title (and a node created or
    deleted) whole, up to REPORT_TEXT characters; long descriptions and comments stay cut where they differ."""
    from ogsm_desktop.core.change_list import REPORT_TEXT

    title = "成为中国新能源汽车消费者首选的第一入口，以覆盖全国三四线城市的服务网络和线上线下一体化的体验，让每一位年轻家庭都能安心用车"
    assert 60 < len(title) < REPORT_TEXT
    with Plan.open(demo_path) as plan:
        top = plan.nodes.by_code("C")
        with plan.batch(reason="board wording"):
            plan.nodes.update(top.id, title=title)
            plan.nodes.add_new(top.id, "goal", title=title + "（新目标）")
        diff = ver.compare(plan, ver.resolve(plan, demo.V2[0]), ver.resolve(plan, None))
        items = [i for g in changes_by_unit(plan, diff, plan.nodes.tree()) for i in g.items if i.node.code.startswith("C")]
    changed = next(i for i in items if i.node.code == "C" and i.what == "title")
    assert changed.new == title and "…" not in changed.new
    created = next(i for i in items if i.what == "created")
    assert created.new == title + "（新目标）"


def test_a_node_moved_to_another_unit_is_told_in_the_unit_it_left_too(demo_path):
    """A measure moved from D1 to D2 was listed under D2 alone: D1's department pack did not say it had lost
    it."""
    with Plan.open(demo_path) as plan:
        version = ver.resolve(plan, plan.versions.all()[-1].name)
        measure = plan.nodes.by_code("D1-S1-M1")
        with plan.batch(reason="D2 owns it now"):
            plan.nodes.move(measure.id, plan.nodes.by_code("D2-S1").id)
        tree = plan.nodes.tree()
        groups = {g.unit.code: g for g in changes_by_unit(plan, ver.compare(plan, version, ver.resolve(plan, None)), tree)}
        for unit in ("D1", "D2"):
            moved = [i for i in groups[unit].items if i.node.code == "D1-S1-M1" and i.old == "D1-S1"]
            assert [(i.old, i.new, i.batch.reason) for i in moved] == [("D1-S1", "D2-S1", "D2 owns it now")], unit


def test_a_countermeasure_written_is_listed_whole_for_the_board(demo_path):
    """Found by a new user: a long countermeasure written since the version was listed cut with "…", so the
    board could not read what was decided. Comments, as titles, are listed whole up to the report's length."""
    comment = "对策：与广汽联合开展周末试驾活动，增加门店试驾车辆并延长营业时间，同时在京东APP首页投放定向广告，预计下月试驾预约量回升至目标水平。" * 2
    with Plan.open(demo_path) as plan:
        version = ver.resolve(plan, plan.versions.all()[-1].name)
        m = plan.nodes.by_code("C-S1-M2")
        plan.actuals.write([(m.id, "2026-10", 17600.0, 21500.0, comment)])
        diff = ver.compare(plan, version, ver.resolve(plan, None))
        item = next(i for g in changes_by_unit(plan, diff, plan.nodes.tree()) for i in g.items
                    if i.node.code == "C-S1-M2" and i.what == "comment 2026-10")
    assert 60 < len(comment) <= 240 and item.new == comment
