"""The packaged app (built by `make dist`): it starts on the default plan and prints a report."""

import os
import subprocess
from pathlib import Path

import pypdf
import pytest

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dist" / "ogsm-desktop" / "ogsm-desktop"

pytestmark = pytest.mark.dist


@pytest.fixture
def env(tmp_path):
    return dict(os.environ, QT_QPA_PLATFORM="offscreen", OGSM_DESKTOP_DATA_DIR=str(tmp_path / "data"),
                XDG_CONFIG_HOME=str(tmp_path / "config"), HOME=str(tmp_path))


def run(env, *args):
    return subprocess.run([str(APP), *map(str, args)], capture_output=True, text=True, encoding="utf-8", env=env,
                          timeout=300)


def test_the_built_app_exists():
    assert APP.exists(), "run `make dist` first"
    assert (APP.parent / "_internal" / "ogsm_desktop" / "assets" / "fonts" / "wqy-microhei.ttc").exists()
    bundled = {p.name for p in (APP.parent / "_internal").iterdir()}
    assert not {"PyQt5", "PyQt6", "PySide2"} & bundled


def test_the_built_app_opens_the_default_plan(env, tmp_path):
    done = run(env | {"OGSM_DESKTOP_SMOKE_TEST": "1"})
    assert done.returncode == 0, done.stderr
    assert f"window shown: {tmp_path / 'data' / 'plan.ogsm'} (53 nodes)" in done.stdout


def test_the_built_app_prints_a_report(env, tmp_path):
    plan = tmp_path / "demo.ogsm"
    assert run(env, "demo", plan).returncode == 0
    out = tmp_path / "report.pdf"
    done = run(env, "report", plan, out)
    assert done.returncode == 0, done.stderr
    text = "".join(page.extract_text() for page in pypdf.PdfReader(out).pages)
    assert "成为新能源汽车消费的第一入口" in text.replace("\n", "")
