"""Alert rules: each with its numbers, direction-aware, configurable; the demo's slipping measure."""

import datetime as dt

import pytest

from ogsm_desktop.cli import main
from ogsm_desktop.core import alerts, plan_alerts
from ogsm_desktop.core.calendar import PlanCalendar
from ogsm_desktop.core.errors import ValidationError
from ogsm_desktop.core.model import Actual, Kind, Node
from ogsm_desktop.core.plan_settings import MonitorSettings
from ogsm_desktop.core.storage import Plan

TODAY = dt.date(2026, 11, 22)


def measure(**kw):
    defaults = {"target": 100.0, "frequency": "monthly"}
    return Node(1, Kind.MEASURE, "M", "m", **{**defaults, **kw})


def series(*values, target=None, start=1):
    return [Actual(1, f"2026-{m:02d}", v, target) for m, v in enumerate(values, start=start)]


def rules(node, recent, **kw):
    return [a.rule for a in alerts.node_alerts(node, recent, TODAY, **kw)]


def test_below_target_two_periods_in_a_row_says_since_when_and_the_numbers():
    found = alerts.node_alerts(measure(), series(120, 90, 95, start=8), TODAY)
    below = next(a for a in found if a.rule == "below_target")
    assert below.since == "2026-09"
    assert below.message == "worse than target 2 periods in a row (2026-09: 90 < 100; 2026-10: 95 < 100)"
    assert rules(measure(), series(90, 120, start=9)) == []


def test_lower_is_better_and_a_custom_streak():
    node = measure(direction="lower", target=800.0, streak=3)
    assert "below_target" not in rules(node, series(850, 900, start=9))     # only two periods
    assert rules(node, series(850, 900, 950, start=8)) == ["below_target", "red"]        # 950 is 119 % of 800
    assert alerts.node_alerts(node, series(850, 900, 950, start=8), TODAY)[0].message.endswith("2026-10: 950 > 800)")


def test_per_period_targets_win_over_the_measure_target():
    assert rules(measure(), [Actual(1, "2026-09", 60, 50), Actual(1, "2026-10", 70, 65)]) == []


def test_red_threshold():
    node = measure(red=70.0)
    found = alerts.node_alerts(node, series(100, 65, start=9), TODAY)
    assert [a.rule for a in found] == ["red"]
    assert found[0].message == "65 in 2026-10 is beyond the red limit 70 (target 100)"


def test_red_by_default_is_below_90_percent_of_the_periods_target():
    found = alerts.node_alerts(measure(), [Actual(1, "2026-10", 89.0, 100.0)], TODAY)
    assert [a.rule for a in found] == ["red"] and found[0].numbers["red"] == 90.0
    assert rules(measure(), [Actual(1, "2026-10", 91.0, 100.0)]) == []


def test_stale_when_the_last_due_period_has_no_actual():
    assert alerts.last_due_period("monthly", TODAY) == "2026-10"
    assert alerts.last_due_period("monthly", dt.date(2026, 11, 5)) == "2026-09"        # October not due yet
    assert alerts.last_due_period("weekly", TODAY) == "2026-W46"
    assert alerts.last_due_period("quarterly", TODAY) == "2026-Q3"
    found = alerts.node_alerts(measure(), series(100, start=9), TODAY)
    assert [(a.rule, a.since, a.message) for a in found] == [("stale", "2026-10", "no actual for 2026-10 (the latest is 2026-09)")]
    assert rules(measure(), [], created=dt.date(2026, 1, 5)) == ["stale"]
    assert rules(measure(target=None), [], created=dt.date(2026, 1, 5)) == []   # nothing expected, nothing missing


def test_stale_only_for_due_periods_of_the_plan_year_after_the_measures_first_period():
    assert rules(measure(), [], created=dt.date(2026, 11, 2)) == []              # brand new: November not due
    assert rules(measure(), [], created=dt.date(2026, 10, 20)) == ["stale"]      # October is its first period
    before_the_year = MonitorSettings(calendar=PlanCalendar("2027-01", "2027-12"))
    assert rules(measure(), [], created=dt.date(2026, 1, 5), settings=before_the_year) == []
    # the grace days the plan sets: October is due only from 2026-11-16 with 15 days
    late = MonitorSettings(grace_days=15)
    assert alerts.node_alerts(measure(), series(100, start=9), dt.date(2026, 11, 10), late) == []
    assert rules(measure(), series(100, start=9), settings=late) == ["stale"]
    # a measure with targets from March expects actuals from March on, whenever it was created
    assert rules(measure(), [Actual(1, "2026-03", None, 100.0)], created=dt.date(2026, 11, 20)) == ["stale"]


