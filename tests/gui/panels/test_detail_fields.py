"""The detail editor's conveniences: owner and org unit suggest the names already in the plan, a due date
starts at today and can be emptied again, the rarer fields wait under "More"."""

import datetime as dt

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QTableView, QToolButton

from ogsm_desktop.core.storage import Plan
from tests.gui.helpers import node_id, select, type_into


def suggestions(field) -> list[str]:
    popup = field.completer().popup()
    return [popup.model().index(row, 0).data() for row in range(popup.model().rowCount())]


def test_owner_suggests_the_people_in_the_plan_in_any_case_and_any_part(window, qtbot, demo_path):
    select(window, "C-S1")
    type_into(qtbot, window.detail.widgets["owner"], "Wu Fang")          # someone new joins the plan
    select(window, "C-S2")
    owner = window.detail.widgets["owner"]
    owner.setFocus()
    owner.selectAll()
    qtbot.keyClicks(owner, "FANG")                                        # upper case, the end of the name
    popup = owner.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    assert suggestions(owner) == ["Wu Fang"]
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)                              # picked: taken at once
    assert owner.text() == "Wu Fang"
    assert window.session.model.tree.nodes[node_id(window, "C-S2")].owner == "Wu Fang"
    with Plan.open(demo_path, readonly=True) as plan:
        assert plan.nodes.by_code("C-S2").owner == "Wu Fang"


def test_org_unit_suggests_the_units_in_the_plan_and_follows_changes(window, qtbot):
    select(window, "C-S2")
    unit = window.detail.widgets["org_unit"]
    completer = unit.completer()
    completer.setCompletionPrefix("洞察")                                 # what an input method commits
    assert [completer.completionModel().index(r, 0).data()
            for r in range(completer.completionModel().rowCount())] == ["用户洞察团队"]
    type_into(qtbot, unit, "服务网络团队")                                 # a new unit
    select(window, "C-S3")
    completer.setCompletionPrefix("网络")
    assert completer.currentCompletion() == "服务网络团队"
    window.undo_action.trigger()                                          # gone from the plan: not suggested
    completer.setCompletionPrefix("网络")
    assert completer.completionModel().rowCount() == 0


def test_a_due_date_can_be_emptied_and_starts_at_today(window, qtbot, demo_path):
    select(window, "C-S1-A1")
    due = window.detail.widgets["due_date"]
    assert due.text() == "2026-03-31"
    clear = next(b for b in due.findChildren(QToolButton) if b.defaultAction() is due.clear_action)
    assert clear.isVisible()
    qtbot.mouseClick(clear, Qt.MouseButton.LeftButton)                    # the clear mark in the field
    assert due.text() == "no date" and not clear.isVisible()
    with Plan.open(demo_path, readonly=True) as plan:
        assert plan.nodes.by_code("C-S1-A1").due_date == ""               # saved as empty
    due.setFocus()
    qtbot.keyClick(due, Qt.Key.Key_Up)                                    # the first step: today, not 1900
    qtbot.keyClick(due, Qt.Key.Key_Return)
    today = dt.date.today().isoformat()
    assert due.text() == today
    assert window.session.model.tree.nodes[node_id(window, "C-S1-A1")].due_date == today
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert window.session.model.tree.nodes[node_id(window, "C-S1-A1")].due_date == "2026-03-31"


def test_the_calendar_of_an_empty_date_opens_at_today(window, qtbot):
    select(window, "C-S1-A2")
    due = window.detail.widgets["due_date"]
    due.clear_date()
    select(window, "C-S1-A1")
    select(window, "C-S1-A2")
    assert due.text() == "no date"
    qtbot.mouseClick(due, Qt.MouseButton.LeftButton, pos=QPoint(due.width() - 6, due.height() // 2))
    calendar = due.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)
    today = dt.date.today()
    assert (calendar.yearShown(), calendar.monthShown()) == (today.year, today.month)
    grid = calendar.findChild(QTableView)
    day = next(grid.model().index(r, c) for r in range(1, grid.model().rowCount())
               for c in range(grid.model().columnCount()) if str(grid.model().index(r, c).data()) == "15")
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=grid.visualRect(day).center())
    assert window.current_node().due_date == today.replace(day=15).isoformat()


