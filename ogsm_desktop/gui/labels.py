"""The words the window shows for the codes the core uses — kinds, statuses, directions, frequencies,
alert rules — translated, in one place. Keys are those of ``core/labels.py`` (a test keeps them equal).
Each string is a literal ``translate`` call so that ``pyside6-lupdate`` finds it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..core.fields import CONTROL
from ..core.history import value_text
from .text import fill


def enumeration(items) -> str:
    """Names, codes or choices one after another with the enumeration comma of the language shown (", " in
    English, "、" in Chinese)."""
    return QCoreApplication.translate("Labels", ", ").join(str(i) for i in items)


def kind_labels() -> dict[str, str]:
    return {"objective": QCoreApplication.translate("Labels", "objective"), "goal": QCoreApplication.translate("Labels", "goal"), "strategy": QCoreApplication.translate("Labels", "strategy"),
            "measure": QCoreApplication.translate("Labels", "measure"), "action": QCoreApplication.translate("Labels", "action")}


def status_labels() -> dict[str, str]:
    return {"not_started": QCoreApplication.translate("Labels", "not started"), "on_track": QCoreApplication.translate("Labels", "on track"),
            "at_risk": QCoreApplication.translate("Labels", "at risk"), "off_track": QCoreApplication.translate("Labels", "off track"), "done": QCoreApplication.translate("Labels", "done"),
            "no_data": QCoreApplication.translate("Labels", "no data"),
            "no_target": QCoreApplication.translate("Labels", "no target")}


def direction_labels() -> dict[str, str]:
    return {"higher": QCoreApplication.translate("Labels", "higher is better"), "lower": QCoreApplication.translate("Labels", "lower is better")}


def frequency_labels() -> dict[str, str]:
    return {"weekly": QCoreApplication.translate("Labels", "weekly"), "monthly": QCoreApplication.translate("Labels", "monthly"), "quarterly": QCoreApplication.translate("Labels", "quarterly")}


def aggregation_labels() -> dict[str, str]:
    return {"sum": QCoreApplication.translate("Labels", "sum of the periods"),
            "average": QCoreApplication.translate("Labels", "average of the periods"),
            "last": QCoreApplication.translate("Labels", "last value")}


def target_mode_labels() -> dict[str, str]:
    return {"period": QCoreApplication.translate("Labels", "each period's own"),
            "cumulative": QCoreApplication.translate("Labels", "cumulative (year to date)")}


def choice_labels() -> dict[str, dict[str, str]]:
    """The words of every field whose value is a code (core ``labels.CHOICE_LABELS``): field → code → word."""
    return {"kind": kind_labels(), "status": status_labels(), "direction": direction_labels(),
            "frequency": frequency_labels(), "aggregation": aggregation_labels(), "target_mode": target_mode_labels()}


def value_words(words: dict[str, dict[str, str]], field: str, value) -> str:
    """A field's value as the window shows it: a choice in ``words`` (from :func:`choice_labels`), anything
    else as the history writes it."""
    if field in words and value is not None:
        return words[field].get(str(value), str(value))
    return value_text(field, value)


def rule_labels() -> dict[str, str]:
    return {"below_target": QCoreApplication.translate("Labels", "below target"), "stale": QCoreApplication.translate("Labels", "no recent actual"),
            "forecast": QCoreApplication.translate("Labels", "forecast misses goal"),
            "missed": QCoreApplication.translate("Labels", "goal missed by its due date"), "red": QCoreApplication.translate("Labels", "red threshold crossed"),
            "overdue": QCoreApplication.translate("Labels", "action overdue")}


def role_labels() -> dict[str, str]:
    """What a spreadsheet column can hold, as the import preview names it."""
    return {"code": QCoreApplication.translate("Labels", "code"), "period": QCoreApplication.translate("Labels", "period"),
            "actual": QCoreApplication.translate("Labels", "actual"), "target": QCoreApplication.translate("Labels", "target"),
            "comment": QCoreApplication.translate("Labels", "comment"), "title": QCoreApplication.translate("Labels", "title"),
            "parent": QCoreApplication.translate("Labels", "parent code"), "kind": QCoreApplication.translate("Labels", "kind"),
            "description": QCoreApplication.translate("Labels", "description"),
            "owner": QCoreApplication.translate("Labels", "owner"), "org_unit": QCoreApplication.translate("Labels", "org unit"),
            "unit": QCoreApplication.translate("Labels", "unit"), "baseline": QCoreApplication.translate("Labels", "baseline"),
            "due_date": QCoreApplication.translate("Labels", "due date"),
            "direction": QCoreApplication.translate("Labels", "direction"),
            "frequency": QCoreApplication.translate("Labels", "frequency"), "amber": QCoreApplication.translate("Labels", "amber"),
            "red": QCoreApplication.translate("Labels", "red"), "weight": QCoreApplication.translate("Labels", "weight"),
            "value": QCoreApplication.translate("Labels", "value")}


def plan_labels() -> dict[str, str]:
    """The words of the one-page grid, the charts and the reports, translated once for all of them."""
    return {
        "objective": QCoreApplication.translate("PlanLabels", "Objective"), "goals": QCoreApplication.translate("PlanLabels", "Goals"),
        "strategies": QCoreApplication.translate("PlanLabels", "Strategies"), "measures": QCoreApplication.translate("PlanLabels", "Measures & actions"),
        "owner": QCoreApplication.translate("PlanLabels", "owner"), "due": QCoreApplication.translate("PlanLabels", "due"), "target": QCoreApplication.translate("PlanLabels", "target"),
        "latest": QCoreApplication.translate("PlanLabels", "latest"), "cascade": QCoreApplication.translate("PlanLabels", "cascaded to"), "none": "—",
        "serves": QCoreApplication.translate("PlanLabels", "serves"),
        "changed_above": QCoreApplication.translate("PlanLabels", "changed above: check"),
        "in_company": QCoreApplication.translate("PlanLabels", "in the company's plan"),
        "context": QCoreApplication.translate("PlanLabels", "from the company's plan, locked in this file: its goals, "
                                              "its other strategies and its status are there"),
        **status_labels(),
        "actual": QCoreApplication.translate("PlanLabels", "actual"), "forecast": QCoreApplication.translate("PlanLabels", "trend to the due date"),
        "amber": QCoreApplication.translate("PlanLabels", "at risk"), "red": QCoreApplication.translate("PlanLabels", "off track"),
        "no data": QCoreApplication.translate("PlanLabels", "no actuals yet"),
        "no actuals": QCoreApplication.translate("PlanLabels", "No actuals yet"),     # in a chart of targets only
        "with unit": QCoreApplication.translate("PlanLabels", "%1 (%2)"),    # a chart's title and its unit
    }


def chart_title(node, labels: dict[str, str]) -> str:
    """A measure's chart title: its code and title, and its unit in the brackets of the language. A control
    character (ESC, in a file another program wrote) is "\ufffd": the chart's font has no glyph for it, and
    the planner sees where the title is damaged."""
    title = f"{node.code} {node.title}"
    return CONTROL.sub("\ufffd", fill(labels["with unit"], title, node.unit) if node.unit else title)


def change_labels() -> dict[str, str]:
    """What happened to a node between two versions."""
    return {"added": QCoreApplication.translate("Labels", "added"),
            "removed": QCoreApplication.translate("Labels", "removed"),
            "moved": QCoreApplication.translate("Labels", "moved"),
            "changed": QCoreApplication.translate("Labels", "changed")}


def impact_text(change) -> str:
    """What a changed node touches: the nodes below it, the chain above it it rolls up into."""
    parts = []
    below = change.impact.below
    if below:
        codes = enumeration(n.code for n in below[:4]) + (" …" if len(below) > 4 else "")
        parts.append(QCoreApplication.translate("Labels", "below: %1 (%2)").replace("%1", str(len(below)))
                     .replace("%2", codes))
    if change.impact.above:
        parts.append(QCoreApplication.translate("Labels", "rolls up into %1")
                     .replace("%1", " → ".join(n.code for n in change.impact.above)))
    return "; ".join(parts)