def test_below_target_says_since_the_first_period_of_the_run():
    found = alerts.node_alerts(measure(), series(120, 90, 95, 96, 97, start=6), TODAY)
    below = next(a for a in found if a.rule == "below_target")
    assert below.since == "2026-07" and below.message.startswith("worse than target 4 periods in a row")
    assert below.numbers["run"] == 4 and below.numbers["periods"] == ["2026-09", "2026-10"]     # the last two shown


def test_an_as_of_date_looks_back():
    values = series(90, 95, 120, 130, start=7)                  # below in July and August, then above
    assert "below_target" in rules(measure(), values[:2]) and "below_target" not in rules(measure(), values)
    found = alerts.node_alerts(measure(), values, dt.date(2026, 8, 31))
    assert [(a.rule, a.since) for a in found] == [("below_target", "2026-07")]


def test_overdue_actions():
    action = Node(2, Kind.ACTION, "A", "a", due_date="2026-10-31", status="on_track")
    found = alerts.node_alerts(action, [], TODAY)
    assert [(a.rule, a.since) for a in found] == [("overdue", "2026-10-31")]
    assert "22 day(s) ago" in found[0].message
    assert alerts.node_alerts(Node(2, Kind.ACTION, "A", "a", due_date="2026-10-31", status="done"), [], TODAY) == []
    assert alerts.node_alerts(action, [], dt.date(2026, 10, 31)) == []
    assert alerts.node_alerts(action, [], TODAY, MonitorSettings(off=frozenset({"overdue"}))) == []


def test_forecast_misses_the_goal_by_its_due_date():
    node = Node(1, Kind.GOAL, "G", "g", target=100.0, due_date="2026-12-31", aggregation="last")
    slow = [Actual(1, f"2026-{m:02d}", 5.0 * m, 5.0 * m) for m in range(5, 11)]      # 5 a month: 60 by December
    found = alerts.node_alerts(node, slow, TODAY)
    forecast = next(a for a in found if a.rule == "forecast")
    assert forecast.numbers["forecast"] == pytest.approx(60.0, abs=1.0)
    assert forecast.message.endswith("by 2026-12-31, short of the target 100")
    fast = [Actual(1, f"2026-{m:02d}", 12.0 * m, 10.0 * m) for m in range(5, 11)]
    assert "forecast" not in rules(node, fast)
    assert "forecast" not in rules(node, slow[-1:])                        # one actual: no trend


def test_rules_can_be_switched_off_per_measure_and_plan_wide():
    node = measure(alerts_off="below_target")
    assert rules(node, series(90, 95, start=9)) == []
    assert rules(measure(), series(90, 95, start=9), settings=MonitorSettings(off=frozenset({"below_target"}))) == []


def test_a_summed_measure_forecasts_its_years_total_at_its_recent_pace():
    node = measure(target=1200.0, due_date="2026-12-31", aggregation="sum")   # 100 a month makes the year
    slow = series(*[90.0] * 10)                                      # 900 by October, 90 a month: 1,080
    found = next(a for a in alerts.node_alerts(node, slow, TODAY) if a.rule == "forecast")
    assert found.numbers["forecast"] == pytest.approx(1080.0)
    assert "forecast" not in rules(node, series(*[120.0] * 10))


