"""Where an exported workbook came from: the plan, the point of its journal, and the unit exported.

The export writes the record as custom document properties of the workbook (Excel: File → Info →
Properties → Advanced → Custom; LibreOffice: File → Properties → Custom Properties). They are invisible
in the sheets, cannot be copied into another workbook with a sheet, and Excel and LibreOffice keep them
when they save the file again (.xlsx, and LibreOffice's .ods). Each value is short (Excel keeps at most
255 characters of a property).

The plan is named by its identity (the ``plan_id`` setting department files use too). A plan without one
gets it with its first export (:func:`identify`, one journaled setting); a plan opened read-only cannot,
and its workbook names the plan's file instead (a weaker record: a moved plan file is "another plan").
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path

from ..changes import ChangeSet
from ..departments import PLAN_ID_KEY, plan_identity
from ..i18n import _
from ..storage import Plan

PREFIX = "OGSM Desktop "                      # every property's name begins so (never translated)
_FIELDS = {"plan_id": "plan id", "plan_name": "plan", "plan_path": "plan file", "batch": "journal point",
           "unit_code": "unit", "exported": "exported"}
MOST = 255


@dataclass(frozen=True)
class WorkbookOrigin:
    plan_id: str            # "" when the plan had no identity (opened read-only): then plan_path names it
    plan_name: str
    plan_path: str
    batch: int              # the plan's last batch when the workbook was written
    unit_code: str = ""     # the org unit's objective exported ("": the whole plan)
    exported: str = ""      # when, ISO 8601

    def properties(self) -> dict[str, str]:
        values = {"plan_id": self.plan_id, "plan_name": self.plan_name[:120], "batch": str(self.batch),
                  "unit_code": self.unit_code, "exported": self.exported,
                  "plan_path": self.plan_path if not self.plan_id and len(self.plan_path) <= MOST else ""}
        return {PREFIX + _FIELDS[key]: value for key, value in values.items() if value}


def identify(plan: Plan) -> ChangeSet | None:
    """Give ``plan`` its identity if it has none and can be written (one journaled setting, as the first
    department file does); the batch's change set, or None when nothing was written."""
    if plan_identity(plan) is not None or plan.readonly:
        return None
    with plan.batch("edit", _("the plan's identity, for the workbooks and department files made from it")) as changes:
        plan.meta.set(PLAN_ID_KEY, uuid.uuid4().hex)
    return changes


def origin_of_plan(plan: Plan, unit_code: str = "") -> WorkbookOrigin:
    """The record a workbook written from ``plan`` now carries (reads only)."""
    path = str(plan.path.resolve()) if plan.path is not None else ""
    return WorkbookOrigin(plan_identity(plan) or "", plan.name, path, plan.journal.last_batch_id(), unit_code,
                          dt.datetime.now().astimezone().isoformat(timespec="seconds"))


def read_properties(properties: dict[str, str]) -> WorkbookOrigin | None:
    """The record among a workbook's custom properties; None when it has none, or a damaged one."""
    values = {key: properties.get(PREFIX + name, "").strip() for key, name in _FIELDS.items()}
    try:
        batch = int(float(values["batch"]))
    except ValueError:
        return None
    if batch < 0 or not (values["plan_id"] or values["plan_path"]):
        return None
    return WorkbookOrigin(values["plan_id"], values["plan_name"], values["plan_path"], batch, values["unit_code"],
                          values["exported"])


def same_plan(plan: Plan, origin: WorkbookOrigin) -> bool:
    """Whether the workbook was written from this plan: the same identity, or (for a workbook of a plan
    that had none) the same plan file."""
    if origin.plan_id:
        return origin.plan_id == plan_identity(plan)
    if plan.path is None or not origin.plan_path:
        return False
    try:
        return Path(origin.plan_path) == plan.path.resolve()
    except OSError:
        return False
