"""Helpers shared by the tests."""

import hashlib
from pathlib import Path


def file_digest(path: Path) -> str:
    """The bytes of a plan file and its WAL: equal digests mean nothing was written."""
    h = hashlib.sha256()
    for p in (path, Path(f"{path}-wal")):
        if p.exists():
            h.update(p.read_bytes())
    return h.hexdigest()
