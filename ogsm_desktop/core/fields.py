"""Field values of plan nodes, cleaned and parsed in one place.

Two layers share one set of rules:

- **parsing** what people type or what a spreadsheet holds — numbers with thousands separators,
  full-width digits, a Unicode minus or a trailing %; dates as date objects, ISO text, 2026/12/31,
  2026年12月31日 or Excel serial numbers; choices in English or Chinese (``up``, ``越高越好``, ``每月``);
- **cleaning** a value for storage (:func:`clean_field`): the canonical form a field takes, or a
  :class:`ValueProblem` that says what the field expects.

The detail editor, the Excel import and the command line all parse through here, so the same text
means the same value everywhere. No storage and no Qt here.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache

from .errors import ValidationError
from .i18n import N_, _, enumerated, ngettext
from .labels import choice_label, field_label
from .model import (
    ALERT_RULES,
    DERIVED_STATUSES,
    EDITABLE_FIELDS,
    Aggregation,
    Direction,
    Frequency,
    Kind,
    Status,
    TargetMode,
)

EXCEL_EPOCH = dt.date(1899, 12, 30)      # serial 1 = 1900-01-01 (Excel's 1900 leap-year bug included)
FIRST_YEAR, LAST_YEAR = 1990, 2100
CODE_PATTERN = re.compile(r"^[^\s]{1,40}$")

NUMERIC_FIELDS = frozenset({"baseline", "target", "amber", "red", "weight", "serves_target"})
INTEGER_FIELDS = {"streak": (1, 52), "serves_id": (1, 2**62)}
DATE_FIELDS = frozenset({"due_date"})
CHOICE_FIELDS: dict[str, type[StrEnum]] = {"status": Status, "direction": Direction, "frequency": Frequency,
                                           "aggregation": Aggregation, "target_mode": TargetMode}


class ValueProblem(ValidationError, ValueError):
    """A value that cannot be read or stored; the message says what was expected."""


class NotInPercent(ValueProblem):
    """A per cent given for a goal or measure not measured in per cent (see :func:`parse_amount`)."""


class UnsavedFormula:
    """A spreadsheet cell holding a formula whose value was never saved (the program that wrote the file
    did not calculate it): read for nothing, and named by whoever needs its value."""

    __slots__ = ()

    def __repr__(self) -> str:
        return _("a formula without a saved value")

    def __str__(self) -> str:
        return ""


UNSAVED = UnsavedFormula()
# Marked here, translated where it is said: _(UNSAVED_ADVICE).
UNSAVED_ADVICE = N_("a formula without a saved value; open the file in Excel or LibreOffice and save it so that "
                    "the value is stored")


# ------------------------------------------------------------------------------------------ numbers
_GROUPING = str.maketrans({" ": ",", "\u00a0": ",", "_": ",", "'": ",", "，": ","})   # what groups thousands
# 1,234,567.25 (groups of three) or 12,34,567.25 (an Indian lakh: twos, then three), then decimals, an exponent
# (never a first group of 0: 0,125 groups no thousands — it is a decimal comma)
_GROUPED = re.compile(r"^[+-]?(?:[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d?(?:,\d{2})*,\d{3})(?:\.\d*)?(?:[eE][+-]?\d+)?$")
# Figures NFKC reads as digits that are none: 95.2¹ (a footnote mark) is no 95.21, 10² no 102 (full-width
# digits, <wide>, are digits)
_NO_DIGITS = ("<super>", "<sub>", "<circle>", "<fraction>")
_WHOLE_KEPT = 2 ** 53               # every whole number below it is a number exactly
_MINUSES = str.maketrans({"\u2212": "-", "\u2012": "-", "\u2013": "-", "\ufe63": "-"})


def parse_number(value) -> float | None:
    """A number as people type it or a cell holds it (None for an empty value); a trailing % is dropped
    (12% is 12): a value on a goal's or measure's own scale is read with :func:`parse_amount`, which knows
    whether that scale is per cent."""
    return _read_number(value)[0]


def _read_number(value) -> tuple[float | None, bool]:
    """:func:`parse_number`'s number, and whether it was written with a per cent sign."""
    if value is None or value == "":
        return None, False
    if value is UNSAVED:
        raise ValueProblem(_(UNSAVED_ADVICE))
    if isinstance(value, bool):
        raise ValueProblem(_("not a number: {value!r}").format(value=value))
    if isinstance(value, dt.date):                 # a date cell where a number goes: said as the cell shows it
        raise ValueProblem(_("not a number: the date {date}").format(date=shown_date(value)))
    per_cent = False
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = str(value)
        if not text.isascii() and any(unicodedata.decomposition(ch).startswith(_NO_DIGITS) for ch in text):
            raise ValueProblem(_("not a number: {value!r}").format(value=value))
        text = unicodedata.normalize("NFKC", text).strip().translate(_MINUSES)
        if text[:1] in ("'", "\u2019"):          # '95000: a number kept as text (Excel's mark, systems' exports)
            text = text[1:].lstrip()
            if not text:
                raise ValueProblem(_("not a number: {value!r}").format(value=value))
        if text.endswith("%"):
            text, per_cent = text[:-1].rstrip(), True
        text = re.sub(r"^([+-])\s+", r"\1", text).translate(_GROUPING)
        if "," in text:
            if not _GROUPED.match(text):           # 8,5 is no 85, nor 1.234,5 1.2345: said, not guessed
                raise ValueProblem(_("not a number: {value!r} (a comma groups thousands, as in 1,234.5; decimals "
                                     "take a point)").format(value=value))
            text = text.replace(",", "")
        if text in ("", "-"):
            if per_cent:                           # "%" alone is no number, nor a way to clear one
                raise ValueProblem(_("not a number: {value!r}").format(value=value))
            return None, per_cent
        try:
            number = float(text)
        except ValueError:
            raise ValueProblem(_("not a number: {value!r}").format(value=value)) from None
        if _WHOLE_KEPT <= abs(number) < math.inf and int(Decimal(text)) != int(number):   # (not every whole one beyond)
            raise ValueProblem(_("{value!r} has more digits than a number keeps: it would be {kept}; a spreadsheet "
                                 "keeps 15 of them").format(value=value, kept=plain_number(number)))
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueProblem(_("not a finite number: {value!r}").format(value=value))
    return number, per_cent


