"""Starting the window: the Qt application, the bundled font, and which plan to open."""

from __future__ import annotations

import gc
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from .. import APP_ID, APP_NAME, __version__
from ..core import i18n
from ..core.paths import ensure_default_plan
from ..logs import setup_logging
from .errors import ErrorReporter
from .fonts import install_cjk_font
from .i18n import chosen_language, install
from .main_window import MainWindow
from .settings import Settings

SMOKE_ENV = "OGSM_DESKTOP_SMOKE_TEST"


def plan_to_open(argument: str | None, settings: Settings) -> Path:
    """The plan named on the command line, else the last plan, else the default (demo) plan."""
    if argument:
        return Path(argument)
    last = settings.last_plan
    if last and Path(last).exists():
        return Path(last)
    return ensure_default_plan()


def start_window(settings: Settings, argument: str | None = None) -> MainWindow | None:
    """Show the window on the plan named on the command line. A plan that is not there (a mistyped
    path) or cannot be opened is named in a message, and the plan the program opens without one (the
    last plan, else the default plan) is opened instead. None when no plan could be opened."""
    window = MainWindow(settings)
    window.show()
    if argument and Path(argument).exists() and window.open_plan(Path(argument)):
        return window                       # (a plan refused is named by open_plan, in its own message)
    fallback = plan_to_open(None, settings)
    if not window.open_plan(fallback):
        return None
    if argument and not Path(argument).exists():
        QMessageBox.warning(
            window, QCoreApplication.translate("App", "No plan there"),
            QCoreApplication.translate("App", "There is no plan file at\n%1\n\n%2 is open instead.")
            .replace("%1", os.path.abspath(argument)).replace("%2", str(fallback)))
    return window


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_ID)
    app.setApplicationVersion(__version__)
    install_cjk_font(app)
    collect_on_main_thread(app)
    return app


def headless_app():
    """A Qt application for drawing without a window (reports from the command line): offscreen when
    there is no display, with the bundled CJK font."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        if sys.platform.startswith("linux") and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication([sys.argv[0]])
    install_cjk_font(app)
    install(app, i18n.language())        # the report's words in the language the command speaks
    return app


def run_gui(argument: str | None = None, language: str | None = None) -> int:
    """The window on ``argument`` (a plan path) or the last/default plan; ``language`` (``--lang``) for this
    run, else the one chosen in Preferences, else the system's."""
    app = make_app()
    setup_logging()
    reporter = ErrorReporter(app)
    reporter.install()
    settings = Settings()
    install(app, language or chosen_language(settings.language))
    window = start_window(settings, argument)
    if window is None:
        return 1
    if os.environ.get(SMOKE_ENV):       # a packaging check: show the window on the plan, say so, quit
        app.processEvents()
        while window.opening.busy:      # a big plan opening in the background
            app.processEvents()
            time.sleep(0.01)
        if window.session is None:
            return 1
        print(f"window shown: {window.session.plan.path} ({len(window.session.model.tree.nodes)} nodes)")
        window.close()
        return 0
    return app.exec()


class _MainThreadCollector(QObject):
    """Python's cycle collector, run on the window's thread only.

    A collection starts in whichever thread allocates. Left on automatic, one started on a worker
    (reading a workbook) found a closed dialog caught in a reference cycle and destroyed its widgets on
    that thread, and Qt crashed: widgets may only be destroyed on the thread of the window. So
    automatic collection is switched off and a timer here collects, generation by generation, as
    often as the usual thresholds would have (the well-known remedy for Qt bindings)."""

    INTERVAL_MS = 500

    def __init__(self, app):
        super().__init__(app)
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(self.INTERVAL_MS)

    def check(self) -> None:
        young, middle, old = gc.get_count()
        if young > self.threshold[0]:
            gc.collect(0)
            if middle > self.threshold[1]:
                gc.collect(1)
                if old > self.threshold[2]:
                    gc.collect(2)


_collector: _MainThreadCollector | None = None


def collect_on_main_thread(app) -> None:
    """Install the collector of :class:`_MainThreadCollector` on ``app`` (once per application)."""
    global _collector
    if _collector is None or _collector.parent() is not app:
        _collector = _MainThreadCollector(app)
