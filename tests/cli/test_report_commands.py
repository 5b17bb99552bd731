"""`report` on the command line: a pack is of the current plan."""

from ogsm_desktop.cli import main


def test_a_pack_of_a_version_is_refused_before_any_work(demo_path, tmp_path, capsys):
    from ogsm_desktop.core import demo

    out = tmp_path / "pack.pdf"
    assert main(["report", str(demo_path), str(out), "--preset", "board", "--version", demo.V1[0]]) == 1
    assert "leave out --version" in capsys.readouterr().err and not out.exists()
