"""Field values parsed and cleaned in one place, the same for the editor, the import and the command line."""

import datetime as dt

import pytest

from ogsm_desktop.core import i18n
from ogsm_desktop.core.fields import (
    CHOICE_FIELDS,
    ValueProblem,
    choices,
    clean_field,
    parse_choice,
    parse_date,
    parse_number,
    reads_as_status,
)
from ogsm_desktop.core.labels import CHOICE_LABELS, choice_label


@pytest.mark.parametrize(("value", "expected"), [
    (12.5, 12.5), ("12.5%", 12.5), ("1,234.5", 1234.5), ("１２３", 123.0), ("−4", -4.0), (" 7 ", 7.0), ("", None),
    (None, None), ("1 000", 1000.0)])
def test_numbers_as_people_type_them(value, expected):
    assert parse_number(value) == expected


@pytest.mark.parametrize("value", ["abc", "12..5", "nan", True, "inf", "-1e400"])
def test_not_numbers(value):
    with pytest.raises(ValueProblem):
        parse_number(value)


@pytest.mark.parametrize("value", ["8,5", "1.234,5", "1,2345", "12,34", "1,234.5,6", "12 345,67"])
def test_a_comma_that_groups_no_thousands_is_refused(value):
    """Found by a tester: 8,5 (a decimal comma) was taken as 85, 1.234,5 as 1.2345, 1,2345 as 12345 — each
    shown as taken. A separator groups thousands (1,234.5, 1 000, 1'000) or the value is refused."""
    with pytest.raises(ValueProblem, match="decimals take a point"):
        parse_number(value)


@pytest.mark.parametrize("value", ["0,125", "0,500", "-0,125", "00,125"])
def test_a_first_group_of_zero_groups_no_thousands(value):
    """Found by a tester: 0,125 (a decimal comma) was read as 125 — no one groups 125 as 0,125."""
    with pytest.raises(ValueProblem, match="decimals take a point"):
        parse_number(value)


@pytest.mark.parametrize("value", ["95.2¹", "10²", "H₂", "①", "½", "3⁵"])
def test_a_raised_lowered_circled_or_fraction_figure_is_no_digit(value):
    """Found by a tester: NFKC (which reads full-width １２３ as 123) also read the footnote mark of 95.2¹ as a
    digit, 95.21, and 10² as 102. Such figures are refused, never read as digits."""
    with pytest.raises(ValueProblem, match="not a number"):
        parse_number(value)


@pytest.mark.parametrize("value", ["12345678901234567", "9,007,199,254,740,993", "-98765432109876543.5",
                                   "123456789012345678901234"])
def test_a_whole_number_longer_than_a_number_keeps_is_refused_not_changed(value):
    """Noticed in stop 15: a number written as text with more digits than a number keeps (an account's amount in
    fen, an id) was stored rounded — 12345678901234567 became 12345678901234568, without a word. It is refused,
    saying what it would become."""
    with pytest.raises(ValueProblem, match="more digits than a number keeps"):
        parse_number(value)


@pytest.mark.parametrize(("value", "expected"), [
    ("9007199254740992", 9007199254740992.0), ("100000000000000000000", 1e20), ("0.30000000000000004",
                                                                                0.30000000000000004),
    ("1952.8500000000001", 1952.8500000000001), ("0.12345678901234567890", 0.12345678901234568), ("1e21", 1e21)])
def test_long_numbers_a_number_keeps_whole_are_taken(value, expected):
    """Decimals as programs write a number (0.30000000000000004) and whole numbers a number holds exactly."""
    assert parse_number(value) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("1,234,567.25", 1234567.25), ("-1,234", -1234.0), ("1'000", 1000.0), ("1_000", 1000.0), ("１２，３４５", 12345.0),
    ("12,345%", 12345.0), ("999", 999.0), ("- 5", -5.0), ("1,23,456", 123456.0), ("12,34,567.89", 1234567.89),
    ("1,234e3", 1234000.0)])
def test_thousands_grouped_by_three_are_taken(value, expected):
    assert parse_number(value) == expected