# The fields of a goal or measure on its own scale, in its unit (not the weight, a share of the progress above).
SCALE_FIELDS = frozenset({"baseline", "target", "amber", "red"})
# A unit that says per cent, as written after NFKC, case folding and without spaces (％ is %): the sign, or the
# word for it. Not percentage points (%pts, 百分点, pp), per mille nor "% of sales": a per cent is not sure there.
PER_CENT_UNITS = frozenset({"%", "percent", "percentage", "pct", "百分比", "百分率", "百分数"})


def in_percent(unit: str | None) -> bool:
    """Whether a goal or measure of ``unit`` is measured in per cent."""
    return "".join(unicodedata.normalize("NFKC", unit or "").casefold().split()) in PER_CENT_UNITS


def holds_a_number(cell) -> bool:
    """The cell holds a number (not text that reads as one, nor a boolean)."""
    return cell.__class__ in (float, int)


def percent_shown(number: float) -> float:
    """The per cent a percent-formatted cell shows: 54.3 for the 0.543 it holds — scaled in decimal, as typed
    (0.543 × 100 is 54.300000000000004 in binary floating point, a number nobody typed)."""
    return float(Decimal(repr(number)).scaleb(2))


def parse_amount(value, unit: str | None, code: str, *, percent_format: bool = False) -> float | None:
    """A number on the scale of the goal or measure ``code`` (its actuals, targets, baseline, thresholds),
    measured in ``unit``, as typed or as a cell holds it (None for an empty value).

    For a measure in per cent, "12%" is 12, and a number in a cell formatted as a per cent (``percent_format``:
    0.12 shown as 12%) reads as the 12 it shows. For any other unit both are refused, never read as 12 nor as
    0.12: which one was meant cannot be told, and the message says how to give it. The window, the command
    line and the import all read such values here."""
    number, per_cent = _read_number(value)
    shown = percent_format and holds_a_number(value)
    if number is None or not (per_cent or shown):
        return number
    if in_percent(unit):
        return percent_shown(number) if shown else number
    unit = (unit or "").strip()
    if shown:
        said = _("the cell shows {shown}% (it holds {value})").format(shown=plain_number(percent_shown(number)),
                                                                      value=plain_number(number))
        advice = _("give the cell a number format without %, or make % the unit of {code}").format(code=code)
    else:
        said = _("{value!r} is a per cent").format(value=str(value).strip())
        advice = _("type the number without the per cent sign, or make % the unit of {code}").format(code=code)
    if unit:
        raise NotInPercent(_("{said}, but {code} is measured in {unit}: {advice}").format(
            said=said, code=code, unit=unit, advice=advice))
    raise NotInPercent(_("{said}, but {code} has no unit: {advice}").format(said=said, code=code, advice=advice))


