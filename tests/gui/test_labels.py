"""The window's words for the core's codes cover every code, as the command line's do."""

from ogsm_desktop.core import labels as core
from ogsm_desktop.core.model import ALERT_RULES, Aggregation, Direction, Frequency, Kind, Status, TargetMode
from ogsm_desktop.gui import labels as gui


def test_every_code_has_its_words_in_the_window_and_on_the_command_line(qapp):
    for enum, core_map, gui_map in ((Kind, core.KIND_LABELS, gui.kind_labels()),
                                    (Status, core.STATUS_LABELS, gui.status_labels()),
                                    (Direction, core.DIRECTION_LABELS, gui.direction_labels()),
                                    (Frequency, core.FREQUENCY_LABELS, gui.frequency_labels()),
                                    (Aggregation, core.AGGREGATION_LABELS, gui.aggregation_labels()),
                                    (TargetMode, core.TARGET_MODE_LABELS, gui.target_mode_labels())):
        assert set(core_map) == set(gui_map) == {str(e) for e in enum}
    assert set(core.RULE_LABELS) == set(gui.rule_labels()) == set(ALERT_RULES)
    assert core.STATUS_LABELS == gui.status_labels()                 # English: the same words in both
