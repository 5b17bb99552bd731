"""Where the program keeps its files: the user data folder and the default plan (no Qt)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from .. import APP_NAME

DATA_DIR_ENV = "OGSM_DESKTOP_DATA_DIR"     # tests and portable installs point this elsewhere
DEFAULT_PLAN_NAME = "plan.ogsm"


def data_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_plan_path() -> Path:
    return data_dir() / DEFAULT_PLAN_NAME


def ensure_default_plan() -> Path:
    """The default plan, written from the demo on first use so a new user sees a real plan at once."""
    path = default_plan_path()
    if not path.exists():
        from .demo import write

        write(path)          # made beside it and moved into place whole
    return path
