"""Import: the forms people write, all or nothing, every problem named with its sheet, row and column."""

import datetime as dt

import pytest

from ogsm_desktop.core.errors import NotFoundError
from ogsm_desktop.core.excel import importer
from ogsm_desktop.core.fields import ValueProblem
from ogsm_desktop.core.storage import Plan
from ogsm_desktop.core.storage.actuals import KEEP
from tests.helpers import file_digest, values_of, write_xlsx


def test_long_form_in_chinese_with_a_title_row_and_every_period_form(plan, tmp_path, demo_path):
    path = write_xlsx(tmp_path / "actuals.xlsx", {"十月实际值": [
        ["京东汽车 2026年10–11月 实际值"], [],
        ["指标编码", "月份", "实际值", "目标值", "备注"],
        ["C-S1-M2", "2026年11月", "18,900", "20,000", "回升"],
        ["C-S1-M1", dt.date(2026, 11, 30), "9.1%", 8, ""],
        ["C-G1", (dt.date(2026, 11, 11) - dt.date(1899, 12, 30)).days, "８８，０００", None, "双十一"],
        ["D1-S1-M1", "2026/11", 9500, None, None],
    ]})
    before = plan.journal.last_batch_id()
    preview = importer.analyse(plan, path)
    assert preview.ok, preview.problems
    assert preview.layouts[0].describe() == (
        "sheet “十月实际值”: numbers per period, one row per measure and period; header on row 3: 指标编码 (column A) → "
        "code, 月份 (column B) → period, 实际值 (column C) → actual, 目标值 (column D) → target, 备注 (column E) → comment")
    assert preview.counts()["values new"] == 4
    changes = importer.apply(plan, preview, "")
    assert changes.batch_id > before and plan.journal.batch(changes.batch_id).reason == "import actuals.xlsx"
    assert changes.actual_nodes == {plan.nodes.by_code(c).id for c in ("C-S1-M2", "C-S1-M1", "C-G1", "D1-S1-M1")}
    assert values_of(plan, "C-S1-M2")["2026-11"] == (18900.0, 20000.0, "回升")
    assert values_of(plan, "C-S1-M1")["2026-11"] == (9.1, 8.0, "")
    assert values_of(plan, "C-G1")["2026-11"] == (88000.0, None, "双十一")
    again = importer.analyse(plan, path)                      # re-importing the same file changes nothing
    assert not again.changes_anything and again.counts()["values unchanged"] == 4


def test_wide_form(plan, tmp_path):
    path = write_xlsx(tmp_path / "wide.xlsx", {"Sheet1": [
        ["Code", "2026-11", "2026-12"],
        ["C-S3-M1", 61, 66],
        ["C-S3-M2", 760, None],
    ]})
    preview = importer.analyse(plan, path)
    assert preview.ok and preview.layouts[0].kind == "actuals-wide"
    importer.apply(plan, preview)
    assert values_of(plan, "C-S3-M1")["2026-12"] == (66.0, None, "")
    assert "2026-12" not in values_of(plan, "C-S3-M2")


def test_measures_sheet_creates_and_updates(plan, tmp_path):
    path = write_xlsx(tmp_path / "measures.xlsx", {
        "Measures": [["Code", "Parent", "Title", "Unit", "Target", "Due date", "Direction"],
                     ["C-S2-M4", "C-S2", "换电平均等待时间", "分钟", 5, "2026-12-31", "lower"],
                     ["C-S2-M1", "C-S2", "换电服务满意度", "分", 92, dt.date(2026, 12, 31), "higher"]],
        "Actuals": [["Code", "Period", "Actual"], ["C-S2-M4", "2026-10", 6.5]],
    })
    preview = importer.analyse(plan, path)
    assert preview.ok, preview.problems
    assert [m["code"] for m in preview.new_measures] == ["C-S2-M4"]
    assert preview.changed_measures[0][1] == {"target": 92.0, "due_date": "2026-12-31"}
    changes = importer.apply(plan, preview, "年终指标更新")
    new = plan.nodes.by_code("C-S2-M4")
    assert (new.kind, new.direction, new.unit, new.target) == ("measure", "lower", "分钟", 5.0)
    assert plan.nodes.get(new.parent_id).code == "C-S2"
    assert values_of(plan, "C-S2-M4") == {"2026-10": (6.5, None, "")}
    assert plan.nodes.by_code("C-S2-M1").target == 92.0
    assert not importer.analyse(plan, path).changes_anything
    # the import is one batch: one undo takes all of it back
    plan.revert_batch(changes.batch_id, "undo import")
    assert plan.nodes.by_code("C-S2-M1").target == 90.0
    with pytest.raises(NotFoundError, match="no node with code"):
        plan.nodes.by_code("C-S2-M4")


def problems_found(plan_path, path):
    """The analysis of ``path`` against the plan, and its problems as (sheet, row, column, what)."""
    with Plan.open(plan_path, readonly=True) as plan:
        preview = importer.analyse(plan, path)
    return preview, [(p.sheet, p.row, p.column, p.message.split(":")[0]) for p in preview.problems]


