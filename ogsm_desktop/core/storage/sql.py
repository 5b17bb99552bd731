"""Small helpers for building SQL in the stores."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

CHUNK = 500          # ids per "IN (…)" list: well under SQLite's limit of bound values

# Rows of actuals in the order the plan lists periods (``periods.sort_key``: by end, then start). Periods of
# several lengths may end the same day (a measure whose frequency changed): the longer starts first, so it
# comes first, the year before the quarter, the month and the week; the newest is the shortest.
def period_length(column: str = "period") -> str:
    """SQL: how long the canonical period in ``column`` is, 0 a week, 1 a month, 2 a quarter, 3 a year."""
    return (f"CASE WHEN {column} LIKE '____-W%' THEN 0 WHEN {column} LIKE '____-Q%' THEN 2 "
            f"WHEN length({column}) = 4 THEN 3 ELSE 1 END")


OLDEST_FIRST = f"period_end, {period_length()} DESC"
NEWEST_FIRST = f"period_end DESC, {period_length()}"


def marks(values: Sequence) -> str:
    """``?,?,?`` — one placeholder per value."""
    return ",".join("?" * len(values))


def chunks(values: Sequence, size: int = CHUNK) -> Iterator[Sequence]:
    for start in range(0, len(values), size):
        yield values[start:start + size]
