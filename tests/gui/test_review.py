"""The period review: in the window (with countermeasures typed in place, journaled and undoable) and
printed (the report's review page, read back from the PDF)."""

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QDialogButtonBox

from ogsm_desktop.cli import main
from ogsm_desktop.core.storage import Plan
from tests.gui.conftest import answer_dialog
from tests.gui.helpers import batches, node_id
from tests.gui.test_report import pdf_pages, squeeze


def row_of(dialog, code):
    """The row of ``code`` in the review's table, and the texts of its cells as shown."""
    model = dialog.table.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == code)
    return row, [model.index(row, c).data() for c in range(model.columnCount())]


def cell(dialog, code, column, role=Qt.ItemDataRole.DisplayRole):
    from ogsm_desktop.gui.dialogs.review_dialog import COLUMNS

    row, _texts = row_of(dialog, code)
    return dialog.table.model().index(row, COLUMNS.index(column)).data(role)


def type_countermeasure(qtbot, dialog, code, text, refused=False):
    """As a planner types a countermeasure: the cell double-clicked, the text typed, Return; waits until the cell
    is closed, unless the text is ``refused`` (the cell opens again at once: the caller waits for the message)."""
    from ogsm_desktop.gui.dialogs.review_dialog import COLUMNS

    table = dialog.table
    index = table.model().index(row_of(dialog, code)[0], COLUMNS.index("countermeasure"))
    table.scrollTo(index)
    at = table.visualRect(index).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=at)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=at)
    editor = table.indexWidget(index)
    assert editor is not None and table.state() == QAbstractItemView.State.EditingState
    editor.selectAll()
    if text.isascii() and text.isprintable():
        qtbot.keyClicks(editor, text)
    else:
        editor.insert(text)               # (as an input method commits it, or a paste: QTest cannot play them)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    if not refused:
        qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)


def test_the_review_of_the_selected_unit_with_a_countermeasure(window, qtbot, demo_path):
    from ogsm_desktop.gui.dialogs.review_dialog import COLUMNS, ReviewDialog

    window.set_as_of(dt.date(2026, 11, 22))
    window.select_node(node_id(window, "C-S1-M2"))           # its unit: the company
    window.reason_field.setText("10月经营分析会")
    seen = {}

    def review(dialog):
        dialog.period.setCurrentText("2026-10")
        seen["counts"] = dialog.counts.text()
        seen["row"] = row_of(dialog, "C-S1-M2")[1][:len(COLUMNS) - 1]
        seen["change"] = dialog.table.model().headerData(COLUMNS.index("change"), Qt.Orientation.Horizontal,
                                                         Qt.ItemDataRole.ToolTipRole)
        type_countermeasure(qtbot, dialog, "C-S1-M2", "加大门店试驾投放")
        seen["after"] = cell(dialog, "C-S1-M2", "countermeasure")
        dialog.reject()

    answer_dialog(review, ReviewDialog)
    window.action("review").trigger()
    assert seen["counts"].startswith("2026-10: ") and "not achieved" in seen["counts"]
    assert seen["row"][:7] == ["C-S1-M2", "    试驾预约量", "21,500", "17,600", "no", "-600", "off track"]
    assert seen["change"] == "change: against 2026-09"                  # what the change is measured against
    assert seen["after"] == "加大门店试驾投放"                          # the table was read again from the plan
    with Plan.open(demo_path, readonly=True) as plan:
        october = plan.actuals.of(plan.nodes.by_code("C-S1-M2").id)[9]
        assert (october.period, october.actual, october.comment) == ("2026-10", 17600.0, "加大门店试驾投放")
    assert batches(demo_path)[-1] == ("edit", "10月经营分析会")
    assert window.undo_action.text() == "&Undo Countermeasure for C-S1-M2"
    window.undo_action.trigger()
    with Plan.open(demo_path, readonly=True) as plan:
        assert plan.actuals.of(plan.nodes.by_code("C-S1-M2").id)[9].comment == ""