def test_every_problem_is_named_and_nothing_is_written(demo_path, tmp_path):
    path = write_xlsx(tmp_path / "bad.xlsx", {"Actuals": [
        ["Code", "Period", "Actual", "Target"],
        ["C-S1-M2", "2026-11", 18000, 20000],
        ["NOPE-1", "2026-11", 1, None],
        ["C-S1-M1", "2026-11", "lots", None],
        ["C-S1-M2", "2026-11", 18500, 20000],
        ["C-S1", "2026-11", 3, None],
        ["C-G1", "1850-01", 3, None],
        ["C-G2", "someday", 3, None],
    ]})
    digest = file_digest(demo_path)
    preview, found = problems_found(demo_path, path)
    assert found == [
        ("Actuals", 3, 0, "unknown code “NOPE-1”"),
        ("Actuals", 4, 2, "not a number"),
        ("Actuals", 5, 0, "C-S1-M2 2026-11 appears again with other values (first in sheet “Actuals”, row 2)"),
        ("Actuals", 6, 0, "C-S1 is a strategy; only goals and measures take actual values"),
        ("Actuals", 7, 1, "date out of range"),
        ("Actuals", 8, 1, "not a period"),
    ]
    assert str(preview.problems[1]) == "sheet “Actuals”, row 4, column C: not a number: “lots”"
    assert file_digest(demo_path) == digest


@pytest.mark.parametrize(("language", "message"), [
    ("en", "sheet “Measures”, row 2, column D: direction “持平” is not one of higher is better, lower is better"),
    ("zh_CN", "工作表“Measures”，第 2 行，D 列：方向的值“持平”不是以下之一：越高越好、越低越好")])
def test_an_unknown_direction_is_refused_in_words_of_the_language(plan, tmp_path, language, message):
    """Found by a user: "direction 的值 “越低” 不是 higher, lower 之一" — 越低 refused, and the message
    named the field and its choices as the plan file keeps them."""
    from ogsm_desktop.core import i18n

    path = write_xlsx(tmp_path / "measures.xlsx", {"Measures": [["Code", "Title", "Target", "Direction"],
                                                                ["C-S1-M1", "线上试驾转化率", None, "持平"]]})
    i18n.set_language(language)
    preview = importer.analyse(plan, path)
    assert [str(p) for p in preview.problems] == [message]


def test_a_direction_in_the_words_planners_write_is_taken(plan, tmp_path):
    path = write_xlsx(tmp_path / "measures.xlsx", {"衡量": [["编码", "标题", "目标值", "方向"],
                                                            ["C-S1-M1", "线上试驾转化率", None, "越低"],
                                                            ["C-S1-M2", "试驾预约量", None, "越多越好"]]})
    preview = importer.analyse(plan, path)
    assert preview.ok, preview.problems
    importer.apply(plan, preview, "measures.xlsx")
    assert plan.nodes.by_code("C-S1-M1").direction == "lower"
    assert plan.nodes.by_code("C-S1-M2").direction == "higher"


def test_repeats_across_sheets_merge_or_are_named_at_the_later_row_with_the_first(demo_path, tmp_path):
    """An actual on one sheet and its target on another are one value; a third row with another value names
    the row read first, even after the first two were merged — in a sheet read later, or the same one."""
    path = write_xlsx(tmp_path / "repeats.xlsx", {
        "Actuals": [
            ["Code", "Period", "Actual"],
            ["C-S1-M2", "2026-11", 18000],
            ["C-S1-M1", "2026-10", 5],
            ["C-S1-M1", "2026-10", 5],
            ["C-S1-M1", "2026-10", 6],
        ],
        "Targets": [
            ["Code", "Period", "Target"],
            ["C-S1-M2", "2026-11", 20000],
            ["C-S1-M2", "2026-11", 21000],
            ["C-S1-M2", "2026-12", 22000],
        ],
    })
    _preview, found = problems_found(demo_path, path)
    assert found == [
        ("Actuals", 5, 0, "C-S1-M1 2026-10 appears again with other values (first in sheet “Actuals”, row 3)"),
        ("Targets", 3, 0, "C-S1-M2 2026-11 appears again with other values (first in sheet “Actuals”, row 2)"),
    ]


def test_values_read_in_the_plans_order_or_not_come_out_alike_and_a_repeat_is_named_either_way(demo_path, tmp_path):
    """A sheet in the order the program exports (by measure, then period) is taken as sorted, with nothing to
    merge; the same values in any other order come out the same, and a repeat breaks the order wherever it is:
    in the same sheet, or at the start of a sheet read later."""
    with Plan.open(demo_path, readonly=True) as plan:
        codes = sorted(("C-S1-M2", "C-S1-M1", "C-G1"), key=lambda c: plan.nodes.by_code(c).id)
    in_order = [[code, period, 10 * i + j] for i, code in enumerate(codes) for j, period in enumerate(("2026-09",
                                                                                                  "2026-10"))]
    header = ["Code", "Period", "Actual"]
    rows_of = {}
    for name, rows in (("in order", in_order), ("reversed", in_order[::-1])):
        preview, found = problems_found(demo_path, write_xlsx(tmp_path / f"{name}.xlsx", {"A": [header, *rows]}))
        assert found == []
        rows_of[name] = preview.rows
    assert rows_of["in order"] == rows_of["reversed"] and len(rows_of["in order"]) == 6
    last = in_order[-1]
    _preview, found = problems_found(demo_path, write_xlsx(tmp_path / "same.xlsx", {
        "A": [header, *in_order, [last[0], last[1], 99]]}))
    assert found == [("A", 8, 0, f"{last[0]} 2026-10 appears again with other values (first in sheet “A”, row 7)")]
    _preview, found = problems_found(demo_path, write_xlsx(tmp_path / "later.xlsx", {
        "A": [header, *in_order], "B": [header, [last[0], last[1], 99], [last[0], "2026-11", 1]]}))
    assert found == [("B", 2, 0, f"{last[0]} 2026-10 appears again with other values (first in sheet “A”, row 7)")]


