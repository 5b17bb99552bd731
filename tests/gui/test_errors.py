"""Unexpected errors: logged with their traceback and shown in a dialog that names the log."""

import logging

from ogsm_desktop.gui.errors import ErrorReporter
from ogsm_desktop.logs import log_path, setup_logging


def test_an_unexpected_error_is_logged_and_shown_with_the_log_path(qapp, qtbot, messages):
    setup_logging()
    reporter = ErrorReporter()
    try:
        raise ValueError("boom in a slot")
    except ValueError as exc:
        reporter.excepthook(type(exc), exc, exc.__traceback__)
    qtbot.waitUntil(lambda: bool(messages.texts("critical")))
    shown = messages.texts("critical")[0]
    assert "ValueError: boom in a slot" in shown and str(log_path()) in shown
    logging.getLogger().handlers[-1].flush()
    logged = log_path().read_text(encoding="utf-8")
    assert "unexpected error" in logged and 'raise ValueError("boom in a slot")' in logged


def test_a_refusal_of_the_system_nobody_expected_is_said_in_the_users_language(qapp, qtbot, messages, tmp_path):
    """An OSError no code caught showed "PermissionError: [Errno 13] Permission denied: '…'" in the Chinese
    window's box: said through places.os_problem (the path and why, in Chinese); the log keeps the details."""
    import errno
    import os
    import re

    from ogsm_desktop.gui.i18n import install

    setup_logging()
    install(qapp, "zh_CN")
    try:
        reporter = ErrorReporter()
        target = tmp_path / "计划.ogsm"
        try:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(target))
        except PermissionError as exc:
            reporter.excepthook(type(exc), exc, exc.__traceback__)
        qtbot.waitUntil(lambda: bool(messages.texts("critical")))
        shown = messages.texts("critical")[0]
        rest = shown.replace(str(target), "").replace(str(log_path()), "")
        assert str(target) in shown and re.findall(r"[A-Za-z]{2,}", rest) == [], shown
    finally:
        install(qapp, "en")