def test_the_printed_review_has_the_counts_and_every_item(demo_path, tmp_path, capsys, qapp):
    out = tmp_path / "review.pdf"
    assert main(["report", str(demo_path), str(out), "--review", "2026Q3", "--as-of", "2026-11-22"]) == 0
    pages = pdf_pages(out)
    review = [i for i, p in enumerate(pages) if squeeze("Review of 2026-Q3") in p]
    assert review, "no review page"
    text = "".join(pages[review[0]:review[-1] + 2])            # and the page its notes run onto
    assert squeeze("D1 用户洞察团队") in text and squeeze("试驾预约量") in text
    assert squeeze("change: against 2026-Q2, over as many of its periods as hold a number in 2026-Q3") in text
    assert "asof2026-11-22" in pages[0]


def test_a_period_that_is_not_one_empties_the_review_and_nothing_is_printed(window, qtbot):
    from ogsm_desktop.gui.dialogs.review_dialog import ReviewDialog

    seen = {}

    def review(dialog):
        dialog.period.setCurrentText("2026-13")
        seen["state"] = (dialog.problem.text(), dialog.table.model().rowCount(), dialog.counts.text(),
                         dialog.print_button.isEnabled())
        dialog.period.setCurrentText("2026Q4")
        seen["again"] = (dialog.table.model().rowCount() > 0, dialog.print_button.isEnabled())
        dialog.reject()

    answer_dialog(review, ReviewDialog)
    window.action("review").trigger()
    problem, rows, counts, printable = seen["state"]
    assert "2026-13" in problem and rows == 0 and counts == "" and not printable
    assert seen["again"] == (True, True)


def test_a_period_being_typed_is_reviewed_once_it_is_entered_not_at_every_key(window, qtbot, monkeypatch):
    """Found by a tester on the big plan: each key typed in the period reviewed the whole plan again (5-6 s),
    "2026" on the way to "2026Q4" too, and "2025Q" emptied the table with an error. Typed, the period is
    reviewed when Enter is pressed or the field is left, or once the typing pauses; the rows stay meanwhile."""
    from ogsm_desktop.gui.dialogs import review_dialog
    from ogsm_desktop.gui.dialogs.review_dialog import ReviewDialog

    seen = {}
    reviewed = []
    real = review_dialog.review
    monkeypatch.setattr(review_dialog, "review", lambda plan, period, *a, **k: reviewed.append(period) or
                        real(plan, period, *a, **k))

    def review(dialog):
        rows = dialog.table.model().rowCount()
        line = dialog.period.lineEdit()
        line.setFocus()
        line.selectAll()
        reviewed.clear()
        qtbot.keyClicks(line, "2025Q")
        seen["typing"] = (list(reviewed), dialog.table.model().rowCount() == rows, dialog.problem.text())
        qtbot.keyClicks(line, "3")
        qtbot.keyClick(line, Qt.Key.Key_Return)
        seen["entered"] = (list(reviewed), dialog.result_.period if dialog.result_ else None)
        reviewed.clear()
        line.selectAll()
        qtbot.keyClicks(line, "2026")
        qtbot.waitUntil(lambda: reviewed == ["2026"], timeout=3000)       # a pause in the typing
        seen["paused"] = dialog.result_.period if dialog.result_ else None
        # (a cold review's cases) the list opened over a period half typed; then a period chosen from it
        reviewed.clear()
        line.selectAll()
        qtbot.keyClicks(line, "2025Q")
        dialog.period.showPopup()
        qtbot.waitUntil(dialog.period.view().isVisible)
        seen["list"] = list(reviewed)
        dialog.period.hidePopup()
        dialog.period.setCurrentIndex(0)
        seen["chosen"] = (list(reviewed), dialog.result_.period if dialog.result_ else None)
        # the period shown typed again and entered; a unit chosen while a period is typed: one review
        reviewed.clear()
        line.setFocus()
        line.selectAll()
        qtbot.keyClicks(line, dialog.period.itemText(0))
        qtbot.keyClick(line, Qt.Key.Key_Return)
        seen["same"] = list(reviewed)
        line.selectAll()
        qtbot.keyClicks(line, "2026")
        dialog.unit.setCurrentIndex(1)
        qtbot.wait(1000)
        seen["unit"] = list(reviewed)
        # closed with a period typed: nothing reviewed as it goes
        reviewed.clear()
        line.setFocus()
        line.selectAll()
        qtbot.keyClicks(line, "2025-Q1")
        close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
        qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
        qtbot.wait(1000)
        seen["closed"] = list(reviewed)

    answer_dialog(review, ReviewDialog)
    window.action("review").trigger()
    assert seen["typing"] == ([], True, "")
    assert seen["entered"] == (["2025Q3"], "2025-Q3")
    assert seen["paused"] == "2026"
    assert seen["list"] == []
    assert seen["chosen"][0] == [seen["chosen"][1]]
    assert seen["same"] == [] and seen["unit"] == ["2026"] and seen["closed"] == []


