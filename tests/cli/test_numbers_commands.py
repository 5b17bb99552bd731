"""`numbers` and `review` on the command line: the monthly routine without the window."""

from ogsm_desktop.cli import main
from ogsm_desktop.core.storage import Plan
from tests.helpers import file_digest


def run(capsys, *args):
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_numbers_prints_every_period_of_the_plan_year(demo_path, capsys):
    code, out, _ = run(capsys, "numbers", demo_path, "C-S1-M2", "--as-of", "2026-11-22")
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("C-S1-M2  试驾预约量  (次; monthly; periods add up as: sum")
    assert any(line.split() == ["2026-10", "21,500", "17,600", "off", "track"] for line in lines)
    assert any(line.split() == ["2026-12", "—", "—", "not", "due"] for line in lines)
    assert sum(line[:4] == "2026" for line in lines) == 12


def test_numbers_set_writes_one_journaled_batch_and_keeps_the_target(demo_path, capsys):
    code, out, _ = run(capsys, "numbers", demo_path, "C-S1-M2", "--set", "2026-11=22,800", "--set", "2026年12月=",
                       "--reason", "11月数据")
    assert code == 0 and "1 new, 0 changed, 0 unchanged actual value(s)" in out
    code, out, _ = run(capsys, "numbers", demo_path, "C-S1-M2", "--set", "2026-10=21000", "--target")
    assert code == 0 and "0 new, 1 changed" in out
    with Plan.open(demo_path, readonly=True) as plan:
        values = {a.period: (a.actual, a.target) for a in plan.actuals.of(plan.nodes.by_code("C-S1-M2").id)}
        assert values["2026-11"] == (22800.0, None) and values["2026-10"] == (17600.0, 21000.0)
        assert [b.reason for b in plan.journal.batches()[-2:]] == ["11月数据", ""]


def test_numbers_set_refuses_everything_when_one_value_or_period_is_wrong(demo_path, capsys):
    digest = file_digest(demo_path)
    code, _, err = run(capsys, "numbers", demo_path, "C-S1-M2", "--set", "2026-11=100", "--set", "2026-W47=5",
                       "--set", "2026Q4=1", "--set", "2026-12=lots")
    assert code == 1 and "nothing was written" in err
    assert "is a week, but C-S1-M2 is measured monthly" in err and "is a quarter" in err and "not a number" in err
    assert file_digest(demo_path) == digest
    code, _, err = run(capsys, "numbers", demo_path, "C-S1", "--set", "2026-11=1")
    assert code == 1 and "only goals and measures take numbers" in err


def test_numbers_set_refuses_a_per_cent_for_a_count_and_takes_it_for_a_measure_in_per_cent(demo_path, capsys):
    digest = file_digest(demo_path)
    code, _, err = run(capsys, "numbers", demo_path, "C-S1-M2", "--set", "2026-11=12%")
    assert code == 1 and "“12%” is a per cent, but C-S1-M2 is measured in 次" in err
    assert file_digest(demo_path) == digest
    code, _, _ = run(capsys, "numbers", demo_path, "C-S1-M1", "--set", "2026-11=12%")
    assert code == 0
    with Plan.open(demo_path, readonly=True) as plan:
        assert {a.period: a.actual for a in plan.actuals.of(plan.nodes.by_code("C-S1-M1").id)}["2026-11"] == 12.0


def test_review_prints_the_table_and_the_counts(demo_path, capsys):
    code, out, _ = run(capsys, "review", demo_path, "--unit", "D1", "--period", "2026Q3", "--as-of", "2026-11-22")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "review of 2026-Q3 for D1 让用户需求直接定义定制车型, as of 2026-11-22"
    assert any(line.split()[:5] == ["D1-S2-M1", "12", "10", "no", "off"] for line in lines)
    assert "D1 用户洞察团队: 4 achieved, 2 not achieved, 0 without a number, 0 without a target" in lines
    assert lines[-1] == "5 achieved, 3 not achieved, 0 without a number, 0 without a target"   # P1's items too
    code, _, err = run(capsys, "review", demo_path, "--unit", "C-S1", "--period", "2026Q3")
    assert code == 1 and "a review is of an objective" in err


def test_review_of_a_month_and_of_the_year_to_date(demo_path, capsys):
    code, out, _ = run(capsys, "review", demo_path, "--unit", "C", "--period", "2026-10", "--as-of", "2026-11-22")
    assert code == 0 and any(line.split()[:4] == ["C-S1-M2", "21,500", "17,600", "no"] for line in out.splitlines())
    code, out, _ = run(capsys, "review", demo_path, "--period", "2026", "--as-of", "2026-11-22")
    # the year to date of a summed measure adds its months: 184,900 booked against 188,000
    assert code == 0 and any(line.split()[:4] == ["C-S1-M2", "188,000", "184,900", "no"] for line in out.splitlines())


def test_a_comment_is_the_countermeasure_and_keeps_the_numbers(demo_path, capsys):
    code, _, _ = run(capsys, "numbers", demo_path, "C-S1-M2", "--set", "2026-10=加大门店试驾投放", "--comment")
    assert code == 0
    code, out, _ = run(capsys, "review", demo_path, "--unit", "C", "--period", "2026-10", "--as-of", "2026-11-22")
    assert "试驾预约量  [加大门店试驾投放]" in out
    with Plan.open(demo_path, readonly=True) as plan:
        october = plan.actuals.of(plan.nodes.by_code("C-S1-M2").id)[9]
        assert (october.actual, october.target, october.comment) == (17600.0, 21500.0, "加大门店试驾投放")


def test_a_figure_without_a_target_is_not_counted_as_without_a_number(demo_path, capsys):
    """October's bookings (17,600) with their target cleared, and the new partner-store measure with a
    target and no actual yet: one has no number, the other has a number and no target."""
    with Plan.open(demo_path) as plan:
        plan.actuals.write([(plan.nodes.by_code("C-S1-M2").id, "2026-10", 17600.0, None, "")])
    code, out, _ = run(capsys, "review", demo_path, "--unit", "C", "--period", "2026-10", "--as-of", "2026-11-22")
    lines = out.splitlines()
    assert code == 0 and any(line.split()[:5] == ["C-S1-M2", "—", "17,600", "—", "no"] for line in lines)
    assert "C 京东汽车: 8 achieved, 0 not achieved, 1 without a number, 1 without a target" in lines, lines[-6:]
    assert lines[-1] == "21 achieved, 3 not achieved, 1 without a number, 1 without a target"


def test_a_period_without_a_target_of_its_own_shows_the_measures_in_brackets(demo_path, capsys):
    """Found by a tester: the window shows C-S2-M3's January to September targets as "(1,000)" (the
    measure's, which applies), the command line showed "—" (none)."""
    code, out, _ = run(capsys, "numbers", demo_path, "C-S2-M3", "--as-of", "2026-11-22")
    january = next(line for line in out.splitlines() if line.startswith("2026-01"))
    assert code == 0 and "(1,000)" in january, january