def test_once_its_due_date_has_passed_a_missed_target_is_said(demo_path):
    """Found by a tester: on 31 December C-S1-M2 was forecast to miss its year's target; on 1 January, the
    due date passed with the target missed (184,900 of 232,500), no alert said so any more."""
    with Plan.open(demo_path, readonly=True) as plan:
        last = plan.journal.last_batch_id()
        for day in (dt.date(2027, 1, 1), dt.date(2027, 2, 15)):
            for at_batch in (None, last):                          # the sparing reads and row by row
                found = {a.rule: a for a in plan_alerts.evaluate(plan, day, at_batch=at_batch) if a.node.code == "C-S1-M2"}
                assert "forecast" not in found
                missed = found["missed"]
                assert (missed.since, missed.numbers["reached"], missed.numbers["target"]) == ("2026-10", 184900, 232500)
                assert missed.message == "by its due date 2026-12-31 it reached 184,900 (up to 2026-10), short of the target 232,500"
        found = {a.rule for a in plan_alerts.evaluate(plan, dt.date(2026, 12, 31)) if a.node.code == "C-S1-M2"}
        assert "forecast" in found and "missed" not in found


def test_a_summed_measure_reached_its_total_by_the_due_date_not_after():
    node = measure(target=600.0, due_date="2026-06-30", aggregation="sum")
    values = series(*[90.0] * 10)                                    # 540 by June, 900 by October
    found = next(a for a in alerts.node_alerts(node, values, TODAY) if a.rule == "missed")
    assert (found.since, found.numbers["reached"]) == ("2026-06", 540.0)
    assert "missed" not in rules(node, series(*[100.0] * 10))
    assert "missed" not in rules(node, values, settings=MonitorSettings(off=frozenset({"missed"})))
    level = measure(target=80.0, due_date="2026-06-30", aggregation="last", direction="lower")
    assert [(a.since, a.numbers["reached"]) for a in alerts.node_alerts(level, values, TODAY) if a.rule == "missed"] \
        == [("2026-06", 90.0)]
    assert "missed" not in rules(measure(target=600.0, due_date="2025-12-31", aggregation="sum"), values,
                                 settings=MonitorSettings(calendar=PlanCalendar("2026-01", "2026-12")))


def test_a_total_met_exactly_is_not_missed():
    """Ten months of 8.1 against a total of 81 by October: the months add up to 80.99999999999999 in binary
    floating point, and "missed: reached 81, short of the target 81" was said; three months of 5.2 against
    a ceiling of 15.6 (lower is better) likewise, and a run "below target" of values equal to theirs."""
    assert "missed" not in rules(measure(target=81.0, due_date="2026-10-31", aggregation="sum"), series(*[8.1] * 10))
    assert "missed" not in rules(measure(target=15.6, due_date="2026-03-31", aggregation="sum", direction="lower"),
                                 series(5.2, 5.2, 5.2))
    cumulative = measure(target=200.0, aggregation="sum", target_mode="cumulative")
    months = [Actual(1, f"2026-{m:02d}", 8.1, round(8.1 * m, 1)) for m in range(1, 11)]     # year to date 8.1, 16.2 …
    assert "below_target" not in rules(cumulative, months)
    assert "missed" in rules(measure(target=81.0001, due_date="2026-10-31", aggregation="sum"), series(*[8.1] * 10))


def test_demo_plan_warns_about_test_drive_bookings(demo_path):
    with Plan.open(demo_path, readonly=True) as plan:
        found = plan_alerts.evaluate(plan, TODAY)
    by_code = {(a.node.code, a.rule) for a in found}
    assert ("C-S1-M2", "below_target") in by_code
    assert ("C-S2-M3", "stale") in by_code               # its first target is October's; no actual yet
    assert not any(code.startswith("C-G") for code, _ in by_code)          # the company goals are on track


def test_alert_settings_are_validated_and_journaled(demo_path):
    with Plan.open(demo_path) as plan:
        m2 = plan.nodes.by_code("C-S1-M2")
        plan.nodes.update(m2.id, streak=3, alerts_off="stale")
        assert plan.journal.rows(node_ids=[m2.id])[-1].field == "alerts_off"
        assert ("C-S1-M2", "below_target") not in {(a.node.code, a.rule) for a in plan_alerts.evaluate(plan, TODAY)}
        with pytest.raises(ValidationError, match="unknown alert rule"):
            plan.nodes.update(m2.id, alerts_off="loud")
        with pytest.raises(ValidationError, match="between 1 and 52"):
            plan.nodes.update(m2.id, streak=0)


