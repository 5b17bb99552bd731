"""The program's log: the standard ``logging`` module writing a rotating file in the user's log folder.

The window logs to it (unexpected errors with their tracebacks, alert evaluations that failed); the
command line says everything on stderr instead. No Qt here.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

import platformdirs

from . import APP_NAME

LOG_DIR_ENV = "OGSM_DESKTOP_LOG_DIR"      # tests and portable installs point this elsewhere
LOG_NAME = "ogsm-desktop.log"
_handler: logging.Handler | None = None


def log_dir() -> Path:
    override = os.environ.get(LOG_DIR_ENV)
    return Path(override) if override else Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def log_path() -> Path:
    return log_dir() / LOG_NAME


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Log to the rotating file (1 MB × 3); returns its path, or None when the folder cannot be written
    (the program then logs nowhere rather than failing)."""
    global _handler
    path = log_path()
    root = logging.getLogger()
    if _handler is not None:
        root.removeHandler(_handler)
        _handler.close()
        _handler = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    _handler = handler
    return path
