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


def test_the_built_app_speaks_chinese(env, tmp_path):
    """The translations ship inside the app: Qt's own for the standard dialogs, ours for the window, the
    gettext catalogue for the commands; the locale chooses, --lang overrides."""
    internal = APP.parent / "_internal"
    assert (internal / "ogsm_desktop" / "assets" / "locale" / "ogsm_zh_CN.qm").exists()
    assert (internal / "ogsm_desktop" / "assets" / "locale" / "zh_CN" / "LC_MESSAGES" / "ogsm.mo").exists()
    assert list(internal.rglob("qtbase_zh_CN.qm")), "Qt's own Chinese translations are not in the app"
    plan = tmp_path / "demo.ogsm"
    assert run(env, "demo", plan).returncode == 0
    chinese = run(env | {"LANG": "zh_CN.UTF-8"}, "alerts", plan)
    assert chinese.returncode == 0, chinese.stderr
    assert "低于目标值" in chinese.stdout and "below target" not in chinese.stdout
    english = run(env | {"LANG": "zh_CN.UTF-8"}, "alerts", plan, "--lang", "en")
    assert "below target" in english.stdout and "低于目标值" not in english.stdout
    out = tmp_path / "report.pdf"
    assert run(env | {"LANG": "zh_CN.UTF-8"}, "report", plan, out).returncode == 0
    text = "".join(page.extract_text() for page in pypdf.PdfReader(out).pages)
    assert "衡量与行动" in text.replace("\n", "").replace("\t", "")


def test_the_built_app_exports_and_imports_a_workbook(env, tmp_path):
    """The workbook writer reads its own package metadata when it is imported; the app carries it (a cold
    review found the app could not export: "No package metadata was found for rustpy-xlsxwriter")."""
    plan = tmp_path / "demo.ogsm"
    assert run(env, "demo", plan).returncode == 0
    out = tmp_path / "plan.xlsx"
    done = run(env, "export", plan, out)
    assert done.returncode == 0, done.stderr
    done = run(env, "import", plan, out, "--dry-run")
    assert done.returncode == 0, done.stderr
