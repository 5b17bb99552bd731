"""The command line: output a user reads, exit codes 0/1/2, files untouched on refusal, fast start."""

import json
import subprocess
import sys

import pytest

from ogsm_desktop.cli import main
from ogsm_desktop.core import demo
from tests.helpers import file_digest


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_then_tree_prints_the_cascade_in_chinese(tmp_path, capsys):
    path = tmp_path / "plan.ogsm"
    code, out, _ = run(capsys, "demo", path)
    assert code == 0 and "2 versions" in out
    code, out, _ = run(capsys, "tree", path)
    assert code == 0
    lines = out.splitlines()
    assert lines[1].startswith("C  [objective]  成为新能源汽车消费的第一入口  — 王磊 · 京东汽车")
    assert any(line.startswith("    C-S1-M2  [measure]  试驾预约量") and "off track" in line for line in lines)
    assert any(line.startswith("      D1-G1  [goal]") for line in lines)


def test_demo_refuses_to_overwrite(tmp_path, capsys, demo_path):
    digest = file_digest(demo_path)
    code, _, err = run(capsys, "demo", demo_path)
    assert code == 1 and "already exists" in err and str(demo_path) in err
    assert file_digest(demo_path) == digest


def test_lint_versions_history(capsys, demo_path):
    code, out, _ = run(capsys, "lint", demo_path)
    assert code == 0 and "P1  高质量完成用户需求调研: has 1 goal" in out
    code, out, _ = run(capsys, "versions", demo_path)
    assert code == 0 and out.splitlines()[0].startswith(demo.V1[0])
    code, out, _ = run(capsys, "history", demo_path, "--code", "C-S2-M2")
    assert code == 0
    assert "~ C-S2-M2 target: 400 → 200" in out and demo.REPLAN_REASON in out
    assert "= C-S2-M2 2026-10: — → 195" in out


def test_history_names_the_parents_of_a_move_by_their_codes(capsys, demo_path):
    """Found by a tester: "~ C-S2 上级：1 → 50001" — a move said by the parents' row ids."""
    from ogsm_desktop.core.storage import Plan

    with Plan.open(demo_path) as plan:
        strategy, objective = plan.nodes.by_code("D2-S2"), plan.nodes.by_code("D1")
        with plan.batch("edit", "regroup"):
            plan.nodes.move(strategy.id, objective.id)
    code, out, _ = run(capsys, "history", demo_path, "--code", "D2-S2")
    assert code == 0 and "~ D2-S2 parent: D2 → D1" in out, out


def test_history_says_a_changed_choice_and_a_plan_setting_in_words(capsys, demo_path, tmp_path):
    """Found by a user: "~ C-S1-M1 direction: higher → lower" — the field and the values as the plan file
    keeps them; and a plan setting by its key alone."""
    from tests.helpers import write_xlsx

    book = write_xlsx(tmp_path / "measures.xlsx", {"Measures": [["Code", "Title", "Target", "Direction"],
                                                                ["C-S1-M1", "线上试驾转化率", None, "lower"]]})
    assert run(capsys, "import", demo_path, book)[0] == 0
    assert run(capsys, "export", demo_path, tmp_path / "out.xlsx")[0] == 0       # gives the plan its identity
    code, out, _ = run(capsys, "history", demo_path)
    assert code == 0
    assert "~ C-S1-M1 direction: higher is better → lower is better" in out
    assert "~ plan setting plan_id (plan identity): — → " in out
    code, out, _ = run(capsys, "--lang", "zh", "history", demo_path, "--code", "C-S1-M1")
    assert "~ C-S1-M1 方向：越高越好 → 越低越好" in out
    assert run(capsys, "numbers", demo_path, "C-S1-M1", "--set", "2026-11=9.1")[0] == 0
    code, out, _ = run(capsys, "--lang", "zh", "history", demo_path, "--code", "C-S1-M1")
    assert "= C-S1-M1 2026-11：— → 9.1" in out                      # a value's line, with the Chinese colon too


def test_diff_shows_changes_with_impact(capsys, demo_path):
    code, out, _ = run(capsys, "diff", demo_path, demo.V1[0], demo.V2[0])
    assert code == 0
    assert "~ changed C-S2-M2 [measure] 换电站建成数量" in out
    assert "target: 400 → 200" in out
    assert "impact: rolls up into C-S2 → C" in out
    assert "+ added C-S2-M3 [measure]" in out
    assert out.rstrip().endswith("2 added, 0 removed, 0 moved, 3 changed, 0 actual value(s)")


def test_snapshot_restore_roundtrip(capsys, demo_path):
    code, out, _ = run(capsys, "restore", demo_path, demo.V1[0], "--reason", "回到基线", "--numbers")
    assert code == 0 and "restored version" in out and "- removed C-S2-M3" in out
    code, out, _ = run(capsys, "diff", demo_path, demo.V1[0])
    assert code == 0 and "no differences" in out
    code, out, _ = run(capsys, "snapshot", demo_path, "--name", "回到基线后", "--reason", "确认")
    assert code == 0 and "saved version “回到基线后”" in out
    code, out, _ = run(capsys, "history", demo_path)
    assert "restore  — 回到基线 (restored version “2026年度计划”)" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [(["diff", "{plan}", "V9"], "no version named “V9”"),
     (["restore", "{plan}", "V9", "--reason", "x"], "no version named “V9”"),
     (["restore", "{plan}", demo.V1[0], "--reason", " "], "needs a reason"),
     (["snapshot", "{plan}", "--name", demo.V1[0], "--reason", "x"], "already exists"),
     (["history", "{plan}", "--code", "NOPE"], "no node has ever had the code “NOPE”")],
)
def test_refusals_exit_1_name_the_problem_and_leave_the_file_unchanged(capsys, demo_path, args, message):
    digest = file_digest(demo_path)
    code, _, err = run(capsys, *[a.format(plan=demo_path) for a in args])
    assert code == 1
    assert message in err and err.count("\n") == 1
    assert file_digest(demo_path) == digest


