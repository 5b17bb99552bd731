from ogsm_desktop.core.lint import check
from ogsm_desktop.core.model import Kind
from ogsm_desktop.core.storage import Plan


def test_method_checks_name_the_node_and_the_rule():
    plan = Plan.in_memory()
    top = plan.nodes.add(None, Kind.OBJECTIVE, title="2026年销量10万辆")
    plan.nodes.add(top.id, Kind.GOAL, title="销量")
    plan.nodes.add(top.id, Kind.STRATEGY, title="没有负责人")
    rules = {(w.node.code, w.rule) for w in check(plan.nodes.tree())}
    assert rules == {
        ("C", "objective-words"), ("C", "goals-count"), ("C", "strategies-count"),
        ("C-S1", "strategy-owner"), ("C-S1", "strategy-measure"), ("C-S1", "strategy-action"),
        ("C-G1", "goal-target"), ("C-G1", "goal-due"),
    }


def test_a_plan_that_follows_the_method_has_no_warnings():
    plan = Plan.in_memory()
    top = plan.nodes.add(None, Kind.OBJECTIVE, title="成为第一入口")
    for i in range(3):
        plan.nodes.add(top.id, Kind.GOAL, title=f"目标{i}", target=1, due_date="2026-12-31")
        s = plan.nodes.add(top.id, Kind.STRATEGY, title=f"策略{i}", owner="李娜")
        plan.nodes.add(s.id, Kind.MEASURE, title="指标", target=1)
        plan.nodes.add(s.id, Kind.ACTION, title="行动")
    assert check(plan.nodes.tree()) == []


def test_thresholds_on_the_wrong_side_of_the_target_are_a_warning_and_the_import_says_it(demo_path, tmp_path):
    """Found by a tester: a Measures sheet flipped D1-S1-M1 to lower is better while its amber and red
    (9,000 and 8,000) stayed below its target (10,000): every figure over the target then read off track,
    and neither the preview nor the plan said a word."""
    from ogsm_desktop.core.excel import importer
    from ogsm_desktop.core.lint import threshold_problem
    from tests.helpers import write_xlsx

    with Plan.open(demo_path) as plan:
        m = plan.nodes.by_code("D1-S1-M1")
        plan.nodes.update(m.id, amber=9000.0, red=8000.0)
        assert threshold_problem(plan.nodes.get(m.id)) is None
        book = write_xlsx(tmp_path / "m.xlsx", {"Measures": [["Code", "Title", "Target", "Direction"],
                                                             ["D1-S1-M1", m.title, m.target, "越低"]]})
        preview = importer.analyse(plan, book)
        assert preview.ok
        said = [w for w in preview.warnings if w.startswith("D1-S1-M1")]
        assert len(said) == 1 and "lower is better" in said[0] and "8,000" in said[0], preview.warnings
        importer.apply(plan, preview)
        rules = {(w.node.code, w.rule) for w in check(plan.nodes.tree())}
    assert ("D1-S1-M1", "thresholds-side") in rules


def _standing_limits(plan, code):
    from ogsm_desktop.core.lint import judged_targets, threshold_problem
    from ogsm_desktop.core.plan_settings import MonitorSettings

    node, settings = plan.nodes.by_code(code), MonitorSettings.of(plan)
    return threshold_problem(node, settings, judged_targets(node, plan.actuals.targets(node.id), settings.basis))


def test_what_the_threshold_warning_says_is_what_the_status_then_does():
    """Found in review: the warning said "a figure that meets the target would read at risk or off track",
    which never happens (a met target is always on track); what does happen is that any shortfall jumps
    to amber or red, or that amber never shows. Each message now says its own effect, and the status agrees."""
    from ogsm_desktop.core.model import Direction
    from ogsm_desktop.core.status import measure_status

    plan = Plan.in_memory()
    top = plan.nodes.add(None, Kind.OBJECTIVE, title="增长")
    s = plan.nodes.add(top.id, Kind.STRATEGY, title="渠道")
    cases = {   # amber, red, direction → the figure 1 short of the target 100 and the status it gets
        "M-red": (None, 120.0, Direction.HIGHER, "off track", "off_track"),
        "M-amber": (101.0, 80.0, Direction.HIGHER, "at risk", "at_risk"),
        "M-low": (None, 90.0, Direction.LOWER, "off track", "off_track"),
    }
    for code, (amber, red, direction, said, status) in cases.items():
        m = plan.nodes.add(s.id, Kind.MEASURE, title=code, code=code, target=100.0, amber=amber, red=red,
                           direction=direction)
        wrong = _standing_limits(plan, code)
        assert wrong is not None and f"would read {said}" in wrong and "meets the target" not in wrong, wrong
        short = 99.0 if direction == Direction.HIGHER else 101.0
        assert measure_status(plan.nodes.get(m.id), short, 100.0) == status
        assert measure_status(plan.nodes.get(m.id), 100.0, 100.0) == "on_track"


