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


def test_every_plan_setting_the_program_writes_has_a_label():
    """The history named a plan setting by the key it is kept under ("计划设置：plan_id")."""
    from ogsm_desktop.core.departments import MERGES_KEY, PLAN_ID_KEY, REFRESH_KEY
    from ogsm_desktop.core.plan_settings import BASES, SETTING_KEYS
    from ogsm_desktop.core.storage.plan import DEPARTMENT_KEY

    assert {"name", *SETTING_KEYS, PLAN_ID_KEY, MERGES_KEY, REFRESH_KEY, DEPARTMENT_KEY} <= set(core.SETTING_LABELS)
    assert set(core.BASIS_LABELS) == set(BASES)