def test_repeats_that_complete_each_other_become_one_value(demo_path, tmp_path):
    path = write_xlsx(tmp_path / "complete.xlsx", {
        "Actuals": [["Code", "Period", "Actual"], ["C-S1-M2", "2026-11", 18000], ["C-S1-M2", "2026-11", 18000]],
        "Targets": [["Code", "Period", "Target"], ["C-S1-M2", "2026-11", 20000]],
    })
    with Plan.open(demo_path, readonly=True) as plan:
        preview = importer.analyse(plan, path)
        measure = plan.nodes.by_code("C-S1-M2").id
    assert preview.problems == []
    assert [row[:6] for row in preview.rows] == [(measure, "2026-11", "2026-11-30", 18000.0, 20000.0, KEEP)]


def test_the_cycle_collector_is_held_while_importing_and_left_as_it_was(plan, tmp_path, monkeypatch):
    """The collector's passes over a million values read took 1.3-2 s of the big import's analysis: it is
    held while an import reads and writes, and left as it was found — on in the command line, off in the
    window (which collects on its own thread), and on again after an import that fails."""
    import gc

    from ogsm_desktop.core.excel import reader as reader_module
    from ogsm_desktop.core.inputs import InputError
    from ogsm_desktop.core.storage import actuals as actuals_module

    seen = []
    for module, name in ((reader_module.Reader, "__init__"), (actuals_module.ActualStore, "apply")):
        original = getattr(module, name)

        def watched(*args, _original=original, **kwargs):
            seen.append(gc.isenabled())
            return _original(*args, **kwargs)

        monkeypatch.setattr(module, name, watched)
    path = write_xlsx(tmp_path / "wide.xlsx", {"Sheet1": [["Code", "2026-11"], ["C-S3-M1", 61]]})
    found = gc.isenabled()          # off once a window test made the application: restored after
    gc.enable()
    try:
        importer.apply(plan, importer.analyse(plan, path))
        assert seen == [False, False] and gc.isenabled()
        with pytest.raises(InputError, match="no such file"):
            importer.analyse(plan, tmp_path / "missing.xlsx")
        assert gc.isenabled()
        gc.disable()
        importer.analyse(plan, path)
        assert not gc.isenabled()
    finally:
        if found:
            gc.enable()
        else:
            gc.disable()


def test_the_rows_read_are_left_alone_by_the_collector_once_it_has_seen_them(plan, tmp_path):
    """A value the sheet leaves empty is KEEP in the row read; a row holding an object the collector tracks
    stays tracked, and every full collection walked a big import's million rows while its preview was open
    (0.17 s each): rows of numbers, text and KEEP are untracked at the collector's first look."""
    import gc

    path = write_xlsx(tmp_path / "long.xlsx", {"Sheet1": [["Code", "Period", "Actual", "Target", "Comment"],
                                                          ["C-S3-M1", "2026-11", 61, None, None]]})
    preview = importer.analyse(plan, path)
    row = preview.rows[0]
    assert row[4] is KEEP and row[5] is KEEP
    gc.collect()
    assert not gc.is_tracked(row)


def test_a_sheet_of_comments_alone_is_read_as_numbers_per_period(plan, tmp_path):
    """Found in review: a sheet of Code, Period, Comment — the countermeasures a department writes back
    after a review — was not recognised at all ("no sheet holds numbers"). It is read like any long sheet:
    the comments are written, the plan's actuals and targets stay as they are."""
    before = values_of(plan, "C-S1-M2")["2026-10"]
    path = write_xlsx(tmp_path / "comments.xlsx", {"对策": [
        ["指标编码", "月份", "备注"],
        ["C-S1-M2", "2026-10", "加投门店试驾"],
    ]})
    preview = importer.analyse(plan, path)
    assert preview.ok, preview.problems
    assert preview.layouts[0].kind == "actuals-long"
    importer.apply(plan, preview)
    assert values_of(plan, "C-S1-M2")["2026-10"] == (before[0], before[1], "加投门店试驾")
    nothing = write_xlsx(tmp_path / "nothing.xlsx", {"对策": [["指标编码", "月份", "负责人"], ["C-S1-M2", "2026-10", "李娜"]]})
    said = importer.analyse(plan, nothing).problems[0].message       # named as what it lacks, not as no codes
    assert "plan codes and periods but none of actuals, targets or comments" in said, said
    no_period = write_xlsx(tmp_path / "no_period.xlsx", {"对策": [["指标编码", "负责人"], ["C-S1-M2", "李娜"]]})
    said = importer.analyse(plan, no_period).problems[0].message
    assert "plan codes but none of periods" in said, said


def test_a_list_of_actions_with_due_dates_and_notes_is_not_read_as_comments(plan, tmp_path):
    """Found in review: once a sheet of codes, periods and comments alone was read, a list of actions in the
    same workbook (编号, 标题, 截止日期, 说明) — a due date is no period, a note no comment of a figure —
    was read as one, and its rows refused the whole import ("C-S1-A1 is an action"). It is left out, as it
    was, and said to have no period column; a sheet of comments by period is still read."""
    import datetime as dt

    path = write_xlsx(tmp_path / "with_actions.xlsx", {
        "Actuals": [["Code", "Period", "Actual"], ["C-S1-M2", "2026-11", 5.0]],
        "行动": [["编号", "标题", "截止日期", "说明"], ["C-S1-A1", "试驾活动", dt.date(2026, 12, 31), "进行中"],
               ["C-S1-A2", "门店", dt.date(2026, 11, 30), "已完成"]],
        "Actions": [["Code", "Title", "Due date", "Comment"], ["C-S1-A1", "Test drives", "2026-12", "going"]]})
    preview = importer.analyse(plan, path)
    assert preview.ok, preview.problems
    assert [layout.sheet for layout in preview.layouts] == ["Actuals"]
    assert "none of periods" in preview.not_imported["行动"], preview.not_imported
    assert "none of periods" in preview.not_imported["Actions"], preview.not_imported
    notes = write_xlsx(tmp_path / "notes.xlsx", {"Notes": [["编号", "日期", "说明"], ["C-S1-M2", "2026-10", "加投"]]})
    preview = importer.analyse(plan, notes)
    assert preview.ok and preview.layouts[0].kind == "actuals-long", preview.problems


