"""Handing a department its part of the plan: the department plan file.

A department plan file is an ordinary plan file holding one org unit's objective with everything below
it (editable), the company's nodes above it (the strategy it serves up to the top objective, locked:
shown for context), the unit's current numbers, and the plan's settings. Its ``department`` record says
where it came from: the company plan's identity, the point of the company's journal it was cut at (the
fork), the unit, the locked context, and the department file's own first batch. Node ids are the
company's, so a node keeps its identity through the round trip (codes may be renamed on either side);
nodes the department adds get company ids when they are merged back (see :mod:`.merge`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .errors import PlanFileError, ValidationError
from .i18n import _
from .model import Kind
from .plan_settings import KEYS as SETTING_KEYS
from .storage import Plan
from .storage.plan import DEPARTMENT_KEY, IDENTITY_KEY

PLAN_ID_KEY = IDENTITY_KEY        # the company plan's identity, given when its first department file is cut
MERGES_KEY = "department_merges"  # in the company plan: what each department file brought back so far
REFRESH_KEY = "department_refresh"  # in a department file: the company's point it last took (a refresh)


@dataclass(frozen=True)
class Origin:
    """Where a department plan file came from."""

    fork_id: str          # this hand-out (a new one for every split)
    plan_id: str          # the company plan's identity
    plan_name: str
    unit_id: int          # the department's objective (a company node id)
    unit_code: str
    fork_batch: int       # the company's last batch when the file was cut
    start_batch: int      # the department file's own batch that holds the cut
    context: tuple[int, ...]   # the company's nodes above the unit, top first: locked in the file

    def to_json(self) -> str:
        return json.dumps({"fork_id": self.fork_id, "plan_id": self.plan_id, "plan_name": self.plan_name,
                           "unit_id": self.unit_id, "unit_code": self.unit_code, "fork_batch": self.fork_batch,
                           "start_batch": self.start_batch, "context": list(self.context)}, ensure_ascii=False)


def origin_of(plan: Plan) -> Origin | None:
    """The department record of ``plan``; None for a plan that is not a department file."""
    text = plan.meta.get(DEPARTMENT_KEY)
    if not text:
        return None
    try:
        data = json.loads(text)
        return Origin(str(data["fork_id"]), str(data["plan_id"]), str(data.get("plan_name", "")),
                      int(data["unit_id"]), str(data["unit_code"]), int(data["fork_batch"]),
                      int(data["start_batch"]), tuple(int(i) for i in data["context"]))
    except (ValueError, KeyError, TypeError):
        raise PlanFileError(_("{where}: the department record of this plan file is damaged").format(
            where=plan.path)) from None


def plan_identity(plan: Plan) -> str | None:
    return plan.meta.get(PLAN_ID_KEY)


def split(company: Plan, code: str, out: str | Path, reason: str = "", *, overwrite: bool = False) -> Origin:
    """Write the department plan file of the org unit whose objective is ``code`` to ``out``; the company
    plan gets an identity the first time (one journaled setting) and is otherwise unchanged."""
    import uuid  # (imported when first used, off the window's start-up)

    if origin_of(company) is not None:
        raise ValidationError(_("{path} is itself a department file: hand out parts of the company's plan, or "
                                "cascade further inside this one").format(path=company.path))
    unit = company.nodes.by_code(code)
    if unit.kind is not Kind.OBJECTIVE or unit.parent_id is None:
        raise ValidationError(_("{code} is not the objective of an org unit: a department file is cut at an "
                                "objective a strategy was cascaded to (D1, …)").format(code=code))
    if plan_identity(company) is None:
        with company.batch("edit", _("the plan's identity, for its department files")):
            company.meta.set(PLAN_ID_KEY, uuid.uuid4().hex)
    # Read by id, not the whole tree: a department of a big plan is cut in a fraction of a second.
    context = company.nodes.chain(unit.parent_id)[::-1]                  # top first
    part = company.nodes.subtree_ids(unit.id)                             # parents before children
    nodes = company.nodes.some(context + part)
    values = company.actuals.between("", "9999-12-31", part)
    days = company.journal.created_on(context + part)                      # each node's day of making, kept
    settings = {key: company.meta.get(key) for key in ["name", *SETTING_KEYS.values()]}
    origin_fields = dict(fork_id=uuid.uuid4().hex, plan_id=plan_identity(company), plan_name=settings["name"] or "",
                         unit_id=unit.id, unit_code=unit.code, fork_batch=company.journal.last_batch_id(),
                         context=tuple(context))
    made: list[Origin] = []

    def fill(dept: Plan) -> None:
        why = reason or _("department plan of {unit} from {plan}").format(unit=unit.code, plan=settings["name"] or "")
        with dept.batch("create", why) as changes:
            dept.nodes.bulk_insert([nodes[node_id].as_dict() for node_id in context + part],
                                   made=days)
            dept.actuals.insert((nid, a.period, a.actual, a.target, a.comment)
                                for nid, rows in values.items() for a in rows)
            for key, value in settings.items():
                if value is not None:
                    dept.meta.set(key, value)
            dept.meta.set("name", _("{plan} — {unit} {title}").format(plan=settings["name"] or "", unit=unit.code,
                                                                     title=unit.title))
            origin = Origin(**origin_fields, start_batch=changes.batch_id)
            dept.meta.set(DEPARTMENT_KEY, origin.to_json())
            made.append(origin)

    Plan.create(out, overwrite=overwrite, fill=fill).close()
    return made[0]