def same_value(a, b) -> bool:
    """Whether two values are the same as a workbook keeps them: numbers to 15 significant digits (Excel and
    LibreOffice keep no more — 0.30000000000000004 saved and read back is 0.3, no change), anything else
    exactly."""
    if a == b:
        return True
    return (a.__class__ in (float, int) and b.__class__ in (float, int)
            and format(a, ".15g") == format(b, ".15g"))


def same_values(a: tuple, b: tuple) -> bool:
    """:func:`same_value` of each pair of two tuples of the same length."""
    return a == b or all(map(same_value, a, b))


def plain_number(number: float) -> str:
    """A number as written by hand: 50, 0.5, 1234.5 (no exponent, no trailing zeros)."""
    text = format(Decimal(repr(number)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def parse_whole(value, low: int, high: int, what: str | None = None) -> int | None:
    """A whole number from ``low`` to ``high`` (None for an empty value); ``what`` names it (default
    "the value")."""
    if what is None:
        what = _("the value")
    try:
        number = parse_number(value)
    except ValueProblem:
        raise ValueProblem(_("{what} must be a whole number, not {value!r}").format(what=what, value=value)) from None
    if number is None:
        return None
    if not number.is_integer():
        raise ValueProblem(_("{what} must be a whole number, not {value!r}").format(what=what, value=value))
    if not low <= number <= high:
        raise ValueProblem(_("{what} must be between {low} and {high}, not {number}").format(
            what=what, low=low, high=high, number=int(number)))
    return int(number)


# ------------------------------------------------------------------------------------------ dates
_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$|^(\d{4})(\d{2})(\d{2})$")


def check_year(year: int, text) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueProblem(_("date out of range: {text!r} (years {first}–{last})").format(
            text=text, first=FIRST_YEAR, last=LAST_YEAR))


def parse_date(value) -> str:
    """A date as an ISO string ("" for an empty value): date objects, 2026-12-31, 2026/12/31,
    2026.12.31, 20261231, 2026年12月31日 (with a time after it or not), or an Excel serial number."""
    if value is None or value == "":
        return ""
    if value is UNSAVED:
        raise ValueProblem(_(UNSAVED_ADVICE))
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        check_year(value.year, value.isoformat())
        return value.isoformat()
    if isinstance(value, bool):
        raise ValueProblem(_("not a date: {value!r} (for example 2026-12-31)").format(value=value))
    if isinstance(value, int | float):
        if float(value).is_integer() and 20000 <= value <= 80000:
            return (EXCEL_EPOCH + dt.timedelta(days=int(value))).isoformat()
        raise ValueProblem(_("not a date: {value!r} (for example 2026-12-31)").format(value=value))
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if not text:
        return ""
    m = _DATE_TEXT.match(text)
    if m is None:
        raise ValueProblem(_("not a date: {value!r} (for example 2026-12-31)").format(value=value))
    year, month, day_of_month = (m[1], m[2], m[3]) if m[1] else (m[4], m[5], m[6])
    try:
        day = dt.date(int(year), int(month), int(day_of_month))
    except ValueError:
        raise ValueProblem(_("not a valid date: {value!r}").format(value=value)) from None
    check_year(day.year, text)
    return day.isoformat()


# ------------------------------------------------------------------------------------------ choices
# Words people write for each choice, English and Chinese; the canonical value itself always counts. The
# words the program shows for each choice (labels.CHOICE_LABELS, in English and in their Chinese) are among
# them, so that a workbook exported in either language reads back (keys as parse_choice compares them: NFKC,
# casefolded — full-width brackets as ASCII ones).
CHOICE_WORDS: dict[str, dict[str, str]] = {
    "direction": {"higher": "higher", "up": "higher", "higher is better": "higher", "越高越好": "higher",
                  "高": "higher", "越高": "higher", "越大越好": "higher", "越多越好": "higher", "提高": "higher",
                  "上升": "higher", "正向": "higher",
                  "lower": "lower", "down": "lower", "lower is better": "lower", "越低越好": "lower",
                  "低": "lower", "越低": "lower", "越小越好": "lower", "越少越好": "lower", "降低": "lower",
                  "下降": "lower", "反向": "lower"},
    "frequency": {"weekly": "weekly", "week": "weekly", "每周": "weekly", "周": "weekly", "周度": "weekly",
                  "monthly": "monthly", "month": "monthly", "每月": "monthly", "月": "monthly", "月度": "monthly",
                  "quarterly": "quarterly", "quarter": "quarterly", "每季度": "quarterly", "季度": "quarterly",
                  "季": "quarterly"},
    "status": {"not started": "not_started", "未开始": "not_started", "on track": "on_track", "正常": "on_track",
               "按计划": "on_track", "at risk": "at_risk", "有风险": "at_risk", "风险": "at_risk",
               "off track": "off_track", "偏离": "off_track", "落后": "off_track", "done": "done",
               "已完成": "done", "完成": "done"},
    "aggregation": {"sum": "sum", "total": "sum", "sum of the periods": "sum", "各期合计": "sum", "求和": "sum",
                    "合计": "sum", "累加": "sum",
                    "average": "average", "mean": "average", "avg": "average", "average of the periods": "average",
                    "各期平均": "average", "平均": "average", "平均值": "average",
                    "last": "last", "last value": "last", "latest": "last", "期末值": "last", "最新值": "last",
                    "取最后值": "last"},
    "target_mode": {"period": "period", "per period": "period", "each period's own": "period", "各期单独": "period",
                    "每期": "period", "当期": "period",
                    "cumulative": "cumulative", "ytd": "cumulative", "year to date": "cumulative",
                    "cumulative (year to date)": "cumulative", "累计(年初至今)": "cumulative",
                    "累计": "cumulative", "年累计": "cumulative"},
    "kind": {"objective": "objective", "目的": "objective", "goal": "goal", "目标": "goal",
             "strategy": "strategy", "策略": "strategy", "measure": "measure", "衡量": "measure",
             "衡量指标": "measure", "指标": "measure", "kpi": "measure", "action": "action", "行动": "action"},
}
_CHOICES: dict[str, tuple[str, ...]] = {
    **{name: tuple(str(e) for e in enum) for name, enum in CHOICE_FIELDS.items()},
    "kind": tuple(str(k) for k in Kind),
}


# What a report's status column holds, in either language: this program's own words for a measure's status (the
# action statuses above, "no data", "no target", "not due") and a traffic light's. Keys as parse_choice compares them.
STATUS_WORDS = frozenset(CHOICE_WORDS["status"]) | {
    "no data", "无数据", "no target", "无目标值", "无目标", "not due", "未到期",
    "green", "amber", "yellow", "red", "绿", "黄", "红", "绿色", "黄色", "红色", "绿灯", "黄灯", "红灯",
    "achieved", "not achieved", "达成", "已达成", "未达成"}


def reads_as_status(text) -> bool:
    """Whether a cell reads as a status (a report's, or this program's in either language), not as a comment."""
    return unicodedata.normalize("NFKC", str(text)).strip().casefold().replace("_", " ") in STATUS_WORDS


def choices(field: str) -> tuple[str, ...]:
    """The canonical values a choice field takes (status without the derived ``no_data`` and ``no_target``)."""
    values = _CHOICES[field]
    return tuple(v for v in values if v not in DERIVED_STATUSES) if field == "status" else values


def parse_choice(field: str, value) -> str | None:
    """The canonical value a person or a spreadsheet means (None for an empty value)."""
    if value is UNSAVED:
        raise ValueProblem(_(UNSAVED_ADVICE))
    if value is None or str(value).strip() == "":
        return None
    key = unicodedata.normalize("NFKC", str(value)).strip().casefold().replace("_", " ")
    found = CHOICE_WORDS[field].get(key) or next((c for c in choices(field) if c.replace("_", " ") == key), None)
    if found is None:
        raise ValueProblem(_("{field} {value!r} is not one of {choices}").format(
            field=field_label(field), value=value, choices=enumerated(choice_label(field, c) for c in choices(field))))
    return found


def parse_rules(value) -> str:
    """Alert rule names, comma-separated or as a list, as the stored text ("" for none)."""
    names = value if isinstance(value, list | tuple | set | frozenset) else str(value or "").split(",")
    names = [str(n).strip() for n in names if str(n).strip()]
    unknown = [n for n in names if n not in ALERT_RULES]
    if unknown:
        raise ValueProblem(ngettext("unknown alert rule {unknown}; rules: {rules}",
                                    "unknown alert rules {unknown}; rules: {rules}", len(unknown)).format(
            unknown=", ".join(unknown), rules=", ".join(ALERT_RULES)))
    return ",".join(r for r in ALERT_RULES if r in names)


@lru_cache(maxsize=256)
def rule_set(text: str | None) -> frozenset[str]:
    """The stored text of switched-off rules as a set."""
    return frozenset(r for r in (text or "").split(",") if r)


# ------------------------------------------------------------------------------------------ text
# Characters no workbook cell can hold and no terminal should be sent: C0 controls but tab and line
# breaks, and DEL. (A workbook's _x001B_ is ESC once read, as Excel reads it.)
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PICTURES = {**{i: 0x2400 + i for i in range(32)}, 0x7F: 0x2421}     # U+2400…: the control's visible symbol
_PICTURES_IN_CELLS = {i: p for i, p in _PICTURES.items() if i not in (9, 10, 13)}


MOST_CHARACTERS = 32_767        # what a workbook cell holds: a plan keeps no longer text, so it always exports


def shown_date(value: dt.date) -> str:
    """A date cell as it shows: 2026-03-01, with its time when it has one (2026-03-01 14:30)."""
    if isinstance(value, dt.datetime) and value.time() != dt.time():
        return value.isoformat(" ", "minutes")
    return value.strftime("%Y-%m-%d")


def incoming_text(text: str, what: str | None = None) -> str:
    """A text coming in (typed, imported): :func:`check_text` and :func:`check_length`."""
    return check_length(check_text(text, what), what)


def check_length(text: str, what: str | None = None) -> str:
    """``text`` if it is no longer than a workbook cell holds, so that the plan always exports; ValueProblem
    otherwise. For text coming in (typed, imported), not for what a plan holds already: an older version's
    longer text is carried by undo, restore, merges and pastes (the export names it)."""
    if len(text) > MOST_CHARACTERS:
        raise ValueProblem(_("{what} is {count:,} characters long, more than a plan keeps ({most:,}, what a cell "
                             "of a workbook holds); shorten it").format(
            what=_("the text") if what is None else what, count=len(text), most=MOST_CHARACTERS))
    return text


def check_text(text: str, what: str | None = None) -> str:
    """``text`` if it holds no control character; ValueProblem naming the first one otherwise (``what``
    names the text, default "the text")."""
    m = CONTROL.search(text)
    if m is not None:
        raise ValueProblem(_("{what} holds a control character (U+{code}) that a plan cannot keep; remove it").format(
            what=_("the text") if what is None else what, code=f"{ord(m.group()):04X}"))
    return text


def visible(text: str, *, in_cell: bool = False) -> str:
    """``text`` with every control character shown as its symbol (ESC → ␛): for a terminal and a one-line
    message (line breaks too), or for a workbook cell (``in_cell``: tab and line breaks stay)."""
    return text.translate(_PICTURES_IN_CELLS if in_cell else _PICTURES)


# ------------------------------------------------------------------------------------------ storage
def clean_field(field: str, value, *, carried: bool = False):
    """The value ``field`` is stored with. Choices take their canonical values only (parse words with
    :func:`parse_choice` first); the code's uniqueness is the storage's to check. A text no longer than a
    workbook's cell holds (:func:`check_length`), but one ``carried`` from a node the plans hold already
    (a merge, a paste of the same plan's nodes, a cascade: an older program's longer text goes with it, and the export names it)."""
    if field not in EDITABLE_FIELDS:
        raise ValueProblem(_("{field!r} is not a field of a plan node").format(field=field))
    if field in INTEGER_FIELDS:
        return parse_whole(value, *INTEGER_FIELDS[field], what=field_label(field))
    if field == "alerts_off":
        return parse_rules(value)
    if field in NUMERIC_FIELDS:
        try:
            number = parse_number(value)
        except ValueProblem:
            raise ValueProblem(_("{field} must be a number, not {value!r}").format(
                field=field_label(field), value=value)) from None
        if field == "weight" and number is not None and number < 0:
            raise ValueProblem(_("the weight is a share of the progress above, 0 or more; not {value}").format(
                value=f"{number:g}"))
        return number
    if field in CHOICE_FIELDS:
        allowed = choices(field)
        if str(value) not in allowed:
            raise ValueProblem(_("{field} must be one of {choices}, not {value!r}").format(
                field=field_label(field), choices=enumerated(choice_label(field, c) for c in allowed), value=value))
        return str(value)
    text = "" if value is None else str(value)
    if field in DATE_FIELDS and text:
        try:
            if dt.date.fromisoformat(text).isoformat() == text:
                return text
        except ValueError:
            pass
        raise ValueProblem(_("due date must be a date like 2026-12-31, not {value!r}").format(value=value))
    if field == "code" and not CODE_PATTERN.match(text):
        raise ValueProblem(_("code {code!r} is not valid: 1 to 40 characters, no spaces").format(code=text))
    check_text(text, field)
    if carried or len(text) <= MOST_CHARACTERS:
        return text
    return check_length(text, field_label(field))          # (its label only when it is said)



def as_copied(values: dict) -> dict:
    """The field values of a node made again elsewhere (cascaded, pasted, brought back from a department) as
    stored, but a negative weight — refused now, taken before — as the 0 it counts for (``status._parts``)."""
    weight = values.get("weight")
    if type(weight) in (int, float) and weight < 0:
        return {**values, "weight": 0.0}
    return values


def stored_problem(field: str, value) -> str | None:
    """What is wrong with ``value`` as the stored value of node field ``field`` (None: nothing). Values
    read back from the file (the journal, a plan from elsewhere) are checked with it before they are
    written again or trusted: a damaged one is named, never written."""
    if field == "id":
        ok = type(value) is int and value > 0
    elif field == "kind":
        ok = value in _CHOICES["kind"]
    elif field == "parent_id":
        ok = value is None or (type(value) is int and value > 0)
    elif field == "position":
        ok = type(value) is int and value >= 0
    elif field not in EDITABLE_FIELDS:
        return _("{field!r} is not a field of a plan node").format(field=field)
    else:
        if field in NUMERIC_FIELDS:
            ok = value is None or (type(value) in (int, float) and math.isfinite(value))
        elif field in INTEGER_FIELDS:
            ok = value is None or type(value) is int
        else:
            ok = type(value) is str
        if ok and field != "weight":        # (a negative weight, taken before it was refused, still reads)
            try:
                ok = clean_field(field, value, carried=True) == value or field == "alerts_off"
            except ValueProblem:
                ok = False
    return None if ok else _("its {field} {value!r} is not a valid value").format(field=field, value=value)
