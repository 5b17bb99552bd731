"""The PDF report on a disk that fills up while it is written: one line, the old report as it was.
(Qt's PDF writer says nothing when a write fails: it left a truncated PDF and said "wrote …".)"""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.core.storage.test_faults import _small_disk_available

ROOT = Path(__file__).resolve().parents[2]

FULL_DISK = textwrap.dedent("""
    set -e
    mount -t tmpfs -o size=$SIZE tmpfs "$DISK"
    cp "$PLAN" "$DISK/plan.ogsm"
    cp "$OLD" "$DISK/old.pdf"
    cd "$DISK"
    dd if=/dev/zero of=filler bs=4k count=$FILL 2>/dev/null || true
    if "$PYTHON" -m ogsm_desktop report plan.ogsm old.pdf > "$OUT/out" 2> "$OUT/err"; then echo 0; else echo $?; fi \
        > "$OUT/code"
    cp old.pdf "$OUT/old.pdf"
    ls -a > "$OUT/files"
""")


def test_a_report_that_does_not_fit_on_the_disk_is_one_line_and_keeps_the_old_one(demo_path, tmp_path, qapp):
    why = _small_disk_available()
    if why is not None:
        pytest.skip(f"a full disk needs a small tmpfs in a user namespace: {why}")
    from ogsm_desktop.cli import main

    old = tmp_path / "old.pdf"
    assert main(["report", str(demo_path), str(old)]) == 0
    plan_kb, pdf_kb = demo_path.stat().st_size // 1024, old.stat().st_size // 1024
    free_kb = pdf_kb // 2 + 40               # room for the plan's shared-memory file, not for the new report
    size_kb = plan_kb + pdf_kb + free_kb + 200
    disk, out = tmp_path / "disk", tmp_path / "out"
    disk.mkdir()
    out.mkdir()
    env = {"PATH": "/usr/bin:/bin", "SIZE": f"{size_kb}k", "FILL": str((size_kb - plan_kb - pdf_kb - free_kb) // 4),
           "DISK": str(disk), "PLAN": str(demo_path), "OLD": str(old), "OUT": str(out), "PYTHON": sys.executable,
           "PYTHONPATH": str(ROOT), "HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen",
           "OGSM_DESKTOP_DATA_DIR": str(tmp_path / "data"), "MPLCONFIGDIR": str(tmp_path / "mpl")}
    done = subprocess.run(["unshare", "-rm", "sh", "-c", FULL_DISK], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    code, err = (out / "code").read_text().strip(), (out / "err").read_text()
    assert code == "1" and "the disk is full" in err and err.count("\n") == 1, (code, err)
    assert (out / "old.pdf").read_bytes() == old.read_bytes()
    assert not [f for f in (out / "files").read_text().split() if f.endswith(".writing")]
