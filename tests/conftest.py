"""Shared test set-up: Qt offscreen, and every path the program writes to pointed at a temporary folder."""

import datetime as dt
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SHARED = Path(__file__).resolve().parents[2] / "shared"
REAL_WORLD = SHARED / "data" / "real-world"


# The demo plan's world is the end of 2026: ten months of actuals, November's not yet due (it falls due seven days
# after the month, on 2026-12-07, and the Alerts panel then speaks of it). Every test runs on this day, whatever the
# machine's date, time going on from there: on the day November's numbers fell due, five tests of the window's
# alerts changed verdict, and in 2027 the plan year would be another.
DEMO_DAY = dt.datetime(2026, 12, 3, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True, scope="session")
def _the_demo_s_day():
    import time_machine

    with time_machine.travel(DEMO_DAY, tick=True):
        yield


@pytest.fixture(autouse=True)
def _isolated_paths(tmp_path, monkeypatch):
    """No test touches the user's data folder or settings."""
    monkeypatch.setenv("OGSM_DESKTOP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("OGSM_DESKTOP_LOG_DIR", str(tmp_path / "logs"))


@pytest.fixture(autouse=True)
def _english(monkeypatch):
    """Tests speak English unless they choose Chinese (a developer's own locale does not leak in);
    commands they start follow the same locale."""
    from ogsm_desktop.core import i18n

    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    from ogsm_desktop.core import demo

    return demo.write(tmp_path_factory.mktemp("demo") / "demo.ogsm")


@pytest.fixture
def demo_path(demo_template, tmp_path) -> Path:
    """A fresh copy of the demo plan for one test."""
    path = tmp_path / "demo.ogsm"
    path.write_bytes(demo_template.read_bytes())
    return path


@pytest.fixture(scope="session", params=["generated", "real-world"])
def scorecard(request, tmp_path_factory) -> Path:
    """The balanced-scorecard workbook: generated here in the real file's shape, and the real file itself
    (``../shared/data/real-world``) when it is beside the project, as it is on CI."""
    if request.param == "generated":
        from tests.fixtures.scorecard import write_scorecard

        return write_scorecard(tmp_path_factory.mktemp("scorecard") / "BalancedScorecard_generated.xlsx")
    path = REAL_WORLD / "BalancedScorecard_FINAL.xlsx"
    if not path.exists():
        pytest.skip(f"{path} is not there (the real-world workbooks come with ../shared/data, as on CI); "
                    "the generated workbook of the same shape was tested instead")
    return path