@pytest.mark.parametrize(("value", "expected"), [("'95000", 95000.0), ("'1,234.5", 1234.5), (" '-7", -7.0),
                                                  ("' 95000", 95000.0), ("\u201995000", 95000.0)])
def test_a_number_kept_as_text_by_a_leading_apostrophe_is_the_number(value, expected):
    """Found by a tester: '95000 — an apostrophe first, as Excel marks a number kept as text and systems export
    numbers so that no spreadsheet rounds them — was refused as "a comma groups thousands" (no comma typed)."""
    assert parse_number(value) == expected
    with pytest.raises(ValueProblem):               # an apostrophe alone clears nothing (noted by a reviewer)
        parse_number("'")


@pytest.mark.parametrize(("value", "expected"), [
    ("2026-12-31", "2026-12-31"), ("2026/12/31", "2026-12-31"), ("2026.12.31", "2026-12-31"),
    ("2026年12月31日", "2026-12-31"), ("20261231", "2026-12-31"), ("２０２６年１２月３１日", "2026-12-31"), ("2026-12-31 08:00", "2026-12-31"),
    (dt.date(2026, 12, 31), "2026-12-31"), (dt.datetime(2026, 12, 31, 9), "2026-12-31"), (46387, "2026-12-31"),
    ("", ""), (None, "")])
def test_dates_as_people_write_them(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["31/12/2026", "2026-02-30", "tomorrow", 12.5, True, "1850-01-01"])
def test_not_dates(value):
    with pytest.raises(ValueProblem):
        parse_date(value)


@pytest.mark.parametrize(("field", "value", "expected"), [
    ("direction", "越低越好", "lower"), ("direction", "Higher is better", "higher"), ("direction", "up", "higher"),
    ("frequency", "每季度", "quarterly"), ("frequency", "Monthly", "monthly"), ("status", "on track", "on_track"),
    ("status", "已完成", "done"), ("kind", "衡量指标", "measure"), ("kind", "KPI", "measure"), ("direction", " ", None)])
def test_choices_in_english_and_chinese(field, value, expected):
    assert parse_choice(field, value) == expected


@pytest.mark.parametrize("language", i18n.LANGUAGES)
@pytest.mark.parametrize("field", [*CHOICE_FIELDS, "kind"])
def test_every_word_the_program_shows_for_a_choice_reads_back_as_that_choice(field, language):
    """What the program writes for a choice — the exported workbook's kind, direction, frequency… — is read
    back by the import in either language: a translation changed to a word the import does not know fails
    here, not in a user's round trip."""
    assert set(CHOICE_LABELS) == {*CHOICE_FIELDS, "kind"}
    assert set(choices(field)) <= set(CHOICE_LABELS[field])
    i18n.set_language(language)
    for value in choices(field):
        word = choice_label(field, value)
        assert parse_choice(field, word) == value, (field, value, word)
        assert parse_choice(field, f" {word.upper()} ") == value, (field, value, word)


@pytest.mark.parametrize(("field", "value", "expected"), [
    *[("direction", word, "lower") for word in ("越低", "越少越好", "降低", "越低越好", "下降")],
    *[("direction", word, "higher") for word in ("越高", "越多越好", "提高", "越高越好", "上升")]])
def test_the_chinese_words_planners_write_for_a_direction(field, value, expected):
    """Found by a user: a Measures sheet saying 越低 for a measure's direction was refused."""
    assert parse_choice(field, value) == expected


@pytest.mark.parametrize(("language", "field", "value", "message"), [
    ("en", "direction", "sideways", "direction “sideways” is not one of higher is better, lower is better"),
    ("en", "frequency", "daily", "frequency “daily” is not one of weekly, monthly, quarterly"),
    ("zh_CN", "direction", "持平", "方向的值“持平”不是以下之一：越高越好、越低越好"),   # (an enumeration: 、 not ，)
    ("zh_CN", "frequency", "每天", "频率的值“每天”不是以下之一：每周、每月、每季度")])
