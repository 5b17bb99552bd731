"""The words for the codes the core uses — kinds, statuses, directions, frequencies, alert rules — in
English, for the command line and the exporter. The window has the same keys, translated
(``gui/labels.py``); a test keeps the two in step with the enums.

The dictionaries hold the English words, marked for the catalogue (``N_``) but not translated: the
language is chosen after import. Ask the functions below for a word in the language spoken."""

from __future__ import annotations

from .i18n import N_, _

KIND_LABELS = {"objective": N_("objective"), "goal": N_("goal"), "strategy": N_("strategy"),
               "measure": N_("measure"), "action": N_("action")}
# A kind in running text, with its own article ("C-S1-A1 is an action"; never "a action").
A_KIND_LABELS = {"objective": N_("an objective"), "goal": N_("a goal"), "strategy": N_("a strategy"),
                 "measure": N_("a measure"), "action": N_("an action")}
STATUS_LABELS = {"not_started": N_("not started"), "on_track": N_("on track"), "at_risk": N_("at risk"),
                 "off_track": N_("off track"), "done": N_("done"), "no_data": N_("no data"),
                 "no_target": N_("no target")}
DIRECTION_LABELS = {"higher": N_("higher is better"), "lower": N_("lower is better")}
FREQUENCY_LABELS = {"weekly": N_("weekly"), "monthly": N_("monthly"), "quarterly": N_("quarterly")}
AGGREGATION_LABELS = {"sum": N_("sum of the periods"), "average": N_("average of the periods"),
                      "last": N_("last value")}
TARGET_MODE_LABELS = {"period": N_("each period's own"), "cumulative": N_("cumulative (year to date)")}
RULE_LABELS = {"below_target": N_("below target"), "stale": N_("no recent actual"),
               "forecast": N_("forecast misses goal"), "missed": N_("goal missed by its due date"),
               "red": N_("red threshold crossed"),
               "overdue": N_("action overdue")}
# Each choice field's words (core/fields.py CHOICE_FIELDS, and a node's kind). What is written for a user to
# edit and read back — the exported workbook — must be read back by fields.parse_choice in either language:
# the words of these tables and their Chinese are among its CHOICE_WORDS (a test keeps them so).
CHOICE_LABELS = {"kind": KIND_LABELS, "status": STATUS_LABELS, "direction": DIRECTION_LABELS,
                 "frequency": FREQUENCY_LABELS, "aggregation": AGGREGATION_LABELS, "target_mode": TARGET_MODE_LABELS}
PERIOD_KIND_LABELS = {"week": N_("week"), "month": N_("month"), "quarter": N_("quarter"), "year": N_("year")}
# What a batch of the journal was (its kind is stored in the plan file as the code).
BATCH_KIND_LABELS = {"edit": N_("edit"), "create": N_("create"), "import": N_("import"), "cascade": N_("cascade"),
                     "restore": N_("restore"), "version": N_("version"), "undo": N_("undo"), "redo": N_("redo"),
                     "merge": N_("merge"), "refresh": N_("refresh")}
# A node's fields (as the journal and the comparison of versions name them) and a sheet's columns.
FIELD_LABELS = {"code": N_("code"), "title": N_("title"), "description": N_("description"), "owner": N_("owner"),
                "org_unit": N_("org unit"), "status": N_("status"), "unit": N_("unit"), "baseline": N_("baseline"),
                "target": N_("target"), "due_date": N_("due date"), "direction": N_("direction"),
                "frequency": N_("frequency"), "amber": N_("at risk beyond"), "red": N_("off track beyond"), "weight": N_("weight"),
                "streak": N_("periods in a row"), "alerts_off": N_("alerts switched off"),
                "aggregation": N_("aggregation"), "target_mode": N_("target kind"), "serves_id": N_("serves"),
                "serves_title": N_("title served"), "serves_target": N_("target served"),
                "parent_id": N_("parent"), "parent": N_("parent"), "position": N_("position"), "kind": N_("kind"),
                "period": N_("period"), "actual": N_("actual"), "comment": N_("comment"), "value": N_("value")}
# The plan's settings (kept in the plan file under these keys).
SETTING_LABELS = {"name": N_("plan name"), "alert_streak": N_("periods below target before an alert"),
                  "alerts_off": N_("alert rules switched off"), "stale_grace_days": N_("grace days for a missing actual"),
                  "amber_pct": N_("at risk below % of target"), "red_pct": N_("off track below % of target"),
                  "status_basis": N_("status judged on"), "calendar_start": N_("plan year starts"),
                  "calendar_end": N_("plan year ends"), "plan_id": N_("plan identity"),
                  "department": N_("where this department file was cut from"),
                  "department_merges": N_("department files merged back"),
                  "department_refresh": N_("last refresh from the company plan")}
# How the plan judges a measure's status (the setting status_basis).
BASIS_LABELS = {"latest": N_("the latest period with a value"), "quarter": N_("the quarter to date")}


def label(table: dict[str, str], key) -> str:
    """The word for ``key`` (a code or an enum member) in ``table``, translated; the code itself when the
    table has no word for it."""
    text = table.get(str(key))
    return str(key) if text is None else _(text)


def labels(table: dict[str, str]) -> dict[str, str]:
    """A whole table (one of the ``*_LABELS`` above), translated: code → word."""
    return {key: _(text) for key, text in table.items()}


def choice_label(field: str, value) -> str:
    """The word for ``value`` of the choice field ``field`` (a key of :data:`CHOICE_LABELS`), translated."""
    return label(CHOICE_LABELS[field], value)


def kind_label(kind) -> str:
    return label(KIND_LABELS, kind)


def a_kind_label(kind) -> str:
    """The kind with its article, for running text: "an action", "a goal"."""
    return label(A_KIND_LABELS, kind)


def status_label(status) -> str:
    return label(STATUS_LABELS, status)


def direction_label(direction) -> str:
    return label(DIRECTION_LABELS, direction)


def frequency_label(frequency) -> str:
    return label(FREQUENCY_LABELS, frequency)


def aggregation_label(aggregation) -> str:
    return label(AGGREGATION_LABELS, aggregation)


def target_mode_label(mode) -> str:
    return label(TARGET_MODE_LABELS, mode)


def rule_label(rule) -> str:
    return label(RULE_LABELS, rule)


def period_kind_label(kind) -> str:
    """week, month, quarter or year (``periods.kind_of``)."""
    return label(PERIOD_KIND_LABELS, kind)


def batch_kind_label(kind) -> str:
    return label(BATCH_KIND_LABELS, kind)


def field_label(field) -> str:
    return label(FIELD_LABELS, field)


def setting_label(key) -> str:
    return label(SETTING_LABELS, key)