def test_rarer_fields_wait_under_more(window, qtbot):
    select(window, "C-S1-M2")
    editor = window.detail
    for field in ("code", "title", "owner", "org_unit", "target", "due_date"):
        assert editor.widgets[field].isVisible()
    for field in ("description", "baseline", "frequency", "amber", "red", "streak"):
        assert not editor.widgets[field].isVisible()
    qtbot.mouseClick(editor.more, Qt.MouseButton.LeftButton)
    for field in ("description", "baseline", "frequency", "amber", "red", "streak"):
        assert editor.widgets[field].isVisible()
    select(window, "C-S1-A1")                                             # stays open from node to node
    assert editor.widgets["description"].isVisible() and not editor.widgets["baseline"].isVisible()
    qtbot.mouseClick(editor.more, Qt.MouseButton.LeftButton)
    assert not editor.widgets["description"].isVisible()


def _wheel(widget, qtbot):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(widget.rect().center())), QPoint(0, 0), QPoint(0, -120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_a_wheel_passing_over_a_field_changes_nothing(window, qtbot, demo_path):
    """Scrolling the pane with the mouse over an empty due date or a list did write today's date (or the
    next status) into the plan as soon as the selection moved on."""
    select(window, "C-S1-M1")
    window.tree_view.setFocus()
    due, direction = window.detail.widgets["due_date"], window.detail.widgets["direction"]
    before = window.session.model.tree.nodes[node_id(window, "C-S1-M1")]
    _wheel(due, qtbot)
    _wheel(direction, qtbot)
    select(window, "C-S1")
    with Plan.open(demo_path, readonly=True) as plan:
        after = plan.nodes.by_code("C-S1-M1")
    assert (after.due_date, after.direction) == (before.due_date, before.direction)


def test_a_whole_date_typed_into_an_empty_date_is_the_date_typed(window, qtbot, demo_path):
    """Found by a tester: "2026-06-30" typed into "no date" gave 2026-12-06, without a word (the keys after the
    first went into today's month and day)."""
    select(window, "C-S1-A1")
    due = window.detail.widgets["due_date"]
    due.clear_date()
    qtbot.mouseClick(due.lineEdit(), Qt.MouseButton.LeftButton)           # into the empty field, as a user does
    qtbot.keyClicks(due, "2026-06-30")
    assert due.text() == "2026-06-30"
    qtbot.keyClick(due, Qt.Key.Key_Return)
    assert window.session.model.tree.nodes[node_id(window, "C-S1-A1")].due_date == "2026-06-30"
    due.clear_date()
    due.setFocus()
    qtbot.keyClicks(due, "2027-1-5")                                       # the short form too
    qtbot.keyClick(due, Qt.Key.Key_Return)
    assert window.session.model.tree.nodes[node_id(window, "C-S1-A1")].due_date == "2027-01-05"
    due.setSelectedSection(due.Section.YearSection)                        # over a date, from its year
    qtbot.keyClicks(due, "2025-03-15")
    qtbot.keyClick(due, Qt.Key.Key_Return)
    assert window.session.model.tree.nodes[node_id(window, "C-S1-A1")].due_date == "2025-03-15"


def test_the_as_of_date_typed_whole_is_the_date_typed(window, qtbot):
    import datetime as dt

    edit = window.as_of_bar.edit
    edit.setFocus()
    edit.setSelectedSection(edit.Section.YearSection)
    qtbot.keyClicks(edit, "2026-06-30")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert window.session.model.as_of == dt.date(2026, 6, 30)


def test_a_whole_date_typed_over_a_date_all_selected_or_from_its_start(window, qtbot):
    """Found by a review: over a date all selected (Ctrl+A) or from its start, the year's digits were refused and
    the rest went into the month and the day: 2026-02-14 for 2027-02-14."""
    select(window, "C-S1-A1")
    due = window.detail.widgets["due_date"]
    for start in (lambda: due.lineEdit().selectAll(), lambda: due.lineEdit().setCursorPosition(0)):
        due.setFocus()
        start()
        qtbot.keyClicks(due, "2027-02-14")
        qtbot.keyClick(due, Qt.Key.Key_Return)
        assert window.session.model.tree.nodes[node_id(window, "C-S1-A1")].due_date == "2027-02-14"
        window.undo_action.trigger()


def _click_into(edit, qtbot, before: str) -> None:
    """A click into ``edit``'s text just after ``before`` (the characters left of the click), as a user does."""
    line = edit.lineEdit()
    x = line.cursorRect().width() // 2 + line.fontMetrics().horizontalAdvance(before) + 3
    edit.setFocus()
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton, pos=QPoint(x, line.height() // 2))


def test_a_whole_date_typed_anywhere_in_a_date_is_the_date_typed(window, qtbot):
    """Found by a tester: a whole date typed after a click into the month, or with the cursor at the end, went
    into the part under the cursor: 2026-07-15 gave 2026-06-02, or nothing changed. Three digits in a row are
    no month or day: a year being typed, so the date is typed from its year, whatever part the cursor was in."""
    select(window, "C-S1-A1")
    due = window.detail.widgets["due_date"]
    before = due.text()
    _click_into(due, qtbot, before[:6])                                   # into the month
    assert due.currentSection() == due.Section.MonthSection
    qtbot.keyClicks(due, "2027-02-14")
    qtbot.keyClick(due, Qt.Key.Key_Return)
    assert window.session.model.tree.nodes[node_id(window, "C-S1-A1")].due_date == "2027-02-14"
    due.lineEdit().end(False)                                             # the cursor at the end
    qtbot.keyClicks(due, "2025-3-9")
    qtbot.keyClick(due, Qt.Key.Key_Return)
    assert window.session.model.tree.nodes[node_id(window, "C-S1-A1")].due_date == "2025-03-09"


def test_a_month_and_day_typed_into_their_parts_are_still_taken_as_such(window, qtbot):
    """The part chosen still takes what is typed into it: "0715" into the month is July 15 (no year begins
    071), "15" into the day the 15th."""
    select(window, "C-S1-A1")
    due = window.detail.widgets["due_date"]
    year = due.date().year()
    due.setFocus()
    due.setSelectedSection(due.Section.MonthSection)
    qtbot.keyClicks(due, "0715")
    qtbot.keyClick(due, Qt.Key.Key_Return)
    assert window.session.model.tree.nodes[node_id(window, "C-S1-A1")].due_date == f"{year}-07-15"
    due.setSelectedSection(due.Section.DaySection)
    qtbot.keyClicks(due, "09")
    qtbot.keyClick(due, Qt.Key.Key_Return)
    assert window.session.model.tree.nodes[node_id(window, "C-S1-A1")].due_date == f"{year}-07-09"


def test_the_as_of_date_typed_whole_after_a_click_into_its_month(window, qtbot):
    edit = window.as_of_bar.edit
    _click_into(edit, qtbot, edit.text()[:6])
    qtbot.keyClicks(edit, "2026-07-15")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert window.session.model.as_of == dt.date(2026, 7, 15)


def _due_date_saved(window) -> str:
    return window.session.model.tree.nodes[node_id(window, "C-S1-A1")].due_date


def test_february_typed_into_the_month_is_february(window, qtbot):
    """Found by a review: "210" typed into the month (February 10) began a year (2100) and was typed again
    into the year, where it stayed unfinished: the date typed was lost."""
    select(window, "C-S1-A1")
    due = window.detail.widgets["due_date"]
    year = due.date().year()
    for typed, meant in (("210", f"{year}-02-10"), ("205", f"{year}-02-05")):
        due.setFocus()
        due.setSelectedSection(due.Section.MonthSection)
        qtbot.keyClicks(due, typed)
        qtbot.keyClick(due, Qt.Key.Key_Return)
        assert _due_date_saved(window) == meant


def test_a_date_that_does_not_exist_is_said_and_changes_nothing(window, qtbot, demo_path):
    """Found by a tester: 2026-02-30 typed became 2026-02-03, 2026-4-31 became 2026-04-30, without a word."""
    from PySide6.QtWidgets import QToolTip

    select(window, "C-S1-A1")
    due = window.detail.widgets["due_date"]
    before = _due_date_saved(window)
    for typed in ("2026-02-30", "2026-4-31"):
        due.setFocus()
        due.lineEdit().selectAll()
        qtbot.keyClicks(due, typed)
        assert QToolTip.isVisible() and QToolTip.text() == f"“{typed}” is not a date here: the date stays as it was"
        qtbot.keyClick(due, Qt.Key.Key_Return)
        assert _due_date_saved(window) == before
    with Plan.open(demo_path, readonly=True) as plan:
        assert plan.nodes.by_code("C-S1-A1").due_date == before


def test_a_month_and_day_typed_into_an_empty_date_are_of_this_year(window, qtbot):
    """Found by a tester: "12-31" typed into an empty due date gave 2026-03-01, "0715" 2026-01-04."""
    import datetime as dt

    year = dt.date.today().year
    select(window, "C-S1-A1")
    due = window.detail.widgets["due_date"]
    for typed, meant in (("12-31", f"{year}-12-31"), ("0715", f"{year}-07-15"), ("7-5", f"{year}-07-05")):
        due.clear_date()
        _click_into(due, qtbot, "")
        qtbot.keyClicks(due, typed)
        qtbot.keyClick(due, Qt.Key.Key_Return)
        assert _due_date_saved(window) == meant


def test_a_click_into_a_part_of_the_date_chooses_it(window, qtbot):
    """Found by a tester: after a click into the day, "09" typed changed nothing (Qt put the cursor inside the
    day, and the digits made no day); the part clicked is now chosen whole, as a date picker does."""
    select(window, "C-S1-A1")
    due = window.detail.widgets["due_date"]
    year, month = due.date().year(), due.date().month()
    _click_into(due, qtbot, due.text()[:9])                              # into the day
    qtbot.keyClicks(due, "09")
    qtbot.keyClick(due, Qt.Key.Key_Return)
    assert _due_date_saved(window) == f"{year}-{month:02d}-09"
    _click_into(due, qtbot, due.text()[:6])                              # into the month
    qtbot.keyClicks(due, "0715")
    qtbot.keyClick(due, Qt.Key.Key_Return)
    assert _due_date_saved(window) == f"{year}-07-15"


def test_the_as_of_date_being_typed_is_judged_once_when_typed(window, qtbot):
    """Found by a tester: typing 2026-07-15 into the as-of date judged the plan as of every date it passed
    through (2026-02-22, 2026-11-22, 2026-07-22 …): on a big plan, work for nothing. A date being typed is
    taken when it is typed (Enter, the keys leaving, or a pause); a step with the arrows at once."""
    import datetime as dt

    edit, told = window.as_of_bar.edit, []
    window.as_of_bar.changed.connect(told.append)
    edit.setFocus()
    edit.setSelectedSection(edit.Section.MonthSection)
    qtbot.keyClicks(edit, "2026-07-15")
    assert told == []
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert told == [dt.date(2026, 7, 15)] and window.session.model.as_of == dt.date(2026, 7, 15)
    qtbot.keyClick(edit, Qt.Key.Key_Up)                                   # a step: at once
    assert len(told) == 2 and window.session.model.as_of == told[-1] != dt.date(2026, 7, 15)
    edit.setSelectedSection(edit.Section.DaySection)
    qtbot.keyClicks(edit, "09")                                           # typed, then a pause
    qtbot.waitUntil(lambda: len(told) == 3, timeout=3000)
    assert told[-1].day == 9


def test_a_date_refused_in_an_empty_date_leaves_it_empty(window, qtbot, demo_path):
    """Found by a review: an empty due date starts at today when typed into; a date refused there put today
    back, and today was saved, while the tooltip said the date stayed as it was."""
    select(window, "C-S1-A1")
    due = window.detail.widgets["due_date"]
    for typed in ("2026-02-30", "2-30"):
        due.clear_date()
        due.setFocus()
        qtbot.keyClicks(due, typed)
        qtbot.keyClick(due, Qt.Key.Key_Return)
        assert due.is_empty() and _due_date_saved(window) == ""
    with Plan.open(demo_path, readonly=True) as plan:
        assert plan.nodes.by_code("C-S1-A1").due_date == ""


def test_a_date_typed_again_after_a_refusal_is_taken(window, qtbot):
    """Found by a review: after a date refused, the corrected one typed at once was dropped without a word
    (the rest of the refused date was being left out). The refused date is all chosen again, so that what
    is typed next replaces it."""
    select(window, "C-S1-A1")
    due = window.detail.widgets["due_date"]
    due.setFocus()
    due.lineEdit().selectAll()
    qtbot.keyClicks(due, "2026-02-30")
    qtbot.wait(300)
    qtbot.keyClicks(due, "2026-02-28")
    qtbot.keyClick(due, Qt.Key.Key_Return)
    assert _due_date_saved(window) == "2026-02-28"
