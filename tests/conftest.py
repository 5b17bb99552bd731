"""Shared test set-up: Qt offscreen, and every path the program writes to pointed at a temporary folder."""

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(autouse=True)
def _isolated_paths(tmp_path, monkeypatch):
    """No test touches the user's data folder or settings."""
    monkeypatch.setenv("OGSM_DESKTOP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


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
