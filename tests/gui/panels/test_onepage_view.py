"""The one-page OGSM of the selected node's objective."""

from tests.gui.helpers import select


def test_one_page_view_follows_the_selection(window):
    select(window, "D1-S1-M1")
    text = window.onepage.toPlainText()
    assert "让用户需求直接定义定制车型" in text and "在京东APP上线定制共创问卷与投票" in text
    assert "成为新能源汽车消费的第一入口" not in text
    select(window, "C-G1")
    assert "成为新能源汽车消费的第一入口" in window.onepage.toPlainText()


def test_one_page_view_follows_the_as_of_date(window):
    """The tree and the detail editor followed a new as-of date; the one-page kept October's figures until
    another node was chosen."""
    import datetime as dt

    select(window, "C-S1-M2")
    before = window.onepage.toPlainText()
    assert "17,600" in before and "17,800" not in before                 # October's bookings
    window.set_as_of(dt.date(2026, 3, 31))
    after = window.onepage.toPlainText()
    assert "17,800" in after and "17,600" not in after                   # March's


def test_the_chinese_one_page_brackets_in_chinese(window, qapp):
    """Found in review: the Chinese one-page read "最新 8.9% (2026-Q4（计至 2026-10）)" — English brackets
    round Chinese ones. Remarks take the brackets of the language, and a quarter to date needs none."""
    from ogsm_desktop.gui.i18n import install

    install(qapp, "zh_CN")
    try:
        select(window, "C-S1-M2")
        window.set_as_of(window.session.model.as_of)            # drawn again in Chinese
        text = window.onepage.toPlainText()
    finally:
        install(qapp, "en")
    assert "17,600次（2026-10）" in text, text
    assert "(" not in text and ")" not in text, text


def test_one_page_view_follows_the_selected_strategy_moved_under_another_objective(window):
    """Found by a tester: the strategy chosen, dragged under another objective, and the one-page still showed
    the objective it had left until another node was chosen; its undo did the same."""
    from tests.gui.helpers import node_id

    session = window.session
    select(window, "D2-S2")
    title = session.model.tree.nodes[node_id(window, "D2-S2")].title
    d1 = session.model.tree.nodes[node_id(window, "D1")]
    assert d1.title not in window.onepage.toPlainText()
    assert session.perform("move", lambda: session.plan.nodes.move(node_id(window, "D2-S2"), d1.id))
    text = window.onepage.toPlainText()
    assert d1.title in text and title in text
    window.undo_action.trigger()
    assert d1.title not in window.onepage.toPlainText() and title in window.onepage.toPlainText()
