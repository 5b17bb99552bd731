"""Excel for one unit: an export limited to one org unit's part of the plan, and a workbook that remembers
which plan and which point of its journal it was written at; importing it after the plan changed shows the
plan's later changes as conflicts instead of reverting them."""

import shutil
import subprocess

import openpyxl
import pytest

from ogsm_desktop.core.departments import plan_identity
from ogsm_desktop.core.errors import NotFoundError, PlanError, ValidationError
from ogsm_desktop.core.excel import importer
from ogsm_desktop.core.excel.conflicts import PLAN, WORKBOOK
from ogsm_desktop.core.excel.exporter import export
from ogsm_desktop.core.excel.origin import identify
from ogsm_desktop.core.model import QUANTIFIED
from ogsm_desktop.core.storage import Plan


def _rows(wb, sheet):
    return [[c.value for c in r] for r in wb[sheet].iter_rows(min_row=2)]


def _value(plan, code, period):
    node_id = plan.nodes.by_code(code).id
    return next(((a.actual, a.target, a.comment) for a in plan.actuals.of(node_id) if a.period == period), None)


def _set_cell(path, sheet, code, column, value, period=None):
    """Edit a workbook as a planner would in Excel: one cell of the row of ``code`` (and ``period``)."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    header = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == code and (period is None or row[1].value == period):
            row[header.index(column)].value = value
            break
    else:
        raise AssertionError(f"no row {code} {period}")
    wb.save(path)


@pytest.fixture
def unit_book(plan, tmp_path):
    """The D1 workbook of the demo plan, exported after the plan was given its identity."""
    identify(plan)
    return export(plan, tmp_path / "d1.xlsx", unit="D1")


def test_a_unit_export_holds_the_unit_and_everything_below_it_only(plan, unit_book):
    part = plan.nodes.some(plan.nodes.subtree_ids(plan.nodes.by_code("D1").id))
    codes = {n.code for n in part.values()}
    measures = {n.code for n in part.values() if n.kind in QUANTIFIED}
    wb = openpyxl.load_workbook(unit_book)
    assert wb.sheetnames == ["Cascade", "Measures", "Actuals"]
    cascade = _rows(wb, "Cascade")
    assert cascade[0][0] == "D1" and wb["Cascade"].row_dimensions[2].outlineLevel == 0
    assert {r[0] for r in cascade} == codes and "P1-S1-M1" in codes and "C" not in codes
    assert {r[0] for r in _rows(wb, "Measures")} == measures
    actuals = _rows(wb, "Actuals")
    assert {r[0] for r in actuals} <= measures and ["D1-S1-M1", "2026-03", 11000, 10000, None] in actuals
    expected = sum(len(plan.actuals.of(n.id)) for n in part.values() if n.kind in QUANTIFIED)
    assert len(actuals) == expected > 0


def test_a_unit_export_names_an_objective(plan, tmp_path):
    with pytest.raises(ValidationError, match="D1-S1 is not the objective"):
        export(plan, tmp_path / "x.xlsx", unit="D1-S1")
    with pytest.raises(NotFoundError):
        export(plan, tmp_path / "x.xlsx", unit="NOPE")
    assert not (tmp_path / "x.xlsx").exists()


def test_the_workbook_remembers_the_plan_the_point_and_the_unit_and_round_trips_unchanged(plan, unit_book):
    preview = importer.analyse(plan, unit_book)
    origin = preview.origin
    assert origin.plan_id == plan_identity(plan) and origin.unit_code == "D1"
    assert origin.batch == plan.journal.last_batch_id() == preview.since
    assert preview.ok and not preview.changes_anything and not preview.conflicts and not preview.warnings


def test_identity_is_given_once_as_a_journaled_setting(plan):
    assert plan_identity(plan) is None
    changes = identify(plan)
    assert changes.batch_id == plan.journal.last_batch_id() and "identity" in plan.journal.batch(changes.batch_id).reason
    assert plan_identity(plan) and identify(plan) is None


def test_a_value_changed_in_the_plan_since_is_a_conflict_and_nothing_is_written_until_chosen(plan, unit_book):
    m1 = plan.nodes.by_code("D1-S1-M1").id
    with plan.batch("edit", "corrected March"):
        plan.actuals.write([(m1, "2026-03", 11500.0, 10000.0, "")])
    _set_cell(unit_book, "Actuals", "D1-S1-M1", "Actual", 12800, "2026-04")      # an edit made in the workbook
    _set_cell(unit_book, "Actuals", "D1-S1-M1", "Actual", 11200, "2026-03")      # and March, differently
    preview = importer.analyse(plan, unit_book)
    assert preview.ok and len(preview.conflicts) == 1
    conflict = preview.conflicts[0]
    assert (conflict.code, conflict.period, conflict.what) == ("D1-S1-M1", "2026-03", "actual")
    assert (conflict.exported, conflict.plan, conflict.workbook) == (11000, 11500, 11200)
    last = plan.journal.last_batch_id()
    with pytest.raises(ValidationError, match="1 value was changed in the plan since"):
        importer.apply(plan, preview)
    assert plan.journal.last_batch_id() == last and _value(plan, "D1-S1-M1", "2026-04")[0] == 12000

    changes = importer.apply(plan, preview, choices={conflict.key: PLAN})
    assert _value(plan, "D1-S1-M1", "2026-03")[0] == 11500            # the plan's later change is kept
    assert _value(plan, "D1-S1-M1", "2026-04")[0] == 12800            # the workbook's own edit is imported
    assert changes.batch_id == plan.journal.last_batch_id()


def test_take_workbook_writes_the_workbook_value(plan, unit_book):
    m1 = plan.nodes.by_code("D1-S1-M1").id
    with plan.batch():
        plan.actuals.write([(m1, "2026-03", 11500.0, 10000.0, "")])
    _set_cell(unit_book, "Actuals", "D1-S1-M1", "Actual", 11200, "2026-03")
    preview = importer.analyse(plan, unit_book)
    importer.apply(plan, preview, prefer=WORKBOOK)
    assert _value(plan, "D1-S1-M1", "2026-03")[0] == 11200


def test_a_value_only_the_plan_changed_keeps_the_plans_value_without_asking(plan, unit_book):
    """The workbook still has the value the plan had when it was exported: only the plan changed it, so
    importing the workbook does not revert it (and there is nothing to choose)."""
    m1 = plan.nodes.by_code("D1-S1-M1")
    with plan.batch():
        plan.actuals.write([(m1.id, "2026-03", 11500.0, 10000.0, "")])
        plan.nodes.update(m1.id, owner="新负责人")
    _set_cell(unit_book, "Actuals", "D1-S1-M1", "Actual", 12800, "2026-04")
    preview = importer.analyse(plan, unit_book)
    assert preview.ok and not preview.conflicts and any("keep the plan" in w for w in preview.warnings)
    importer.apply(plan, preview, prefer=WORKBOOK)
    assert _value(plan, "D1-S1-M1", "2026-03")[0] == 11500 and plan.nodes.get(m1.id).owner == "新负责人"
    assert _value(plan, "D1-S1-M1", "2026-04")[0] == 12800


def test_a_field_changed_in_the_plan_since_is_a_conflict_per_field(plan, unit_book):
    """The plan changed a measure's target and title and a period's target; the workbook changed that
    period's actual and the measure's unit: the workbook's changes go in, the plan's are conflicts. A field
    the plan changed and changed back is no change."""
    m1 = plan.nodes.by_code("D1-S1-M1")
    with plan.batch():
        plan.nodes.update(m1.id, target=130000.0, title="问卷月回收量（有效）")
        plan.actuals.write([(m1.id, "2026-05", 13000.0, 10500.0, "")])
    m2 = plan.nodes.by_code("D1-S2-M1")
    plan.nodes.update(m2.id, unit="项（旧）")
    plan.nodes.update(m2.id, unit=m2.unit)                                   # and back: no change
    _set_cell(unit_book, "Measures", "D1-S2-M1", "Unit", "个")
    _set_cell(unit_book, "Actuals", "D1-S1-M1", "Actual", 13300, "2026-05")
    _set_cell(unit_book, "Measures", "D1-S1-M1", "Unit", "份")
    _set_cell(unit_book, "Measures", "D1-S1-M1", "Target", 125000)            # changed in both: conflicts
    _set_cell(unit_book, "Measures", "D1-S1-M1", "Title", "问卷月回收量（工作簿）")
    _set_cell(unit_book, "Actuals", "D1-S1-M1", "Target", 10200, "2026-05")
    preview = importer.analyse(plan, unit_book)
    found = {(c.what, c.period): (c.plan, c.workbook) for c in preview.conflicts}
    assert found == {("target", ""): (130000, 125000), ("title", ""): ("问卷月回收量（有效）", "问卷月回收量（工作簿）"),
                     ("target", "2026-05"): (10500, 10200)}
    importer.apply(plan, preview, prefer=PLAN)
    after = plan.nodes.get(m1.id)
    assert (after.target, after.title, after.unit) == (130000, "问卷月回收量（有效）", "份")
    assert plan.nodes.get(m2.id).unit == "个"
    assert _value(plan, "D1-S1-M1", "2026-05")[:2] == (13300, 10500)


def test_a_measure_deleted_in_the_plan_since_is_left_out_and_said(plan, unit_book):
    """Its code is never given again, so the workbook cannot bring it back: its row and values are left out
    (the rest is imported), and the preview says so."""
    plan.nodes.delete(plan.nodes.by_code("D1-S3-M1").id)
    _set_cell(unit_book, "Actuals", "D1-S1-M1", "Actual", 12800, "2026-04")
    preview = importer.analyse(plan, unit_book)
    assert preview.ok and not preview.conflicts and not preview.new_measures and not preview.pending
    assert any("D1-S3-M1 was deleted in the plan" in w for w in preview.warnings)
    importer.apply(plan, preview)
    assert "D1-S3-M1" not in {n.code for n in plan.nodes.tree().nodes.values()}
    assert _value(plan, "D1-S1-M1", "2026-04")[0] == 12800


def test_a_workbook_of_another_plan_is_said_and_imported_as_today(plan, demo_template, tmp_path):
    other_path = tmp_path / "other.ogsm"
    shutil.copy(demo_template, other_path)
    with Plan.open(other_path) as other:
        identify(other)
        book = export(other, tmp_path / "other.xlsx", unit="D1")
    identify(plan)
    m1 = plan.nodes.by_code("D1-S1-M1").id
    with plan.batch():
        plan.actuals.write([(m1, "2026-03", 11500.0, 10000.0, "")])
    preview = importer.analyse(plan, book)
    assert preview.since is None and not preview.conflicts
    assert len(preview.warnings) == 1 and "another plan" in preview.warnings[0]
    importer.apply(plan, preview)
    assert _value(plan, "D1-S1-M1", "2026-03")[0] == 11000


def test_a_workbook_without_an_origin_is_imported_as_today(plan, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Code", "Period", "Actual"])
    ws.append(["D1-S1-M1", "2026-03", 9999])
    wb.save(tmp_path / "plain.xlsx")
    preview = importer.analyse(plan, tmp_path / "plain.xlsx")
    assert preview.origin is None and not preview.warnings and not preview.conflicts
    assert preview.counts()["values changed"] == 1


def test_a_plan_without_identity_opened_read_only_names_its_file(demo_path, tmp_path):
    with Plan.open(demo_path, readonly=True) as plan:
        book = export(plan, tmp_path / "ro.xlsx", unit="D1")
    with Plan.open(demo_path) as plan:
        m1 = plan.nodes.by_code("D1-S1-M1").id
        with plan.batch():
            plan.actuals.write([(m1, "2026-03", 11500.0, 10000.0, "")])
    _set_cell(book, "Actuals", "D1-S1-M1", "Actual", 11200, "2026-03")
    with Plan.open(demo_path) as plan:
        preview = importer.analyse(plan, book)
        assert not preview.origin.plan_id and [c.code for c in preview.conflicts] == ["D1-S1-M1"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("kind", ["xlsx", "ods"])
def test_a_workbook_saved_again_by_libreoffice_keeps_its_origin(plan, unit_book, tmp_path, kind):
    out = tmp_path / "lo"
    _set_cell(unit_book, "Actuals", "D1-S1-M1", "Actual", 11200, "2026-03")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless", "--convert-to",
                    kind, "--outdir", str(out), str(unit_book)], check=True, capture_output=True, timeout=180)
    saved = out / f"d1.{kind}"
    m1 = plan.nodes.by_code("D1-S1-M1").id
    with plan.batch():
        plan.actuals.write([(m1, "2026-03", 11500.0, 10000.0, "")])
    preview = importer.analyse(plan, saved)
    assert preview.origin.plan_id == plan_identity(plan) and preview.origin.unit_code == "D1"
    assert [(c.code, c.period, c.plan, c.workbook) for c in preview.conflicts] == [("D1-S1-M1", "2026-03", 11500, 11200)]


def test_a_row_of_a_measure_deleted_from_the_plan_is_refused_in_the_preview_with_nothing_written(plan, tmp_path):
    """A workbook that does not say where it came from lists a measure the plan has deleted: its code is
    never given again, so the row cannot make a new measure. Named in the preview (not a failure once the
    user has accepted it), the plan file untouched."""
    book = export(plan, tmp_path / "all.xlsx")
    wb = openpyxl.load_workbook(book)
    wb.custom_doc_props = openpyxl.packaging.custom.CustomPropertyList()       # an origin-less workbook
    wb.save(book)
    plan.nodes.delete(plan.nodes.by_code("D1-S3-M1").id)
    batches = plan.journal.last_batch_id()
    preview = importer.analyse(plan, book)
    assert preview.origin is None and not preview.ok
    assert any("D1-S3-M1" in str(p) and "deleted" in str(p) for p in preview.problems)
    said = [str(p) for p in preview.problems if "D1-S3-M1" in str(p)]
    assert not any("unknown code" in text for text in said), said
    with pytest.raises(PlanError):
        importer.apply(plan, preview)
    assert plan.journal.last_batch_id() == batches


def test_a_measure_renamed_in_the_plan_since_is_named_with_its_new_code(plan, unit_book):
    m1 = plan.nodes.by_code("D1-S1-M1")
    plan.nodes.update(m1.id, code="D1-S1-MX")
    preview = importer.analyse(plan, unit_book)
    assert not preview.ok
    assert any("D1-S1-M1 was renamed D1-S1-MX" in str(p) for p in preview.problems)
    assert not any("deleted" in str(p) for p in preview.problems)
    # each row of it, numbers too, says so (found by a tester: the numbers' rows said "unknown code")
    said = [str(p) for p in preview.problems if "D1-S1-M1" in str(p)]
    assert len(said) > 1 and all("was renamed D1-S1-MX" in text for text in said), said


def test_a_value_only_the_plan_changed_is_not_counted_as_left_empty(plan, unit_book):
    """Found by a review of 40a9544: a value changed in the plan since the export (the workbook's left as it
    was) keeps the plan's and is said so; it was counted again as a value the workbook left empty."""
    m1 = plan.nodes.by_code("D1-S1-M1")
    with plan.batch():
        plan.actuals.write([(m1.id, "2026-03", 11500.0, 10000.0, "")])
    _set_cell(unit_book, "Actuals", "D1-S1-M1", "Actual", 12800, "2026-04")
    preview = importer.analyse(plan, unit_book)
    assert preview.counts()["values kept"] == 0 and "left empty" not in preview.summary()
    assert any("changed in the plan since the workbook was exported" in w for w in preview.warnings)


