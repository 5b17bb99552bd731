"""The window starts without the machinery of what it does only when asked (the workbook readers and
writers, the printed report, the merge), so that start-up stays short: they are imported on first use."""

import json
import os
import subprocess
import sys

LATER = ("ogsm_desktop.core.excel.importer", "ogsm_desktop.core.excel.exporter", "ogsm_desktop.gui.report",
         "ogsm_desktop.core.report_data", "ogsm_desktop.core.merge", "ogsm_desktop.core.refresh",
         "ogsm_desktop.gui.dialogs.merge_dialog", "ogsm_desktop.gui.dialogs.import_dialog",
         "ogsm_desktop.gui.dialogs.about_dialog", "ogsm_desktop.gui.dialogs.preferences_dialog",
         "ogsm_desktop.gui.dialogs.version_dialogs", "ogsm_desktop.gui.dialogs.plan_settings_dialog", "openpyxl", "xlsxwriter", "rustpy_xlsxwriter",
         "python_calamine", "numpy", "matplotlib",
         # what a command, a tab or the alerts' worker use, not the window shown
         "ogsm_desktop.core.versions", "ogsm_desktop.core.merge_plan", "ogsm_desktop.core.alerts",
         "ogsm_desktop.core.charts", "ogsm_desktop.core.storage.glance", "ogsm_desktop.gui.models.glance_model",
         "ogsm_desktop.gui.dialogs.cascade_dialog")


def test_the_window_starts_without_what_it_imports_on_first_use(tmp_path):
    script = (
        "import json, sys\n"
        "from PySide6.QtCore import QSettings\n"
        "from ogsm_desktop.gui.app import make_app\n"
        "from ogsm_desktop.gui.main_window import MainWindow\n"
        "from ogsm_desktop.gui.settings import Settings\n"
        "app = make_app()\n"
        f"window = MainWindow(Settings(QSettings({str(tmp_path / 's.ini')!r}, QSettings.Format.IniFormat)))\n"
        "window.show()\n"
        "app.processEvents()\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
    loaded = set(json.loads(out.stdout.strip().splitlines()[-1]))
    assert "ogsm_desktop.gui.main_window" in loaded
    assert sorted(loaded & set(LATER)) == []


def test_what_is_imported_on_first_use_is_there(qapp):
    """Each module the window imports later imports cleanly (a typo would only show when the user asks)."""
    import importlib

    for name in LATER:
        importlib.import_module(name)


def test_the_dashboard_s_libraries_are_imported_in_the_background_once_the_window_is_open(tmp_path, demo_path):
    """matplotlib (0.6-0.9 s to import, and a font cache to build on a machine's first run) was imported when
    the Dashboard tab was first clicked, the window held meanwhile. Started from the command line, the window
    imports it on a thread of its own once its plan is open, the Dashboard not shown."""
    script = (
        "import sys, threading, time\n"
        "from ogsm_desktop.gui import app as app_module\n"
        "made = app_module.make_app\n"
        "def make_app(argv=None):\n"
        "    app = made(argv)\n"
        "    def exec_():\n"
        "        seen, end = False, time.monotonic() + 20\n"
        "        while time.monotonic() < end:\n"
        "            app.processEvents()\n"
        "            running = any(t.name == 'import matplotlib' for t in threading.enumerate())\n"
        "            seen = seen or running\n"
        "            if seen and not running:\n"
        "                break\n"
        "            time.sleep(0.02)\n"
        "        window = app.topLevelWidgets()\n"
        "        dashboards = [w.dashboard for w in window if hasattr(w, 'dashboard')]\n"
        "        print('imported' if 'matplotlib.backends.backend_qtagg' in sys.modules else 'not imported',\n"
        "              'shown' if any(d.canvas is not None for d in dashboards) else 'not shown')\n"
        "        return 0\n"
        "    app.exec = exec_\n"
        "    return app\n"
        "app_module.make_app = make_app\n"
        f"sys.exit(app_module.run_gui({str(demo_path)!r}))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "imported not shown"


PANELS = ("ogsm_desktop.gui.panels.detail_editor", "ogsm_desktop.gui.panels.numbers_panel",
          "ogsm_desktop.gui.panels.onepage_view", "ogsm_desktop.gui.panels.dashboard",
          "ogsm_desktop.gui.panels.dashboard_charts",
          "ogsm_desktop.gui.panels.cascade_map_view", "ogsm_desktop.gui.panels.history_panel",
          "ogsm_desktop.gui.panels.alerts_panel", "ogsm_desktop.gui.cascade_map")


def test_a_window_with_its_layout_saved_opens_its_plan_before_importing_its_panels(tmp_path, demo_path):
    """Started again (its layout saved), the window opens the plan on its tree without the panels' modules:
    they are imported once its first frame is painted (``gui/window_panels.py``), and then they are."""
    settings = str(tmp_path / "s.ini")
    start = (
        "import sys\n"
        "from PySide6.QtCore import QSettings\n"
        "from ogsm_desktop.gui.app import make_app\n"
        "from ogsm_desktop.gui.main_window import MainWindow\n"
        "from ogsm_desktop.gui.settings import Settings\n"
        "app = make_app()\n"
        f"window = MainWindow(Settings(QSettings({settings!r}, QSettings.Format.IniFormat)))\n"
        f"window.open_plan({str(demo_path)!r})\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    subprocess.run([sys.executable, "-c", start + "window.show()\napp.processEvents()\nwindow.close()\n"],
                   capture_output=True, text=True, env=env, check=True)
    script = start + (
        "import json\n"
        "before = sorted(sys.modules)\n"
        "window.show()\n"
        "from PySide6.QtCore import QTimer\n"
        "QTimer.singleShot(5000, app.quit)\n"
        "window.tree_view.viewport().update()\n"
        "def built():\n"
        "    if window.panels_built:\n"
        "        app.quit()\n"
        "    else:\n"
        "        QTimer.singleShot(10, built)\n"
        "built()\n"
        "app.exec()\n"
        "print(json.dumps([before, sorted(sys.modules), window.panels_built]))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
    before, after, built = json.loads(out.stdout.strip().splitlines()[-1])
    assert sorted(set(before) & set(PANELS)) == []
    assert built and sorted(set(after) & set(PANELS)) == sorted(PANELS)


def test_the_bench_times_the_start_the_program_makes(tmp_path, demo_path):
    """``make bench`` times the window as the program starts it (the entry point, then ``run_gui`` up to its event
    loop: its log, its error reporter, its language, the window shown and then the plan opened), against the bare
    window; both scripts run, and the program's settings are kept where the bench says."""
    from ogsm_desktop.bench.scripts import WINDOW_SCRIPT

    for mode in ("ours", "bare"):
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", OGSM_DESKTOP_LOG_DIR=str(tmp_path / mode),
                   XDG_CONFIG_HOME=str(tmp_path / "elsewhere"))
        out = subprocess.run([sys.executable, "-c", WINDOW_SCRIPT, mode, str(demo_path), str(tmp_path / "settings")],
                             capture_output=True, text=True, env=env, timeout=120)
        assert out.returncode == 0, out.stderr[-2000:]
        figures = json.loads(out.stdout.strip().splitlines()[-1])
        assert 0 < figures["shown"] <= figures["ready"] <= figures["alerts"]
        assert (tmp_path / mode / "ogsm-desktop.log").exists() == (mode == "ours")      # the program's log
    assert list((tmp_path / "settings").rglob("*.ini"))        # its settings, the window's layout saved there,
    assert not (tmp_path / "elsewhere").exists()                # not where the system keeps a user's
