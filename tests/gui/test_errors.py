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