def test_what_the_import_writes_is_shown_as_chosen(plan, unit_book):
    """The definitions and values listed as changing follow the conflicts' choices: a field or a value the
    plan keeps is not listed as written (a preview that said "target 130,000 → 125,000" while the plan kept
    130,000 told the user something that did not happen); one chosen from the workbook is."""
    from ogsm_desktop.core.excel.conflicts import chosen

    m1 = plan.nodes.by_code("D1-S1-M1")
    with plan.batch():
        plan.nodes.update(m1.id, target=130000.0)
        plan.actuals.write([(m1.id, "2026-05", 13000.0, 10500.0, "")])
    _set_cell(unit_book, "Measures", "D1-S1-M1", "Target", 125000)
    _set_cell(unit_book, "Measures", "D1-S1-M1", "Unit", "份")
    _set_cell(unit_book, "Actuals", "D1-S1-M1", "Target", 10200, "2026-05")
    preview = importer.analyse(plan, unit_book)
    assert {(c.what, c.period) for c in preview.conflicts} == {("target", ""), ("target", "2026-05")}

    kept = chosen(plan, preview, {}, PLAN)
    assert [(c.code, c.old, c.new) for c in kept.measure_changes()] == [("D1-S1-M1", {"unit": m1.unit}, {"unit": "份"})]
    assert not [v for v in kept.value_changes() if v.period == "2026-05"]
    assert kept.counts()["values kept"] == preview.counts()["values kept"]    # a choice is no empty cell

    key = next(c.key for c in preview.conflicts if c.what == "target" and c.period == "")
    mixed = chosen(plan, preview, {key: WORKBOOK}, PLAN)
    assert [c.new for c in mixed.measure_changes()] == [{"target": 125000, "unit": "份"}]
    taken = chosen(plan, preview, {}, WORKBOOK)
    assert [(v.old[1], v.new[1]) for v in taken.value_changes() if v.period == "2026-05"] == [(10500, 10200)]
    before = (plan.nodes.get(m1.id).target, _value(plan, "D1-S1-M1", "2026-05"))
    importer.apply(plan, preview, prefer=PLAN)                         # what was shown is what is written
    assert (plan.nodes.get(m1.id).target, _value(plan, "D1-S1-M1", "2026-05")) == before
    assert plan.nodes.get(m1.id).unit == "份"