def test_one_own_threshold_is_checked_with_the_plans_percentage_for_the_other():
    """Found in review: an own amber of 80 under a target of 100, with the plan's red at 90 % (90), meant
    that at risk could never show (anything under 90 read off track), and nothing said so; a warning that
    named the unset threshold read "(none, 12,000)". The percentage now stands in, named as such."""
    from ogsm_desktop.core.model import Direction
    from ogsm_desktop.core.status import measure_status

    plan = Plan.in_memory()
    top = plan.nodes.add(None, Kind.OBJECTIVE, title="增长")
    s = plan.nodes.add(top.id, Kind.STRATEGY, title="渠道")
    m = plan.nodes.add(s.id, Kind.MEASURE, title="销量", code="M1", target=100.0, amber=80.0)
    wrong = _standing_limits(plan, "M1")
    assert wrong is not None and "never read at risk" in wrong and "90 (90% of the target 100)" in wrong, wrong
    assert "none" not in wrong
    assert {measure_status(plan.nodes.get(m.id), v, 100.0) for v in (99.0, 85.0, 50.0)} == {"on_track", "off_track"}
    plan.nodes.update(m.id, amber=95.0)                # in order with the plan's red of 90
    assert _standing_limits(plan, "M1") is None
    plan.nodes.update(m.id, amber=None, red=120.0, direction=Direction.LOWER)    # red alone, the right side
    assert _standing_limits(plan, "M1") is None
    plan.nodes.update(m.id, red=103.0)                 # under the plan's amber for lower is better: 105 % of 100
    wrong = _standing_limits(plan, "M1")
    assert wrong is not None and "105 (105% of the target 100)" in wrong and "never read at risk" in wrong, wrong


def test_a_summed_measures_thresholds_are_checked_against_its_periods_targets():
    """Found in review: a summed measure was never checked (its target is the year's); its figures are
    judged each period against the period's target, so an own red of 900 — a year's figure — under
    monthly targets of 100 made every short month read off track."""
    plan = Plan.in_memory()
    top = plan.nodes.add(None, Kind.OBJECTIVE, title="增长")
    s = plan.nodes.add(top.id, Kind.STRATEGY, title="渠道", owner="李娜")
    m = plan.nodes.add(s.id, Kind.MEASURE, title="销量", code="M1", target=1200.0, amber=950.0, red=900.0,
                       aggregation="sum")
    assert _standing_limits(plan, "M1") is None            # no period has a target yet: nothing is judged
    plan.actuals.write([(m.id, f"2026-{k:02d}", None, 100.0, "") for k in range(1, 13)])
    wrong = _standing_limits(plan, "M1")
    assert wrong is not None and "900" in wrong and "its target 100 " in wrong, wrong
    from ogsm_desktop.core.plan_settings import MonitorSettings
    rules = {(w.node.code, w.rule) for w in check(plan.nodes.tree(), MonitorSettings.of(plan), plan.actuals.targets)}
    assert ("M1", "thresholds-side") in rules
    plan.nodes.update(m.id, amber=95.0, red=90.0)          # monthly thresholds: in order
    assert _standing_limits(plan, "M1") is None


def test_a_new_measure_with_thresholds_on_the_wrong_side_is_said_in_the_preview(demo_path, tmp_path):
    """Found in review: the preview checked the thresholds of measures it changed, not of those it adds."""
    from ogsm_desktop.core.excel import importer
    from tests.helpers import write_xlsx

    with Plan.open(demo_path) as plan:
        parent = plan.nodes.by_code("D1-S1")
        book = write_xlsx(tmp_path / "m.xlsx", {"Measures": [
            ["Code", "Parent", "Title", "Target", "Direction", "Amber", "Red"],
            ["D1-S1-M9", parent.code, "退货率", 2, "越低", 1.5, 1]]})
        preview = importer.analyse(plan, book)
    assert preview.ok, preview.problems
    said = [w for w in preview.warnings if w.startswith("D1-S1-M9")]
    assert len(said) == 1 and "off-track limit 1 " in said[0], preview.warnings


