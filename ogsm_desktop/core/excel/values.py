"""Reading what people type into spreadsheets: periods, numbers and column headers, English or Chinese.

Periods: real dates, Excel serial numbers, ISO text (2026-03-15), 2026-03, 2026/3, 202603, 2026-W05,
2026W5, 2026年3月, 2026年3月31日, 2026年第5周, 2026Q1, 2026-Q1, Q1 2026, 2026年第一季度, 2026年一季度, 2026.
A date becomes the period of the measure's frequency (week, month or quarter) that contains it.
Numbers and dates in cells are read by ``core.fields``, like everything else the program reads.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache

from ..fields import (
    EXCEL_EPOCH,
    FIRST_YEAR,
    LAST_YEAR,
    UNSAVED,
    UNSAVED_ADVICE,
    ValueProblem,
    check_year,
    percent_shown,
    plain_number,
    shown_date,
)
from ..i18n import _
from ..model import Frequency
from ..periods import is_period, period_containing

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_MONTH_NAMES = {name: i for i, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")], start=1) for name in names}
_PATTERNS = [
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$"), "date"),
    (re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})(?: .*)?$"), "date"),
    (re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})[日号]$"), "date"),                 # a day as Chinese text
    (re.compile(r"^(\d{4})[-/.](\d{1,2})$"), "month"),
    (re.compile(r"^(\d{4})(\d{2})$"), "month"),
    (re.compile(r"^(\d{1,2})[-/.](\d{4})$"), "month_rev"),
    (re.compile(r"^([a-z]{3,9})[-/.,]?(\d{4}|\d{2})$"), "month_name"),
    (re.compile(r"^(\d{4})[-/.,]?([a-z]{3,9})$"), "month_name_rev"),
    (re.compile(r"^(\d{4})年(\d{1,2})月(?:份)?$"), "month"),
    (re.compile(r"^(\d{4})-?w(\d{1,2})$"), "week"),
    (re.compile(r"^(\d{4})年第(\d{1,2})周$"), "week"),
    (re.compile(r"^(\d{4})-?q([1-4])$"), "quarter"),
    (re.compile(r"^q([1-4])[- ]?(\d{4})$"), "quarter_rev"),
    (re.compile(r"^(\d{4})年第?([一二三四1-4])季度?$"), "quarter_cn"),
    (re.compile(r"^(\d{4})年?$"), "year"),
]


def period_of_date(day: dt.date, frequency: str) -> str:
    """The canonical period of ``frequency`` that contains ``day``."""
    check_year(day.year, day.isoformat())
    return period_containing(day, str(frequency))


def _month_end(day: dt.date) -> bool:
    return (day + dt.timedelta(days=1)).day == 1


def dated_headers(heads: list, cols: list[int]) -> dict[int, object]:
    """The period headers of ``cols`` as they are read: a row of dates that mark months (each on the same day of
    its month, or each a month's last day, no two in one month: the first of each month, shown Jan-26…) stands
    for those months — a month missing between them too — not for whatever period of a measure the day falls
    in: January's figure is no quarter's, nor one week's. Months three apart stand for quarters, twelve apart
    for years; dates a week apart (or whole weeks) for weeks. Read so, a month for a quarterly measure is
    refused as the text 2026-01 is. Other dates (or one alone) stay days: the period of the measure that
    contains them. A month written without its year is the month :func:`yearless_months` says."""
    out = {c: heads[c] if c < len(heads) else None for c in cols}
    _read_dates(out)
    out.update((c, key) for c, key in yearless_months(heads).items() if c in out)
    return out


def _read_dates(out: dict[int, object]) -> None:
    """:func:`dated_headers`' dates, read in ``out`` (column → header) by how they are spaced."""
    days = sorted((v.date() if isinstance(v, dt.datetime) else v, c) for c, v in out.items()
                  if isinstance(v, dt.date))
    if len(days) < 2 or not all(FIRST_YEAR <= day.year <= LAST_YEAR for day, _c in days):
        return
    months = [day.year * 12 + day.month - 1 for day, _c in days]
    steps = {b - a for a, b in zip(months, months[1:], strict=False)}
    same_day = len({day.day for day, _c in days}) == 1 or all(_month_end(day) for day, _c in days)
    if same_day and 0 not in steps:
        if all(step % 12 == 0 for step in steps):
            period_of = lambda day: f"{day.year:04d}"                                       # noqa: E731
        elif all(step % 3 == 0 for step in steps):
            period_of = lambda day: period_containing(day, Frequency.QUARTERLY)           # noqa: E731
        else:
            period_of = lambda day: period_containing(day, Frequency.MONTHLY)             # noqa: E731
    elif all((b[0] - a[0]).days % 7 == 0 for a, b in zip(days, days[1:], strict=False)):
        period_of = lambda day: period_containing(day, Frequency.WEEKLY)                  # noqa: E731
    else:
        return
    for day, c in days:
        out[c] = period_of(day)


class NotAPeriod(ValueProblem):
    """A text read as no period at all (not one out of range: "2026-13" is "not a month")."""


def parse_period(value, frequency: str = Frequency.MONTHLY) -> str:
    """A cell's value as a canonical period key; ``ValueProblem`` when it is not a period."""
    if value is UNSAVED:
        raise ValueProblem(_(UNSAVED_ADVICE))
    if isinstance(value, dt.datetime):
        return period_of_date(value.date(), frequency)
    if isinstance(value, dt.date):
        return period_of_date(value, frequency)
    if isinstance(value, bool) or value is None or value == "":
        raise ValueProblem(_("no period"))
    if isinstance(value, int | float):
        if float(value).is_integer() and FIRST_YEAR <= value <= LAST_YEAR:
            return f"{int(value):04d}"
        if float(value).is_integer() and FIRST_YEAR * 100 + 1 <= value <= LAST_YEAR * 100 + 12 and 1 <= value % 100 <= 12:
            return f"{int(value) // 100:04d}-{int(value) % 100:02d}"          # 202611: a month written as a number
        if 20000 <= value <= 80000:                       # an Excel serial date shown as a number
            return period_of_date(EXCEL_EPOCH + dt.timedelta(days=int(value)), frequency)
        raise ValueProblem(_("not a period: {value!r}").format(value=value))
    return _parse_period_text(str(value), str(frequency))


@lru_cache(maxsize=8192)
def _parse_period_text(raw: str, frequency: str) -> str:
    text = unicodedata.normalize("NFKC", raw).strip().lower().replace(" ", "") if raw else ""
    text = text.replace("－", "-")
    for pattern, kind in _PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        if kind == "date":
            try:
                day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                raise ValueProblem(_("not a valid date: {value!r}").format(value=raw)) from None
            return period_of_date(day, frequency)
        if kind in ("month_rev", "month_name", "month_name_rev"):
            return _month_of(kind, m, raw)
        year = int(m[2]) if kind == "quarter_rev" else int(m[1])
        check_year(year, raw)
        if kind == "month":
            month = int(m[2])
            if not 1 <= month <= 12:
                raise ValueProblem(_("not a month: {value!r}").format(value=raw))
            return f"{year:04d}-{month:02d}"
        if kind == "week":
            week = int(m[2])
            key = f"{year:04d}-W{week:02d}"
            try:
                dt.date.fromisocalendar(year, week, 1)
            except ValueError:
                raise ValueProblem(_("{year} has no week {week}: {value!r}").format(year=year, week=week,
                                                                                    value=raw)) from None
            return key
        if kind == "quarter":
            return f"{year:04d}-Q{m[2]}"
        if kind == "quarter_rev":
            return f"{year:04d}-Q{m[1]}"
        if kind == "quarter_cn":
            return f"{year:04d}-Q{_CN_DIGITS[m[2]]}"
        return f"{year:04d}"
    if is_period(raw.strip()):
        return raw.strip()
    raise NotAPeriod(_("not a period: {value!r} (for example 2026-03, 2026-W05, 2026Q1, 2026年3月)").format(
        value=raw))


def _month_of(kind: str, m: re.Match, raw: str) -> str:
    """11-2026, 11/2026, Nov 2026, 2026 Nov, nov-26 (a two-digit year is this century's)."""
    if kind == "month_rev":
        month, year = int(m[1]), int(m[2])
    else:
        name, year_text = (m[1], m[2]) if kind == "month_name" else (m[2], m[1])
        month = _MONTH_NAMES.get(name)
        if month is None:
            raise ValueProblem(_("not a period: {value!r} (for example 2026-03, Nov 2026, 2026年3月)").format(
                value=raw))
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    check_year(year, raw)
    if not 1 <= month <= 12:
        raise ValueProblem(_("not a month: {value!r}").format(value=raw))
    return f"{year:04d}-{month:02d}"


_MONTH_ONLY = re.compile(r"^(\d{1,2})\s*月份?$")


def yearless_months(heads: list) -> dict[int, str]:
    """The columns of a header row whose month is written without its year (2026年10月 | 11月 | 12月, as Chinese
    planners write a row of months), each with the month it is: the year of the month before it in the row,
    the next year when the months start again (12月 | 1月). None before a month with its year."""
    out: dict[int, str] = {}
    last: tuple[int, int] | None = None
    for c, value in enumerate(heads):
        found = _MONTH_ONLY.match(unicodedata.normalize("NFKC", value).strip()) if isinstance(value, str) else None
        if found is not None:
            month = int(found.group(1))
            if last is None or not 1 <= month <= 12:
                continue
            year = last[0] + (month <= last[1])
            if not FIRST_YEAR <= year <= LAST_YEAR:
                continue
            out[c] = f"{year:04d}-{month:02d}"
            last = (year, month)
            continue
        try:
            key = parse_period(value)
        except ValueProblem:
            continue
        if len(key) == 7 and key[4] == "-" and key[5:].isdigit():       # a month: 2026-10
            last = (int(key[:4]), int(key[5:]))
    return out


def looks_like_period(value) -> bool:
    try:
        parse_period(value)
        return True
    except ValueProblem:
        return False


def cell_text(value, per_cent: bool = False) -> str:
    """A cell as the text a person sees in it: 1, not 1.0, 1234567 not 1.23457e+06; TRUE, not True; a date as
    2026-03-01 (with its time when it has one); 50% for the 0.5 a cell formatted as a per cent
    (``per_cent``) holds; stripped."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.date):
        return shown_date(value)
    if per_cent and isinstance(value, int | float):
        return f"{plain_number(percent_shown(value))}%"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _key(text) -> str:
    return re.sub(r"[\s_\-/()（）:：]+", " ", unicodedata.normalize("NFKC", str(text)).casefold()).strip()


# Words that make a header another figure than the one its other word names: a year to date, last year's, a
# rate, a difference, a forecast (累计实际, 完成率, 去年同期实际, YTD actual, Actual last year): no column of the
# import, which would take the year to date for the month, or a rate for the actual.
_QUALIFIERS = frozenset({"ytd", "cumulative", "cum", "prior", "previous", "last", "ly", "py", "variance", "var",
                         "diff", "difference", "delta", "forecast", "fcst", "rate", "ratio", "growth", "vs", "%",
                         "pct", "average", "avg"})
_CJK_QUALIFIERS = ("累计", "去年", "上年", "同期", "上期", "上月", "率", "同比", "环比", "占比", "差", "预测", "预计",
                   "增长", "增幅", "平均")


def _qualified(key: str) -> bool:
    return any(word in _QUALIFIERS for word in re.split(r"[\s.]+", key)) or (
        _CJK.search(key) is not None and any(q in key for q in _CJK_QUALIFIERS))


def header_role(text, roles: dict[str, tuple[str, ...]]) -> str | None:
    """Which role a column header names (``roles``: role → synonyms), or None — no actual nor target for a
    header that qualifies its figure as another (a year to date, last year's, a rate…) unless it is one of
    the words themselves."""
    key = _key(text)
    if not key:
        return None
    for role, words in roles.items():
        if key in words:
            return role
    role = _role_of_words(key, roles)
    return None if role in _FIGURES and _qualified(key) else role


_FIGURES = frozenset({"actual", "target"})           # the roles a qualifier makes another figure
_LAST_PARENTHESIS = re.compile(r"[(（]([^()（）]+)[)）]\s*$")


def unit_in_header(text) -> str | None:
    """The unit a figure column's header gives its numbers in — 实际值（万元）: 万元 — as written, or None: no
    parenthesis at its end, or one that names the column (Actual (实际值), as the program's own headers do)."""
    found = _LAST_PARENTHESIS.search(str(text)) if isinstance(text, str) else None
    if found is None:
        return None
    inner = found.group(1).strip()
    return None if not inner or header_role(inner, ACTUAL_ROLES) is not None else inner


def same_unit(a: str, b: str) -> bool:
    """Whether two units are written the same (％ and %, case and spaces aside)."""
    return "".join(unicodedata.normalize("NFKC", a).casefold().split()) == \
        "".join(unicodedata.normalize("NFKC", b or "").casefold().split())


def _role_of_words(key: str, roles: dict[str, tuple[str, ...]]) -> str | None:
    for role, words in roles.items():          # "Code 编码", "Actual (实际值)": any word of the header
        if any(part in words for part in key.split(" ")):
            return role
    if _CJK.search(key):                       # Chinese headers run words together: 本月实际值, 统计月份
        for role, stems in CJK_STEMS:
            if role in roles and any(stem in key for stem in stems):
                return role
    return None


def names_a_due_date(text) -> bool:
    """Whether a column header names a due date (截止日期, Due date): an action's deadline, not the period a
    figure or its comment is for (the period stem 日期 is in 截止日期)."""
    return isinstance(text, str) and header_role(text, _DUE_DATE) is not None


_CJK = re.compile(r"[\u4e00-\u9fff]")
# Stems found inside Chinese headers, in the order they are tried (备注说明 is a comment, not a period).
CJK_STEMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("code", ("编码", "代码", "编号")), ("comment", ("备注", "说明", "注释", "意见")),
    ("period", ("期间", "月份", "日期", "季度", "周次", "年月")), ("target", ("目标", "计划", "预算")),
    ("actual", ("实际", "完成", "达成", "实绩")),
)


# The words each column role is known by, English and Chinese, matched whatever the language spoken (never
# translated text): a workbook the exporter wrote in either language reads back, so the Chinese translation
# of each header of its Measures and Actuals sheets must be one of these words (exporter.py says which).
ACTUAL_ROLES: dict[str, tuple[str, ...]] = {
    "code": ("code", "编码", "代码", "编号", "指标编码", "measure code", "kpi code", "指标代码", "指标编号"),
    "period": ("period", "期间", "周期", "期次", "月份", "日期", "date", "month", "week", "quarter", "季度", "时间",
               "年月", "统计期间", "统计月份", "reporting period"),
    "actual": ("actual", "actuals", "实际", "实际值", "完成值", "完成", "value", "数值", "实际达成", "实际达成值",
               "达成值", "实际完成", "实绩", "actual value", "result", "achieved"),
    "target": ("target", "目标", "目标值", "plan", "计划", "计划值", "目标数", "预算", "budget", "target value",
               "plan value"),
    "comment": ("comment", "comments", "备注", "说明", "note", "notes", "注释", "remark", "remarks", "备注说明"),
}
MEASURE_ROLES: dict[str, tuple[str, ...]] = {
    "code": ACTUAL_ROLES["code"],
    "parent": ("parent", "parent code", "上级", "上级编码", "上级编号", "所属", "所属策略", "所属编码"),
    "kind": ("kind", "type", "类型", "类别"),
    "title": ("title", "name", "measure", "名称", "标题", "指标", "指标名称"),
    "description": ("description", "definition", "描述", "定义", "说明"),
    "owner": ("owner", "负责人", "责任人"),
    "org_unit": ("org unit", "organisation", "organization", "department", "组织", "部门", "组织单元"),
    "unit": ("unit", "计量单位", "单位"),
    "baseline": ("baseline", "基线", "基准", "基准值"),
    "target": ("target", "目标", "目标值"),
    "due_date": ("due", "due date", "deadline", "截止日期", "到期日", "期限", "完成日期"),
    "direction": ("direction", "方向", "方向性"),
    "frequency": ("frequency", "频率", "频次"),
    "amber": ("amber", "amber threshold", "at risk", "at risk beyond", "黄灯", "预警值", "黄灯阈值", "黄灯临界值"),
    "red": ("red", "red threshold", "off track", "off track beyond", "红灯", "红线", "红灯阈值", "红灯临界值"),
    "weight": ("weight", "权重"),
}
_DUE_DATE = {"due_date": MEASURE_ROLES["due_date"]}
