"""Filling the %1, %2 … of a translated text (PySide's ``tr()`` gives a Python str, without ``arg()``)."""

from __future__ import annotations

import re

_PLACE = re.compile(r"%(\d)")


def fill(template: str, *values) -> str:
    """``template`` with each %N replaced by the Nth value in one pass (a value that holds "%2" stays as it is)."""
    return _PLACE.sub(lambda m: str(values[int(m[1]) - 1]) if 0 < int(m[1]) <= len(values) else m[0], template)