def test_a_negative_targets_percentage_threshold_is_named_as_the_share_it_is():
    """Found in review: for a negative target (a loss to keep under) the plan's amber of 95 % lies at 105 % of
    the target, as status.limits works it out; the warning named it 95 %."""
    from ogsm_desktop.core.lint import threshold_problem
    from ogsm_desktop.core.model import Node

    loss = Node(2, Kind.MEASURE, "M2", "利润", target=-100.0, red=-101.0)      # red before the plan's amber
    wrong = threshold_problem(loss)
    assert wrong is not None and "-105 (105% of the target -100)" in wrong, wrong


def _summed_plan(path, **limits):
    """A plan file with one summed monthly measure (a year's target of 1,200) and the given own thresholds."""
    with Plan.create(path) as plan:
        top = plan.nodes.add(None, Kind.OBJECTIVE, title="增长")
        s = plan.nodes.add(top.id, Kind.STRATEGY, title="渠道", owner="李娜")
        plan.nodes.add(s.id, Kind.MEASURE, title="销量", code="M1", target=1200.0, aggregation="sum", **limits)
    return path


def _monthly_targets(code: str, target: float) -> list[list]:
    return [["Code", "Period", "Target"]] + [[code, f"2026-{k:02d}", target] for k in range(1, 13)]


def test_targets_imported_with_the_workbook_are_what_its_thresholds_are_checked_against(tmp_path):
    """Found in review: the preview checked thresholds against the targets the plan had before the import, so
    a workbook giving a summed measure its first monthly targets (100 a month, under its own year-scale red of
    900) was previewed without a word, and every short month then read off track."""
    from ogsm_desktop.core.excel import importer
    from tests.helpers import write_xlsx

    path = _summed_plan(tmp_path / "p.ogsm", amber=950.0, red=900.0)
    book = write_xlsx(tmp_path / "t.xlsx", {"Actuals": _monthly_targets("M1", 100.0)})
    with Plan.open(path) as plan:
        preview = importer.analyse(plan, book)
    assert preview.ok, preview.problems
    said = [w for w in preview.warnings if w.startswith("M1")]
    assert len(said) == 1 and "its target 100 " in said[0], preview.warnings


def test_a_new_summed_measure_is_checked_against_the_targets_its_workbook_gives_it(demo_path, tmp_path):
    """Found in review: a summed measure the workbook adds had no targets to be checked against (its periods'
    targets are in the same workbook), so thresholds on a year's scale went unsaid."""
    from ogsm_desktop.core.excel import importer
    from tests.helpers import write_xlsx

    book = write_xlsx(tmp_path / "m.xlsx", {
        "Measures": [["Code", "Parent", "Title", "Target", "Aggregation", "Amber", "Red"],
                     ["D1-S1-M9", "D1-S1", "新客户", 1200, "sum", 950, 900]],
        "Actuals": _monthly_targets("D1-S1-M9", 100.0)})
    with Plan.open(demo_path) as plan:
        preview = importer.analyse(plan, book)
    assert preview.ok, preview.problems
    said = [w for w in preview.warnings if w.startswith("D1-S1-M9")]
    assert len(said) == 1 and "its target 100 " in said[0], preview.warnings


def test_thresholds_right_for_the_targets_the_workbook_brings_are_not_said(tmp_path):
    """The other way round: monthly thresholds (95, 90) wrong for the plan's year target alone are right for
    the monthly targets the same workbook gives, and the preview says nothing of them; nor does it repeat a
    problem the plan already has for targets it gives again. New targets with a problem of their own are
    said, whatever the plan had (found in review: a plan with one wrong target hid every other)."""
    from ogsm_desktop.core.excel import importer
    from tests.helpers import write_xlsx

    path = _summed_plan(tmp_path / "p.ogsm", amber=950.0, red=900.0)
    with Plan.open(path) as plan:           # the plan already has the problem: 100 a month under a red of 900
        plan.actuals.write([(plan.nodes.by_code("M1").id, f"2026-{k:02d}", None, 100.0, "") for k in range(1, 13)])
    with Plan.open(path) as plan:
        preview = importer.analyse(plan, write_xlsx(tmp_path / "same.xlsx", {"Actuals": _monthly_targets("M1", 100.0)}))
        assert [w for w in preview.warnings if w.startswith("M1")] == []
        preview = importer.analyse(plan, write_xlsx(tmp_path / "t.xlsx", {"Actuals": _monthly_targets("M1", 110.0)}))
        said = [w for w in preview.warnings if w.startswith("M1")]
        assert len(said) == 1 and "its target 110 " in said[0], said
    book = write_xlsx(tmp_path / "fixed.xlsx", {
        "Measures": [["Code", "Amber", "Red"], ["M1", 95, 90]],
        "Actuals": _monthly_targets("M1", 100.0)})
    with Plan.open(path) as plan:
        preview = importer.analyse(plan, book)
    assert preview.ok, preview.problems
    assert [w for w in preview.warnings if w.startswith("M1")] == []


