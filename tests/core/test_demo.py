"""The demo plan a new user sees first: the article's cascade, actuals, a slipping measure, two versions."""

import datetime as dt

from ogsm_desktop.core import demo, monitoring
from ogsm_desktop.core.model import Kind
from ogsm_desktop.core.storage import Plan


def test_demo_cascades_company_to_departments_to_people(demo_path):
    with Plan.open(demo_path, readonly=True) as plan:
        tree = plan.nodes.tree()
        top = tree.roots()
        assert [n.title for n in top] == ["成为新能源汽车消费的第一入口"]
        objectives = [n for n in tree.nodes.values() if n.kind is Kind.OBJECTIVE]
        depth = {n.code: tree.objective_depth(n.id) for n in objectives}
        assert sum(d == 1 for d in depth.values()) >= 2        # departments
        assert sum(d == 2 for d in depth.values()) >= 2        # individuals
        titles = {n.title for n in tree.nodes.values()}
        assert {"线上试驾转化率", "换电服务满意度", "收集10万份用户需求数据", "全年策划10场线上发布会"} <= titles


def test_demo_has_a_measure_below_target_two_periods_in_a_row(demo_path):
    with Plan.open(demo_path, readonly=True) as plan:
        m = plan.nodes.by_code("C-S1-M2")
        last_two = plan.actuals.of(m.id)[-2:]
        assert [a.period for a in last_two] == ["2026-09", "2026-10"]
        assert all(a.actual < a.target for a in last_two)
        standing = monitoring.standings(plan, dt.date(2026, 11, 22))
        statuses = {str(s.status) for s in standing.values()}
        assert {"on_track", "at_risk"} <= statuses


def test_demo_has_two_named_versions_with_reasons(demo_path):
    with Plan.open(demo_path, readonly=True) as plan:
        assert [(v.name, v.reason) for v in plan.versions.all()] == [demo.V1, demo.V2]


def test_demo_force_does_not_replace_a_plan_open_for_editing(demo_path, capsys):
    from ogsm_desktop.cli import main
    from tests.helpers import file_digest

    with Plan.open(demo_path):
        digest = file_digest(demo_path)
        assert main(["demo", str(demo_path), "--force"]) == 1
        assert "already open for editing elsewhere" in capsys.readouterr().err
        assert file_digest(demo_path) == digest


def test_demo_force_killed_at_any_moment_leaves_the_old_plan_or_the_new_one(demo_path, tmp_path):
    """`demo --force` deleted first and wrote after: killed in between, 9 of 30 plans were empty or half-written."""
    import random
    import signal
    import subprocess
    import sys
    import time

    with Plan.open(demo_path) as plan:
        plan.meta.set("name", "旧计划")
    rng = random.Random(7)
    for trial in range(12):
        proc = subprocess.Popen([sys.executable, "-m", "ogsm_desktop", "demo", str(demo_path), "--force"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.1, 0.5))            # the run takes about 0.45 s: kills land all through it
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        with Plan.open(demo_path, readonly=True) as plan:
            name, nodes, versions = plan.name, len(plan.nodes.tree().nodes), len(plan.versions.all())
        assert (name, nodes, versions) in {("旧计划", 53, 2), ("京东新能源汽车 OGSM 2026", 53, 2)}, trial
        leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".demo.ogsm.")]
        for name in leftovers:                     # a killed run may leave its unfinished copy, never the plan
            (tmp_path / name).unlink()
    assert subprocess.run([sys.executable, "-m", "ogsm_desktop", "demo", str(demo_path), "--force"]).returncode == 0
    with Plan.open(demo_path, readonly=True) as plan:
        assert plan.name == "京东新能源汽车 OGSM 2026" and len(plan.versions.all()) == 2


def test_demo_into_a_folder_or_a_missing_folder_is_one_line(tmp_path, capsys):
    from ogsm_desktop.cli import main

    assert main(["demo", str(tmp_path), "--force"]) == 1
    assert "is a folder" in capsys.readouterr().err
    assert main(["demo", str(tmp_path / "missing" / "p.ogsm")]) == 1
    assert "the folder does not exist" in capsys.readouterr().err