def test_cli_alerts(demo_path, capsys):
    assert main(["alerts", str(demo_path), "--today", "2026-11-22"]) == 0
    out = capsys.readouterr().out
    assert ("C-S1-M2  试驾预约量  [below target] since 2026-09: worse than target 2 periods in a row "
            "(2026-09: 18,200 < 21,000; 2026-10: 17,600 < 21,500)  — 李娜 · 产品共创部") in out
    assert out.rstrip().endswith("alert(s)")


def test_an_alerts_periods_are_listed_with_the_punctuation_of_the_language(demo_path):
    """Found in review: the Chinese tooltip read "（2026-09: 18,200 < 21,000; 2026-10: …）", English colons
    and semicolons inside a Chinese sentence."""
    from ogsm_desktop.core import i18n

    with Plan.open(demo_path, readonly=True) as plan:
        found = [a for a in plan_alerts.evaluate(plan, TODAY) if a.node.code == "C-S1-M2" and a.rule == "below_target"]
        i18n.set_language("zh_CN")
        try:
            text = found[0].message
        finally:
            i18n.set_language("en")
    assert "2026-09：18,200 < 21,000；2026-10：17,600 < 21,500" in text, text


def test_stale_says_since_the_first_period_missing_and_holds_it_as_more_go_missing():
    """Found by a tester: as of 8 December the alert said "since 2026-11"; as of 8 January, "since 2026-12:
    no actual for 2026-12 (the latest is 2026-10)" — November's gap, still open, no longer named."""
    rows = series(100, 100, start=9)                               # September and October
    year = MonitorSettings(calendar=PlanCalendar("2026-01", "2026-12"))
    december = alerts.node_alerts(measure(), rows, dt.date(2026, 12, 8), year)
    january = alerts.node_alerts(measure(), rows, dt.date(2027, 1, 8), year)
    assert [(a.rule, a.since) for a in december] == [("stale", "2026-11")]
    assert [(a.rule, a.since, a.message) for a in january] == [
        ("stale", "2026-11", "no actual for 2026-11 to 2026-12 (the latest is 2026-10)")]
    never = alerts.node_alerts(measure(), [], TODAY, created=dt.date(2026, 8, 5))
    assert [(a.since, a.message) for a in never] == [("2026-08", "no actual for 2026-08 to 2026-10 (none yet)")]
    last_year = alerts.node_alerts(measure(), [Actual(1, "2025-11", 100.0)], TODAY, created=dt.date(2025, 6, 1))
    assert [a.since for a in last_year] == ["2026-01"]             # from the plan year's first period


def test_stale_while_the_period_due_has_no_actual_though_a_later_one_has():
    """Found by a tester: November cleared and December typed early (as of 7 December, November due), the
    alert went: the rule asked whether the newest value was older than the period due, not whether the
    period due had one — and the review listed November as owed."""
    day = dt.date(2026, 12, 7)
    early = [*series(100, start=10), Actual(1, "2026-12", 100.0)]                 # October, then December
    found = alerts.node_alerts(measure(), early, day)
    assert [(a.rule, a.since, a.message) for a in found] == [
        ("stale", "2026-11", "no actual for 2026-11 (the latest is 2026-12)")]
    assert alerts.node_alerts(measure(), [*early[:1], Actual(1, "2026-11", 100.0), *early[1:]], day) == []
    # weeks: the one due (W48) and the two after it, valued; a gap before the one due is not the rule's
    weeks = [Actual(1, f"2026-W{w}", 100.0) for w in (44, 49, 50)]
    found = alerts.node_alerts(measure(frequency="weekly"), weeks, dt.date(2026, 12, 10))
    assert [(a.rule, a.since, a.numbers["latest"]) for a in found] == [("stale", "2026-W45", "2026-W50")]
    assert alerts.node_alerts(measure(frequency="weekly"), [*weeks[:1], Actual(1, "2026-W48", 1e2), *weeks[1:]],
                              dt.date(2026, 12, 10)) == []