def test_numbers_of_a_measure_deleted_since_the_export_say_so_without_its_measures_row(demo_path, tmp_path):
    """Raised by a reviewer (4416d4a): the team's workbook kept its Actuals rows of D1-S1-M1 but not the
    Measures row (a sheet cut down, an Actuals-only copy), and the plan deleted D1-S1-M1 after the export.
    Reader.gone_code answers None for a code deleted since the export ("left out apart"), but nothing
    leaves the Actuals rows out: they said 'unknown code D1-S1-M1', the wording the fix was to end."""
    book = tmp_path / "team.xlsx"
    with Plan.open(demo_path) as plan:
        identify(plan)
        export(plan, book)
        plan.nodes.delete(plan.nodes.by_code("D1-S1-M1").id)
    wb = openpyxl.load_workbook(book)
    sheet = wb["Measures"]
    row = next(r[0].row for r in sheet.iter_rows() if any(c.value == "D1-S1-M1" for c in r))
    sheet.delete_rows(row)
    wb.save(book)
    with Plan.open(demo_path) as plan:
        preview = importer.analyse(plan, book)
    said = [str(p) for p in preview.problems if "D1-S1-M1" in str(p)] + [w for w in preview.warnings if "D1-S1-M1" in w]
    assert said and not any("unknown code" in text for text in said), said
    assert preview.ok and said == ["D1-S1-M1 was deleted in the plan after the workbook was exported: its values "
                                   "are left out"]
    assert all(code != "D1-S1-M1" for code, *_rest in preview.pending)


