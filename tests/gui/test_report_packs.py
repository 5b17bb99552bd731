"""The packs, printed: the board pack and a department pack read back from the PDF — the cover with the
counts, the one-page OGSM, the cascade map, the review, the alerts and the changes, in that order, each
page numbered, nothing outside the page."""

import re

import pypdf

from ogsm_desktop.cli import main
from tests.gui.test_report_print import placed_outside, squeeze

AS_OF = "2026-11-20"


def _pack(plan, out, *extra) -> tuple[list[str], pypdf.PdfReader]:
    assert main(["report", str(plan), str(out), "--as-of", AS_OF, "--lang", "en", *extra]) == 0
    reader = pypdf.PdfReader(out)
    return [squeeze(page.extract_text() or "") for page in reader.pages], reader


def _first(pages, text):
    return next(i for i, page in enumerate(pages) if squeeze(text) in page)


def test_the_board_pack_in_order_numbered_and_on_the_page(demo_path, tmp_path, qapp):
    pages, reader = _pack(demo_path, tmp_path / "board.pdf", "--preset", "board")
    cover = pages[0]
    assert squeeze("Board pack") in cover and squeeze("C 成为新能源汽车消费的第一入口") in cover
    assert squeeze("Period2026-Q4") in cover and "Achieved" in cover and "Notachieved" in cover
    # the counts leave the teams and people to their departments' packs, and the cover says so
    assert squeeze("Counted: the goals and measures of C and of the units right below it. Those of the teams and people "
                   "further down are in their departments' packs.") in cover
    order = [_first(pages, t) for t in ("Objective Goals Strategies", "Cascade map — C", "Review of 2026-Q4",
                                        "Alerts Rule Code", "Old → new")]
    assert order == sorted(order) and order[0] == 1, order
    assert not any(squeeze("Cascade map — D1") in p for p in pages)          # the board's map: the company's
    for number, page in enumerate(pages, start=1):
        assert squeeze(f"page {number} of {len(pages)}") in page
    for number, page in enumerate(reader.pages, start=1):
        assert placed_outside(page) == [], number


def test_a_department_pack_of_one_unit(demo_path, tmp_path, qapp):
    pages, _reader = _pack(demo_path, tmp_path / "d1.pdf", "--preset", "department", "--unit", "D1",
                           "--review", "2026-10")
    assert squeeze("Department pack") in pages[0] and squeeze("D1 让用户需求直接定义定制车型") in pages[0]
    assert squeeze("Counted: the goals and measures of D1 and of every unit below it.") in pages[0]
    text = "".join(pages)
    assert squeeze("Cascade map — D1") in text and squeeze("Review of 2026-10") in text
    assert squeeze("京东汽车 — 成为新能源汽车消费的第一入口") not in text             # the company page: not in it


def test_the_report_dialog_offers_the_packs(window):
    import datetime as dt

    from ogsm_desktop.core.report_data import BOARD, DEPARTMENT
    from ogsm_desktop.gui.dialogs.report_dialog import ReportDialog
    from tests.gui.helpers import node_id

    dialog = ReportDialog(window.session.plan, node_id(window, "D1-G1"), "Export PDF", window, as_of=dt.date(2026, 11, 20))
    dialog.preset.setCurrentIndex(dialog.preset.findData(DEPARTMENT))
    # the unit it prints, named (found by the window's tester: "the selected unit" did not say which)
    assert "D1 " in dialog.preset.currentText() and "让用户需求直接定义定制车型" in dialog.preset.currentText()
    assert not dialog.charts.isEnabled() and dialog.cascade_map.isChecked() and not dialog.overview.isChecked()
    assert dialog.review.currentData() == "2026-Q4"
    options = dialog.options()
    assert (options.preset, options.node_id, options.review, options.cascade_map) == (DEPARTMENT, node_id(window, "D1-G1"),
                                                                                      "2026-Q4", True)
    dialog.preset.setCurrentIndex(dialog.preset.findData(BOARD))
    assert dialog.options().preset == BOARD and dialog.onepages.text() == "One-page OGSM of the company"
    dialog.preset.setCurrentIndex(0)                                   # the parts one by one again
    assert dialog.charts.isEnabled() and dialog.options().preset is None
    dialog.deleteLater()