def _plan_with(tmp_path, *, calendar=None, **measure):
    """A plan with one measure M (``measure``: its fields; ``values``: ``{period: actual}``, target 100)."""
    path = tmp_path / "p.ogsm"
    values = measure.pop("values")
    with Plan.create(path) as plan:
        if calendar:
            plan.meta.set("calendar_start", calendar[0])
            plan.meta.set("calendar_end", calendar[1])
        top = plan.nodes.add(None, Kind.OBJECTIVE, title="增长")
        s = plan.nodes.add(top.id, Kind.STRATEGY, title="渠道", owner="李娜")
        m = plan.nodes.add(s.id, Kind.MEASURE, title="指标", code="M", **measure)
        plan.actuals.write([(m.id, p, v, 100.0, "") for p, v in values.items()])
    return path


def _missed(path, day):
    with Plan.open(path, readonly=True) as plan:
        last = plan.journal.last_batch_id()
        both = [[(a.since, a.numbers["reached"], a.message) for a in plan_alerts.evaluate(plan, day, at_batch=at)
                 if a.rule == "missed"] for at in (None, last)]
    assert both[0] == both[1], both                   # the sparing reads and row by row agree
    return both[0]


def test_a_goal_missed_is_said_in_january_without_a_plan_year_set(tmp_path):
    """Found by a tester and a reviewer: a plan without a plan year (a new plan) judges the calendar year of
    the as-of date; on 5 January the goals due on 31 December were outside it, and none was said missed."""
    path = _plan_with(tmp_path, target=1200.0, aggregation="sum", due_date="2026-12-31",
                      values={f"2026-{k:02d}": 90.0 for k in range(1, 13)})
    assert _missed(path, dt.date(2027, 1, 5)) == [
        ("2026-12", 1080.0, "by its due date 2026-12-31 it reached 1,080 (up to 2026-12), short of the target 1,200")]
    assert _missed(path, dt.date(2028, 1, 5)) == []                # a year on, no longer


def test_a_goal_missed_stays_said_however_many_values_follow(tmp_path):
    """Found by a tester and a reviewer: due at the end of March, the value of March short of it: said in
    July, gone by November once six more values were in."""
    path = _plan_with(tmp_path, calendar=("2026-01", "2026-12"), target=100.0, aggregation="last",
                      due_date="2026-03-31", values={f"2026-{k:02d}": 50.0 + (k > 3) * 60 for k in range(1, 11)})
    for day in (dt.date(2026, 7, 10), dt.date(2026, 11, 20)):
        assert [m[:2] for m in _missed(path, day)] == [("2026-03", 50.0)]


def test_an_averaged_goal_is_missed_on_its_average_and_a_cost_on_being_over(tmp_path):
    """Found by a tester: P1-G1 (each month 10,000 on average, due in October) averaged 10,100 and the review
    said achieved, while the alert said missed on October's 9,000 alone. And a cost over its ceiling was
    "short of" it."""
    averaged = _plan_with(tmp_path, target=100.0, aggregation="average", due_date="2026-10-31",
                          values={"2026-08": 110.0, "2026-09": 100.0, "2026-10": 95.0})
    assert _missed(averaged, dt.date(2026, 11, 20)) == []
    (tmp_path / "p.ogsm").unlink()
    cost = _plan_with(tmp_path, target=1000.0, aggregation="sum", direction="lower", due_date="2026-10-31",
                      values={f"2026-{k:02d}": 110.0 for k in range(1, 11)})
    assert _missed(cost, dt.date(2026, 11, 20)) == [
        ("2026-10", 1100.0, "by its due date 2026-10-31 it reached 1,100 (up to 2026-10), over the target 1,000")]


def _missed_plan(tmp_path, calendar):
    path = tmp_path / "p.ogsm"
    with Plan.create(path) as plan:
        plan.meta.set("calendar_start", calendar[0])
        plan.meta.set("calendar_end", calendar[1])
        top = plan.nodes.add(None, Kind.OBJECTIVE, title="增长")
        s = plan.nodes.add(top.id, Kind.STRATEGY, title="渠道", owner="李娜")
        m = plan.nodes.add(s.id, Kind.MEASURE, title="指标", code="M", target=1200.0, aggregation="sum",
                           due_date="2026-12-31")
        plan.actuals.write([(m.id, f"2026-{k:02d}", 90.0, 100.0, "") for k in range(1, 13)])
    return path


