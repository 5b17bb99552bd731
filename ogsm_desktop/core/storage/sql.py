"""Small helpers for building SQL in the stores."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

CHUNK = 500          # ids per "IN (…)" list: well under SQLite's limit of bound values


def marks(values: Sequence) -> str:
    """``?,?,?`` — one placeholder per value."""
    return ",".join("?" * len(values))


def chunks(values: Sequence, size: int = CHUNK) -> Iterator[Sequence]:
    for start in range(0, len(values), size):
        yield values[start:start + size]