@pytest.mark.parametrize("content", [None, b"hello", b"SQLite format 3\x00" + b"\x00" * 200])
def test_bad_plan_files_exit_1(capsys, tmp_path, content):
    path = tmp_path / "bad.ogsm"
    if content is not None:
        path.write_bytes(content)
    code, _, err = run(capsys, "tree", path)
    assert code == 1 and str(path) in err
    if content is not None:
        assert path.read_bytes() == content


@pytest.mark.parametrize("args", [["tree"], ["snapshot", "x.ogsm", "--name", "n"], ["frobnicate", "a", "b"],
                                  ["diff"], ["--nope"]])
def test_usage_errors_exit_2_with_one_line(capsys, args):
    """The usage line came first, then the error: two lines where one was promised."""
    with pytest.raises(SystemExit) as exc:
        main(args)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "error:" in err and "--help" in err


def test_the_command_line_imports_no_qt_and_no_matplotlib(demo_path):
    probe = (
        "import sys, json; from ogsm_desktop.cli import main; main(['tree', sys.argv[1]]);"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'matplotlib'))))"
    )
    proc = subprocess.run([sys.executable, "-c", probe, str(demo_path)], capture_output=True, text=True,
                          encoding="utf-8", check=True)
    assert json.loads(proc.stdout.splitlines()[-1]) == []


def test_the_entry_point_imports_each_command_s_modules_when_it_runs():
    """The window is started by the same entry point: importing it does not import every command (the merge,
    the versions, the workbooks: a tenth of the window's start-up); a command's own are imported as it runs,
    each by an import statement of its own, which the packaged app's analysis (PyInstaller reads the import
    statements of every function) follows: a module named only at run time would be left out of the app."""
    import ast
    import importlib

    from ogsm_desktop import cli

    probe = "import sys, json; import ogsm_desktop.cli; print(json.dumps(sorted(sys.modules)))"
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    loaded = set(json.loads(proc.stdout.splitlines()[-1]))
    commands = {"plan_commands", "history_commands", "department_commands", "excel_commands", "report_commands",
                "numbers_commands"}
    assert sorted(loaded & ({f"ogsm_desktop.cli.{m}" for m in commands} | {"ogsm_desktop.core.versions",
                                                                          "ogsm_desktop.core.merge"})) == []
    written = set()                     # the command modules the entry point's import statements name
    for node in ast.walk(ast.parse(open(cli.__file__, encoding="utf-8").read())):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            written.update([node.module] if node.module else [a.name for a in node.names])
    assert commands <= written, commands - written
    for name, (func, _help) in cli.COMMANDS.items():      # each names a function its module has
        module = func.load()
        assert module is importlib.import_module(module.__name__) and callable(getattr(module, func.__name__)), name
        assert module.__name__.rsplit(".", 1)[1] in commands, name


def test_python_m_entry_point(demo_path):
    proc = subprocess.run([sys.executable, "-m", "ogsm_desktop", "versions", str(demo_path)],
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 0 and demo.V2[0] in proc.stdout


def test_restore_keeps_numbers_unless_asked(capsys, demo_path):
    code, out, _ = run(capsys, "restore", demo_path, demo.V2[0], "--reason", "回到调整后")
    assert code == 0 and "kept 26 actual value(s) recorded since the version" in out
    code, out, _ = run(capsys, "restore", demo_path, demo.V2[0], "--reason", "连数字", "--numbers")
    assert code == 0 and "26 actual value(s)" in out and "kept" not in out


def test_chinese_output_takes_chinese_punctuation_throughout(capsys, demo_path):
    """Found in the Chinese review: the tree's heading, lint, history and a comparison put ASCII colons,
    brackets and semicolons (and the English "now") into Chinese lines."""
    code, out, _ = run(capsys, "--lang", "zh", "tree", demo_path)
    assert code == 0 and out.splitlines()[0].endswith(f"（{demo_path}）"), out.splitlines()[0]
    code, out, _ = run(capsys, "--lang", "zh", "lint", demo_path)
    warned = [line for line in out.splitlines() if "[goals-count]" in line]
    assert code == 0 and warned and all("：" in line and ": " not in line for line in warned), warned
    code, out, _ = run(capsys, "--lang", "zh", "diff", demo_path, "2026年度计划")
    lines = out.splitlines()
    assert code == 0 and lines[0] == "2026年度计划 → 现在（当前计划）", lines[0]
    impact = next(line for line in lines if "影响：下级：" in line)
    assert "；汇总到" in impact and "; " not in impact, impact
    assert any(line.strip().startswith("2026-10：") for line in lines)
    assert not any(line.startswith("  #") and ": " in line for line in lines)
    code, out, _ = run(capsys, "diff", demo_path, "2026年度计划")
    assert out.splitlines()[0] == "2026年度计划 → now (current plan)"
