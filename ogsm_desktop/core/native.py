"""Calls into the libraries written in Rust (python-calamine reads workbooks, rustpy-xlsxwriter writes
them). Such a library stops on an error it does not return with a *panic*: PyO3 raises it as
``PanicException``, a BaseException that ``except Exception`` lets through, and Rust's panic hook has
already written its own lines ("thread '…' panicked at …", a backtrace when RUST_BACKTRACE is set) to the
process's standard error. The caller says the refusal in one line of its own; those lines are kept off the
terminal while the library runs, and whatever else was written there meanwhile is passed on afterwards."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import threading
from collections.abc import Iterator

# One call at a time holds the standard error: two threads holding it at once would each put back what the
# other had put in its place, and leave it held for good.
_HOLDING = threading.RLock()


def is_rust_panic(exc: BaseException) -> bool:
    """Whether ``exc`` is a Rust library's panic (see the module's words)."""
    return type(exc).__name__ == "PanicException" and type(exc).__module__ == "pyo3_runtime"


@contextlib.contextmanager
def quiet_panics() -> Iterator[None]:
    """Run a call into a Rust library with the process's standard error held in a file: dropped when the
    call panicked, passed on otherwise. Where it cannot be held (no file to hold it in), the call runs as
    it is."""
    with _HOLDING:
        try:
            held = tempfile.TemporaryFile()
        except OSError:
            yield
            return
        with held:
            yield from _held(held)


def _held(held) -> Iterator[None]:
    """Hold the standard error in ``held`` around the one ``yield``."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    try:
        saved = os.dup(2)
    except OSError:                 # no standard error at all (a windowed app): nothing to hold
        yield
        return
    os.dup2(held.fileno(), 2)
    panicked = False
    try:
        yield
    except BaseException as exc:
        panicked = is_rust_panic(exc)
        raise
    finally:
        with contextlib.suppress(Exception):
            sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)
        if not panicked:
            _pass_on(held)


def _pass_on(held) -> None:
    with contextlib.suppress(OSError):
        held.seek(0)
        while chunk := held.read(1 << 16):
            while chunk:
                chunk = chunk[os.write(2, chunk):]


def temporary_folder() -> str:
    """The folder a Rust library keeps its temporary files in (Rust's ``std::env::temp_dir``: TMPDIR on
    Unix, TMP then TEMP on Windows), which is not always the one Python's ``tempfile`` chooses."""
    if os.name == "nt":
        return os.environ.get("TMP") or os.environ.get("TEMP") or os.environ.get("USERPROFILE") or "C:\\Windows"
    return os.environ.get("TMPDIR") or "/tmp"
