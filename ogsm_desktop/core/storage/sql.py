"""Small helpers for building SQL in the stores."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

CHUNK = 500          # ids per "IN (…)" list: well under SQLite's limit of bound values

# Rows of actuals, newest period first, as the plan lists periods (``periods.sort_key``: by end, then start).
# Periods of several lengths may end the same day (a measure whose frequency changed): among them the one
# that starts last, the shortest, comes first: a week, then a month, a quarter, the year.
NEWEST_FIRST = ("period_end DESC, CASE WHEN period LIKE '____-W%' THEN 0 WHEN period LIKE '____-Q%' THEN 2 "
                "WHEN length(period) = 4 THEN 3 ELSE 1 END")


def marks(values: Sequence) -> str:
    """``?,?,?`` — one placeholder per value."""
    return ",".join("?" * len(values))


def chunks(values: Sequence, size: int = CHUNK) -> Iterator[Sequence]:
    for start in range(0, len(values), size):
        yield values[start:start + size]
