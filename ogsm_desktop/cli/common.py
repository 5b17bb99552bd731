"""What the commands share: printing, and the errors that mean a usage mistake."""

from __future__ import annotations

import os
import sys
import unicodedata

from ..core.fields import visible
from ..core.i18n import _, enumerated
from ..core.places import os_reason
from ..core.storage.errors import one_line

PROG = "ogsm-desktop"


class UsageError(Exception):
    """Arguments that do not fit together (exit 2)."""


class OutputClosed(Exception):
    """Standard output cannot be written (a full device, a closed terminal): not the plan's fault."""


def out(text: str = "") -> None:
    """One line of output: what the plan holds is shown, never sent to the terminal as control codes."""
    try:
        print(visible(text))
    except BrokenPipeError:
        raise                              # `… | head` closed the pipe: the caller stops quietly
    except OSError as exc:
        raise OutputClosed(os_reason(exc)) from None


def flush() -> None:
    """Write out what is buffered for stdout now, while a failure can still be reported."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputClosed(os_reason(exc)) from None


def drop_output() -> None:
    """Send what is still buffered for stdout nowhere, so that the exit does not fail on it again."""
    try:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, sys.stdout.fileno())
        os.close(fd)
    except (OSError, ValueError, AttributeError):
        pass


def err(text: str) -> None:
    """One line on stderr, whatever the text quoted in it (a line break is shown, not made)."""
    print(one_line(visible(text), limit=2000), file=sys.stderr)


def codes(nodes, limit: int = 6) -> str:
    found = [n.code for n in nodes]
    more = _(", … {count} more").format(count=len(found) - limit) if len(found) > limit else ""
    return enumerated(found[:limit]) + more


def width(text: str) -> int:
    """Columns ``text`` takes in a terminal: Chinese (wide and full-width) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def row(cells: list[tuple[str, int, str]]) -> str:
    """One line of a table: each cell ``(text, columns, "<" or ">")`` padded by what it shows, so that
    Chinese words keep the columns under one another; cells are separated by two spaces."""
    out = []
    for text, columns, align in cells:
        pad = " " * max(0, columns - width(text))
        out.append(pad + text if align == ">" else text + pad)
    return "  ".join(out).rstrip()


def has_display() -> bool:
    """Whether a window can be opened: on Linux a display (X11, Wayland) or a Qt platform chosen by hand
    (offscreen); without one Qt would abort with a misleading message."""
    if not sys.platform.startswith("linux"):
        return True
    return any(os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))