def test_a_review_a_few_rows_too_long_for_its_page_is_set_a_little_smaller_not_split(demo_path, tmp_path, qapp):
    """Found in the Chinese review: the demo's review of the quarter took its page and one row of the next,
    alone under the repeated header. A rich-text section that would leave a last page nearly empty is set
    a little smaller (never below the smallest readable size) to end on the page before."""
    for lang, heading in (("en", "Countermeasure"), ("zh", "对策")):
        out = tmp_path / f"board-{lang}.pdf"
        assert main(["report", str(demo_path), str(out), "--as-of", AS_OF, "--lang", lang, "--preset", "board"]) == 0
        reader = pypdf.PdfReader(out)
        pages = [squeeze(page.extract_text() or "") for page in reader.pages]
        assert sum(squeeze(heading) in page for page in pages) == 1, (lang, [i for i, p in enumerate(pages)
                                                                              if squeeze(heading) in p])
        for number, page in enumerate(pages, start=1):
            assert squeeze(f"page {number} of {len(pages)}") in page or squeeze(f"第 {number} 页，共 {len(pages)} 页") in page
        for number, page in enumerate(reader.pages, start=1):
            assert placed_outside(page) == [], number


def test_a_pack_of_the_locked_context_in_a_department_file_does_not_say_it_counts_the_company(demo_path, tmp_path,
                                                                                              qapp):
    """Found by a reviewer: printed from D1's file, the board pack (and a department pack of C) is of C, the
    company's objective the file holds locked: its review and counts are D1's alone (4 achieved, 2 not; the company's own pack: 18 and
    3), C's goals and other departments being in the company's plan — as the one-page of C in the same pack
    now says. The cover said "Counted: the goals and measures of C and of the units right below it" (or "of
    every unit below it"): a board reader takes D1's numbers for the company's."""
    import datetime as dt

    from ogsm_desktop.core import departments
    from ogsm_desktop.core.report_data import BOARD, DEPARTMENT, gather, preset_options
    from ogsm_desktop.core.storage import Plan
    from ogsm_desktop.gui.report import ReportBuilder

    with Plan.open(demo_path) as company:
        departments.split(company, "D1", tmp_path / "d1.ogsm")
    with Plan.open(tmp_path / "d1.ogsm") as plan:
        c = plan.nodes.by_code("C")
        for preset, node_id in ((BOARD, None), (DEPARTMENT, c.id)):
            content = gather(plan, preset_options(plan, preset, node_id, "2026-Q4", dt.date(2026, 11, 20)))
            assert content.cover.unit.id == c.id and {r.unit.code for r in content.review.rows} <= {"D1", "P1"}
            counted = ReportBuilder(content)._counted()
            assert "goals and measures of C and" not in counted, (preset, counted)
            assert "company's plan" in counted and "of D1" in counted, (preset, counted)