@pytest.mark.parametrize("calendar, day", [
    (("2026-01", "2028-12"), dt.date(2028, 6, 15)),      # a plan year of three years
    (("2026-01", "2026-12"), dt.date(2028, 2, 1)),       # a plan year left as it was for more than a year
])
def test_missed_is_said_the_same_now_and_at_a_version_when_the_year_began_before_the_rows_read(
        tmp_path, calendar, day):
    """Found by a reviewer: the goal due at the end of 2026 reached 1,080 of 1,200. The alerts panel (the
    plan as it is now) said it missed; the alerts of a report printed at the current version, read row by
    row from the start of the previous plan year only, did not."""
    path = _missed_plan(tmp_path, calendar)
    with Plan.open(path, readonly=True) as plan:
        last = plan.journal.last_batch_id()
        both = [[(a.since, a.numbers["reached"]) for a in plan_alerts.evaluate(plan, day, at_batch=at) if a.rule == "missed"]
                for at in (None, last)]
    assert both[0] == [("2026-12", 1080.0)]
    assert both[1] == both[0]


def test_no_actual_is_owed_for_a_period_after_the_due_date(tmp_path):
    """Found by a tester: a goal due on 31 October, its numbers kept to October, was said in December to
    have no actual for November. Nothing is owed after a goal or measure is due; the month the due date
    falls in still is."""
    def stale(last_month, day):
        where = tmp_path / str(last_month)
        where.mkdir()
        path = _plan_with(where, calendar=("2026-01", "2026-12"), target=100.0, aggregation="last",
                          due_date="2026-10-31", values={f"2026-{k:02d}": 100.0 for k in range(1, last_month + 1)})
        with Plan.open(path, readonly=True) as plan:
            last = plan.journal.last_batch_id()
            both = [[(a.since, a.numbers["due"]) for a in plan_alerts.evaluate(plan, day, at_batch=at) if a.rule == "stale"]
                    for at in (None, last)]
        assert both[0] == both[1], both                   # the sparing reads and row by row agree
        return both[0]

    assert stale(10, dt.date(2026, 12, 10)) == []
    assert stale(9, dt.date(2026, 12, 10)) == [("2026-10", "2026-10")]       # the month it is due in is owed


@pytest.mark.parametrize("target, values, said", [
    (250_000.0, [20_000.0, 41_000.0, 61_500.0, 81_500.0, 103_000.0, 124_000.0], "reaches 165,061 by"),  # (165,061.33)
    (3.0, [0.6, 1.0, 1.35, 1.7, 2.0, 2.2], "reaches 2.9 by"),         # (2.93) near a whole target: one decimal more
    (17.5, [5.05, 6.2, 7.35, 8.5, 9.6, 10.7], "reaches 13 by"),       # (12.99) the target's one decimal
], ids=["a count", "near the target", "a decimal target"])
def test_a_forecast_is_said_as_precisely_as_its_target_not_to_the_hundredth(target, values, said):
    """Found by the window's tester: "at this pace it reaches 226,966.67 by …" for a count of bookings — a
    projection said to the hundredth. It is said with the target's decimals, and one more only where that is what
    tells it from the target."""
    node = Node(1, Kind.GOAL, "G", "g", target=target, due_date="2026-12-31", aggregation="last")
    recent = [Actual(1, f"2026-{m:02d}", v, None) for m, v in zip(range(5, 11), values, strict=True)]
    found = next(a for a in alerts.node_alerts(node, recent, TODAY) if a.rule == "forecast")
    assert said in found.message, (found.numbers["forecast"], found.message)


@pytest.mark.parametrize("value, target, said", [
    (2.999, 3.0, "2.999"), (0.049, 0.05, "0.049"), (2.5, 4.0, "3"), (-0.004, 0.0, "-0.004"), (-0.4, 3.0, "0"), (3.0, 3.0, "3"),
    (165_061.33, 250_000.0, "165,061"),
])
def test_a_forecast_short_of_its_target_never_reads_as_the_target(value, target, said):
    """A second review's cases: 2.999 was said "3, short of the target 3"; halves rounded to even (2.5 → "2");
    a negative zero."""
    assert alerts._as_precise_as(value, target) == said
