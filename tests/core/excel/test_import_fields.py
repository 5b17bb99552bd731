"""An import changes only what the file says: fields it has no column for, and empty cells, are kept."""

import pytest

from ogsm_desktop.core.excel import importer
from tests.helpers import values_of, write_xlsx


@pytest.mark.parametrize("sheet", [
    [["Code", "Period", "Actual"], ["C-S1-M2", "2026-10", 18000]],                      # no target column
    [["Code", "2026-10"], ["C-S1-M2", 18000]],                                          # months across
    [["Code", "Period", "Actual", "Target", "Comment"], ["C-S1-M2", "2026-10", 18000, None, None]],   # empty cells
])
def test_an_import_keeps_what_the_file_does_not_give(plan, tmp_path, sheet):
    """An actuals sheet without a Target column wiped the monthly targets, while the preview said "1 changed"."""
    with plan.batch() as changes:
        plan.actuals.write([(plan.nodes.by_code("C-S1-M2").id, "2026-10", 17600.0, 20000.0, "渠道调整")])
    assert changes.changed
    path = write_xlsx(tmp_path / "oct.xlsx", {"Actuals": sheet})
    preview = importer.analyse(plan, path)
    assert preview.ok, preview.problems
    assert preview.counts()["values changed"] == 1
    importer.apply(plan, preview)
    assert values_of(plan, "C-S1-M2")["2026-10"] == (18000.0, 20000.0, "渠道调整")


def test_a_target_only_sheet_keeps_the_actuals(plan, tmp_path):
    path = write_xlsx(tmp_path / "targets.xlsx", {"Targets": [["Code", "Period", "Target"], ["C-S1-M2", "2026-10", 19000]]})
    preview = importer.analyse(plan, path)
    assert preview.ok, preview.problems
    importer.apply(plan, preview)
    assert values_of(plan, "C-S1-M2")["2026-10"] == (17600.0, 19000.0, "")


def test_two_sheets_may_give_the_actual_and_the_target_of_one_period(plan, tmp_path):
    path = write_xlsx(tmp_path / "both.xlsx", {
        "Actuals": [["Code", "Period", "Actual"], ["C-S1-M2", "2026-11", 18500]],
        "Targets": [["Code", "Period", "Target"], ["C-S1-M2", "2026-11", 20000]]})
    preview = importer.analyse(plan, path)
    assert preview.ok, preview.problems
    importer.apply(plan, preview)
    assert values_of(plan, "C-S1-M2")["2026-11"] == (18500.0, 20000.0, "")


@pytest.mark.parametrize("header", [["编码", "指标名称", "期间", "实际值", "目标值"], ["Code", "Measure", "Period", "Actual", "Target"]])
def test_a_sheet_with_a_period_column_holds_numbers_not_definitions(plan, tmp_path, header):
    """Such a sheet was taken as measure definitions: the actuals were dropped and the annual targets and
    titles overwritten with monthly ones."""
    m2 = plan.nodes.by_code("C-S1-M2")
    path = write_xlsx(tmp_path / "monthly.xlsx", {"Sheet1": [header, ["C-S1-M2", "试驾预约", "2026-11", 19500, 20000]]})
    preview = importer.analyse(plan, path)
    assert preview.ok, preview.problems
    assert [layout.kind for layout in preview.layouts] == ["actuals-long"]
    assert preview.changed_measures == [] and preview.new_measures == []
    importer.apply(plan, preview)
    after = plan.nodes.by_code("C-S1-M2")
    assert (after.title, after.target) == (m2.title, m2.target)
    assert values_of(plan, "C-S1-M2")["2026-11"] == (19500.0, 20000.0, "")


def test_the_user_can_say_what_a_sheet_is(plan, tmp_path):
    path = write_xlsx(tmp_path / "defs.xlsx", {"Sheet1": [["Code", "Title", "Target"], ["C-S1-M2", "试驾预约量（月）", 21000]]})
    preview = importer.analyse(plan, path)
    assert [layout.kind for layout in preview.layouts] == ["measures"]
    skipped = importer.analyse(plan, path, kinds={"Sheet1": "skip"})
    assert skipped.layouts == [] and not skipped.changes_anything and "Sheet1" in skipped.skipped[0]