def test_a_pack_of_the_locked_context_in_a_file_cut_below_a_department_names_the_unit_it_counts(
        demo_path, tmp_path, qapp):
    """Found by a reviewer: printed from P1's file (cut below D1), a department pack of C counts P1's goals and measures
    alone (its review rows are P1's), but the cover says "Counted: the goals and measures of C and of every
    unit below it" — ``_counted`` looks for the file's unit two levels below the cover only, and D1 there is
    locked context too. A pack of D1 calls D1 "the company's objective"."""
    import datetime as dt

    from ogsm_desktop.core import departments
    from ogsm_desktop.core.report_data import BOARD, DEPARTMENT, gather, preset_options
    from ogsm_desktop.core.storage import Plan
    from ogsm_desktop.gui.report import ReportBuilder

    with Plan.open(demo_path) as company:
        departments.split(company, "P1", tmp_path / "p1.ogsm")
    with Plan.open(tmp_path / "p1.ogsm") as plan:
        for code in ("C", "D1"):
            node = plan.nodes.by_code(code)
            content = gather(plan, preset_options(plan, DEPARTMENT, node.id, "2026-Q4", dt.date(2026, 11, 20)))
            assert {r.unit.code for r in content.review.rows} == {"P1"}
            counted = ReportBuilder(content)._counted()
            assert f"goals and measures of {code} and" not in counted, (code, counted)
            assert "of P1" in counted and "company's plan" in counted, (code, counted)
            assert "D1 is the company's objective" not in counted, (code, counted)
        content = gather(plan, preset_options(plan, BOARD, None, "2026-Q4", dt.date(2026, 11, 20)))
        assert (content.cover.achieved, content.cover.not_achieved, content.review.rows) == (0, 0, [])
        counted = ReportBuilder(content)._counted()           # the board's C and D1 hold no goal here
        assert counted.startswith("Counted: no goal or measure") and "P1" in counted, counted


def test_the_chinese_cover_of_the_board_pack_does_not_call_the_company_a_department(demo_path, tmp_path, qapp):
    """Found by the window's tester: the cover's "Unit" read 部门 (department), so the company's pack said
    "部门 C 成为…". (Not 单元 either: in this program's Chinese 单元格 is a spreadsheet's cell.)"""
    out = tmp_path / "board-zh.pdf"
    assert main(["report", str(demo_path), str(out), "--as-of", AS_OF, "--lang", "zh", "--preset", "board"]) == 0
    cover = squeeze(pypdf.PdfReader(out).pages[0].extract_text() or "")
    assert squeeze("组织单元") in cover and squeeze("部门") not in cover.split(squeeze("期间"))[0], cover[:200]


def test_the_report_dialog_takes_any_review_period_typed(window, qtbot):
    """Found by a new user: the report dialog offered a fixed list of review periods (this and the last
    month, quarter and year), so October alone could not be printed in December. A month, a quarter or a
    year can be typed as in the Review dialog; what is not one is said in the dialog, which stays open."""
    import datetime as dt

    from PySide6.QtWidgets import QDialog

    from ogsm_desktop.gui.dialogs.report_dialog import ReportDialog

    dialog = ReportDialog(window.session.plan, None, "Export PDF", window, as_of=dt.date(2026, 12, 20))
    dialog.show()
    for typed, key in (("2026-08", "2026-08"), ("2026年7月", "2026-07"), ("2026Q1", "2026-Q1"), ("2025", "2025")):
        dialog.review.setEditText(typed)
        assert dialog.options().review == key, typed
    dialog.review.setCurrentIndex(0)                                   # "(leave out)"
    assert dialog.options().review is None
    dialog.review.setEditText("2026-W10")
    dialog.accept()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.problem.isVisible() and "week" in dialog.problem.text()
    dialog.review.setEditText("2026-10")
    assert not dialog.problem.isVisible()
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.options().review == "2026-10"


