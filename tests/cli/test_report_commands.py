"""`report` on the command line: a pack is of the current plan."""

from ogsm_desktop.cli import main


def test_a_pack_of_a_version_is_refused_before_any_work(demo_path, tmp_path, capsys):
    from ogsm_desktop.core import demo

    out = tmp_path / "pack.pdf"
    assert main(["report", str(demo_path), str(out), "--preset", "board", "--version", demo.V1[0]]) == 1
    assert "leave out --version" in capsys.readouterr().err and not out.exists()


def test_a_unit_that_is_no_units_objective_is_refused_before_any_work(demo_path, tmp_path, capsys, qapp):
    """Found by the window's tester: `--preset department --unit C-S1` (a strategy) wrote a "Department pack" of the
    whole company without a word, and `--preset board --unit D1` left the unit out silently."""
    out = tmp_path / "pack.pdf"
    for code in ("C-S1", "C-S1-M1"):
        assert main(["report", str(demo_path), str(out), "--preset", "department", "--unit", code]) == 1
        err = capsys.readouterr().err
        assert f"{code} is not the objective of an org unit" in err and err.count("\n") == 1
    assert main(["report", str(demo_path), str(out), "--preset", "board", "--unit", "D1"]) == 1
    assert "the board pack is of the whole plan" in capsys.readouterr().err
    assert not out.exists()
    assert main(["--lang", "zh", "report", str(demo_path), str(out), "--preset", "board", "--unit", "D1"]) == 1
    err = capsys.readouterr().err
    assert "--unit" in err and "the board pack" not in err
    assert main(["report", str(demo_path), str(out), "--preset", "department", "--unit", "D1"]) == 0
    assert main(["report", str(demo_path), str(out), "--unit", "C-S1"]) == 0       # a plain report: of any branch


def test_a_version_with_its_changes_since_a_later_one_is_refused(demo_path, tmp_path, capsys, qapp):
    """Found by the window's tester: a report of an older version with --changes-since a later one listed the
    changes backwards (what was undone as made), without a word."""
    from ogsm_desktop.core import demo

    out = tmp_path / "r.pdf"
    assert main(["report", str(demo_path), str(out), "--version", demo.V1[0], "--changes-since", demo.V2[0]]) == 1
    err = capsys.readouterr().err
    assert "later than the version printed" in err and err.count("\n") == 1 and not out.exists()
    assert main(["report", str(demo_path), str(out), "--version", demo.V2[0], "--changes-since", demo.V1[0]]) == 0
    assert main(["--lang", "zh", "report", str(demo_path), str(out), "--version", demo.V1[0],
                 "--changes-since", demo.V2[0]]) == 1
    assert "later than" not in capsys.readouterr().err