def test_a_csv_number_with_an_unquoted_thousands_comma_is_not_cut_to_its_first_group(plan, tmp_path):
    """A CSV typed by hand (or written by a system that does not quote): "C-G1,2026-11,90,000" has one cell more
    than its header, the number's comma taken for a separator. The import read 90 (the rest dropped without a
    word) and wrote it as C-G1's November: a number a thousand times smaller. The row must be named as a
    problem (or read as the 90,000 it says) — never imported as 90."""
    path = tmp_path / "november.csv"
    path.write_text("Code,Period,Actual\nC-S1-M2,2026-11,19000\nC-G1,2026-11,90,000\n", encoding="utf-8")
    preview = importer.analyse(plan, path)
    if preview.ok:
        importer.apply(plan, preview)
    else:
        assert any(p.row == 3 for p in preview.problems), [str(p) for p in preview.problems]
    assert values_of(plan, "C-G1").get("2026-11", (None,))[0] != 90.0


def test_a_csv_longer_than_the_rows_read_for_its_header_is_read_to_its_last_row(plan, tmp_path):
    """Found by a tester: the check for rows wider than their header (above) read the CSV's rows past the first
    30 — the rows kept for finding the header — and the import then found none left: 84 months typed, 29
    imported, no word of the other 55 (the preview counted only those it read)."""
    path = tmp_path / "years.csv"
    months = [f"{y}-{m:02d}" for y in range(2020, 2027) for m in range(1, 13)]
    path.write_text("Code,Period,Actual\n" + "".join(f"C-S1-M2,{p},{i + 1}\n" for i, p in enumerate(months)),
                    encoding="utf-8")
    preview = importer.analyse(plan, path)
    assert preview.ok, [str(p) for p in preview.problems]
    importer.apply(plan, preview)
    stored = values_of(plan, "C-S1-M2")
    assert {p: stored[p][0] for p in months} == {p: float(i + 1) for i, p in enumerate(months)}


@pytest.mark.parametrize("text, expected", [
    ("Code,Period,Actual\r\nC-S1-M2,2026-11,5\r\n\r\n", {"2026-11": 5.0}),             # a blank last line
    ("Code,Period,Actual\nC-S1-M2,2026-11,5\n\nC-S1-M2,2026-12,6\n", {"2026-11": 5.0, "2026-12": 6.0}),
    ("Code,Period,Actual,Target,Comment\nC-S1-M2,2026-11,5\n", {"2026-11": 5.0}),     # trailing cells left off
    ("Period,Actual,Code\n2026-11,5,C-S1-M2\n2026-12,6\n", {"2026-11": 5.0}),        # (no code: named)
    ("Code,2026-11,2026-12\nC-S1-M2,5\n", {"2026-11": 5.0}),                          # a wide row, short
], ids=["blank last line", "blank line between", "short row", "short row without its code", "short wide row"])
def test_a_csv_with_blank_or_short_lines_reads_as_a_spreadsheet_shows_it(plan, tmp_path, text, expected):
    """Found by a tester: a CSV ending with an empty line, or with rows shorter than the header (the empty
    cells at the end left off, as many systems write), stopped the import with IndexError. A text file's row
    is as wide as its widest: the cells a line does not have are empty, as a spreadsheet shows them."""
    path = tmp_path / "ragged.csv"
    path.write_bytes(text.encode("utf-8"))
    preview = importer.analyse(plan, path)
    if "without its code" in text or text.startswith("Period"):
        assert [p.row for p in preview.problems] == [3]          # the row without a code is named
        return
    assert preview.ok, [str(p) for p in preview.problems]
    importer.apply(plan, preview)
    stored = values_of(plan, "C-S1-M2")
    assert {p: stored[p][0] for p in expected} == expected


def test_a_semicolon_csv_with_decimal_commas_is_never_read_as_thousands(plan, tmp_path):
    """Found by a tester: a CSV as Excel saves it where the comma is the decimal mark (German, French: cells
    separated by semicolons) had 1,234 (1.234) stored as 1234, and 0,125 and 0,500 as 125 and 500. In such a
    file a comma in a number cannot be told from a decimal comma: the cell is refused, named, with what to do;
    and 0,125 is no thousands in any file."""
    path = tmp_path / "de.csv"
    path.write_text("Code;Period;Actual;Target\nC-S1-M2;2026-11;1,234;7\nC-S1-M1;2026-11;9;0,125\n"
                    "C-S1-M1;2026-12;0,500;8\n", encoding="utf-8")
    before = file_digest(plan.path)
    preview = importer.analyse(plan, path)
    assert sorted((p.row, p.column) for p in preview.problems) == [(2, 2), (3, 3), (4, 2)]
    assert "decimal" in str(preview.problems[0])
    assert file_digest(plan.path) == before
    comma = tmp_path / "en.csv"                 # a comma-separated file: 0,125 quoted is still no thousands
    comma.write_text('Code,Period,Actual\nC-S1-M2,2026-11,"0,125"\nC-S1-M1,2026-11,"1,234"\n', encoding="utf-8")
    preview = importer.analyse(plan, comma)
    assert [(p.row, p.column) for p in preview.problems] == [(2, 2)]


