"""`split` and `merge` on the command line: a department's part out and back, conflicts named, exit 1
and nothing written while they are not chosen."""

from ogsm_desktop.cli import main
from ogsm_desktop.core.storage import Plan


def test_split_then_merge_with_a_conflict(demo_path, tmp_path, capsys):
    dept = tmp_path / "d1.ogsm"
    assert main(["split", str(demo_path), "D1", str(dept)]) == 0
    assert "D1" in capsys.readouterr().out and dept.exists()
    assert main(["numbers", str(dept), "D1-S1-M1", "--set", "2026-11=777", "--reason", "部门录入"]) == 0
    assert main(["numbers", str(demo_path), "D1-S1-M1", "--set", "2026-11=555", "--reason", "公司录入"]) == 0
    capsys.readouterr()
    before = demo_path.read_bytes()
    assert main(["merge", str(demo_path), str(dept)]) == 1
    captured = capsys.readouterr()
    assert "D1-S1-M1 2026-11: company 555 / department 777" in captured.out and "--prefer" in captured.err
    assert main(["merge", str(demo_path), str(dept), "--dry-run", "--prefer", "department"]) == 0
    assert demo_path.read_bytes() == before
    assert main(["merge", str(demo_path), str(dept), "--prefer", "department"]) == 0
    with Plan.open(demo_path, readonly=True) as plan:
        node = plan.nodes.by_code("D1-S1-M1")
        assert [a.actual for a in plan.actuals.of(node.id) if a.period == "2026-11"] == [777]
        assert plan.journal.batches()[-1].kind == "merge"
    capsys.readouterr()
    assert main(["merge", str(demo_path), str(dept)]) == 0
    assert "nothing new" in capsys.readouterr().out


def test_a_plan_that_is_not_a_department_file_is_refused(demo_path, tmp_path, capsys):
    other = tmp_path / "other.ogsm"
    assert main(["demo", str(other)]) == 0
    before = demo_path.read_bytes()
    assert main(["merge", str(demo_path), str(other)]) == 1
    assert "not a department plan file" in capsys.readouterr().err
    assert demo_path.read_bytes() == before


def test_only_a_unit_objective_is_split(demo_path, tmp_path, capsys):
    assert main(["split", str(demo_path), "C-G1", str(tmp_path / "x.ogsm")]) == 1
    assert "not the objective of an org unit" in capsys.readouterr().err
    assert not (tmp_path / "x.ogsm").exists()


def test_refresh_takes_the_companys_changes_and_names_conflicts(demo_path, tmp_path, capsys):
    dept = tmp_path / "d1.ogsm"
    assert main(["split", str(demo_path), "D1", str(dept)]) == 0
    assert main(["numbers", str(dept), "D1-S1-M1", "--set", "2026-11=777", "--reason", "部门录入"]) == 0
    assert main(["numbers", str(demo_path), "D1-S1-M1", "--set", "2026-11=555", "--reason", "公司录入"]) == 0
    assert main(["numbers", str(demo_path), "D1-S2-M1", "--set", "2026-11=9", "--reason", "公司录入"]) == 0
    capsys.readouterr()
    before = dept.read_bytes()
    assert main(["refresh", str(dept), str(demo_path)]) == 1
    captured = capsys.readouterr()
    assert "D1-S1-M1 2026-11: company 555 / department 777" in captured.out and "--prefer" in captured.err
    assert dept.read_bytes() == before
    assert main(["refresh", str(dept), str(demo_path), "--prefer", "department"]) == 0
    with Plan.open(dept, readonly=True) as plan:
        numbers = {code: [a.actual for a in plan.actuals.of(plan.nodes.by_code(code).id) if a.period == "2026-11"]
                   for code in ("D1-S1-M1", "D1-S2-M1")}
        assert numbers == {"D1-S1-M1": [777], "D1-S2-M1": [9]}
        assert plan.journal.batches()[-1].kind == "refresh"
    capsys.readouterr()
    assert main(["refresh", str(dept), str(demo_path)]) == 0
    assert "nothing new" in capsys.readouterr().out
    assert main(["refresh", str(demo_path), str(demo_path)]) == 1      # the company plan is no department file
    assert "not a department plan file" in capsys.readouterr().err


