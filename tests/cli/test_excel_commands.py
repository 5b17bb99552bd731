"""import and export on the command line: exit codes, dry runs, files untouched on refusal."""

import openpyxl

from ogsm_desktop.cli import main
from tests.helpers import file_digest, write_xlsx


def test_cli_import_refuses_with_exit_1_and_writes_nothing(demo_path, tmp_path, capsys):
    path = write_xlsx(tmp_path / "bad.xlsx", {"Actuals": [["Code", "Period", "Actual"], ["NOPE", "2026-11", 1]]})
    digest = file_digest(demo_path)
    assert main(["import", str(demo_path), str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}, sheet “Actuals”, row 2, column A: unknown code “NOPE”" in err
    assert file_digest(demo_path) == digest


def test_cli_dry_run_then_import(demo_path, tmp_path, capsys):
    path = write_xlsx(tmp_path / "ok.xlsx", {"Actuals": [["Code", "Period", "Actual"], ["C-S1-M2", "2026-11", 18800]]})
    digest = file_digest(demo_path)
    assert main(["import", str(demo_path), str(path), "--dry-run"]) == 0
    assert "1 new, 0 changed, 0 unchanged actual value(s)" in capsys.readouterr().out
    assert file_digest(demo_path) == digest
    assert main(["import", str(demo_path), str(path), "--reason", "11月数据"]) == 0
    assert "11月数据 (ok.xlsx)" in capsys.readouterr().out
    assert main(["import", str(demo_path), str(path)]) == 0
    assert "nothing changed" in capsys.readouterr().out


def test_cli_export(demo_path, tmp_path, capsys):
    out = tmp_path / "out.xlsx"
    assert main(["export", str(demo_path), str(out)]) == 0
    assert openpyxl.load_workbook(out, read_only=True).sheetnames == ["Cascade", "Measures", "Actuals"]


def test_cli_import_says_each_definition_it_changes(demo_path, tmp_path, capsys):
    path = write_xlsx(tmp_path / "defs.xlsx", {"Measures": [["Code", "Title", "Target"], ["C-S1-M2", "试驾预约量", 230000]]})
    assert main(["import", str(demo_path), str(path), "--dry-run"]) == 0
    assert "  ~ C-S1-M2 试驾预约量: target 232,500 → 230,000" in capsys.readouterr().out.splitlines()


def test_cli_import_in_chinese_keeps_chinese_punctuation(demo_path, tmp_path, capsys):
    path = write_xlsx(tmp_path / "defs.xlsx", {"Measures": [["Code", "Title", "Target"], ["C-S1-M2", "试驾预约量", 230000]]})
    assert main(["import", str(demo_path), str(path), "--dry-run", "--lang", "zh"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "已识别工作表“Measures”：目标与衡量定义；表头位于第 1 行：Code（A 列） → 编号，Title（B 列） → 标题，Target（C 列） → 目标值" in out
    assert "  ~ C-S1-M2 试驾预约量：目标值 232,500 → 230,000" in out


def test_cli_import_lists_each_value_it_changes_old_to_new(demo_path, tmp_path, capsys):
    """As the window's preview does: the values changed, old → new, and the new ones; a long list is cut
    with how many more there are, and --all lists every one."""
    rows = [["Code", "Period", "Actual", "Target"], ["C-S1-M2", "2026-10", 17900, 21500], ["C-S1-M2", "2026-11", 18800, None]]
    path = write_xlsx(tmp_path / "ok.xlsx", {"Actuals": rows})
    assert main(["import", str(demo_path), str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "  ~ C-S1-M2 2026-10: actual 17,600 → 17,900" in out
    assert "  + C-S1-M2 2026-11: actual 18,800" in out
    many = [["Code", "Period", "Actual"]] + [["C-S1-M2", f"{year}-{month:02}", 1000 + month]
                                             for year in (2027, 2028, 2029, 2030, 2031) for month in range(1, 13)]
    path = write_xlsx(tmp_path / "many.xlsx", {"Actuals": many})
    assert main(["import", str(demo_path), str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert sum(line.startswith("  + ") for line in out) == 50
    assert "  … 10 more value(s) change: --all lists every one" in out
    assert main(["import", str(demo_path), str(path), "--dry-run", "--all"]) == 0
    assert sum(line.startswith("  + ") for line in capsys.readouterr().out.splitlines()) == 60


def test_a_long_title_changed_after_its_first_words_shows_where_it_differs(demo_path, tmp_path, capsys):
    """Found in review: a long title changed near its end was listed as "title A… → A…", both sides cut at
    the same place and looking alike. The two sides are cut around where they differ."""
    head = "提升线上线下一体化的试驾预约体验，" * 4
    path = write_xlsx(tmp_path / "t.xlsx", {"Measures": [["Code", "Title", "Target"], ["C-S1-M2", head + "新版", 232500]]})
    from ogsm_desktop.core.storage import Plan
    with Plan.open(demo_path) as plan:
        plan.nodes.update(plan.nodes.by_code("C-S1-M2").id, title=head + "旧版")
    capsys.readouterr()
    assert main(["import", str(demo_path), str(path), "--dry-run"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("  ~ C-S1-M2"))
    old, new = line.split(": title ", 1)[1].split(" → ")
    assert old != new and old.endswith("旧版") and new.endswith("新版") and old.startswith("…"), line


def test_a_refused_import_in_chinese_names_the_file_and_the_place_with_chinese_commas(demo_path, tmp_path, capsys):
    path = write_xlsx(tmp_path / "bad.xlsx", {"Actuals": [["Code", "Period", "Actual"], ["NOPE", "2026-11", 1]]})
    assert main(["import", str(demo_path), str(path), "--lang", "zh"]) == 1
    err = capsys.readouterr().err
    assert f"{path}，工作表“Actuals”，第 2 行，A 列" in err, err


def test_the_chinese_import_summary_keeps_chinese_semicolons(demo_path, tmp_path, capsys):
    """Found in review: "…不变 26 个; 4 个留空或未给出的值…" — an ASCII semicolon in a Chinese sentence."""
    path = write_xlsx(tmp_path / "defs.xlsx", {"Measures": [["Code", "Title", "Target", "Due"],
                                                            ["C-S1-M2", "试驾预约量", None, None]]})
    assert main(["import", str(demo_path), str(path), "--dry-run", "--lang", "zh"]) == 0
    summary = next(line for line in capsys.readouterr().out.splitlines() if "个留空或未给出的值" in line)
    assert "; " not in summary and "；" in summary, summary


def test_a_total_row_left_out_is_said_and_nothing_read_is_not_called_already_held(demo_path, tmp_path, capsys):
    """Found by a tester: a mapped sheet whose only row is a total row imported nothing, said nothing of the
    row it left out, and ended "the plan already holds these values"."""
    path = write_xlsx(tmp_path / "total.xlsx", {"Actuals": [["Code", "Period", "Actual"], ["Total", "2026-10", 5]]})
    digest = file_digest(demo_path)
    assert main(["import", str(demo_path), str(path)]) == 0
    out = capsys.readouterr().out
    assert "left out" in out and "total row" in out, out
    assert file_digest(demo_path) == digest
    assert "no value was read from the workbook" in out and "already holds" not in out, out