def test_the_preview_lists_every_value_old_and_new(plan, tmp_path):
    path = write_xlsx(tmp_path / "nov.xlsx", {"Actuals": [["Code", "Period", "Actual", "Target"],
                                                         ["C-S1-M2", "2026-10", 18000, None],
                                                         ["C-S1-M2", "2026-11", 19000, 20000],
                                                         ["C-S1-M1", "2026-10", 8.9, None]]})
    preview = importer.analyse(plan, path)
    changes = {(c.code, c.period): c for c in preview.value_changes()}
    assert set(changes) == {("C-S1-M2", "2026-10"), ("C-S1-M2", "2026-11")}          # C-S1-M1 is unchanged
    october = changes[("C-S1-M2", "2026-10")]
    assert (october.change, october.title) == ("changed", "试驾预约量")
    assert october.fields() == [("actual", 17600.0, 18000.0)]                        # the target is kept
    assert changes[("C-S1-M2", "2026-11")].fields() == [("actual", None, 19000.0), ("target", None, 20000.0)]


def test_columns_not_used_are_named_and_can_be_given_a_meaning(plan, tmp_path):
    path = write_xlsx(tmp_path / "report.xlsx", {"Sheet1": [["编号", "统计月份", "实际达成值", "数据来源"],
                                                            ["C-S1-M2", "2026-11", 19000, "回升"]]})
    preview = importer.analyse(plan, path)
    assert preview.ok, preview.problems
    layout = preview.layouts[0]
    assert (layout.columns, [layout.headers[c] for c in layout.unused]) == (
        {"code": 0, "period": 1, "actual": 2}, ["数据来源"])
    assert layout.describe().endswith("not used: 数据来源 (column D)")
    chosen = importer.analyse(plan, path, columns={"Sheet1": {3: "comment"}})
    importer.apply(plan, chosen)
    assert values_of(plan, "C-S1-M2")["2026-11"] == (19000.0, None, "回升")


def test_a_sheet_nobody_recognised_can_be_read_once_the_columns_are_named(plan, tmp_path):
    path = write_xlsx(tmp_path / "odd.xlsx", {"Sheet1": [["KPI", "When", "Value"], ["C-S1-M2", "2026-11", 19000]]})
    assert not importer.analyse(plan, path).ok
    chosen = importer.analyse(plan, path, columns={"Sheet1": {0: "code", 1: "period", 2: "actual"}})
    assert chosen.ok, chosen.problems
    assert [c.new for c in chosen.value_changes()] == [(19000.0, None, "")]


@pytest.mark.parametrize(("period", "kind"), [("2026-W47", "week"), ("2026Q4", "quarter"), ("2026", "year")])
def test_a_period_of_another_length_than_the_measure_is_a_problem(plan, tmp_path, period, kind):
    """A weekly period or a quarter given to a monthly measure was taken silently."""
    path = write_xlsx(tmp_path / "odd.xlsx", {"Actuals": [["Code", "Period", "Actual"], ["C-S1-M2", period, 19000]]})
    preview = importer.analyse(plan, path)
    assert [str(p) for p in preview.problems] == [
        f"sheet “Actuals”, row 2, column B: “{period}” is a {kind}, but C-S1-M2 is measured monthly"]


def test_a_total_row_is_skipped_and_said(plan, tmp_path):
    path = write_xlsx(tmp_path / "sum.xlsx", {"Actuals": [["Code", "Period", "Actual"],
                                                         ["C-S1-M2", "2026-11", 19000],
                                                         ["合计", "2026-11", 19000],
                                                         ["Total", None, 99999]]})
    preview = importer.analyse(plan, path)
    assert preview.ok, preview.problems
    assert [str(n) for n in preview.notes] == ["sheet “Actuals”, row 3: a total row (合计), not imported",
                                               "sheet “Actuals”, row 4: a total row (Total), not imported"]
    assert preview.counts()["values new"] == 1


