"""A long sheet without plan codes (key columns, a period column, a value column) read through a mapping,
in the program and on the command line."""

from ogsm_desktop.cli import main
from ogsm_desktop.core.excel import importer
from ogsm_desktop.core.storage import Plan
from tests.helpers import values_of, write_xlsx

ROWS = [["部门", "指标", "月份", "数值"],
        ["市场部", "试驾预约量", "2026年11月", 21500],
        ["市场部", "试驾预约量目标", "2026年11月", 20000],
        ["市场部", "试驾预约量", "2026年12月", 19800],
        ["服务部", "满意度", "2026年11月", 93]]


def test_a_long_sheet_is_read_through_key_period_and_value_columns(demo_path, tmp_path):
    path = write_xlsx(tmp_path / "long.xlsx", {"月报": ROWS})
    mapping = importer.Mapping("月报", [0, 1], {"市场部 | 试驾预约量": ("C-S1-M2", "actual"),
                                                "市场部 | 试驾预约量目标": ("C-S1-M2", "target")},
                               period_column=2, value_column=3)
    with Plan.open(demo_path) as plan:
        preview = importer.analyse(plan, path, [mapping])
        assert preview.ok, [str(p) for p in preview.problems]
        assert preview.keys_found["月报"] == ["市场部 | 试驾预约量", "市场部 | 试驾预约量目标", "服务部 | 满意度"]
        importer.apply(plan, preview)
        assert values_of(plan, "C-S1-M2")["2026-11"] == (21500.0, 20000.0, "")
        assert values_of(plan, "C-S1-M2")["2026-12"] == (19800.0, None, "")


def test_the_command_line_maps_a_long_sheet(demo_path, tmp_path, capsys):
    path = write_xlsx(tmp_path / "long.xlsx", {"月报": ROWS})
    mapping = tmp_path / "map.csv"
    mapping.write_text("key,code,field\n市场部 | 试驾预约量,C-S1-M2,actual\n", encoding="utf-8")
    assert main(["import", str(demo_path), str(path), "--sheet", "月报", "--key", "A,B", "--period", "C",
                 "--value", "D", "--map", str(mapping)]) == 0, capsys.readouterr().err
    with Plan.open(demo_path, readonly=True) as plan:
        assert values_of(plan, "C-S1-M2")["2026-12"] == (19800.0, None, "")


def test_a_period_column_without_a_value_column_is_a_usage_error(demo_path, tmp_path, capsys):
    import pytest

    path = write_xlsx(tmp_path / "long.xlsx", {"月报": ROWS})
    with pytest.raises(SystemExit) as exc:
        main(["import", str(demo_path), str(path), "--sheet", "月报", "--key", "A,B", "--period", "C"])
    assert exc.value.code == 2 and "--period and --value go together" in capsys.readouterr().err
