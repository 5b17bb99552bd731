"""Calls into the Rust libraries: a panic's own words are kept off the terminal, nothing else is."""

import os

import pytest

from ogsm_desktop.core.native import is_rust_panic, quiet_panics

PanicException = type("PanicException", (BaseException,), {"__module__": "pyo3_runtime"})


def test_what_is_written_meanwhile_is_passed_on(capfd):
    with quiet_panics():
        os.write(2, b"a warning of another thread\n")
    assert capfd.readouterr().err == "a warning of another thread\n"


def test_an_error_that_is_not_a_panic_keeps_what_was_written(capfd):
    with pytest.raises(ValueError), quiet_panics():
        os.write(2, b"said before the error\n")
        raise ValueError("refused")
    assert capfd.readouterr().err == "said before the error\n"


def test_a_panic_s_own_words_are_dropped(capfd):
    with pytest.raises(BaseException) as raised, quiet_panics():
        os.write(2, b"thread '<unnamed>' panicked at src/lib.rs:1:1:\nindex out of bounds\n")
        raise PanicException("index out of bounds")
    assert is_rust_panic(raised.value)
    assert capfd.readouterr().err == ""
    os.write(2, b"after\n")                      # the terminal is the terminal again
    assert capfd.readouterr().err == "after\n"


def test_two_threads_leave_the_terminal_as_it_was(capfd):
    """Two calls at once each put back what they found: the second found the first's file, and the
    terminal was left held for good. One call holds it at a time."""
    import threading
    import time

    started = threading.Barrier(2, timeout=10)

    def call(word: bytes) -> None:
        started.wait()
        with quiet_panics():
            os.write(2, word)
            time.sleep(0.05)                    # the two calls overlap

    threads = [threading.Thread(target=call, args=(w,)) for w in (b"one\n", b"two\n")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    os.write(2, b"after\n")
    assert sorted(capfd.readouterr().err.splitlines()) == ["after", "one", "two"]


def test_a_process_without_a_standard_error_still_makes_the_call(monkeypatch):
    """A windowed app may have no standard error at all: the call runs as it is."""
    def no_stderr(fd):
        raise OSError(9, "Bad file descriptor")

    monkeypatch.setattr(os, "dup", no_stderr)
    ran = []
    with quiet_panics():
        ran.append(True)
    assert ran == [True]
