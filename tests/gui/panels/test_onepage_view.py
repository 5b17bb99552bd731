"""The one-page OGSM of the selected node's objective."""

from tests.gui.helpers import select


def test_one_page_view_follows_the_selection(window):
    select(window, "D1-S1-M1")
    text = window.onepage.toPlainText()
    assert "让用户需求直接定义定制车型" in text and "在京东APP上线定制共创问卷与投票" in text
    assert "成为新能源汽车消费的第一入口" not in text
    select(window, "C-G1")
    assert "成为新能源汽车消费的第一入口" in window.onepage.toPlainText()
