"""The history as people read it: each line names what changed, and says "…" only when there is more."""

from ogsm_desktop.core import i18n
from ogsm_desktop.core.history import batch_page, node_changes
from ogsm_desktop.core.storage import Plan


def test_a_comment_or_a_target_changed_alone_is_named_so(demo_path):
    """Found by a tester: a comment-only change read "actual 2026-05: 13,000 (target 10,000) → 13,000
    (target 10,000) “…”", as if nothing had changed."""
    with Plan.open(demo_path) as plan:
        m = plan.nodes.by_code("D1-S1-M1")
        plan.actuals.write([(m.id, "2026-05", 13000.0, 10000.0, "渠道调整")])
        plan.actuals.write([(m.id, "2026-06", 12000.0, 10500.0, "")])
        lines = node_changes(plan, [m.id])
    whats = [line.what for line in lines[:2]]
    assert whats == ["target 2026-06", "comment 2026-05"], whats


def test_the_plan_wide_line_says_more_only_when_there_are_more_nodes(demo_path):
    """Found by a tester: "3 node changes: D1-G2, D1-S2-M1…" — three field changes of two nodes, and the
    "…" promised a third; and ASCII commas and semicolons in the Chinese line."""
    with Plan.open(demo_path) as plan:
        a, b = plan.nodes.by_code("D1-G2"), plan.nodes.by_code("D1-S2-M1")
        with plan.batch(reason="two nodes"):
            plan.nodes.update(a.id, owner="测试负责人", unit="套")
            plan.nodes.update(b.id, owner="测试负责人")
            plan.actuals.write([(b.id, "2026-11", 12.0, None, "")])
        line = batch_page(plan)[0]
        assert line.summary() == "2 nodes changed: D1-G2, D1-S2-M1; 1 actual value written"
        i18n.set_language("zh")
        try:
            text = line.summary()
        finally:
            i18n.set_language("en")
    assert "D1-G2、D1-S2-M1；" in text and "; " not in text, text


def test_a_zero_is_a_value_and_every_changed_node_counts_for_the_more(demo_path):
    """Found in review: a 0 entered with a comment was called "comment …"; and with many rows per node the
    fifth node was never read, so the line lost its "…"."""
    with Plan.open(demo_path) as plan:
        m = plan.nodes.by_code("D1-S1-M1")
        plan.actuals.write([(m.id, "2026-11", 0.0, None, "no spend")])
        assert node_changes(plan, [m.id])[0].what == "actual 2026-11"
        codes = ["C-S1-M1", "C-S1-M2", "C-S2-M1", "C-S2-M2", "C-S3-M1", "C-S3-M2"]
        with plan.batch(reason="many fields"):
            for code in codes:
                node = plan.nodes.by_code(code)
                plan.nodes.update(node.id, owner="某人", unit="单位X", description="说明X", weight=2.0, amber=None,
                                  title=node.title + "X")
        assert batch_page(plan)[0].summary().split(";")[0].endswith("…")


def test_the_department_files_bookkeeping_is_said_in_words_not_as_its_record(demo_path, tmp_path):
    """Found by a tester: the history and a version's changes showed the department files' records as the
    file keeps them (JSON, a long hexadecimal identity)."""
    from ogsm_desktop.core import departments, merge, refresh
    from ogsm_desktop.core.history import setting_text

    d1 = tmp_path / "d1.ogsm"
    with Plan.open(demo_path) as plan:
        departments.split(plan, "D1", d1)
    for _round in range(2):
        with Plan.open(d1) as dept:
            dept.nodes.update(dept.nodes.by_code("D1-G1").id, title=f"第{_round}轮")
        with Plan.open(demo_path) as plan:
            merge.apply(plan, merge.preview(plan, d1))
    with Plan.open(d1) as dept:
        dept.nodes.update(dept.nodes.by_code("D1-G2").id, title="部门改")
    with Plan.open(demo_path) as plan:
        plan.nodes.update(plan.nodes.by_code("C-S1").id, title="公司改")
        said = {key: setting_text(key, plan.meta.get(key)) for key in ("department_merges", "plan_id")}
    with Plan.open(d1) as dept:
        refresh.apply(dept, refresh.preview(dept, demo_path))
        said |= {key: setting_text(key, dept.meta.get(key)) for key in ("department", "department_refresh")}
    assert said["department_merges"] == "D1 merged 2 times"
    assert said["department_refresh"] == "1 refresh taken"
    assert said["department"] == "D1 of 京东新能源汽车 OGSM 2026"
    assert len(said["plan_id"]) == 9 and said["plan_id"].endswith("…")
    assert not any("{" in text for text in said.values())


def test_a_moved_node_is_counted_once_and_its_renumbered_siblings_are_not_listed(demo_path):
    """Tester: a refresh's line read "4 node changes: D1-S3-M1, D1-S3-A1, D1-S2-A1" — journal rows counted,
    not nodes, and siblings listed only because their places shifted around a moved measure; the numbers it
    removed said "10 removed" in English (removed what?)."""
    with Plan.open(demo_path) as plan:
        m = plan.nodes.by_code("D1-S3-M1")
        with plan.batch(reason="move"):
            plan.nodes.move(m.id, plan.nodes.by_code("D1-S2").id, 0)
        line = batch_page(plan)[0]
        assert line.summary() == "1 node changed: D1-S3-M1"
        with plan.batch(reason="clear"):
            plan.actuals.end_for_nodes([m.id])
        assert batch_page(plan)[0].summary().endswith("actual values removed")


def test_a_page_read_again_counts_the_nodes_of_the_new_batches_only(demo_path, monkeypatch):
    """The history is listed again after every edit: the nodes of every batch of its page were counted again
    (the big plan's first batch, 50,000 nodes: 0.08 s at each edit). A batch does not change once committed."""
    with Plan.open(demo_path) as plan:
        known = {}
        first = batch_page(plan, known=known)
        counted = []
        real = type(plan.journal).batch_nodes
        monkeypatch.setattr(type(plan.journal), "batch_nodes", lambda self, batch_id, *a:
                            counted.append(batch_id) or real(self, batch_id, *a))
        with plan.batch(reason="one more"):
            plan.nodes.update(plan.nodes.by_code("D1-G2").id, owner="测试负责人")
        again = batch_page(plan, known=known)
        assert counted == [again[0].batch.id] and again[1:] == first[:len(again) - 1]
        assert again == batch_page(plan)                        # the same lines as read afresh
        assert again[0].summary().startswith("1 node changed: D1-G2")