def test_the_change_compares_the_same_part_of_the_period_before(demo_path):
    from ogsm_desktop.core.review import review

    with Plan.open(demo_path, readonly=True) as plan:
        rows = {r.node.code: r for r in review(plan, "2026Q4", "C", dt.date(2026, 11, 22)).rows}
    bookings = rows["C-S1-M2"]                 # October (November has no value yet) against July alone
    assert (bookings.actual, bookings.previous) == (17600, 21300)


def test_the_change_does_not_drift_with_the_date_while_nothing_is_entered(demo_path):
    """Found by a tester: the quarter's change of the bookings read -3,700 as of 31 October, -24,200 as of
    22 November (October against July and August) and -42,400 as of 20 December, with nothing entered:
    the period before is counted over as many periods as hold a value now, on both ways of reading."""
    from ogsm_desktop.core.review import review

    with Plan.open(demo_path, readonly=True) as plan:
        for row_by_row in (False, True):
            changes = {day: next(r.change for r in review(plan, "2026Q4", "C", day, row_by_row=row_by_row).rows
                                 if r.node.code == "C-S1-M2")
                       for day in (dt.date(2026, 10, 31), dt.date(2026, 11, 22), dt.date(2026, 12, 20))}
            assert set(changes.values()) == {17600 - 21300}, (row_by_row, changes)


def test_the_countermeasure_column_takes_the_room_left(window, tmp_path):
    """Found by a tester: long indented titles widened the Title column past the window, leaving the
    Countermeasure column (the one typed in) a sliver off to the right behind a scroll bar."""
    from ogsm_desktop.gui.dialogs.review_dialog import COLUMNS, ReviewDialog

    window.set_as_of(dt.date(2026, 11, 22))
    seen = {}

    def review(dialog):
        dialog.period.setCurrentText("2026-10")
        dialog.show()
        dialog.grab().save(str(tmp_path / "review.png"))
        table = dialog.table
        header = table.horizontalHeader()
        seen["width"] = header.sectionSize(COLUMNS.index("countermeasure"))
        seen["total"] = header.length()
        seen["room"] = table.viewport().width()
        dialog.reject()

    answer_dialog(review, ReviewDialog)
    window.action("review").trigger()
    assert seen["total"] <= seen["room"] + 1, seen                      # no scrolling sideways
    assert seen["width"] >= seen["room"] // 4, seen


def test_a_measure_without_an_actual_yet_shows_its_target_for_the_period(window, qtbot, demo_path):
    """The demo's new partner-store measure (C-S2-M3) has October's target, 300, and no actual yet: its row
    shows the target, an empty actual and "no data" — read the same from SQLite's sums and value by value."""
    from ogsm_desktop.core.review import review
    from ogsm_desktop.gui.dialogs.review_dialog import COLUMNS, ReviewDialog

    window.set_as_of(dt.date(2026, 11, 22))
    window.select_node(node_id(window, "C-S2-M3"))
    seen = {}

    def look(dialog):
        dialog.period.setCurrentText("2026-10")
        seen["row"] = row_of(dialog, "C-S2-M3")[1][:len(COLUMNS) - 1]
        dialog.reject()

    answer_dialog(look, ReviewDialog)
    window.action("review").trigger()
    code, _title, target, actual, achieved, _change, status = seen["row"]
    assert (code, target, actual, achieved, status) == ("C-S2-M3", "300", "", "—", "no data")
    with Plan.open(demo_path, readonly=True) as plan:
        for period in ("2026-10", "2026Q4"):
            for row_by_row in (False, True):
                rows = {r.node.code: r for r in review(plan, period, "C", dt.date(2026, 11, 22),
                                                       row_by_row=row_by_row).rows}
                assert (rows["C-S2-M3"].target, rows["C-S2-M3"].actual) == (300, None), (period, row_by_row)


