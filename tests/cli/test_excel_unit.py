"""Excel for one unit on the command line: ``export --unit``, and an import that refuses (exit 1, nothing
written) while values changed in the plan since the export are unresolved, unless ``--prefer``."""

import openpyxl

from ogsm_desktop.cli import main
from ogsm_desktop.core.departments import plan_identity
from ogsm_desktop.core.storage import Plan
from tests.helpers import file_digest


def _actual(path, code, period):
    with Plan.open(path, readonly=True) as plan:
        return next(a.actual for a in plan.actuals.of(plan.nodes.by_code(code).id) if a.period == period)


def _change_in_plan(path, value=11500):
    assert main(["numbers", str(path), "D1-S1-M1", "--set", f"2026-03={value}", "--reason", "corrected"]) == 0


def _change_in_book(book, value=11200):
    """March of D1-S1-M1 typed over in the workbook, as a planner would in Excel."""
    wb = openpyxl.load_workbook(book)
    ws = wb["Actuals"]
    header = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "D1-S1-M1" and r[1].value == "2026-03")
    row[header.index("Actual")].value = value
    wb.save(book)


def test_export_one_unit(demo_path, tmp_path, capsys):
    out = tmp_path / "d1.xlsx"
    assert main(["export", str(demo_path), str(out), "--unit", "D1"]) == 0
    said = capsys.readouterr().out
    assert "D1 and everything below it" in said
    codes = {r[0] for r in openpyxl.load_workbook(out, read_only=True)["Cascade"].iter_rows(min_row=2, values_only=True)}
    assert "D1" in codes and "P1-S1-M1" in codes and not codes & {"C", "C-S1", "D2"}
    with Plan.open(demo_path, readonly=True) as plan:      # the plan was given its identity with its first export
        assert plan_identity(plan) is not None


def test_export_unit_that_is_not_an_objective_exits_1(demo_path, tmp_path, capsys):
    assert main(["export", str(demo_path), str(tmp_path / "x.xlsx"), "--unit", "D1-S1"]) == 1
    assert "D1-S1 is not the objective of an org unit" in capsys.readouterr().err
    assert not (tmp_path / "x.xlsx").exists()


def test_import_with_conflicts_prints_them_and_writes_nothing_without_prefer(demo_path, tmp_path, capsys):
    book = tmp_path / "d1.xlsx"
    assert main(["export", str(demo_path), str(book), "--unit", "D1"]) == 0
    _change_in_plan(demo_path)
    _change_in_book(book)
    capsys.readouterr()
    digest = file_digest(demo_path)
    assert main(["import", str(demo_path), str(book)]) == 1
    said = capsys.readouterr()
    assert "D1-S1-M1 2026-03 actual: plan 11,500 / workbook 11,200 (when exported: 11,000)" in said.out
    assert "1 value(s) changed in the plan since the workbook was exported: choose with --prefer" in said.err
    assert file_digest(demo_path) == digest                      # the plan file's bytes are unchanged
    assert main(["import", str(demo_path), str(book), "--dry-run"]) == 0
    assert "1 conflict (changed in the plan since the workbook was exported)" in capsys.readouterr().out
    assert file_digest(demo_path) == digest


def test_import_prefer_plan_keeps_the_plan_and_prefer_workbook_takes_the_workbook(demo_path, tmp_path, capsys):
    book = tmp_path / "d1.xlsx"
    assert main(["export", str(demo_path), str(book), "--unit", "D1"]) == 0
    _change_in_plan(demo_path)
    _change_in_book(book)
    assert main(["import", str(demo_path), str(book), "--prefer", "plan"]) == 0
    assert _actual(demo_path, "D1-S1-M1", "2026-03") == 11500
    assert main(["import", str(demo_path), str(book), "--prefer", "workbook"]) == 0
    assert _actual(demo_path, "D1-S1-M1", "2026-03") == 11200


def test_import_of_another_plans_workbook_warns_and_imports(demo_path, demo_template, tmp_path, capsys):
    other = tmp_path / "other.ogsm"
    other.write_bytes(demo_template.read_bytes())
    book = tmp_path / "other.xlsx"
    assert main(["export", str(other), str(book), "--unit", "D1"]) == 0
    assert main(["export", str(demo_path), str(tmp_path / "mine.xlsx")]) == 0        # this plan gets its identity
    _change_in_plan(demo_path)
    capsys.readouterr()
    assert main(["import", str(demo_path), str(book)]) == 0
    assert "was exported from another plan" in capsys.readouterr().err
    assert _actual(demo_path, "D1-S1-M1", "2026-03") == 11000


def test_import_prefer_plan_lists_only_what_it_writes(demo_path, tmp_path, capsys):
    """With --prefer plan, a definition the plan keeps is not listed as changing (it said "target 130,000 →
    125,000" while the plan kept 130,000), and an import that is left with nothing to write says so."""
    book = tmp_path / "d1.xlsx"
    assert main(["export", str(demo_path), str(book), "--unit", "D1"]) == 0
    _set_target_in_plan(demo_path, "D1-S1-M1", 130000)
    wb = openpyxl.load_workbook(book)
    ws = wb["Measures"]
    header = [c.value for c in ws[1]]
    next(r for r in ws.iter_rows(min_row=2) if r[0].value == "D1-S1-M1")[header.index("Target")].value = 125000
    wb.save(book)
    capsys.readouterr()
    assert main(["import", str(demo_path), str(book), "--prefer", "plan"]) == 0
    out = capsys.readouterr().out
    assert "D1-S1-M1" in out and "125,000" in out                        # the conflict is said, as a conflict
    assert not [line for line in out.splitlines() if line.startswith("  ~ D1-S1-M1")]
    assert "#None" not in out and "nothing changed" in out
    assert "0 new, 0 changed, 8 unchanged measure(s)" in out             # the measure kept is counted, not lost
    assert "  ! D1-S1-M1 target: plan 130,000 / workbook 125,000" in out  # a node's own target, no period
    with Plan.open(demo_path, readonly=True) as plan:
        assert plan.nodes.by_code("D1-S1-M1").target == 130000


def _set_target_in_plan(path, code, value):
    with Plan.open(path) as plan:
        plan.nodes.update(plan.nodes.by_code(code).id, target=float(value))
