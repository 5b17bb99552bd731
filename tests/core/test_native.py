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