def test_a_figure_without_a_target_is_counted_apart_from_those_without_a_number(window, demo_path, tmp_path):
    """October's bookings with their target cleared have a number and no target; the new partner-store
    measure has no number: the dialog, the printed review and a pack's cover count them apart."""
    from ogsm_desktop.gui.dialogs.review_dialog import ReviewDialog

    plan = window.session.plan
    plan.actuals.write([(plan.nodes.by_code("C-S1-M2").id, "2026-10", 17600.0, None, "")])
    window.set_as_of(dt.date(2026, 11, 22))
    window.select_node(node_id(window, "C-S1-M2"))
    seen = {}

    def look(dialog):
        dialog.period.setCurrentText("2026-10")
        seen["counts"] = dialog.counts.text()
        seen["legend"] = dialog.owed_legend.text()
        dialog.period.setCurrentText("2026-10")                 # nothing owed in October's review
        seen["october"] = (dialog.owed_legend.text(), dialog.owed_legend.isVisible())
        dialog.reject()

    answer_dialog(look, ReviewDialog)
    window.action("review").trigger()
    assert seen["counts"] == "2026-10: 21 achieved, 3 not achieved, 1 without a number, 1 without a target"
    out = tmp_path / "pack.pdf"
    assert main(["report", str(demo_path), str(out), "--preset", "department", "--unit", "C", "--review", "2026-10",
                 "--as-of", "2026-11-22", "--lang", "en"]) == 0
    pages = pdf_pages(out)
    assert squeeze("1Without a number") in pages[0] and squeeze("1Without a target") in pages[0], pages[0]
    review = "".join(p for p in pages if squeeze("Review of 2026-10") in p)
    assert squeeze("Without a number Without a target") in review
    assert squeeze("C 京东汽车 8 0 1 1") in review, review


def test_a_weekly_measures_change_compares_the_weeks_as_before(demo_path):
    """Found in review: weeks do not fall on months, so counting the period before by the newest week's
    start compared 4 October weeks with 3 of September (+10 for a flat 10 a week)."""
    from ogsm_desktop.core.model import Kind
    from ogsm_desktop.core.review import review

    with Plan.open(demo_path) as plan:
        weekly = plan.nodes.add(plan.nodes.by_code("C-S1").id, Kind.MEASURE, title="周访问", target=520.0,
                                frequency="weekly", aggregation="sum")
        plan.actuals.write([(weekly.id, f"2026-W{w:02d}", 10.0, 10.0, "") for w in range(27, 45)])
        for row_by_row in (False, True):
            row = next(r for r in review(plan, "2026-10", "C", dt.date(2026, 11, 5), row_by_row=row_by_row).rows
                       if r.node.id == weekly.id)
            assert row.change == 0, (row_by_row, row.actual, row.previous)


def test_the_countermeasure_shown_is_the_one_typing_replaces(demo_path):
    """Found by a tester: a quarterly measure in November's review showed an empty countermeasure, and
    typing one replaced the quarter's own ("原有对策") without a word; a weekly measure's countermeasure in
    the review of Q4 as of 30 December went to 2026-W53, a week ending in 2027, and vanished from the
    review. The row's countermeasure is the comment of the period it is kept in, shown as it is; a period
    of the measure's own is one that ends within the period reviewed where there is one."""
    from ogsm_desktop.core.model import Kind
    from ogsm_desktop.core.review import review

    with Plan.open(demo_path) as plan:
        parent = plan.nodes.by_code("C-S3").id
        quarterly = plan.nodes.add(parent, Kind.MEASURE, title="季度衡量", target=100.0, frequency="quarterly")
        plan.actuals.write([(quarterly.id, "2026-Q4", None, 100.0, "原有对策：加大投放")])
        weekly = plan.nodes.add(parent, Kind.MEASURE, title="周衡量", target=10.0, frequency="weekly")
        row_of = {}
        for row_by_row in (False, True):
            row_of["quarterly"] = next(r for r in review(plan, "2026-11", "C", dt.date(2026, 11, 20),
                                                         row_by_row=row_by_row).rows if r.node.id == quarterly.id)
            row_of["weekly"] = next(r for r in review(plan, "2026-Q4", "C", dt.date(2026, 12, 30),
                                                      row_by_row=row_by_row).rows if r.node.id == weekly.id)
            assert (row_of["quarterly"].comment_period, row_of["quarterly"].comment) == ("2026-Q4", "原有对策：加大投放")
            assert (row_of["weekly"].comment_period, row_of["weekly"].comment) == ("2026-W52", ""), row_by_row
        plan.actuals.write([(weekly.id, "2026-W52", None, None, "周对策")])
        row = next(r for r in review(plan, "2026-Q4", "C", dt.date(2026, 12, 30)).rows if r.node.id == weekly.id)
        assert (row.comment_period, row.comment) == ("2026-W52", "周对策")