def test_a_percent_cell_is_read_as_the_per_cent_it_shows(plan, tmp_path):
    """7.6% is stored by Excel and LibreOffice as 0.076 with a percent format; for a measure in % it is 7.6."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Actuals"
    ws.append(["Code", "Period", "Actual", "Target"])
    ws.append(["P2-S1-M1", "2026-11", 0.076, 0.12])                 # 直播互动率, measured in %
    ws.append(["C-S1-M2", "2026-11", 0.5, None])                     # 试驾预约量: a count, not a per cent
    for cell in (ws["C2"], ws["D2"]):       # (a count's cell formatted as a per cent: tests/core/test_percent_unit.py)
        cell.number_format = "0.0%"
    wb.save(tmp_path / "pct.xlsx")
    preview = importer.analyse(plan, tmp_path / "pct.xlsx")
    assert preview.ok, preview.problems
    importer.apply(plan, preview)
    # exactly as shown: 0.076 × 100 is 7.6000000000000005 in binary floating point, a number nobody typed
    # (below a target of 7.6, it is no longer "met")
    assert values_of(plan, "P2-S1-M1")["2026-11"][:2] == (7.6, 12.0)
    assert values_of(plan, "C-S1-M2")["2026-11"][0] == 0.5


@pytest.mark.parametrize("fmt", ["ods", "xls"])
def test_a_sheet_with_more_percent_cells_than_the_scan_notes_is_refused_not_read_unscaled(plan, tmp_path,
                                                                                          monkeypatch, fmt):
    """The scan of an .ods or .xls notes at most MAX_PERCENT cells formatted as a per cent (the whole book is
    scanned at once); the cells past it were read as 0.076 where the sheet shows 7.6 %, without a word. Such a
    sheet is now refused, naming the limit and the way round it (.xlsx); below the limit it is read as shown."""
    import xlsxwriter

    from ogsm_desktop.core.excel.books import WorkbookError, ods, xls
    from tests.fixtures.corpus import convert_with_libreoffice

    source = tmp_path / "pct.xlsx"
    book = xlsxwriter.Workbook(str(source))
    sheet, percent = book.add_worksheet("Actuals"), book.add_format({"num_format": "0.0%"})
    sheet.write_row(0, 0, ["Code", "Period", "Actual", "Target"])
    for r, month in enumerate(("2026-09", "2026-10", "2026-11"), start=1):     # 直播互动率, measured in %
        sheet.write_row(r, 0, ["P2-S1-M1", month])
        sheet.write_row(r, 2, [0.076, 0.12], percent)
    book.close()
    converted = convert_with_libreoffice([source], tmp_path, fmt)
    if not converted:
        pytest.skip(f"LibreOffice (soffice) is not installed: it writes the .{fmt}")
    path = converted[0]
    for module in (ods, xls):
        monkeypatch.setattr(module, "MAX_PERCENT", 5)                      # six per-cent cells: one too many
    with pytest.raises(WorkbookError, match="more than 5 cells formatted as a per cent.*save the workbook as .xlsx"):
        importer.analyse(plan, path)
    for module in (ods, xls):
        monkeypatch.setattr(module, "MAX_PERCENT", 6)
    preview = importer.analyse(plan, path)
    assert preview.ok, preview.problems
    importer.apply(plan, preview)
    assert {p: v[:2] for p, v in values_of(plan, "P2-S1-M1").items() if p >= "2026-09"} == {
        "2026-09": (7.6, 12.0), "2026-10": (7.6, 12.0), "2026-11": (7.6, 12.0)}


def test_the_preview_lists_each_definition_that_changes_old_to_new(plan, tmp_path):
    """Found in review: a target changed by a Measures sheet (232,500 → 230,000) was counted ("1 changed
    measure") but not shown anywhere: the user could not see which number the import would change."""
    path = write_xlsx(tmp_path / "defs.xlsx", {"Measures": [
        ["Code", "Parent", "Kind", "Title", "Target", "Direction", "Unit"],
        ["C-S1-M2", "C-S1", "measure", "试驾预约量", 230000, "lower", "次"],
        ["C-S1-M9", "C-S1", "measure", "到店试驾", 1200, None, "次"]]})
    preview = importer.analyse(plan, path)
    assert preview.ok, preview.problems
    changes = {c.code: c for c in preview.measure_changes()}
    assert set(changes) == {"C-S1-M2", "C-S1-M9"}
    changed, new = changes["C-S1-M2"], changes["C-S1-M9"]
    assert (changed.change, changed.title) == ("changed", "试驾预约量")
    assert changed.fields() == [("target", 232500.0, 230000.0), ("direction", "higher", "lower")]
    assert (new.change, new.title) == ("new", "到店试驾")
    assert ("target", None, 1200.0) in new.fields() and ("parent", None, "C-S1") in new.fields()
    assert preview.counts()["measures changed"] == 1 and preview.counts()["measures new"] == 1


def test_a_number_in_a_text_column_is_read_as_written(plan, tmp_path):
    """An org unit or owner kept as a number by an HR system (部门编号 20261001, 工号 1234567): the cell holds a
    number, and the import wrote "2.0261e+07" and "1.23457e+06" (six significant digits) into the plan."""
    path = write_xlsx(tmp_path / "defs.xlsx", {"Measures": [
        ["Code", "Parent", "Kind", "Title", "Owner", "Org unit", "Unit"],
        ["C-S1-M2", "C-S1", "measure", "试驾预约量", 1234567, 20261001, "次"],
        ["C-S1-M9", "C-S1", "measure", 2026.5, 7, 12.25, "次"]]})
    preview = importer.analyse(plan, path)
    assert preview.ok, preview.problems
    importer.apply(plan, preview)
    m2, m9 = plan.nodes.by_code("C-S1-M2"), plan.nodes.by_code("C-S1-M9")
    assert (m2.owner, m2.org_unit) == ("1234567", "20261001")
    assert (m9.title, m9.owner, m9.org_unit) == ("2026.5", "7", "12.25")


def test_a_code_kept_as_a_number_finds_its_measure(plan, tmp_path):
    """A measure coded by the company's KPI number (1234567): the workbook's code cell holds the number, which
    was read as "1.23457e+06", no such code — the row refused."""
    plan.nodes.update(plan.nodes.by_code("C-S1-M2").id, code="1234567")
    path = write_xlsx(tmp_path / "kpi.xlsx", {"Actuals": [["Code", "Period", "Actual"], [1234567, "2026-11", 18800]]})
    preview = importer.analyse(plan, path)
    assert preview.ok, preview.problems
    importer.apply(plan, preview)
    assert values_of(plan, "1234567")["2026-11"][0] == 18800.0


def test_a_mapped_sheet_names_its_key_columns_in_words(plan, tmp_path):
    """Found by a tester: "Item (column A) → key1" in a Chinese sentence."""
    from ogsm_desktop.core.excel.importer import Mapping

    path = write_xlsx(tmp_path / "ops.xlsx", {"Ops": [["Item", "Region", "2026-10", "2026-11"], ["Calls", "AZ", 5, 6]]})
    mapping = Mapping("Ops", [0, 1], {"Calls | AZ": ("C-S1-M2", "actual")})
    preview = importer.analyse(plan, path, [mapping])
    text = preview.layouts[0].describe()
    assert "Item (column A) → key column 1, Region (column B) → key column 2" in text, text


def test_a_problem_is_placed_with_the_colon_of_the_language(plan, tmp_path):
    """Found by a tester: in Chinese, 工作表“Actuals”，第 2 行，B 列: 不是期间… — the colon between the
    place and the problem was always the ASCII one."""
    from ogsm_desktop.core import i18n

    path = write_xlsx(tmp_path / "bad.xlsx", {"Actuals": [["Code", "Period", "Actual"], ["C-S1-M2", "someday", 1]]})
    i18n.set_language("zh_CN")
    problem = importer.analyse(plan, path).problems[0]
    assert str(problem).startswith("工作表“Actuals”，第 2 行，B 列：不是期间"), str(problem)
    i18n.set_language("en")
    assert str(importer.analyse(plan, path).problems[0]).startswith("sheet “Actuals”, row 2, column B: ")


def test_an_empty_cell_of_a_measures_sheet_keeps_the_plans_definition(plan, tmp_path):
    """Found in review: an empty Target or Due cell cleared the measure's target and due date, while the
    preview said "an import clears no value". An empty cell gives nothing, in a Measures sheet as in an
    Actuals sheet: the plan's value stays, and the preview counts it among the values kept."""
    m2 = plan.nodes.by_code("C-S1-M2")
    plan.nodes.update(m2.id, due_date="2026-12-31", description="线上预约与到店合计")
    m2 = plan.nodes.get(m2.id)
    path = write_xlsx(tmp_path / "defs.xlsx", {"Measures": [
        ["Code", "Title", "Target", "Due", "Description", "Unit", "Baseline"],
        ["C-S1-M2", "试驾预约量", None, None, "  ", "次", None]]})
    preview = importer.analyse(plan, path)
    assert preview.ok, preview.problems
    assert preview.measure_changes() == [] and preview.counts()["measures unchanged"] == 1
    assert preview.counts()["values kept"] == 3                           # target, due date, description
    assert "3 values left empty or not given kept the plan's value (an import clears none)" in preview.summary()
    importer.apply(plan, preview)
    after = plan.nodes.get(m2.id)
    assert (after.target, after.due_date, after.description, after.baseline) == \
        (m2.target, "2026-12-31", "线上预约与到店合计", m2.baseline)


def test_a_frequency_the_plan_would_refuse_is_a_problem_of_the_preview(plan, tmp_path):
    """Found by a helper: a Measures sheet making a monthly measure with monthly numbers weekly passed the
    preview ("1 changed measure"), then Import failed. What the import would refuse is found before it
    asks, with its place, and nothing is written."""
    path = write_xlsx(tmp_path / "defs.xlsx", {"Measures": [["Code", "Title", "Target", "Frequency"],
                                                            ["C-S1-M1", "线上试驾转化率", None, "weekly"]]})
    preview = importer.analyse(plan, path)
    assert not preview.ok
    [problem] = preview.problems
    assert (problem.sheet, problem.row, problem.column) == ("Measures", 2, 3)       # column D
    assert "C-S1-M1 holds numbers for" in problem.message and "it cannot become weekly" in problem.message
    assert plan.nodes.by_code("C-S1-M1").frequency == "monthly"
    from ogsm_desktop.core import i18n

    i18n.set_language("zh")
    try:                     # the frequency in words ("quarterly" was left in English in the Chinese sentence)
        message = importer.analyse(plan, path).problems[0].message
    finally:
        i18n.set_language("en")
    assert "weekly" not in message and "每周" in message, message


def test_a_new_code_the_plan_would_refuse_is_a_problem_of_the_preview(plan, tmp_path):
    """Found in review: a new measure coded "C S1 M9" passed the preview, then Import failed on the code."""
    path = write_xlsx(tmp_path / "defs.xlsx", {"Measures": [["Code", "Parent", "Kind", "Title", "Target"],
                                                            ["C S1 M9", "C-S1", "measure", "到店试驾", 1200]]})
    preview = importer.analyse(plan, path)
    assert [(p.row, p.column) for p in preview.problems] == [(2, 0)]
    assert "no spaces" in preview.problems[0].message


def test_a_changed_parent_or_kind_of_a_known_measure_is_said_not_dropped(plan, tmp_path):
    """Found by a tester: the exported Measures sheet with C-S1-M2's Parent changed to C-S2 (and its Kind to
    goal) imported its new title and said nothing of the rest; the measure stayed where it was. An import
    does not move nor change what a node is: the preview says so for each row, and the rest of it is read."""
    import openpyxl

    from ogsm_desktop.core.excel.exporter import export

    book = tmp_path / "plan.xlsx"
    export(plan, book)
    rows = [list(r) for r in openpyxl.load_workbook(book, read_only=True)["Measures"].iter_rows(values_only=True)]
    header = rows[0]
    measures = [header]
    for row in rows[1:]:
        row = list(row)
        if row[0] == "C-S1-M2":
            row[header.index("Parent")], row[header.index("Title")] = "C-S2", "试驾预约量（新）"
        if row[0] == "C-G1":
            row[header.index("Kind")] = "measure"
        measures.append(row)
    path = write_xlsx(tmp_path / "moved.xlsx", {"Measures": measures})
    preview = importer.analyse(plan, path)
    assert preview.ok, preview.problems
    said = [w for w in preview.warnings if "C-S1-M2" in w or "C-G1" in w]
    assert any("C-S1-M2" in w and "C-S2" in w and "C-S1" in w for w in said), preview.warnings
    assert any("C-G1" in w for w in said) and len(said) == 2, said
    importer.apply(plan, preview)
    node = plan.nodes.by_code("C-S1-M2")
    assert node.title == "试驾预约量（新）" and plan.nodes.get(node.parent_id).code == "C-S1"


def test_a_negative_weight_in_a_measures_sheet_is_a_problem_of_its_cell(plan, tmp_path):
    """Found in review: the preview took a weight of -1 without a word, and applying the import then failed
    on it, naming no file, sheet or row."""
    path = write_xlsx(tmp_path / "w.xlsx", {"Measures": [["Code", "Title", "Target", "Weight"],
                                                        ["C-S1-M2", "试驾预约量", 21500, -1]]})
    preview = importer.analyse(plan, path)
    assert not preview.ok
    assert [(p.sheet, p.row, p.column) for p in preview.problems] == [("Measures", 2, 3)]
    assert "weight" in preview.problems[0].message


def test_a_percent_typed_in_the_measures_sheet_is_read_as_the_per_cent_it_shows(plan, tmp_path):
    """A planner types 54.3% as C-S1-M1's target (线上试驾转化率, measured in %) in the Measures sheet and in the
    Actuals sheet: Excel keeps 0.543 with a percent format in both. The Actuals sheet's period target reads
    54.3; the Measures sheet's target must too — not 0.543, a target a hundred times smaller."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Measures"
    ws.append(["Code", "Parent", "Title", "Unit", "Target"])
    ws.append(["C-S1-M1", "C-S1", "线上试驾转化率", "%", 0.543])
    ws["E2"].number_format = "0.0%"
    acts = wb.create_sheet("Actuals")
    acts.append(["Code", "Period", "Actual", "Target"])
    acts.append(["C-S1-M1", "2026-10", 8.9, 0.543])
    acts["D2"].number_format = "0.0%"
    wb.save(tmp_path / "pct_defs.xlsx")
    preview = importer.analyse(plan, tmp_path / "pct_defs.xlsx")
    assert preview.ok, preview.problems
    importer.apply(plan, preview)
    assert values_of(plan, "C-S1-M1")["2026-10"][1] == 54.3            # exactly (0.543 × 100 is 54.300000000000004)
    assert plan.nodes.by_code("C-S1-M1").target == 54.3


def test_the_numbers_sheet_reads_a_measure_in_the_frequency_the_measures_sheet_gives_it(plan, tmp_path):
    """A workbook whose Measures sheet makes a monthly measure (no numbers yet) weekly, with its weeks in the
    Actuals sheet: the weeks were refused ("is a week, but … is measured monthly"), and a month would have been
    stored under a measure that had just become weekly. The numbers are read in the frequency the import leaves
    (as in the unit it leaves): the weeks are taken, a month is the problem of its cell."""
    strategy = plan.nodes.by_code("C-S1")
    with plan.batch("edit", "a measure without numbers"):
        code = plan.nodes.add(strategy.id, "measure", title="到店人数", unit="人", frequency="monthly").code
    path = write_xlsx(tmp_path / "weekly.xlsx", {
        "Measures": [["Code", "Title", "Target", "Unit", "Frequency"], [code, "到店人数", 130, "人", "weekly"]],
        "Actuals": [["Code", "Period", "Actual"], [code, "2026-W45", 120], [code, "2026-W46", 135]]})
    preview = importer.analyse(plan, path)
    assert preview.ok, preview.problems
    importer.apply(plan, preview)
    assert plan.nodes.by_code(code).frequency == "weekly"
    assert {p: v[0] for p, v in values_of(plan, code).items()} == {"2026-W45": 120.0, "2026-W46": 135.0}
    with plan.batch("edit", "another"):
        other = plan.nodes.add(strategy.id, "measure", title="试驾人数", unit="人", frequency="monthly").code
    path = write_xlsx(tmp_path / "month.xlsx", {
        "Measures": [["Code", "Title", "Target", "Unit", "Frequency"], [other, "试驾人数", 1500, "人", "quarterly"]],
        "Actuals": [["Code", "Period", "Actual"], [other, "2026-11", 500]]})
    preview = importer.analyse(plan, path)
    assert [(p.sheet, p.row, p.column, p.message) for p in preview.problems] == [
        ("Actuals", 2, 1, f"“2026-11” is a month, but {other} is measured quarterly")]


def test_an_actual_written_with_more_digits_than_a_number_keeps_is_refused(plan, tmp_path):
    """A ledger's amount in fen kept as text, 12345678901234567: it was stored as 12345678901234568, one number
    changed without a word. The row is a problem naming what it would become; nothing is written."""
    from tests.helpers import file_digest

    (tmp_path / "fen.csv").write_text("Code,Period,Actual\nC-S1-M2,2026-11,12345678901234567\n", encoding="utf-8")
    before = file_digest(plan.path)
    preview = importer.analyse(plan, tmp_path / "fen.csv")
    said = "; ".join(map(str, preview.problems))
    assert not preview.ok and "12345678901234568" in said and "more digits than a number keeps" in said, said
    assert file_digest(plan.path) == before