@pytest.mark.parametrize("text, line", [
    ('Code,Period,Actual,Comment\nC-S1-M2,2026-10,5,"opened\nC-S1-M2,2026-11,6,\nC-S1-M2,2026-12,7,\n', 2),
    ('Code,Period,Actual\nC-S1-M2,2026-10,5\nC-S1-M2,2026-11,"1"2\n', 3),
], ids=["a quote never closed", "text after a value in quotes"])
def test_a_csv_quote_that_would_swallow_or_bend_values_is_refused_naming_its_line(plan, tmp_path, text, line):
    """Found by a tester: a comment opened with a quote and never closed took the rest of the file in as one value
    (November and December lost without a word); "1"2 was read as 12. Such a line is refused, with its number:
    the file says it is not well formed, and nothing is guessed."""
    path = tmp_path / "quotes.csv"
    path.write_text(text, encoding="utf-8")
    from ogsm_desktop.core.excel.books import WorkbookError

    before = file_digest(plan.path)
    with pytest.raises(WorkbookError, match=f"line {line} cannot be read as CSV"):
        importer.analyse(plan, path)
    assert file_digest(plan.path) == before


def test_a_new_measures_value_under_its_code_with_a_trailing_space_is_imported_as_the_preview_said(plan, tmp_path):
    """Found by a tester: the preview accepted a value coded "NEW-M1\u00a0" (a trailing no-break space) for a
    measure the Measures sheet creates, then the import failed on it (no node with code "NEW-M1 ")."""
    path = write_xlsx(tmp_path / "new.xlsx", {"Measures": [["Code", "Parent", "Title", "Unit"],
                                                           ["NEW-M1", "C-S1", "新指标", "次"]],
                                              "Actuals": [["Code", "Period", "Actual"], ["NEW-M1\u00a0", "2026-11", 5]]})
    preview = importer.analyse(plan, path)
    assert preview.ok, [str(p) for p in preview.problems]
    importer.apply(plan, preview)
    assert values_of(plan, "NEW-M1")["2026-11"][0] == 5.0