def test_a_review_period_typed_is_the_one_printed_not_a_list_items_completion(window, qtbot):
    """Found by a cold review: typed with the keyboard, "2026" was completed inline to "2026-Q4" (the first item
    starting so) and "2026-1" to "2026-12": another period printed without a word."""
    import datetime as dt

    from ogsm_desktop.core.report_data import BOARD
    from ogsm_desktop.gui.dialogs.report_dialog import ReportDialog

    dialog = ReportDialog(window.session.plan, None, "Export PDF", window, as_of=dt.date(2026, 12, 20))
    dialog.show()
    qtbot.waitExposed(dialog)
    edit = dialog.review.lineEdit()
    for typed, key in (("2026", "2026"), ("2026-1", "2026-01"), ("2026-Q", None)):
        edit.setFocus()
        edit.clear()
        qtbot.keyClicks(edit, typed)
        assert edit.text() == typed
        if key is None:
            dialog.accept()
            assert dialog.problem.isVisible() and "2026-Q" in dialog.problem.text()
            assert "W05" not in dialog.problem.text()                      # a review is never of a week
        else:
            assert dialog.options().review == key, typed
    edit.clear()
    qtbot.keyClicks(edit, "2030")                                          # (a typo for 2026): not begun
    dialog.accept()
    assert dialog.problem.isVisible() and "2030" in dialog.problem.text() and dialog.result() == 0
    dialog.preset.setCurrentIndex(dialog.preset.findData(BOARD))
    assert dialog.options().review == "2026-Q4"
    dialog.review.setCurrentIndex(0)                                       # "(leave out)", in a pack too
    assert dialog.options().review is None
    dialog.reject()


def test_a_pack_without_a_review_does_not_print_zero_achieved_on_its_cover(demo_path, tmp_path, qapp):
    """Found by a new user: the review left out, the cover said "0 Achieved, 0 Not achieved, 0 Without a number"
    — a board reads "nothing achieved". It says no period is reviewed in the pack; the alerts are counted."""
    import datetime as dt

    from ogsm_desktop.core.report_data import BOARD, gather, preset_options
    from ogsm_desktop.core.storage import Plan
    from ogsm_desktop.gui.report import write_pdf

    with Plan.open(demo_path, readonly=True) as plan:
        options = preset_options(plan, BOARD, today=dt.date(2026, 11, 20))
        options.review = None
        content = gather(plan, options)
    out = tmp_path / "no-review.pdf"
    write_pdf(content, out)
    cover = squeeze(pypdf.PdfReader(out).pages[0].extract_text())
    assert "Achieved" not in cover and "Withoutanumber" not in cover, cover
    assert squeeze("No period is reviewed in this pack.") in cover and "Alerts" in cover


def test_the_alerts_dates_are_never_broken_on_letter_paper(demo_path, tmp_path, qapp):
    """Found by a new user: on US Letter the alerts' Since column broke "2026-11-30" after "2026-11-3"."""
    out = tmp_path / "letter.pdf"
    assert main(["report", str(demo_path), str(out), "--as-of", "2026-12-05", "--lang", "en", "--preset", "board",
                 "--paper", "letter"]) == 0
    texts = [page.extract_text() for page in pypdf.PdfReader(out).pages]
    alerts = next(t for t in texts if "Rule" in t and "Since" in t)
    dates = re.findall(r"\b2026-\d\d(?:-\d\d?)?\b", alerts)
    assert dates and all(len(d) in (7, 10) for d in dates), dates            # 2026-10 or 2026-11-30, never 2026-11-3


def test_a_long_code_does_not_squeeze_the_alerts_on_letter_paper(demo_path, tmp_path, qapp):
    """Found by a third review: a code of 38 characters without spaces (valid: up to 40), kept whole, took the
    alerts' Details column down to a character a line — the alerts went from one page to nine."""
    from ogsm_desktop.core.storage import Plan

    with Plan.open(demo_path) as plan, plan.batch(reason="long codes"):
        for code in ("C-S1-M2", "D1-G2", "D1-S2-M1"):
            plan.nodes.update(plan.nodes.by_code(code).id, code="华南区域零售广州番禺门店集群乙组第三批次重点客户专项行动计划" + code)
    out = tmp_path / "letter.pdf"
    assert main(["report", str(demo_path), str(out), "--as-of", "2026-12-05", "--lang", "en", "--preset", "board",
                 "--paper", "letter"]) == 0
    texts = [page.extract_text() for page in pypdf.PdfReader(out).pages]
    alerts = [t for t in texts if "Rule" in t and "Since" in t]
    assert 1 <= len(alerts) <= 2, len(alerts)
