"""Helpers for the few places where the core works on the whole big plan at once."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Hold the cycle collector while tens of thousands of small objects are built.

    Plan nodes and their containers hold no reference cycles, so nothing is leaked: the collector
    runs as usual afterwards. With 50,000 nodes alive, its passes otherwise double the time taken.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