def test_a_countermeasure_typed_for_a_quarterly_measure_in_a_months_review_stays_in_view(window, qtbot, demo_path):
    from ogsm_desktop.core.model import Kind
    from ogsm_desktop.gui.dialogs.review_dialog import ReviewDialog

    session = window.session
    parent = node_id(window, "C-S3")

    def add():
        node = session.plan.nodes.add_new(parent, Kind.MEASURE, title="季度衡量")
        session.plan.nodes.update(node.id, target=100, frequency="quarterly")
        session.plan.actuals.write([(node.id, "2026-Q4", None, 100.0, "原有对策")])
        return node
    code = session.perform("add", add).code
    window.set_as_of(dt.date(2026, 11, 20))
    window.select_node(node_id(window, "C"))
    seen = {}

    def review(dialog):
        dialog.period.setCurrentText("2026-11")
        seen["before"] = cell(dialog, code, "countermeasure")
        type_countermeasure(qtbot, dialog, code, "原有对策；11月补充")
        seen["after"] = cell(dialog, code, "countermeasure")
        dialog.reject()

    answer_dialog(review, ReviewDialog)
    window.action("review").trigger()
    assert seen == {"before": "原有对策", "after": "原有对策；11月补充"}
    with Plan.open(demo_path, readonly=True) as plan:
        assert {a.period: a.comment for a in plan.actuals.of(plan.nodes.by_code(code).id)} == {"2026-Q4": "原有对策；11月补充"}


def test_the_year_to_date_offered_is_the_plan_year_running(window, qtbot):
    """Found by a tester: with a plan year of April to March, in February 2027 the review offered "2027" as
    the year to date — the plan year that starts in April 2027, with nothing in it — and the year running
    (April 2026 to March 2027, "2026") in the place of the last year."""
    from ogsm_desktop.core.calendar import PlanCalendar
    from ogsm_desktop.gui.dialogs.review_dialog import ReviewDialog, period_choices

    fiscal = PlanCalendar("2026-04", "2027-03")
    assert period_choices(dt.date(2027, 2, 15), fiscal)[4:] == ["2026", "2025"]
    assert period_choices(dt.date(2026, 5, 2), fiscal)[4:] == ["2026", "2025"]
    assert period_choices(dt.date(2026, 11, 20), PlanCalendar.calendar_year(2026))[4:] == ["2026", "2025"]
    assert window.plan_settings.apply({"calendar_start": "2026-04", "calendar_end": "2027-03"})
    window.set_as_of(dt.date(2027, 2, 15))
    window.select_node(node_id(window, "C"))
    seen = {}

    def review(dialog):
        dialog.period.setCurrentIndex(4)
        seen["year"] = (dialog.period.currentText(), sum(r.actual is not None for r in dialog.result_.rows))
        dialog.reject()

    answer_dialog(review, ReviewDialog)
    window.action("review").trigger()
    assert seen["year"][0] == "2026" and seen["year"][1] > 20, seen          # the year running, with its numbers