def test_a_problem_the_plan_has_does_not_hide_one_the_workbooks_targets_bring(tmp_path):
    """Found in review: a measure with thresholds 95 / 90 and one stored target of 94 (a problem already: 95
    is not beyond it) hid the worse one of eleven new targets of 50; and targets that are fine are not
    blamed for the measure's own target's problem."""
    from ogsm_desktop.core.excel import importer
    from tests.helpers import write_xlsx

    path = tmp_path / "p.ogsm"
    with Plan.create(path) as plan:
        top = plan.nodes.add(None, Kind.OBJECTIVE, title="增长")
        s = plan.nodes.add(top.id, Kind.STRATEGY, title="渠道", owner="李娜")
        m = plan.nodes.add(s.id, Kind.MEASURE, title="销量", code="M1", target=100.0, amber=95.0, red=90.0)
        plan.actuals.write([(m.id, "2026-01", None, 94.0, "")])
    targets = [["Code", "Period", "Target"]] + [["M1", f"2026-{k:02d}", 50.0] for k in range(2, 13)]
    with Plan.open(path) as plan:
        preview = importer.analyse(plan, write_xlsx(tmp_path / "t.xlsx", {"Actuals": targets}))
        said = [w for w in preview.warnings if w.startswith("M1")]
        assert len(said) == 1 and "its target 50 " in said[0], preview.warnings
        plan.nodes.update(m.id, target=80.0)             # a problem of its own target: 90 is above 80
        fine = [["Code", "Period", "Target"]] + [["M1", f"2026-{k:02d}", 100.0] for k in range(2, 13)]
        preview = importer.analyse(plan, write_xlsx(tmp_path / "fine.xlsx", {"Actuals": fine}))
        assert [w for w in preview.warnings if w.startswith("M1")] == [], preview.warnings


def test_a_summed_measure_judged_on_the_quarter_to_date_has_its_limits_checked_against_its_sums(tmp_path):
    """With statuses judged on the quarter to date, a summed measure's figure is the sum of the quarter's
    months so far, judged against the sum of their targets: a cost kept under 100 a month with an off-track
    limit of 150 reads off track from February on (200 due, 150 the limit) — said like any limit on the
    wrong side of a target, in the plan's warnings and in an import's preview."""
    from ogsm_desktop.core.excel import importer
    from ogsm_desktop.core.plan_settings import MonitorSettings
    from tests.helpers import write_xlsx

    path = tmp_path / "p.ogsm"
    with Plan.create(path) as plan:
        top = plan.nodes.add(None, Kind.OBJECTIVE, title="增长")
        s = plan.nodes.add(top.id, Kind.STRATEGY, title="渠道", owner="李娜")
        m = plan.nodes.add(s.id, Kind.MEASURE, title="月度费用", code="M", target=1200.0, aggregation="sum",
                           direction="lower", amber=120.0, red=150.0)
        plan.actuals.write([(m.id, f"2026-{k:02d}", None, 100.0, "") for k in range(1, 4)])
        assert _standing_limits(plan, "M") is None                     # judged month by month: in order
        plan.meta.set("status_basis", "quarter")
        assert MonitorSettings.of(plan).basis == "quarter"
        said = _standing_limits(plan, "M")
        assert said is not None and "150" in said and "200" in said, said
        assert ("M", "thresholds-side") in {(w.node.code, w.rule) for w in check(
            plan.nodes.tree(), MonitorSettings.of(plan), plan.actuals.targets)}
        plan.nodes.update(m.id, red=None, amber=None)
        book = write_xlsx(tmp_path / "m.xlsx", {"Measures": [["Code", "Title", "Target", "Direction", "Amber", "Red"],
                                                             ["M", "月度费用", 1200, "越低", 120, 150]]})
        preview = importer.analyse(plan, book)
        assert any(w.startswith("M") and "150" in w for w in preview.warnings), preview.warnings