def test_a_new_measure_of_the_workbook_is_not_merged_into_a_measure_the_plan_made_since_under_its_code(plan, tmp_path):
    """Two planners, one code: the workbook adds 门店试驾满意度 (分) as C-S1-M3 with October's 88 against 90,
    while the plan adds 线上留资量 (条), which is given C-S1-M3 too. The import offered the new measure's title,
    unit and target as conflicts with the plan's; keeping the plan's for each still wrote the workbook's
    88 / 90 / 首月 into 线上留资量's October — another measure's numbers, without a word. The rows of a code
    that no node had when the workbook was exported are the workbook's own measure, not the plan's new one."""
    from ogsm_desktop.core.model import Kind

    identify(plan)
    book = export(plan, tmp_path / "plan.xlsx")
    wb = openpyxl.load_workbook(book)
    wb["Measures"].append(["C-S1-M3", "C-S1", "measure", "门店试驾满意度", None, None, None, "分", None, 90])
    wb["Actuals"].append(["C-S1-M3", "2026-10", 88, 90, "首月"])
    wb.save(book)
    made = plan.nodes.add_new(plan.nodes.by_code("C-S1").id, Kind.MEASURE, title="线上留资量", unit="条", target=5000)
    assert made.code == "C-S1-M3"
    preview = importer.analyse(plan, book)
    if preview.ok:
        importer.apply(plan, preview, prefer=PLAN)
    after = plan.nodes.get(made.id)
    assert (after.title, after.unit, after.target) == ("线上留资量", "条", 5000)
    assert _value(plan, "C-S1-M3", "2026-10") is None


