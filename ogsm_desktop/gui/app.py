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


def start_gui(argument: str | None = None, language: str | None = None,
              settings: Settings | None = None) -> tuple[QApplication, MainWindow | None]:
    """Everything the program does before its event loop (``make bench`` times it): the application, the log,
    the error reporter, the language, and the window shown on the plan (see :func:`run_gui`)."""
    app = make_app()
    setup_logging()
    ErrorReporter(app).install()           # (kept by the application, its parent)
    settings = settings or Settings()
    install(app, language or chosen_language(settings.language))
    return app, start_window(settings, argument)


def run_gui(argument: str | None = None, language: str | None = None) -> int:
    """The window on ``argument`` (a plan path) or the last/default plan; ``language`` (``--lang``) for this
    run, else the one chosen in Preferences, else the system's."""
    app, window = start_gui(argument, language)
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
    QTimer.singleShot(WARM_UP_AFTER_MS, lambda: _warm_up(window))
    return app.exec()


WARM_UP_AFTER_MS = 1000      # after the window is shown: what the dashboard needs is imported in the background


def _warm_up(window: MainWindow) -> None:
    """Import the dashboard's libraries once the window has opened its plan (a big plan's opening is not slowed)."""
    if window.opening.busy:
        QTimer.singleShot(WARM_UP_AFTER_MS, lambda: _warm_up(window))
        return
    from .panels.dashboard_charts import import_in_background

    import_in_background()


class _MainThreadCollector(QObject):
    """Python's cycle collector, run on the window's thread only.

    A collection starts in whichever thread allocates. Left on automatic, one started on a worker
    (reading a workbook) found a closed dialog caught in a reference cycle and destroyed its widgets on
    that thread, and Qt crashed: widgets may only be destroyed on the thread of the window. So
    automatic collection is switched off and a timer here collects, generation by generation, as
    often as the usual thresholds would have (the well-known remedy for Qt bindings).

    A big plan's workers allocate hundreds of thousands of objects a second, and each collection holds the
    window for as long as it takes. Every half second, those of the youngest objects took 40-120 ms, of the
    middle generation 0.3-0.45 s, and of everything 0.8 s (on the bench's big plan, at a change of the
    as-of date). So while much is allocated the timer looks again sooner, each time collecting the two younger
    generations (what survives is not looked at again ten times over), for collections of a few ms each; and a
    collection of everything, whose cost grows with all the plan held in memory rather than with what is new,
    waits until little is being allocated (or, allocation never stopping, a minute since the last one), and
    until at least ``FULL_SPACING`` times its last duration has passed. (Python's own rule for it, once the
    objects new since the last one are a quarter of those it kept, has no public counter.)"""

    INTERVAL_MS = 500
    BUSY_INTERVAL_MS = 25        # from a look finding ten times the youngest generation's threshold allocated
                                 # until one finds less than that threshold
    FULL_SPACING = 100           # a full collection takes at most about 1 % of the time
    BUSY_FULL_EVERY = 60.0       # seconds: while allocation never stops, a full collection all the same

    def __init__(self, app):
        super().__init__(app)
        self.threshold = gc.get_threshold()
        gc.disable()
        self._full_after = 0.0               # (time.monotonic) a full collection waits until then
        self._last_full = time.monotonic()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(self.INTERVAL_MS)

    def check(self) -> None:
        young, middle, old = gc.get_count()
        busy = self.timer.interval() == self.BUSY_INTERVAL_MS       # (until a look finds little allocated)
        busy = young > (self.threshold[0] if busy else 10 * self.threshold[0])
        self.timer.setInterval(self.BUSY_INTERVAL_MS if busy else self.INTERVAL_MS)
        if young <= self.threshold[0]:
            return
        generation = 1 if busy or middle > self.threshold[1] else 0
        now = time.monotonic()
        if generation == 1 and old > self.threshold[2] and now >= self._full_after and (
                not busy or now >= self._last_full + self.BUSY_FULL_EVERY):
            gc.collect(2)
            self._last_full = time.monotonic()
            self._full_after = self._last_full + self.FULL_SPACING * (self._last_full - now)
        else:
            gc.collect(generation)


_collector: _MainThreadCollector | None = None


def collect_on_main_thread(app) -> None:
    """Install the collector of :class:`_MainThreadCollector` on ``app`` (once per application)."""
    global _collector
    if _collector is None or _collector.parent() is not app:
        _collector = _MainThreadCollector(app)
