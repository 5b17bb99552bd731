"""Where the program's own files are: ``assets/`` inside the package (package data, so a plain
``pip install .`` has them), or inside the app built by ``build.spec``."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_path(*parts: str) -> Path:
    bundled = getattr(sys, "_MEIPASS", None)
    base = Path(bundled) / "ogsm_desktop" if bundled else Path(__file__).resolve().parent
    return base.joinpath("assets", *parts)