def test_a_file_whose_unit_was_deleted_comes_back_only_when_asked(demo_path, tmp_path, capsys):
    dept = tmp_path / "d1.ogsm"
    assert main(["split", str(demo_path), "D1", str(dept)]) == 0
    with Plan.open(demo_path) as plan:
        plan.nodes.delete(plan.nodes.by_code("D1").id)
    capsys.readouterr()
    before = demo_path.read_bytes()
    assert main(["merge", str(demo_path), str(dept)]) == 1
    assert "--as-new-under" in capsys.readouterr().err and demo_path.read_bytes() == before
    assert main(["merge", str(demo_path), str(dept), "--as-new-under", "C-S2", "--dry-run"]) == 0
    said = capsys.readouterr().out.splitlines()          # why each code changes (a tester: not "taken" by no node)
    assert "  + D3 让用户需求直接定义定制车型 (new; D1 in the department file, another node's here before)" in said
    assert "  + P3 高质量完成用户需求调研 (new; P1 in the department file, another node's here before)" in said
    assert any(line.startswith("  + D3-S1 ") and line.endswith("(new; D1-S1 in the department file, under a node "
                                                                 "whose code changed)") for line in said)
    assert demo_path.read_bytes() == before
    assert main(["merge", str(demo_path), str(dept), "--as-new-under", "C-S2"]) == 0
    with Plan.open(demo_path, readonly=True) as plan:
        strategy = plan.nodes.by_code("C-S2")
        assert [n.title for n in plan.nodes.children(strategy.id) if n.kind.value == "objective"] == \
            ["让用户需求直接定义定制车型"]



def test_a_dry_run_names_what_the_merge_would_change(demo_path, tmp_path, capsys):
    """Found by a tester: 'merge --dry-run' said '1 removed' without naming it — the one thing a planner
    checks before letting a merge delete."""
    from ogsm_desktop.core.model import Kind

    dept = tmp_path / "d1.ogsm"
    assert main(["split", str(demo_path), "D1", str(dept)]) == 0
    with Plan.open(dept) as plan:
        plan.nodes.add_new(plan.nodes.by_code("D1-S3").id, Kind.MEASURE, title="部门新衡量")
        plan.nodes.update(plan.nodes.by_code("D1-G1").id, title="改了", owner="某人")
        plan.nodes.delete(plan.nodes.by_code("D1-S2-A1").id)
    with Plan.open(demo_path) as plan:
        plan.nodes.add_new(plan.nodes.by_code("D1-S3").id, Kind.MEASURE, title="公司新衡量")
        removed = plan.nodes.by_code("D1-S2-A1").title
    capsys.readouterr()
    assert main(["merge", str(demo_path), str(dept), "--dry-run"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1:4] == ["  + D1-S3-M3 部门新衡量 (new; D1-S3-M2 in the department file, taken here)",
                          f"  - D1-S2-A1 {removed}, with what is below it",
                          "  ~ D1-G1 收集10万份用户需求数据: title, owner"]


def test_a_dry_run_says_a_rename_the_company_cannot_take(demo_path, tmp_path, capsys):
    """Raised by a reviewer: the department renamed D1-S3 to D1-S4 while the company gave D1-S4 to a new
    strategy; the window's preview says the code stays, the command line listed it as a plain code edit."""
    from ogsm_desktop.core.model import Kind

    dept = tmp_path / "d1.ogsm"
    assert main(["split", str(demo_path), "D1", str(dept)]) == 0
    with Plan.open(dept) as plan:
        plan.nodes.update(plan.nodes.by_code("D1-S3").id, code="D1-S4")
    with Plan.open(demo_path) as plan:
        plan.nodes.add_new(plan.nodes.by_code("D1").id, Kind.STRATEGY, title="公司新策略")
        title = plan.nodes.by_code("D1-S3").title
    capsys.readouterr()
    assert main(["merge", str(demo_path), str(dept), "--dry-run"]) == 0
    assert f"  ~ D1-S3 {title}: code (D1-S4 is taken here by another node: it stays D1-S3)" in \
        capsys.readouterr().out.splitlines()


def test_a_dry_run_says_where_a_node_moves_and_a_new_place_among_its_siblings(demo_path, tmp_path, capsys):
    """The window's preview says a reorder as a new place (stop 16); the command line said "moved" for both a node
    put under another strategy and one put elsewhere among its siblings."""
    dept = tmp_path / "d1.ogsm"
    assert main(["split", str(demo_path), "D1", str(dept)]) == 0
    with Plan.open(dept) as plan:
        plan.nodes.move(plan.nodes.by_code("D1-S2-M1").id, plan.nodes.by_code("D1-S3").id)
        plan.nodes.move(plan.nodes.by_code("D1-S3").id, plan.nodes.by_code("D1").id, 0)
    capsys.readouterr()
    assert main(["merge", str(demo_path), str(dept), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "  > D1-S2-M1 " in out and ": moved under D1-S3" in out, out
    assert "  > D1-S3 " in out and ": to place 1 among its siblings" in out, out
