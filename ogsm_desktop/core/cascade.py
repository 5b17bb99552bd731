"""The cascade: a strategy of one level becomes the objective of a lower org unit, in one step.

Its measures become that unit's goals and its actions the unit's strategies (copied: the upper
one-page plan keeps them). One batch, so it shows in the history and undoes as one.
"""

from __future__ import annotations

from .errors import GrammarError, ValidationError
from .fields import as_copied, check_length
from .i18n import _
from .labels import a_kind_label, field_label
from .model import Kind, Node
from .storage import Plan

_GOAL_FIELDS = ("unit", "baseline", "target", "due_date", "direction", "frequency", "amber", "red", "weight",
                "aggregation", "target_mode")


def serving(measure: Node) -> dict:
    """The fields that link a goal to the measure (or goal) above it, as it is now."""
    return {"serves_id": measure.id, "serves_title": measure.title, "serves_target": measure.target}


def cascade(plan: Plan, strategy_id: int, org_unit: str, owner: str = "", reason: str = "") -> Node:
    """Create the objective of ``org_unit`` under the strategy, with goals and strategies drawn from it."""
    strategy = plan.nodes.get(strategy_id)
    if strategy.kind is not Kind.STRATEGY:
        raise GrammarError(_("only a strategy cascades to a lower level, not {a_kind} ({code})").format(
            a_kind=a_kind_label(strategy.kind), code=strategy.code))
    org_unit = (org_unit or "").strip()
    if not org_unit:
        raise ValidationError(_("a cascade needs the org unit it goes to (a department, team or person)"))
    owner = (owner or "").strip()
    for field, typed in (("org_unit", org_unit), ("owner", owner)):     # typed, unlike what the cascade carries
        check_length(typed, field_label(field))
    children = plan.nodes.children(strategy.id)
    with plan.batch("cascade", reason or default_reason(strategy.code, org_unit)):
        objective = plan.nodes.add(strategy.id, Kind.OBJECTIVE, carried=True, title=strategy.title,
                                  description=strategy.description, owner=owner, org_unit=org_unit)
        for measure in (c for c in children if c.kind is Kind.MEASURE):
            plan.nodes.add(objective.id, Kind.GOAL, carried=True, title=measure.title, description=measure.description,
                          owner=owner, org_unit=org_unit, **serving(measure),
                          **as_copied({f: getattr(measure, f) for f in _GOAL_FIELDS}))
        for action in (c for c in children if c.kind is Kind.ACTION):
            plan.nodes.add(objective.id, Kind.STRATEGY, carried=True, title=action.title, description=action.description,
                          owner=action.owner or owner, org_unit=org_unit)
    return plan.nodes.get(objective.id)


def default_reason(code: str, org_unit: str) -> str:
    """The reason a cascade is journaled with when the user gave none — in the language the user works in,
    kept as written, like a typed one."""
    return _("cascade {code} to {unit}").format(code=code, unit=org_unit)
