"""What the commands share: printing, and the errors that mean a usage mistake."""

from __future__ import annotations

PROG = "ogsm-desktop"


class UsageError(Exception):
    """Arguments that do not fit together (exit 2)."""


def out(text: str = "") -> None:
    print(text)


def codes(nodes, limit: int = 6) -> str:
    found = [n.code for n in nodes]
    more = f", … {len(found) - limit} more" if len(found) > limit else ""
    return ", ".join(found[:limit]) + more