def test_an_unknown_choice_names_the_field_and_its_words_in_the_language_spoken(language, field, value, message):
    """Found by a user: "direction 的值 “越低” 不是 higher, lower 之一" — the field and the choices as the
    plan file stores them, in English in a Chinese message."""
    i18n.set_language(language)
    with pytest.raises(ValueProblem) as refused:
        parse_choice(field, value)
    assert str(refused.value) == message


def test_storage_takes_canonical_values_only():
    assert clean_field("direction", "lower") == "lower"
    # a refusal names the field and its choices as the user knows them (not "streak", "higher, lower")
    with pytest.raises(ValueProblem, match="direction must be one of higher is better, lower is better, not “up”"):
        clean_field("direction", "up")
    assert clean_field("target", "−5") == -5.0 == clean_field("target", -5)
    with pytest.raises(ValueProblem, match="baseline must be a number, not “lots”"):
        clean_field("baseline", "lots")
    assert clean_field("streak", "3") == 3
    with pytest.raises(ValueProblem, match="periods in a row must be a whole number, not 2.5"):
        clean_field("streak", 2.5)
    with pytest.raises(ValueProblem, match="due date must be a date like 2026-12-31"):
        clean_field("due_date", "2026-1-5")
    assert clean_field("alerts_off", "stale, below_target") == "below_target,stale"
    with pytest.raises(ValueProblem, match="unknown alert rule"):
        clean_field("alerts_off", "loud")


def test_the_same_text_is_the_same_number_everywhere():
    """The editor, the import and the command line all read through parse_number: a Unicode minus, a
    full-width number, a Chinese thousands separator and a per cent sign mean the same everywhere."""
    for text, number in (("−5", -5.0), ("－５", -5.0), ("１２，３４５", 12345.0), ("7.5%", 7.5)):
        assert parse_number(text) == number


def test_the_thresholds_are_named_as_the_detail_pane_names_them():
    """Found by a tester: the import preview and the history said "amber" where the detail pane says "At
    risk beyond"; and a header written so is read back."""
    from ogsm_desktop.core.excel.values import MEASURE_ROLES, header_role
    from ogsm_desktop.core.labels import field_label

    assert (field_label("amber"), field_label("red")) == ("at risk beyond", "off track beyond")
    assert header_role("At risk beyond", MEASURE_ROLES) == "amber" and header_role("红灯临界值", MEASURE_ROLES) == "red"



def test_a_node_text_longer_than_a_cell_holds_is_refused_unless_carried(demo_path):
    """What a planner types is refused beyond what a workbook cell holds, so that the plan always exports; a text
    the plan holds already (an older program's, brought back by a merge or a paste) is carried."""
    from ogsm_desktop.core.fields import ValueProblem
    from ogsm_desktop.core.storage import Plan

    with Plan.open(demo_path) as plan:
        m2 = plan.nodes.by_code("C-S1-M2").id
        with pytest.raises(ValueProblem, match="32,768 characters long"):
            plan.nodes.update(m2, description="长" * 32_768)
        with pytest.raises(ValueProblem, match="32,768 characters long"):
            plan.nodes.add(plan.nodes.by_code("C-S1").id, "measure", title="长" * 32_768)
        assert plan.nodes.get(m2).description != "长" * 32_768
        plan.nodes.update(m2, description="长" * 32_767)
        plan.nodes.update(m2, carried=True, description="长" * 32_768)
        assert plan.nodes.get(m2).description == "长" * 32_768
        made = plan.nodes.add(plan.nodes.by_code("C-S1").id, "measure", carried=True, title="长" * 32_768)
        assert made.title == "长" * 32_768


@pytest.mark.parametrize("text", ["off track", " On Track ", "ＡＴ ＲＩＳＫ", "on_track", "偏离", "无目标值", "not due", "未到期",
                                  "Red", "绿灯", "未达成"])
def test_a_reports_status_words_read_as_a_status_in_either_language(text):
    assert reads_as_status(text)


@pytest.mark.parametrize("text", ["ahead", "on plan", "加投", "22000", "", "red tape", "偏离目标 5%"])
def test_a_comment_does_not_read_as_a_status(text):
    assert not reads_as_status(text)