def test_a_row_owing_numbers_is_marked_and_its_periods_said(window, qtbot, demo_path, tmp_path):
    """The review of 2026 as of 15 January 2027, November and December never entered: C-G1 is not judged
    achieved on October's figure; its "achieved" is marked, and the mark is said — on the cell and under the
    printed review."""
    from ogsm_desktop.gui.dialogs.review_dialog import COLUMNS, ReviewDialog

    window.set_as_of(dt.date(2027, 1, 15))
    window.select_node(node_id(window, "C-G1"))
    seen = {}

    def review(dialog):
        dialog.period.setCurrentText("2026")
        seen["row"] = row_of(dialog, "C-G1")[1][:COLUMNS.index("achieved") + 1]
        seen["tip"] = cell(dialog, "C-G1", "achieved", Qt.ItemDataRole.ToolTipRole)
        seen["counts"] = dialog.counts.text()
        seen["legend"] = dialog.owed_legend.text()
        dialog.period.setCurrentText("2026-10")                 # nothing owed in October's review
        seen["october"] = (dialog.owed_legend.text(), dialog.owed_legend.isVisible())
        dialog.reject()

    answer_dialog(review, ReviewDialog)
    window.action("review").trigger()
    assert seen["row"][2:] == ["83,333", "84,200", "—*"]
    assert seen["tip"] == "2 periods due without a number: 2026-11, 2026-12"
    # (D1-G1 and P1-G1, due on 31 October, owe neither month: judged on their numbers)
    assert seen["counts"] == "2026: 2 achieved, 0 not achieved, 24 without a number, 0 without a target"
    assert seen["legend"].startswith("* periods due without a number: a goal or measure owing them counts")
    assert seen["october"] == ("", False)
    out = tmp_path / "review.pdf"
    assert main(["report", str(demo_path), str(out), "--review", "2026", "--as-of", "2027-01-15"]) == 0
    pages = pdf_pages(out)
    start = next(i for i, p in enumerate(pages) if squeeze("Review of 2026") in p)
    text = "".join(pages[start:])
    assert squeeze("84,200—*") in text
    assert squeeze("* periods due without a number: a goal or measure owing them counts as achieved") in text
    assert squeeze("2026-11, 2026-12: C-G1, C-G2, C-G3") in text


