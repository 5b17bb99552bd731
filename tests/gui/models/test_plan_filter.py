"""Find and filter: every match in its place, with its ancestors."""

from tests.gui.helpers import visible_codes


def test_find_and_filter_keep_ancestors(window, qtbot):
    window.filter_bar.find.insert("问卷")
    qtbot.waitUntil(lambda: window.proxy.active)
    codes = visible_codes(window)
    assert {"D1-S1-M1", "P1-G1", "P1-S1-A1"} <= set(codes)
    assert {"C", "C-S1", "D1"} <= set(codes)                       # ancestors stay to show the place
    assert "C-S2" not in codes and "C-G1" not in codes
    window.filter_bar.find.clear()
    window.filter_bar.status.setCurrentIndex(window.filter_bar.status.findData("at_risk"))
    qtbot.waitUntil(lambda: window.proxy.status == "at_risk")
    assert set(visible_codes(window)) == {
        "D1-S1", "P1", "P1-G1", "D1-S2", "D1-S2-M1", "C-S2-A1",     # at risk in the demo (October's figures)
        "C", "C-S1", "D1", "C-S2"}                                  # and where they sit
    window.filter_bar.status.setCurrentIndex(window.filter_bar.status.findData("off_track"))
    qtbot.waitUntil(lambda: window.proxy.status == "off_track")
    assert set(visible_codes(window)) == {"C", "C-S1", "C-S1-M2"}    # bookings: 17,600 of 21,500 in October