def test_a_comment_cell_holding_a_number_a_date_or_a_boolean_is_kept_as_the_cell_shows_it(plan, tmp_path):
    """Found by a tester: comments were kept as Python writes the values — '12.0', '2026-03-01 00:00:00', 'True',
    '0.5' for a cell showing 50% — not as the planner sees them in the cell."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Actuals"
    ws.append(["Code", "Period", "Actual", "Comment"])
    for i, (comment, fmt) in enumerate([(12, None), (dt.datetime(2026, 3, 1), "yyyy-mm-dd"), (True, None),
                                        (0.5, "0%"), (0.125, "0.0%"), (dt.datetime(2026, 3, 1, 14, 30), None)]):
        ws.append(["C-S1-M2", f"2026-0{i + 1}", i + 1, comment])
        if fmt:
            ws.cell(row=i + 2, column=4).number_format = fmt
    wb.save(tmp_path / "comments.xlsx")
    preview = importer.analyse(plan, tmp_path / "comments.xlsx")
    assert preview.ok, [str(p) for p in preview.problems]
    importer.apply(plan, preview)
    stored = values_of(plan, "C-S1-M2")
    assert [stored[f"2026-0{i}"][2] for i in range(1, 7)] == ["12", "2026-03-01", "TRUE", "50%", "12.5%",
                                                              "2026-03-01 14:30"]


def test_a_comment_longer_than_a_workbook_cell_holds_is_refused_so_the_plan_stays_exportable(plan, tmp_path):
    """Found by a tester: a 40,000-character comment was imported, and the export then refused the plan (a
    workbook cell holds 32,767). A text longer than a cell holds is refused where it comes in: the import, a
    comment typed. (Not what a plan holds already: an older version's longer text is carried by undo, restore
    and merges — a reviewer's catch — and the export names it.)"""
    from ogsm_desktop.core import numbers

    path = tmp_path / "long.csv"
    path.write_text('Code,Period,Actual,Comment\nC-S1-M2,2026-11,5,"' + "长" * 40_000 + '"\n', encoding="utf-8")
    preview = importer.analyse(plan, path)
    assert [(p.row, p.column) for p in preview.problems] == [(2, 3)] and "32,767" in str(preview.problems[0])
    node = plan.nodes.by_code("C-S1-M2")
    with pytest.raises(ValueProblem, match="32,767"):
        numbers.parse_value("comment", "长" * 32_768, node)
    assert numbers.parse_value("comment", "长" * 32_767, node) == "长" * 32_767     # as much as a cell holds


def test_an_older_plans_text_longer_than_a_cell_holds_is_carried_by_undo(demo_path):
    """A reviewer's: with the limit checked on every stored value, undoing an edit of a node whose description an
    older version let be 40,000 characters long called the plan damaged."""
    import sqlite3

    conn = sqlite3.connect(demo_path)
    with conn:
        conn.execute("UPDATE nodes SET description = ? WHERE code = 'C-S1-M2'", ("长" * 40_000,))
    conn.close()
    with Plan.open(demo_path) as plan:
        node = plan.nodes.by_code("C-S1-M2")
        with plan.batch("edit", "shorter") as changes:
            plan.nodes.update(node.id, description="短")
        plan.revert_batch(changes.batch_id, "undo", kind="undo")
        assert plan.nodes.get(node.id).description == "长" * 40_000


@pytest.mark.parametrize("frequency, days, wrong", [
    ("quarterly", [dt.datetime(2026, m, 1) for m in (1, 2, 3, 4)], "a month"),        # months, shown Jan-26…
    ("weekly", [dt.datetime(2026, m, 1) for m in (1, 2, 3, 4)], "a month"),
    ("monthly", [dt.datetime(2026, 1, 5) + dt.timedelta(days=7 * i) for i in range(4)], "a week"),
], ids=["months for a quarterly measure", "months for a weekly measure", "weeks for a monthly measure"])
def test_date_headers_a_month_apart_are_months_not_the_measures_periods_they_fall_in(plan, tmp_path, frequency,
                                                                                   days, wrong):
    """Found by a tester: a wide sheet's period headers as dates (the first of each month, shown Jan-26…, as
    a real scorecard has them) were each read as the period of the measure that contains them: for a quarterly
    measure January's 40 became Q1's, April's 7 Q2's; for a weekly one each month's figure one week's. The
    same headers as text (2026-01…) were refused. Dates a month apart are months, a week apart weeks: read as
    such, a month for a quarterly measure is refused as the text is."""
    node = plan.nodes.by_code("C-S2-M3")
    with plan.batch("edit", "frequency"):
        plan.actuals.end_for_nodes([node.id])
        plan.nodes.update(node.id, frequency=frequency)
    path = write_xlsx(tmp_path / "dates.xlsx", {"Actuals": [["Code", *days], ["C-S2-M3", 40, None, None, 7]]})
    before = file_digest(plan.path)
    preview = importer.analyse(plan, path)
    assert sorted(p.column for p in preview.problems) == [1, 4] and wrong in str(preview.problems[0]), \
        [str(p) for p in preview.problems]
    assert file_digest(plan.path) == before


def test_date_headers_a_month_apart_are_read_as_those_months(plan, tmp_path):
    days = [dt.datetime(2026, m, 1) for m in (1, 2, 3)]
    path = write_xlsx(tmp_path / "dates.xlsx", {"Actuals": [["Code", *days], ["C-S1-M2", 40, 41, 42]]})
    preview = importer.analyse(plan, path)
    assert preview.ok, [str(p) for p in preview.problems]
    importer.apply(plan, preview)
    stored = values_of(plan, "C-S1-M2")
    assert [stored[p][0] for p in ("2026-01", "2026-02", "2026-03")] == [40.0, 41.0, 42.0]


@pytest.mark.parametrize("heads, row, expected", [
    (["指标编码", "月份", "累计实际", "本月实际"], ["C-S1-M2", "2026年11月", 150000, 16000], 16000.0),
    (["指标编码", "月份", "完成率", "目标值", "实际值"], ["C-S1-M2", "2026年11月", 0.93, 22000, 20460], 20460.0),
    (["指标编码", "月份", "去年同期实际", "本月目标", "本月实际"], ["C-S1-M2", "2026年11月", 9000, 22000, 20460], 20460.0),
    (["Code", "Period", "YTD actual", "Actual"], ["C-S1-M2", "2026-11", 150000, 16000], 16000.0),
    (["Code", "Period", "Actual last year", "Actual"], ["C-S1-M2", "2026-11", 9000, 16000], 16000.0),
], ids=["year to date", "completion rate", "same period last year", "YTD", "last year"])
def test_a_figure_qualified_as_another_is_not_taken_for_the_actual(plan, tmp_path, heads, row, expected):
    """Found by a tester: a header naming another figure that holds the word for actual — 累计实际 (year to date),
    完成率 (completion rate), 去年同期实际 (same period last year) — was read as the actual column when it came
    first: the year-to-date figure imported as the month's, the rate 0.93 as the actual. Such a header names no
    column of the import."""
    path = write_xlsx(tmp_path / "two.xlsx", {"数据": [heads, row]})
    preview = importer.analyse(plan, path)
    assert preview.ok, [str(p) for p in preview.problems]
    importer.apply(plan, preview)
    assert values_of(plan, "C-S1-M2")["2026-11"][0] == expected


def test_two_columns_that_both_read_as_the_actual_are_a_question_not_a_guess(plan, tmp_path):
    """Two headers that both name the actual (实际值 and 实际完成): the first was taken without a word."""
    path = write_xlsx(tmp_path / "two.xlsx", {"数据": [["指标编码", "月份", "实际值", "实际完成"],
                                                      ["C-S1-M2", "2026年11月", 150000, 16000]]})
    before = file_digest(plan.path)
    preview = importer.analyse(plan, path)
    assert not preview.ok and any("实际值" in str(p) and "实际完成" in str(p) for p in preview.problems), \
        [str(p) for p in preview.problems]
    assert file_digest(plan.path) == before


def test_a_figure_column_whose_header_names_another_unit_than_the_measures_is_refused(plan, tmp_path):
    """Found by a tester: 实际值（万元） (in ten thousands of yuan) for a measure in 元 imported 1.2 as 1.2 元. A unit
    in the header of the actual or target column that is not the measure's is named, the row refused; the same
    unit, or a header without one ("Actual (实际值)" names the column, no unit), reads as before."""
    unit = plan.nodes.by_code("C-S1-M2").unit
    path = write_xlsx(tmp_path / "units.xlsx", {"数据": [["指标编码", "月份", "实际值（万元）"],
                                                        ["C-S1-M2", "2026年11月", 1.2]]})
    preview = importer.analyse(plan, path)
    assert [(p.row, p.column) for p in preview.problems] == [(2, 2)] and "万元" in str(preview.problems[0]), \
        [str(p) for p in preview.problems]
    same = write_xlsx(tmp_path / "same.xlsx", {"数据": [["指标编码", "月份", f"实际值（{unit}）", "Target (目标值)"],
                                                       ["C-S1-M2", "2026年11月", 16000, 22000]]})
    preview = importer.analyse(plan, same)
    assert preview.ok, [str(p) for p in preview.problems]


def test_a_header_cell_with_a_formula_without_a_saved_value_is_a_problem_not_a_column_left_unread(plan, tmp_path):
    """Found by a tester: period headers written as formulas (=EDATE(B1,1)) by a program that saves no values —
    their columns were 'not used', their numbers dropped with a note. The header cell is named, with what to do."""
    path = write_xlsx(tmp_path / "headers.xlsx", {"Actuals": [["Code", dt.datetime(2026, 10, 1), "=EDATE(B1,1)"],
                                                             ["C-S1-M2", 17600, 18000]]})
    preview = importer.analyse(plan, path)
    assert [(p.row, p.column) for p in preview.problems] == [(1, 2)] and "formula" in str(preview.problems[0]), \
        [str(p) for p in preview.problems]


@pytest.mark.parametrize("heads, periods", [
    (["指标编码", "2026年10月", "11月", "12月"], ["2026-10", "2026-11", "2026-12"]),
    (["指标编码", "2026年11月", "12月", "1月"], ["2026-11", "2026-12", "2027-01"]),
], ids=["the year once", "into the next year"])
def test_months_after_the_first_written_without_their_year_take_it_from_the_month_before(plan, tmp_path, heads,
                                                                                        periods):
    """Found by a tester: "2026年10月 | 11月 | 12月", as Chinese planners write a row of months, imported October
    only; November and December were 'not used', their numbers dropped with a note. A month without its year
    follows the month before it in the row (December → January: the next year)."""
    path = write_xlsx(tmp_path / "months.xlsx", {"数据": [heads, ["C-S1-M2", 1, 2, 3]]})
    preview = importer.analyse(plan, path)
    assert preview.ok, [str(p) for p in preview.problems]
    node = plan.nodes.by_code("C-S1-M2").id
    assert sorted((r[1], r[3]) for r in preview.rows if r[0] == node) == list(zip(periods, (1.0, 2.0, 3.0), strict=True))


@pytest.mark.parametrize("days", [
    [dt.datetime(2026, 1, 1), dt.datetime(2026, 2, 1), dt.datetime(2026, 4, 1)],         # March left out
    [dt.datetime(2026, 1, 31), dt.datetime(2026, 2, 28), dt.datetime(2026, 4, 30)],      # month ends
], ids=["firsts, one missing", "month ends, one missing"])
def test_date_headers_marking_months_with_one_missing_are_still_months(plan, tmp_path, days):
    """A reviewer's: with one month left out the dates were no longer evenly spaced, and the old reading came back
    — January's 40 stored as a quarterly measure's Q1, April's 7 as Q2."""
    node = plan.nodes.by_code("C-S2-M3")
    with plan.batch("edit", "frequency"):
        plan.actuals.end_for_nodes([node.id])
        plan.nodes.update(node.id, frequency="quarterly")
    path = write_xlsx(tmp_path / "dates.xlsx", {"Actuals": [["Code", *days], ["C-S2-M3", 40, None, 7]]})
    preview = importer.analyse(plan, path)
    assert sorted(p.column for p in preview.problems) == [1, 3] and "a month" in str(preview.problems[0]), \
        [str(p) for p in preview.problems]


def test_a_csv_with_a_space_after_each_comma_reads_its_quoted_values(plan, tmp_path):
    """A reviewer's: with only the separator kept from what the sniffer found, a space after each comma (a, "b")
    left the quotes in the comments ('"on track"') and refused "1,234"."""
    path = tmp_path / "spaced.csv"
    path.write_text('Code, Period, Actual, Comment\nC-S1-M2, 2026-11, "1,234", "on track"\n', encoding="utf-8")
    preview = importer.analyse(plan, path)
    assert preview.ok, [str(p) for p in preview.problems]
    importer.apply(plan, preview)
    stored = values_of(plan, "C-S1-M2")["2026-11"]
    assert (stored[0], stored[2]) == (1234.0, "on track")


def test_a_tab_separated_file_with_decimal_commas_is_never_read_as_thousands(plan, tmp_path):
    """A reviewer's: German Excel's "Text (tab-delimited)" writes 1,234 for 1.234 too; it was stored as 1234."""
    path = tmp_path / "de.txt"
    path.write_text("Code\tPeriod\tActual\nC-S1-M2\t2026-11\t1,234\n", encoding="utf-8")
    preview = importer.analyse(plan, path)
    assert [(p.row, p.column) for p in preview.problems] == [(2, 2)] and "decimal" in str(preview.problems[0])


def test_a_mapped_sheets_months_without_their_year_take_it_from_the_month_before(plan, tmp_path):
    """As the wide Actuals sheet does (above): a mapped sheet's "2026年10月 | 11月 | 12月" read only October."""
    path = write_xlsx(tmp_path / "ops.xlsx", {"运营": [["项目", "地区", "2026年10月", "11月", "12月"],
                                                      ["来电", "华东", 5, 6, 7]]})
    mapping = importer.Mapping("运营", [0, 1], {"来电 | 华东": ("C-S1-M2", "actual")})
    preview = importer.analyse(plan, path, [mapping])
    assert preview.ok, [str(p) for p in preview.problems]
    node = plan.nodes.by_code("C-S1-M2").id
    assert sorted((r[1], r[3]) for r in preview.rows if r[0] == node) == [("2026-10", 5.0), ("2026-11", 6.0),
                                                                           ("2026-12", 7.0)]


@pytest.mark.parametrize("text", [
    'Code,Period,Actual,Comment\n"C-S1-M2" ,2026-11,"1,234"  ,"on track" \n',
    'Code;Period;Actual;Comment\r\n"C-S1-M2" ;2026-11;"1234"  ;"on track" \r\n',
    'Code,Period,Actual,Comment\n"C-S1-M2" ,2026-11,1234,"on track" ',          # the file's last line, unended
], ids=["commas", "semicolons", "at the end of the file"])
def test_a_csv_value_in_quotes_followed_by_spaces_reads_as_a_spreadsheet_reads_it(plan, tmp_path, text):
    """Spaces between a value's closing quote and the separator (as some programs pad their columns):
    LibreOffice (and Python's lenient reader) read "on track" followed by a space as the value with the space, where the strict
    reading refused the whole file ("text follows a value in quotes"). Other text after a quote is still
    refused (above): "1"2 is no number."""
    path = tmp_path / "padded.csv"
    path.write_text(text, encoding="utf-8")
    preview = importer.analyse(plan, path)
    assert preview.ok, [str(p) for p in preview.problems]
    importer.apply(plan, preview)
    stored = values_of(plan, "C-S1-M2")["2026-11"]
    assert (stored[0], stored[2]) == (1234.0, "on track")


def test_spaces_inside_a_value_in_quotes_stay_as_they_are(tmp_path):
    """The spaces moved into a padded value's quotes are only those after its closing quote: a doubled quote
    followed by spaces and a comma inside a value is part of the value."""
    from ogsm_desktop.core.excel.books.csv_book import CsvBook

    path = tmp_path / "inside.csv"
    path.write_text('A,B\n"a "" ,b" ,"c"\n"x""" ,y\n', encoding="utf-8")
    rows = CsvBook(path).sheet("inside").rows
    assert rows == [["A", "B"], ['a " ,b ', "c"], ['x" ', "y"]]


@pytest.mark.parametrize("spaced", [False, True])
@pytest.mark.parametrize("separator", [",", ";", "\t", "|"])
def test_moving_the_spaces_after_quotes_changes_no_value_the_lenient_reading_gives(separator, spaced):
    """Random lines of quoted and bare values, doubled quotes, separators and line breaks inside quotes, quotes
    inside bare values, spaces and tabs before and after, empty cells: wherever the strict reading takes the
    result, it reads what Python's lenient reading reads from the file as written (which reads "x" followed by a
    space as "x "). With every separator: a reviewer found a tab-separated file's empty cell after a value in
    quotes taken for padding, the columns after it shifted left (an actual read from the target's column)."""
    import csv
    import io
    import random

    from ogsm_desktop.core.excel.books.csv_book import _Dialect, padded_quotes

    rng = random.Random(7)
    pieces = ['"a"', '"b "" c"', f'"x{separator}y"', '"two\nlines"', "plain", 'ab"c', " ", "  ", "\t", "", '""', "1"]
    dialect = _Dialect(separator, spaced)
    read = 0
    for _ in range(3000):
        lines = []
        for _line in range(rng.randint(1, 3)):
            lines.append(separator.join("".join(rng.choice(pieces) for _ in range(rng.randint(1, 2)))
                                        for _ in range(rng.randint(1, 4))))
        text = "\n".join(lines) + rng.choice(["", "\n", "\r\n"])
        try:
            strict = list(csv.reader(io.StringIO(padded_quotes(text, separator, spaced), newline=""), dialect,
                                     strict=True))
        except csv.Error:
            continue
        read += 1
        assert strict == list(csv.reader(io.StringIO(text, newline=""), dialect)), text
    assert read > 1000


def test_a_tab_separated_files_empty_cell_after_a_value_in_quotes_stays_an_empty_cell(plan, tmp_path):
    """Found by a reviewer: in a tab-separated file (Excel's "Unicode text"), a tab after a value in quotes was
    taken for padding: a quoted comment, two tabs and 500 became a comment ending in a tab and an actual of 500,
    read from the Target column, without a word. The separator is never padding."""
    path = tmp_path / "tabs.txt"
    path.write_text('Code\tPeriod\tComment\tActual\tTarget\nC-S1-M2\t2026-11\t"said ""late"""\t\t500\n',
                    encoding="utf-8")
    before = values_of(plan, "C-S1-M2").get("2026-11")
    preview = importer.analyse(plan, path)
    assert preview.ok, [str(p) for p in preview.problems]
    importer.apply(plan, preview)
    stored = values_of(plan, "C-S1-M2")["2026-11"]
    assert stored[1] == 500.0 and stored[2] == 'said "late"'
    assert stored[0] == (before[0] if before else None)


@pytest.mark.parametrize("stage", ["checking the rows read", "comparing with the plan"])
def test_a_cancel_after_the_sheets_are_read_is_honoured(plan, tmp_path, stage):
    """Found by a tester: a cancel while the rows read were checked or compared with the plan (25 s of a big
    file's 38) was not asked for, and the preview came up 20 s after the user had cancelled."""
    path = write_xlsx(tmp_path / "a.xlsx", {"Actuals": [["Code", "Period", "Actual"], ["C-S1-M1", "2026-11", 5]]})
    said = []

    def progress(what, _done, _total):
        said.append(what)
        return what != stage
    with pytest.raises(importer.ImportCancelled, match="nothing was written"):
        importer.analyse(plan, path, progress=progress)
    assert stage in said


def test_steps_whose_length_cannot_be_told_say_so(plan, tmp_path):
    """Found by a tester: a big sheet's import stood at 0 % while the reader library loaded it and while the
    rows read were checked (the steps said "0 of 1"), then jumped. Such steps now say that how far they are
    cannot be told (the window shows a busy bar); the rows read are counted against the rows there are."""
    from ogsm_desktop.core.excel.preview import UNMEASURED

    rows = [["Code", "Period", "Actual"]] + [["C-S1-M1", f"2026-{m:02d}", m] for m in range(1, 13)]
    path = write_xlsx(tmp_path / "a.xlsx", {"Actuals": rows})
    said = []
    preview = importer.analyse(plan, path, progress=lambda what, done, total: said.append((what, done, total)) or True)
    assert preview.ok, [str(p) for p in preview.problems]
    steps = {what for what, _done, total in said if total == UNMEASURED}
    assert {"reading sheet Actuals", "checking the rows read", "comparing with the plan"} <= steps, said
    assert all(total == UNMEASURED or 0 <= done <= total and total > 1 for _what, done, total in said), said
