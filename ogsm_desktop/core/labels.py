"""The words for the codes the core uses — kinds, statuses, directions, frequencies, alert rules — in
English, for the command line and the exporter. The window has the same keys, translated
(``gui/labels.py``); a test keeps the two in step with the enums."""

from __future__ import annotations

KIND_LABELS = {"objective": "objective", "goal": "goal", "strategy": "strategy", "measure": "measure",
               "action": "action"}
STATUS_LABELS = {"not_started": "not started", "on_track": "on track", "at_risk": "at risk",
                 "off_track": "off track", "done": "done", "no_data": "no data"}
DIRECTION_LABELS = {"higher": "higher is better", "lower": "lower is better"}
FREQUENCY_LABELS = {"weekly": "weekly", "monthly": "monthly", "quarterly": "quarterly"}
AGGREGATION_LABELS = {"sum": "sum of the periods", "average": "average of the periods", "last": "last value"}
TARGET_MODE_LABELS = {"period": "each period's own", "cumulative": "cumulative (year to date)"}
RULE_LABELS = {"below_target": "below target", "stale": "no recent actual", "forecast": "forecast misses goal",
               "red": "red threshold crossed", "overdue": "action overdue"}


def status_label(status) -> str:
    return STATUS_LABELS.get(str(status), str(status))