def test_a_value_outside_the_unit_in_its_workbook_is_named(plan, unit_book):
    """Found by a tester: the workbook exported for D1 took a row for C-G1 — the company's goal, outside D1 —
    without a word. The preview names such values (they are still imported: the planner decides)."""
    wb = openpyxl.load_workbook(unit_book)
    wb["Actuals"].append(["C-G1", "2026-11", 90000, None, None])
    wb.save(unit_book)
    preview = importer.analyse(plan, unit_book)
    assert preview.ok, preview.problems
    said = [w for w in preview.warnings if "outside D1" in w]
    assert said == ["1 value is for goals and measures outside D1, the part this workbook was exported for: C-G1"]


def test_numbers_a_spreadsheet_saves_to_15_digits_are_no_change_and_no_conflict(plan, tmp_path):
    """Found by a tester: a workbook exported with 2.1000000000000005 (what 0.7 × 3 makes) and 0.30000000000000004,
    opened and saved in LibreOffice without touching them (it keeps 15 significant digits: 2.1 and 0.3), showed
    "actual 0.3 → 0.3" as a change and — the plan having changed the first since — a conflict "plan 3 / workbook
    2.1 (when exported: 2.1)". A number equal to 15 significant digits is the same number, as Excel and
    LibreOffice keep it."""
    m = plan.nodes.by_code("D1-S1-M1")
    with plan.batch():
        plan.actuals.write([(m.id, "2026-11", 0.7 * 3, None, ""), (m.id, "2026-12", 0.1 + 0.2, None, "")])
        plan.nodes.update(m.id, target=0.1 + 0.2)
    identify(plan)
    book = export(plan, tmp_path / "d1.xlsx", unit="D1")
    _set_cell(book, "Actuals", "D1-S1-M1", "Actual", 2.1, "2026-11")      # as a spreadsheet saves them
    _set_cell(book, "Actuals", "D1-S1-M1", "Actual", 0.3, "2026-12")
    _set_cell(book, "Measures", "D1-S1-M1", "Target", 0.3)
    with plan.batch("edit", "corrected November"):
        plan.actuals.write([(m.id, "2026-11", 3.0, None, "")])
    preview = importer.analyse(plan, book)
    assert preview.ok and not preview.conflicts, [str(c) for c in preview.conflicts]
    assert preview.diff.counts["changed"] == 0 and not preview.changed_measures
    importer.apply(plan, preview)
    assert _value(plan, "D1-S1-M1", "2026-11")[0] == 3.0                 # the plan's later change stays


def test_a_number_typed_is_exact_a_change_in_its_16th_digit_is_kept(plan):
    """A reviewer's: the 15-digit equality of the import (above) reached the window and the command line, which
    write through the same comparison: 1234567890123457 typed over 1234567890123456 was 'unchanged', the old
    value kept. A number typed is exact."""
    from ogsm_desktop.core import numbers

    node = plan.nodes.by_code("D1-S1-M1")
    with plan.batch():
        numbers.write(plan, node, {"2026-11": {"actual": 1234567890123456.0}})
    with plan.batch():
        numbers.write(plan, node, {"2026-11": {"actual": 1234567890123457.0}})
    assert _value(plan, "D1-S1-M1", "2026-11")[0] == 1234567890123457.0