def test_the_printed_reviews_numbers_are_aligned_right_as_in_the_window(demo_path, qapp):
    """Found by a new user: the review's PDF aligned its numbers left (the window, right), so 100,000 and
    8.3 did not line up by their units."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextDocument

    from ogsm_desktop.core.report_data import ReportOptions, gather
    from ogsm_desktop.gui.labels import plan_labels
    from ogsm_desktop.gui.report import ReportBuilder
    from ogsm_desktop.gui.review_page import review_html

    with Plan.open(demo_path, readonly=True) as plan:
        content = gather(plan, ReportOptions(onepages=False, overview=False, charts=False, alerts=False,
                                             review="2026-10", today=dt.date(2026, 11, 22)))
    doc = QTextDocument()
    doc.setHtml(review_html(content.review, plan_labels(), ReportBuilder(content)._table))
    summary, items = doc.rootFrame().childFrames()[:2]

    def aligned(table, column):
        cells = [table.cellAt(r, column).firstCursorPosition() for r in range(1, table.rows())]   # below the header
        return {bool(c.blockFormat().alignment() & Qt.AlignmentFlag.AlignRight) for c in cells if c.block().text()}

    for column in (2, 3, 4, 5):                               # achieved, not achieved, without a number, target
        assert aligned(summary, column) == {True}, column
    for column in (2, 3, 5):                                  # target, actual, change
        assert aligned(items, column) == {True}, column
    assert aligned(items, 1) == {False}                       # a title: left


def test_the_printed_review_says_how_achieved_and_status_differ(demo_path, tmp_path, qapp):
    """Found by a new user: the same measure read "Achieved: no" and "Status: on track" in one row (a quarter
    at 97.6 % of its target, within the amber limit) — a board asks which is true. A line under the table
    says what each judges."""
    for lang, said in (("en", "Achieved: whether the period's figure reached its target. Status: the same figure "
                               "judged by its amber and red limits (its own, else the plan's)"),
                       ("zh", "是否达成：本期数值是否达到目标值。状态：同一数值按其黄灯与红灯临界值（自身的，否则为计划的）判断")):
        out = tmp_path / f"review-{lang}.pdf"
        assert main(["report", str(demo_path), str(out), "--review", "2026Q3", "--as-of", "2026-11-22",
                     "--lang", lang]) == 0
        assert any(squeeze(said) in page for page in pdf_pages(out)), lang


def test_a_period_typed_with_enter_is_reviewed_not_exported_nor_kept_in_the_list(window, qtbot, monkeypatch):
    """Found by a tester: Enter in the period typed opened the PDF's file dialog (Export PDF… was the dialog's
    default button); the periods typed, 2026-13 too, stayed in the list; "2026" typed became "2026-Q4"."""
    from ogsm_desktop.gui.dialogs.review_dialog import ReviewDialog

    exported = []
    monkeypatch.setattr(window.reports, "export_pdf", lambda **kwargs: exported.append(kwargs))
    window.set_as_of(dt.date(2026, 11, 22))
    seen = {}

    def review(dialog):
        offered = [dialog.period.itemText(i) for i in range(dialog.period.count())]
        field = dialog.period.lineEdit()
        for typed in ("2026-13", "2026-09", "2026"):
            field.selectAll()
            qtbot.keyClicks(field, typed)
            qtbot.keyClick(field, Qt.Key.Key_Return)
            seen[typed] = (dialog.period.currentText(), dialog.counts.text(), dialog.isVisible())
        seen["list"] = [dialog.period.itemText(i) for i in range(dialog.period.count())] == offered
        dialog.reject()

    answer_dialog(review, ReviewDialog)
    window.action("review").trigger()
    assert exported == []
    assert seen["2026-13"][0] == "2026-13" and seen["2026-13"][2]
    assert seen["2026-09"][:2] == ("2026-09", seen["2026-09"][1]) and seen["2026-09"][1].startswith("2026-09: ")
    assert seen["2026"][0] == "2026" and seen["2026"][1].startswith("2026: ") and seen["2026"][2]
    assert seen["list"]


def test_undo_and_redo_in_the_review_with_the_windows_keys(window, qtbot, demo_path):
    """Found by a tester: Ctrl+Z undid a countermeasure in the review, but neither Ctrl+Shift+Z nor Ctrl+Y
    redid it (two shortcuts for Ctrl+Shift+Z: ambiguous, so neither ran)."""
    from ogsm_desktop.gui.dialogs.review_dialog import ReviewDialog

    window.set_as_of(dt.date(2026, 11, 22))
    window.select_node(node_id(window, "C-S1-M2"))
    seen = []

    def review(dialog):
        dialog.period.setCurrentText("2026-10")
        type_countermeasure(qtbot, dialog, "C-S1-M2", "first")
        table = dialog.table
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        table.setFocus()
        for keys in ((Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier),
                     (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier),
                     (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier),
                     (Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)):
            qtbot.keyClick(table, *keys)
            seen.append(cell(dialog, "C-S1-M2", "countermeasure"))
        dialog.reject()

    answer_dialog(review, ReviewDialog)
    window.action("review").trigger()
    assert seen == ["", "first", "", "first"]


def test_a_unit_without_goals_or_measures_says_so(window, qtbot):
    """Found by a tester: a new unit's review was an empty table, with nothing said."""
    from ogsm_desktop.core.model import Kind
    from ogsm_desktop.gui.dialogs.review_dialog import ReviewDialog

    session = window.session
    unit = session.perform("add", lambda: session.plan.nodes.add_new(node_id(window, "C-S3"), Kind.OBJECTIVE,
                                                                     title="新部门"))
    window.set_as_of(dt.date(2026, 11, 22))
    window.select_node(unit.id)
    seen = {}

    def review(dialog):
        dialog.period.setCurrentText("2026-10")
        seen["said"] = (dialog.unit.currentData(), dialog.counts.text(), dialog.table.model().rowCount())
        dialog.reject()

    answer_dialog(review, ReviewDialog)
    window.action("review").trigger()
    assert seen["said"] == (unit.code, f"2026-10: {unit.code} has no goals or measures to review yet", 0)
